// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cli/cli.h"
#include "cli/signin.h"
#include "grid/centregridimport.h"
#include "grid/gridimport.h"
#include "services/appcontext.h"
#include "store/storeschema.h"

namespace citygrid::cli {

int importGrid(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Replaces the store's grid with a district's own, from any vector file GDAL reads. "
           "Nothing is written unless the whole file passes validation."));
    addCommonOptions(parser);
    addSignInOptions(parser);
    parser.addPositionalArgument(QStringLiteral("file"),
                                 tr("Shapefile, GeoPackage, GeoJSON, KML, ..."));
    parser.addOptions({
        {QStringLiteral("code-field"), tr("Field holding the cell codes (detected if not given)."),
         QStringLiteral("field")},
        {QStringLiteral("name-field"), tr("Field holding names (detected if not given)."),
         QStringLiteral("field")},
        {QStringLiteral("crs"),
         tr("CRS of the file, overriding or supplying its own: EPSG:n, a PROJ string, or gcj02."),
         QStringLiteral("crs")},
        {QStringLiteral("dry-run"), tr("Validate and report only; change nothing.")},
        {QStringLiteral("replace"),
         tr("Go ahead even if the new grid changes the district or leaves cases without their "
            "cell (the cases are placed in the new cells by their positions).")},
    });
    if (!parse(parser, arguments))
        return parser.isSet(QStringLiteral("help")) ? Ok : Usage;
    if (parser.positionalArguments().size() != 1) {
        err() << tr("citygrid: import-grid takes exactly one file") << Qt::endl;
        return Usage;
    }
    const QString file = parser.positionalArguments().first();
    const GridReadOptions options{parser.value(QStringLiteral("code-field")),
                                  parser.value(QStringLiteral("name-field")),
                                  parser.value(QStringLiteral("crs"))};
    const bool dryRun = parser.isSet(QStringLiteral("dry-run"));
    auto context = openStore(parser);
    if (!context)
        return fail(context.error());
    if (!dryRun && !maySetUp(*context.value(), parser, Right::ImportGrid))
        return Failed;

    // Ctrl+C stops it; nothing is written until the last step, in one transaction.
    const Progress progress = terminalProgress();
    const auto replace = parser.isSet(QStringLiteral("replace")) ? GridImport::Replace::Confirmed
                                                                 : GridImport::Replace::IfHarmless;
    AppContext &app = *context.value();
    const ActingUser who{parser.value(QStringLiteral("user")), &app.catalogues().roles};
    // at the centre the grid is replaced at the server, and this copy catches up with it
    auto report = dryRun ? GridImport::check(file, options, progress)
                  : app.centre()
                      ? CentreGridImport::run(file, options, app.storePath(), *app.centre(), who,
                                              progress, replace)
                      : GridImport::run(file, options, app.storePath(), who, progress, replace);
    if (report && report.value().written && app.centre())
        if (auto pulled = app.pullCentre(); !pulled)
            report = pulled.error();
    clearProgressLine();
    if (!report)
        return fail(report.error());
    const ImportReport &r = report.value();
    for (const ImportIssue &issue : r.issues)
        (issue.severity == ImportIssue::Severity::Error ? err() : out())
            << issue.toText() << Qt::endl;
    const auto summary = tr("%1 subdistricts, %2 communities, %3 cells")
                             .arg(r.grid.subdistricts.size())
                             .arg(r.grid.communities.size())
                             .arg(r.grid.cells.size());
    if (hasErrors(r.issues)) {
        const auto errors =
            std::count_if(r.issues.cbegin(), r.issues.cend(), [](const ImportIssue &i) {
                return i.severity == ImportIssue::Severity::Error;
            });
        err() << tr("citygrid: %1 has %2 errors; the store was not changed. Correct the features "
                    "listed above and import again.")
                     .arg(file)
                     .arg(errors)
              << Qt::endl;
        return Failed;
    }
    if (dryRun) {
        out() << tr("%1 is valid: %2. Nothing was written (--dry-run).").arg(file, summary)
              << Qt::endl;
        if (auto change = GridImport::assess(context.value()->storePath(), r.grid))
            out() << change.value().describe() << Qt::endl;
        return Ok;
    }
    const QString centre = app.store().meta(storeschema::keyCentre());
    out() << tr("Imported %1 into %2: %3.")
                 .arg(file, centre.isEmpty() ? app.storePath() : centre, summary)
          << Qt::endl
          << r.change.describe() << Qt::endl;
    return Ok;
}

} // namespace citygrid::cli
