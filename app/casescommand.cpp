// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "appcontext.h"
#include "casetiming.h"
#include "cli.h"
#include "gridmaploader.h"
#include "language.h"
#include "storeschema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace citygrid::cli {

namespace {

QDateTime whenFrom(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("at")))
        return QDateTime::currentDateTime();
    return QDateTime::fromString(parser.value(QStringLiteral("at")), Qt::ISODate);
}

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
        const WorkingCalendar &calendar = context.catalogues().calendar;
        const qint64 left = CaseTiming::minutesLeft(r, QDateTime::currentDateTime(), calendar);
        out() << tr("  unit %1, due %2 (%3)")
                     .arg(r.unitId, r.dueAt.toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                          CaseTiming::describe(left, calendar.minutesPerDay()))
              << Qt::endl;
    }
}

Result<QString> cellAt(AppContext &context, QPointF lonLat)
{
    auto cells = GridMapLoader::loadLayer(context.storePath(), storeschema::cellsTable(),
                                          QStringLiteral("EPSG:4326"));
    if (!cells)
        return cells.error();
    const int id = cells.value()->featureAt(lonLat);
    if (id < 0)
        return Error{QStringLiteral("case.cell"),
                     tr("Longitude %1, latitude %2 lies in no grid cell of the district")
                         .arg(lonLat.x(), 0, 'f', 6)
                         .arg(lonLat.y(), 0, 'f', 6),
                     {}};
    return cells.value()->features[id].code;
}

} // namespace

int cases(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Cases on the command line: report, take a step, show one, list them.\n"
           "  citygrid cases report --category E0102 --lon 114.05 --lat 22.54 --user op01\n"
           "  citygrid cases step CASE dispatch --user op01 --unit U026\n"
           "  citygrid cases show CASE\n"
           "  citygrid cases list [--state dispatched]"));
    addCommonOptions(parser);
    parser.addPositionalArgument(QStringLiteral("action"), tr("report, step, show or list"));
    parser.addOptions({
        {QStringLiteral("user"), tr("Who acts (an account of the role catalogue)."),
         QStringLiteral("id")},
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
    });
    if (!parse(parser, arguments))
        return parser.isSet(QStringLiteral("help")) ? Ok : Usage;
    const QStringList args = parser.positionalArguments();
    const QString action = args.value(0);
    auto opened = AppContext::open(parser.value(QStringLiteral("store")));
    if (!opened)
        return fail(opened.error());
    AppContext &context = *opened.value();
    CaseStore &store = context.cases();
    const bool json = parser.isSet(QStringLiteral("json"));
    const auto show = [&](const CaseRecord &record) {
        if (json)
            out() << QJsonDocument(toJson(record)).toJson(QJsonDocument::Compact) << Qt::endl;
        else
            printCase(context, record);
        return Ok;
    };

    if (action == QLatin1String("report")) {
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
        auto record = store.report(input, parser.value(QStringLiteral("user")), whenFrom(parser));
        return record ? show(record.value()) : fail(record.error());
    }
    if (action == QLatin1String("step")) {
        if (args.size() != 3)
            return fail({QStringLiteral("cli.usage"),
                         tr("Usage: citygrid cases step CASE STEP --user ID"),
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
        auto record = store.take(uuid.value(), *step, parser.value(QStringLiteral("user")),
                                 whenFrom(parser), input);
        return record ? show(record.value()) : fail(record.error());
    }
    if (action == QLatin1String("show")) {
        auto uuid = args.size() == 2 ? store.resolve(args[1])
                                     : Result<QString>(Error{QStringLiteral("cli.usage"),
                                                             tr("Usage: citygrid cases show CASE"),
                                                             {}});
        if (!uuid)
            return fail(uuid.error());
        auto record = store.find(uuid.value());
        if (!record)
            return fail(record.error());
        show(record.value());
        const auto history = store.history(uuid.value());
        if (!json && history)
            for (const CaseEvent &e : history.value())
                out() << QStringLiteral("  %1  %2  %3 (%4)  %5")
                             .arg(e.at.toString(QStringLiteral("yyyy-MM-dd HH:mm")), e.step,
                                  e.actor, e.role, e.note)
                      << Qt::endl;
        return Ok;
    }
    if (action == QLatin1String("list")) {
        auto records = store.list(parser.value(QStringLiteral("state")));
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
    err() << tr("citygrid: cases takes report, step, show or list") << Qt::endl;
    return Usage;
}

} // namespace citygrid::cli
