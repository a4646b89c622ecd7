// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/assessmentkinds.h"

#include "assessment/assessmentevidence.h"
#include "assessment/assessmentmonthdoc.h"
#include "assessment/assessmentscheme.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace citygrid::assessmentkinds {

namespace {

/// lupdate files tr() in this namespace under its name, so that is the context looked up.
QString tr(const char *text)
{
    return QCoreApplication::translate("citygrid::assessmentkinds", text);
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

QString populationProblem(const RefRecords::Record &r)
{
    if (!splitPopulationKey(r.key))
        return tr("the key is not year/subdistrict");
    if (r.value.isNull())
        return {};
    const QJsonObject o = r.value.toObject();
    const double registered = o[QLatin1String("registered")].toDouble(-1);
    const double other = o[QLatin1String("nonregistered")].toDouble(-1);
    if (registered < 0 || other < 0 || registered + other <= 0)
        return tr("population figures must not be negative, and not both zero");
    return {};
}

Result<void> applyPopulation(SqliteDb &db, const RefRecords::Record &r)
{
    const auto [year, subdistrict] = *splitPopulationKey(r.key);
    std::optional<Population> p;
    if (!r.value.isNull()) {
        const QJsonObject o = r.value.toObject();
        p = Population{qint64(o[QLatin1String("registered")].toDouble()),
                       qint64(o[QLatin1String("nonregistered")].toDouble())};
    }
    return assessmentrows::writePopulation(db, year, subdistrict, p);
}

QString schemeProblem(const RefRecords::Record &r)
{
    const QJsonObject o = r.value.toObject();
    auto parsed = AssessmentScheme::fromJson(
        QJsonDocument(o[QLatin1String("scheme")].toObject()).toJson(QJsonDocument::Compact));
    if (!parsed)
        return parsed.error().message;
    if (auto v = parsed.value().validate(); !v)
        return v.error().message;
    if (o[QLatin1String("saved_by")].toString().isEmpty() ||
        o[QLatin1String("saved_at")].toString().isEmpty())
        return tr("it says neither who saved it nor when");
    return {};
}

Result<void> applyScheme(SqliteDb &db, const RefRecords::Record &r)
{
    if (r.value.isNull())
        return {};
    const QJsonObject o = r.value.toObject();
    const assessmentrows::SchemeRow row{
        r.key, QJsonDocument(o[QLatin1String("scheme")].toObject()).toJson(QJsonDocument::Compact),
        o[QLatin1String("saved_at")].toString(), o[QLatin1String("saved_by")].toString(),
        o[QLatin1String("note")].toString()};
    auto version = assessmentrows::insertScheme(db, row);
    if (!version)
        return version.error();
    return {};
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

void addTo(RefKinds &kinds)
{
    kinds.add({population(),
               [] { return tr("population"); },
               populationProblem,
               applyPopulation,
               {},
               Right::DecideAssessment});
    kinds.add({scheme(),
               [] { return tr("assessment scheme"); },
               schemeProblem,
               applyScheme,
               {},
               Right::DecideAssessment});
    kinds.add({assessmentmonthdoc::kind(),
               [] { return tr("\"7+1\" month"); },
               [](const RefRecords::Record &r) {
                   return assessmentmonthdoc::problem(r.key, r.value.toObject());
               },
               [](SqliteDb &db, const RefRecords::Record &r) {
                   return assessmentmonthdoc::write(db, r.key, r.value.toObject());
               },
               {},
               Right::ScoreAssessment,
               true});
    kinds.add({AssessmentEvidence::documentKind(),
               [] { return tr("\"7+1\" evidence"); },
               [](const RefRecords::Record &r) {
                   return AssessmentEvidence::documentProblem(r.key, r.value.toObject());
               },
               [](SqliteDb &db, const RefRecords::Record &r) {
                   return AssessmentEvidence::writeDocument(db, r.key, r.value.toObject());
               },
               {},
               Right::ScoreAssessment,
               true});
}

} // namespace citygrid::assessmentkinds
