// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "widgets/tablefit.h"

#include <QAbstractItemView>
#include <QHeaderView>
#include <QHelpEvent>
#include <QTimer>
#include <QToolTip>
#include <QTreeView>

namespace citygrid {

TableFit *TableFit::install(QAbstractItemView *view, QHeaderView *header, int stretch)
{
    return new TableFit(view, header, stretch);
}

TableFit::TableFit(QAbstractItemView *view, QHeaderView *header, int stretch)
    : QObject(view), m_view(view), m_header(header), m_stretch(stretch)
{
    setObjectName(QStringLiteral("tableFit"));
    m_header->setSectionResizeMode(QHeaderView::Interactive);
    m_header->setStretchLastSection(false);
    m_header->setTextElideMode(Qt::ElideRight);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->viewport()->installEventFilter(this);
    m_view->installEventFilter(this);
    auto watch = [this](QAbstractItemModel *model) {
        if (!model)
            return;
        connect(model, &QAbstractItemModel::modelReset, this, &TableFit::fitLater);
        connect(model, &QAbstractItemModel::layoutChanged, this, &TableFit::fitLater);
        connect(model, &QAbstractItemModel::rowsInserted, this, &TableFit::fitLater);
        connect(model, &QAbstractItemModel::dataChanged, this, &TableFit::fitLater);
        connect(model, &QAbstractItemModel::headerDataChanged, this, &TableFit::fitLater);
    };
    watch(m_view->model());
    if (auto *tree = qobject_cast<QTreeView *>(m_view)) {
        connect(tree, &QTreeView::expanded, this, &TableFit::fitLater);
        connect(tree, &QTreeView::collapsed, this, &TableFit::fitLater);
    }
    fitLater();
}

void TableFit::fitLater()
{
    if (m_pending)
        return;
    m_pending = true;
    QTimer::singleShot(0, this, [this] {
        m_pending = false;
        fit();
    });
}

void TableFit::fit()
{
    // a hidden view measures every row (Qt measures only the rows in sight of a shown one): it
    // is fitted when it shows
    if (!m_view->isVisible())
        return;
    const int columns = m_header->count();
    QList<int> widths(columns, 0);
    int total = 0;
    for (int c = 0; c < columns; ++c) {
        if (m_header->isSectionHidden(c))
            continue;
        widths[c] = qMax(m_header->sectionSizeHint(c), m_view->sizeHintForColumn(c));
        total += widths[c];
    }
    const int room = m_view->viewport()->width();
    if (m_stretch >= 0 && m_stretch < columns && total < room)
        widths[m_stretch] += room - total;
    for (int c = 0; c < columns; ++c)
        if (!m_header->isSectionHidden(c) && m_header->sectionSize(c) != widths[c])
            m_header->resizeSection(c, widths[c]);
}

bool TableFit::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view) {
        if (event->type() == QEvent::Show)
            fitLater();
        return false;
    }
    if (event->type() == QEvent::Resize)
        fitLater();
    else if (event->type() == QEvent::ToolTip)
        return showWholeText(event);
    return false;
}

bool TableFit::showWholeText(QEvent *event)
{
    const auto *help = static_cast<QHelpEvent *>(event);
    const QModelIndex index = m_view->indexAt(help->pos());
    if (!index.isValid() || !index.data(Qt::ToolTipRole).toString().isEmpty())
        return false; // the model's own tooltip, or none
    const QString text = index.data(Qt::DisplayRole).toString();
    const QRect rect = m_view->visualRect(index);
    if (text.isEmpty() || m_view->sizeHintForIndex(index).width() <= rect.width())
        return false;
    QToolTip::showText(help->globalPos(), text, m_view->viewport(), rect);
    return true;
}

} // namespace citygrid
