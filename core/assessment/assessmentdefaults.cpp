// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/assessmentdefaults.h"

#include "catalogues/cataloguefiles.h"

namespace citygrid {

Result<AssessmentDefaults> AssessmentDefaults::load(const QString &dir)
{
    using cataloguefiles::ownOrBuiltin;
    auto indicators = cataloguefiles::load<IndicatorWeights>(ownOrBuiltin(dir, "indicators.json"),
                                                             "indicators.json");
    if (!indicators)
        return indicators.error();
    auto scheme = cataloguefiles::load<AssessmentScheme>(
        ownOrBuiltin(dir, "assessment-scheme.json"), "assessment-scheme.json");
    if (!scheme)
        return scheme.error();
    return AssessmentDefaults{indicators.value(), scheme.value()};
}

} // namespace citygrid
