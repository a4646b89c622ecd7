// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/indicators.h"
#include "calendar/workingcalendar.h"
#include "cases/casevocabulary.h"
#include "grid/gridlevel.h"
#include "store/sqlitedb.h"

#include <QDateTime>
#include <QHash>
#include <QStringList>

#include <limits>

namespace citygrid {

/// Which cases a thematic map or an indicator counts. Days are Julian day numbers of China dates
/// (QDate::toJulianDay); every empty field means "any".
struct FactFilter
{
    qint64 fromDay = std::numeric_limits<qint32>::min(); ///< reported on or after
    qint64 toDay = std::numeric_limits<qint32>::max();   ///< reported before
    QString categoryPrefix; ///< a minor category or a group ("E01", "C")
    QString areaCode;       ///< a subdistrict, community or cell (prefix of the cell code)
    QString channel;
    QString unitId;
    QList<CaseState> states;
    bool operator==(const FactFilter &) const = default;
};

/// What an area's cases add up to under a filter.
struct AreaTally
{
    int cases = 0;
    int open = 0;    ///< neither closed nor voided
    int overdue = 0; ///< at the time the facts were loaded
    int closed = 0;
    int closedOnTime = 0;
    int reworked = 0; ///< failed verification at least once
    bool operator==(const AreaTally &) const = default;
    AreaTally &operator+=(const AreaTally &o)
    {
        cases += o.cases;
        open += o.open;
        overdue += o.overdue;
        closed += o.closed;
        closedOnTime += o.closedOnTime;
        reworked += o.reworked;
        return *this;
    }
};

/// One case as the facts hold it: what a test or a benchmark builds by hand, and what load()
/// reads from the store.
struct CaseOutcome
{
    QString cell, category, unit, channel;
    QString post; ///< who answers for it: the feedback's person, else the dispatcher's, else the
                  ///< filer's
    QString postRole;
    CaseState state = CaseState::Reported;
    QDate reported, deadline, closed; ///< China dates; invalid when none
    bool filed = false, onTime = false, overdue = false, extended = false, deferred = false;
    int reworks = 0;
    int handlingMinutes = -1; ///< working minutes from dispatch to feedback; -1 before feedback
};

/// How indicators are grouped.
enum class IndicatorKey { Total, Subdistrict, Community, Cell, Unit, Post };

/// Every case of the store as a few numbers (about 32 bytes each), ordered by report day, so a
/// thematic map recounts a year of a million cases for any filter in milliseconds instead of
/// asking SQLite to group them (0.1 to 0.4 s here). Read once (on a worker) and replaced when
/// cases change; immutable, so any thread may read it.
class CaseFacts
{
public:
    static Result<CaseFacts> load(const SqliteDb &db, const QDateTime &now,
                                  const WorkingCalendar &calendar);

    /// Builds facts from cases one at a time (tests, benchmarks; load() uses it too).
    class Builder;
    friend class Builder;

    qsizetype size() const { return m_facts.size(); }
    /// The tallies of the matching cases per area of `level` (subdistrict, community or cell
    /// code); areas without a matching case are absent.
    QHash<QString, AreaTally> perArea(const FactFilter &filter, GridLevel level) const;
    /// The tallies of the matching cases per cell, indexed as cellCodes(): no code is hashed, so
    /// a city of 200,000 cells is counted in the time of the scan.
    QList<AreaTally> perCell(const FactFilter &filter) const;
    const QStringList &cellCodes() const { return m_cells; }
    /// The tallies of the matching cases per unit they were dispatched to (never-dispatched
    /// cases are left out).
    QHash<QString, AreaTally> perUnit(const FactFilter &filter) const;
    /// The tallies of the matching cases reported in each period [starts[i], starts[i + 1]).
    QList<AreaTally> perPeriod(const FactFilter &filter, const QList<qint64> &starts) const;
    /// The tally of every matching case.
    AreaTally total(const FactFilter &filter) const;
    /// The tally of the cases closed in [filter.fromDay, filter.toDay) that match the rest of
    /// the filter, whenever they were reported (a wall display's "closed today").
    AreaTally closedIn(const FactFilter &filter) const;
    /// The indicators of the period [filter.fromDay, filter.toDay) per key, of the cases that
    /// match the rest of the filter. Keys: area codes, unit ids, posts as "role/person", or ""
    /// for the total; keys without a case are absent.
    QHash<QString, Indicators> indicators(const FactFilter &filter, IndicatorKey key) const;
    /// The role of a post key and the person, split.
    static std::pair<QString, QString> splitPost(const QString &key);

private:
    struct Fact
    {
        qint32 reportedDay;
        qint32 dueDay;          // the earlier of deadline and closure; 0: neither
        qint32 closedDay;       // 0: open
        qint32 handlingMinutes; // -1: no feedback
        qint32 cell;            // index in m_cells
        qint16 category;        // index in m_categories
        qint16 unit;            // index in m_units (0: none)
        qint16 post;            // index in m_posts (0: none)
        quint8 channel;         // index in m_channels
        quint8 state;           // CaseState
        quint8 reworks;
        quint8 flags; // Flag bits
    };
    enum Flag : quint8 {
        OnTime = 1,
        Overdue = 2,
        Filed = 4,
        Extended = 8,
        Deferred = 16,
    };
    template <typename Visit>
    void forEach(const FactFilter &filter, Visit &&visit, bool byReportDay = true) const;
    static void add(AreaTally &tally, const Fact &fact);

    QList<Fact> m_facts;
    QStringList m_cells, m_categories, m_units, m_channels, m_posts;
};

class CaseFacts::Builder
{
public:
    Builder();
    void add(const CaseOutcome &outcome);
    CaseFacts finish();

private:
    struct Dictionary
    {
        QStringList *texts;
        QHash<QString, int> known;
        int indexOf(const QString &text);
    };
    CaseFacts m_result;
    Dictionary m_cells{&m_result.m_cells}, m_categories{&m_result.m_categories},
        m_units{&m_result.m_units}, m_channels{&m_result.m_channels}, m_posts{&m_result.m_posts};
};

} // namespace citygrid
