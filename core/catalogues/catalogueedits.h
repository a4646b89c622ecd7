// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "accounts/actinguser.h"
#include "catalogues/casecatalogues.h"
#include "grid/gridcatalogue.h"
#include "store/store.h"

#include <QDateTime>
#include <QJsonObject>

/// Edits of the unit and category catalogues made at this site, the same from the GUI and the
/// command line: checked against the grid and the whole catalogue, then kept as a reference record
/// that sync carries to the other sites. Nothing is stored when a check fails.
namespace citygrid::catalogueedits {

/// A unit or a category as the catalogue file writes it.
QJsonObject unitJson(const UnitCatalogue::Unit &unit);
QJsonObject categoryJson(const CategoryCatalogue::Category &category);

/// Stores `value` (a units.json or categories.json entry — `kind`, cataloguekinds::unit() or
/// cataloguekinds::category(), says which — or null: back to the release's entry) as entry
/// `id`'s edit and returns the catalogues as they now are. Refused: a unit's area code that is
/// neither the district nor in the grid, a unit type the unit catalogue does not declare, or a
/// catalogue the edit would make wrong, and an actor whose role lacks Right::EditCatalogues.
/// `openedAt`, when given, is when the entry's edit the user started from was written (empty:
/// the release's entry): an edit saved since, here or at another workstation or site, refuses
/// the save, naming who saved it, so one leader never overwrites another's unseen.
Result<CaseCatalogues> saveEntry(Store &store, const GridCatalogue &grid,
                                 const QString &cataloguesDir, const QString &kind,
                                 const QString &id, const QJsonValue &value,
                                 const ActingUser &actor, const QDateTime &now,
                                 const std::optional<QString> &openedAt = std::nullopt);

} // namespace citygrid::catalogueedits
