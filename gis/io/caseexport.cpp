// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "io/caseexchange.h"

#include "base/partialfile.h"
#include "io/ogrutil.h"
#include "io/open311request.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cmath>

namespace citygrid {

namespace {

/// One column of an export: its name, its kind, and how a case fills it (as text; empty for
/// none). Spreadsheets and GIS get numbers as numbers and times as date-times; CSV is all text.
struct Column
{
    enum class Kind { Text, Integer, Real, Time };
    const char *name;
    Kind kind;
    std::function<QString(const CaseRecord &)> value;
};
using Kind = Column::Kind;

OGRFieldType fieldType(Kind kind)
{
    switch (kind) {
    case Kind::Integer:
        return OFTInteger;
    case Kind::Real:
        return OFTReal;
    case Kind::Time:
        return OFTDateTime;
    default:
        return OFTString;
    }
}

/// A text cell that a spreadsheet would take for a formula (=, +, -, @, or a tab or carriage
/// return first) gets an apostrophe in front, as OWASP advises for CSV: opening an export must
/// never run a command a reporter typed. Import takes the apostrophe off again.
QString defused(const QString &text)
{
    static const QString risky = QStringLiteral("=+-@\t\r");
    return !text.isEmpty() && risky.contains(text.front()) ? u'\'' + text : text;
}

/// Sets field `i` of `feature` from a column's text, typed as the column says.
void setField(OGRFeature &feature, int i, Kind kind, const QString &text, bool csv)
{
    if (text.isEmpty() && kind != Kind::Text)
        return; // left null
    switch (csv ? Kind::Text : kind) {
    case Kind::Integer:
        feature.SetField(i, text.toInt());
        break;
    case Kind::Real:
        feature.SetField(i, text.toDouble());
        break;
    case Kind::Time: {
        const QDateTime t = QDateTime::fromString(text, Qt::ISODate);
        const int offsetQuarters = t.offsetFromUtc() / 900;
        // GDAL's time zone flag: 100 is UTC, each step a quarter of an hour
        feature.SetField(i, t.date().year(), t.date().month(), t.date().day(), t.time().hour(),
                         t.time().minute(), float(t.time().second()), 100 + offsetQuarters);
        break;
    }
    default:
        feature.SetField(i, (kind == Kind::Text && csv ? defused(text) : text).toUtf8().constData());
    }
}

QString time(const QDateTime &t)
{
    return open311::time(t);
}

QList<Column> columns(const CaseCatalogues &catalogues, const GridCatalogue &grid, bool english)
{
    const auto category = [&catalogues, english](const CaseRecord &r) {
        const auto *c = catalogues.categories.find(r.categoryId);
        return !c ? QString() : english ? c->nameEn : c->name;
    };
    const auto unit = [&catalogues, english](const CaseRecord &r) {
        const auto *u = catalogues.units.find(r.unitId);
        return !u ? QString() : english && !u->nameEn.isEmpty() ? u->nameEn : u->name;
    };
    return {
        {"case_no", Kind::Text, [](const CaseRecord &r) { return r.caseNo; }},
        {"uuid", Kind::Text, [](const CaseRecord &r) { return r.uuid; }},
        {"category_id", Kind::Text, [](const CaseRecord &r) { return r.categoryId; }},
        {"category", Kind::Text, category},
        {"cell_code", Kind::Text, [](const CaseRecord &r) { return r.cellCode; }},
        {"community", Kind::Text,
         [&grid, english](const CaseRecord &r) {
             return grid.displayName(r.cellCode.left(12), english);
         }},
        {"subdistrict", Kind::Text,
         [&grid, english](const CaseRecord &r) {
             return grid.displayName(r.cellCode.left(9), english);
         }},
        {"channel", Kind::Text, [](const CaseRecord &r) { return r.channel; }},
        {"description", Kind::Text, [](const CaseRecord &r) { return r.description; }},
        {"reporter", Kind::Text, [](const CaseRecord &r) { return r.reporter; }},
        {"state", Kind::Text, [](const CaseRecord &r) { return CaseVocabulary::id(r.status.state); }},
        {"rework_count", Kind::Integer, [](const CaseRecord &r) { return QString::number(r.status.reworkCount); }},
        {"unit_id", Kind::Text, [](const CaseRecord &r) { return r.unitId; }},
        {"unit", Kind::Text, unit},
        {"reported_at", Kind::Time, [](const CaseRecord &r) { return time(r.reportedAt); }},
        {"dispatched_at", Kind::Time, [](const CaseRecord &r) { return time(r.dispatchedAt); }},
        {"due_at", Kind::Time, [](const CaseRecord &r) { return time(r.dueAt); }},
        {"handled_at", Kind::Time, [](const CaseRecord &r) { return time(r.handledAt); }},
        {"closed_at", Kind::Time, [](const CaseRecord &r) { return time(r.closedAt); }},
        {"on_time", Kind::Integer,
         [](const CaseRecord &r) {
             return !r.onTime ? QString() : *r.onTime ? QStringLiteral("1") : QStringLiteral("0");
         }},
        {"lon", Kind::Real, [](const CaseRecord &r) { return QString::number(r.lonLat.x(), 'f', 7); }},
        {"lat", Kind::Real, [](const CaseRecord &r) { return QString::number(r.lonLat.y(), 'f', 7); }},
    };
}

Error writeError(const QString &path, const QString &detail)
{
    return {QStringLiteral("export.write"),
            CaseExchange::tr("Could not write %1; check the folder exists and you may write to "
                             "it")
                .arg(QFileInfo(path).fileName()),
            detail};
}

Result<qint64> writeOpen311(const CaseQuery &query, const CaseCatalogues &catalogues,
                            const GridCatalogue &grid, const QString &path, bool english)
{
    QJsonArray requests;
    const auto read = query.forEach([&](const CaseRecord &r) {
        requests.append(open311::request(r, catalogues, grid, english));
    });
    if (!read)
        return read.error();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return writeError(path, file.errorString());
    file.write(QJsonDocument(requests).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return writeError(path, file.errorString());
    return qint64(requests.size());
}

const char *driverOf(const QString &format)
{
    if (format == QLatin1String("csv"))
        return "CSV";
    if (format == QLatin1String("xlsx"))
        return "XLSX";
    if (format == QLatin1String("geojson"))
        return "GeoJSON";
    if (format == QLatin1String("gpkg"))
        return "GPKG";
    return nullptr;
}

} // namespace

QString CaseExchange::formatOf(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("json"))
        return QStringLiteral("open311");
    return exportFormats().contains(suffix) ? suffix : QString();
}

Result<qint64> CaseExchange::exportCases(const CaseQuery &query, const CaseCatalogues &catalogues,
                                         const GridCatalogue &grid, const QString &path,
                                         const QString &format, bool english,
                                         const Progress &progress)
{
    if (format == QLatin1String("open311"))
        return writeOpen311(query, catalogues, grid, path, english);
    const char *driverName = driverOf(format);
    if (!driverName)
        return Error{QStringLiteral("export.format"),
                     tr("Unknown format \"%1\"; choose one of %2")
                         .arg(format, exportFormats().join(QStringLiteral(", "))),
                     {}};
    GDALAllRegister();
    GDALDriver *driver = GetGDALDriverManager()->GetDriverByName(driverName);
    if (!driver)
        return Error{QStringLiteral("export.format"),
                     tr("This GDAL cannot write %1").arg(QLatin1String(driverName)),
                     {}};
    PartialFile partial(path);
    qint64 written = 0;
    {
        GDALDatasetUniquePtr dataset(
            driver->Create(partial.path().toUtf8().constData(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!dataset)
            return writeError(path, ogrutil::lastError());
        const bool spatial = format == QLatin1String("geojson") || format == QLatin1String("gpkg");
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        char **layerOptions = nullptr;
        if (format == QLatin1String("csv"))
            layerOptions = CSLSetNameValue(layerOptions, "WRITE_BOM", "YES"); // Excel reads UTF-8
        OGRLayer *layer = dataset->CreateLayer("cases", spatial ? &wgs84 : nullptr,
                                               spatial ? wkbPoint : wkbNone, layerOptions);
        CSLDestroy(layerOptions);
        if (!layer)
            return writeError(path, ogrutil::lastError());
        const QList<Column> cols = columns(catalogues, grid, english);
        const bool csv = format == QLatin1String("csv");
        for (const Column &c : cols) {
            OGRFieldDefn field(c.name, csv ? OFTString : fieldType(c.kind));
            if (c.kind == Kind::Real)
                field.SetPrecision(7);
            if (layer->CreateField(&field) != OGRERR_NONE)
                return writeError(path, ogrutil::lastError());
        }
        const bool transactions = dataset->StartTransaction() == OGRERR_NONE;
        qint64 total = 0;
        if (auto n = query.count())
            total = n.value();
        bool failed = false;
        const auto read = query.forEach([&](const CaseRecord &r) {
            if (failed)
                return;
            OGRFeature feature(layer->GetLayerDefn());
            for (int i = 0; i < cols.size(); ++i)
                setField(feature, i, cols[i].kind, cols[i].value(r), csv);
            if (spatial)
                feature.SetGeometry(std::make_unique<OGRPoint>(r.lonLat.x(), r.lonLat.y()).get());
            failed = layer->CreateFeature(&feature) != OGRERR_NONE;
            if (++written % 5000 == 0 && total > 0)
                failed = failed || !progress.report(tr("Exporting cases"), double(written) / total);
        });
        if (!read)
            return read.error();
        if (failed)
            return progress.cancelled()
                       ? Error{QStringLiteral("export.cancelled"), tr("Export cancelled"), {}}
                       : writeError(path, ogrutil::lastError());
        if (transactions && dataset->CommitTransaction() != OGRERR_NONE)
            return writeError(path, ogrutil::lastError());
    }
    if (!partial.commit())
        return writeError(path, QStringLiteral("rename failed"));
    return written;
}

} // namespace citygrid
