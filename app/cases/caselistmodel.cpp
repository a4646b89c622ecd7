// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/caselistmodel.h"

#include "services/casesession.h"
#include "services/language.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace citygrid {

namespace {

CaseQuery::Sort sortOf(int column)
{
    switch (column) {
    case CaseListModel::Number:
        return CaseQuery::Sort::CaseNo;
    case CaseListModel::State:
        return CaseQuery::Sort::State;
    case CaseListModel::Category:
        return CaseQuery::Sort::Category;
    case CaseListModel::Place:
        return CaseQuery::Sort::Cell;
    case CaseListModel::Unit:
        return CaseQuery::Sort::Unit;
    case CaseListModel::Timing:
        return CaseQuery::Sort::Due;
    default:
        return CaseQuery::Sort::Reported;
    }
}

} // namespace

CaseListModel::CaseListModel(CaseSession &session, QObject *parent)
    : QAbstractTableModel(parent), m_session(session)
{
}

CaseQuery CaseListModel::query() const
{
    return m_session.caseQuery(m_filter);
}

void CaseListModel::setFilter(const CaseFilter &filter)
{
    if (m_loaded && filter == m_filter)
        return;
    m_filter = filter;
    refresh();
}

void CaseListModel::refresh()
{
    beginResetModel();
    m_loaded = true;
    m_rows.clear();
    const CaseQuery q = query();
    auto total = q.count();
    m_total = total ? total.value() : 0;
    auto page = q.page(m_sort, m_ascending, 0, pageSize);
    if (page)
        m_rows = rowsOf(page.value());
    endResetModel();
    emit totalChanged(m_total);
}

int CaseListModel::rowOf(const QString &uuid) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].record.uuid == uuid)
            return i;
    return -1;
}

int CaseListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CaseListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool CaseListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_rows.size() < m_total;
}

void CaseListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    auto page = query().page(m_sort, m_ascending, m_rows.size(), pageSize);
    if (!page || page.value().isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.value().size() - 1));
    m_rows.append(rowsOf(page.value()));
    endInsertRows();
}

QList<CaseListModel::Row> CaseListModel::rowsOf(const QList<CaseRecord> &records) const
{
    QList<Row> rows;
    rows.reserve(records.size());
    for (const CaseRecord &r : records)
        rows.append({r, m_session.timing(r), m_session.timingText(r)});
    return rows;
}

void CaseListModel::sort(int column, Qt::SortOrder order)
{
    m_sort = sortOf(column);
    m_ascending = order == Qt::AscendingOrder;
    refresh();
}

QVariant CaseListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows[index.row()];
    const CaseRecord &r = row.record;
    const auto level = row.level;
    switch (role) {
    case UuidRole:
        return r.uuid;
    case TimingLevelRole:
        return int(level);
    case Qt::DisplayRole:
        switch (index.column()) {
        case Number:
            return r.caseNo;
        case State: {
            QString text = CaseVocabulary::displayName(r.status.state);
            if (r.status.reworkCount > 0)
                text += tr(" (rework %1)").arg(r.status.reworkCount);
            return text;
        }
        case Category:
            return m_session.categoryName(r.categoryId);
        case Place:
            return m_session.grid().displayName(r.cellCode.left(12), language::isEnglish());
        case Unit:
            return r.unitId.isEmpty() ? QString() : m_session.unitName(r.unitId);
        case Reported:
            return r.reportedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        case Timing:
            if (r.status.state == CaseState::Closed)
                return r.onTime.value_or(true) ? tr("Closed on time") : tr("Closed late");
            return row.timing;
        }
        break;
    case Qt::ToolTipRole: {
        // The cell's whole text first (a narrow column elides it), then what the case is.
        const QString whole = data(index, Qt::DisplayRole).toString();
        const QString about = QStringLiteral("%1\n%2\n%3")
                                  .arg(r.caseNo, m_session.placeName(r.cellCode), r.description);
        return whole.isEmpty() || whole == r.caseNo ? about
                                                    : whole + QStringLiteral("\n\n") + about;
    }
    case Qt::ForegroundRole:
        if (index.column() == Timing && level == CaseTiming::Level::Overdue)
            return QBrush(QColor(0xb7, 0x1c, 0x1c));
        if (index.column() == Timing && level == CaseTiming::Level::Warning)
            return QBrush(QColor(0xa0, 0x5a, 0x00));
        if (index.column() == Timing && r.status.state == CaseState::Closed && r.onTime &&
            !*r.onTime)
            return QBrush(QColor(0x8a, 0x4b, 0x4b));
        break;
    case Qt::BackgroundRole:
        if (level == CaseTiming::Level::Overdue)
            return QBrush(QColor(0xfd, 0xe8, 0xe8));
        break;
    case Qt::FontRole:
        if (index.column() == Timing && level == CaseTiming::Level::Overdue) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant CaseListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Number:
        return tr("Case no.");
    case State:
        return tr("State");
    case Category:
        return tr("Category");
    case Place:
        return tr("Community");
    case Unit:
        return tr("Unit");
    case Reported:
        return tr("Reported");
    case Timing:
        return tr("Deadline");
    }
    return {};
}

} // namespace citygrid
