// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "sync/refkinds.h"

#include "assessment/assessmentscheme.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace citygrid::refkinds {

namespace {

/// lupdate files tr() in this namespace under its name, so that is the context looked up.
QString tr(const char *text)
{
    return QCoreApplication::translate("citygrid::refkinds", text);
}

Error malformed(const RefRecords::Record &r, const QString &why)
{
    return Error{QStringLiteral("sync.damaged"),
                 tr("The package's %1 record \"%2\" is not valid (%3); ask the other site for a "
                    "new package. Nothing was changed")
                     .arg(displayName(r.kind), r.key, why),
                 {}};
}

std::optional<std::pair<int, QString>> splitPopulationKey(const QString &key)
{
    const qsizetype slash = key.indexOf(u'/');
    bool ok = false;
    const int year = key.left(slash).toInt(&ok);
    if (slash < 0 || !ok || year < 1900 || year > 2200 || slash + 1 >= key.size())
        return std::nullopt;
    return std::pair{year, key.mid(slash + 1)};
}

} // namespace

QString populationKey(int year, const QString &subdistrict)
{
    return QString::number(year) + u'/' + subdistrict;
}

QJsonValue populationValue(const Population &p)
{
    return QJsonObject{{QStringLiteral("registered"), double(p.registered)},
                       {QStringLiteral("nonregistered"), double(p.nonRegistered)}};
}

QJsonValue schemeValue(const assessmentrows::SchemeRow &row)
{
    return QJsonObject{{QStringLiteral("scheme"), QJsonDocument::fromJson(row.scheme).object()},
                       {QStringLiteral("saved_at"), row.savedAt},
                       {QStringLiteral("saved_by"), row.savedBy},
                       {QStringLiteral("note"), row.note}};
}

QString displayName(const QString &kind)
{
    if (kind == population())
        return tr("population");
    if (kind == scheme())
        return tr("assessment scheme");
    if (kind == unit())
        return tr("responsible unit");
    if (kind == category())
        return tr("case category");
    if (kind == grid())
        return tr("grid");
    return kind;
}

QString displayNames(const QStringList &kinds)
{
    QStringList names;
    for (const QString &kind : kinds)
        names.append(displayName(kind));
    return names.join(tr(", "));
}

Result<void> check(const RefRecords::Record &r)
{
    const QJsonObject o = r.value.toObject();
    if (r.kind == population()) {
        if (!splitPopulationKey(r.key))
            return malformed(r, tr("the key is not year/subdistrict"));
        if (r.value.isNull())
            return {};
        const double registered = o[QLatin1String("registered")].toDouble(-1);
        const double other = o[QLatin1String("nonregistered")].toDouble(-1);
        if (registered < 0 || other < 0 || registered + other <= 0)
            return malformed(r, tr("population figures must not be negative, and not both zero"));
        return {};
    }
    if (r.kind == scheme()) {
        auto parsed = AssessmentScheme::fromJson(
            QJsonDocument(o[QLatin1String("scheme")].toObject()).toJson(QJsonDocument::Compact));
        if (!parsed)
            return malformed(r, parsed.error().message);
        if (auto v = parsed.value().validate(); !v)
            return malformed(r, v.error().message);
        if (o[QLatin1String("saved_by")].toString().isEmpty() ||
            o[QLatin1String("saved_at")].toString().isEmpty())
            return malformed(r, tr("it says neither who saved it nor when"));
        return {};
    }
    if (r.kind == unit() || r.kind == category()) {
        if (!r.value.isNull() && o[QLatin1String("id")].toString() != r.key)
            return malformed(r, tr("its id is not its key"));
        return {}; // the whole catalogue with it is checked once everything is merged
    }
    if (r.kind == grid()) {
        if (!r.value.isNull() && (o[QLatin1String("gpkg")].toString().isEmpty() ||
                                  o[QLatin1String("source")].toString().isEmpty()))
            return malformed(r, tr("it holds no grid"));
        return {}; // the grid itself is checked like any import when it is put in place
    }
    return Error{QStringLiteral("sync.unknown-kind"),
                 tr("The package holds reference data of a kind this CityGrid does not know "
                    "(%1); it was made by a newer version. Update CityGrid here, then import it "
                    "again. Nothing was changed")
                     .arg(r.kind),
                 {}};
}

Result<void> apply(SqliteDb &db, const RefRecords::Record &r)
{
    const QJsonObject o = r.value.toObject();
    if (r.kind == population()) {
        const auto [year, subdistrict] = *splitPopulationKey(r.key);
        std::optional<Population> p;
        if (!r.value.isNull())
            p = Population{qint64(o[QLatin1String("registered")].toDouble()),
                           qint64(o[QLatin1String("nonregistered")].toDouble())};
        return assessmentrows::writePopulation(db, year, subdistrict, p);
    }
    if (r.kind == scheme() && !r.value.isNull()) {
        const assessmentrows::SchemeRow row{
            r.key,
            QJsonDocument(o[QLatin1String("scheme")].toObject()).toJson(QJsonDocument::Compact),
            o[QLatin1String("saved_at")].toString(), o[QLatin1String("saved_by")].toString(),
            o[QLatin1String("note")].toString()};
        auto version = assessmentrows::insertScheme(db, row);
        if (!version)
            return version.error();
    }
    return {}; // catalogue entries and the grid are read from their records
}

Result<QHash<QString, QHash<QString, QJsonValue>>> catalogueEdits(SqliteDb &db,
                                                                  const QString &siteId)
{
    RefRecords records(db, siteId);
    QHash<QString, QHash<QString, QJsonValue>> edits;
    for (const auto &[kind, file] : {std::pair{unit(), QStringLiteral("units.json")},
                                     std::pair{category(), QStringLiteral("categories.json")}}) {
        auto list = records.list(kind);
        if (!list)
            return list.error();
        for (const RefRecords::Record &r : list.value())
            edits[file].insert(r.key, r.value);
    }
    return edits;
}

} // namespace citygrid::refkinds
