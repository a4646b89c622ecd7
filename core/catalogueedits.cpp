// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "catalogueedits.h"

#include "refkinds.h"
#include "storeschema.h"

#include <QJsonArray>

namespace citygrid::catalogueedits {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CatalogueEdits", text);
}

} // namespace

QJsonObject unitJson(const UnitCatalog::Unit &u)
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

Result<CaseCatalogues> saveUnit(Store &store, const GridCatalog &grid, const QString &cataloguesDir,
                                const QString &id, const QJsonValue &value, const QString &actor,
                                const QDateTime &now)
{
    const QString district = store.meta(storeschema::keyDistrictCode());
    for (const QJsonValue &area : value.toObject()[QLatin1String("areas")].toArray())
        if (area.toString() != district && !grid.find(area.toString()))
            return Error{QStringLiteral("unit.unknown-area"),
                         tr("The area %1 is not in the grid; enter the code of the district, a "
                            "subdistrict or a community. Nothing was saved")
                             .arg(area.toString()),
                         {}};
    const QString here = store.meta(storeschema::keySiteId());
    auto edits = refkinds::catalogueEdits(store.db(), here);
    if (!edits)
        return edits.error();
    edits.value()[QStringLiteral("units.json")].insert(id, value);
    auto checked = CaseCatalogues::load(cataloguesDir, edits.value());
    if (!checked)
        return Error{
            QStringLiteral("unit.invalid"),
            tr("Not saved: %1").arg(QString(checked.error().message).remove(cataloguesDir + u'/')),
            {}};
    Transaction tx(store.db());
    if (auto r = tx.begin(); !r)
        return r.error();
    if (auto r = RefRecords(store.db(), here).put(refkinds::unit(), id, value, actor, now); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return checked;
}

} // namespace citygrid::catalogueedits
