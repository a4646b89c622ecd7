// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QPointF>

/// GCJ-02, the offset datum of Chinese web maps (Amap, DataV, Tencent). PROJ does not know it, so
/// CityGrid converts with the published forward formula and an iterative inverse. Points are
/// (longitude, latitude) in degrees; outside China both functions return the point unchanged.
namespace citygrid::gcj02 {

bool isInsideChina(QPointF lonLat);
QPointF fromWgs84(QPointF lonLat);
/// Inverse of fromWgs84 by fixed-point iteration; the residual is below 1e-9 degrees.
QPointF toWgs84(QPointF lonLat);

} // namespace citygrid::gcj02
