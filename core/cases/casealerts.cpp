// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/casealerts.h"

#include "cases/casequery.h"
#include "cases/casetiming.h"
#include "cases/casevocabulary.h"
#include "store/storeschema.h"

#include <QHash>

#include <algorithm>

namespace citygrid {

/// A case the clock runs on, with who sent it and whether its unit has acknowledged it since.
struct CaseAlerts::Open
{
    CaseRecord record;
    CaseTiming::Level level = CaseTiming::Level::None;
    qint64 minutesLeft = 0;
    QString dispatcher;
    QString acknowledgedBy;
    QDateTime acknowledgedAt;
};

Result<QList<CaseAlerts::Open>> CaseAlerts::dispatched(const Account *reader,
                                                       const QDateTime &now) const
{
    CaseFilter filter;
    filter.states = {CaseVocabulary::id(CaseState::Dispatched)};
    if (reader)
        filter = filter.within(*reader);
    QList<Open> open;
    QHash<QString, qsizetype> index;
    const auto read = CaseQuery(m_db, filter, now).forEach([&](const CaseRecord &r) {
        if (!r.dueAt.isValid())
            return;
        index.insert(r.uuid, open.size());
        open.append({r,
                     CaseTiming::level(r, now, m_calendar, m_rules),
                     CaseTiming::minutesLeft(r, now, m_calendar),
                     {},
                     {},
                     {}});
    });
    if (!read)
        return read.error();
    // The latest dispatch of each (a rework sends it again) and the first acknowledgement since
    // it last came to the unit (the steps of bringsToUnit), in the order the events replay.
    auto events = Statement::prepare(
        m_db, QStringLiteral("SELECT e.case_uuid, e.step, e.actor, e.at FROM %1 e JOIN %2 c"
                             " ON c.uuid = e.case_uuid WHERE c.state = ?1"
                             " AND e.step IN ('dispatch', 'verify_fail', 'resume', 'acknowledge')"
                             " ORDER BY e.at, e.id")
                  .arg(storeschema::caseEventsTable(), storeschema::casesTable()));
    if (!events)
        return events.error();
    events.value().bind(1, CaseVocabulary::id(CaseState::Dispatched));
    const auto steps = events.value().forEachRow([&](const Statement &e) {
        const auto at = index.constFind(e.text(0));
        if (at == index.cend())
            return;
        Open &o = open[*at];
        const QString step = e.text(1);
        if (step == QLatin1String("acknowledge")) {
            if (o.acknowledgedBy.isEmpty()) {
                o.acknowledgedBy = e.text(2);
                o.acknowledgedAt = QDateTime::fromString(e.text(3), Qt::ISODateWithMs);
            }
            return;
        }
        if (!bringsToUnit(step))
            return;
        if (step == QLatin1String("dispatch"))
            o.dispatcher = e.text(2);
        o.acknowledgedBy.clear(); // back with the unit: a new acknowledgement is due
        o.acknowledgedAt = {};
    });
    if (!steps)
        return steps.error();
    return open;
}

Result<QList<CaseAlert>> CaseAlerts::forAccount(const Account &account, const QDateTime &now) const
{
    auto open = dispatched(&account, now);
    if (!open)
        return open.error();
    const bool escalatesToMe = m_rules.escalateToRoles().contains(account.roleId);
    QList<CaseAlert> alerts;
    for (const Open &o : std::as_const(open.value())) {
        const CaseRecord &r = o.record;
        const bool mine = (!account.unitId.isEmpty() && account.unitId == r.unitId) ||
                          o.dispatcher == account.name;
        const CaseAlert base{CaseAlert::Kind::Warning,
                             r.uuid,
                             r.caseNo,
                             r.unitId,
                             {},
                             o.minutesLeft,
                             {},
                             o.level == CaseTiming::Level::Overdue};
        if (mine &&
            (o.level == CaseTiming::Level::Warning || o.level == CaseTiming::Level::Overdue)) {
            CaseAlert a = base;
            a.at = o.level == CaseTiming::Level::Overdue
                       ? r.dueAt
                       : CaseTiming::warningFrom(r, m_calendar, m_rules);
            alerts.append(a);
        }
        if (escalatesToMe && o.level == CaseTiming::Level::Overdue) {
            CaseAlert a = base;
            a.kind = CaseAlert::Kind::Escalation;
            a.at = r.dueAt;
            alerts.append(a);
        }
        if (o.dispatcher == account.name && !o.acknowledgedBy.isEmpty()) {
            CaseAlert a = base;
            a.kind = CaseAlert::Kind::Acknowledged;
            a.at = o.acknowledgedAt;
            a.by = o.acknowledgedBy;
            alerts.append(a);
        }
    }
    std::stable_sort(alerts.begin(), alerts.end(),
                     [](const CaseAlert &a, const CaseAlert &b) { return a.at > b.at; });
    return alerts;
}

Result<CaseAlerts::Counts> CaseAlerts::counts(const QDateTime &now, const Account *reader) const
{
    auto open = dispatched(reader, now);
    if (!open)
        return open.error();
    Counts counts;
    for (const Open &o : std::as_const(open.value())) {
        counts.warnings += o.level == CaseTiming::Level::Warning;
        counts.escalations += o.level == CaseTiming::Level::Overdue;
        counts.unacknowledged += o.acknowledgedBy.isEmpty();
    }
    return counts;
}

bool CaseAlerts::bringsToUnit(const QString &step)
{
    return step == QLatin1String("dispatch") || step == QLatin1String("verify_fail") ||
           step == QLatin1String("resume");
}

bool CaseAlerts::acknowledged(const QList<CaseEvent> &history)
{
    for (auto e = history.crbegin(); e != history.crend(); ++e) {
        if (e->step == QLatin1String("acknowledge"))
            return true;
        if (bringsToUnit(e->step))
            return false;
    }
    return false;
}

QString CaseAlerts::timeText(const CaseAlert &alert, int minutesPerDay)
{
    if (alert.overdue && alert.minutesLeft >= 0)
        return CaseTiming::tr("overdue");
    return CaseTiming::describe(alert.minutesLeft, minutesPerDay);
}

QString CaseAlerts::text(const CaseAlert &alert, int minutesPerDay)
{
    switch (alert.kind) {
    case CaseAlert::Kind::Warning:
        return tr("Deadline warning · %1 · %2").arg(alert.caseNo, timeText(alert, minutesPerDay));
    case CaseAlert::Kind::Escalation:
        return tr("Escalated: overdue · %1 · %2").arg(alert.caseNo, timeText(alert, minutesPerDay));
    case CaseAlert::Kind::Acknowledged:
        return tr("Acknowledged by %1 · %2").arg(alert.by, alert.caseNo);
    }
    return {};
}

} // namespace citygrid
