// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "io/caseexchange.h"

#include "base/csvtable.h"
#include "cases/casetext.h"
#include "io/ogrutil.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <QFileInfo>
#include <QSet>
#include <QUuid>
#include <QtConcurrent/QtConcurrentMap>

#include <atomic>
#include <cmath>
#include <variant>

namespace citygrid {

namespace {

Error missingColumns(const QString &name, const QStringList &missing)
{
    return {QStringLiteral("import.columns"),
            CaseExchange::tr("%1 lacks the column(s) %2; nothing was imported. A case file needs "
                             "category_id, reported_at and a position (lon and lat, or a point "
                             "geometry)")
                .arg(name, missing.join(QStringLiteral(", "))),
            {}};
}

/// The columns of an import file, by the names other systems give them.
struct Columns
{
    int category = -1, reported = -1, lon = -1, lat = -1, channel = -1, description = -1,
        reporter = -1, uuid = -1, sourceId = -1, state = -1;

    static Columns of(const QStringList &names)
    {
        const auto field = [&names](std::initializer_list<const char *> aliases) {
            for (const char *alias : aliases)
                for (int i = 0; i < names.size(); ++i)
                    if (names[i].trimmed().compare(QLatin1String(alias), Qt::CaseInsensitive) == 0)
                        return i;
            return -1;
        };
        Columns c;
        c.category = field({"category_id", "service_code", "category"});
        c.reported = field({"reported_at", "requested_datetime", "time"});
        c.lon = field({"lon", "long", "longitude", "x"});
        c.lat = field({"lat", "latitude", "y"});
        c.channel = field({"channel"});
        c.description = field({"description"});
        c.reporter = field({"reporter"});
        c.uuid = field({"uuid", "case_uuid"});
        c.sourceId = field({"service_request_id", "source_id", "external_id"});
        c.state = field({"state", "status"});
        return c;
    }
    /// The required columns that are missing, by their names.
    QStringList missing(bool hasGeometry) const
    {
        QStringList names;
        if (category < 0)
            names << QStringLiteral("category_id");
        if (reported < 0)
            names << QStringLiteral("reported_at");
        if (!hasGeometry && (lon < 0 || lat < 0))
            names << QStringLiteral("lon, lat");
        return names;
    }
};

/// One row as text, whatever the file's format; `point` when the row has a point geometry.
struct RowText
{
    QString category, reported, lon, lat, channel, description, reporter, uuid, sourceId, state;
    std::optional<QPointF> point;

