// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "gridmaploader.h"

#include "crstransform.h"
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
    constexpr double radius = 6371008.8, rad = M_PI / 180;
    const double dLat = (b.y() - a.y()) * rad, dLon = (b.x() - a.x()) * rad;
    const double h = std::sin(dLat / 2) * std::sin(dLat / 2)
                     + std::cos(a.y() * rad) * std::cos(b.y() * rad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2 * radius * std::asin(std::sqrt(h));
}

/// Moves every vertex through PROJ in one call (rings keep their sizes) and finishes the layer.
bool projectAndFinish(MapLayerData &layer, QPolygonF &all, const QList<QList<qsizetype>> &ringSizes,
                      const CrsTransform &transform)
{
    if (!transform.apply(all))
        return false;
    qsizetype offset = 0;
    for (qsizetype i = 0; i < layer.features.size(); ++i) {
        for (qsizetype size : ringSizes[i]) {
            layer.features[i].rings.append(all.mid(offset, size));
            offset += size;
        }
    }
    layer.finish();
    return true;
}

Error transformError(const QString &mapCrs)
{
    return {QStringLiteral("map.transform"),
            GridMapLoader::tr("Some of the grid cannot be shown in %1").arg(CrsTransform::describe(mapCrs)), {}};
}

} // namespace

namespace {

GDALDatasetUniquePtr openStore(const QString &storePath)
{
    GDALAllRegister();
    return GDALDatasetUniquePtr(GDALDataset::Open(storePath.toUtf8().constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
}

Error openError(const QString &storePath)
{
    return {QStringLiteral("map.open"), GridMapLoader::tr("Cannot open the store %1").arg(storePath),
            ogrutil::lastError()};
}

Result<MapLayerPtr> readLayer(GDALDataset &dataset, const QString &table, const QString &mapCrs, bool english)
{
    OGRLayer *source = dataset.GetLayerByName(table.toUtf8().constData());
    if (!source)
        return Error{QStringLiteral("map.no-layer"), GridMapLoader::tr("The store has no %1 layer").arg(table), {}};
    auto transform = CrsTransform::create(QStringLiteral("EPSG:%1").arg(storeschema::storageSrid), mapCrs);
    if (!transform)
        return transform.error();

    auto layer = std::make_shared<MapLayerData>();
    layer->id = table;
    layer->level = levelOf(table);
    OGRFeatureDefn *defn = source->GetLayerDefn();
    const int codeField = defn->GetFieldIndex("code");
    const int nameField = defn->GetFieldIndex(english ? "name_en" : "name");
    const int fallbackName = defn->GetFieldIndex("name");
    // All vertices of the layer go through PROJ in one call; rings keep their offsets into it.
    QPolygonF all;
    QList<QList<qsizetype>> ringSizes;
    for (auto &&feature : *source) {
        MapFeature f;
        f.code = QString::fromUtf8(feature->GetFieldAsString(codeField));
        if (layer->level == GridLevel::Cell) {
            f.label = f.code;
        } else {
            f.label = nameField >= 0 ? QString::fromUtf8(feature->GetFieldAsString(nameField)) : QString();
            if (f.label.isEmpty() && fallbackName >= 0)
                f.label = QString::fromUtf8(feature->GetFieldAsString(fallbackName));
            if (f.label.isEmpty())
                f.label = f.code;
        }
        QList<qsizetype> sizes;
        if (const OGRGeometry *geometry = feature->GetGeometryRef()) {
            for (const QPolygonF &ring : ogrutil::rings(*geometry)) {
                all += ring;
                sizes.append(ring.size());
            }
        }
        ringSizes.append(sizes);
        layer->features.append(f);
    }
    if (!projectAndFinish(*layer, all, ringSizes, transform.value()))
        return transformError(mapCrs);
    return MapLayerPtr(layer);
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
        (table == storeschema::subdistrictsTable() ? map.subdistricts
         : table == storeschema::communitiesTable() ? map.communities
                                                    : map.cells) = layer.value();
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
        auto layer = std::make_shared<MapLayerData>();
        layer->id = table;
        layer->level = levelOf(table);
        QPolygonF all;
        QList<QList<qsizetype>> ringSizes;
        for (const SourceFeature &f : *features) {
            MapFeature feature;
            feature.code = f.code;
            feature.label = layer->level == GridLevel::Cell || f.name.isEmpty() ? f.code : f.name;
            QList<qsizetype> sizes;
            if (OGRGeometryUniquePtr geometry = f.wkb.isEmpty() ? nullptr : ogrutil::fromWkb(f.wkb)) {
                for (const QPolygonF &ring : ogrutil::rings(*geometry)) {
                    all += ring;
                    sizes.append(ring.size());
                }
            }
            ringSizes.append(sizes);
            layer->features.append(feature);
        }
        if (!projectAndFinish(*layer, all, ringSizes, transform.value()))
            return transformError(mapCrs);
        (table == storeschema::subdistrictsTable() ? map.subdistricts
         : table == storeschema::communitiesTable() ? map.communities
                                                    : map.cells) = layer;
    }
    map.metresPerUnit = metresPerUnitAt(transform.value(), map.extent().center());
    return map;
}

} // namespace citygrid
