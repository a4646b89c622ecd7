// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"
#include "grid/gridsource.h"
#include "io/importissue.h"

#include <QCoreApplication>

namespace citygrid {

/// What the user told the importer, all optional.
struct GridReadOptions
{
    QString codeField; ///< field holding the cell code; detected when empty
    QString nameField; ///< field holding a feature's name; detected when empty
    QString crs;       ///< source CRS, overriding the file's ("EPSG:4547", "gcj02", ...)
};

/// Reads a district grid from any vector file GDAL opens, in any CRS PROJ knows or GCJ-02, into a
/// GridSource in WGS84. Layers are told apart by the length of their codes (9 subdistrict,
/// 12 community, 14/15 cell); a file may hold any of them. Problems with single features are
/// reported as issues; an Error means the file as a whole could not be read. Any thread (GDAL
/// per-call state only).
class GridReader
{
    Q_DECLARE_TR_FUNCTIONS(GridReader)
public:
    static Result<GridSource> read(const QString &path, const GridReadOptions &options,
                                   ImportIssues &issues);
};

} // namespace citygrid
