// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "supervision/casefacts.h"

#include "cases/casequery.h"
#include "cases/caserows.h"
#include "store/storeschema.h"

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

/// A stored time ("2026-11-27T09:30:00.000+08:00") as its China date's Julian day and the
/// seconds since that midnight; {0, 0} when empty.
std::pair<qint64, int> dayAndSecond(QStringView stored)
{
    if (stored.size() < 19)
        return {0, 0};
    return {dayOf(stored), stored.mid(11, 2).toInt() * 3600 + stored.mid(14, 2).toInt() * 60 +
                               stored.mid(17, 2).toInt()};
}

QDate dateOf(QStringView stored)
{
    return stored.size() < 10 ? QDate() : QDate::fromJulianDay(dayOf(stored));
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

int CaseFacts::Builder::Dictionary::indexOf(const QString &text)
{
    auto it = known.constFind(text);
    if (it != known.cend())
        return *it;
    texts->append(text);
    return known.insert(text, int(texts->size() - 1)).value();
}

CaseFacts::Builder::Builder()
{
    m_units.indexOf(QString()); // index 0: no unit
    m_posts.indexOf(QString());
}

void CaseFacts::Builder::add(const CaseOutcome &o)
{
    Fact f{};
    f.reportedDay = qint32(o.reported.toJulianDay());
    f.closedDay = o.closed.isValid() ? qint32(o.closed.toJulianDay()) : 0;
    const qint32 deadlineDay = o.deadline.isValid() ? qint32(o.deadline.toJulianDay()) : 0;
    f.dueDay = deadlineDay && f.closedDay ? std::min(deadlineDay, f.closedDay)
                                          : std::max(deadlineDay, f.closedDay);
    f.handlingMinutes = o.handlingMinutes;
    f.cell = m_cells.indexOf(o.cell);
    f.category = qint16(m_categories.indexOf(o.category));
    f.unit = qint16(m_units.indexOf(o.unit));
    f.post = qint16(
        m_posts.indexOf(o.post.isEmpty() ? QString() : o.postRole + QLatin1Char('/') + o.post));
    f.channel = quint8(m_channels.indexOf(o.channel));
    f.state = quint8(o.state);
    f.reworks = quint8(std::clamp(o.reworks, 0, 255));
    f.flags = quint8((o.onTime ? OnTime : 0) | (o.overdue ? Overdue : 0) | (o.filed ? Filed : 0) |
                     (o.extended ? Extended : 0) | (o.deferred ? Deferred : 0));
    m_result.m_facts.append(f);
}

CaseFacts CaseFacts::Builder::finish()
{
    std::stable_sort(m_result.m_facts.begin(), m_result.m_facts.end(),
                     [](const Fact &a, const Fact &b) { return a.reportedDay < b.reportedDay; });
    return std::move(m_result);
}

Result<CaseFacts> CaseFacts::load(const SqliteDb &db, const QDateTime &now,
                                  const WorkingCalendar &calendar)
{
    // The steps that name a case's post or mark an extension or deferral, in time order, as
    // "step<US>role<US>actor" joined by <RS>: one index seek per case.
    auto query = Statement::prepare(
        db, QStringLiteral(
                "SELECT reported_at, cell_code, category_id, unit_id, channel, state, "
                "rework_count, on_time, %1, due_at, closed_at, dispatched_at, handled_at, "
                "(SELECT group_concat(e.step || char(31) || e.role || char(31) || e.actor, "
                "char(30)) FROM %3 e WHERE e.case_uuid = c.uuid AND e.step IN ('file', "
                "'dispatch', 'feedback', 'approve_extension', 'approve_deferral')) FROM %2 c")
                .arg(CaseQuery::overdueSql(1), storeschema::casesTable(),
                     storeschema::caseEventsTable()));
    if (!query)
        return query.error();
    query.value().bind(1, caserows::storedTime(now));
    Builder builder;
    CaseOutcome o;
    const QString filed = CaseVocabulary::id(CaseStep::File),
                  dispatched = CaseVocabulary::id(CaseStep::Dispatch),
                  fedBack = CaseVocabulary::id(CaseStep::Feedback),
                  extended = CaseVocabulary::id(CaseStep::ApproveExtension),
                  deferred = CaseVocabulary::id(CaseStep::ApproveDeferral);
    const auto read = query.value().forEachRow([&](const Statement &q) {
        o.reported = dateOf(q.text(0));
        o.cell = q.text(1);
        o.category = q.text(2);
        o.unit = q.text(3);
        o.channel = q.text(4);
        o.state = CaseVocabulary::stateFromId(q.text(5)).value_or(CaseState::Reported);
        o.reworks = int(std::min<qint64>(255, q.integer(6)));
        o.onTime = !q.isNull(7) && q.integer(7) != 0;
        o.overdue = q.integer(8) != 0;
        o.deadline = dateOf(q.text(9));
        o.closed = dateOf(q.text(10));
        const auto from = dayAndSecond(q.text(11)), to = dayAndSecond(q.text(12));
        o.handlingMinutes =
            from.first && to.first && from <= to
                ? int(calendar.workingSecondsBetween(from.first, from.second, to.first, to.second) /
                      60)
                : -1;
        o.filed = o.extended = o.deferred = false;
        QString postStep;
        o.post.clear();
        o.postRole.clear();
        const QString steps = q.text(13);
        for (QStringView entry : QStringView(steps).split(QChar(30), Qt::SkipEmptyParts)) {
            const auto parts = entry.split(QChar(31));
            if (parts.size() != 3)
                continue;
            const QStringView step = parts[0];
            o.filed |= step == filed;
            o.extended |= step == extended;
            o.deferred |= step == deferred;
            // the latest feedback, else the latest dispatch, else the filing
            const int rank = step == fedBack ? 3 : step == dispatched ? 2 : step == filed ? 1 : 0;
            const int held = postStep == fedBack      ? 3
                             : postStep == dispatched ? 2
                             : postStep == filed      ? 1
                                                      : 0;
            if (rank > 0 && rank >= held) {
                postStep = step.toString();
                o.postRole = parts[1].toString();
                o.post = parts[2].toString();
            }
        }
        builder.add(o);
    });
    if (!read)
        return read.error();
    return builder.finish();
}

template <typename Visit>
void CaseFacts::forEach(const FactFilter &filter, Visit &&visit, bool byReportDay) const
{
    // The report day orders the facts: the window is one run of them.
    const auto from =
        !byReportDay
            ? m_facts.cbegin()
            : std::lower_bound(m_facts.cbegin(), m_facts.cend(), filter.fromDay,
                               [](const Fact &f, qint64 day) { return f.reportedDay < day; });
    const auto to =
        !byReportDay
            ? m_facts.cend()
            : std::lower_bound(from, m_facts.cend(), filter.toDay,
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

QList<AreaTally> CaseFacts::perCell(const FactFilter &filter) const
{
    QList<AreaTally> result(m_cells.size());
    forEach(filter, [&](const Fact &f) { add(result[f.cell], f); });
    return result;
}

QHash<QString, AreaTally> CaseFacts::perArea(const FactFilter &filter, GridLevel level) const
{
    const QList<AreaTally> perCell = this->perCell(filter);
    QHash<QString, AreaTally> result;
    const int length = codeLength(level);
    if (length < 0) { // cells: one entry each, no merging (200,000 at city scale)
        result.reserve(perCell.size());
        for (qsizetype i = 0; i < perCell.size(); ++i)
            if (perCell[i].cases > 0)
                result.insert(m_cells[i], perCell[i]);
        return result;
    }
    for (qsizetype i = 0; i < perCell.size(); ++i)
        if (perCell[i].cases > 0)
            result[m_cells[i].left(length)] += perCell[i];
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

AreaTally CaseFacts::closedIn(const FactFilter &filter) const
{
    AreaTally t;
    forEach(
        filter,
        [&](const Fact &f) {
            if (f.closedDay && f.closedDay >= filter.fromDay && f.closedDay < filter.toDay)
                add(t, f);
        },
        false);
    return t;
}

QHash<QString, Indicators> CaseFacts::indicators(const FactFilter &filter, IndicatorKey key) const
{
    // Accumulate per dictionary index, then name the keys.
    const QStringList *names = key == IndicatorKey::Unit   ? &m_units
                               : key == IndicatorKey::Post ? &m_posts
                                                           : &m_cells;
    QList<Indicators> byIndex(key == IndicatorKey::Total ? 1 : names->size());
    const qint64 from = filter.fromDay, to = filter.toDay;
    forEach(
        filter,
        [&](const Fact &f) {
            const bool filedNow = (f.flags & Filed) && f.reportedDay >= from && f.reportedDay < to;
            const bool dueNow = f.dueDay && f.dueDay >= from && f.dueDay < to;
            const bool overdue = f.flags & Overdue;
            if (!filedNow && !dueNow && !overdue)
                return;
            Indicators &v = byIndex[key == IndicatorKey::Total  ? 0
                                    : key == IndicatorKey::Unit ? f.unit
                                    : key == IndicatorKey::Post ? f.post
                                                                : f.cell];
            if (filedNow) {
                ++v.filed;
                ++v.categories[m_categories[f.category]];
            }
            if (dueNow) {
                const bool closed = f.closedDay && f.closedDay < to;
                const bool onTime = closed && (f.flags & OnTime);
                const bool deferred = f.flags & Deferred;
                ++v.due;
                v.closed += closed;
                v.closedOnTime += onTime;
                v.deferred += deferred;
                v.deferredOnTime += deferred && onTime;
                v.extended += (f.flags & Extended) != 0;
                if (f.handlingMinutes >= 0) {
                    ++v.handled;
                    v.reworked += f.reworks > 0;
                    v.handlingMinutes.append(f.handlingMinutes);
                }
            }
            v.overdueNow += overdue;
        },
        false);
    QHash<QString, Indicators> result;
    const int length = key == IndicatorKey::Subdistrict ? codeLength(GridLevel::Subdistrict)
                       : key == IndicatorKey::Community ? codeLength(GridLevel::Community)
                                                        : -1;
    for (qsizetype i = 0; i < byIndex.size(); ++i) {
        const Indicators &v = byIndex[i];
        if (v.filed == 0 && v.due == 0 && v.overdueNow == 0)
            continue;
        if (key == IndicatorKey::Total)
            result.insert(QString(), v);
        else if ((key == IndicatorKey::Unit || key == IndicatorKey::Post) && i == 0)
            continue; // no unit or post
        else
            result[length < 0 ? names->at(i) : names->at(i).left(length)] += v;
    }
    return result;
}

std::pair<QString, QString> CaseFacts::splitPost(const QString &key)
{
    const qsizetype slash = key.indexOf(QLatin1Char('/'));
    return slash < 0 ? std::pair(QString(), key) : std::pair(key.left(slash), key.mid(slash + 1));
}

} // namespace citygrid
