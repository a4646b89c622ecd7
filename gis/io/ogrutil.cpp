// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "io/ogrutil.h"

#include "crs/crstransform.h"

#include <cpl_error.h>
#include <ogr_api.h>

namespace citygrid::ogrutil {

namespace {

template <typename Visit> void forEachRing(OGRGeometry &geometry, Visit &&visit)
{
    const auto type = wkbFlatten(geometry.getGeometryType());
    if (type == wkbPolygon) {
        auto *polygon = geometry.toPolygon();
        if (polygon->getExteriorRing())
            visit(*polygon->getExteriorRing());
        for (int i = 0; i < polygon->getNumInteriorRings(); ++i)
            visit(*polygon->getInteriorRing(i));
    } else if (type == wkbMultiPolygon) {
        auto *multi = geometry.toMultiPolygon();
        for (int i = 0; i < multi->getNumGeometries(); ++i)
            forEachRing(*multi->getGeometryRef(i), visit);
    }
}

} // namespace

OGRGeometryUniquePtr fromWkb(const QByteArray &wkb)
{
    OGRGeometry *geometry = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.constData(), nullptr, &geometry,
                                          size_t(wkb.size())) != OGRERR_NONE)
        return nullptr;
    return OGRGeometryUniquePtr(geometry);
}

QByteArray toWkb(const OGRGeometry &geometry)
{
    QByteArray wkb(qsizetype(geometry.WkbSize()), Qt::Uninitialized);
    geometry.exportToWkb(wkbNDR, reinterpret_cast<unsigned char *>(wkb.data()), wkbVariantIso);
    return wkb;
}

QList<QPolygonF> rings(const OGRGeometry &geometry)
{
    QList<QPolygonF> result;
    forEachRing(const_cast<OGRGeometry &>(geometry), [&result](OGRLinearRing &ring) {
        QPolygonF points(ring.getNumPoints());
        for (int i = 0; i < ring.getNumPoints(); ++i)
            points[i] = QPointF(ring.getX(i), ring.getY(i));
        result.append(points);
    });
    return result;
}

bool transform(OGRGeometry &geometry, const CrsTransform &transform)
{
    bool ok = true;
    forEachRing(geometry, [&](OGRLinearRing &ring) {
        QPolygonF points(ring.getNumPoints());
        for (int i = 0; i < ring.getNumPoints(); ++i)
            points[i] = QPointF(ring.getX(i), ring.getY(i));
        ok = transform.apply(points) && ok;
        for (int i = 0; i < ring.getNumPoints(); ++i)
            ring.setPoint(i, points[i].x(), points[i].y());
    });
    return ok;
}

double area(const OGRGeometry *geometry)
{
    if (!geometry || geometry->IsEmpty())
        return 0;
    // Overlay results may be collections mixing polygons with the lines and points where two
    // shapes merely touch: only the polygons have area.
    if (OGR_GT_IsSubClassOf(geometry->getGeometryType(), wkbGeometryCollection)) {
        double sum = 0;
        const OGRGeometryCollection *collection = geometry->toGeometryCollection();
        for (int i = 0; i < collection->getNumGeometries(); ++i)
            sum += area(collection->getGeometryRef(i));
        return sum;
    }
    if (!OGR_GT_IsSurface(geometry->getGeometryType()))
        return 0;
    return OGR_G_Area(OGRGeometry::ToHandle(const_cast<OGRGeometry *>(geometry)));
}

bool isPolygonal(const OGRGeometry &geometry)
{
    const auto type = wkbFlatten(geometry.getGeometryType());
    return type == wkbPolygon || type == wkbMultiPolygon;
}

QString lastError()
{
    return QString::fromUtf8(CPLGetLastErrorMsg());
}

} // namespace citygrid::ogrutil
