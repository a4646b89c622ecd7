// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "supervision/casefacts.h"

namespace citygrid {

/// What a thematic map colours areas by.
enum class ThematicMeasure {
    Cases,       ///< cases reported in the period
    PerKm2,      ///< cases per km² of the area
    Per10k,      ///< cases per 10,000 residents
    Open,        ///< of those, still open now
    Overdue,     ///< of those, overdue now
    OnTimeRate,  ///< closed on time / closed, in %
    ReworkRate,  ///< failed verification at least once / cases, in %
    ClosureRate, ///< closed / cases, in %
    HotSpots,    ///< Getis-Ord Gi* of the case counts
    Clusters,    ///< local Moran's I clusters and outliers of the case counts
};

/// The size of an area a rate needs.
struct AreaSize
{
    double km2 = 0;
    double residents = 0; ///< 0 if unknown
};

/// The value of `measure` for an area; NaN where it is undefined (a rate without closures, a
/// density without an area, residents unknown). HotSpots and Clusters give the case count (the
/// statistic is computed
/// over all areas from it).
double thematicValue(ThematicMeasure measure, const AreaTally &tally, const AreaSize &size);

} // namespace citygrid
