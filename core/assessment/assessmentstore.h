// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentranking.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonObject>

namespace citygrid {

/// The "7+1" assessment in the store: scheme versions, each month's entries, surveys, evidence and
/// population, and the month's life: draft → under review → published, then locked; a correction
/// to a published month is an event (who, what, why) that writes a new revision of the ranking
/// and keeps the old one. Every change is one transaction. Borrows the Store; one thread at a time.
class AssessmentStore
{
    Q_DECLARE_TR_FUNCTIONS(AssessmentStore)
public:
    enum class State { Draft, Review, Published };
    struct Month
    {
        QDate month; ///< its first day
        int schemeVersion = 0;
        State state = State::Draft;
        int revision = 0; ///< of the published ranking; 0 before publication
    };
    struct SchemeVersion
    {
        int version = 0;
        QDateTime savedAt;
        QString savedBy, note;
    };
    struct Event
    {
        QDateTime at;
        QString actor, action, reason; ///< action: submitted, returned, published, corrected
        QJsonObject payload;
    };
    struct Evidence
    {
        QString uuid, subdistrict, point, name, mime;
        QByteArray data;
        QString addedBy;
        QDateTime addedAt;
    };

    explicit AssessmentStore(Store &store) : m_store(store) {}

    static QString monthKey(QDate month) { return month.toString(QStringLiteral("yyyy-MM")); }
    static QString stateId(State state);
    static QString stateName(State state); ///< translated

    /// The newest scheme version; a store without one stores `fallback` (the default scheme) as
    /// version 1 first.
    Result<std::pair<int, AssessmentScheme>> currentScheme(const AssessmentScheme &fallback);
    Result<AssessmentScheme> scheme(int version) const;
    Result<QList<SchemeVersion>> schemeVersions() const;
    /// Validates and stores a new version; months still in draft move to it, months under
    /// review or published keep theirs.
    Result<int> saveScheme(const AssessmentScheme &scheme, const QString &who, const QString &note,
                           const QDateTime &at);

    /// The month's state; a month nobody has touched is a draft on the newest scheme.
    Result<Month> month(QDate month, const AssessmentScheme &fallback);
    /// Every month with a state, newest first.
    Result<QList<Month>> months() const;

    /// Enters (or replaces) one evaluator's score of one point; only while the month is a draft.
    Result<void> setScore(QDate month, const AssessmentEntry &entry, const QString &who,
                          const QDateTime &at, const AssessmentScheme &fallback);
    Result<void> removeScore(QDate month, const AssessmentEntry &entry);
    Result<void> setSurvey(QDate month, const QString &subdistrict, const QString &survey,
                           const SurveyCounts &counts, const AssessmentScheme &fallback);
    /// A year's population per subdistrict: the year's own figures where entered, else those of
    /// the grid (the subdistricts table).
    Result<QHash<QString, Population>> population(int year) const;
    /// Stores a year's figures for the subdistricts given, all or none; each changed figure is a
    /// reference edit that sync carries.
    Result<void> setPopulation(int year, const QHash<QString, Population> &population,
                               const QString &who = {},
                               const QDateTime &at = QDateTime::currentDateTime());
    Result<void> addEvidence(QDate month, const Evidence &evidence, const QDateTime &at);
    Result<QList<Evidence>> evidence(QDate month, const QString &subdistrict = {}) const;

    /// The month put together. A draft takes `liveFigures` (computed from the cases now); a
    /// month under review or published takes the figures frozen when it was submitted.
    Result<AssessmentSheet> sheet(QDate month, const QStringList &subdistricts,
                                  const QHash<QString, QHash<QString, double>> &liveFigures,
                                  const AssessmentScheme &fallback);

    /// Draft → under review; refused while anything is missing. Freezes the figures.
    Result<void> submit(QDate month, const AssessmentSheet &sheet, const QString &who,
                        const QDateTime &at);
    /// Under review → draft, with the reviewer's reason.
    Result<void> returnToDraft(QDate month, const QString &who, const QString &reason,
                               const QDateTime &at);
    /// Under review → published: writes the ranking as revision 1 and locks the month.
    Result<void> publish(QDate month, const AssessmentSheet &sheet, const QString &who,
                         const QDateTime &at);
    /// Corrects a score of a published month: records who changed what and why, and writes
    /// the recomputed ranking as the next revision (the earlier one stays).
    Result<void> correctScore(QDate month, const AssessmentEntry &entry,
                              const QStringList &subdistricts, const QString &who,
                              const QString &reason, const QDateTime &at);
    Result<void> correctSurvey(QDate month, const QString &subdistrict, const QString &survey,
                               const SurveyCounts &counts, const QStringList &subdistricts,
                               const QString &who, const QString &reason, const QDateTime &at);

    /// A published ranking: the newest revision, or the one asked for.
    Result<QList<AssessmentRank>> ranking(QDate month, int revision = 0) const;
    Result<QList<Event>> events(QDate month) const;
    /// The ranks of the month before `month`, if it was published (its newest revision).
    Result<QHash<QString, int>> previousRanks(QDate month) const;

private:
    Result<int> insertScheme(const AssessmentScheme &scheme, const QString &who,
                             const QString &note, const QDateTime &at);
    Result<Month> storedMonth(QDate month) const;
    Result<Month> ensureMonth(QDate month, const AssessmentScheme &fallback);
    Result<void> requireState(const Month &month, State state) const;
    Result<void> addEvent(QDate month, const QString &who, const QString &action,
                          const QString &reason, const QJsonObject &payload, const QDateTime &at);
    Result<void> writeRanking(const Month &month, const AssessmentSheet &sheet, int revision);
    Result<void> correct(QDate month, const QJsonObject &change, const QStringList &subdistricts,
                         const QString &who, const QString &reason, const QDateTime &at,
                         const std::function<Result<void>()> &apply);

    Store &m_store;
};

} // namespace citygrid
