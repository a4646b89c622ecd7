// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/assessmentstore.h"

#include "accounts/actinguser.h"
#include "audit/recordchain.h"

#include "assessment/assessmentmonthdoc.h"
#include "assessment/assessmentpopulation.h"
#include "assessment/assessmentrankings.h"
#include "assessment/assessmentrows.h"
#include "assessment/assessmentschemes.h"
#include "base/uuids.h"
#include "store/shareddocuments.h"
#include "store/storeschema.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace citygrid {

namespace {

QString isoTime(const QDateTime &at)
{
    return at.toString(Qt::ISODateWithMs);
}

QDate monthOf(const QString &key)
{
    return QDate::fromString(key + QStringLiteral("-01"), QStringLiteral("yyyy-MM-dd"));
}

QString registeredFigure()
{
    return QStringLiteral("population.registered");
}

QString nonRegisteredFigure()
{
    return QStringLiteral("population.nonregistered");
}

Error lockedError(const QString &message)
{
    return Error{QStringLiteral("assessment.locked"), message, {}};
}

} // namespace

QString AssessmentStore::stateId(State state)
{
    switch (state) {
    case State::Draft:
        return QStringLiteral("draft");
    case State::Review:
        return QStringLiteral("review");
    case State::Published:
        return QStringLiteral("published");
    }
    return {};
}

QString AssessmentStore::stateName(State state)
{
    switch (state) {
    case State::Draft:
        return tr("Draft");
    case State::Review:
        return tr("Under review");
    case State::Published:
        return tr("Published");
    }
    return {};
}

namespace {

const char *const monthColumns = "month, scheme_version, state, revision";

/// A row of assessment_months, selected as monthColumns.
AssessmentStore::Month monthFrom(const Statement &row)
{
    using State = AssessmentStore::State;
    const QString state = row.text(2);
    return {monthOf(row.text(0)), int(row.integer(1)),
            state == QLatin1String("published") ? State::Published
            : state == QLatin1String("review")  ? State::Review
                                                : State::Draft,
            int(row.integer(3))};
}

} // namespace

Result<void> AssessmentStore::permitted(const QString &who, Right right) const
{
    if (auto account = ActingUser{who, &m_roles}.check(m_store.db(), right); !account)
        return account.error();
    return {};
}

Result<void> AssessmentStore::share(QDate month)
{
    const QString key = monthKey(month);
    return shareddocuments::publish(m_store, assessmentmonthdoc::kind(), key,
                                    tr("The \"7+1\" month %1").arg(key),
                                    [&] { return assessmentmonthdoc::read(m_store.db(), key); });
}

Result<AssessmentStore::Month> AssessmentStore::storedMonth(QDate month) const
{
    auto q = Statement::prepare(m_store.db(),
                                assessmentrows::sql(QStringLiteral("SELECT %1 FROM {months} WHERE month = ?1"))
                                    .arg(QLatin1String(monthColumns)));
    if (!q)
        return q.error();
    q.value().bind(1, monthKey(month));
    auto row = q.value().step();
    if (!row)
        return row.error();
    if (!row.value())
        return Month{month, 0, State::Draft, 0};
    return monthFrom(q.value());
}

Result<AssessmentStore::Month> AssessmentStore::month(QDate month, const AssessmentScheme &fallback)
{
    auto stored = storedMonth(month);
    if (!stored || stored.value().schemeVersion > 0)
        return stored;
    auto current = AssessmentSchemes(m_store).current(fallback);
    if (!current)
        return current.error();
    stored.value().schemeVersion = current.value().first;
    return stored;
}

Result<QList<AssessmentStore::Month>> AssessmentStore::months() const
{
    auto q = Statement::prepare(
        m_store.db(), assessmentrows::sql(QStringLiteral("SELECT %1 FROM {months} ORDER BY month DESC"))
                          .arg(QLatin1String(monthColumns)));
    if (!q)
        return q.error();
    QList<Month> list;
    if (auto r = q.value().forEachRow([&](const Statement &s) { list.append(monthFrom(s)); }); !r)
        return r.error();
    return list;
}

