// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentranking.h"
#include "assessment/assessmentsheet.h"
#include "catalogues/rolecatalogue.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonObject>

namespace citygrid {

/// A month of the "7+1" assessment in the store: its scores and surveys, and its life: draft →
/// under review (the figures frozen) → published, then locked; a correction to a published month
/// is an event (who, what, why) that writes a new revision of the ranking and keeps the old one.
/// Every change is one transaction. The scheme versions (AssessmentSchemes), the population
/// (AssessmentPopulation), the evidence (AssessmentEvidence) and the rankings
/// (AssessmentRankings) are kept by their own classes. Borrows the Store; one thread at a time.
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
    struct Event
    {
        QDateTime at;
        QString actor, action, reason; ///< action: submitted, returned, published, corrected
        QJsonObject payload;
    };
    /// Every write is checked against `roles` and the store's accounts: entering scores and
    /// surveys and submitting a month needs Right::ScoreAssessment; returning, publishing and
    /// correcting one Right::DecideAssessment.
    AssessmentStore(Store &store, const RoleCatalogue &roles) : m_store(store), m_roles(roles) {}
    /// The store it borrows (for the scheme versions, population, evidence and rankings).
    Store &store() const { return m_store; }
    /// The permission table its writes are checked against.
    const RoleCatalogue &roles() const { return m_roles; }

    static QString monthKey(QDate month) { return month.toString(QStringLiteral("yyyy-MM")); }
    static QString stateId(State state);
    static QString stateName(State state); ///< translated

    /// The month's state; a month nobody has touched is a draft on the newest scheme.
    Result<Month> month(QDate month, const AssessmentScheme &fallback);
    /// Every month with a state, newest first.
    Result<QList<Month>> months() const;

    /// Enters (or replaces) one evaluator's score of one point; only while the month is a draft.
    Result<void> setScore(QDate month, const AssessmentEntry &entry, const QString &who,
                          const QDateTime &at, const AssessmentScheme &fallback);
    Result<void> removeScore(QDate month, const AssessmentEntry &entry, const QString &who);
    Result<void> setSurvey(QDate month, const QString &subdistrict, const QString &survey,
                           const SurveyCounts &counts, const QString &who,
                           const AssessmentScheme &fallback);
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

    Result<QList<Event>> events(QDate month) const;

private:
    /// Whether the account `who` may write with `right` (its reason when not).
    Result<void> permitted(const QString &who, Right right) const;
    /// On a workstation's copy of the centre, sends the month as this write leaves it to the
    /// server (refused: the write is not kept); elsewhere nothing.
    Result<void> share(QDate month);
    Result<Month> storedMonth(QDate month) const;
    Result<Month> ensureMonth(QDate month, const AssessmentScheme &fallback);
    Result<void> requireState(const Month &month, State state) const;
    Result<void> addEvent(QDate month, const QString &who, const QString &action,
                          const QString &reason, const QJsonObject &payload, const QDateTime &at);
    /// Writes the ranking as `revision` and marks the month published at it.
    Result<void> publishRevision(QDate month, const AssessmentSheet &sheet, int revision);
    Result<void> correct(QDate month, const QJsonObject &change, const QStringList &subdistricts,
                         const QString &who, const QString &reason, const QDateTime &at,
                         const std::function<Result<void>()> &apply);

    Store &m_store;
    const RoleCatalogue &m_roles;
};

} // namespace citygrid
