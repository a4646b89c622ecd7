// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "calendar/workingcalendar.h"

#include "base/jsonfile.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace citygrid {

namespace {

constexpr int chinaOffset = 8 * 3600; // Asia/Shanghai: UTC+8 all year
constexpr int searchLimitDays = 4000; // no holiday run is longer; guards against an empty calendar

QDateTime local(const QDateTime &t)
{
    return t.toOffsetFromUtc(chinaOffset);
}
QDateTime at(QDate date, QTime time)
{
    return QDateTime(date, time, Qt::OffsetFromUTC, chinaOffset);
}

Error calendarError(const QString &message)
{
    return {QStringLiteral("calendar.invalid"), message, {}};
}

} // namespace

Result<WorkingCalendar> WorkingCalendar::fromJson(const QByteArray &json)
{
    const auto parsed = parseJsonObject(json, QStringLiteral("calendar.json"),
                                        tr("The working-time calendar is not valid JSON"));
    if (!parsed)
        return parsed.error();
    const QJsonObject &doc = parsed.value();
    const QJsonObject &root = doc;
    WorkingCalendar calendar;
    for (const QJsonValue &value : root[QLatin1String("office_hours")].toArray()) {
        const QJsonArray pair = value.toArray();
        const QTime start = QTime::fromString(pair[0].toString(), QStringLiteral("HH:mm"));
        const QTime end = QTime::fromString(pair[1].toString(), QStringLiteral("HH:mm"));
        if (!start.isValid() || !end.isValid() || end <= start ||
            (!calendar.m_periods.isEmpty() && start < calendar.m_periods.last().end))
            return calendarError(
                tr("Office hours must be increasing \"HH:mm\" pairs that do not overlap "
                   "(at \"%1\")")
                    .arg(pair[0].toString()));
        calendar.m_periods.append({start, end});
    }
    if (calendar.m_periods.isEmpty())
        return calendarError(tr("The calendar gives no office hours"));
    for (const QJsonValue &day : root[QLatin1String("weekend")].toArray()) {
        if (day.toInt() < 1 || day.toInt() > 7)
            return calendarError(tr("Weekend days are numbered 1 (Monday) to 7 (Sunday)"));
        calendar.m_weekend.insert(day.toInt());
    }
    const QJsonObject years = root[QLatin1String("years")].toObject();
    for (auto it = years.begin(); it != years.end(); ++it) {
        const int year = it.key().toInt();
        const QJsonObject entry = it.value().toObject();
        calendar.m_years.insert(year);
        if (entry[QLatin1String("status")].toString() == QLatin1String("provisional"))
            calendar.m_provisionalYears.insert(year);
        for (const QJsonValue &value : entry[QLatin1String("holidays")].toArray()) {
            const QJsonArray range = value.toArray();
            const QDate from = QDate::fromString(range[0].toString(), Qt::ISODate);
            const QDate to = QDate::fromString(range[1].toString(), Qt::ISODate);
            if (!from.isValid() || !to.isValid() || to < from || from.year() != year)
                return calendarError(tr("Holiday %1 to %2 in %3 is not a valid range of that year")
                                         .arg(range[0].toString(), range[1].toString(), it.key()));
            for (QDate d = from; d <= to; d = d.addDays(1))
                calendar.m_holidays.insert(d);
        }
        for (const QJsonValue &value : entry[QLatin1String("makeup_workdays")].toArray()) {
            const QDate d = QDate::fromString(value.toString(), Qt::ISODate);
            if (!d.isValid() || calendar.m_holidays.contains(d))
                return calendarError(
                    tr("Make-up working day \"%1\" is not a valid date outside the holidays")
                        .arg(value.toString()));
            calendar.m_makeupDays.insert(d);
        }
    }
    return calendar;
}

bool WorkingCalendar::isWorkingDay(QDate date) const
{
    if (m_makeupDays.contains(date))
        return true;
    return !m_holidays.contains(date) && !m_weekend.contains(date.dayOfWeek());
}

