// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QPointF>
#include <QRectF>
#include <QSize>
#include <QTransform>

namespace citygrid {

/// What part of the map a viewport shows: centre, map units per logical pixel, viewport size and
/// device pixel ratio. Map y grows north, screen y grows down. Plain value, any thread.
struct MapView
{
    QPointF center;
    double unitsPerPixel = 1;
    QSize size{800, 600};
    qreal devicePixelRatio = 1;

    QRectF extent() const;
    QPointF toScreen(QPointF map) const;
    QPointF toMap(QPointF screen) const;
    /// map units -> logical pixels
    QTransform transform() const;

    /// A view of `size` showing all of `rect` with a small margin.
    static MapView fitting(const QRectF &rect, QSize size, qreal dpr = 1, double margin = 0.04);
    MapView zoomedBy(double factor, QPointF screenAnchor) const; ///< factor > 1 zooms in
    MapView pannedBy(QPointF screenDelta) const;
    /// Scale denominator at 96 dpi given metres per map unit ("1:25000" -> 25000).
    double scaleDenominator(double metresPerUnit) const;

    bool operator==(const MapView &other) const = default;
};

} // namespace citygrid
