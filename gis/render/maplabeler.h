// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "render/mapscene.h"
#include "render/mapview.h"

#include <QPainter>
#include <QRectF>

namespace citygrid {

/// Places and paints labels that never overlap and that follow the scale: subdistrict names when
/// zoomed out, community names as communities grow, cell codes when cells are large on screen.
/// Stateless; any thread.
class MapLabeler
{
public:
    struct Placed
    {
        QString text;
        QRectF rect; ///< logical pixels
        int level;   ///< index into the scene's label layers
    };
    /// Which labels go where, without painting (tests check placement with it).
    static QList<Placed> place(const MapScene &scene, const MapView &view);
    static void paint(QPainter &painter, const MapScene &scene, const MapView &view);
    /// Paints labels placed before (a canvas paints them again above its symbols).
    static void paint(QPainter &painter, const MapScene &scene, const MapView &view,
                      const QList<Placed> &placed);
};

} // namespace citygrid
