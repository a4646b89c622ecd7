// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cli/cli.h"
#include "cli/signin.h"
#include "grid/gridmaploader.h"
#include "reports/assessmentbulletin.h"
#include "reports/assessmentsource.h"
#include "reports/monthlyreport.h"
#include "reports/reportcontent.h"
#include "services/appcontext.h"
#include "services/language.h"
#include "services/monthtext.h"
#include "services/numbertext.h"

#include <QFileInfo>

namespace citygrid::cli {

namespace {

/// The month's state, progress and what is missing, then its ranking.
int status(AppContext &context, const CaseFacts &facts, QDate month)
{
    AssessmentStore store(context.store(), context.catalogues().roles);
    auto state = store.month(month, context.assessmentDefaults().scheme);
    if (!state)
        return fail(state.error());
    auto sheet = assessmentsource::sheet(context, &facts, month);
    if (!sheet)
        return fail(sheet.error());
    const auto [done, all] = sheet.value().progress();
    out() << tr("%1: %2, scheme version %3; %4 of %5 scores in")
                 .arg(AssessmentStore::monthKey(month),
                      AssessmentStore::stateName(state.value().state))
                 .arg(state.value().schemeVersion)
                 .arg(done)
                 .arg(all)
          << Qt::endl;
    const GridCatalogue &grid = context.catalogue();
    const bool english = language::isEnglish();
    const auto gaps = sheet.value().gaps();
    for (qsizetype i = 0; i < gaps.size() && i < 20; ++i)
        out() << tr("  missing: %1 %2 %3")
                     .arg(grid.displayName(gaps[i].subdistrict, english), gaps[i].point,
                          gaps[i].what)
              << Qt::endl;
    if (gaps.size() > 20)
        out() << tr("  … and %1 more").arg(gaps.size() - 20) << Qt::endl;
    auto content = AssessmentBulletin::gather(context, &facts, nullptr, month);
    if (!content)
        return fail(content.error());
    for (const AssessmentRank &r : content.value().rows)
        out() << QStringLiteral("%1  %2  %3 × %4 = %5")
                     .arg(r.rank, 2)
                     .arg(content.value().names.value(r.subdistrict), -8)
                     .arg(numbertext::decimals(r.raw, 2), 6)
                     .arg(numbertext::decimals(r.coefficient, 3))
                     .arg(numbertext::decimals(r.adjusted, 2), 6)
              << Qt::endl;
    return Ok;
}

} // namespace

int assess(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("The \"7+1\" monthly assessment of the subdistrict enforcement teams.\n"
           "  citygrid assess status --month 2026-10\n"
           "  citygrid assess report --month 2026-10 --out FILE.pdf|FILE.xlsx"));
    addCommonOptions(parser);
    addSignInOptions(parser);
    parser.addPositionalArgument(QStringLiteral("action"), tr("status or report"));
    parser.addOptions({
        {QStringLiteral("month"), tr("The month, as YYYY-MM (e.g. 2026-10)."),
         QStringLiteral("month")},
        {QStringLiteral("out"), tr("report: the PDF or XLSX file to write."),
         QStringLiteral("file")},
    });
    if (!parse(parser, arguments))
        return parser.isSet(QStringLiteral("help")) ? Ok : Usage;
    const QString action = parser.positionalArguments().value(0);
    if (action != QLatin1String("status") && action != QLatin1String("report"))
        return fail({QStringLiteral("cli.usage"),
                     tr("Say what to do: citygrid assess status|report --month YYYY-MM"),
                     {}});
    if (!parser.isSet(QStringLiteral("month")))
        return fail({QStringLiteral("cli.usage"),
                     tr("Say which month with --month YYYY-MM (e.g. 2026-10)"),
                     {}});
    auto month = MonthText::parse(parser.value(QStringLiteral("month")));
    if (!month)
        return fail(month.error());
    const QString outPath = parser.value(QStringLiteral("out"));
    if (action == QLatin1String("report")) {
        if (outPath.isEmpty())
            return fail({QStringLiteral("cli.usage"),
                         tr("Say where to write the bulletin with --out FILE.pdf or FILE.xlsx"),
                         {}});
        const QString suffix = QFileInfo(outPath).suffix().toLower();
        if (suffix != QLatin1String("pdf") && suffix != QLatin1String("xlsx"))
            return fail({QStringLiteral("cli.usage"),
                         tr("The bulletin is written as PDF or XLSX; name the file .pdf or .xlsx"),
                         {}});
    }
    auto opened = openStore(parser);
    if (!opened)
        return fail(opened.error());
    if (!mayRead(*opened.value(), parser))
        return Failed;
    AppContext &context = *opened.value();
    auto facts = context.facts(QDateTime::currentDateTime());
    if (!facts)
        return fail(facts.error());
    if (action == QLatin1String("status"))
        return status(context, facts.value(), month.value());

    auto map = GridMapLoader::load(context.storePath(), QStringLiteral("EPSG:4547"),
                                   language::isEnglish());
    if (!map)
        return fail(map.error());
    auto content = AssessmentBulletin::gather(context, &facts.value(), &map.value(), month.value());
    if (!content)
        return fail(content.error());
    if (auto r = AssessmentBulletin::write(content.value(), outPath); !r)
        return fail(r.error());
    out() << (content.value().isProvisional()
                  ? tr("Wrote %1: PROVISIONAL bulletin of %2 (%3; %4 score(s) missing)")
                        .arg(outPath, MonthText::name(month.value()),
                             AssessmentStore::stateName(content.value().state.state))
                        .arg(content.value().missing)
                  : tr("Wrote %1: bulletin of %2, revision %3")
                        .arg(outPath, MonthText::name(month.value()))
                        .arg(content.value().state.revision))
          << Qt::endl;
    return Ok;
}

} // namespace citygrid::cli
