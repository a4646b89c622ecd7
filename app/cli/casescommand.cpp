// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "accounts/accountscope.h"
#include "cases/casealerts.h"
#include "cases/casetiming.h"
#include "cli/casefilteroptions.h"
#include "cli/celllocator.h"
#include "cli/cli.h"
#include "cli/signin.h"
#include "grid/gridmaploader.h"
#include "io/caseexchange.h"
#include "services/appcontext.h"
#include "services/language.h"
#include "store/storeschema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace citygrid::cli {

namespace {

QJsonObject toJson(const CaseRecord &r)
{
    return {{QStringLiteral("uuid"), r.uuid},
            {QStringLiteral("case_no"), r.caseNo},
            {QStringLiteral("category_id"), r.categoryId},
            {QStringLiteral("cell_code"), r.cellCode},
            {QStringLiteral("state"), CaseVocabulary::id(r.status.state)},
            {QStringLiteral("rework_count"), r.status.reworkCount},
            {QStringLiteral("unit_id"), r.unitId},
            {QStringLiteral("due_at"), r.dueAt.toString(Qt::ISODate)},
            {QStringLiteral("on_time"), r.onTime ? QJsonValue(*r.onTime) : QJsonValue()}};
}

void printCase(AppContext &context, const CaseRecord &r)
{
    const bool english = language::isEnglish();
    const auto *category = context.catalogues().categories.find(r.categoryId);
    const QString categoryName = !category ? r.categoryId
                                 : english ? category->nameEn
                                           : category->name;
    out() << tr("Case %1  %2  %3  cell %4")
                 .arg(r.caseNo, CaseVocabulary::displayName(r.status.state), categoryName,
                      r.cellCode)
          << Qt::endl;
    if (r.dueAt.isValid()) {
        const QString timing =
            CaseTiming::describe(r, QDateTime::currentDateTime(), context.catalogues().calendar);
        out() << tr("  unit %1, due %2")
                     .arg(r.unitId, r.dueAt.toString(QStringLiteral("yyyy-MM-dd HH:mm")))
              << (timing.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(timing)) << Qt::endl;
    }
}

Result<QString> cellAt(AppContext &context, QPointF lonLat)
{
    auto locate = cellLocator(context);
    if (!locate)
        return locate.error();
    const QString code = locate.value()(lonLat);
    if (code.isEmpty())
        return Error{QStringLiteral("case.cell"),
                     tr("Longitude %1, latitude %2 lies in no grid cell of the district")
                         .arg(lonLat.x(), 0, 'f', 6)
                         .arg(lonLat.y(), 0, 'f', 6),
                     {}};
    return code;
}

int exportCases(AppContext &context, const QCommandLineParser &parser,
                const std::optional<Account> &reader)
{
    const QString path = parser.value(QStringLiteral("out"));
    if (path.isEmpty())
        return fail({QStringLiteral("cli.usage"), tr("Say where to write with --out FILE"), {}});
    const QString format = parser.isSet(QStringLiteral("format"))
                               ? parser.value(QStringLiteral("format"))
                               : CaseExchange::formatOf(path);
    auto filter = caseFilterFrom(parser);
    if (!filter)
        return fail(filter.error());
    const CaseQuery query = context.caseQuery(
        reader ? filter.value().within(*reader) : filter.value(), QDateTime::currentDateTime());
    auto written = CaseExchange::exportCases(query, context.catalogues(), context.catalogue(), path,
                                             format, language::isEnglish(), terminalProgress());
    clearProgressLine();
    if (!written)
        return fail(written.error());
    out() << tr("%1 cases written to %2").arg(written.value()).arg(path) << Qt::endl;
    return Ok;
}

int importCases(AppContext &context, const QCommandLineParser &parser, const QString &path)
{
    auto locate = cellLocator(context);
    if (!locate)
        return fail(locate.error());
    const auto user = signIn(context, parser);
    if (!user)
        return Failed;
    QList<CaseExchange::RowProblem> problems;
    auto imported = CaseExchange::importCases(
        path, context.cases(), context.catalogues(), locate.value(), user->name,
        QDateTime::currentDateTime(), &problems, terminalProgress());
    clearProgressLine();
    for (const auto &p : std::as_const(problems))
        err() << tr("  row %1: %2").arg(p.row).arg(p.reason) << Qt::endl;
    if (!imported)
        return fail(imported.error());
    out() << imported.value().text() << Qt::endl;
    return Ok;
}

} // namespace

