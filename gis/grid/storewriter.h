// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"
#include "grid/gridsource.h"
#include "store/sqlitedb.h"

#include <QCoreApplication>

namespace citygrid {

/// Writes a validated GridSource into a store's feature tables: a new store through GDAL's
/// GeoPackage driver (a file nobody has open yet), an open store through its SQLite connection
/// only. Either call changes everything or nothing. Any thread, one call per store at a time.
class StoreWriter
{
    Q_DECLARE_TR_FUNCTIONS(StoreWriter)
public:
    /// Creates a new store at `path` (written beside it, then renamed, so no half file is left).
    static Result<void> create(const QString &path, const GridSource &grid);
    /// Replaces the grid of an existing store and its district metadata, inside the transaction
    /// the caller holds on `db` (so the grid and whatever goes with it commit together).
    static Result<void> replaceGrid(SqliteDb &db, const GridSource &grid);
};

} // namespace citygrid
