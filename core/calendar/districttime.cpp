// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "calendar/districttime.h"

#include <QReadWriteLock>

namespace citygrid::districttime {

namespace {

QTimeZone shanghai()
{
    // China keeps one offset all year; without the zone database the offset is the same zone.
    QTimeZone zone(QByteArrayLiteral("Asia/Shanghai"));
    return zone.isValid() ? zone : QTimeZone(8 * 3600);
}

QReadWriteLock &lock()
{
    static QReadWriteLock l;
    return l;
}

QTimeZone &current()
{
    static QTimeZone z = shanghai();
    return z;
}

} // namespace

QTimeZone zone()
{
    QReadLocker locker(&lock());
    return current();
}

void setZone(const QString &ianaId)
{
    // QTimeZone takes an empty id for the system's zone, which is exactly what must not be used
    const QTimeZone z = ianaId.isEmpty() ? QTimeZone() : QTimeZone(ianaId.toLatin1());
    QWriteLocker locker(&lock());
    current() = z.isValid() ? z : shanghai();
}

QDateTime local(const QDateTime &time)
{
    return time.toTimeZone(zone());
}

QString text(const QDateTime &time)
{
    return time.isValid() ? local(time).toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

QString text(const QDate &date)
{
    return date.isValid() ? date.toString(QStringLiteral("yyyy-MM-dd")) : QString();
}

} // namespace citygrid::districttime
