// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentsheet.h"

namespace citygrid {

/// One row of a month's ranking of the subdistrict teams.
struct AssessmentRank
{
    QString subdistrict;
    double raw = 0, coefficient = 1, adjusted = 0;
    QList<double> perFirst;
    int rank = 0;         ///< 1 = best; equal adjusted scores (to 0.01) share a rank
    int previousRank = 0; ///< last month's, 0 when it had none
    int change() const { return previousRank > 0 ? previousRank - rank : 0; } ///< + = up
    bool operator==(const AssessmentRank &) const = default;
};

/// Ranks scores by adjusted score, highest first. Ties share the better rank and the next rank
/// skips ("1, 2, 2, 4"), as sports tables do; within a tie the order is by subdistrict code.
/// `previous` gives last month's rank per subdistrict. Pure function, any thread.
QList<AssessmentRank> rankAssessment(const QList<AssessmentScore> &scores,
                                     const QHash<QString, int> &previous);

} // namespace citygrid
