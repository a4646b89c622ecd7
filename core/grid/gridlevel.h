// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

namespace citygrid {

/// The levels of the administrative hierarchy, from the district down to the unit grid cell.
enum class GridLevel { District, Subdistrict, Community, Cell };

} // namespace citygrid
