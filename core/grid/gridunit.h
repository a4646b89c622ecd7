// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "grid/gridlevel.h"

#include <QString>

namespace citygrid {

/// The attributes of one area of the hierarchy (subdistrict, community or cell), without geometry.
struct GridUnit
{
    GridLevel level = GridLevel::Cell;
    QString code;
    QString name;
    QString nameEn;
    QString parentCode; ///< empty for a subdistrict (its parent is the district)
    double areaKm2 = 0;
};

} // namespace citygrid

// Lists of units grow by moving memory, not by moving each string.
Q_DECLARE_TYPEINFO(citygrid::GridUnit, Q_RELOCATABLE_TYPE);
