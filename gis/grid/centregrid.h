// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "centre/pgconnection.h"
#include "grid/gridsource.h"

namespace citygrid {

/// Writes a district's grid into the centre's PostGIS tables (subdistricts, communities, cells:
/// multipolygons in WGS 84 that QGIS opens), through COPY into staging tables and one INSERT per
/// layer. In the caller's transaction. Stateless.
class CentreGrid
{
public:
    static Result<void> write(PgConnection &conn, const GridSource &grid);
    /// The centre's grid and district as a source a workstation's copy is built from.
    static Result<GridSource> read(PgConnection &conn);
};

} // namespace citygrid