namespace {

/// Prints a case as text, or as a JSON line with --json.
int printRecord(AppContext &context, const CaseRecord &record, bool json)
{
    if (json)
        out() << QJsonDocument(toJson(record)).toJson(QJsonDocument::Compact) << Qt::endl;
    else
        printCase(context, record);
    return Ok;
}

int reportCase(AppContext &context, const QCommandLineParser &parser)
{
    CaseStore &store = context.cases();
    bool okLon = false, okLat = false;
    const QPointF lonLat(parser.value(QStringLiteral("lon")).toDouble(&okLon),
                         parser.value(QStringLiteral("lat")).toDouble(&okLat));
    if (!okLon || !okLat)
        return fail({QStringLiteral("cli.position"),
                     tr("Give the place with --lon and --lat (WGS84 degrees)"),
                     {}});
    auto cell = cellAt(context, lonLat);
    if (!cell)
        return fail(cell.error());
    const NewCase input{parser.value(QStringLiteral("category")),
                        lonLat,
                        cell.value(),
                        parser.value(QStringLiteral("channel")),
                        parser.value(QStringLiteral("description")),
                        parser.value(QStringLiteral("reporter"))};
    auto duplicates = store.possibleDuplicates(input);
    if (duplicates && !duplicates.value().isEmpty())
        err() << tr("Note: open case %1 of the same category is %2 m away; link the report to "
                    "it if it "
                    "is the same problem (step link_duplicate).")
                     .arg(duplicates.value().first().caseNo)
                     .arg(duplicates.value().first().metres, 0, 'f', 0)
              << Qt::endl;
    const auto when = momentFrom(parser);
    if (!when)
        return fail(when.error());
    const auto user = signIn(context, parser);
    if (!user)
        return Failed;
    auto record = store.report(input, user->name, when.value());
    return record ? printRecord(context, record.value(), parser.isSet(QStringLiteral("json"))) : fail(record.error());
}

/// What the account --user is told now: deadline warnings, escalations, acknowledgements.
int listAlerts(AppContext &context, const QCommandLineParser &parser, bool json)
{
    const auto user = signIn(context, parser);
    if (!user)
        return Failed;
    const CaseCatalogues &catalogues = context.catalogues();
    const CaseAlerts source(context.store().db(), catalogues.calendar, catalogues.alerts);
    auto alerts = source.forAccount(*user, QDateTime::currentDateTime());
    if (!alerts)
        return fail(alerts.error());
    static const char *const kinds[] = {"warning", "escalation", "acknowledged"};
    for (const CaseAlert &a : std::as_const(alerts.value())) {
        if (json)
            out() << QJsonDocument(
                         QJsonObject{{QStringLiteral("kind"), QLatin1String(kinds[int(a.kind)])},
                                     {QStringLiteral("case_no"), a.caseNo},
                                     {QStringLiteral("unit_id"), a.unitId},
                                     {QStringLiteral("since"), a.at.toString(Qt::ISODate)},
                                     {QStringLiteral("minutes_left"), a.minutesLeft},
                                     {QStringLiteral("by"), a.by}})
                         .toJson(QJsonDocument::Compact)
                  << Qt::endl;
        else
            out() << a.at.toString(QStringLiteral("yyyy-MM-dd HH:mm")) << QStringLiteral("  ")
                  << CaseAlerts::text(a, catalogues.calendar.minutesPerDay()) << Qt::endl;
    }
    if (!json && alerts.value().isEmpty())
        out() << tr("No notifications for %1.").arg(user->name) << Qt::endl;
    return Ok;
}

int stepCase(AppContext &context, const QCommandLineParser &parser, const QStringList &args)
{
    CaseStore &store = context.cases();
    if (args.size() != 3)
        return fail({QStringLiteral("cli.usage"),
                     tr("Usage: citygrid cases step CASE STEP --user NAME"),
                     {}});
    auto uuid = store.resolve(args[1]);
    if (!uuid)
        return fail(uuid.error());
    const auto step = CaseVocabulary::stepFromId(args[2]);
    if (!step)
        return fail({QStringLiteral("cli.step"), tr("Unknown step \"%1\"").arg(args[2]), {}});
    StepInput input;
    input.note = parser.value(QStringLiteral("note"));
    input.unitId = parser.value(QStringLiteral("unit"));
    input.extensionHours = parser.value(QStringLiteral("hours")).toDouble();
    if (*step == CaseStep::Dispatch && input.unitId.isEmpty()) {
        auto current = store.find(uuid.value());
        if (!current)
            return fail(current.error());
        auto unit = store.suggestedUnit(current.value());
        if (!unit)
            return fail(unit.error());
        input.unitId = unit.value()->id;
    }
    const auto when = momentFrom(parser);
    if (!when)
        return fail(when.error());
    const auto user = signIn(context, parser);
    if (!user)
        return Failed;
    auto record = store.take(uuid.value(), *step, user->name, when.value(), input);
    return record ? printRecord(context, record.value(), parser.isSet(QStringLiteral("json"))) : fail(record.error());
}

int showCase(AppContext &context, const QStringList &args, bool json,
             const std::optional<Account> &reader)
{
    CaseStore &store = context.cases();
    auto uuid = args.size() == 2 ? store.resolve(args[1])
                                 : Result<QString>(Error{QStringLiteral("cli.usage"),
                                                         tr("Usage: citygrid cases show CASE"),
                                                         {}});
    if (!uuid)
        return fail(uuid.error());
    auto record = store.find(uuid.value());
    if (!record)
        return fail(record.error());
    if (reader)
        if (auto r = AccountScope::check(*reader, record.value().unitId, record.value().cellCode);
            !r)
            return fail(r.error());
    printRecord(context, record.value(), json);
    const auto history = store.history(uuid.value());
    if (!json && history)
        for (const CaseEvent &e : history.value())
            out() << QStringLiteral("  %1  %2  %3 (%4)  %5")
                         .arg(e.at.toString(QStringLiteral("yyyy-MM-dd HH:mm")), e.step,
                              e.actor, e.role, e.note)
                  << Qt::endl;
    return Ok;
}

int listCases(AppContext &context, const QCommandLineParser &parser, bool json,
              const std::optional<Account> &reader)
{
    auto records = context.cases().list(parser.value(QStringLiteral("state")), 200,
                                        reader ? &*reader : nullptr);
    if (!records)
        return fail(records.error());
    QJsonArray array;
    for (const CaseRecord &r : records.value()) {
        if (json)
            array.append(toJson(r));
        else
            printCase(context, r);
    }
    if (json)
        out() << QJsonDocument(array).toJson(QJsonDocument::Compact) << Qt::endl;
    return Ok;
}

} // namespace

