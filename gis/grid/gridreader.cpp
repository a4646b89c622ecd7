// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "grid/gridreader.h"

#include "crs/crstransform.h"
#include "grid/cellcode.h"
#include "io/gdalerrors.h"
#include "io/ogrutil.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <optional>

namespace citygrid {

namespace {

const QString wgs84 = QStringLiteral("EPSG:4326");

QString fieldText(const OGRFeature &feature, int field)
{
    if (!feature.IsFieldSetAndNotNull(field))
        return {};
    const OGRFieldType type = feature.GetFieldDefnRef(field)->GetType();
    if (type == OFTInteger64 || type == OFTInteger)
        return QString::number(feature.GetFieldAsInteger64(field));
    if (type == OFTReal) // codes stored as numbers in a .dbf
        return QString::number(feature.GetFieldAsDouble(field), 'f', 0);
    return QString::fromUtf8(feature.GetFieldAsString(field)).trimmed();
}

QVariant fieldValue(const OGRFeature &feature, int field)
{
    if (!feature.IsFieldSetAndNotNull(field))
        return {};
    switch (feature.GetFieldDefnRef(field)->GetType()) {
    case OFTInteger:
    case OFTInteger64:
        return feature.GetFieldAsInteger64(field);
    case OFTReal:
        return feature.GetFieldAsDouble(field);
    default:
        return QString::fromUtf8(feature.GetFieldAsString(field));
    }
}

int findField(OGRFeatureDefn *defn, const QString &name)
{
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        if (QString::fromUtf8(defn->GetFieldDefn(i)->GetNameRef())
                .compare(name, Qt::CaseInsensitive) == 0)
            return i;
    return -1;
}

/// The first field whose name matches one of the patterns, in pattern order.
int fieldByName(OGRFeatureDefn *defn, const QStringList &patterns, int exclude = -1)
{
    for (const QString &pattern : patterns) {
        const QRegularExpression re(QStringLiteral("^(%1)$").arg(pattern),
                                    QRegularExpression::CaseInsensitiveOption);
        for (int i = 0; i < defn->GetFieldCount(); ++i)
            if (i != exclude &&
                re.match(QString::fromUtf8(defn->GetFieldDefn(i)->GetNameRef())).hasMatch())
                return i;
    }
    return -1;
}

/// The field most of whose values (in a sample) parse as area codes, preferring code-like names.
int detectCodeField(OGRLayer &layer)
{
    OGRFeatureDefn *defn = layer.GetLayerDefn();
    QList<int> hits(defn->GetFieldCount(), 0);
    int sampled = 0;
    layer.ResetReading();
    for (auto &&feature : layer) {
        for (int i = 0; i < defn->GetFieldCount(); ++i)
            if (CellCode::parse(fieldText(*feature, i)).ok())
                ++hits[i];
        if (++sampled >= 200)
            break;
    }
    layer.ResetReading();
    // A field counts when most of its values are codes: a few malformed ones are the validator's
    // to report, not a reason to miss the field.
    const auto mostlyCodes = [&](int field) { return sampled > 0 && hits[field] * 2 > sampled; };
    const int preferred = fieldByName(
        defn, {QStringLiteral("code|cell_code|grid_code|wgbm|bm|编码|网格编码|code_\\w*")});
    if (preferred >= 0 && mostlyCodes(preferred))
        return preferred;
    int best = -1;
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        if (mostlyCodes(i) && (best < 0 || hits[i] > hits[best]))
            best = i;
    return best;
}

} // namespace

struct GridReader::LayerPlan
{
    OGRLayer *layer = nullptr;
    QString name;
    int codeField = -1;
    int nameField = -1;
    int nameEnField = -1;
    int communityNameField = -1;
    int subdistrictNameField = -1;
    GridLevel level = GridLevel::Cell;
};

namespace {

std::optional<GridLevel> majorityLevel(OGRLayer &layer, int codeField)
{
    int counts[4] = {0, 0, 0, 0};
    int sampled = 0;
    layer.ResetReading();
    for (auto &&feature : layer) {
        if (auto code = CellCode::parse(fieldText(*feature, codeField)))
            ++counts[int(code.value().level())];
        if (++sampled >= 200)
            break;
    }
    layer.ResetReading();
    int best = 1;
    for (int i = 2; i < 4; ++i)
        if (counts[i] > counts[best])
            best = i;
    if (counts[best] == 0)
        return std::nullopt;
    return GridLevel(best);
}

} // namespace

QList<GridReader::LayerPlan>
GridReader::planLayers(GDALDataset &dataset, const GridReadOptions &options, bool &codeFieldSeen)
{
    QList<LayerPlan> plans;
    for (OGRLayer *layer : dataset.GetLayers()) {
        LayerPlan plan;
        plan.layer = layer;
        plan.name = QString::fromUtf8(layer->GetName());
        OGRFeatureDefn *defn = layer->GetLayerDefn();
        if (!options.codeField.isEmpty()) {
            plan.codeField = findField(defn, options.codeField);
            codeFieldSeen = codeFieldSeen || plan.codeField >= 0;
        } else {
            plan.codeField = detectCodeField(*layer);
        }
        if (plan.codeField < 0)
            continue;
        const auto level = majorityLevel(*layer, plan.codeField);
        if (!level)
            continue;
        plan.level = *level;
        plan.nameField =
            options.nameField.isEmpty()
                ? fieldByName(defn, {QStringLiteral("name|name_zh|mc|名称|wgmc|cell_name")},
                              plan.codeField)
                : findField(defn, options.nameField);
        plan.nameEnField = fieldByName(defn, {QStringLiteral("name_en|ename|name_eng")});
        plan.communityNameField = fieldByName(
            defn, {QStringLiteral("community|community_name|comm_name|sqmc|社区|社区名称")});
        plan.subdistrictNameField = fieldByName(
            defn,
            {QStringLiteral("subdistrict|subdistrict_name|street|street_name|jdmc|街道|街道名称")});
        plans.append(plan);
    }
    return plans;
}

Result<QString> GridReader::layerCrs(const LayerPlan &plan, const GridReadOptions &options)
{
    QString crs = options.crs;
    if (crs.isEmpty()) {
        const OGRSpatialReference *srs = plan.layer->GetSpatialRef();
        if (!srs)
            return Error{QStringLiteral("import.no-crs"),
                         tr("Layer \"%1\" does not say which coordinate reference system it uses. "
                            "Give it with --crs (for example EPSG:4547, EPSG:4326 or gcj02).")
                             .arg(plan.name),
                         {}};
        char *wkt = nullptr;
        srs->exportToWkt(&wkt);
        crs = QString::fromUtf8(wkt);
        CPLFree(wkt);
    }
    return crs;
}

void GridReader::readLayer(const LayerPlan &plan, const CrsTransform &transform, GridSource &source,
                           ImportIssues &issues)
{
    QList<SourceFeature> &target = plan.level == GridLevel::Subdistrict ? source.subdistricts
                                   : plan.level == GridLevel::Community ? source.communities
                                                                        : source.cells;
    plan.layer->ResetReading();
    for (auto &&feature : *plan.layer) {
        SourceFeature out;
        out.fid = feature->GetFID();
        out.code = fieldText(*feature, plan.codeField);
        if (plan.nameField >= 0)
            out.name = fieldText(*feature, plan.nameField);
        if (plan.nameEnField >= 0)
            out.nameEn = fieldText(*feature, plan.nameEnField);
        const auto issue = [&](const QString &kind, const QString &message) {
            issues.append(
                {ImportIssue::Severity::Error, kind, plan.name, out.fid, out.code, message});
        };
        for (int i = 0; i < feature->GetFieldCount(); ++i)
            out.attributes.insert(QString::fromUtf8(feature->GetFieldDefnRef(i)->GetNameRef()),
                                  fieldValue(*feature, i));
        if (plan.level == GridLevel::Cell) {
            if (plan.communityNameField >= 0 && out.code.size() >= 12)
                source.parentNames.insert(out.code.left(12),
                                          fieldText(*feature, plan.communityNameField));
            if (plan.subdistrictNameField >= 0 && out.code.size() >= 9)
                source.parentNames.insert(out.code.left(9),
                                          fieldText(*feature, plan.subdistrictNameField));
        }
        readGeometry(feature->GetGeometryRef(), transform, out, issue);
        target.append(out);
    }
}

void GridReader::readGeometry(const OGRGeometry *geometry, const CrsTransform &transform,
                              SourceFeature &out, const IssueAt &issue)
{
    if (!geometry || geometry->IsEmpty()) {
        issue(QStringLiteral("geometry.empty"), tr("The feature has no geometry"));
        return;
    }
    if (!ogrutil::isPolygonal(*geometry)) {
        issue(QStringLiteral("geometry.not-polygon"),
              tr("The geometry is a %1, not a polygon")
                  .arg(QString::fromUtf8(geometry->getGeometryName())));
        return;
    }
    OGRGeometryUniquePtr multi(OGRGeometryFactory::forceToMultiPolygon(geometry->clone()));
    multi->flattenTo2D();
    if (!ogrutil::transform(*multi, transform)) {
        issue(QStringLiteral("geometry.transform"),
              tr("The coordinates cannot be converted to longitude/latitude; the coordinate "
                 "reference system is probably wrong"));
        return;
    }
    OGREnvelope env;
    multi->getEnvelope(&env);
    if (env.MinX < -180 || env.MaxX > 180 || env.MinY < -90 || env.MaxY > 90) {
        issue(QStringLiteral("geometry.out-of-range"),
              tr("The coordinates fall outside the Earth (longitude %1, latitude %2); the "
                 "coordinate reference system is probably wrong")
                  .arg(env.MinX, 0, 'f', 3)
                  .arg(env.MinY, 0, 'f', 3));
        return;
    }
    out.wkb = ogrutil::toWkb(*multi);
}

Result<GridSource> GridReader::read(const QString &path, const GridReadOptions &options,
                                    ImportIssues &issues)
{
    GDALAllRegister();
    // What GDAL says while it reads the file is kept: a damaged file is one error, not a line
    // of GDAL's on the terminal and a "no geometry" for every feature it could not read.
    const gdalerrors::Collector gdal;
    if (!QFileInfo::exists(path) && !path.startsWith(QLatin1String("/vsi")))
        return Error{
            QStringLiteral("import.missing"), tr("The file %1 does not exist").arg(path), {}};
    CPLErrorReset();
    GDALDatasetUniquePtr dataset(
        GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!dataset)
        return Error{
            QStringLiteral("import.unreadable"),
            tr("%1 is not a vector file CityGrid can read (Shapefile, GeoPackage, GeoJSON, "
               "KML, ...)")
                .arg(QFileInfo(path).fileName()),
            ogrutil::lastError()};
    if (!options.crs.isEmpty() && !CrsTransform::isKnown(options.crs))
        return Error{
            QStringLiteral("import.crs-unknown"),
            tr("The coordinate reference system \"%1\" is unknown; give an EPSG code such as "
               "EPSG:4547, or gcj02")
                .arg(options.crs),
            {}};

    bool codeFieldSeen = false;
    const QList<LayerPlan> plans = planLayers(*dataset, options, codeFieldSeen);
    if (!options.codeField.isEmpty() && !codeFieldSeen)
        return Error{QStringLiteral("import.no-code-field"),
                     tr("No layer of %1 has a field named \"%2\"")
                         .arg(QFileInfo(path).fileName(), options.codeField),
                     {}};
    GridSource source;
    source.description = QFileInfo(path).fileName();
    for (const LayerPlan &plan : std::as_const(plans)) {
        auto crs = layerCrs(plan, options);
        if (!crs)
            return crs.error();
        auto transform = CrsTransform::create(crs.value(), wgs84);
        if (!transform)
            return transform.error();
        readLayer(plan, transform.value(), source, issues);
    }
    if (!gdal.failures().isEmpty()) {
        issues.clear(); // the features it lists are the ones GDAL could not read
        return Error{QStringLiteral("import.damaged"),
                     tr("%1 is damaged or cut short: part of it cannot be read. Nothing was "
                        "imported; copy the whole file again (a Shapefile with its .shx and .dbf "
                        "beside it) and import it again.")
                         .arg(QFileInfo(path).fileName()),
                     gdal.failures().join(QStringLiteral("; "))};
    }
    return source;
}

} // namespace citygrid
