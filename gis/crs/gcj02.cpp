// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "crs/gcj02.h"

#include <cmath>
#include <numbers>

namespace citygrid::gcj02 {

namespace {

constexpr double semiMajor = 6378245.0; // Krasovsky 1940, as the formula uses
constexpr double eccentricitySq = 0.00669342162296594323;
constexpr double pi = std::numbers::pi;

double offsetLat(double x, double y)
{
    double r =
        -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::abs(x));
    r += (20.0 * std::sin(6.0 * x * pi) + 20.0 * std::sin(2.0 * x * pi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(y * pi) + 40.0 * std::sin(y / 3.0 * pi)) * 2.0 / 3.0;
    r += (160.0 * std::sin(y / 12.0 * pi) + 320.0 * std::sin(y * pi / 30.0)) * 2.0 / 3.0;
    return r;
}

double offsetLon(double x, double y)
{
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::abs(x));
    r += (20.0 * std::sin(6.0 * x * pi) + 20.0 * std::sin(2.0 * x * pi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(x * pi) + 40.0 * std::sin(x / 3.0 * pi)) * 2.0 / 3.0;
    r += (150.0 * std::sin(x / 12.0 * pi) + 300.0 * std::sin(x / 30.0 * pi)) * 2.0 / 3.0;
    return r;
}

} // namespace

bool isInsideChina(QPointF p)
{
    return p.x() >= 72.004 && p.x() <= 137.8347 && p.y() >= 0.8293 && p.y() <= 55.8271;
}

QPointF fromWgs84(QPointF p)
{
    if (!isInsideChina(p))
        return p;
    const double lon = p.x(), lat = p.y();
    double dLat = offsetLat(lon - 105.0, lat - 35.0);
    double dLon = offsetLon(lon - 105.0, lat - 35.0);
    const double radLat = lat / 180.0 * pi;
    double magic = std::sin(radLat);
    magic = 1 - eccentricitySq * magic * magic;
    const double sqrtMagic = std::sqrt(magic);
    dLat = (dLat * 180.0) / ((semiMajor * (1 - eccentricitySq)) / (magic * sqrtMagic) * pi);
    dLon = (dLon * 180.0) / (semiMajor / sqrtMagic * std::cos(radLat) * pi);
    return {lon + dLon, lat + dLat};
}

QPointF toWgs84(QPointF p)
{
    if (!isInsideChina(p))
        return p;
    QPointF guess = p;
    for (int i = 0; i < 30; ++i) {
        const QPointF forward = fromWgs84(guess);
        const QPointF error = forward - p;
        guess -= error;
        if (std::abs(error.x()) < 1e-10 && std::abs(error.y()) < 1e-10)
            break;
    }
    return guess;
}

} // namespace citygrid::gcj02
