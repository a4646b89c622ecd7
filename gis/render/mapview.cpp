// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "render/mapview.h"

#include <algorithm>

namespace citygrid {

QRectF MapView::extent() const
{
    const double w = size.width() * unitsPerPixel;
    const double h = size.height() * unitsPerPixel;
    return {center.x() - w / 2, center.y() - h / 2, w, h};
}

QPointF MapView::toScreen(QPointF map) const
{
    return {(map.x() - center.x()) / unitsPerPixel + size.width() / 2.0,
            (center.y() - map.y()) / unitsPerPixel + size.height() / 2.0};
}

QPointF MapView::toMap(QPointF screen) const
{
    return {center.x() + (screen.x() - size.width() / 2.0) * unitsPerPixel,
            center.y() - (screen.y() - size.height() / 2.0) * unitsPerPixel};
}

QTransform MapView::transform() const
{
    const double s = 1.0 / unitsPerPixel;
    return QTransform(s, 0, 0, -s, size.width() / 2.0 - center.x() * s,
                      size.height() / 2.0 + center.y() * s);
}

MapView MapView::fitting(const QRectF &rect, QSize size, qreal dpr, double margin)
{
    MapView view;
    view.size = size;
    view.devicePixelRatio = dpr;
    view.center = rect.center();
    const double w = std::max(1, size.width()), h = std::max(1, size.height());
    view.unitsPerPixel = std::max(rect.width() / w, rect.height() / h) * (1 + 2 * margin);
    if (view.unitsPerPixel <= 0)
        view.unitsPerPixel = 1;
    return view;
}

MapView MapView::zoomedBy(double factor, QPointF anchor) const
{
    MapView view = *this;
    const QPointF fixed = toMap(anchor);
    view.unitsPerPixel = unitsPerPixel / factor;
    // keep the map point under the anchor where it is on screen
    const QPointF moved = view.toMap(anchor);
    view.center += fixed - moved;
    return view;
}

MapView MapView::pannedBy(QPointF delta) const
{
    MapView view = *this;
    view.center += QPointF(-delta.x() * unitsPerPixel, delta.y() * unitsPerPixel);
    return view;
}

double MapView::scaleDenominator(double metresPerUnit) const
{
    constexpr double metresPerPixel96 = 0.0254 / 96;
    return unitsPerPixel * metresPerUnit / metresPerPixel96;
}

} // namespace citygrid