Result<AssessmentStore::Month> AssessmentStore::ensureMonth(QDate month,
                                                            const AssessmentScheme &fallback)
{
    auto m = this->month(month, fallback);
    if (!m)
        return m;
    auto insert = Statement::prepare(
        m_store.db(), assessmentrows::sql(QStringLiteral("INSERT OR IGNORE INTO {months} (month, "
                                     "scheme_version, state) VALUES (?1, ?2, 'draft')")));
    if (!insert)
        return insert.error();
    insert.value().bind(1, monthKey(month)).bind(2, qint64(m.value().schemeVersion));
    if (auto r = insert.value().run(); !r)
        return r.error();
    return m;
}

Result<void> AssessmentStore::requireState(const Month &month, State state) const
{
    if (month.state == state)
        return {};
    const QString name = monthKey(month.month);
    if (month.state == State::Published)
        return lockedError(tr("%1 is published and locked; change a score with a correction, "
                              "which records who changed what and why")
                               .arg(name));
    if (month.state == State::Review)
        return lockedError(
            tr("%1 is under review; return it to draft to change its scores").arg(name));
    return lockedError(tr("%1 is still a draft; submit it for review first").arg(name));
}

namespace {

Result<void> checkEntry(const AssessmentScheme &scheme, const AssessmentEntry &entry)
{
    const AssessmentScheme::Point *point = scheme.point(entry.point);
    const auto bad = [](const QString &message) {
        return Error{QStringLiteral("assessment.bad-score"), message, {}};
    };
    if (!point)
        return bad(AssessmentStore::tr("The scheme has no scoring point %1").arg(entry.point));
    if (point->method != AssessmentScheme::Method::Checklist)
        return bad(AssessmentStore::tr("Scoring point %1 is not scored by evaluators (it is "
                                       "computed from cases or surveys)")
                       .arg(entry.point));
    const bool internal = entry.side == AssessmentEntry::Side::Internal;
    if ((internal && !point->internal) || (!internal && !point->external))
        return bad(internal ? AssessmentStore::tr("Scoring point %1 is scored by external "
                                                  "evaluators only")
                                  .arg(entry.point)
                            : AssessmentStore::tr("Scoring point %1 is scored by the internal "
                                                  "assessment team only")
                                  .arg(entry.point));
    if (entry.evaluator.trimmed().isEmpty())
        return bad(AssessmentStore::tr("Say who gave the score (the evaluator's name)"));
    if (!(entry.score >= 0 && entry.score <= point->max))
        return bad(AssessmentStore::tr("A score for %1 must lie between 0 and %2, not %3")
                       .arg(entry.point)
                       .arg(point->max)
                       .arg(entry.score));
    return {};
}

/// How the record chain names an entry's row (RecordStream::keyExpr of scores).
QString scoreKey(const QString &month, const AssessmentEntry &entry, const QString &evaluator)
{
    return QStringList{month, entry.subdistrict, entry.point, AssessmentEntry::sideId(entry.side),
                       evaluator}
        .join(u'/');
}

/// Enters or replaces one evaluator's score (one evaluator, one score per point and side).
Result<void> writeScore(SqliteDb &db, QDate month, const AssessmentEntry &entry, const QString &who,
                        const QDateTime &at)
{
    auto upsert = Statement::prepare(
        db,
        assessmentrows::sql(QStringLiteral("INSERT INTO {scores} (uuid, month, subdistrict_code, point_id, "
                       "side, evaluator, score, note, entered_by, entered_at) VALUES (?1, ?2, "
                       "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (month, subdistrict_code, "
                       "point_id, side, evaluator) DO UPDATE SET score = excluded.score, note = "
                       "excluded.note, entered_by = excluded.entered_by, entered_at = "
                       "excluded.entered_at")));
    if (!upsert)
        return upsert.error();
    upsert.value()
        .bind(1, uuids::next())
        .bind(2, AssessmentStore::monthKey(month))
        .bind(3, entry.subdistrict)
        .bind(4, entry.point)
        .bind(5, AssessmentEntry::sideId(entry.side))
        .bind(6, entry.evaluator.trimmed())
        .bind(7, entry.score)
        .bind(8, entry.note)
        .bind(9, who)
        .bind(10, isoTime(at));
    if (auto r = upsert.value().run(); !r)
        return r;
    return RecordChain(db).sealState(
        recordstreams::scores(),
        scoreKey(AssessmentStore::monthKey(month), entry, entry.evaluator.trimmed()));
}

Result<void> checkSurvey(const SurveyCounts &counts)
{
    if (counts.satisfied < 0 || counts.basicallySatisfied < 0 || counts.dissatisfied < 0)
        return Error{QStringLiteral("assessment.bad-survey"),
                     AssessmentStore::tr("Survey counts cannot be negative"),
                     {}};
    return {};
}

} // namespace

