// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "services/cataloguenames.h"

#include "services/language.h"
#include "supervision/casefacts.h"

namespace citygrid::cataloguenames {

QString category(const CaseCatalogues &catalogues, const QString &categoryId)
{
    const auto *c = catalogues.categories.find(categoryId);
    if (!c)
        return categoryId;
    return language::isEnglish() ? c->nameEn : c->name;
}

QString unit(const CaseCatalogues &catalogues, const QString &unitId)
{
    const auto *u = catalogues.units.find(unitId);
    if (!u)
        return unitId;
    return language::isEnglish() && !u->nameEn.isEmpty() ? u->nameEn : u->name;
}

QString unitType(const CaseCatalogues &catalogues, const QString &type)
{
    const auto *t = catalogues.units.unitType(type);
    if (!t)
        return type;
    return language::isEnglish() && !t->nameEn.isEmpty() ? t->nameEn : t->name;
}

QString role(const CaseCatalogues &catalogues, const QString &roleId)
{
    const auto *r = catalogues.roles.role(roleId);
    if (!r)
        return roleId;
    return language::isEnglish() ? r->nameEn : r->name;
}

QString person(const CaseCatalogues &catalogues, const QString &userId)
{
    const Account *a = catalogues.roles.account(userId);
    return a ? a->displayName : userId;
}

QString post(const CaseCatalogues &catalogues, const QString &key)
{
    const auto [roleId, userId] = CaseFacts::splitPost(key);
    return QStringLiteral("%1 (%2)").arg(person(catalogues, userId), role(catalogues, roleId));
}

QString area(const GridCatalogue &grid, const QString &code)
{
    if (!grid.find(code))
        return code;
    return QStringLiteral("%1 %2").arg(code, grid.displayName(code, language::isEnglish()));
}

QString ofKey(const CaseCatalogues &catalogues, const GridCatalogue &grid, IndicatorKey level,
              const QString &key)
{
    switch (level) {
    case IndicatorKey::Unit:
        return unit(catalogues, key);
    case IndicatorKey::Post:
        return post(catalogues, key);
    default:
        return grid.displayName(key, language::isEnglish());
    }
}

} // namespace citygrid::cataloguenames
