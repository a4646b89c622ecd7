// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "render/marklayer.h"
#include "supervision/kerneldensity.h"

#include <QCoreApplication>
#include <QImage>

namespace citygrid {

/// The kernel density of cases as a translucent surface over the map, light yellow to dark red,
/// nothing where there is no density. An immutable snapshot: any thread.
class HeatSurface : public MarkLayer
{
    Q_DECLARE_TR_FUNCTIONS(HeatSurface)
public:
    /// `bandwidthMetres`: the kernel's radius the surface was made with (for the legend).
    HeatSurface(kerneldensity::Surface surface, double bandwidthMetres);

    /// The density of `points` (map CRS) over `extent` at about 500 raster cells across it;
    /// `bandwidthMetres` 0: by kerneldensity::suggestedBandwidth(). Any thread.
    static std::shared_ptr<HeatSurface> estimate(const QList<QPointF> &points,
                                                 const QRectF &extent, double metresPerUnit,
                                                 double bandwidthMetres);

    const kerneldensity::Surface &surface() const { return m_surface; }
    double bandwidthMetres() const { return m_bandwidth; }

    void paint(QPainter &painter, const MapView &view, const QList<QRectF> &labels) const override;
    MarkLegend legend(const MapView &view) const override;

    /// The colour of a density `t` of the highest (0..1), premultiplied; 0 below 2%.
    static QRgb colourAt(double t);

private:
    kerneldensity::Surface m_surface;
    double m_bandwidth = 0;
    QImage m_image;
};

} // namespace citygrid
