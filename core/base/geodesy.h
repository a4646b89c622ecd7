// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QPointF>

#include <cmath>
#include <numbers>

namespace citygrid {

/// Great-circle distance in metres between two (longitude, latitude) points in degrees, on the
/// mean Earth sphere: within 0.5 % of the ellipsoid, plenty for "within 50 m" and scale bars.
inline double sphericalDistance(QPointF a, QPointF b)
{
    constexpr double radius = 6371008.8, rad = std::numbers::pi / 180;
    const double dLat = (b.y() - a.y()) * rad, dLon = (b.x() - a.x()) * rad;
    const double h =
        std::sin(dLat / 2) * std::sin(dLat / 2) +
        std::cos(a.y() * rad) * std::cos(b.y() * rad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2 * radius * std::asin(std::sqrt(h));
}

} // namespace citygrid
