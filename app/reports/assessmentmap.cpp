// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "reports/assessmentmap.h"

#include "render/thematicmap.h"

namespace citygrid {

LayerPass AssessmentMap::rankPass(const GridMap &map, const QList<AssessmentRank> &rows)
{
    if (!map.subdistricts || rows.isEmpty())
        return {};
    QHash<QString, double> rank;
    int last = 1;
    for (const AssessmentRank &row : rows) {
        rank.insert(row.subdistrict, row.rank);
        last = std::max(last, row.rank);
    }
    // four bands: the top three, then the rest in thirds, best darkest
    QList<double> bounds{1, 3};
    for (double b : {last * 0.55, last * 0.8, double(last)})
        if (b > bounds.last())
            bounds.append(std::ceil(b));
    const ThematicMap classed = thematicmap::classifyWith(
        map.subdistricts, thematicmap::byFeature(*map.subdistricts, rank, qQNaN()), bounds,
        ColourScheme::Blues, true);
    QList<LegendEntry> legend;
    for (const ThematicClass &c : classed.classes) {
        const int from = c.from <= 1 ? 1 : int(c.from) + 1;
        const int to = int(c.to);
        legend.append({c.colour,
                       from == to ? tr("Rank %1").arg(from) : tr("Ranks %1–%2").arg(from).arg(to),
                       c.areas});
    }
    return {classed.layer, classed.style, tr("\"7+1\" ranking"), legend};
}

} // namespace citygrid
