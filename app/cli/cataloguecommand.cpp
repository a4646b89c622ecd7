// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "catalogues/catalogueedits.h"
#include "catalogues/cataloguekinds.h"
#include "cli/cli.h"
#include "cli/signin.h"
#include "services/appcontext.h"
#include "services/language.h"
#include "store/storeschema.h"

#include <QJsonArray>

namespace citygrid::cli {

namespace {

QStringList listOption(const QCommandLineParser &parser, const char *name)
{
    return parser.value(QLatin1String(name)).split(u',', Qt::SkipEmptyParts);
}

/// Stores the edit (null: back to the release's entry) and says so.
int store(AppContext &context, const QString &kind, const QString &id, const QJsonValue &value,
          const Account &user)
{
    auto saved = catalogueedits::saveEntry(
        context.store(), context.catalogue(), AppContext::bundledCataloguesDir(), kind, id, value,
        ActingUser{user.name, &context.catalogues().roles}, QDateTime::currentDateTime());
    if (!saved)
        return fail(saved.error());
    if (context.centre())
        out() << (value.isNull() ? tr("%1 is back to the release's entry at the centre; every "
                                      "workstation follows at once")
                                 : tr("%1 saved at the centre; every workstation follows at once"))
                     .arg(id)
              << Qt::endl;
    else
        out() << (value.isNull() ? tr("%1 is back to the release's entry; the other sites follow "
                                      "with the next sync packages")
                                 : tr("%1 saved; it goes to the other sites with the next sync "
                                      "packages"))
                     .arg(id)
              << Qt::endl;
    return Ok;
}

/// The ids of the entries of `kind` edited at some site.
QSet<QString> editedIds(AppContext &context, const QString &kind)
{
    QSet<QString> ids;
    if (auto edited = context.refRecords().list(kind))
        for (const RefRecords::Record &r : edited.value())
            if (!r.value.isNull())
                ids.insert(r.key);
    return ids;
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
    addSignInOptions(parser);
    parser.addPositionalArgument(QStringLiteral("action"), tr("list, set or revert"));
    parser.addOptions({
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
    auto opened = openStore(parser);
    if (!opened)
        return fail(opened.error());
    AppContext &context = *opened.value();
    if (action == QLatin1String("list") && !mayRead(context, parser))
        return Failed;

    if (action == QLatin1String("list")) {
        const QSet<QString> ids = editedIds(context, cataloguekinds::unit());
        const bool english = language::isEnglish();
        for (const UnitCatalogue::Unit &u : context.catalogues().units.units())
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
    const auto user = signIn(context, parser, Right::EditCatalogues);
    if (!user)
        return Failed;
    QJsonValue value = QJsonValue::Null;
    if (action == QLatin1String("set")) {
        const UnitCatalogue::Unit *known = context.catalogues().units.find(id);
        UnitCatalogue::Unit unit =
            known ? *known : UnitCatalogue::Unit{id, {}, {}, QStringLiteral("department"),
                                                 {}, {}, {}, false};
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
    return store(context, cataloguekinds::unit(), id, value, *user);
}

int categories(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("The case categories as this site uses them (edits travel in sync packages).\n"
           "  citygrid categories list                  every category, edited ones marked\n"
           "  citygrid categories set ID --user LEADER [--name N] [--name-en N]\n"
           "        [--deadline VALUE --deadline-unit working_hours|working_days|natural_hours|"
           "natural_days]\n"
           "        [--urgent yes|no] [--unit-type T]       change a category's handling rules\n"
           "  citygrid categories revert ID --user LEADER   back to the release's entry"));
    addCommonOptions(parser);
    addSignInOptions(parser);
    parser.addPositionalArgument(QStringLiteral("action"), tr("list, set or revert"));
    parser.addOptions({
        {QStringLiteral("name"), tr("The category's name."), QStringLiteral("name")},
        {QStringLiteral("name-en"), tr("The category's English name."), QStringLiteral("name")},
        {QStringLiteral("deadline"), tr("The handling deadline's length."),
         QStringLiteral("value")},
        {QStringLiteral("deadline-unit"), tr("The deadline's unit."), QStringLiteral("unit")},
        {QStringLiteral("urgent"), tr("Urgent: yes or no."), QStringLiteral("yes|no")},
        {QStringLiteral("unit-type"), tr("The type of unit responsible for it."),
         QStringLiteral("type")},
    });
    if (!parse(parser, arguments))
        return parser.isSet(QStringLiteral("help")) ? Ok : Usage;
    const QStringList args = parser.positionalArguments();
    const QString action = args.value(0);
    if (!QStringList{QStringLiteral("list"), QStringLiteral("set"), QStringLiteral("revert")}
             .contains(action))
        return fail({QStringLiteral("cli.usage"),
                     tr("Say what to do: citygrid categories list|set|revert"),
                     {}});
    auto opened = openStore(parser);
    if (!opened)
        return fail(opened.error());
    AppContext &context = *opened.value();
    if (action == QLatin1String("list") && !mayRead(context, parser))
        return Failed;
    if (action == QLatin1String("list")) {
        const QSet<QString> ids = editedIds(context, cataloguekinds::category());
        const bool english = language::isEnglish();
        for (const CategoryCatalogue::Category &c : context.catalogues().categories.categories())
            out() << QStringLiteral("%1%2  %3  %4  %5")
                         .arg(c.id, ids.contains(c.id) ? QStringLiteral("*") : QStringLiteral(" "),
                              english && !c.nameEn.isEmpty() ? c.nameEn : c.name, c.deadline.text(),
                              c.unitType)
                  << Qt::endl;
        out() << tr("* edited at a site (citygrid categories revert ID takes it back)") << Qt::endl;
        return Ok;
    }
    const QString id = args.value(1);
    const CategoryCatalogue::Category *known = context.catalogues().categories.find(id);
    if (!known)
        return fail({QStringLiteral("cli.usage"),
                     tr("Say which category: citygrid categories %1 ID (see citygrid categories "
                        "list)")
                         .arg(action),
                     {}});
    const auto user = signIn(context, parser, Right::EditCatalogues);
    if (!user)
        return Failed;
    if (action == QLatin1String("revert"))
        return store(context, cataloguekinds::category(), id, QJsonValue::Null, *user);
    QJsonObject entry = catalogueedits::categoryJson(*known);
    for (const auto &[option, key] : {std::pair{"name", "name"}, std::pair{"name-en", "name_en"},
                                      std::pair{"unit-type", "unit_type"}})
        if (parser.isSet(QLatin1String(option)))
            entry[QLatin1String(key)] = parser.value(QLatin1String(option));
    if (parser.isSet(QStringLiteral("urgent")))
        entry[QStringLiteral("urgent")] =
            parser.value(QStringLiteral("urgent")) == QLatin1String("yes");
    QJsonObject deadline = entry[QStringLiteral("deadline")].toObject();
    if (parser.isSet(QStringLiteral("deadline")))
        deadline[QStringLiteral("value")] = parser.value(QStringLiteral("deadline")).toDouble();
    if (parser.isSet(QStringLiteral("deadline-unit")))
        deadline[QStringLiteral("unit")] = parser.value(QStringLiteral("deadline-unit"));
    entry[QStringLiteral("deadline")] = deadline;
    return store(context, cataloguekinds::category(), id, entry, *user);
}

} // namespace citygrid::cli
