// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QObject>

class QAbstractItemView;
class QHeaderView;

namespace citygrid {

/// Keeps a table's or tree's text whole: every column as wide as its content and its header,
/// the width left over given to one column (the name), and a sideways scroll bar when the view
/// is narrower than that. A cell whose text is cut all the same (a column the user narrowed)
/// shows its whole text as its tooltip, unless the model gives a tooltip of its own.
class TableFit : public QObject
{
    Q_OBJECT
public:
    /// Fits `view`, whose column header is `header`; `stretch` takes the width left over.
    static TableFit *install(QAbstractItemView *view, QHeaderView *header, int stretch);

    /// Sizes the columns now (also done after every change of the rows and of the view's width).
    void fit();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    TableFit(QAbstractItemView *view, QHeaderView *header, int stretch);
    void fitLater();
    bool showWholeText(QEvent *event);

    QAbstractItemView *m_view;
    QHeaderView *m_header;
    int m_stretch;
    bool m_pending = false;
};

} // namespace citygrid
