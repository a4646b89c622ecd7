// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "storewriter.h"

#include "ogrutil.h"
#include "sqlitedb.h"
#include "store.h"
#include "storeschema.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

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

QString sqlQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', QStringLiteral("''"));
    return u'\'' + quoted + u'\'';
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
    QFile::remove(path);
    if (!QFile::rename(temp, path))
        return Error{
            QStringLiteral("store.write"), tr("Could not create the store %1").arg(path), {}};
    return {};
}

Result<void> StoreWriter::replaceGrid(const QString &path, const GridSource &grid)
{
    GDALAllRegister();
    GDALDatasetUniquePtr dataset(
        GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    if (!dataset)
        return gdalError(tr("Could not open the store %1 for writing").arg(path));
    if (dataset->StartTransaction() != OGRERR_NONE)
        return gdalError(tr("Could not open the store %1 for writing").arg(path));
    const auto fail = [&](const Error &error) -> Result<void> {
        dataset->RollbackTransaction();
        return error;
    };
    for (const QString &table : {cellsTable(), communitiesTable(), subdistrictsTable()}) {
        CPLErrorReset();
        dataset->ExecuteSQL(QStringLiteral("DELETE FROM \"%1\"").arg(table).toUtf8().constData(),
                            nullptr, nullptr);
        if (CPLGetLastErrorType() >= CE_Failure)
            return fail(gdalError(tr("Could not clear the %1 table").arg(table)));
    }
    if (auto r = writeAll(*dataset, grid); !r)
        return fail(r.error());
    const QList<QPair<QString, QString>> meta = {{keyDistrictCode(), grid.districtCode},
                                                 {keyDistrictName(), grid.districtName},
                                                 {keyDistrictNameEn(), grid.districtNameEn},
                                                 {keyGridSource(), grid.description}};
    for (const auto &[key, value] : meta) {
        CPLErrorReset();
        dataset->ExecuteSQL(QStringLiteral("UPDATE %1 SET value = %2 WHERE key = %3")
                                .arg(metaTable(), sqlQuote(value), sqlQuote(key))
                                .toUtf8()
                                .constData(),
                            nullptr, nullptr);
        if (CPLGetLastErrorType() >= CE_Failure)
            return fail(gdalError(tr("Could not record the new grid's metadata")));
    }
    if (dataset->CommitTransaction() != OGRERR_NONE)
        return gdalError(tr("Could not save the new grid; the store is unchanged"));
    return {};
}

} // namespace citygrid
