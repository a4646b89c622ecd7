// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "appcontext.h"
#include "catalogueedits.h"
#include "cli.h"
#include "language.h"
#include "refkinds.h"
#include "storeschema.h"

#include <QJsonArray>

namespace citygrid::cli {

namespace {

QStringList listOption(const QCommandLineParser &parser, const char *name)
{
    return parser.value(QLatin1String(name)).split(u',', Qt::SkipEmptyParts);
}

} // namespace

int units(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("The responsible units as this site uses them (edits travel in sync packages).\n"
           "  citygrid units list                       every unit, edited ones marked\n"
           "  citygrid units set ID --user LEADER [--name N] [--name-en N] [--kind K]\n"
           "        [--types a,b] [--areas a,b] [--categories a,b]   edit or add a unit\n"
           "  citygrid units revert ID --user LEADER    back to the release's entry"));
    addCommonOptions(parser);
    parser.addPositionalArgument(QStringLiteral("action"), tr("list, set or revert"));
    parser.addOptions({
        {QStringLiteral("user"), tr("Who edits (the leader's account)."), QStringLiteral("id")},
        {QStringLiteral("name"), tr("The unit's name."), QStringLiteral("name")},
        {QStringLiteral("name-en"), tr("The unit's English name."), QStringLiteral("name")},
        {QStringLiteral("kind"), tr("department, subdistrict_office or contractor."),
         QStringLiteral("kind")},
        {QStringLiteral("types"), tr("The unit types it handles, separated by commas."),
         QStringLiteral("list")},
        {QStringLiteral("areas"), tr("The area codes it covers, separated by commas."),
         QStringLiteral("list")},
        {QStringLiteral("categories"), tr("Category ids it handles besides its types."),
         QStringLiteral("list")},
    });
    if (!parse(parser, arguments))
        return parser.isSet(QStringLiteral("help")) ? Ok : Usage;
    const QStringList args = parser.positionalArguments();
    const QString action = args.value(0);
    if (!QStringList{QStringLiteral("list"), QStringLiteral("set"), QStringLiteral("revert")}
             .contains(action))
        return fail({QStringLiteral("cli.usage"),
                     tr("Say what to do: citygrid units list|set|revert"),
                     {}});
    auto opened = AppContext::open(parser.value(QStringLiteral("store")));
    if (!opened)
        return fail(opened.error());
    AppContext &context = *opened.value();

    if (action == QLatin1String("list")) {
        auto edited = RefRecords(context.store().db(), {}).list(refkinds::unit());
        if (!edited)
            return fail(edited.error());
        QSet<QString> ids;
        for (const RefRecords::Record &r : edited.value())
            ids.insert(r.key);
        const bool english = language::isEnglish();
        for (const UnitCatalog::Unit &u : context.catalogues().units.units())
            out() << QStringLiteral("%1%2  %3  %4")
                         .arg(u.id, ids.contains(u.id) ? QStringLiteral("*") : QStringLiteral(" "),
                              english && !u.nameEn.isEmpty() ? u.nameEn : u.name,
                              u.areas.join(u' '))
                  << Qt::endl;
        out() << tr("* edited at a site (citygrid units revert ID takes it back)") << Qt::endl;
        return Ok;
    }
    const QString id = args.value(1);
    if (id.isEmpty())
        return fail({QStringLiteral("cli.usage"),
                     tr("Say which unit: citygrid units %1 ID").arg(action),
                     {}});
    const RoleCatalog::User *user =
        context.catalogues().roles.user(parser.value(QStringLiteral("user")));
    if (!user || user->roleId != QLatin1String("leader"))
        return fail({QStringLiteral("unit.not-allowed"),
                     tr("Only the leader edits the responsible units; give the leader's account "
                        "with --user"),
                     {}});
    QJsonValue value = QJsonValue::Null;
    if (action == QLatin1String("set")) {
        const UnitCatalog::Unit *known = context.catalogues().units.find(id);
        UnitCatalog::Unit unit =
            known ? *known
                  : UnitCatalog::Unit{id, {}, {}, QStringLiteral("department"), {}, {}, {}, false};
        if (parser.isSet(QStringLiteral("name")))
            unit.name = parser.value(QStringLiteral("name"));
        if (parser.isSet(QStringLiteral("name-en")))
            unit.nameEn = parser.value(QStringLiteral("name-en"));
        if (parser.isSet(QStringLiteral("kind")))
            unit.kind = parser.value(QStringLiteral("kind"));
        if (parser.isSet(QStringLiteral("types")))
            unit.types = listOption(parser, "types");
        if (parser.isSet(QStringLiteral("areas")))
            unit.areas = listOption(parser, "areas");
        if (parser.isSet(QStringLiteral("categories")))
            unit.categories = listOption(parser, "categories");
        value = catalogueedits::unitJson(unit);
    }
    auto saved = catalogueedits::saveUnit(context.store(), context.catalog(),
                                          AppContext::bundledCataloguesDir(), id, value, user->id,
                                          QDateTime::currentDateTime());
    if (!saved)
        return fail(saved.error());
    out() << (action == QLatin1String("set")
                  ? tr("Unit %1 saved; it goes to the other sites with the next sync packages")
                  : tr("Unit %1 is back to the release's entry; the other sites follow with the "
                       "next sync packages"))
                 .arg(id)
          << Qt::endl;
    return Ok;
}

} // namespace citygrid::cli
