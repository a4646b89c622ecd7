// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "grid/gridcatalogue.h"

#include <QLineEdit>

class QCompleter;
class QMouseEvent;
class QStandardItemModel;

namespace citygrid {

/// Finds a cell, community or subdistrict by code or name (partial match) as the user types and
/// offers the best matches; choosing one (or Enter for the best) emits areaChosen. Choosing, or
/// Esc, emits left: the window gives the keyboard back to the map, so the tools' shortcut
/// letters are not typed into the box. GUI thread.
class SearchBox : public QLineEdit
{
    Q_OBJECT
public:
    explicit SearchBox(QWidget *parent = nullptr);
    void setCatalogue(const GridCatalogue &catalogue, bool english);
    /// Runs the search for `text` as if typed, and chooses the best match; false if none.
    bool searchAndChoose(const QString &text);
    /// The list of matches shown under the box while typing.
    QWidget *popup() const;

signals:
    void areaChosen(const QString &code);
    /// The user is done with the box (an area chosen, or Esc).
    void left();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void refresh(const QString &text);
    /// A mouse press while the list of matches shows (see eventFilter); true if it was used.
    bool pressWhileListed(QObject *receiver, QMouseEvent *press);
    GridCatalogue m_catalogue;
    bool m_english = false;
    QCompleter *m_completer;
    QStandardItemModel *m_model;
};

} // namespace citygrid
