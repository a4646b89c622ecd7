// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "grid/gridmaploader.h"

#include "base/geodesy.h"
#include "crs/crstransform.h"
#include "io/ogrutil.h"
#include "store/gpkgblob.h"
#include "store/sqlitedb.h"
#include "store/storeschema.h"

#include <QFileInfo>

#include <cmath>

namespace citygrid {

namespace {

GridLevel levelOf(const QString &table)
{
    if (table == storeschema::subdistrictsTable())
        return GridLevel::Subdistrict;
    if (table == storeschema::communitiesTable())
        return GridLevel::Community;
    return GridLevel::Cell;
}

double metresPerUnitAt(const CrsTransform &toMap, QPointF mapCentre)
{
    // Distance on the sphere between two points one map unit apart.
    const QPointF a = toMap.applyInverse(mapCentre);
    const QPointF b = toMap.applyInverse(mapCentre + QPointF(1, 0));
    return sphericalDistance(a, b);
}

/// Collects a layer's features with their rings in storage coordinates, then moves every vertex
/// through PROJ in one call (rings keep their sizes) and finishes the layer.
class LayerBuilder
{
public:
    explicit LayerBuilder(const QString &table) : m_layer(std::make_shared<MapLayerData>())
    {
        m_layer->id = table;
        m_layer->level = levelOf(table);
    }
    GridLevel level() const { return m_layer->level; }

    void add(MapFeature feature, const OGRGeometry *geometry)
    {
        qsizetype rings = 0;
        if (geometry) {
            for (const QPolygonF &ring : ogrutil::rings(*geometry)) {
                m_points += ring;
                m_ringSizes.append(ring.size());
                ++rings;
            }
        }
        m_ringCounts.append(rings);
        m_layer->features.append(std::move(feature));
    }

    /// The rings of a polygon or multipolygon read straight from WKB, without building a
    /// geometry; false (nothing added) for any other WKB, which takes the way through GDAL.
    bool add(MapFeature &feature, QByteArrayView wkb)
    {
        if (!gpkgblob::readParts(wkb, m_parts) || (m_parts.type != 3 && m_parts.type != 6))
            return false;
        for (size_t i = 0; i + 1 < m_parts.xy.size(); i += 2)
            m_points.append(QPointF(m_parts.xy[i], m_parts.xy[i + 1]));
        for (quint32 size : m_parts.sizes)
            m_ringSizes.append(size);
        m_ringCounts.append(qsizetype(m_parts.sizes.size()));
        m_layer->features.append(std::move(feature));
        return true;
    }

