// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/indicatorranking.h"

#include <algorithm>
#include <cmath>

namespace citygrid {

QList<RankedIndicators> rankIndicators(const QHash<QString, Indicators> &now,
                                       const QHash<QString, Indicators> &before,
                                       const IndicatorWeights &weights, QStringList keys)
{
    if (keys.isEmpty()) {
        keys = now.keys() + before.keys();
        keys.removeDuplicates();
    }
    QList<RankedIndicators> rows;
    rows.reserve(keys.size());
    for (const QString &key : std::as_const(keys)) {
        RankedIndicators row{key, now.value(key)};
        row.score = weights.score(row.values);
        const Indicators then = before.value(key);
        // a score of a handful of cases says nothing: compare only from five up
        if (then.due >= minimumToCompare)
            row.change = row.score - weights.score(then);
        rows.append(row);
    }
    std::sort(rows.begin(), rows.end(), [](const RankedIndicators &a, const RankedIndicators &b) {
        if (std::isnan(a.score) != std::isnan(b.score))
            return !std::isnan(a.score);
        if (a.score != b.score && !std::isnan(a.score))
            return a.score > b.score;
        if (a.values.due != b.values.due)
            return a.values.due > b.values.due;
        return a.key < b.key;
    });
    return rows;
}

} // namespace citygrid
