// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/indicators.h"

#include <QStringList>

namespace citygrid {

/// One line of a ranking table: an area, unit or post with its indicators, composite score and
/// the score's change from the period before, in points (NaN when either score is missing or
/// fewer than `minimumToCompare` cases were due before).
struct RankedIndicators
{
    QString key;
    Indicators values;
    double score = qQNaN();
    double change = qQNaN();
};

/// Ranks the keys by composite score, best first; those without a score last, then by cases
/// due and key. `keys` lists everyone to rank (an area without cases still has its line);
/// empty means everyone with indicators in either period. The one ranking the panel, the report
/// and the dashboard show.
QList<RankedIndicators> rankIndicators(const QHash<QString, Indicators> &now,
                                       const QHash<QString, Indicators> &before,
                                       const IndicatorWeights &weights, QStringList keys = {});

inline constexpr int minimumToCompare = 5; ///< cases due in the period before

} // namespace citygrid
