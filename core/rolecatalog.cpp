// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "rolecatalog.h"

#include <QLocale>

#include "jsonfile.h"

#include <QJsonArray>
#include <QJsonObject>

namespace citygrid {

Result<RoleCatalog> RoleCatalog::fromJson(const QByteArray &json)
{
    const auto parsed = parseJsonObject(json, QStringLiteral("roles.json"),
                                        tr("The role catalogue is not valid JSON"));
    if (!parsed)
        return parsed.error();
    const QJsonObject &doc = parsed.value();
    RoleCatalog catalog;
    for (const QJsonValue &value : doc[QLatin1String("roles")].toArray()) {
        const QJsonObject o = value.toObject();
        Role role{o[QLatin1String("id")].toString(),
                  o[QLatin1String("name")].toString(),
                  o[QLatin1String("name_en")].toString(),
                  {}};
        if (role.id.isEmpty() || catalog.role(role.id))
            return Error{QStringLiteral("roles.invalid"),
                         tr("A role has no id, or its id \"%1\" is used twice").arg(role.id),
                         {}};
        for (const QJsonValue &step : o[QLatin1String("steps")].toArray()) {
            const auto parsed = CaseVocabulary::stepFromId(step.toString());
            if (!parsed)
                return Error{
                    QStringLiteral("roles.invalid"),
                    tr("Role \"%1\" names an unknown step \"%2\"").arg(role.id, step.toString()),
                    {}};
            role.steps.insert(*parsed);
        }
        catalog.m_roles.append(role);
    }
    if (catalog.m_roles.isEmpty())
        return Error{
            QStringLiteral("roles.invalid"), tr("The role catalogue defines no roles"), {}};
    for (const QJsonValue &value : doc[QLatin1String("users")].toArray()) {
        const QJsonObject o = value.toObject();
        User user{o[QLatin1String("id")].toString(), o[QLatin1String("name")].toString(),
                  o[QLatin1String("role")].toString()};
        if (user.id.isEmpty() || catalog.user(user.id) || !catalog.role(user.roleId))
            return Error{QStringLiteral("roles.invalid"),
                         tr("User \"%1\" has no id, a duplicate id or an unknown role \"%2\"")
                             .arg(user.id, user.roleId),
                         {}};
        catalog.m_users.append(user);
    }
    return catalog;
}

const RoleCatalog::Role *RoleCatalog::role(const QString &id) const
{
    for (const Role &r : m_roles)
        if (r.id == id)
            return &r;
    return nullptr;
}

const RoleCatalog::User *RoleCatalog::user(const QString &id) const
{
    for (const User &u : m_users)
        if (u.id == id)
            return &u;
    return nullptr;
}

bool RoleCatalog::may(const QString &roleId, CaseStep step) const
{
    const Role *r = role(roleId);
    return r && r->steps.contains(step);
}

QString RoleCatalog::rolesThatMay(CaseStep step) const
{
    // core has no settings of its own: the language is the one the application made the default
    // (zh_CN unless English was asked for); Chinese names only where the locale is Chinese
    const bool english = QLocale().language() != QLocale::Chinese;
    QStringList names;
    for (const Role &r : m_roles)
        if (r.steps.contains(step))
            names.append(english && !r.nameEn.isEmpty() ? r.nameEn : r.name);
    return names.join(english ? QStringLiteral(", ") : QStringLiteral("、"));
}

} // namespace citygrid
