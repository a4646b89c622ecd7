// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "sync/refkinds.h"

#include <QHash>
#include <QJsonValue>

/// The catalogue edits that sync carries:
///
/// - unit, category: key the entry's id; a units.json or categories.json entry (null: back to
///   the release's entry); read from the records over the release's catalogue, which must stay
///   whole once a package's edits are in.
namespace citygrid::cataloguekinds {

inline QString unit()
{
    return QStringLiteral("unit");
}
inline QString category()
{
    return QStringLiteral("category");
}

/// The store's edits of the unit and category catalogues, by catalogue file and entry id.
Result<QHash<QString, QHash<QString, QJsonValue>>> catalogueEdits(SqliteDb &db,
                                                                  const QString &siteId);

/// Registers unit and category over the release's catalogues in `cataloguesDir`.
void addTo(RefKinds &kinds, const QString &cataloguesDir = QStringLiteral(":/catalogues"));

} // namespace citygrid::cataloguekinds
