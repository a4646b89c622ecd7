// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "grid/gridimport.h"

#include "grid/gridvalidator.h"
#include "grid/storewriter.h"
#include "store/sqlitedb.h"
#include "store/store.h"
#include "store/storeschema.h"
#include "grid/gridkind.h"

#include <cpl_vsi.h>

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QUuid>

namespace citygrid {

namespace {

QString gridAppliedKey()
{
    return QStringLiteral("grid_record_applied");
}

/// GDAL cannot open Qt resources; a copy in GDAL's in-memory file system can be.
class VsiMemCopy
{
public:
    explicit VsiMemCopy(const QByteArray &bytes, const QString &suffix)
        : m_path(QStringLiteral("/vsimem/citygrid-%1.%2")
                     .arg(QUuid::createUuid().toString(QUuid::Id128), suffix)),
          m_bytes(bytes)
    {
        VSIFCloseL(VSIFileFromMemBuffer(m_path.toUtf8().constData(),
                                        reinterpret_cast<GByte *>(m_bytes.data()),
                                        vsi_l_offset(m_bytes.size()), FALSE));
    }
    ~VsiMemCopy() { VSIUnlink(m_path.toUtf8().constData()); }
    QString path() const { return m_path; }

private:
    QString m_path;
    QByteArray m_bytes;
};

} // namespace

Error GridImport::cancelled()
{
    return {QStringLiteral("import.cancelled"), tr("Import cancelled; nothing was written"), {}};
}

Result<ImportReport> GridImport::check(const QString &file, const GridReadOptions &options,
                                       const Progress &progress)
{
    if (!progress.report(tr("Reading %1").arg(QFileInfo(file).fileName()), 0))
        return cancelled();
    ImportReport report;
    auto grid = GridReader::read(file, options, report.issues);
    if (!grid)
        return grid.error();
    report.grid = std::move(grid).value();
    if (report.grid.cells.isEmpty())
        return Error{
            QStringLiteral("import.no-cells"),
            tr("No layer of %1 has a field of cell codes (14 or 15 digits). Name the field "
               "with --code-field.")
                .arg(QFileInfo(file).fileName()),
            {}};
    report.issues += GridValidator::validate(report.grid, progress);
    if (progress.cancelled())
        return cancelled();
    return report;
}

Result<ImportReport> GridImport::run(const QString &file, const GridReadOptions &options,
                                     const QString &storePath, const ActingUser &who,
                                     const Progress &progress, Replace replace)
{
    return write(file, options, storePath, progress, &who, replace);
}

Result<GridChange> GridImport::assess(const QString &storePath, const GridSource &grid)
{
    auto db = SqliteDb::open(storePath, SqliteDb::Mode::ReadOnly);
    if (!db)
        return db.error();
    return GridChange::assess(*db.value(), grid);
}

Result<ImportReport> GridImport::write(const QString &file, const GridReadOptions &options,
                                       const QString &storePath, const Progress &progress,
                                       const ActingUser *importer, Replace replace)
{
    // a grid imported here is kept as a record for sync; one that sync brought is applied only
    const bool keepRecord = importer != nullptr;
    auto report = check(file, options, progress);
    if (!report || hasErrors(report.value().issues))
        return report;
    if (!progress.report(tr("Writing the new grid"), 0))
        return cancelled();
    auto db = SqliteDb::open(storePath);
    if (!db)
        return db.error();
    // The grid, its district and the record that sync carries commit together or not at all.
    Transaction tx(*db.value());
    if (auto r = tx.begin(); !r)
        return r.error();
    if (importer)
        if (auto r = importer->checkSetUp(*db.value(), Right::ImportGrid); !r)
            return r.error();
    if (importer)
        if (const QString centre = Store::meta(*db.value(), storeschema::keyCentre());
            !centre.isEmpty())
            return Error{QStringLiteral("centre.local-write"),
                         tr("This is a workstation's copy of the centre (%1): its grid is "
                            "replaced at the centre's server, by a workstation signed in to it "
                            "(File ▸ Import grid… there, or citygrid import-grid --store "
                            "postgresql://ACCOUNT@host/db); nothing was changed")
                             .arg(centre),
                         {}};
    GridSource &grid = report.value().grid;
    auto change = placeIn(*db.value(), grid, file, replace);
    if (!change)
        return change.error();
    // the grid as its own small GeoPackage, for the record that sync carries
    QByteArray package;
    if (keepRecord) {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("grid.gpkg"));
        if (auto r = StoreWriter::create(path, grid); !r)
            return r.error();
        QFile copy(path);
        if (!copy.open(QIODevice::ReadOnly))
            return Error{QStringLiteral("import.record"),
                         tr("The new grid could not be kept for sync; nothing was written"),
                         copy.errorString()};
        package = copy.readAll();
    }
    if (auto r = StoreWriter::replaceGrid(*db.value(), grid); !r)
        return r.error();
    const QString siteId = Store::meta(*db.value(), storeschema::keySiteId());
    const QDateTime now = QDateTime::currentDateTime();
    if (auto r = change.value().apply(*db.value(), siteId, now); !r)
        return r.error();
    QString stamp;
    if (keepRecord) {
        const QJsonObject value{{QStringLiteral("source"), QFileInfo(file).fileName()},
                                {QStringLiteral("gpkg"), QString::fromLatin1(package.toBase64())}};
        auto put = RefRecords(*db.value(), siteId)
                       .put(gridkind::id(), gridkind::id(), value, importer->name, now);
        if (!put)
            return put.error();
        stamp = put.value().at;
    } else {
        auto record = RefRecords(*db.value(), {}).find(gridkind::id(), gridkind::id());
        if (!record)
            return record.error();
        stamp = record.value() ? record.value()->at : QString();
    }
    // this store's grid is the record's: applyReceived has nothing to do until the next one
    if (auto r = Store::setMeta(*db.value(), gridAppliedKey(), stamp); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    report.value().written = true;
    report.value().change = change.value();
    return report;
}

Result<void> GridImport::keepNames(const SqliteDb &db, const QString &table, bool english,
                                   QList<SourceFeature> &features)
{
    auto q =
        Statement::prepare(db, QStringLiteral("SELECT code, name, %2 FROM \"%1\"")
                                   .arg(table, english ? QStringLiteral("coalesce(name_en, '')")
                                                       : QStringLiteral("''")));
    if (!q)
        return q.error();
    QHash<QString, std::pair<QString, QString>> names;
    if (auto r = q.value().forEachRow([&](const Statement &row) {
            names.insert(row.text(0), {row.text(1), row.text(2)});
        });
        !r)
        return r;
    for (SourceFeature &f : features) {
        const auto known = names.constFind(f.code);
        if (!f.name.isEmpty() || known == names.cend())
            continue;
        f.name = known->first;
        if (f.nameEn.isEmpty())
            f.nameEn = known->second;
    }
    return {};
}

Result<GridChange> GridImport::placeIn(const SqliteDb &db, GridSource &grid, const QString &file,
                                       Replace replace)
{
    // A file of the same district that names none keeps the district's names.
    if (grid.districtCode == Store::meta(db, storeschema::keyDistrictCode()) &&
        grid.districtName == GridValidator::placeholderName(grid.districtCode)) {
        grid.districtName = Store::meta(db, storeschema::keyDistrictName());
        grid.districtNameEn = Store::meta(db, storeschema::keyDistrictNameEn());
    }
    // An area the file leaves unnamed keeps the name the store has for its code (a surveyed
    // layer of cells alone must not take the subdistricts' and communities' names away).
    if (auto r = keepNames(db, storeschema::subdistrictsTable(), true, grid.subdistricts); !r)
        return r.error();
    if (auto r = keepNames(db, storeschema::communitiesTable(), true, grid.communities); !r)
        return r.error();
    if (auto r = keepNames(db, storeschema::cellsTable(), false, grid.cells); !r) // no English
        return r.error();
    auto change = GridChange::assess(db, grid);
    if (!change)
        return change.error();
    if (change.value().needsConfirmation() && replace != Replace::Confirmed)
        return Error{QStringLiteral("import.confirm"),
                     tr("Importing %1 would change what the store's cases refer to; nothing was "
                        "written. Confirm the replacement to go ahead (on the command line: "
                        "--replace).")
                         .arg(QFileInfo(file).fileName()),
                     change.value().describe()};
    return change;
}

Result<bool> GridImport::applyReceived(const QString &storePath, const Progress &progress)
{
    QByteArray bytes;
    {
        auto db = SqliteDb::open(storePath, SqliteDb::Mode::ReadOnly);
        if (!db)
            return db.error();
        // At every start: compare the record's time first, and read (and parse) the grid itself,
        // megabytes for a city, only when it is one this store has not applied.
        const RefRecords records(*db.value(), {});
        auto at = records.writtenAt(gridkind::id(), gridkind::id());
        if (!at)
            return at.error();
        if (at.value().isEmpty() || Store::meta(*db.value(), gridAppliedKey()) == at.value())
            return false;
        auto record = records.find(gridkind::id(), gridkind::id());
        if (!record)
            return record.error();
        if (!record.value() || record.value()->value.isNull())
            return false;
        bytes = QByteArray::fromBase64(
            record.value()->value.toObject()[QLatin1String("gpkg")].toString().toLatin1());
    }
    VsiMemCopy copy(bytes, QStringLiteral("gpkg"));
    // Another site's import was confirmed there; the same grid here places the cases here alike.
    auto report = write(copy.path(), {QStringLiteral("code"), {}, {}}, storePath, progress, nullptr,
                        Replace::Confirmed);
    if (!report)
        return report.error();
    if (!report.value().written)
        return Error{QStringLiteral("import.received-invalid"),
                     tr("The grid another site sent does not pass the checks here; the grid was "
                        "left as it was. Ask that site to check its grid and import it again"),
                     report.value().issues.isEmpty() ? QString()
                                                     : report.value().issues.first().toText()};
    return true;
}

Result<GridSource> GridImport::readBundled(const QString &dir)
{
    GridSource merged;
    for (const QString &name :
         {QStringLiteral("subdistricts"), QStringLiteral("communities"), QStringLiteral("cells")}) {
        QFile file(dir + u'/' + name + QStringLiteral(".geojson"));
        if (!file.open(QIODevice::ReadOnly))
            return Error{
                QStringLiteral("bundled.missing"),
                tr("The bundled district data is incomplete (%1 is missing)").arg(file.fileName()),
                {}};
        VsiMemCopy copy(file.readAll(), QStringLiteral("geojson"));
        ImportIssues issues;
        auto part = GridReader::read(copy.path(), {QStringLiteral("code"), {}, {}}, issues);
        if (!part)
            return part.error();
        if (hasErrors(issues))
            return Error{QStringLiteral("bundled.invalid"),
                         tr("The bundled district data is damaged"), issues.first().toText()};
        merged.subdistricts += part.value().subdistricts;
        merged.communities += part.value().communities;
        merged.cells += part.value().cells;
    }
    QFile outline(dir + QStringLiteral("/outline.geojson"));
    if (outline.open(QIODevice::ReadOnly)) {
        const QJsonObject properties = QJsonDocument::fromJson(outline.readAll())
                                           .object()[QLatin1String("features")]
                                           .toArray()
                                           .first()
                                           .toObject()[QLatin1String("properties")]
                                           .toObject();
        merged.districtCode = properties[QLatin1String("code")].toString();
        merged.districtName = properties[QLatin1String("name")].toString();
        merged.districtNameEn = properties[QLatin1String("name_en")].toString();
    }
    merged.description = tr("Bundled schematic grid of %1").arg(merged.districtNameEn);
    const ImportIssues issues = GridValidator::validate(merged);
    if (hasErrors(issues))
        return Error{QStringLiteral("bundled.invalid"), tr("The bundled district data is damaged"),
                     issues.first().toText()};
    return merged;
}

Result<bool> GridImport::ensureStore(const QString &path, const QString &bundledDir)
{
    if (QFileInfo::exists(path))
        return false;
    auto grid = readBundled(bundledDir);
    if (!grid)
        return grid.error();
    if (auto r = StoreWriter::create(path, grid.value()); !r)
        return r.error();
    return true;
}

} // namespace citygrid
