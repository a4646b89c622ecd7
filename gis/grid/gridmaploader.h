// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"
#include "grid/gridsource.h"
#include "render/maplayerdata.h"

#include <QCoreApplication>

namespace citygrid {

/// Loads a store's feature tables into a GridMap, reprojected once into the map CRS with PROJ.
/// Runs on any thread (the app loads on a worker and hands the result to the GUI thread).
class GridMapLoader
{
    Q_DECLARE_TR_FUNCTIONS(GridMapLoader)
public:
    /// `english` picks English names for labels where the store has them.
    static Result<GridMap> load(const QString &storePath, const QString &mapCrs,
                                bool english = false);
    /// Loads one table only (benchmarks load the cells of a city-scale grid this way).
    static Result<MapLayerPtr> loadLayer(const QString &storePath, const QString &table,
                                         const QString &mapCrs, bool english = false);
    /// A grid not yet stored (the import preview), in the map CRS.
    static Result<GridMap> fromSource(const GridSource &source, const QString &mapCrs);
};

} // namespace citygrid
