// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/progress.h"
#include "cases/casequery.h"
#include "cases/casestore.h"
#include "catalogues/casecatalogues.h"
#include "grid/gridcatalogue.h"

#include <QCoreApplication>

#include <functional>

namespace citygrid {

/// Cases in and out of the store as files other systems and GIS users read:
/// CSV, XLSX, GeoJSON and GeoPackage through GDAL, and Open311 GeoReport v2 requests (JSON).
/// Import is the intake of reports (category, position, time, channel, description, reporter):
/// every row is checked first, and one bad row rejects the whole file with the list of rows and
/// reasons, writing nothing. A row's `uuid` (or another system's `service_request_id`) makes it
/// the same case wherever it is imported, so a file imported again adds nothing. A table carries
/// no history: a case exported closed starts as a new report (sync packages carry histories).
/// GUI thread or a command's.
class CaseExchange
{
    Q_DECLARE_TR_FUNCTIONS(CaseExchange)
public:
    static QStringList exportFormats()
    {
        return {QStringLiteral("csv"), QStringLiteral("xlsx"), QStringLiteral("geojson"),
                QStringLiteral("gpkg"), QStringLiteral("open311")};
    }
    /// The format a file name implies ("cases.geojson" -> "geojson"), empty if none.
    static QString formatOf(const QString &path);

    /// Writes the cases of `query` to `path`; returns how many.
    static Result<qint64> exportCases(const CaseQuery &query, const CaseCatalogues &catalogues,
                                      const GridCatalogue &grid, const QString &path,
                                      const QString &format, bool english,
                                      const Progress &progress = {});

    /// The cell at a WGS84 point (empty outside the grid).
    using CellAt = std::function<QString(QPointF lonLat)>;
    /// A rejected row: its number in the file (1 = first data row) and why.
    struct RowProblem
    {
        qint64 row;
        QString reason;
    };
    /// What an import did, for the user.
    struct ImportSummary
    {
        QString file;
        qint64 rows = 0;             ///< rows of the file
        qint64 written = 0;          ///< new cases
        qint64 alreadyHere = 0;      ///< rows whose case the store already has
        qint64 repeated = 0;         ///< rows repeating an earlier row's case
        qint64 startedElsewhere = 0; ///< rows past "reported" in the system they came from
        QString encoding;            ///< how the text was read ("UTF-8", "GB18030")
        QString text() const;
    };
    /// Reads and checks every row of `path`; the reports, or the problems of every bad row.
    static Result<QList<CaseStore::DatedReport>>
    readReports(const QString &path, const CaseCatalogues &catalogues, const CellAt &cellAt,
                const QDateTime &now, QList<RowProblem> *problems,
                ImportSummary *summary = nullptr);
    /// readReports() then CaseStore::reportMany() as `userId`: all new rows or none.
    static Result<ImportSummary> importCases(const QString &path, CaseStore &store,
                                             const CaseCatalogues &catalogues,
                                             const CellAt &cellAt, const QString &userId,
                                             const QDateTime &now, QList<RowProblem> *problems,
                                             const Progress &progress = {});
};

} // namespace citygrid
