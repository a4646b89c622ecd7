// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QList>
#include <QPointF>
#include <QRectF>

/// A kernel density surface of points (cases per km²) on a raster, for a heat layer.
namespace citygrid::kerneldensity {

/// Densities on a raster covering `extent` (map units of `metresPerUnit` metres) in square cells
/// of `cellSize` units, row by row from the top (north) edge. Each point adds the quartic
/// (biweight) kernel K(d) = 3 / (pi h^2) * (1 - d^2 / h^2)^2 for d < h, h = `bandwidth` units,
/// evaluated at the cell centres; values are per km².
struct Surface
{
    QRectF extent;
    double cellSize = 0;
    int columns = 0;
    int rows = 0;
    QList<float> values;
    float max = 0;
};
Surface estimate(const QList<QPointF> &points, const QRectF &extent, double cellSize,
                 double bandwidth, double metresPerUnit);

/// A bandwidth for `points` by the rule ArcGIS documents for its kernel density (after
/// Silverman): 0.9 * min(SD, sqrt(1 / ln 2) * Dm) * n^-0.2, with SD the standard distance of the
/// points and Dm the median distance to their mean centre. 0 for fewer than two points.
double suggestedBandwidth(const QList<QPointF> &points);

} // namespace citygrid::kerneldensity
