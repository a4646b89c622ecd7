// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "catalogues/casecatalogues.h"

#include "catalogues/cataloguefiles.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace citygrid {

namespace {

/// The file with its entries replaced or added by id.
QByteArray edited(const QByteArray &bytes, const QString &entriesKey,
                  const QHash<QString, QJsonValue> &edits)
{
    QJsonObject doc = QJsonDocument::fromJson(bytes).object();
    QJsonArray entries = doc[entriesKey].toArray();
    QSet<QString> done;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString id = entries[i].toObject()[QLatin1String("id")].toString();
        const QJsonValue edit = edits.value(id);
        if (edit.isObject())
            entries[i] = edit;
        done.insert(id);
    }
    QStringList added;
    for (auto it = edits.cbegin(); it != edits.cend(); ++it)
        if (!done.contains(it.key()) && it.value().isObject())
            added.append(it.key());
    added.sort();
    for (const QString &id : added)
        entries.append(edits.value(id));
    doc[entriesKey] = entries;
    return QJsonDocument(doc).toJson(QJsonDocument::Compact);
}

/// Loads one catalogue, with a store's edits of its entries, and says which file it was if it
/// is wrong.
template <typename T>
Result<T> loadOne(const QString &dir, const char *name, const CaseCatalogues::Edits &edits = {})
{
    const QString path = dir + u'/' + QLatin1String(name);
    auto bytes = cataloguefiles::read(path);
    if (!bytes)
        return bytes.error();
    const QString file = QLatin1String(name);
    if (edits.contains(file))
        bytes = edited(bytes.value(), CaseCatalogues::entriesKey(file), edits.value(file));
    return cataloguefiles::parse<T>(path, bytes.value());
}

} // namespace

QString CaseCatalogues::entriesKey(const QString &file)
{
    return file == QLatin1String("units.json") ? QStringLiteral("units")
                                               : QStringLiteral("categories");
}

Result<CaseCatalogues> CaseCatalogues::load(const QString &dir)
{
    return load(dir, {});
}

Result<CaseCatalogues> CaseCatalogues::load(const QString &dir, const Edits &edits)
{
    auto roles = loadOne<RoleCatalogue>(dir, "roles.json");
    if (!roles)
        return roles.error();
    auto calendar = loadOne<WorkingCalendar>(dir, "calendar.json");
    if (!calendar)
        return calendar.error();
    auto categories = loadOne<CategoryCatalogue>(dir, "categories.json", edits);
    if (!categories)
        return categories.error();
    auto units = loadOne<UnitCatalogue>(dir, "units.json", edits);
    if (!units)
        return units.error();
    auto alerts =
        loadOne<AlertRules>(cataloguefiles::ownOrBuiltin(dir, "alerts.json"), "alerts.json");
    if (!alerts)
        return alerts.error();
    for (const QString &roleId : alerts.value().escalateToRoles())
        if (!roles.value().role(roleId))
            return Error{QStringLiteral("catalogue.alerts"),
                         cataloguefiles::wrongFile(
                             dir + QStringLiteral("/alerts.json"),
                             AlertRules::tr("escalate_to_roles names \"%1\", which is not a role "
                                            "of roles.json")
                                 .arg(roleId)),
                         {}};
    return CaseCatalogues{roles.value(), calendar.value(), categories.value(), units.value(),
                          alerts.value()};
}

} // namespace citygrid
