// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "supervision/thematicmeasure.h"

#include <limits>

namespace citygrid {

double thematicValue(ThematicMeasure measure, const AreaTally &t, const AreaSize &size)
{
    constexpr double none = std::numeric_limits<double>::quiet_NaN();
    switch (measure) {
    case ThematicMeasure::Cases:
    case ThematicMeasure::HotSpots:
    case ThematicMeasure::Clusters:
        return t.cases;
    case ThematicMeasure::PerKm2:
        return size.km2 > 0 ? t.cases / size.km2 : none;
    case ThematicMeasure::Per10k:
        return size.residents > 0 ? t.cases * 10000.0 / size.residents : none;
    case ThematicMeasure::Open:
        return t.open;
    case ThematicMeasure::Overdue:
        return t.overdue;
    case ThematicMeasure::OnTimeRate:
        return t.closed > 0 ? 100.0 * t.closedOnTime / t.closed : none;
    case ThematicMeasure::ClosureRate:
        return t.cases > 0 ? 100.0 * t.closed / t.cases : none;
    case ThematicMeasure::ReworkRate:
        return t.cases > 0 ? 100.0 * t.reworked / t.cases : none;
    }
    return none;
}

} // namespace citygrid
