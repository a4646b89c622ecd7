// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "render/mapscene.h"
#include "render/mapview.h"

#include <QImage>
#include <QPainter>

#include <atomic>

namespace citygrid {

/// Renders a MapScene for a MapView into an image. The frame is cut into horizontal bands, one per
/// core; each band is painted on its own worker thread, pass after pass in order, straight onto
/// the background (the bands share no pixels, so no locks and no compositing), then the labels go
/// on top. Owns copies of scene and view, so it runs on any thread; a set cancel flag makes run()
/// return a null image early.
///
/// Why bands and not one image per layer (QGIS's parallel job): on two cores, four full-frame
/// transparent images cost more to clear and compose than the drawing itself.
class MapRenderJob
{
public:
    MapRenderJob(MapScene scene, MapView view) : m_scene(std::move(scene)), m_view(view) {}

    QImage run(const std::atomic_bool *cancel = nullptr) const;
    const MapView &view() const { return m_view; }

    /// Paints one pass, opaque, into `band`, the rows of the frame starting at device row `top`
    /// (run() applies the pass's opacity). False if cancelled.
    static bool paintPass(QImage &band, int top, const LayerPass &pass, const MapView &view,
                          const std::atomic_bool *cancel);

    /// Paints the scene as vector shapes and text onto any painter (a PDF page), in the view's
    /// logical pixels: what stays sharp on paper at any zoom. Full geometry, no banding.
    static void paintVector(QPainter &painter, const MapScene &scene, const MapView &view);

    /// Paints what lies over the areas, in the one order screen and paper share: the marks that
    /// yield to names (counts, densities), the names, then the marks above them (single case
    /// symbols). Counts keep clear of the names where they can.
    static void paintMarksAndLabels(QPainter &painter, const MapScene &scene, const MapView &view);

private:
    MapScene m_scene;
    MapView m_view;
};

} // namespace citygrid
