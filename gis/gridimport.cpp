// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "gridimport.h"

#include "gridvalidator.h"
#include "storewriter.h"

#include <cpl_vsi.h>

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace citygrid {

namespace {

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

namespace {

Error cancelled()
{
    return {QStringLiteral("import.cancelled"),
            GridImport::tr("Import cancelled; nothing was written"),
            {}};
}

} // namespace

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
                                     const QString &storePath, const Progress &progress)
{
    auto report = check(file, options, progress);
    if (!report || hasErrors(report.value().issues))
        return report;
    if (!progress.report(tr("Writing the new grid"), 0))
        return cancelled();
    if (auto r = StoreWriter::replaceGrid(storePath, report.value().grid); !r)
        return r.error();
    report.value().written = true;
    return report;
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