    /// Null if a point could not be transformed.
    MapLayerPtr finish(const CrsTransform &transform)
    {
        if (!transform.apply(m_points))
            return nullptr;
        qsizetype offset = 0;
        qsizetype ring = 0;
        for (qsizetype i = 0; i < m_layer->features.size(); ++i) {
            QList<QPolygonF> &rings = m_layer->features[i].rings;
            rings.reserve(m_ringCounts[i]);
            for (qsizetype end = ring + m_ringCounts[i]; ring < end; ++ring) {
                rings.append(m_points.mid(offset, m_ringSizes[ring]));
                offset += m_ringSizes[ring];
            }
        }
        m_layer->finish();
        return m_layer;
    }

private:
    std::shared_ptr<MapLayerData> m_layer;
    QPolygonF m_points;
    QList<qsizetype> m_ringSizes;  ///< every ring's points, feature after feature
    QList<qsizetype> m_ringCounts; ///< every feature's rings
    gpkgblob::Parts m_parts;       ///< one row's points, memory kept from row to row
};

Error transformError(const QString &mapCrs)
{
    return {QStringLiteral("map.transform"),
            GridMapLoader::tr("Some of the grid cannot be shown in %1")
                .arg(CrsTransform::describe(mapCrs)),
            {}};
}

} // namespace

namespace {

Result<MapLayerPtr> readLayer(const SqliteDb &db, const QString &table, const QString &mapCrs,
                              bool english)
{
    auto transform =
        CrsTransform::create(QStringLiteral("EPSG:%1").arg(storeschema::storageSrid), mapCrs);
    if (!transform)
        return transform.error();
    LayerBuilder builder(table);
    // Cells are labelled by code; the other levels by name, English where the store has it.
    const QString names =
        builder.level() == GridLevel::Cell
            ? QStringLiteral("'', ''")
            : (english ? QStringLiteral("name_en, name") : QStringLiteral("name, ''"));
    auto query = Statement::prepare(
        db, QStringLiteral("SELECT code, %1, geom FROM \"%2\" ORDER BY fid").arg(names, table));
    if (!query)
        return Error{QStringLiteral("map.no-layer"),
                     GridMapLoader::tr("The store has no %1 layer").arg(table),
                     query.error().detail};
    const auto read = query.value().forEachRow([&](const Statement &q) {
        MapFeature f;
        f.code = q.text(0);
        f.label = q.text(1).isEmpty() ? q.text(2) : q.text(1);
        if (f.label.isEmpty())
            f.label = f.code;
        const QByteArrayView wkb = gpkgblob::wkbIn(q.blobView(3));
        if (!builder.add(f, wkb)) {
            const OGRGeometryUniquePtr geometry = ogrutil::fromWkb(wkb.toByteArray());
            builder.add(std::move(f), geometry.get());
        }
    });
    if (!read)
        return read.error();
    if (MapLayerPtr layer = builder.finish(transform.value()))
        return layer;
    return transformError(mapCrs);
}

Result<std::unique_ptr<SqliteDb>> openStore(const QString &storePath)
{
    // Through SQLite, never GDAL: GDAL opens and closes the file to sniff it, which drops the
    // locks that the process's other connections to the store hold.
    if (!QFileInfo::exists(storePath))
        return Error{QStringLiteral("map.open"),
                     GridMapLoader::tr("Cannot open the store %1").arg(storePath),
                     {}};
    return SqliteDb::open(storePath, SqliteDb::Mode::ReadOnly);
}

} // namespace

Result<MapLayerPtr> GridMapLoader::loadLayer(const QString &storePath, const QString &table,
                                             const QString &mapCrs, bool english)
{
    auto db = openStore(storePath);
    if (!db)
        return db.error();
    return readLayer(*db.value(), table, mapCrs, english);
}

Result<GridMap> GridMapLoader::load(const QString &storePath, const QString &mapCrs, bool english)
{
    GridMap map;
    map.crs = mapCrs;
    auto db = openStore(storePath);
    if (!db)
        return db.error();
    for (const QString &table : {storeschema::subdistrictsTable(), storeschema::communitiesTable(),
                                 storeschema::cellsTable()}) {
        auto layer = readLayer(*db.value(), table, mapCrs, english);
        if (!layer)
            return layer.error();
        map.setLayer(layer.value());
    }
    if (auto transform = CrsTransform::create(QStringLiteral("EPSG:4326"), mapCrs))
        map.metresPerUnit = metresPerUnitAt(transform.value(), map.extent().center());
    return map;
}

Result<GridMap> GridMapLoader::fromSource(const GridSource &source, const QString &mapCrs)
{
    auto transform = CrsTransform::create(QStringLiteral("EPSG:4326"), mapCrs);
    if (!transform)
        return transform.error();
    GridMap map;
    map.crs = mapCrs;
    const QList<QPair<QString, const QList<SourceFeature> *>> tables = {
        {storeschema::subdistrictsTable(), &source.subdistricts},
        {storeschema::communitiesTable(), &source.communities},
        {storeschema::cellsTable(), &source.cells}};
    for (const auto &[table, features] : tables) {
        LayerBuilder builder(table);
        for (const SourceFeature &f : *features) {
            MapFeature feature;
            feature.code = f.code;
            feature.label =
                builder.level() == GridLevel::Cell || f.name.isEmpty() ? f.code : f.name;
            const OGRGeometryUniquePtr geometry =
                f.wkb.isEmpty() ? nullptr : ogrutil::fromWkb(f.wkb);
            builder.add(std::move(feature), geometry.get());
        }
        MapLayerPtr layer = builder.finish(transform.value());
        if (!layer)
            return transformError(mapCrs);
        map.setLayer(layer);
    }
    map.metresPerUnit = metresPerUnitAt(transform.value(), map.extent().center());
    return map;
}

} // namespace citygrid
