// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "caseexchange.h"

#include "ogrutil.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <QFileInfo>

#include <cmath>

namespace citygrid {

namespace {

/// The first field of the layer named one of `names` (case-insensitive), -1 if none.
int field(OGRFeatureDefn *defn, std::initializer_list<const char *> names)
{
    for (const char *name : names)
        for (int i = 0; i < defn->GetFieldCount(); ++i)
            if (QString::fromUtf8(defn->GetFieldDefn(i)->GetNameRef())
                    .compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
                return i;
    return -1;
}

QString text(const OGRFeature &f, int index)
{
    return index >= 0 && f.IsFieldSetAndNotNull(index)
               ? QString::fromUtf8(f.GetFieldAsString(index)).trimmed()
               : QString();
}

/// An ISO 8601 time; one without an offset is China time (UTC+8), as the centre writes them.
QDateTime parseTime(const QString &value)
{
    QDateTime t = QDateTime::fromString(value, Qt::ISODate);
    if (!t.isValid())
        t = QDateTime::fromString(value, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (!t.isValid())
        t = QDateTime::fromString(value, QStringLiteral("yyyy-MM-dd HH:mm"));
    if (t.isValid() && t.timeSpec() == Qt::LocalTime)
        t = QDateTime(t.date(), t.time(), Qt::OffsetFromUTC, 8 * 3600);
    return t;
}

} // namespace

Result<QList<CaseStore::DatedReport>>
CaseExchange::readReports(const QString &path, const CaseCatalogues &catalogues,
                          const CellAt &cellAt, const QDateTime &now, QList<RowProblem> *problems)
{
    GDALAllRegister();
    const QString name = QFileInfo(path).fileName();
    // A sheet of text cells has nothing to tell its header from the data: the first row is it.
    // The XLSX driver reads this setting (not an open option) when the sheet is first read, so
    // it holds until reading is done.
    struct ForceHeaders
    {
        ForceHeaders() { CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", "FORCE"); }
        ~ForceHeaders() { CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", nullptr); }
    } forceHeaders;
    GDALDatasetUniquePtr dataset(
        GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!dataset || dataset->GetLayerCount() < 1)
        return Error{QStringLiteral("import.open"),
                     tr("Could not read %1 as a table of cases (CSV, XLSX or GeoJSON)").arg(name),
                     ogrutil::lastError()};
    OGRLayer *layer = dataset->GetLayer(0);
    OGRFeatureDefn *defn = layer->GetLayerDefn();
    const int category = field(defn, {"category_id", "service_code", "category"});
    const int reported = field(defn, {"reported_at", "requested_datetime", "time"});
    const int lon = field(defn, {"lon", "long", "longitude", "x"});
    const int lat = field(defn, {"lat", "latitude", "y"});
    const int channel = field(defn, {"channel"});
    const int description = field(defn, {"description"});
    const int reporter = field(defn, {"reporter"});
    const bool hasGeometry = defn->GetGeomType() != wkbNone;
    QStringList missing;
    if (category < 0)
        missing << QStringLiteral("category_id");
    if (reported < 0)
        missing << QStringLiteral("reported_at");
    if (!hasGeometry && (lon < 0 || lat < 0))
        missing << QStringLiteral("lon, lat");
    if (!missing.isEmpty())
        return Error{QStringLiteral("import.columns"),
                     tr("%1 lacks the column(s) %2; nothing was imported. A case file needs "
                        "category_id, reported_at and a position (lon and lat, or a point "
                        "geometry)")
                         .arg(name, missing.join(QStringLiteral(", "))),
                     {}};

    // Point geometries come in the layer's CRS; CityGrid keeps lon/lat (WGS84).
    std::unique_ptr<OGRCoordinateTransformation> toWgs84;
    if (hasGeometry && layer->GetSpatialRef()) {
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        toWgs84.reset(OGRCreateCoordinateTransformation(layer->GetSpatialRef(), &wgs84));
    }

    const QStringList channels = CaseVocabulary::channels();
    QList<CaseStore::DatedReport> reports;
    QList<RowProblem> found;
    qint64 row = 0;
    layer->ResetReading();
    for (auto &feature : *layer) {
        ++row;
        QStringList reasons;
        CaseStore::DatedReport report;
        NewCase &in = report.input;
        in.categoryId = text(*feature, category);
        if (!catalogues.categories.find(in.categoryId))
            reasons << tr("unknown category \"%1\"").arg(in.categoryId);
        report.at = parseTime(text(*feature, reported));
        if (!report.at.isValid())
            reasons << tr("bad time \"%1\" (write it as 2026-10-05T09:30:00+08:00)")
                           .arg(text(*feature, reported));
        else if (report.at > now)
            reasons << tr("time %1 lies in the future").arg(text(*feature, reported));
        QPointF p(qQNaN(), qQNaN());
        const OGRGeometry *geometry = feature->GetGeometryRef();
        if (geometry && wkbFlatten(geometry->getGeometryType()) == wkbPoint) {
            double x = geometry->toPoint()->getX(), y = geometry->toPoint()->getY();
            if (!toWgs84 || toWgs84->Transform(1, &x, &y))
                p = QPointF(x, y);
        } else if (lon >= 0 && lat >= 0) {
            bool okX = false, okY = false;
            p = QPointF(text(*feature, lon).toDouble(&okX), text(*feature, lat).toDouble(&okY));
            if (!okX || !okY)
                p = QPointF(qQNaN(), qQNaN());
        }
        if (!std::isfinite(p.x()) || !std::isfinite(p.y())) {
            reasons << tr("no position (lon and lat, in degrees)");
        } else {
            in.lonLat = p;
            in.cellCode = cellAt(p);
            if (in.cellCode.isEmpty())
                reasons << tr("point %1, %2 lies outside the district")
                               .arg(p.x(), 0, 'f', 6)
                               .arg(p.y(), 0, 'f', 6);
        }
        in.channel = channel >= 0 ? text(*feature, channel) : QString();
        if (in.channel.isEmpty())
            in.channel = QStringLiteral("inspector");
        if (!channels.contains(in.channel))
            reasons << tr("unknown channel \"%1\" (inspector, video, hotline or assigned)")
                           .arg(in.channel);
        in.description = text(*feature, description);
        in.reporter = text(*feature, reporter);
        if (!reasons.isEmpty())
            found.append({row, reasons.join(QStringLiteral("; "))});
        else
            reports.append(report);
    }
    if (problems)
        *problems = found;
    if (!found.isEmpty())
        return Error{QStringLiteral("import.rows"),
                     tr("%n row(s) of %1 are wrong; nothing was imported. Correct them and "
                        "import the file again.",
                        nullptr, int(found.size()))
                         .arg(name),
                     {}};
    if (reports.isEmpty())
        return Error{QStringLiteral("import.empty"), tr("%1 holds no cases").arg(name), {}};
    return reports;
}

Result<qint64> CaseExchange::importCases(const QString &path, CaseStore &store,
                                         const CaseCatalogues &catalogues, const CellAt &cellAt,
                                         const QString &userId, const QDateTime &now,
                                         QList<RowProblem> *problems, const Progress &progress)
{
    auto reports = readReports(path, catalogues, cellAt, now, problems);
    if (!reports)
        return reports.error();
    return store.reportMany(reports.value(), userId, progress);
}

} // namespace citygrid
