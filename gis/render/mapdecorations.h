// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "render/mapscene.h"
#include "render/mapview.h"

#include <QPainter>

/// The furniture of a map: scale bar, north arrow, legend. The canvas paints scale bar and arrow as
/// overlays; exported maps get all three. Logical pixels; any thread.
namespace citygrid::mapdecorations {

/// A bar of a round length (1, 2 or 5 × 10ⁿ m) about a seventh of the view wide, at bottom left.
void paintScaleBar(QPainter &painter, const MapView &view, double metresPerUnit);
void paintNorthArrow(QPainter &painter, const MapView &view);
/// The scene's layers with their symbols (a classed layer's classes) and what its marks mean in
/// `view`, in a corner (bottom right on paper, where the scale bar leaves room), under `title`
/// (none if empty).
void paintLegend(QPainter &painter, const MapScene &scene, const MapView &view,
                 const QString &title, Qt::Corner corner = Qt::BottomRightCorner);
/// The legend's size for `scene` in `view` under `title`, in logical pixels (to leave room for it).
QSizeF legendSize(const MapScene &scene, const MapView &view, const QString &title);
/// The gap between a legend and the view's edges.
constexpr double legendMargin = 16;
/// "1:25,000"
QString formatScale(double denominator);
/// "500 m", "2 km"
QString formatDistance(double metres);

} // namespace citygrid::mapdecorations
