// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentranking.h"
#include "render/maplayerdata.h"
#include "render/mapscene.h"

#include <QCoreApplication>

namespace citygrid {

/// The subdistricts coloured by their place in a month's "7+1" ranking (ranks 1–3 darkest), with
/// the legend the map draws: the assessment window's map and the bulletin's. GUI thread.
class AssessmentMap
{
    Q_DECLARE_TR_FUNCTIONS(AssessmentMap)
public:
    /// The thematic pass over `map`'s subdistricts; no pass (empty layer) without a ranking.
    static LayerPass rankPass(const GridMap &map, const QList<AssessmentRank> &rows);
};

} // namespace citygrid
