// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "grid/gridcatalogue.h"

/// Titles of maps, shared by the window, exports and the command line.
namespace citygrid::maptitle {

/// "福田区网格图" / "Futian District grid"
QString forGrid(const GridCatalogue &catalogue);

} // namespace citygrid::maptitle
