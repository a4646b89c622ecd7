// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "gridcatalog.h"

#include <QLineEdit>

class QCompleter;
class QStandardItemModel;

namespace citygrid {

/// Finds a cell, community or subdistrict by code or name (partial match) as the user types and
/// offers the best matches; choosing one (or Enter for the best) emits areaChosen. GUI thread.
class SearchBox : public QLineEdit
{
    Q_OBJECT
public:
    explicit SearchBox(QWidget *parent = nullptr);
    void setCatalog(const GridCatalog &catalog, bool english);
    /// Runs the search for `text` as if typed, and chooses the best match; false if none.
    bool searchAndChoose(const QString &text);

signals:
    void areaChosen(const QString &code);

private:
    void refresh(const QString &text);
    GridCatalog m_catalog;
    bool m_english = false;
    QCompleter *m_completer;
    QStandardItemModel *m_model;
};

} // namespace citygrid
