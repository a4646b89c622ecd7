// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "catalogues/catalogueedits.h"

#include "store/storeschema.h"
#include "catalogues/cataloguekinds.h"

#include <QJsonArray>

namespace citygrid::catalogueedits {

namespace {

/// lupdate files tr() in this namespace under its name, so that is the context looked up.
QString tr(const char *text)
{
    return QCoreApplication::translate("citygrid::catalogueedits", text);
}

/// Refuses a unit type the unit catalogue does not declare (a typo would leave the
/// category with no unit, or the unit with no work); a catalogue that declares none checks nothing.
Result<void> knownUnitTypes(const UnitCatalogue &units, const QJsonObject &entry, bool unit)
{
    QStringList types;
    if (unit)
        for (const QJsonValue &t : entry[QLatin1String("types")].toArray())
            types.append(t.toString());
    else if (!entry.isEmpty())
        types.append(entry[QLatin1String("unit_type")].toString());
    if (units.unitTypes().isEmpty())
        return {};
    for (const QString &type : types)
        if (!units.unitType(type)) {
            QStringList declared;
            for (const UnitCatalogue::UnitType &t : units.unitTypes())
                declared.append(t.type);
            return Error{QStringLiteral("unit.unknown-type"),
                         tr("The unit type \"%1\" is not in the unit catalogue; use one of: %2. "
                            "Nothing was saved")
                             .arg(type, declared.join(QStringLiteral(", "))),
                         {}};
        }
    return {};
}

} // namespace

QJsonObject unitJson(const UnitCatalogue::Unit &u)
{
    return {{QStringLiteral("id"), u.id},
            {QStringLiteral("name"), u.name},
            {QStringLiteral("name_en"), u.nameEn},
            {QStringLiteral("kind"), u.kind},
            {QStringLiteral("types"), QJsonArray::fromStringList(u.types)},
            {QStringLiteral("areas"), QJsonArray::fromStringList(u.areas)},
            {QStringLiteral("categories"), QJsonArray::fromStringList(u.categories)},
            {QStringLiteral("demo"), u.demo}};
}

QJsonObject categoryJson(const CategoryCatalogue::Category &c)
{
    return {{QStringLiteral("id"), c.id},
            {QStringLiteral("kind"), c.kind},
            {QStringLiteral("major"), c.major},
            {QStringLiteral("minor"), c.minor},
            {QStringLiteral("name"), c.name},
            {QStringLiteral("name_en"), c.nameEn},
            {QStringLiteral("initials"), c.initials},
            {QStringLiteral("filing_standard"), c.filingStandard},
            {QStringLiteral("closing_standard"), c.closingStandard},
            {QStringLiteral("deadline"),
             QJsonObject{{QStringLiteral("value"), c.deadline.value},
                         {QStringLiteral("unit"), Deadline::unitKey(c.deadline.unit)}}},
            {QStringLiteral("urgent"), c.urgent},
            {QStringLiteral("unit_type"), c.unitType},
            {QStringLiteral("business_area"), c.businessArea},
            {QStringLiteral("local"), c.local}};
}

Result<CaseCatalogues> saveEntry(Store &store, const GridCatalogue &grid,
                                 const QString &cataloguesDir, const QString &kind,
                                 const QString &id, const QJsonValue &value,
                                 const ActingUser &actor, const QDateTime &now,
                                 const std::optional<QString> &openedAt)
{
    if (auto account = actor.check(store.db(), Right::EditCatalogues); !account)
        return account.error();
    const QString here = store.meta(storeschema::keySiteId());
    if (openedAt) {
        auto current = RefRecords(store.db(), here).find(kind, id);
        if (!current)
            return current.error();
        const QString at = current.value() ? current.value()->at : QString();
        if (at != *openedAt)
            return Error{QStringLiteral("catalogue.changed"),
                         tr("%1 was changed by %2 at %3 while you were editing it; nothing of "
                            "yours was saved. The editor shows the latest now: make your change "
                            "again if it still applies")
                             .arg(id, current.value() ? current.value()->actor : QString(),
                                  QDateTime::fromString(at, Qt::ISODateWithMs)
                                      .toOffsetFromUtc(8 * 3600)
                                      .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))),
                         {}};
    }
    const bool unit = kind == cataloguekinds::unit();
    const QString district = store.meta(storeschema::keyDistrictCode());
    for (const QJsonValue &area : value.toObject()[QLatin1String("areas")].toArray())
        if (area.toString() != district && !grid.find(area.toString()))
            return Error{QStringLiteral("unit.unknown-area"),
                         tr("The area %1 is not in the grid; enter the code of the district, a "
                            "subdistrict or a community. Nothing was saved")
                             .arg(area.toString()),
                         {}};
    auto edits = cataloguekinds::catalogueEdits(store.db(), here);
    if (!edits)
        return edits.error();
    edits.value()[unit ? QStringLiteral("units.json") : QStringLiteral("categories.json")].insert(
        id, value);
    auto checked = CaseCatalogues::load(cataloguesDir, edits.value());
    if (!checked)
        return Error{
            unit ? QStringLiteral("unit.invalid") : QStringLiteral("category.invalid"),
            tr("Not saved: %1").arg(QString(checked.error().message).remove(cataloguesDir + u'/')),
            {}};
    if (auto known = knownUnitTypes(checked.value().units, value.toObject(), unit); !known)
        return known.error();
    Transaction tx(store.db());
    if (auto r = tx.begin(); !r)
        return r.error();
    if (auto r =
            RefRecords(store.db(), here, store.upstream()).put(kind, id, value, actor.name, now);
        !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return checked;
}

} // namespace citygrid::catalogueedits
