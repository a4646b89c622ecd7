// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "gridmaploader.h"

#include "crstransform.h"
#include "geodesy.h"
#include "ogrutil.h"
#include "storeschema.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

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
        QList<qsizetype> sizes;
        if (geometry) {
            for (const QPolygonF &ring : ogrutil::rings(*geometry)) {
                m_points += ring;
                sizes.append(ring.size());
            }
        }
        m_ringSizes.append(sizes);
        m_layer->features.append(std::move(feature));
    }

    /// Null if a point could not be transformed.
    MapLayerPtr finish(const CrsTransform &transform)
    {
        if (!transform.apply(m_points))
            return nullptr;
        qsizetype offset = 0;
        for (qsizetype i = 0; i < m_layer->features.size(); ++i) {
            for (qsizetype size : std::as_const(m_ringSizes[i])) {
                m_layer->features[i].rings.append(m_points.mid(offset, size));
                offset += size;
            }
        }
        m_layer->finish();
        return m_layer;
    }

private:
    std::shared_ptr<MapLayerData> m_layer;
    QPolygonF m_points;
    QList<QList<qsizetype>> m_ringSizes;
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

GDALDatasetUniquePtr openStore(const QString &storePath)
{
    GDALAllRegister();
    return GDALDatasetUniquePtr(
        GDALDataset::Open(storePath.toUtf8().constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
}

Error openError(const QString &storePath)
{
    return {QStringLiteral("map.open"),
            GridMapLoader::tr("Cannot open the store %1").arg(storePath), ogrutil::lastError()};
}

Result<MapLayerPtr> readLayer(GDALDataset &dataset, const QString &table, const QString &mapCrs,
                              bool english)
{
    OGRLayer *source = dataset.GetLayerByName(table.toUtf8().constData());
    if (!source)
        return Error{QStringLiteral("map.no-layer"),
                     GridMapLoader::tr("The store has no %1 layer").arg(table),
                     {}};
    auto transform =
        CrsTransform::create(QStringLiteral("EPSG:%1").arg(storeschema::storageSrid), mapCrs);
    if (!transform)
        return transform.error();

    LayerBuilder builder(table);
    OGRFeatureDefn *defn = source->GetLayerDefn();
    const int codeField = defn->GetFieldIndex("code");
    const int nameField = defn->GetFieldIndex(english ? "name_en" : "name");
    const int fallbackName = defn->GetFieldIndex("name");
    for (auto &&feature : *source) {
        MapFeature f;
        f.code = QString::fromUtf8(feature->GetFieldAsString(codeField));
        if (builder.level() != GridLevel::Cell) {
            f.label = nameField >= 0 ? QString::fromUtf8(feature->GetFieldAsString(nameField))
                                     : QString();
            if (f.label.isEmpty() && fallbackName >= 0)
                f.label = QString::fromUtf8(feature->GetFieldAsString(fallbackName));
        }
        if (f.label.isEmpty())
            f.label = f.code;
        builder.add(std::move(f), feature->GetGeometryRef());
    }
    if (MapLayerPtr layer = builder.finish(transform.value()))
        return layer;
    return transformError(mapCrs);
}

} // namespace

Result<MapLayerPtr> GridMapLoader::loadLayer(const QString &storePath, const QString &table,
                                             const QString &mapCrs, bool english)
{
    GDALDatasetUniquePtr dataset = openStore(storePath);
    if (!dataset)
        return openError(storePath);
    return readLayer(*dataset, table, mapCrs, english);
}

Result<GridMap> GridMapLoader::load(const QString &storePath, const QString &mapCrs, bool english)
{
    GridMap map;
    map.crs = mapCrs;
    GDALDatasetUniquePtr dataset = openStore(storePath); // opened once: each open checks the file
    if (!dataset)
        return openError(storePath);
    for (const QString &table : {storeschema::subdistrictsTable(), storeschema::communitiesTable(),
                                 storeschema::cellsTable()}) {
        auto layer = readLayer(*dataset, table, mapCrs, english);
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
