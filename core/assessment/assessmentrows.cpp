// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/assessmentrows.h"

#include "store/storeschema.h"

namespace citygrid::assessmentrows {

QString sql(QString text)
{
    static const std::pair<QLatin1String, QString (*)()> tables[] = {
        {QLatin1String("{schemes}"), &storeschema::assessmentSchemesTable},
        {QLatin1String("{months}"), &storeschema::assessmentMonthsTable},
        {QLatin1String("{scores}"), &storeschema::assessmentScoresTable},
        {QLatin1String("{surveys}"), &storeschema::assessmentSurveysTable},
        {QLatin1String("{figures}"), &storeschema::assessmentFiguresTable},
        {QLatin1String("{evidence}"), &storeschema::assessmentEvidenceTable},
        {QLatin1String("{events}"), &storeschema::assessmentEventsTable},
        {QLatin1String("{results}"), &storeschema::assessmentResultsTable},
        {QLatin1String("{population}"), &storeschema::assessmentPopulationTable}};
    for (const auto &[token, name] : tables)
        text.replace(token, name());
    return text;
}

Result<std::optional<int>> currentVersion(SqliteDb &db)
{
    // julianday reads the time whatever offset it was written with
    auto q = Statement::prepare(
        db, sql(QStringLiteral("SELECT version FROM {schemes} ORDER BY saved_by = ?1, "
                           "julianday(saved_at) DESC, version DESC LIMIT 1")));
    if (!q)
        return q.error();
    q.value().bind(1, builtinSaver());
    auto row = q.value().step();
    if (!row)
        return row.error();
    if (!row.value())
        return std::optional<int>{};
    return std::optional<int>{int(q.value().integer(0))};
}

Result<int> insertScheme(SqliteDb &db, const SchemeRow &row)
{
    auto existing = Statement::prepare(
        db, sql(QStringLiteral("SELECT version FROM {schemes} WHERE uuid = ?1")));
    if (!existing)
        return existing.error();
    existing.value().bind(1, row.uuid);
    auto found = existing.value().step();
    if (!found)
        return found.error();
    if (found.value())
        return int(existing.value().integer(0));
    auto insert = Statement::prepare(
        db, sql(QStringLiteral("INSERT INTO {schemes} (scheme, saved_at, saved_by, note, "
                           "uuid) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING version")));
    if (!insert)
        return insert.error();
    insert.value()
        .bind(1, QString::fromUtf8(row.scheme))
        .bind(2, row.savedAt)
        .bind(3, row.savedBy)
        .bind(4, row.note)
        .bind(5, row.uuid);
    auto inserted = insert.value().step();
    if (!inserted)
        return inserted.error();
    const int version = int(insert.value().integer(0));
    insert.value().reset();
    auto current = currentVersion(db);
    if (!current)
        return current.error();
    auto adopt = Statement::prepare(
        db,
        sql(QStringLiteral("UPDATE {months} SET scheme_version = ?1 WHERE state = 'draft'")));
    if (!adopt)
        return adopt.error();
    if (auto r = adopt.value().bind(1, qint64(current.value().value_or(version))).run(); !r)
        return r.error();
    return version;
}

Result<void> writePopulation(SqliteDb &db, int year, const QString &subdistrict,
                             const std::optional<Population> &population)
{
    auto q = Statement::prepare(
        db, population ? sql(QStringLiteral("INSERT OR REPLACE INTO {population} (year, "
                                        "subdistrict_code, registered, nonregistered) VALUES "
                                        "(?1, ?2, ?3, ?4)"))
                       : sql(QStringLiteral("DELETE FROM {population} WHERE year = ?1 AND "
                                        "subdistrict_code = ?2")));
    if (!q)
        return q.error();
    q.value().bind(1, qint64(year)).bind(2, subdistrict);
    if (population)
        q.value().bind(3, population->registered).bind(4, population->nonRegistered);
    return q.value().run();
}

} // namespace citygrid::assessmentrows
