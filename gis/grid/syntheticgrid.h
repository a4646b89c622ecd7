// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "grid/gridsource.h"

#include <QPointF>

namespace citygrid {

/// A city cut into 万米 cells (about 100 m × 100 m) for benchmarks and scale tests: a lattice whose
/// shared vertices are jittered, so the cells are irregular quadrilaterals that still tile exactly.
/// Communities are 20 × 20 cell blocks, subdistricts 5 × 5 communities; codes are valid 15-digit
/// codes under `districtCode`. Only cells are filled in.
GridSource syntheticCityGrid(int columns, int rows, QPointF southWestLonLat,
                             double cellMetres = 100,
                             const QString &districtCode = QStringLiteral("440300"),
                             quint32 seed = 1);

} // namespace citygrid
