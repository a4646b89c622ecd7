// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "accounts/account.h"
#include "cases/caserecord.h"
#include "store/sqlitedb.h"

#include <QDateTime>
#include <QStringList>

#include <functional>

namespace citygrid {

/// What the case list (and an export) asks for: every field empty means "any". Plain value.
struct CaseFilter
{
    QStringList states;       ///< state ids
    QString categoryPrefix;   ///< a category id or the prefix of a group ("E01", "C")
    QString areaCode;         ///< a subdistrict, community or cell code (prefix of the cell code)
    QString unitId;           ///< the unit the case was dispatched to
    bool overdueOnly = false; ///< the clock ran out (at `now`), or the feedback came late
    bool openOnly = false;    ///< neither closed nor voided
    QDateTime reportedFrom;   ///< inclusive
    QDateTime reportedTo;     ///< exclusive
    QDateTime updatedFrom;    ///< changed at or after (a hand-over's increment)
    QString text;             ///< part of the case number, description or reporter
    bool operator==(const CaseFilter &) const = default;
    /// This filter kept to what `reader` may see (AccountScope): a unit's staff their unit's
    /// cases, an account bound to an area the cases in it.
    CaseFilter within(const Account &reader) const;
};

/// What the map draws of a case: where, its state, component or event, overdue or not.
struct CasePoint
{
    QString uuid;
    QPointF lonLat;
    QString cellCode;
    CaseState state = CaseState::Reported;
    bool component = false;
    bool overdue = false;
};

/// Pages of the `cases` table through one filter and order, as SQL with bound values (never
/// spliced text). The table is the projection of the events, so a page is one indexed query.
/// One thread at a time (the store's).
class CaseQuery
{
public:
    enum class Sort { Reported, CaseNo, State, Category, Cell, Unit, Due };

    CaseQuery(const SqliteDb &db, CaseFilter filter, QDateTime now)
        : m_db(db), m_filter(std::move(filter)), m_now(std::move(now))
    {
    }

    /// SQL true when a case is overdue at the time bound to parameter ?`nowParameter`: the clock
    /// ran out while dispatched, or the feedback came after the deadline.
    static QString overdueSql(int nowParameter);

    Result<qint64> count() const;
    Result<QList<CaseRecord>> page(Sort sort, bool ascending, qint64 offset, int limit) const;
    /// Every matching case in report order, one at a time (exports).
    Result<void> forEach(const std::function<void(const CaseRecord &)> &visit) const;
    /// Every matching case as the map needs it, without building whole records.
    Result<QList<CasePoint>> points() const;

private:
    /// `extra`: one more SQL condition on the filter's (no parameters of its own).
    /// `prefixesIndexed`: false keeps SQLite from reading the category or area by its index.
    QString where(const QString &extra = QString(), bool prefixesIndexed = true) const;
    Result<qint64> count(const QString &extra) const;
    Result<QList<CaseRecord>> rows(const QString &extra, const QString &order, qint64 offset,
                                   int limit) const;
    Result<QList<CaseRecord>> pageByDeadline(qint64 offset, int limit) const;
    void bindFilter(Statement &statement) const;

    const SqliteDb &m_db;
    CaseFilter m_filter;
    QDateTime m_now;
};

} // namespace citygrid
