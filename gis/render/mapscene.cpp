// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "render/mapscene.h"

#include "store/storeschema.h"

namespace citygrid {

QString MapScene::layerTitle(const QString &id)
{
    if (id == storeschema::subdistrictsTable())
        return tr("Subdistricts");
    if (id == storeschema::communitiesTable())
        return tr("Communities");
    if (id == storeschema::cellsTable())
        return tr("Grid cells");
    return id;
}

MapScene MapScene::standard(const GridMap &map, const QHash<QString, LayerDisplay> &display,
                            const LayerPass *thematic)
{
    MapScene scene;
    scene.metresPerUnit = map.metresPerUnit;
    const auto shown = [&](const MapLayerPtr &layer) {
        return layer && display.value(layer->id).visible;
    };
    const auto opacity = [&](const MapLayerPtr &layer) { return display.value(layer->id).opacity; };

    if (thematic) {
        scene.passes.append(*thematic);
    } else if (shown(map.subdistricts)) {
        LayerStyle fill;
        fill.fill = LayerStyle::Fill::Categorical;
        // light, quiet pastels: the area reads, the data drawn on top stays saturated
        for (const char *hex : {"#f7e4cf", "#dcebd3", "#d7e6f3", "#f2dbe6", "#ebe4cb", "#d6ece8",
                                "#e5dbef", "#f0ead2", "#dae8d0", "#f4dfd7"})
            fill.palette.append(QColor(QLatin1String(hex)));
        fill.opacity = opacity(map.subdistricts);
        fill.antialias = false; // the boundary pass on top covers the edges
        scene.passes.append({map.subdistricts, fill, layerTitle(map.subdistricts->id)});
    }
    if (shown(map.cells)) {
        LayerStyle cells;
        cells.stroke = QColor(0x8c, 0x96, 0xa3);
        cells.strokeWidth = 0.6;
        cells.opacity = opacity(map.cells);
        scene.passes.append({map.cells, cells, layerTitle(map.cells->id)});
    }
    if (shown(map.communities)) {
        LayerStyle communities;
        communities.stroke = QColor(0x6f, 0x7c, 0x8b);
        communities.strokeWidth = 1.0; // a cosmetic line of one pixel takes Qt's fast path
        communities.opacity = opacity(map.communities);
        scene.passes.append({map.communities, communities, layerTitle(map.communities->id)});
    }
    if (shown(map.subdistricts)) {
        LayerStyle outline;
        outline.stroke = QColor(0x22, 0x31, 0x42);
        outline.strokeWidth = 2.8;
        outline.minOutlinePixels = 1;
        outline.opacity = opacity(map.subdistricts);
        scene.passes.append({map.subdistricts, outline, {}});
    }
    for (const MapLayerPtr &layer : {map.subdistricts, map.communities, map.cells})
        if (shown(layer))
            scene.labelLayers.append(layer);
    return scene;
}

} // namespace citygrid
