// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/casetiming.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace citygrid {

namespace {

/// The clock runs while the unit works on the case; once it has reported back, a case stays red
/// only if that report came late.
bool clockRuns(const CaseRecord &record)
{
    return record.dueAt.isValid() && record.status.state == CaseState::Dispatched;
}

bool lateFeedback(const CaseRecord &record)
{
    return record.status.state == CaseState::Handled && record.dueAt.isValid() &&
           record.handledAt > record.dueAt;
}

} // namespace

qint64 CaseTiming::minutesLeft(const CaseRecord &record, const QDateTime &now,
                               const WorkingCalendar &calendar)
{
    return record.dueAt.isValid() ? calendar.workingMinutesBetween(now, record.dueAt) : 0;
}

CaseTiming::Level CaseTiming::level(const CaseRecord &record, const QDateTime &now,
                                    const WorkingCalendar &calendar, const AlertRules &alerts)
{
    if (lateFeedback(record))
        return Level::Overdue;
    if (!clockRuns(record))
        return Level::None;
    const qint64 left = minutesLeft(record, now, calendar);
    if (left < 0 || (left == 0 && now > record.dueAt))
        return Level::Overdue;
    const qint64 total = calendar.workingMinutesBetween(record.dispatchedAt, record.dueAt);
    return alerts.warns(left, total) ? Level::Warning : Level::OnTrack;
}

QDateTime CaseTiming::warningFrom(const CaseRecord &record, const WorkingCalendar &calendar,
                                  const AlertRules &alerts)
{
    const qint64 total = calendar.workingMinutesBetween(record.dispatchedAt, record.dueAt);
    // the first working minute at which the share used or the time left warns
    const qint64 byShare = qint64(std::ceil(double(total) * alerts.warningShareUsed()));
    const qint64 byLeft = total - alerts.warningMinutesLeft() + 1;
    return calendar.addWorkingMinutes(record.dispatchedAt,
                                      std::clamp<qint64>(std::min(byShare, byLeft), 0, total));
}

QString CaseTiming::describe(qint64 minutesLeft, int minutesPerDay)
{
    const qint64 m = std::llabs(minutesLeft);
    const qint64 days = minutesPerDay > 0 ? m / minutesPerDay : 0;
    const qint64 rest = minutesPerDay > 0 ? m % minutesPerDay : m;
    QString amount;
    if (days > 0)
        amount = days == 1 ? tr("1 working day %1 h").arg(rest / 60)
                           : tr("%1 working days %2 h").arg(days).arg(rest / 60);
    else if (rest >= 60)
        amount = tr("%1 working h %2 min").arg(rest / 60).arg(rest % 60);
    else
        amount = tr("%1 min").arg(rest);
    return minutesLeft >= 0 ? tr("%1 left").arg(amount) : tr("overdue by %1").arg(amount);
}

QString CaseTiming::describe(const CaseRecord &record, const QDateTime &now,
                             const WorkingCalendar &calendar)
{
    if (!clockRuns(record) && !lateFeedback(record))
        return {};
    // A late feedback stays late by the time it came after the deadline.
    const QDateTime until = record.status.state == CaseState::Handled ? record.handledAt : now;
    const qint64 left = calendar.workingMinutesBetween(until, record.dueAt);
    if (left == 0 && until > record.dueAt)
        return tr("overdue");
    return describe(left, calendar.minutesPerDay());
}

} // namespace citygrid
