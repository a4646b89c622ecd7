// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/assessmentdemo.h"
#include "cases/casedemo.h"
#include "cli/cli.h"
#include "cli/signin.h"
#include "grid/gridmaploader.h"
#include "reports/assessmentsource.h"
#include "services/appcontext.h"
#include "store/storeschema.h"

#include <QFile>

namespace citygrid::cli {

namespace {

qint64 caseCount(Store &store)
{
    auto q = Statement::prepare(
        store.db(), QStringLiteral("SELECT count(*) FROM %1").arg(storeschema::casesTable()));
    return q && q.value().step() ? q.value().integer(0) : 0;
}

/// Six published months of the "7+1" assessment and the current one in progress, scored on the
/// demo cases, unless the store has assessment months already.
int fillAssessment(AppContext &context, const CaseDemo::Options &options)
{
    AssessmentStore store(context.store(), context.catalogues().roles);
    auto months = store.months();
    if (!months)
        return fail(months.error());
    if (!months.value().isEmpty())
        return Ok;
    auto facts = context.facts(options.now);
    if (!facts)
        return fail(facts.error());
    AssessmentDemo::Options demo;
    demo.months = std::min(6, options.months - 1);
    demo.seed = options.seed;
    demo.current = QDate(options.now.date().year(), options.now.date().month(), 1);
    demo.now = options.now;
    auto filled = AssessmentDemo::fill(
        store, context.assessmentDefaults().scheme, assessmentsource::subdistricts(context.catalogue()),
        [&](QDate month) {
            return assessmentsource::figures(context, &facts.value(), month).value();
        },
        demo);
    if (!filled)
        return fail(filled.error());
    out() << tr("\"7+1\" assessment: %1 months published, %2 in progress (demo scores).")
                 .arg(filled.value() - 1)
                 .arg(AssessmentStore::monthKey(demo.current))
          << Qt::endl;
    return Ok;
}

} // namespace

int demo(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Fills the store with a demo history of cases drawn from the catalogues: hotspots, "
           "seasons, weekdays, most closed on time, some late, reworked or overdue now. "
           "DEMO DATA, not real cases."));
    addCommonOptions(parser);
    addSignInOptions(parser);
    parser.addOptions({
        {QStringLiteral("cases"), tr("How many cases (default 20000)."), QStringLiteral("n"),
         QStringLiteral("20000")},
        {QStringLiteral("months"), tr("Over how many months up to now (default 12)."),
         QStringLiteral("m"), QStringLiteral("12")},
        {QStringLiteral("seed"), tr("Seed of the generator: the same seed gives the same cases."),
         QStringLiteral("s"), QStringLiteral("1")},
        {QStringLiteral("now"), tr("The moment the history ends (ISO 8601; default now)."),
         QStringLiteral("time")},
        {QStringLiteral("if-empty"), tr("Only if the store has no cases yet.")},
    });
    if (!parse(parser, arguments))
        return parser.isSet(QStringLiteral("help")) ? Ok : Usage;
    bool okCases = false, okMonths = false, okSeed = false;
    CaseDemo::Options options;
    options.cases = parser.value(QStringLiteral("cases")).toInt(&okCases);
    options.months = parser.value(QStringLiteral("months")).toInt(&okMonths);
    options.seed = parser.value(QStringLiteral("seed")).toULongLong(&okSeed);
    options.now = parser.isSet(QStringLiteral("now"))
                      ? QDateTime::fromString(parser.value(QStringLiteral("now")), Qt::ISODate)
                      : QDateTime::currentDateTime();
    if (!okCases || !okMonths || !okSeed || options.cases < 0 || options.months < 1 ||
        !options.now.isValid())
        return fail({QStringLiteral("cli.usage"),
                     tr("--cases, --months and --seed take whole numbers (cases 0 or more, at "
                        "least one month) and --now an ISO 8601 time"),
                     {}});

    auto opened = openStore(parser);
    if (!opened)
        return fail(opened.error());
    AppContext &context = *opened.value();
    const bool nothingToAdd =
        parser.isSet(QStringLiteral("if-empty")) && caseCount(context.store()) > 0;
    // Demo cases in a store that has accounts: only an administrator may add them.
    if (!nothingToAdd && !maySetUp(context, parser, Right::ManageAccounts))
        return Failed;
    // The cases and the assessment months go in together or not at all: a demo stopped half way
    // leaves the store as it was.
    Transaction all(context.store().db());
    if (auto r = all.begin(); !r)
        return fail(r.error());
    if (nothingToAdd) {
        out() << tr("The store already has cases; nothing was added.") << Qt::endl;
        // the assessment months it may still add are the administrator's to add, as cases are
        auto months = AssessmentStore(context.store(), context.catalogues().roles).months();
        if (!months)
            return fail(months.error());
        if (months.value().isEmpty() && !maySetUp(context, parser, Right::ManageAccounts))
            return Failed;
        // a store an older version filled part way still gets its assessment months
        if (const int r = fillAssessment(context, options); r != Ok)
            return r;
        if (auto r = all.commit(); !r)
            return fail(r.error());
        return Ok;
    }
    auto settings = AppContext::demoSettings();
    if (!settings)
        return fail(settings.error());
    auto cells = GridMapLoader::loadLayer(context.storePath(), storeschema::cellsTable(),
                                          QStringLiteral("EPSG:4326"));
    if (!cells)
        return fail(cells.error());
    const MapLayerData &layer = *cells.value();
    const CaseDemo generator(
        context.catalogues(), settings.value(),
        [&layer](QPointF p) {
            const int id = layer.featureAt(p);
            return id < 0 ? QString() : layer.features[id].code;
        },
        layer.extent);
    options.siteId = context.store().meta(storeschema::keySiteId());
    const auto summary = generator.fill(context.store().db(), options, terminalProgress());
    clearProgressLine();
    if (!summary)
        return fail(summary.error());
    const CaseDemo::Summary &s = summary.value();
    out() << tr("%1 demo cases (%2 events) over %3 months: %4 closed (%5 late), %6 voided, %7 "
                "open (%8 overdue now), %9 reworked.")
                 .arg(s.cases)
                 .arg(s.events)
                 .arg(options.months)
                 .arg(s.closed)
                 .arg(s.late)
                 .arg(s.voided)
                 .arg(s.open)
                 .arg(s.overdue)
                 .arg(s.reworked)
          << Qt::endl;
    if (s.accounts > 0)
        out() << tr("%n demo accounts made (ins01, op01, sl01, dp01, us01, sv01, ld01, admin01, "
                    "staff.U001, ...), all with the demo password \"%1\": for the demo only.",
                    nullptr, s.accounts)
                     .arg(settings.value().password)
              << Qt::endl;
    if (const int r = fillAssessment(context, options); r != Ok)
        return r;
    if (auto r = all.commit(); !r)
        return fail(r.error());
    return Ok;
}

} // namespace citygrid::cli