int WorkingCalendar::minutesPerDay() const
{
    int minutes = 0;
    for (const Period &p : m_periods)
        minutes += p.start.secsTo(p.end) / 60;
    return minutes;
}

QDateTime WorkingCalendar::nextOpen(const QDateTime &t) const
{
    const QDateTime start = local(t);
    QDate date = start.date();
    QTime time = start.time();
    for (int i = 0; i < searchLimitDays; ++i, date = date.addDays(1), time = QTime(0, 0)) {
        if (!isWorkingDay(date))
            continue;
        for (const Period &p : m_periods)
            if (time < p.end)
                return at(date, std::max(time, p.start));
    }
    return {};
}

QDateTime WorkingCalendar::addWorkingMinutes(const QDateTime &start, qint64 minutes) const
{
    QDateTime t = nextOpen(start);
    qint64 remaining = minutes * 60; // seconds
    while (t.isValid()) {
        const Period *period = nullptr;
        for (const Period &p : m_periods)
            if (t.time() >= p.start && t.time() < p.end)
                period = &p;
        if (!period)
            return {};
        const qint64 available = t.time().secsTo(period->end);
        if (remaining <= available)
            return t.addSecs(remaining);
        remaining -= available;
        t = nextOpen(at(t.date(), period->end));
    }
    return {};
}

QDateTime WorkingCalendar::addWorkingDays(const QDateTime &start, int days) const
{
    const QDateTime open = nextOpen(start);
    if (!open.isValid())
        return {};
    QDate date = open.date();
    for (int counted = 0, guard = 0; counted < days && guard < searchLimitDays; ++guard) {
        date = date.addDays(1);
        if (isWorkingDay(date))
            ++counted;
    }
    return at(date, open.time());
}

QDateTime WorkingCalendar::due(const QDateTime &start, const Deadline &deadline) const
{
    switch (deadline.unit) {
    case Deadline::Unit::WorkingHours:
        return addWorkingMinutes(start, qint64(std::llround(deadline.value * 60)));
    case Deadline::Unit::WorkingDays:
        if (deadline.value == std::floor(deadline.value))
            return addWorkingDays(start, int(deadline.value));
        return addWorkingMinutes(start, qint64(std::llround(deadline.value * minutesPerDay())));
    case Deadline::Unit::NaturalDays:
        return local(start).addSecs(qint64(std::llround(deadline.value * 86400)));
    case Deadline::Unit::NaturalHours:
        return local(start).addSecs(qint64(std::llround(deadline.value * 3600)));
    }
    return {};
}

qint64 WorkingCalendar::workingMinutesBetween(const QDateTime &fromTime,
                                              const QDateTime &toTime) const
{
    const QDateTime from = local(fromTime), to = local(toTime);
    const qint64 seconds =
        workingSecondsBetween(from.date().toJulianDay(), from.time().msecsSinceStartOfDay() / 1000,
                              to.date().toJulianDay(), to.time().msecsSinceStartOfDay() / 1000);
    return seconds / 60;
}

qint64 WorkingCalendar::workingSecondsBetween(qint64 fromDay, int fromSecond, qint64 toDay,
                                              int toSecond) const
{
    if (toDay < fromDay || (toDay == fromDay && toSecond < fromSecond))
        return -workingSecondsBetween(toDay, toSecond, fromDay, fromSecond);
    qint64 seconds = 0;
    for (qint64 day = fromDay; day <= toDay && day - fromDay < searchLimitDays; ++day) {
        if (!isWorkingDay(QDate::fromJulianDay(day)))
            continue;
        const int lower = day == fromDay ? fromSecond : 0;
        const int upper = day == toDay ? toSecond : 24 * 3600;
        for (const Period &p : m_periods) {
            const int a = std::max(lower, p.start.msecsSinceStartOfDay() / 1000);
            const int b = std::min(upper, p.end.msecsSinceStartOfDay() / 1000);
            if (a < b)
                seconds += b - a;
        }
    }
    return seconds;
}

} // namespace citygrid
