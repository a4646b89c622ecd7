// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "grid/storewriter.h"

#include "io/ogrutil.h"
#include "store/gpkgblob.h"
#include "store/sqlitedb.h"
#include "store/store.h"
#include "store/storeschema.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace citygrid {

namespace {

using namespace storeschema;

struct FieldSpec
{
    const char *name;
    OGRFieldType type;
};

const QList<FieldSpec> &fieldsOf(const QString &table)
{
    static const QList<FieldSpec> subdistricts = {{"code", OFTString},
                                                  {"name", OFTString},
                                                  {"name_en", OFTString},
                                                  {"area_km2", OFTReal},
                                                  {"pop_resident", OFTInteger64},
                                                  {"pop_registered", OFTInteger64},
                                                  {"pop_nonregistered", OFTInteger64},
                                                  {"pop_is_demo", OFTInteger},
                                                  {"uuid", OFTString}};
    static const QList<FieldSpec> communities = {
        {"code", OFTString},    {"name", OFTString},
        {"name_en", OFTString}, {"subdistrict_code", OFTString},
        {"area_km2", OFTReal},  {"uuid", OFTString}};
    static const QList<FieldSpec> cells = {{"code", OFTString},
                                           {"name", OFTString},
                                           {"community_code", OFTString},
                                           {"subdistrict_code", OFTString},
                                           {"area_km2", OFTReal},
                                           {"source_attrs", OFTString},
                                           {"uuid", OFTString}};
    return table == subdistrictsTable()  ? subdistricts
           : table == communitiesTable() ? communities
                                         : cells;
}

Error gdalError(const QString &message)
{
    return {QStringLiteral("store.write"), message, ogrutil::lastError()};
}

Result<void> createLayer(GDALDataset &dataset, const QString &table)
{
    OGRSpatialReference srs;
    srs.importFromEPSG(storageSrid);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    char **options = nullptr;
    options = CSLSetNameValue(options, "GEOMETRY_NAME", "geom");
    options = CSLSetNameValue(options, "FID", "fid");
    options = CSLSetNameValue(options, "SPATIAL_INDEX", "YES");
    OGRLayer *layer =
        dataset.CreateLayer(table.toUtf8().constData(), &srs, wkbMultiPolygon, options);
    CSLDestroy(options);
    if (!layer)
        return gdalError(StoreWriter::tr("Could not create the %1 table").arg(table));
    for (const FieldSpec &spec : fieldsOf(table)) {
        OGRFieldDefn field(spec.name, spec.type);
        if (layer->CreateField(&field) != OGRERR_NONE)
            return gdalError(StoreWriter::tr("Could not create the %1 table").arg(table));
    }
    return {};
}

Result<void> writeFeatures(GDALDataset &dataset, const QString &table,
                           const QList<SourceFeature> &features)
{
    OGRLayer *layer = dataset.GetLayerByName(table.toUtf8().constData());
    if (!layer)
        return gdalError(StoreWriter::tr("The store has no %1 table").arg(table));
    for (const SourceFeature &source : features) {
        OGRFeature feature(layer->GetLayerDefn());
        feature.SetField("code", source.code.toUtf8().constData());
        feature.SetField("name", source.name.toUtf8().constData());
        feature.SetField("area_km2", source.areaKm2);
        feature.SetField("uuid",
                         QUuid::createUuid().toString(QUuid::WithoutBraces).toUtf8().constData());
        if (table == cellsTable()) {
            feature.SetField("community_code", source.code.left(12).toUtf8().constData());
            feature.SetField("subdistrict_code", source.code.left(9).toUtf8().constData());
            const QByteArray json = QJsonDocument(QJsonObject::fromVariantMap(source.attributes))
                                        .toJson(QJsonDocument::Compact);
            feature.SetField("source_attrs", json.constData());
        } else {
            feature.SetField("name_en", source.nameEn.toUtf8().constData());
        }
        if (table == communitiesTable())
            feature.SetField("subdistrict_code", source.code.left(9).toUtf8().constData());
        if (table == subdistrictsTable()) {
            for (const char *key :
                 {"pop_resident", "pop_registered", "pop_nonregistered", "pop_is_demo"}) {
                const QVariant v = source.attributes.value(QString::fromLatin1(key));
                if (v.isValid() && !v.isNull())
                    feature.SetField(key, GIntBig(v.toLongLong()));
            }
        }
        if (OGRGeometryUniquePtr geometry = ogrutil::fromWkb(source.wkb)) {
            geometry->assignSpatialReference(layer->GetSpatialRef());
            feature.SetGeometry(geometry.get());
        }
        if (layer->CreateFeature(&feature) != OGRERR_NONE)
            return gdalError(StoreWriter::tr("Could not write %1 %2").arg(table, source.code));
    }
    return {};
}

Result<void> writeAll(GDALDataset &dataset, const GridSource &grid)
{
    const QList<QPair<QString, const QList<SourceFeature> *>> tables = {
        {subdistrictsTable(), &grid.subdistricts},
        {communitiesTable(), &grid.communities},
        {cellsTable(), &grid.cells}};
    for (const auto &[table, features] : tables)
        if (auto r = writeFeatures(dataset, table, *features); !r)
            return r;
    return {};
}

/// The value of one column of a grid table for a feature, as create() writes it through GDAL.
QVariant columnValue(const char *column, const SourceFeature &source)
{
    const QLatin1String name(column);
    if (name == QLatin1String("code"))
        return source.code;
    if (name == QLatin1String("name"))
        return source.name;
    if (name == QLatin1String("name_en"))
        return source.nameEn;
    if (name == QLatin1String("area_km2"))
        return source.areaKm2;
    if (name == QLatin1String("uuid"))
        return QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (name == QLatin1String("community_code"))
        return source.code.left(12);
    if (name == QLatin1String("subdistrict_code"))
        return source.code.left(9);
    if (name == QLatin1String("source_attrs"))
        return QString::fromUtf8(QJsonDocument(QJsonObject::fromVariantMap(source.attributes))
                                     .toJson(QJsonDocument::Compact));
    return source.attributes.value(QString(name)); // population figures, null when absent
}

Result<void> insertFeatures(SqliteDb &db, const QString &table,
                            const QList<SourceFeature> &features)
{
    const QList<FieldSpec> &fields = fieldsOf(table);
    QStringList names{QStringLiteral("geom")};
    QStringList params{QStringLiteral("?1")};
    for (const FieldSpec &field : fields) {
        names.append(QString::fromLatin1(field.name));
        params.append(QStringLiteral("?%1").arg(params.size() + 1));
    }
    auto insert = Statement::prepare(db, QStringLiteral("INSERT INTO \"%1\" (%2) VALUES (%3)")
                                             .arg(table, names.join(u','), params.join(u',')));
    if (!insert)
        return insert.error();
    Statement &q = insert.value();
    for (const SourceFeature &source : features) {
        if (source.wkb.isEmpty())
            q.bindNull(1);
        else
            q.bindBlob(1, gpkgblob::fromWkb(source.wkb, storageSrid));
        for (qsizetype i = 0; i < fields.size(); ++i) {
            const QVariant value = columnValue(fields[i].name, source);
            const int slot = int(i) + 2;
            if (!value.isValid() || value.isNull())
                q.bindNull(slot);
            else if (fields[i].type == OFTString)
                q.bind(slot, value.toString());
            else if (fields[i].type == OFTReal)
                q.bind(slot, value.toDouble());
            else
                q.bind(slot, value.toLongLong());
        }
        if (auto r = q.run(); !r)
            return Error{QStringLiteral("store.write"),
                         StoreWriter::tr("Could not write %1 %2").arg(table, source.code),
                         r.error().detail};
    }
    return {};
}

/// Keeps gpkg_contents true for GIS tools: the layer's extent and when it changed.
Result<void> updateContents(SqliteDb &db, const QString &table)
{
    return db.exec(
        QStringLiteral("UPDATE gpkg_contents SET min_x = (SELECT min(minx) FROM \"rtree_%1_geom\"),"
                       " max_x = (SELECT max(maxx) FROM \"rtree_%1_geom\"),"
                       " min_y = (SELECT min(miny) FROM \"rtree_%1_geom\"),"
                       " max_y = (SELECT max(maxy) FROM \"rtree_%1_geom\"),"
                       " last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
                       " WHERE table_name = '%1'")
            .arg(table));
}

} // namespace

