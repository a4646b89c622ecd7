// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentscheme.h"

#include <QDateTime>
#include <QHash>

namespace citygrid {

/// One checklist score as an evaluator entered it.
struct AssessmentEntry
{
    enum class Side { Internal, External };
    QString subdistrict, point;
    Side side = Side::Internal;
    QString evaluator; ///< who scored (an assessment-team member, a deputy, a representative)
    double score = 0;  ///< 0..the point's maximum
    QString note;
    static QString sideId(Side side);
    static std::optional<Side> sideFromId(const QString &id);
};

/// Answers of a satisfaction survey in one subdistrict.
struct SurveyCounts
{
    int satisfied = 0, basicallySatisfied = 0, dissatisfied = 0;
    int answers() const { return satisfied + basicallySatisfied + dissatisfied; }
    bool operator==(const SurveyCounts &) const = default;
};

/// A subdistrict's population for the difficulty coefficient.
struct Population
{
    qint64 registered = 0, nonRegistered = 0;
    bool operator==(const Population &) const = default;
};

/// What is still missing before a month can be published.
struct AssessmentGap
{
    QString subdistrict, point; ///< point empty: the population
    QString what;               ///< translated: "internal score", "survey public", ...
};

/// A subdistrict's score for a month.
struct AssessmentScore
{
    QString subdistrict;
    QHash<QString, double> points; ///< value 0..max per point id; NaN where not yet scored
    QList<double> perFirst;        ///< contribution of each first-level indicator (0..its weight)
    double raw = 0;                ///< 0..total, the missing points counting 0
    double coefficient = 1;
    double adjusted = 0; ///< raw x coefficient
    int missing = 0;     ///< points without a value
};

/// A month of the assessment put together: the scheme, every entry, the surveys, the population
/// and the computed figures; gives the scores and what is still missing. Value type, any thread.
class AssessmentSheet
{
    Q_DECLARE_TR_FUNCTIONS(AssessmentSheet)
public:
    AssessmentScheme scheme;
    QStringList subdistricts;
    QList<AssessmentEntry> entries;
    QHash<QString, QHash<QString, SurveyCounts>> surveys; ///< subdistrict → survey → counts
    QHash<QString, Population> population;
    QHash<QString, QHash<QString, double>> figures; ///< subdistrict → figure → value

    /// A point's value for a subdistrict (0..max), NaN when not yet scored.
    double pointValue(const QString &subdistrict, const AssessmentScheme::Point &point) const;
    AssessmentScore score(const QString &subdistrict) const;
    QList<AssessmentScore> scores() const;
    /// Every score, survey and population figure still missing, in subdistrict order.
    QList<AssessmentGap> gaps() const;
    /// Scoring cells (subdistrict x point) with a value, and all of them: the month's progress.
    std::pair<int, int> progress() const;

private:
    double checklistValue(const QString &subdistrict, const AssessmentScheme::Point &point) const;
};

} // namespace citygrid
