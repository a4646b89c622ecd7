// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "geometry/spatialindex.h"
#include "grid/gridlevel.h"
#include "render/mapfeature.h"

#include <QHash>

#include <memory>

namespace citygrid {

/// The features of one map layer in the map CRS with their index. Immutable once built, held by
/// shared pointer: a renderer's snapshot is a copy of the pointer, so render threads need no locks.
struct MapLayerData
{
    QString id; ///< "subdistricts", "communities", "cells"
    GridLevel level = GridLevel::Cell;
    QList<MapFeature> features;
    SpatialIndex index;
    QRectF extent;
    double medianSize = 0;      ///< median of max(width, height) of the feature boxes, map units
    QHash<QString, int> byCode; ///< feature index by code (filled by finish())

    /// Fills bbox, coarse geometry, label points and own edges of the features, the index, extent
    /// and median size. Call once after the features are set.
    void finish();
    /// The feature containing p (map units), or -1.
    int featureAt(QPointF p) const;
    int indexOf(const QString &code) const;
    /// Features sharing a stretch of boundary with feature `id` (vertices within `tolerance`):
    /// rook contiguity; with `corners`, also those touching it at a point only (queen).
    QList<int> neighbours(int id, double tolerance, bool corners = false) const;
};

using MapLayerPtr = std::shared_ptr<const MapLayerData>;

/// The district grid as the map shows it: the three layers in one map CRS.
struct GridMap
{
    QString crs;
    double metresPerUnit = 1; ///< at the centre of the extent (degrees and Web Mercator stretch)
    MapLayerPtr subdistricts;
    MapLayerPtr communities;
    MapLayerPtr cells;
    QRectF extent() const;
    QList<MapLayerPtr> layers() const { return {subdistricts, communities, cells}; }
    /// Puts the layer in the slot of its level.
    void setLayer(const MapLayerPtr &layer);
};

} // namespace citygrid