    static RowText of(const QStringList &fields, const Columns &c)
    {
        const auto at = [&fields](int i) {
            return i >= 0 && i < fields.size() ? fields[i].trimmed() : QString();
        };
        return {at(c.category), at(c.reported), at(c.lon),     at(c.lat),      at(c.channel),
                at(c.description), at(c.reporter), at(c.uuid), at(c.sourceId), at(c.state),
                std::nullopt};
    }
};

/// A case's id from the id another system gave it: the same source id gives the same case, so
/// a file imported again is recognised.
QString uuidOfSource(const QString &sourceId)
{
    static const QUuid space(QStringLiteral("5b1e3c1e-7a39-4c3e-9a57-3f0b5c2f6d11"));
    return QUuid::createUuidV5(space, sourceId).toString(QUuid::WithoutBraces);
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

/// The checks every row passes; safe to run on several threads at once.
class RowChecker
{
public:
    RowChecker(const CaseCatalogues &catalogues, const CaseExchange::CellAt &cellAt,
               const QDateTime &now)
        : m_catalogues(catalogues), m_cellAt(cellAt), m_now(now),
          m_channels(CaseVocabulary::channels())
    {
    }

    /// The report of `row`, or why it cannot be one.
    std::variant<CaseStore::DatedReport, QString> check(const RowText &row) const
    {
        QStringList reasons;
        // the fields' text first: what is kept travels to every site and shows on every screen
        const QList<std::tuple<const char *, const QString *, int>> texts = {
            {"category_id", &row.category, CaseText::maxField},
            {"reported_at", &row.reported, CaseText::maxField},
            {"lon", &row.lon, CaseText::maxField},
            {"lat", &row.lat, CaseText::maxField},
            {"channel", &row.channel, CaseText::maxField},
            {"description", &row.description, CaseText::maxDescription},
            {"reporter", &row.reporter, CaseText::maxReporter},
            {"uuid", &row.uuid, CaseText::maxField},
            {"service_request_id", &row.sourceId, CaseText::maxField}};
        for (const auto &[column, text, limit] : texts)
            if (const QString why = CaseText::problem(*text, limit); !why.isEmpty())
                reasons << CaseExchange::tr("column %1 %2").arg(QLatin1String(column), why);
        if (!reasons.isEmpty())
            return reasons.join(QStringLiteral("; "));
        CaseStore::DatedReport report;
        if (!row.uuid.isEmpty()) {
            const QUuid uuid = QUuid::fromString(row.uuid);
            if (uuid.isNull())
                reasons << CaseExchange::tr("\"%1\" in column uuid is not a UUID").arg(row.uuid);
            report.uuid = uuid.toString(QUuid::WithoutBraces);
        } else if (!row.sourceId.isEmpty()) {
            report.uuid = uuidOfSource(row.sourceId);
        }
        NewCase &in = report.input;
        in.categoryId = row.category;
        if (!m_catalogues.categories.find(in.categoryId))
            reasons << CaseExchange::tr("unknown category \"%1\"").arg(in.categoryId);
        report.at = parseTime(row.reported);
        if (!report.at.isValid())
            reasons << CaseExchange::tr("bad time \"%1\" (write it as 2026-10-05T09:30:00+08:00)")
                           .arg(row.reported);
        else if (report.at > m_now)
            reasons << CaseExchange::tr("time %1 lies in the future").arg(row.reported);
        QPointF p(qQNaN(), qQNaN());
        if (row.point) {
            p = *row.point;
        } else {
            bool okX = false, okY = false;
            p = QPointF(row.lon.toDouble(&okX), row.lat.toDouble(&okY));
            if (!okX || !okY)
                p = QPointF(qQNaN(), qQNaN());
        }
        if (!std::isfinite(p.x()) || !std::isfinite(p.y())) {
            reasons << CaseExchange::tr("no position (lon and lat, in degrees)");
        } else {
            in.lonLat = p;
            in.cellCode = m_cellAt(p);
            if (in.cellCode.isEmpty())
                reasons << CaseExchange::tr("point %1, %2 lies outside the district")
                               .arg(p.x(), 0, 'f', 6)
                               .arg(p.y(), 0, 'f', 6);
        }
        in.channel = row.channel.isEmpty() ? QStringLiteral("inspector") : row.channel;
        if (!m_channels.contains(in.channel))
            reasons << CaseExchange::tr(
                           "unknown channel \"%1\" (inspector, video, hotline or assigned)")
                           .arg(in.channel);
        in.description = row.description;
        in.reporter = row.reporter;
        if (!reasons.isEmpty())
            return reasons.join(QStringLiteral("; "));
        return report;
    }

private:
    const CaseCatalogues &m_catalogues;
    const CaseExchange::CellAt &m_cellAt;
    QDateTime m_now;
    QStringList m_channels;
};

/// Checks rows 0..count-1 on every core, in chunks; the reports in file order, or the problems
/// of every bad row (numbered from 1).
QList<CaseStore::DatedReport> checkRows(qsizetype count,
                                        const std::function<RowText(qsizetype)> &rowAt,
                                        const RowChecker &checker,
                                        QList<CaseExchange::RowProblem> &problems)
{
    struct Chunk
    {
        qsizetype from, to;
        QList<CaseStore::DatedReport> reports;
        QList<CaseExchange::RowProblem> problems;
    };
    constexpr qsizetype chunkSize = 20000;
    QList<Chunk> chunks;
    for (qsizetype from = 0; from < count; from += chunkSize)
        chunks.append({from, std::min(count, from + chunkSize), {}, {}});
    QtConcurrent::blockingMap(chunks, [&](Chunk &chunk) {
        chunk.reports.reserve(chunk.to - chunk.from);
        for (qsizetype i = chunk.from; i < chunk.to; ++i) {
            auto checked = checker.check(rowAt(i));
            if (auto *report = std::get_if<CaseStore::DatedReport>(&checked))
                chunk.reports.append(std::move(*report));
            else
                chunk.problems.append({i + 1, std::get<QString>(checked)});
        }
    });
    QList<CaseStore::DatedReport> reports;
    reports.reserve(count);
    for (Chunk &chunk : chunks) {
        reports.append(std::move(chunk.reports));
        problems.append(std::move(chunk.problems));
    }
    return reports;
}

/// A field as text; a date-time as ISO 8601 (with its offset when the file has one), which
/// parseTime reads, rather than GDAL's "2026/11/20 09:00:00".
QString fieldText(OGRFeature &feature, int i)
{
    const OGRFieldType type = feature.GetFieldDefnRef(i)->GetType();
    if (type != OFTDateTime && type != OFTDate)
        return QString::fromUtf8(feature.GetFieldAsString(i));
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, zone = 0;
    float second = 0;
    feature.GetFieldAsDateTime(i, &year, &month, &day, &hour, &minute, &second, &zone);
    const QDateTime t(QDate(year, month, day), QTime(hour, minute, int(second)));
    if (zone >= 100) // 100 is UTC, each step a quarter of an hour
        return QDateTime(t.date(), t.time(), Qt::OffsetFromUTC, (zone - 100) * 900)
            .toString(Qt::ISODate);
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")); // local: China time
}

/// A CSV export puts an apostrophe before text a spreadsheet would take for a formula; the text
/// itself comes back without it.
QString undefused(const QString &text)
{
    static const QString risky = QStringLiteral("=+-@\t\r");
    return text.size() > 1 && text.front() == u'\'' && risky.contains(text[1]) ? text.mid(1)
                                                                                : text;
}

/// The rows of a file GDAL reads (XLSX, GeoJSON, or anything with point geometries), as text;
/// points are brought to lon/lat.
Result<QList<RowText>> readWithGdal(const QString &path, const QString &name)
{
    GDALAllRegister();
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
        return Error{
            QStringLiteral("import.open"),
            CaseExchange::tr("Could not read %1 as a table of cases (CSV, XLSX or GeoJSON)")
                .arg(name),
            ogrutil::lastError()};
    OGRLayer *layer = dataset->GetLayer(0);
    OGRFeatureDefn *defn = layer->GetLayerDefn();
    QStringList names;
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        names << QString::fromUtf8(defn->GetFieldDefn(i)->GetNameRef());
    const Columns columns = Columns::of(names);
    if (const QStringList missing = columns.missing(defn->GetGeomType() != wkbNone);
        !missing.isEmpty())
        return missingColumns(name, missing);

    // Point geometries come in the layer's CRS; CityGrid keeps lon/lat (WGS84).
    std::unique_ptr<OGRCoordinateTransformation> toWgs84;
    if (defn->GetGeomType() != wkbNone && layer->GetSpatialRef()) {
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        toWgs84.reset(OGRCreateCoordinateTransformation(layer->GetSpatialRef(), &wgs84));
    }
    QList<RowText> rows;
    layer->ResetReading();
    for (auto &feature : *layer) {
        QStringList fields;
        for (int i = 0; i < defn->GetFieldCount(); ++i)
            fields << (feature->IsFieldSetAndNotNull(i) ? fieldText(*feature, i) : QString());
        RowText row = RowText::of(fields, columns);
        const OGRGeometry *geometry = feature->GetGeometryRef();
        if (geometry && wkbFlatten(geometry->getGeometryType()) == wkbPoint) {
            double x = geometry->toPoint()->getX(), y = geometry->toPoint()->getY();
            if (!toWgs84 || toWgs84->Transform(1, &x, &y))
                row.point = QPointF(x, y);
        }
        rows.append(std::move(row));
    }
    return rows;
}

} // namespace

Result<QList<CaseStore::DatedReport>>
CaseExchange::readReports(const QString &path, const CaseCatalogues &catalogues,
                          const CellAt &cellAt, const QDateTime &now, QList<RowProblem> *problems,
                          ImportSummary *summary)
{
    const QString name = QFileInfo(path).fileName();
    const RowChecker checker(catalogues, cellAt, now);
    QList<RowProblem> found;
    QList<CaseStore::DatedReport> reports;
    std::atomic<qint64> elsewhere{0};
    const auto noted = [&elsewhere](RowText row) {
        if (!row.state.isEmpty() && row.state != QLatin1String("reported"))
            ++elsewhere;
        return row;
    };
    QString encoding = QStringLiteral("UTF-8");
    if (formatOf(path) == QLatin1String("csv")) {
        // CSV is read here rather than through GDAL: a million rows in a second instead of ten,
        // and split into fields on every core.
        auto table = CsvTable::read(path);
        if (!table)
            return Error{QStringLiteral("import.open"),
                         tr("%1; nothing was imported. Correct the file and import it again.")
                             .arg(table.error().message),
                         {}};
        encoding = table.value().encoding();
        const Columns columns = Columns::of(table.value().header());
        if (const QStringList missing = columns.missing(false); !missing.isEmpty())
            return missingColumns(name, missing);
        reports = checkRows(
            table.value().size(),
            [&](qsizetype i) {
                RowText row = RowText::of(table.value().record(i), columns);
                row.description = undefused(row.description);
                row.reporter = undefused(row.reporter);
                return noted(std::move(row));
            },
            checker, found);
    } else {
        auto rows = readWithGdal(path, name);
        if (!rows)
            return rows.error();
        reports = checkRows(
            rows.value().size(), [&](qsizetype i) { return noted(rows.value()[i]); }, checker,
            found);
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
    if (summary) {
        summary->file = name;
        summary->rows = reports.size();
        summary->startedElsewhere = elsewhere;
        summary->encoding = encoding;
    }
    return reports;
}

Result<CaseExchange::ImportSummary>
CaseExchange::importCases(const QString &path, CaseStore &store, const CaseCatalogues &catalogues,
                          const CellAt &cellAt, const QString &userId, const QDateTime &now,
                          QList<RowProblem> *problems, const Progress &progress)
{
    ImportSummary summary;
    auto reports = readReports(path, catalogues, cellAt, now, problems, &summary);
    if (!reports)
        return reports.error();
    // A row repeating an earlier one of the file (the same uuid or source id) is the same case.
    QList<CaseStore::DatedReport> unique;
    unique.reserve(reports.value().size());
    QSet<QString> seen;
    for (CaseStore::DatedReport &report : reports.value()) {
        if (!report.uuid.isEmpty()) {
            if (seen.contains(report.uuid)) {
                ++summary.repeated;
                continue;
            }
            seen.insert(report.uuid);
        }
        unique.append(std::move(report));
    }
    auto written = store.reportMany(unique, userId, progress);
    if (!written)
        return written.error();
    summary.written = written.value();
    summary.alreadyHere = unique.size() - written.value();
    return summary;
}

QString CaseExchange::ImportSummary::text() const
{
    QStringList parts;
    if (written == 0)
        parts << tr("%1: all %n case(s) are already here; nothing to do.", nullptr, int(rows))
                     .arg(file);
    else
        parts << tr("%n case(s) imported from %1.", nullptr, int(written)).arg(file);
    if (written > 0 && alreadyHere > 0)
        parts << tr("%n row(s) were already here and were skipped.", nullptr, int(alreadyHere));
    if (repeated > 0)
        parts << tr("%n row(s) repeated an earlier row of the file and were skipped.", nullptr,
                    int(repeated));
    if (written > 0 && startedElsewhere > 0)
        parts << tr("%n row(s) had gone further than \"reported\" where they came from; a table "
                    "carries no history, so they start here as new reports. Sync packages move "
                    "cases with their history.",
                    nullptr, int(startedElsewhere));
    if (encoding != QLatin1String("UTF-8"))
        parts << tr("The file was read as %1 text.").arg(encoding);
    return parts.join(u' ');
}

} // namespace citygrid