Result<void> AssessmentStore::setScore(QDate month, const AssessmentEntry &entry,
                                       const QString &who, const QDateTime &at,
                                       const AssessmentScheme &fallback)
{
    if (auto r = permitted(who, Right::ScoreAssessment); !r)
        return r;
    Transaction tx(m_store.db());
    if (auto r = tx.begin(); !r)
        return r.error();
    auto m = ensureMonth(month, fallback);
    if (!m)
        return m.error();
    if (auto r = requireState(m.value(), State::Draft); !r)
        return r;
    auto scheme = AssessmentSchemes(m_store).scheme(m.value().schemeVersion);
    if (!scheme)
        return scheme.error();
    if (auto r = checkEntry(scheme.value(), entry); !r)
        return r;
    auto known = Statement::prepare(
        m_store.db(),
        QStringLiteral("SELECT 1 FROM %1 WHERE code = ?1").arg(storeschema::subdistrictsTable()));
    if (!known)
        return known.error();
    known.value().bind(1, entry.subdistrict);
    auto found = known.value().step();
    if (!found)
        return found.error();
    if (!found.value())
        return Error{QStringLiteral("assessment.bad-score"),
                     tr("There is no subdistrict %1 in this store").arg(entry.subdistrict),
                     {}};
    if (auto r = writeScore(m_store.db(), month, entry, who, at); !r)
        return r;
    if (auto r = share(month); !r)
        return r;
    return tx.commit();
}

Result<void> AssessmentStore::removeScore(QDate month, const AssessmentEntry &entry,
                                          const QString &who)
{
    if (auto r = permitted(who, Right::ScoreAssessment); !r)
        return r;
    Transaction tx(m_store.db());
    if (auto r = tx.begin(); !r)
        return r.error();
    auto m = storedMonth(month);
    if (!m)
        return m.error();
    if (m.value().schemeVersion == 0) // a month nobody wrote holds no score
        return {};
    if (auto r = requireState(m.value(), State::Draft); !r)
        return r;
    auto q = Statement::prepare(
        m_store.db(), assessmentrows::sql(QStringLiteral("DELETE FROM {scores} WHERE month = ?1 AND "
                                     "subdistrict_code = ?2 AND point_id = ?3 AND side = ?4 AND "
                                     "evaluator = ?5")));
    if (!q)
        return q.error();
    q.value()
        .bind(1, monthKey(month))
        .bind(2, entry.subdistrict)
        .bind(3, entry.point)
        .bind(4, AssessmentEntry::sideId(entry.side))
        .bind(5, entry.evaluator);
    if (auto r = q.value().run(); !r)
        return r;
    if (auto r = RecordChain(m_store.db())
                     .sealState(recordstreams::scores(),
                                scoreKey(monthKey(month), entry, entry.evaluator));
        !r)
        return r;
    if (auto r = share(month); !r)
        return r;
    return tx.commit();
}

