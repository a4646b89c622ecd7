// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "render/layerstyle.h"
#include "render/maplayerdata.h"
#include "supervision/classbreaks.h"
#include "supervision/spatialstats.h"

#include <QHash>

namespace citygrid {

/// Colour ramps that print well and stay apart for colour-blind readers (ColorBrewer's YlOrRd and
/// Blues, and viridis).
enum class ColourScheme { YellowOrangeRed, Blues, Viridis };

/// One class of a thematic map's legend.
struct ThematicClass
{
    double from = 0; ///< lower bound (exclusive, except for the first class)
    double to = 0;   ///< upper bound (inclusive)
    int areas = 0;   ///< how many areas fall in it
    QColor colour;
};

/// Areas coloured by class: the layer (shared, unchanged), each feature's class (NaN for no
/// data), the style that fills it by those classes, and the legend.
struct ThematicMap
{
    MapLayerPtr layer;
    QList<double> classOf; ///< by feature index
    LayerStyle style;
    QList<ThematicClass> classes;
    int noData = 0; ///< areas without a value (drawn in the no-data grey)
};

namespace thematicmap {

/// The rook or queen neighbours of every area of `layer` (kept for the layer's life).
spatialstats::Neighbours contiguity(const MapLayerPtr &layer, bool queen);

/// `classes` colours of `scheme`, light to dark.
QList<QColor> colours(ColourScheme scheme, int classes);

/// `values` by code as a list in the layer's feature order, `missing` where a code has none.
QList<double> byFeature(const MapLayerData &layer, const QHash<QString, double> &values,
                        double missing);

/// The areas of `layer` classed by `values` (in feature order; NaN: no data). With
/// `highIsGood` (an on-time rate) the ramp runs the other way, so the darkest colour still marks
/// where to look.
ThematicMap classify(const MapLayerPtr &layer, const QList<double> &values,
                     classbreaks::Method method, int classes, ColourScheme scheme,
                     bool highIsGood = false);
/// The same by code (a missing code has no data).
inline ThematicMap classify(const MapLayerPtr &layer, const QHash<QString, double> &values,
                            classbreaks::Method method, int classes, ColourScheme scheme,
                            bool highIsGood = false)
{
    return classify(layer, byFeature(*layer, values, qQNaN()), method, classes, scheme, highIsGood);
}

/// The same with the class bounds given (lowest first, as classbreaks::breaks makes them): two
/// periods classed on one set of bounds read with one legend.
ThematicMap classifyWith(const MapLayerPtr &layer, const QList<double> &values,
                         const QList<double> &bounds, ColourScheme scheme, bool highIsGood = false);

/// Hot and cold spots of `counts` (in feature order) over the areas of `layer` by Getis-Ord
/// Gi* with rook or queen contiguity: seven classes, cold at 99/95/90%, not significant, hot at
/// 90/95/99%; with `fdr` the levels are corrected for the number of areas tested. A class's
/// bounds are its confidence, negative for cold.
ThematicMap hotSpots(const MapLayerPtr &layer, const QList<double> &counts, bool queen, bool fdr);
/// The same by code (missing = 0).
inline ThematicMap hotSpots(const MapLayerPtr &layer, const QHash<QString, double> &counts,
                            bool queen, bool fdr)
{
    return hotSpots(layer, byFeature(*layer, counts, 0), queen, fdr);
}

/// Local Moran's I clusters and outliers of `counts` (in feature order): high-high, low-low,
/// high-low, low-high where the pseudo p-value of `permutations` conditional permutations is at
/// most 0.05 (after FDR with `fdr`), else not significant; five classes in that order. The same
/// seed gives the same map.
ThematicMap clusters(const MapLayerPtr &layer, const QList<double> &counts, bool queen, bool fdr,
                     int permutations = 999, quint64 seed = 1);
/// The same by code (missing = 0).
inline ThematicMap clusters(const MapLayerPtr &layer, const QHash<QString, double> &counts,
                            bool queen, bool fdr, int permutations = 999, quint64 seed = 1)
{
    return clusters(layer, byFeature(*layer, counts, 0), queen, fdr, permutations, seed);
}

} // namespace thematicmap

} // namespace citygrid