Result<void> StoreWriter::create(const QString &path, const GridSource &grid)
{
    GDALAllRegister();
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QString temp = path + QStringLiteral(".creating.gpkg");
    QFile::remove(temp);
    GDALDriver *driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!driver)
        return gdalError(tr("GDAL was built without GeoPackage support"));
    {
        GDALDatasetUniquePtr dataset(
            driver->Create(temp.toUtf8().constData(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!dataset)
            return gdalError(tr("Could not create the store %1").arg(path));
        // the owner's only, before any data is in it: a store holds personal data and the
        // site's records (SQLite gives its -wal and -shm files the same permissions)
        QFile::setPermissions(temp, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        for (const QString &table : {subdistrictsTable(), communitiesTable(), cellsTable()})
            if (auto r = createLayer(*dataset, table); !r)
                return r;
        if (dataset->StartTransaction() != OGRERR_NONE)
            return gdalError(tr("Could not create the store %1").arg(path));
        if (auto r = writeAll(*dataset, grid); !r) {
            dataset->RollbackTransaction();
            dataset.reset();
            QFile::remove(temp);
            return r;
        }
        if (dataset->CommitTransaction() != OGRERR_NONE)
            return gdalError(tr("Could not create the store %1").arg(path));
    }
    {
        auto db = SqliteDb::open(temp);
        if (!db)
            return db.error();
        if (auto r = Store::initialiseMeta(*db.value(), grid.districtCode, grid.districtName,
                                           grid.districtNameEn, grid.description);
            !r) {
            QFile::remove(temp);
            return r;
        }
    }
    // A hard link puts the finished file in place only if nothing is there yet: a store another
    // process created meanwhile (and may have open) is never replaced under it.
    const bool placed = ::link(QFile::encodeName(temp).constData(),
                               QFile::encodeName(path).constData()) == 0;
    const int cause = errno;
    QFile::remove(temp);
    if (!placed && cause == EEXIST)
        return Error{QStringLiteral("store.exists"),
                     tr("A store %1 already exists; it was left as it was").arg(path),
                     {}};
    if (!placed)
        return Error{QStringLiteral("store.write"), tr("Could not create the store %1").arg(path),
                     QString::fromLocal8Bit(std::strerror(cause))};
    return {};
}

Result<void> StoreWriter::replaceGrid(SqliteDb &db, const GridSource &grid)
{
    for (const QString &table : {cellsTable(), communitiesTable(), subdistrictsTable()})
        if (auto r = db.exec(QStringLiteral("DELETE FROM \"%1\"").arg(table)); !r)
            return Error{QStringLiteral("store.write"),
                         tr("Could not clear the %1 table").arg(table), r.error().detail};
    const QList<QPair<QString, const QList<SourceFeature> *>> tables = {
        {subdistrictsTable(), &grid.subdistricts},
        {communitiesTable(), &grid.communities},
        {cellsTable(), &grid.cells}};
    for (const auto &[table, features] : tables) {
        if (auto r = insertFeatures(db, table, *features); !r)
            return r;
        if (auto r = updateContents(db, table); !r)
            return r;
    }
    const QList<QPair<QString, QString>> values = {{keyDistrictCode(), grid.districtCode},
                                                   {keyDistrictName(), grid.districtName},
                                                   {keyDistrictNameEn(), grid.districtNameEn},
                                                   {keyGridSource(), grid.description}};
    for (const auto &[key, value] : values)
        if (auto r = Store::setMeta(db, key, value); !r)
            return Error{QStringLiteral("store.write"),
                         tr("Could not record the new grid's metadata"), r.error().detail};
    return {};
}

} // namespace citygrid
