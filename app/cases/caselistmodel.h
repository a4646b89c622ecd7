// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "cases/casequery.h"
#include "cases/casetiming.h"

#include <QAbstractTableModel>

namespace citygrid {

class CaseSession;

/// The case list: one filter and order over the store's cases, read a page at a time as the view
/// scrolls (fetchMore), so a million cases cost one page. Overdue cases carry their lateness and a
/// red tint. GUI thread.
class CaseListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Number, State, Category, Place, Unit, Reported, Timing, ColumnCount };
    enum Roles { UuidRole = Qt::UserRole + 1, TimingLevelRole };
    static constexpr int pageSize = 200;

    /// Empty until the first setFilter() or refresh(), so it is read once at start.
    explicit CaseListModel(CaseSession &session, QObject *parent = nullptr);

    void setFilter(const CaseFilter &filter);
    const CaseFilter &filter() const { return m_filter; }
    /// Re-reads the rows (after a step, or when the clock moved on).
    void refresh();
    /// All cases the filter matches, not only those read so far.
    qint64 totalCount() const { return m_total; }
    const CaseRecord &record(int row) const { return m_rows.at(row).record; }
    int rowOf(const QString &uuid) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order) override;

signals:
    void totalChanged(qint64 total);

private:
    CaseQuery query() const;

    CaseSession &m_session;
    CaseFilter m_filter;
    CaseQuery::Sort m_sort = CaseQuery::Sort::Reported;
    bool m_ascending = false;
    /// A case as read, with where it stands against its deadline worked out once (the view asks
    /// for it in several roles of every cell it paints).
    struct Row
    {
        CaseRecord record;
        CaseTiming::Level level;
        QString timing;
    };
    QList<Row> rowsOf(const QList<CaseRecord> &records) const;
    QList<Row> m_rows;
    qint64 m_total = 0;
    bool m_loaded = false;
};

} // namespace citygrid
