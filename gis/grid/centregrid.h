// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "centre/pgconnection.h"
#include "grid/gridsource.h"
#include "store/sqlitedb.h"

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
    /// Replaces the centre's grid by `grid` (read from file `source`) as the signed-in account
    /// (citygrid.replace_grid: the import_grid right, every case placed again on the server);
    /// returns how many cases moved to another cell. Its own transaction on the server.
    static Result<int> replace(PgConnection &conn, const GridSource &grid, const QString &source);
    /// Puts the centre's grid in place in a workstation's copy (`db`) when it was replaced (at
    /// `replacedAt`, as CentreReplica::pull read it) since the copy last took it; returns whether
    /// it did. Reads the server only then. In a transaction of its own.
    static Result<bool> catchUp(PgConnection &conn, SqliteDb &db, const QString &replacedAt);
    /// The copy's meta key holding when the grid it has was put in place at the centre.
    static QString keyGridAt() { return QStringLiteral("centre_grid_at"); }
};

} // namespace citygrid