namespace {

void addCasesOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("category"), tr("Category id, e.g. E0102."), QStringLiteral("id")},
        {QStringLiteral("lon"), tr("Longitude (WGS84)."), QStringLiteral("deg")},
        {QStringLiteral("lat"), tr("Latitude (WGS84)."), QStringLiteral("deg")},
        {QStringLiteral("channel"), tr("inspector, video, hotline or assigned."),
         QStringLiteral("channel"), QStringLiteral("inspector")},
        {QStringLiteral("description"), tr("What was reported."), QStringLiteral("text")},
        {QStringLiteral("reporter"), tr("Who reported it."), QStringLiteral("text")},
        {QStringLiteral("unit"), tr("Unit to dispatch to (default: the one the catalogue names)."),
         QStringLiteral("id")},
        {QStringLiteral("hours"), tr("Working hours of an approved extension."),
         QStringLiteral("h")},
        {QStringLiteral("note"), tr("A note for the history."), QStringLiteral("text")},
        {QStringLiteral("state"), tr("list: only cases in this state."), QStringLiteral("state")},
        {QStringLiteral("at"), tr("When it happened (ISO 8601; default now)."),
         QStringLiteral("time")},
        {QStringLiteral("json"), tr("Print JSON.")},
        {QStringLiteral("format"),
         tr("export: csv, xlsx, geojson, gpkg or open311 (default: "
            "from the file name)."),
         QStringLiteral("format")},
        {QStringLiteral("out"), tr("export: the file to write."), QStringLiteral("file")},
    });
    addCaseFilterOptions(parser, false);
    addSignInOptions(parser);
}

} // namespace

