// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QList>
#include <QPointF>
#include <QPolygonF>

/// Small planar geometry helpers on rings in map units (all rings of a feature, odd-even rule).
namespace citygrid::geometryops {

/// Douglas-Peucker simplification of a closed ring; keeps at least a triangle.
QPolygonF simplifyRing(const QPolygonF &ring, double tolerance);
/// True if p lies inside the odd-even union of the rings.
bool contains(const QList<QPolygonF> &rings, QPointF p);
/// A point inside the feature where a label reads well: the centroid when it lies inside, otherwise
/// the middle of the widest horizontal run through it.
QPointF labelPoint(const QList<QPolygonF> &rings);
/// Distance from p to the segment ab.
double distanceToSegment(QPointF p, QPointF a, QPointF b);
/// Signed-area sum (outer rings minus holes), in squared map units.
double area(const QList<QPolygonF> &rings);

} // namespace citygrid::geometryops
