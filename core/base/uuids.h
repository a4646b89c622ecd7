// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QString>
#include <QtGlobal>

/// Identifiers of cases, events and attachments: version-7 UUIDs (RFC 9562), the creation time in
/// milliseconds first and random bits after. Ids made one after another sort in the order they
/// were made, so the store's unique indexes on them grow at their end instead of at random places
/// (a bulk import of a million cases writes several times faster), and ids made at two sites
/// still never collide.
namespace citygrid::uuids {

/// The UUID of time `msecsSinceEpoch` with the given random bits (74 of them are used).
QString version7(qint64 msecsSinceEpoch, quint64 randomA, quint64 randomB);

/// A fresh id, greater than every id this thread made before.
QString next();

} // namespace citygrid::uuids
