// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentstore.h"

#include <functional>

namespace citygrid {

/// Fills the "7+1" assessment with a plausible demo year: every team has its own steady standard
/// and a little monthly noise; evaluators, deputies and survey answers; each past month submitted
/// and published by the leader, the current month a draft with about two thirds entered. DEMO
/// DATA. Uses the store it is given; one thread.
class AssessmentDemo
{
public:
    struct Options
    {
        int months = 6; ///< published months before the current one
        quint64 seed = 1;
        QDate current; ///< the draft month (its first day)
        QDateTime now;
    };
    using Figures = std::function<QHash<QString, QHash<QString, double>>(QDate month)>;

    /// The number of months filled, or the first error (the store keeps the months before it).
    static Result<int> fill(AssessmentStore &store, const AssessmentScheme &scheme,
                            const QStringList &subdistricts, const Figures &figures,
                            const Options &options);
};

} // namespace citygrid
