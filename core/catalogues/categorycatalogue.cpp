// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "catalogues/categorycatalogue.h"

#include "base/jsonfile.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

#include <algorithm>

namespace citygrid {

namespace {

Error invalid(const QString &message)
{
    return {QStringLiteral("categories.invalid"), message, {}};
}

QString text(const QJsonObject &o, const char *key)
{
    return o[QLatin1String(key)].toString();
}

} // namespace

Result<CategoryCatalogue> CategoryCatalogue::fromJson(const QByteArray &json)
{
    const auto parsed = parseJsonObject(json, QStringLiteral("categories.json"),
                                        tr("The category catalogue is not valid JSON"));
    if (!parsed)
        return parsed.error();
    const QJsonObject &doc = parsed.value();
    CategoryCatalogue catalogue;
    for (const QJsonValue &value : doc[QLatin1String("groups")].toArray()) {
        const QJsonObject o = value.toObject();
        Group group{text(o, "kind"), text(o, "major"), text(o, "name"), text(o, "name_en"),
                    o[QLatin1String("local")].toBool()};
        if ((group.kind != QLatin1String("component") && group.kind != QLatin1String("event")) ||
            group.major.isEmpty() || catalogue.group(group.kind, group.major))
            return invalid(tr("Group \"%1 %2\" has an unknown kind, no code or a code used twice")
                               .arg(group.kind, group.major));
        catalogue.m_groups.append(group);
    }
    QSet<QString> ids;
    for (const QJsonValue &value : doc[QLatin1String("categories")].toArray()) {
        const QJsonObject o = value.toObject();
        Category c;
        c.id = text(o, "id");
        c.kind = text(o, "kind");
        c.major = text(o, "major");
        c.minor = text(o, "minor");
        c.name = text(o, "name");
        c.nameEn = text(o, "name_en");
        c.initials = text(o, "initials").toUpper();
        c.filingStandard = text(o, "filing_standard");
        c.closingStandard = text(o, "closing_standard");
        c.urgent = o[QLatin1String("urgent")].toBool();
        c.unitType = text(o, "unit_type");
        c.businessArea = text(o, "business_area");
        c.local = o[QLatin1String("local")].toBool();
        if (c.id.isEmpty() || ids.contains(c.id))
            return invalid(tr("Category \"%1\" has no id or an id used twice").arg(c.id));
        if (!catalogue.group(c.kind, c.major))
            return invalid(
                tr("Category %1 belongs to no known group (%2 %3)").arg(c.id, c.kind, c.major));
        if (c.name.isEmpty() || c.unitType.isEmpty())
            return invalid(tr("Category %1 needs a name and a responsible unit type").arg(c.id));
        const QJsonObject deadline = o[QLatin1String("deadline")].toObject();
        const auto unit = Deadline::parseUnit(text(deadline, "unit"));
        const double amount = deadline[QLatin1String("value")].toDouble();
        if (!unit || amount <= 0)
            return invalid(
                tr("Category %1 needs a deadline with a positive value and a unit").arg(c.id));
        c.deadline = {amount, unit.value()};
        ids.insert(c.id);
        catalogue.m_categories.append(c);
    }
    if (catalogue.m_categories.isEmpty())
        return invalid(tr("The category catalogue defines no categories"));
    return catalogue;
}

const CategoryCatalogue::Category *CategoryCatalogue::find(const QString &id) const
{
    for (const Category &c : m_categories)
        if (c.id == id)
            return &c;
    return nullptr;
}

const CategoryCatalogue::Group *CategoryCatalogue::group(const QString &kind,
                                                         const QString &major) const
{
    for (const Group &g : m_groups)
        if (g.kind == kind && g.major == major)
            return &g;
    return nullptr;
}

QList<const CategoryCatalogue::Category *> CategoryCatalogue::search(const QString &input,
                                                                     int limit) const
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return {};
    const QString upper = text.toUpper();
    struct Hit
    {
        int rank;
        const Category *category;
    };
    QList<Hit> hits;
    for (const Category &c : m_categories) {
        int rank = -1;
        if (c.id.compare(text, Qt::CaseInsensitive) == 0)
            rank = 0;
        else if (c.id.startsWith(text, Qt::CaseInsensitive))
            rank = 1;
        else if (!c.initials.isEmpty() && c.initials.startsWith(upper))
            rank = 2;
        else if (c.name.startsWith(text))
            rank = 3;
        else if (c.name.contains(text) || c.nameEn.contains(text, Qt::CaseInsensitive))
            rank = 4;
        else if (c.initials.contains(upper) && upper.size() >= 2)
            rank = 5;
        if (rank >= 0)
            hits.append({rank, &c});
    }
    std::sort(hits.begin(), hits.end(), [](const Hit &a, const Hit &b) {
        return a.rank != b.rank ? a.rank < b.rank : a.category->id < b.category->id;
    });
    QList<const Category *> result;
    for (const Hit &hit : hits)
        if (result.size() < limit)
            result.append(hit.category);
    return result;
}

} // namespace citygrid
