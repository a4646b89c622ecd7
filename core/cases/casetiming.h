// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "calendar/workingcalendar.h"
#include "cases/caserecord.h"
#include "catalogues/alertrules.h"

#include <QCoreApplication>

namespace citygrid {

/// Where a case stands against its deadline, as operators read it everywhere a case appears:
/// green on track, amber in its warning time (alerts.json: by default under a quarter of the time
/// or under 2 working hours left), red when overdue, with the time written out ("剩余 1工作时20分",
/// "逾期 2工作日"). Stateless; any thread.
class CaseTiming
{
    Q_DECLARE_TR_FUNCTIONS(CaseTiming)
public:
    enum class Level { None, OnTrack, Warning, Overdue };

    /// Working minutes left at `now` (negative when overdue); 0 for a case without a limit.
    static qint64 minutesLeft(const CaseRecord &record, const QDateTime &now,
                              const WorkingCalendar &calendar);
    /// The colour class; None for cases the clock does not run on (not dispatched, deferred, done).
    static Level level(const CaseRecord &record, const QDateTime &now,
                       const WorkingCalendar &calendar, const AlertRules &alerts);
    /// When the case's warning time begins (its clock running): the moment the rules of
    /// `alerts` first warn.
    static QDateTime warningFrom(const CaseRecord &record, const WorkingCalendar &calendar,
                                 const AlertRules &alerts);
    /// "3 working days 2 h left", "overdue by 40 min" (working time, in the user's language).
    static QString describe(qint64 minutesLeft, int minutesPerDay);
    /// Where the case stands at `now`, as the list, the case view and the command line write it:
    /// the time left or how late, a late feedback by how late it came, "overdue" for a limit that
    /// ran out outside office hours; empty when the clock does not run (level None).
    static QString describe(const CaseRecord &record, const QDateTime &now,
                            const WorkingCalendar &calendar);
};

} // namespace citygrid
