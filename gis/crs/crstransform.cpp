// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "crs/crstransform.h"

#include "crs/gcj02.h"
#include "crs/projcache.h"

#include <proj.h>

#include <QHash>
#include <QMutex>

#include <cmath>

namespace citygrid {

namespace {

const QString wgs84 = QStringLiteral("EPSG:4326");

struct ContextDeleter
{
    void operator()(PJ_CONTEXT *c) const { proj_context_destroy(c); }
};
struct PjDeleter
{
    void operator()(PJ *p) const { proj_destroy(p); }
};
using ContextPtr = std::unique_ptr<PJ_CONTEXT, ContextDeleter>;
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

ContextPtr newContext()
{
    ContextPtr ctx(proj_context_create());
    proj_log_level(ctx.get(), PJ_LOG_NONE);
    return ctx;
}

PjPtr createCrs(PJ_CONTEXT *ctx, const QString &crs)
{
    PjPtr pj(proj_create(ctx, crs.toUtf8().constData()));
    if (pj && !proj_is_crs(pj.get()))
        pj.reset();
    return pj;
}

} // namespace

struct CrsTransform::Impl
{
    ContextPtr ctx;
    PjPtr pj; // null: identity apart from the GCJ-02 steps
    bool fromGcj = false;
    bool toGcj = false;
};

bool CrsTransform::isGcj02(const QString &crs)
{
    return crs.compare(QLatin1String("gcj02"), Qt::CaseInsensitive) == 0 ||
           crs.compare(QLatin1String("gcj-02"), Qt::CaseInsensitive) == 0;
}

namespace {

/// What PROJ says about a CRS, asked once per CRS and process (the answers never change).
struct CrsFacts
{
    bool known = false;
    bool geographic = false;
    QString name;
};

CrsFacts factsOf(const QString &crs)
{
    static QMutex mutex;
    static QHash<QString, CrsFacts> cache;
    QMutexLocker lock(&mutex);
    if (auto it = cache.constFind(crs); it != cache.cend())
        return *it;
    CrsFacts facts;
    if (CrsTransform::isGcj02(crs)) {
        facts = {true, true, CrsTransform::tr("GCJ-02 (Chinese web map offset coordinates)")};
    } else {
        auto ctx = newContext();
        if (auto pj = createCrs(ctx.get(), crs)) {
            const PJ_TYPE type = proj_get_type(pj.get());
            const char *name = proj_get_name(pj.get());
            facts = {true, type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS,
                     name ? QString::fromUtf8(name) : crs};
        }
    }
    cache.insert(crs, facts);
    return facts;
}

} // namespace

bool CrsTransform::isKnown(const QString &crs)
{
    return factsOf(crs).known;
}

QList<std::pair<QString, QString>> CrsTransform::mapChoices()
{
    QList<std::pair<QString, QString>> choices;
    for (const auto &[crs, name] :
         {std::pair{"EPSG:4547", QT_TR_NOOP("CGCS2000 / GK 114°E (EPSG:4547)")},
          std::pair{"EPSG:3857", QT_TR_NOOP("Web Mercator (EPSG:3857)")},
          std::pair{"EPSG:32650", QT_TR_NOOP("UTM zone 50N (EPSG:32650)")},
          std::pair{"EPSG:4490", QT_TR_NOOP("CGCS2000 lon/lat (EPSG:4490)")},
          std::pair{"EPSG:4326", QT_TR_NOOP("WGS 84 lon/lat (EPSG:4326)")}})
        choices.append({QString::fromLatin1(crs), tr(name)});
    return choices;
}

QString CrsTransform::describe(const QString &crs)
{
    // PROJ's names are English: the ones the map offers are named in the user's language
    for (const auto &[code, name] : mapChoices())
        if (code.compare(crs, Qt::CaseInsensitive) == 0)
            return name;
    const CrsFacts facts = factsOf(crs);
    return facts.known ? facts.name : crs;
}

bool CrsTransform::isGeographic(const QString &crs)
{
    return factsOf(crs).geographic;
}

Result<CrsTransform> CrsTransform::create(const QString &from, const QString &to)
{
    // PJ objects may be used by the thread that made them only: the cache is per thread.
    thread_local QHash<QPair<QString, QString>, std::shared_ptr<const Impl>> made;
    if (auto it = made.constFind({from, to}); it != made.cend())
        return CrsTransform(*it);
    auto impl = std::make_shared<Impl>();
    impl->ctx = newContext();
    impl->fromGcj = isGcj02(from);
    impl->toGcj = isGcj02(to);
    const QString src = impl->fromGcj ? wgs84 : from;
    const QString dst = impl->toGcj ? wgs84 : to;
    // Finding the operation between two CRSs searches PROJ's database (70 to 170 ms for WGS84 to
    // CGCS2000); the normalised pipeline it found is kept (projcache) and rebuilt from its text.
    const QByteArray known = src == dst ? QByteArray() : projcache::pipeline(src, dst);
    if (!known.isEmpty())
        impl->pj.reset(proj_create(impl->ctx.get(), known.constData()));
    for (const QString &crs : {src, dst}) {
        if (impl->pj)
            break; // a kept pipeline: both CRSs were known when it was found
        if (!isKnown(crs))
            return Error{QStringLiteral("crs.unknown"),
                         tr("Unknown coordinate reference system \"%1\"").arg(crs),
                         {}};
    }
    if (src != dst && !impl->pj) {
        PjPtr raw(proj_create_crs_to_crs(impl->ctx.get(), src.toUtf8().constData(),
                                         dst.toUtf8().constData(), nullptr));
        if (!raw)
            return Error{QStringLiteral("crs.no-transform"),
                         tr("No transformation from %1 to %2").arg(from, to),
                         {}};
        // Always x = lon/easting, y = lat/northing, whatever axis order the CRS declares.
        impl->pj.reset(proj_normalize_for_visualization(impl->ctx.get(), raw.get()));
        if (!impl->pj)
            return Error{QStringLiteral("crs.no-transform"),
                         tr("No transformation from %1 to %2").arg(from, to),
                         {}};
        // A choice among several operations by area has no single PROJ text: PROJ returns none
        // and such a transformation is not kept.
        if (const char *text =
                proj_as_proj_string(impl->ctx.get(), impl->pj.get(), PJ_PROJ_5, nullptr))
            projcache::keep(src, dst, QByteArray(text));
    }
    made.insert({from, to}, impl);
    return CrsTransform(impl);
}

QPointF CrsTransform::apply(QPointF p) const
{
    QPolygonF one{p};
    apply(one);
    return one.first();
}

bool CrsTransform::apply(QPolygonF &points) const
{
    if (m_impl->fromGcj)
        for (QPointF &p : points)
            p = gcj02::toWgs84(p);
    bool ok = true;
    if (m_impl->pj && !points.isEmpty()) {
        const size_t stride = sizeof(QPointF);
        proj_trans_generic(m_impl->pj.get(), PJ_FWD, &points[0].rx(), stride, size_t(points.size()),
                           &points[0].ry(), stride, size_t(points.size()), nullptr, 0, 0, nullptr,
                           0, 0);
        for (const QPointF &p : points)
            ok = ok && std::isfinite(p.x()) && std::isfinite(p.y()) && std::abs(p.x()) < 1e20;
    }
    if (m_impl->toGcj)
        for (QPointF &p : points)
            p = gcj02::fromWgs84(p);
    return ok;
}

QPointF CrsTransform::applyInverse(QPointF p) const
{
    if (m_impl->toGcj)
        p = gcj02::toWgs84(p);
    if (m_impl->pj) {
        PJ_COORD c = proj_coord(p.x(), p.y(), 0, 0);
        c = proj_trans(m_impl->pj.get(), PJ_INV, c);
        p = QPointF(c.xy.x, c.xy.y);
    }
    if (m_impl->fromGcj)
        p = gcj02::fromWgs84(p);
    return p;
}

} // namespace citygrid
