// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentscheme.h"
#include "assessment/indicators.h"

namespace citygrid {

/// What a district's release sets for its assessment: the weights of the comprehensive
/// indicator score and the default "7+1" scheme (the store keeps the versions edited since).
/// Value type.
struct AssessmentDefaults
{
    IndicatorWeights indicators;
    AssessmentScheme scheme;

    /// Reads indicators.json and assessment-scheme.json from `dir`, or the compiled-in ones
    /// where it has none; a file that is wrong is named in the Error.
    static Result<AssessmentDefaults> load(const QString &dir);
};

} // namespace citygrid
