// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "mapscene.h"
#include "mapview.h"

#include <QImage>

#include <atomic>

namespace citygrid {

/// Renders a MapScene for a MapView into an image: each pass on its own worker thread into its own
/// image, then composed in order with the labels on top. Owns copies of scene and view, so it runs
/// on any thread with no locks; a set cancel flag makes run() return a null image early.
class MapRenderJob
{
public:
    MapRenderJob(MapScene scene, MapView view) : m_scene(std::move(scene)), m_view(view) {}

    QImage run(const std::atomic_bool *cancel = nullptr) const;
    const MapView &view() const { return m_view; }

    /// One pass, rendered into an image of the view's device size (transparent, or filled with
    /// `background`), with the device rectangle it drew into.
    struct PassImage
    {
        QImage image;
        QRect drawn;
    };
    static PassImage renderPass(const LayerPass &pass, const MapView &view, const std::atomic_bool *cancel,
                                const QColor &background = {});

private:
    MapScene m_scene;
    MapView m_view;
};

} // namespace citygrid
