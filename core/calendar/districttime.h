// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QDateTime>
#include <QString>
#include <QTimeZone>

/// Times as the district lives them: every time CityGrid shows or writes for people is in the
/// district's zone (Asia/Shanghai for Futian, or the store's `time_zone` metadata) and in one
/// unambiguous form ("2026-12-04 20:16"), whatever the machine's zone and locale are.
/// The zone is set once when a store opens; reading it is safe from any thread.
namespace citygrid::districttime {

QTimeZone zone();
/// Sets the zone from an IANA id; an unknown or empty id leaves Asia/Shanghai.
void setZone(const QString &ianaId);
/// "yyyy-MM-dd HH:mm" in the district's zone; empty for an invalid time.
QString text(const QDateTime &time);
/// "yyyy-MM-dd".
QString text(const QDate &date);
/// `time` moved into the district's zone (for its date or hour).
QDateTime local(const QDateTime &time);

} // namespace citygrid::districttime
