// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/assessmentrankings.h"

#include "assessment/assessmentstore.h"
#include "store/storeschema.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace citygrid {

Result<QHash<QString, int>> AssessmentRankings::previousRanks(QDate month) const
{
    auto q = Statement::prepare(
        m_store.db(),
        QStringLiteral("SELECT subdistrict_code, rank FROM %1 WHERE month = ?1 AND revision = "
                       "(SELECT revision FROM %2 WHERE month = ?1 AND state = 'published')")
            .arg(storeschema::assessmentResultsTable(), storeschema::assessmentMonthsTable()));
    if (!q)
        return q.error();
    q.value().bind(1, AssessmentStore::monthKey(month.addMonths(-1)));
    QHash<QString, int> ranks;
    if (auto r = q.value().forEachRow(
            [&](const Statement &s) { ranks.insert(s.text(0), int(s.integer(1))); });
        !r)
        return r.error();
    return ranks;
}

Result<void> AssessmentRankings::write(QDate month, const AssessmentSheet &sheet, int revision)
{
    auto previous = previousRanks(month);
    if (!previous)
        return previous.error();
    const QList<AssessmentRank> rows = rankAssessment(sheet.scores(), previous.value());
    auto insert = Statement::prepare(
        m_store.db(),
        QStringLiteral("INSERT INTO %1 (month, revision, subdistrict_code, raw, coefficient, "
                       "adjusted, rank, first_level) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
            .arg(storeschema::assessmentResultsTable()));
    if (!insert)
        return insert.error();
    for (const AssessmentRank &row : rows) {
        QJsonArray first;
        for (double v : row.perFirst)
            first.append(v);
        insert.value()
            .bind(1, AssessmentStore::monthKey(month))
            .bind(2, qint64(revision))
            .bind(3, row.subdistrict)
            .bind(4, row.raw)
            .bind(5, row.coefficient)
            .bind(6, row.adjusted)
            .bind(7, qint64(row.rank))
            .bind(8, QString::fromUtf8(QJsonDocument(first).toJson(QJsonDocument::Compact)));
        if (auto r = insert.value().run(); !r)
            return r;
    }
    return {};
}

Result<QList<AssessmentRank>> AssessmentRankings::of(QDate month, int revision) const
{
    const QString key = AssessmentStore::monthKey(month);
    auto state = Statement::prepare(m_store.db(),
                                    QStringLiteral("SELECT revision FROM %1 WHERE month = ?1 AND "
                                                   "state = 'published'")
                                        .arg(storeschema::assessmentMonthsTable()));
    if (!state)
        return state.error();
    state.value().bind(1, key);
    auto published = state.value().step();
    if (!published)
        return published.error();
    if (!published.value())
        return Error{QStringLiteral("assessment.not-published"),
                     tr("%1 is not published yet; it has no ranking").arg(key),
                     {}};
    const qint64 newest = state.value().integer(0);
    auto previous = previousRanks(month);
    if (!previous)
        return previous.error();
    auto q = Statement::prepare(
        m_store.db(),
        QStringLiteral("SELECT subdistrict_code, raw, coefficient, adjusted, rank, first_level "
                       "FROM %1 WHERE month = ?1 AND revision = ?2 ORDER BY rank, "
                       "subdistrict_code")
            .arg(storeschema::assessmentResultsTable()));
    if (!q)
        return q.error();
    q.value().bind(1, key).bind(2, revision > 0 ? qint64(revision) : newest);
    QList<AssessmentRank> rows;
    auto r = q.value().forEachRow([&](const Statement &s) {
        QList<double> first;
        for (const QJsonValue &v : QJsonDocument::fromJson(s.text(5).toUtf8()).array())
            first.append(v.toDouble());
        rows.append({s.text(0), s.real(1), s.real(2), s.real(3), first, int(s.integer(4)),
                     previous.value().value(s.text(0), 0)});
    });
    if (!r)
        return r.error();
    return rows;
}

} // namespace citygrid
