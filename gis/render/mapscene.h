// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "render/layerstyle.h"
#include "render/maplayerdata.h"
#include "render/marklayer.h"

#include <QCoreApplication>
#include <QHash>

namespace citygrid {

/// One pass over a layer with one style (a layer may be drawn in two passes, fill below and
/// outline above the others).
struct LayerPass
{
    MapLayerPtr layer;
    LayerStyle style;
    QString title;             ///< translated, for the legend
    QList<LegendEntry> legend; ///< a classed layer's classes; empty: one swatch of its fill
};

/// Whether and how opaque a layer is drawn, as the layer panel sets it.
struct LayerDisplay
{
    bool visible = true;
    double opacity = 1;
};

/// Everything a render job needs, captured on the GUI thread: the snapshot of QGIS's contract.
/// Holding only shared pointers to immutable layers and marks and small values, it is cheap to
/// copy.
struct MapScene
{
    Q_DECLARE_TR_FUNCTIONS(MapScene)
public:
    QList<LayerPass> passes;        ///< bottom to top
    QList<MarkLayerPtr> marks;      ///< over the areas (cases, heat), bottom to top
    QList<MapLayerPtr> labelLayers; ///< coarse to fine
    bool labels = true;
    double metresPerUnit = 1;
    QColor background{0xf3, 0xf1, 0xec};

    /// The district grid in the house style: subdistrict fills, cell hairlines, community lines and
    /// bold subdistrict boundaries on top. `display` is keyed by layer id.
    /// With `thematic`, its classed areas take the place of the subdistrict fills.
    static MapScene standard(const GridMap &map, const QHash<QString, LayerDisplay> &display = {},
                             const LayerPass *thematic = nullptr);
    /// Human name of a layer id, translated.
    static QString layerTitle(const QString &layerId);
};

} // namespace citygrid
