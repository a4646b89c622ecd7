// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/assessmentranking.h"

#include <cmath>

namespace citygrid {

QList<AssessmentRank> rankAssessment(const QList<AssessmentScore> &scores,
                                     const QHash<QString, int> &previous)
{
    // Scores are compared as published (two decimals) so that a difference nobody can see in
    // the bulletin never separates two teams.
    const auto hundredths = [](double v) { return std::llround(v * 100.0); };
    QList<AssessmentRank> rows;
    for (const AssessmentScore &s : scores)
        rows.append({s.subdistrict, s.raw, s.coefficient, s.adjusted, s.perFirst, 0,
                     previous.value(s.subdistrict, 0)});
    std::sort(rows.begin(), rows.end(), [&](const AssessmentRank &a, const AssessmentRank &b) {
        const auto x = hundredths(a.adjusted), y = hundredths(b.adjusted);
        return x != y ? x > y : a.subdistrict < b.subdistrict;
    });
    for (int i = 0; i < rows.size(); ++i)
        rows[i].rank = i > 0 && hundredths(rows[i].adjusted) == hundredths(rows[i - 1].adjusted)
                           ? rows[i - 1].rank
                           : i + 1;
    return rows;
}

} // namespace citygrid
