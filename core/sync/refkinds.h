// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentrows.h"
#include "sync/refrecords.h"

#include <QCoreApplication>

/// The kinds of reference record sync carries, what a valid one looks like and how one that
/// arrives is put into the store (null values: removed, or back to the release's entry):
///
/// - population: key year/subdistrict code; {registered, nonregistered}; assessment_population.
/// - scheme: key the version's id; {scheme, saved_at, saved_by, note}; assessment_schemes.
/// - unit, category: key the entry's id; a units.json or categories.json entry; read from the
///   record over the release's catalogue.
/// - grid: key "grid"; {source: file name, gpkg: the grid as a GeoPackage, base64}; the grid
///   tables, through GridImport::applyReceived (the same checks as any import).
namespace citygrid::refkinds {

inline QString population()
{
    return QStringLiteral("population");
}
inline QString scheme()
{
    return QStringLiteral("scheme");
}
inline QString unit()
{
    return QStringLiteral("unit");
}
inline QString category()
{
    return QStringLiteral("category");
}
inline QString grid()
{
    return QStringLiteral("grid");
}

QString populationKey(int year, const QString &subdistrict);
QJsonValue populationValue(const Population &population);
QJsonValue schemeValue(const assessmentrows::SchemeRow &row);

/// The kind's name for people, translated.
QString displayName(const QString &kind);
/// "population, responsible unit" (in the user's language).
QString displayNames(const QStringList &kinds);

/// Refuses a record that is not of a known kind or not well formed, saying which and why.
Result<void> check(const RefRecords::Record &record);
/// Puts a record that won a merge into the tables that hold its kind.
Result<void> apply(SqliteDb &db, const RefRecords::Record &record);

/// The store's edits of the unit and category catalogues, by catalogue file and entry id.
Result<QHash<QString, QHash<QString, QJsonValue>>> catalogueEdits(SqliteDb &db,
                                                                  const QString &siteId);

} // namespace citygrid::refkinds
