// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "catalogues/rolecatalogue.h"

#include <QLocale>

#include "base/jsonfile.h"

#include <QJsonArray>
#include <QJsonObject>

namespace citygrid {

Result<RoleCatalogue> RoleCatalogue::fromJson(const QByteArray &json)
{
    const auto parsed = parseJsonObject(json, QStringLiteral("roles.json"),
                                        tr("The role catalogue is not valid JSON"));
    if (!parsed)
        return parsed.error();
    const QJsonObject &doc = parsed.value();
    RoleCatalogue catalogue;
    for (const QJsonValue &value : doc[QLatin1String("roles")].toArray()) {
        const QJsonObject o = value.toObject();
        Role role{o[QLatin1String("id")].toString(),
                  o[QLatin1String("name")].toString(),
                  o[QLatin1String("name_en")].toString(),
                  {},
                  {}};
        if (role.id.isEmpty() || catalogue.role(role.id))
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
        for (const QJsonValue &right : o[QLatin1String("rights")].toArray()) {
            const auto parsed = rightFromId(right.toString());
            if (!parsed)
                return Error{
                    QStringLiteral("roles.invalid"),
                    tr("Role \"%1\" names an unknown right \"%2\" (known: %3)")
                        .arg(role.id, right.toString(), knownRights().join(QStringLiteral(", "))),
                    {}};
            role.rights.insert(*parsed);
        }
        catalogue.m_roles.append(role);
    }
    if (catalogue.m_roles.isEmpty())
        return Error{
            QStringLiteral("roles.invalid"), tr("The role catalogue defines no roles"), {}};
    return catalogue;
}

const RoleCatalogue::Role *RoleCatalogue::role(const QString &id) const
{
    for (const Role &r : m_roles)
        if (r.id == id)
            return &r;
    return nullptr;
}

const Account *RoleCatalogue::account(const QString &name) const
{
    for (const Account &a : m_accounts)
        if (a.name == name)
            return &a;
    return nullptr;
}

bool RoleCatalogue::may(const QString &roleId, CaseStep step) const
{
    const Role *r = role(roleId);
    return r && r->steps.contains(step);
}

bool RoleCatalogue::may(const QString &roleId, Right right) const
{
    const Role *r = role(roleId);
    return r && r->rights.contains(right);
}

QString RoleCatalogue::roleNames(const std::function<bool(const Role &)> &holds) const
{
    // core has no settings of its own: the language is the one the application made the default
    // (zh_CN unless English was asked for); Chinese names only where the locale is Chinese
    const bool english = QLocale().language() != QLocale::Chinese;
    QStringList names;
    for (const Role &r : m_roles)
        if (holds(r))
            names.append(english && !r.nameEn.isEmpty() ? r.nameEn : r.name);
    return names.join(english ? QStringLiteral(", ") : QStringLiteral("、"));
}

QString RoleCatalogue::displayName(const QString &roleId) const
{
    const QString name = roleNames([&roleId](const Role &r) { return r.id == roleId; });
    return name.isEmpty() ? roleId : name;
}

QString RoleCatalogue::rolesThatMay(CaseStep step) const
{
    return roleNames([step](const Role &r) { return r.steps.contains(step); });
}

QString RoleCatalogue::rolesThatMay(Right right) const
{
    return roleNames([right](const Role &r) { return r.rights.contains(right); });
}

QString RoleCatalogue::onlyWho(Right right) const
{
    const QString who = rolesThatMay(right);
    switch (right) {
    case Right::EditCatalogues:
        return who.isEmpty() ? tr("No role may edit the catalogues")
                             : tr("Only %1 may edit the catalogues").arg(who);
    case Right::ScoreAssessment:
        return who.isEmpty() ? tr("No role may score the assessment")
                             : tr("Only %1 may score the assessment").arg(who);
    case Right::DecideAssessment:
        return who.isEmpty() ? tr("No role may decide on the assessment")
                             : tr("Only %1 may decide on the assessment").arg(who);
    case Right::ManageAccounts:
        return who.isEmpty() ? tr("No role may manage accounts")
                             : tr("Only %1 may manage accounts").arg(who);
    case Right::ImportGrid:
        return who.isEmpty() ? tr("No role may import a grid")
                             : tr("Only %1 may import a grid").arg(who);
    case Right::Sync:
        return who.isEmpty() ? tr("No role may exchange sync packages")
                             : tr("Only %1 may exchange sync packages").arg(who);
    case Right::Backup:
        return who.isEmpty() ? tr("No role may back up or restore the store")
                             : tr("Only %1 may back up or restore the store").arg(who);
    }
    return {};
}

QString RoleCatalogue::onlyWho(CaseStep step) const
{
    const QString who = rolesThatMay(step);
    return who.isEmpty() ? tr("No role may %1").arg(CaseVocabulary::displayName(step))
                         : tr("Only %1 may %2").arg(who, CaseVocabulary::displayName(step));
}

namespace {

struct RightId
{
    Right right;
    const char *id;
};
constexpr RightId rightIds[] = {{Right::EditCatalogues, "edit_catalogues"},
                                {Right::ScoreAssessment, "score_assessment"},
                                {Right::DecideAssessment, "decide_assessment"},
                                {Right::ManageAccounts, "manage_accounts"},
                                {Right::ImportGrid, "import_grid"},
                                {Right::Sync, "sync"},
                                {Right::Backup, "backup"}};

} // namespace

std::optional<Right> RoleCatalogue::rightFromId(const QString &id)
{
    for (const RightId &r : rightIds)
        if (id == QLatin1String(r.id))
            return r.right;
    return std::nullopt;
}

QString RoleCatalogue::rightId(Right right)
{
    for (const RightId &r : rightIds)
        if (r.right == right)
            return QLatin1String(r.id);
    return {};
}

QStringList RoleCatalogue::knownRights()
{
    QStringList ids;
    for (const RightId &r : rightIds)
        ids << QLatin1String(r.id);
    return ids;
}

} // namespace citygrid
