// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "catalogues/categorycatalogue.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;

namespace citygrid {

/// Choosing a case's category as operators do: type a code ("E0102"), pinyin initials ("bllj")
/// or part of the name, and the matches narrow as you type; arrows and Enter pick one. Shows the
/// chosen category's deadline and filing standard. GUI thread.
class CategoryPicker : public QWidget
{
    Q_OBJECT
public:
    CategoryPicker(const CategoryCatalogue &catalogue, QWidget *parent = nullptr);

    QString categoryId() const { return m_chosen; }
    void setCategoryId(const QString &id);
    QLineEdit *searchEdit() const { return m_search; }
    QListWidget *matches() const { return m_list; }

signals:
    void categoryChanged(const QString &categoryId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void search(const QString &text);
    void choose(const QString &id);

    const CategoryCatalogue &m_catalogue;
    QLineEdit *m_search;
    QListWidget *m_list;
    QLabel *m_standard;
    QString m_chosen;
};

} // namespace citygrid
