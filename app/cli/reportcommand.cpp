// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cli/cli.h"
#include "cli/signin.h"
#include "grid/gridmaploader.h"
#include "reports/monthlyreport.h"
#include "services/appcontext.h"
#include "services/language.h"
#include "services/monthtext.h"

#include <QFileInfo>

namespace citygrid::cli {

int report(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Writes the monthly report (A4 PDF): summary with the change from the month before, "
           "hot spot map, rankings of the areas and units, trends, top categories and the "
           "longest-overdue cases."));
    addCommonOptions(parser);
    addSignInOptions(parser);
    parser.addOptions({
        {QStringLiteral("period"), tr("The month to report, as YYYY-MM (e.g. 2026-10)."),
         QStringLiteral("month")},
        {QStringLiteral("area"),
         tr("A subdistrict, community or cell code to report on (default: the whole district)."),
         QStringLiteral("code")},
        {QStringLiteral("out"), tr("The PDF file to write."), QStringLiteral("file")},
    });
    if (!parse(parser, arguments))
        return parser.isSet(QStringLiteral("help")) ? Ok : Usage;
    const QString outPath = parser.value(QStringLiteral("out"));
    if (outPath.isEmpty() || QFileInfo(outPath).suffix().toLower() != QLatin1String("pdf"))
        return fail({QStringLiteral("cli.usage"),
                     tr("Say where to write the report with --out FILE.pdf"),
                     {}});
    if (!parser.isSet(QStringLiteral("period")))
        return fail({QStringLiteral("cli.usage"),
                     tr("Say which month to report with --period YYYY-MM (e.g. 2026-10)"),
                     {}});
    auto month = MonthText::parse(parser.value(QStringLiteral("period")));
    if (!month)
        return fail(month.error());

    auto context = openStore(parser);
    if (!context)
        return fail(context.error());
    if (!mayRead(*context.value(), parser))
        return Failed;
    AppContext &app = *context.value();
    auto map =
        GridMapLoader::load(app.storePath(), QStringLiteral("EPSG:4547"), language::isEnglish());
    if (!map)
        return fail(map.error());
    const QDateTime now = QDateTime::currentDateTime();
    auto facts = app.facts(now);
    if (!facts)
        return fail(facts.error());
    auto content =
        MonthlyReport::create(app, map.value(), facts.value(),
                              {month.value(), parser.value(QStringLiteral("area"))}, now, outPath);
    if (!content)
        return fail(content.error());
    out() << tr("Wrote %1: %2, %3 cases filed, %4 due")
                 .arg(outPath, MonthText::name(month.value()))
                 .arg(content.value().month.filed)
                 .arg(content.value().month.due)
          << Qt::endl;
    return Ok;
}

} // namespace citygrid::cli
