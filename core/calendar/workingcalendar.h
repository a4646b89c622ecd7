// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"
#include "calendar/deadline.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QSet>

namespace citygrid {

/// Working time as the command centre counts it: office hours on working days, where working days
/// are weekdays that are not public holidays plus the make-up days (调休) China moves each year.
/// Loaded from data (data/catalogues/calendar.json); times are local (Asia/Shanghai, UTC+8, no
/// DST). Value type; read-only use from any thread.
class WorkingCalendar
{
    Q_DECLARE_TR_FUNCTIONS(WorkingCalendar)
public:
    struct Period
    {
        QTime start;
        QTime end;
    };

    /// Parses and checks the calendar JSON; an Error names what is wrong and where.
    static Result<WorkingCalendar> fromJson(const QByteArray &json);

    bool isWorkingDay(QDate date) const;
    /// True if the calendar lists the date's year (false: only weekends are known for it).
    bool coversYear(int year) const { return m_years.contains(year); }
    bool isProvisional(int year) const { return m_provisionalYears.contains(year); }
    QList<Period> officeHours() const { return m_periods; }
    /// Working minutes in one working day.
    int minutesPerDay() const;

    /// The moment `minutes` of working time after `start` (start itself may lie outside hours).
    QDateTime addWorkingMinutes(const QDateTime &start, qint64 minutes) const;
    /// The same time of day on the `days`-th working day after `start`; a start outside office
    /// hours counts from the next opening.
    QDateTime addWorkingDays(const QDateTime &start, int days) const;
    /// When a limit that starts at `start` runs out.
    QDateTime due(const QDateTime &start, const Deadline &deadline) const;
    /// Working minutes from `from` to `to`; negative when `to` is earlier.
    qint64 workingMinutesBetween(const QDateTime &from, const QDateTime &to) const;
    /// The same in seconds, for China-local Julian days and seconds since midnight: no QDateTime,
    /// so indicators can measure a million cases on load.
    qint64 workingSecondsBetween(qint64 fromDay, int fromSecond, qint64 toDay, int toSecond) const;

private:
    /// The first moment at or after `t` that lies inside office hours.
    QDateTime nextOpen(const QDateTime &t) const;
    QList<Period> m_periods;
    QSet<int> m_weekend; // ISO day numbers, 6 = Saturday
    QSet<QDate> m_holidays;
    QSet<QDate> m_makeupDays;
    QSet<int> m_years;
    QSet<int> m_provisionalYears;
};

} // namespace citygrid
