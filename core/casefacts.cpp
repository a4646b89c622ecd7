// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "casefacts.h"

#include "casequery.h"
#include "caserows.h"
#include "storeschema.h"

#include <QDate>

#include <algorithm>

namespace citygrid {

namespace {

/// The Julian day of a stored time ("2026-11-27T09:30:00.000+08:00": its China date).
qint32 dayOf(QStringView stored)
{
    if (stored.size() < 10)
        return 0;
    return qint32(
        QDate(stored.mid(0, 4).toInt(), stored.mid(5, 2).toInt(), stored.mid(8, 2).toInt())
            .toJulianDay());
}

/// The index of `text` in `dictionary`, added if new.
int indexIn(QStringList &dictionary, QHash<QString, int> &known, const QString &text)
{
    auto it = known.constFind(text);
    if (it != known.cend())
        return *it;
    dictionary << text;
    return known.insert(text, int(dictionary.size() - 1)).value();
}

int codeLength(GridLevel level)
{
    switch (level) {
    case GridLevel::Subdistrict:
        return 9;
    case GridLevel::Community:
        return 12;
    default:
        return -1; // the whole cell code (14 or 15 digits)
    }
}

} // namespace

Result<CaseFacts> CaseFacts::load(const SqliteDb &db, const QDateTime &now)
{
    auto query = Statement::prepare(
        db, QStringLiteral("SELECT reported_at, cell_code, category_id, unit_id, channel, state, "
                           "rework_count, on_time, %1 FROM %2")
                .arg(CaseQuery::overdueSql(1), storeschema::casesTable()));
    if (!query)
        return query.error();
    query.value().bind(1, caserows::storedTime(now));
    CaseFacts facts;
    QHash<QString, int> cells, categories, units, channels;
    facts.m_units << QString(); // index 0: no unit
    units.insert(QString(), 0);
    const auto read = query.value().forEachRow([&](const Statement &q) {
        Fact f{};
        f.reportedDay = dayOf(q.text(0));
        f.cell = indexIn(facts.m_cells, cells, q.text(1));
        f.category = qint16(indexIn(facts.m_categories, categories, q.text(2)));
        f.unit = qint16(indexIn(facts.m_units, units, q.text(3)));
        f.channel = quint8(indexIn(facts.m_channels, channels, q.text(4)));
        f.state = quint8(CaseVocabulary::stateFromId(q.text(5)).value_or(CaseState::Reported));
        f.reworks = quint8(std::min<qint64>(255, q.integer(6)));
        f.flags = quint8((!q.isNull(7) && q.integer(7) != 0 ? OnTime : 0) |
                         (q.integer(8) != 0 ? Overdue : 0));
        facts.m_facts.append(f);
    });
    if (!read)
        return read.error();
    std::stable_sort(facts.m_facts.begin(), facts.m_facts.end(),
                     [](const Fact &a, const Fact &b) { return a.reportedDay < b.reportedDay; });
    return facts;
}

template <typename Visit> void CaseFacts::forEach(const FactFilter &filter, Visit &&visit) const
{
    // The report day orders the facts: the window is one run of them.
    const auto from =
        std::lower_bound(m_facts.cbegin(), m_facts.cend(), filter.fromDay,
                         [](const Fact &f, qint64 day) { return f.reportedDay < day; });
    const auto to = std::lower_bound(from, m_facts.cend(), filter.toDay,
                                     [](const Fact &f, qint64 day) { return f.reportedDay < day; });
    // Dictionary tests once, then a flag per index.
    QList<bool> category(m_categories.size(), true);
    if (!filter.categoryPrefix.isEmpty())
        for (qsizetype i = 0; i < m_categories.size(); ++i)
            category[i] = m_categories[i].startsWith(filter.categoryPrefix);
    QList<bool> cell(m_cells.size(), true);
    if (!filter.areaCode.isEmpty())
        for (qsizetype i = 0; i < m_cells.size(); ++i)
            cell[i] = m_cells[i].startsWith(filter.areaCode);
    const int unit = filter.unitId.isEmpty() ? -1 : int(m_units.indexOf(filter.unitId));
    const int channel = filter.channel.isEmpty() ? -1 : int(m_channels.indexOf(filter.channel));
    if ((!filter.unitId.isEmpty() && unit < 0) || (!filter.channel.isEmpty() && channel < 0))
        return;
    quint32 states = 0;
    for (CaseState s : filter.states)
        states |= 1u << int(s);
    for (auto it = from; it != to; ++it) {
        const Fact &f = *it;
        if (!category[f.category] || !cell[f.cell] || (unit >= 0 && f.unit != unit) ||
            (channel >= 0 && f.channel != channel) || (states && !(states & (1u << f.state))))
            continue;
        visit(f);
    }
}

void CaseFacts::add(AreaTally &t, const Fact &f)
{
    const auto state = CaseState(f.state);
    ++t.cases;
    const bool closed = state == CaseState::Closed;
    t.open += !closed && state != CaseState::Voided;
    t.closed += closed;
    t.closedOnTime += closed && (f.flags & OnTime);
    t.overdue += (f.flags & Overdue) != 0;
    t.reworked += f.reworks > 0;
}

QHash<QString, AreaTally> CaseFacts::perArea(const FactFilter &filter, GridLevel level) const
{
    QList<AreaTally> perCell(m_cells.size());
    forEach(filter, [&](const Fact &f) { add(perCell[f.cell], f); });
    QHash<QString, AreaTally> result;
    const int length = codeLength(level);
    for (qsizetype i = 0; i < perCell.size(); ++i) {
        const AreaTally &c = perCell[i];
        if (c.cases == 0)
            continue;
        result[length < 0 ? m_cells[i] : m_cells[i].left(length)] += c;
    }
    return result;
}

QHash<QString, AreaTally> CaseFacts::perUnit(const FactFilter &filter) const
{
    QList<AreaTally> byIndex(m_units.size());
    forEach(filter, [&](const Fact &f) { add(byIndex[f.unit], f); });
    QHash<QString, AreaTally> result;
    for (qsizetype i = 1; i < byIndex.size(); ++i) // 0: no unit
        if (byIndex[i].cases > 0)
            result.insert(m_units[i], byIndex[i]);
    return result;
}

QList<AreaTally> CaseFacts::perPeriod(const FactFilter &filter, const QList<qint64> &starts) const
{
    QList<AreaTally> result(std::max<qsizetype>(0, starts.size() - 1));
    if (result.isEmpty())
        return result;
    FactFilter within = filter;
    within.fromDay = std::max(filter.fromDay, starts.first());
    within.toDay = std::min(filter.toDay, starts.last());
    forEach(within, [&](const Fact &f) {
        // the facts come in day order, but a binary search keeps this simple and exact
        const auto at = std::upper_bound(starts.cbegin(), starts.cend(), qint64(f.reportedDay));
        add(result[at - starts.cbegin() - 1], f);
    });
    return result;
}

AreaTally CaseFacts::total(const FactFilter &filter) const
{
    AreaTally t;
    forEach(filter, [&](const Fact &f) { add(t, f); });
    return t;
}

} // namespace citygrid
