// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "supervision/kerneldensity.h"

#include <algorithm>
#include <cmath>

namespace citygrid::kerneldensity {

Surface estimate(const QList<QPointF> &points, const QRectF &extent, double cellSize,
                 double bandwidth, double metresPerUnit)
{
    Surface s;
    if (cellSize <= 0 || bandwidth <= 0 || extent.isEmpty())
        return s;
    s.extent = extent;
    s.cellSize = cellSize;
    s.columns = std::max(1, int(std::ceil(extent.width() / cellSize)));
    s.rows = std::max(1, int(std::ceil(extent.height() / cellSize)));
    s.values.fill(0.0f, qsizetype(s.columns) * s.rows);
    const double h2 = bandwidth * bandwidth;
    // per km²: the kernel integrates to 1 over map units², and a km² holds (1000 / m)² of them
    const double unitsPerKm = 1000.0 / metresPerUnit;
    const double scale = 3.0 / (M_PI * h2) * unitsPerKm * unitsPerKm;
    const int reach = int(std::ceil(bandwidth / cellSize));
    for (const QPointF &p : points) {
        // the cell holding p; centres at (col + 0.5, row + 0.5) cells from the top left
        const int pc = int(std::floor((p.x() - extent.left()) / cellSize));
        const int pr = int(std::floor((extent.bottom() - p.y()) / cellSize));
        for (int r = std::max(0, pr - reach); r <= std::min(s.rows - 1, pr + reach); ++r) {
            const double cy = extent.bottom() - (r + 0.5) * cellSize;
            const double dy2 = (cy - p.y()) * (cy - p.y());
            if (dy2 >= h2)
                continue;
            float *row = s.values.data() + qsizetype(r) * s.columns;
            for (int c = std::max(0, pc - reach); c <= std::min(s.columns - 1, pc + reach); ++c) {
                const double cx = extent.left() + (c + 0.5) * cellSize;
                const double d2 = dy2 + (cx - p.x()) * (cx - p.x());
                if (d2 < h2) {
                    const double t = 1.0 - d2 / h2;
                    row[c] += float(scale * t * t);
                }
            }
        }
    }
    for (float v : std::as_const(s.values))
        s.max = std::max(s.max, v);
    return s;
}

double suggestedBandwidth(const QList<QPointF> &points)
{
    const qsizetype n = points.size();
    if (n < 2)
        return 0;
    QPointF mean;
    for (const QPointF &p : points)
        mean += p;
    mean /= double(n);
    double sum = 0;
    QList<double> distances;
    distances.reserve(n);
    for (const QPointF &p : points) {
        const QPointF d = p - mean;
        sum += d.x() * d.x() + d.y() * d.y();
        distances << std::hypot(d.x(), d.y());
    }
    const double sd = std::sqrt(sum / double(n));
    std::nth_element(distances.begin(), distances.begin() + n / 2, distances.end());
    const double median = distances[n / 2];
    return 0.9 * std::min(sd, std::sqrt(1.0 / std::log(2.0)) * median) * std::pow(double(n), -0.2);
}

} // namespace citygrid::kerneldensity
