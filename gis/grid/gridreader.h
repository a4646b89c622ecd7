// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"
#include "grid/gridsource.h"
#include "io/importissue.h"

#include <QCoreApplication>

#include <functional>

class GDALDataset;
class OGRGeometry;

namespace citygrid {

class CrsTransform;

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

private:
    /// A layer of the file that holds grid units: its level and which fields say what.
    struct LayerPlan;
    using IssueAt = std::function<void(const QString &kind, const QString &message)>;
    /// The layers with a code field whose codes are mostly of one level.
    static QList<LayerPlan> planLayers(GDALDataset &dataset, const GridReadOptions &options,
                                       bool &codeFieldSeen);
    /// The layer's coordinate reference system: the one given, else the file's.
    static Result<QString> layerCrs(const LayerPlan &plan, const GridReadOptions &options);
    static void readLayer(const LayerPlan &plan, const CrsTransform &transform, GridSource &source,
                          ImportIssues &issues);
    /// A feature's geometry as WGS84 WKB into `out`, or an issue saying why not.
    static void readGeometry(const OGRGeometry *geometry, const CrsTransform &transform,
                             SourceFeature &out, const IssueAt &issue);
};

} // namespace citygrid
