// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

// Internal to gis: GDAL types appear here and in gis sources only, never in a public header.

#include <ogr_geometry.h>

#include <QByteArray>
#include <QList>
#include <QPolygonF>
#include <QString>

namespace citygrid {
class CrsTransform;
}

namespace citygrid::ogrutil {

OGRGeometryUniquePtr fromWkb(const QByteArray &wkb);
QByteArray toWkb(const OGRGeometry &geometry);
/// Every ring of a (multi)polygon, in order; empty for other types.
QList<QPolygonF> rings(const OGRGeometry &geometry);
/// Moves every vertex of a (multi)polygon through the transform; false if a point failed.
bool transform(OGRGeometry &geometry, const CrsTransform &transform);
double area(const OGRGeometry *geometry);
/// True for Polygon and MultiPolygon (any dimension).
bool isPolygonal(const OGRGeometry &geometry);
/// GDAL's last error message, for Error::detail.
QString lastError();

} // namespace citygrid::ogrutil
