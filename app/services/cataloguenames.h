// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/indicators.h"
#include "catalogues/casecatalogues.h"
#include "grid/gridcatalogue.h"

namespace citygrid {

class CaseFacts;
enum class IndicatorKey;

/// What people call the things the catalogues hold an id for, in the interface's language: the
/// one place the case list, the rankings, the report and the dashboard name them. An id the
/// catalogue does not know is shown as it is.
namespace cataloguenames {

QString category(const CaseCatalogues &catalogues, const QString &categoryId);
QString unit(const CaseCatalogues &catalogues, const QString &unitId);
/// A unit type ("sanitation") by the name the unit catalogue declares for it.
QString unitType(const CaseCatalogues &catalogues, const QString &type);
QString role(const CaseCatalogues &catalogues, const QString &roleId);
QString person(const CaseCatalogues &catalogues, const QString &userId);
/// A post key of the indicators ("role/person") as "person (role)".
QString post(const CaseCatalogues &catalogues, const QString &key);
/// An area of the grid as "440304002 园岭街道" (its code alone when the grid lacks it).
QString area(const GridCatalogue &grid, const QString &code);
/// The name of an indicator key: an area (from the grid), a unit or a post.
QString ofKey(const CaseCatalogues &catalogues, const GridCatalogue &grid, IndicatorKey level,
              const QString &key);

} // namespace cataloguenames

} // namespace citygrid
