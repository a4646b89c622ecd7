// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentsheet.h"
#include "base/result.h"
#include "store/sqlitedb.h"

#include <optional>

/// Rows of the assessment's reference data, written the same way whether the edit was made here
/// (AssessmentStore) or arrived in a sync package (assessmentkinds). No transactions of their own.
namespace citygrid::assessmentrows {

struct SchemeRow
{
    QString uuid;
    QByteArray scheme; ///< the scheme's JSON
    QString savedAt, savedBy, note;
};

/// Stores a scheme version unless one with its id is there; returns its local version number.
/// Months still in draft then move to the current scheme: the newest saved by a person (by when
/// it was saved, wherever that was), else the built-in default.
Result<int> insertScheme(SqliteDb &db, const SchemeRow &row);
/// `text` with each {table} of the assessment ({schemes}, {months}, {scores}, {surveys},
/// {figures}, {evidence}, {events}, {results}, {population}) named as storeschema names it.
QString sql(QString text);
/// The local version number of the current scheme, if any.
Result<std::optional<int>> currentVersion(SqliteDb &db);
/// Sets (or with nullopt removes) a year's population of one subdistrict.
Result<void> writePopulation(SqliteDb &db, int year, const QString &subdistrict,
                             const std::optional<Population> &population);

/// Who stores the built-in default scheme (such a version never travels).
inline QString builtinSaver()
{
    return QStringLiteral("citygrid");
}

} // namespace citygrid::assessmentrows