namespace {

Result<void> writeSurvey(SqliteDb &db, QDate month, const QString &subdistrict,
                         const QString &survey, const SurveyCounts &counts)
{
    auto q = Statement::prepare(
        db, assessmentrows::sql(QStringLiteral("INSERT OR REPLACE INTO {surveys} (month, subdistrict_code, "
                           "survey, satisfied, basically, dissatisfied) VALUES (?1, ?2, ?3, ?4, "
                           "?5, ?6)")));
    if (!q)
        return q.error();
    q.value()
        .bind(1, AssessmentStore::monthKey(month))
        .bind(2, subdistrict)
        .bind(3, survey)
        .bind(4, qint64(counts.satisfied))
        .bind(5, qint64(counts.basicallySatisfied))
        .bind(6, qint64(counts.dissatisfied));
    if (auto r = q.value().run(); !r)
        return r;
    return RecordChain(db).sealState(
        recordstreams::surveys(),
        QStringList{AssessmentStore::monthKey(month), subdistrict, survey}.join(u'/'));
}

} // namespace

Result<void> AssessmentStore::setSurvey(QDate month, const QString &subdistrict,
                                        const QString &survey, const SurveyCounts &counts,
                                        const QString &who, const AssessmentScheme &fallback)
{
    if (auto r = permitted(who, Right::ScoreAssessment); !r)
        return r;
    if (auto r = checkSurvey(counts); !r)
        return r;
    Transaction tx(m_store.db());
    if (auto r = tx.begin(); !r)
        return r.error();
    auto m = ensureMonth(month, fallback);
    if (!m)
        return m.error();
    if (auto r = requireState(m.value(), State::Draft); !r)
        return r;
    if (auto r = writeSurvey(m_store.db(), month, subdistrict, survey, counts); !r)
        return r;
    if (auto r = share(month); !r)
        return r;
    return tx.commit();
}

Result<AssessmentSheet>
AssessmentStore::sheet(QDate month, const QStringList &subdistricts,
                       const QHash<QString, QHash<QString, double>> &liveFigures,
                       const AssessmentScheme &fallback)
{
    auto m = this->month(month, fallback);
    if (!m)
        return m.error();
    auto scheme = AssessmentSchemes(m_store).scheme(m.value().schemeVersion);
    if (!scheme)
        return scheme.error();
    AssessmentSheet sheet;
    sheet.scheme = std::move(scheme).value();
    sheet.subdistricts = subdistricts;
    const QString key = monthKey(month);
    auto scores = Statement::prepare(
        m_store.db(), assessmentrows::sql(QStringLiteral("SELECT subdistrict_code, point_id, side, evaluator, score, "
                                     "note FROM {scores} WHERE month = ?1 ORDER BY id")));
    if (!scores)
        return scores.error();
    scores.value().bind(1, key);
    if (auto r = scores.value().forEachRow([&](const Statement &s) {
            sheet.entries.append(
                {s.text(0), s.text(1),
                 AssessmentEntry::sideFromId(s.text(2)).value_or(AssessmentEntry::Side::Internal),
                 s.text(3), s.real(4), s.text(5)});
        });
        !r)
        return r.error();
    auto surveys = Statement::prepare(
        m_store.db(), assessmentrows::sql(QStringLiteral("SELECT subdistrict_code, survey, satisfied, basically, "
                                     "dissatisfied FROM {surveys} WHERE month = ?1")));
    if (!surveys)
        return surveys.error();
    surveys.value().bind(1, key);
    if (auto r = surveys.value().forEachRow([&](const Statement &s) {
            sheet.surveys[s.text(0)][s.text(1)] = {int(s.integer(2)), int(s.integer(3)),
                                                   int(s.integer(4))};
        });
        !r)
        return r.error();
    auto pop = AssessmentPopulation(m_store).of(month.year());
    if (!pop)
        return pop.error();
    sheet.population = pop.value();
    if (m.value().state == State::Draft) {
        sheet.figures = liveFigures;
    } else {
        auto frozen = Statement::prepare(
            m_store.db(), assessmentrows::sql(QStringLiteral("SELECT subdistrict_code, figure, value FROM "
                                         "{figures} WHERE month = ?1")));
        if (!frozen)
            return frozen.error();
        frozen.value().bind(1, key);
        if (auto r = frozen.value().forEachRow([&](const Statement &s) {
                const double value = s.isNull(2) ? qQNaN() : s.real(2);
                if (s.text(1) == registeredFigure())
                    sheet.population[s.text(0)].registered = qint64(value);
                else if (s.text(1) == nonRegisteredFigure())
                    sheet.population[s.text(0)].nonRegistered = qint64(value);
                else
                    sheet.figures[s.text(0)][s.text(1)] = value;
            });
            !r)
            return r.error();
    }
    return sheet;
}

