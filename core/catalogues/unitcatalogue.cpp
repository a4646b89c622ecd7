// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "catalogues/unitcatalogue.h"

#include "base/jsonfile.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace citygrid {

namespace {

QStringList strings(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &v : value.toArray())
        list.append(v.toString());
    return list;
}

} // namespace

Result<UnitCatalogue> UnitCatalogue::fromJson(const QByteArray &json)
{
    const auto parsed = parseJsonObject(json, QStringLiteral("units.json"),
                                        tr("The unit catalogue is not valid JSON"));
    if (!parsed)
        return parsed.error();
    const QJsonObject &doc = parsed.value();
    UnitCatalogue catalogue;
    for (const QJsonValue &value : doc[QLatin1String("unit_types")].toArray()) {
        const QJsonObject o = value.toObject();
        catalogue.m_unitTypes.append({o[QLatin1String("type")].toString(),
                                      o[QLatin1String("name")].toString(),
                                      o[QLatin1String("name_en")].toString()});
    }
    for (const QJsonValue &value : doc[QLatin1String("units")].toArray()) {
        const QJsonObject o = value.toObject();
        Unit unit{o[QLatin1String("id")].toString(),       o[QLatin1String("name")].toString(),
                  o[QLatin1String("name_en")].toString(),  o[QLatin1String("kind")].toString(),
                  strings(o[QLatin1String("types")]),      strings(o[QLatin1String("areas")]),
                  strings(o[QLatin1String("categories")]), o[QLatin1String("demo")].toBool()};
        if (unit.id.isEmpty() || catalogue.find(unit.id) || unit.name.isEmpty() ||
            unit.areas.isEmpty())
            return Error{
                QStringLiteral("units.invalid"),
                tr("Unit \"%1\" needs a unique id, a name and at least one area").arg(unit.id),
                {}};
        catalogue.m_units.append(unit);
    }
    if (catalogue.m_units.isEmpty())
        return Error{
            QStringLiteral("units.invalid"), tr("The unit catalogue defines no units"), {}};
    return catalogue;
}

UnitCatalogue::Coverage UnitCatalogue::coverage(const CategoryCatalogue &categories,
                                                const QStringList &cellCodes) const
{
    Coverage c;
    for (const CategoryCatalogue::Category &category : categories.categories())
        for (const QString &cell : cellCodes) {
            auto unit = resolve(category, cell);
            if (unit)
                ++c.resolved;
            else if (unit.error().code == QLatin1String("unit.gap"))
                ++c.gaps;
            else
                ++c.ambiguities;
        }
    return c;
}

const UnitCatalogue::UnitType *UnitCatalogue::unitType(const QString &type) const
{
    for (const UnitType &t : m_unitTypes)
        if (t.type == type)
            return &t;
    return nullptr;
}

const UnitCatalogue::Unit *UnitCatalogue::find(const QString &id) const
{
    for (const Unit &u : m_units)
        if (u.id == id)
            return &u;
    return nullptr;
}

Result<const UnitCatalogue::Unit *>
UnitCatalogue::resolve(const CategoryCatalogue::Category &category, const QString &cellCode,
                       bool english) const
{
    QList<const Unit *> best;
    qsizetype bestLength = -1;
    for (const Unit &unit : m_units) {
        if (!unit.types.contains(category.unitType) && !unit.categories.contains(category.id))
            continue;
        qsizetype length = -1; // the most specific of its areas that holds the cell
        for (const QString &area : unit.areas)
            if (cellCode.startsWith(area))
                length = std::max(length, area.size());
        if (length < 0 || length < bestLength)
            continue;
        if (length > bestLength)
            best.clear();
        bestLength = length;
        best.append(&unit);
    }
    const QString what = english && !category.nameEn.isEmpty() ? category.nameEn : category.name;
    if (best.isEmpty())
        return Error{QStringLiteral("unit.gap"),
                     tr("No unit is responsible for %1 in cell %2; choose one by hand and tell the "
                        "administrator so the unit catalogue can be completed")
                         .arg(what, cellCode),
                     {}};
    if (best.size() > 1) {
        QStringList names;
        for (const Unit *u : best)
            names.append(english && !u->nameEn.isEmpty() ? u->nameEn : u->name);
        return Error{QStringLiteral("unit.ambiguous"),
                     tr("Several units are responsible for %1 in cell %2 (%3); choose one")
                         .arg(what, cellCode,
                              names.join(english ? QStringLiteral(", ") : QStringLiteral("、"))),
                     {}};
    }
    return best.first();
}

} // namespace citygrid