int cases(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Cases on the command line: report, take a step, show one, list, export, import.\n"
           "  citygrid cases report --category E0102 --lon 114.05 --lat 22.54 --user op01\n"
           "  citygrid cases step CASE dispatch --user op01 --unit U026\n"
           "  citygrid cases show CASE\n"
           "  citygrid cases list [--state dispatched]\n"
           "  citygrid cases export --format csv|xlsx|geojson|gpkg|open311 --out FILE "
           "[--state S] [--area CODE] [--category C] [--from DAY] [--to DAY] [--overdue]\n"
           "  citygrid cases import FILE --user op01\n"
           "  citygrid cases alerts --user dp01 [--json]\n"
           "Steps, reports and imports are taken by the account --user names, logged in with "
           "its password from standard input (--password-stdin) or CITYGRID_PASSWORD.\n"
           "Import takes in reports (CSV in UTF-8 or GBK, XLSX or GeoJSON): all rows or none. A "
           "row whose uuid or service_request_id the store has already is skipped, so importing "
           "a file again adds nothing. A table carries no history: cases exported elsewhere come "
           "in as new reports with new numbers; sync packages move cases with their history. "
           "A description is at most 2000 characters, other fields 100; control characters "
           "are refused."));
    addCommonOptions(parser);
    parser.addPositionalArgument(QStringLiteral("action"),
                                 tr("report, step, show, list, export, import or alerts"));
    addCasesOptions(parser);
    if (!parse(parser, arguments))
        return parser.isSet(QStringLiteral("help")) ? Ok : Usage;
    const QStringList args = parser.positionalArguments();
    const QString action = args.value(0);
    auto opened = openStore(parser);
    if (!opened)
        return fail(opened.error());
    AppContext &context = *opened.value();
    const bool json = parser.isSet(QStringLiteral("json"));
    if (action == QLatin1String("report"))
        return reportCase(context, parser);
    if (action == QLatin1String("step"))
        return stepCase(context, parser, args);
    if (action == QLatin1String("alerts"))
        return listAlerts(context, parser, json);
    std::optional<Account> reader;
    const QStringList reading{QStringLiteral("show"), QStringLiteral("list"),
                              QStringLiteral("export")};
    if (reading.contains(action) && !mayRead(context, parser, &reader))
        return Failed;
    if (action == QLatin1String("show"))
        return showCase(context, args, json, reader);
    if (action == QLatin1String("list"))
        return listCases(context, parser, json, reader);
    if (action == QLatin1String("export"))
        return exportCases(context, parser, reader);
    if (action == QLatin1String("import")) {
        if (args.size() != 2)
            return fail({QStringLiteral("cli.usage"),
                         tr("Usage: citygrid cases import FILE --user NAME"),
                         {}});
        return importCases(context, parser, args[1]);
    }
    err() << tr("citygrid: cases takes report, step, show, list, export, import or alerts")
          << Qt::endl;
    return Usage;
}

} // namespace citygrid::cli