Result<void> AssessmentStore::addEvent(QDate month, const QString &who, const QString &action,
                                       const QString &reason, const QJsonObject &payload,
                                       const QDateTime &at)
{
    auto q = Statement::prepare(
        m_store.db(),
        assessmentrows::sql(QStringLiteral("INSERT INTO {events} (uuid, month, at, actor, "
                       "action, reason, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")));
    if (!q)
        return q.error();
    q.value()
        .bind(1, uuids::next())
        .bind(2, monthKey(month))
        .bind(3, isoTime(at))
        .bind(4, who)
        .bind(5, action)
        .bind(6, reason)
        .bind(7, QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
    if (auto r = q.value().run(); !r)
        return r;
    return RecordChain(m_store.db()).sealLastRow(recordstreams::assessmentEvents());
}

namespace {

Result<void> setState(SqliteDb &db, QDate month, const QString &state, int revision)
{
    auto q = Statement::prepare(db, assessmentrows::sql(QStringLiteral("UPDATE {months} SET state = ?1, "
                                                   "revision = ?2 WHERE month = ?3")));
    if (!q)
        return q.error();
    q.value().bind(1, state).bind(2, qint64(revision)).bind(3, AssessmentStore::monthKey(month));
    return q.value().run();
}

Error gapsError(const QList<AssessmentGap> &gaps)
{
    QStringList lines;
    for (const AssessmentGap &g : gaps.mid(0, 8))
        lines.append(g.point.isEmpty()
                         ? g.subdistrict + QStringLiteral(": ") + g.what
                         : g.subdistrict + u' ' + g.point + QStringLiteral(": ") + g.what);
    return Error{QStringLiteral("assessment.incomplete"),
                 AssessmentStore::tr("%n score(s) or figure(s) are still missing; enter them "
                                     "before the month goes on",
                                     nullptr, int(gaps.size())),
                 lines.join(QStringLiteral("; "))};
}

} // namespace

Result<void> AssessmentStore::submit(QDate month, const AssessmentSheet &sheet, const QString &who,
                                     const QDateTime &at)
{
    if (auto r = permitted(who, Right::ScoreAssessment); !r)
        return r;
    if (const auto gaps = sheet.gaps(); !gaps.isEmpty())
        return gapsError(gaps);
    Transaction tx(m_store.db());
    if (auto r = tx.begin(); !r)
        return r.error();
    auto m = ensureMonth(month, sheet.scheme);
    if (!m)
        return m.error();
    if (auto r = requireState(m.value(), State::Draft); !r)
        return r;
    auto clear = Statement::prepare(
        m_store.db(), assessmentrows::sql(QStringLiteral("DELETE FROM {figures} WHERE month = ?1")));
    if (!clear)
        return clear.error();
    if (auto r = clear.value().bind(1, monthKey(month)).run(); !r)
        return r;
    auto freeze = Statement::prepare(
        m_store.db(), assessmentrows::sql(QStringLiteral("INSERT INTO {figures} (month, subdistrict_code, "
                                     "figure, value) VALUES (?1, ?2, ?3, ?4)")));
    if (!freeze)
        return freeze.error();
    // the population is frozen with the figures: a later edit of the year's figures does not
    // move a submitted or published month's coefficients
    QHash<QString, QHash<QString, double>> frozen = sheet.figures;
    for (auto it = sheet.population.cbegin(); it != sheet.population.cend(); ++it) {
        frozen[it.key()].insert(registeredFigure(), double(it->registered));
        frozen[it.key()].insert(nonRegisteredFigure(), double(it->nonRegistered));
    }
    for (auto area = frozen.cbegin(); area != frozen.cend(); ++area)
        for (auto f = area->cbegin(); f != area->cend(); ++f) {
            freeze.value().bind(1, monthKey(month)).bind(2, area.key()).bind(3, f.key());
            if (std::isnan(f.value()))
                freeze.value().bindNull(4);
            else
                freeze.value().bind(4, f.value());
            if (auto r = freeze.value().run(); !r)
                return r;
        }
    if (auto r = setState(m_store.db(), month, stateId(State::Review), 0); !r)
        return r;
    if (auto r = addEvent(month, who, QStringLiteral("submitted"), {}, {}, at); !r)
        return r;
    if (auto r = share(month); !r)
        return r;
    return tx.commit();
}

Result<void> AssessmentStore::returnToDraft(QDate month, const QString &who, const QString &reason,
                                            const QDateTime &at)
{
    if (auto r = permitted(who, Right::DecideAssessment); !r)
        return r;
    if (reason.trimmed().isEmpty())
        return Error{
            QStringLiteral("assessment.no-reason"), tr("Say why the month goes back to draft"), {}};
    Transaction tx(m_store.db());
    if (auto r = tx.begin(); !r)
        return r.error();
    auto m = storedMonth(month);
    if (!m)
        return m.error();
    if (auto r = requireState(m.value(), State::Review); !r)
        return r;
    if (auto r = setState(m_store.db(), month, stateId(State::Draft), 0); !r)
        return r;
    if (auto r = addEvent(month, who, QStringLiteral("returned"), reason.trimmed(), {}, at); !r)
        return r;
    if (auto r = share(month); !r)
        return r;
    return tx.commit();
}

Result<void> AssessmentStore::publishRevision(QDate month, const AssessmentSheet &sheet,
                                              int revision)
{
    if (auto r = AssessmentRankings(m_store).write(month, sheet, revision); !r)
        return r;
    return setState(m_store.db(), month, stateId(State::Published), revision);
}

Result<void> AssessmentStore::publish(QDate month, const AssessmentSheet &sheet, const QString &who,
                                      const QDateTime &at)
{
    if (auto r = permitted(who, Right::DecideAssessment); !r)
        return r;
    if (const auto gaps = sheet.gaps(); !gaps.isEmpty())
        return gapsError(gaps);
    Transaction tx(m_store.db());
    if (auto r = tx.begin(); !r)
        return r.error();
    auto m = storedMonth(month);
    if (!m)
        return m.error();
    if (auto r = requireState(m.value(), State::Review); !r)
        return r;
    if (auto r = publishRevision(month, sheet, 1); !r)
        return r;
    if (auto r = addEvent(month, who, QStringLiteral("published"), {},
                          {{QStringLiteral("revision"), 1}}, at);
        !r)
        return r;
    if (auto r = share(month); !r)
        return r;
    return tx.commit();
}

Result<void> AssessmentStore::correct(QDate month, const QJsonObject &change,
                                      const QStringList &subdistricts, const QString &who,
                                      const QString &reason, const QDateTime &at,
                                      const std::function<Result<void>()> &apply)
{
    if (reason.trimmed().isEmpty())
        return Error{QStringLiteral("assessment.no-reason"),
                     tr("A correction needs a reason; it is kept with the month for good"),
                     {}};
    Transaction tx(m_store.db());
    if (auto r = tx.begin(); !r)
        return r.error();
    auto m = storedMonth(month);
    if (!m)
        return m.error();
    if (m.value().state != State::Published)
        return lockedError(tr("Only a published month is corrected; change a draft directly"));
    if (auto r = apply(); !r)
        return r;
    auto sheet = this->sheet(month, subdistricts, {}, AssessmentScheme{});
    if (!sheet)
        return sheet.error();
    const int revision = m.value().revision + 1;
    if (auto r = publishRevision(month, sheet.value(), revision); !r)
        return r;
    QJsonObject payload = change;
    payload.insert(QStringLiteral("revision"), revision);
    if (auto r = addEvent(month, who, QStringLiteral("corrected"), reason.trimmed(), payload, at);
        !r)
        return r;
    if (auto r = share(month); !r)
        return r;
    return tx.commit();
}

Result<void> AssessmentStore::correctScore(QDate month, const AssessmentEntry &entry,
                                           const QStringList &subdistricts, const QString &who,
                                           const QString &reason, const QDateTime &at)
{
    if (auto r = permitted(who, Right::DecideAssessment); !r)
        return r;
    auto m = storedMonth(month);
    if (!m)
        return m.error();
    auto scheme = AssessmentSchemes(m_store).scheme(m.value().schemeVersion);
    if (!scheme)
        return scheme.error();
    if (auto r = checkEntry(scheme.value(), entry); !r)
        return r;
    auto old = Statement::prepare(
        m_store.db(), assessmentrows::sql(QStringLiteral("SELECT score FROM {scores} WHERE month = ?1 AND "
                                     "subdistrict_code = ?2 AND point_id = ?3 AND side = ?4 AND "
                                     "evaluator = ?5")));
    if (!old)
        return old.error();
    old.value()
        .bind(1, monthKey(month))
        .bind(2, entry.subdistrict)
        .bind(3, entry.point)
        .bind(4, AssessmentEntry::sideId(entry.side))
        .bind(5, entry.evaluator);
    auto row = old.value().step();
    if (!row)
        return row.error();
    const QJsonValue before = row.value() ? QJsonValue(old.value().real(0)) : QJsonValue();
    old.value().reset();
    const QJsonObject change{{QStringLiteral("kind"), QStringLiteral("score")},
                             {QStringLiteral("subdistrict"), entry.subdistrict},
                             {QStringLiteral("point"), entry.point},
                             {QStringLiteral("side"), AssessmentEntry::sideId(entry.side)},
                             {QStringLiteral("evaluator"), entry.evaluator},
                             {QStringLiteral("before"), before},
                             {QStringLiteral("after"), entry.score}};
    return correct(month, change, subdistricts, who, reason, at,
                   [&] { return writeScore(m_store.db(), month, entry, who, at); });
}

Result<void> AssessmentStore::correctSurvey(QDate month, const QString &subdistrict,
                                            const QString &survey, const SurveyCounts &counts,
                                            const QStringList &subdistricts, const QString &who,
                                            const QString &reason, const QDateTime &at)
{
    if (auto r = permitted(who, Right::DecideAssessment); !r)
        return r;
    if (auto r = checkSurvey(counts); !r)
        return r;
    const QJsonObject change{
        {QStringLiteral("kind"), QStringLiteral("survey")},
        {QStringLiteral("subdistrict"), subdistrict},
        {QStringLiteral("survey"), survey},
        {QStringLiteral("after"),
         QJsonArray{counts.satisfied, counts.basicallySatisfied, counts.dissatisfied}}};
    return correct(month, change, subdistricts, who, reason, at,
                   [&] { return writeSurvey(m_store.db(), month, subdistrict, survey, counts); });
}

Result<QList<AssessmentStore::Event>> AssessmentStore::events(QDate month) const
{
    auto q = Statement::prepare(m_store.db(),
                                assessmentrows::sql(QStringLiteral("SELECT at, actor, action, reason, payload FROM "
                                               "{events} WHERE month = ?1 ORDER BY id")));
    if (!q)
        return q.error();
    q.value().bind(1, monthKey(month));
    QList<Event> list;
    auto r = q.value().forEachRow([&](const Statement &s) {
        list.append({QDateTime::fromString(s.text(0), Qt::ISODateWithMs), s.text(1), s.text(2),
                     s.text(3), QJsonDocument::fromJson(s.text(4).toUtf8()).object()});
    });
    if (!r)
        return r.error();
    return list;
}

} // namespace citygrid
