// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "render/maplayerdata.h"
#include "supervision/casefacts.h"
#include "supervision/thematicmeasure.h"

namespace citygrid {

/// The case facts counted onto the areas of one map layer, in the layer's feature order, for a
/// thematic map: at cell level through a table from the facts' cells to the features made once,
/// so a filter change at city scale (5,000,000 cases, 200,000 cells) hashes no codes. Built for
/// one facts and one layer (both must outlive it); any thread, read-only.
class ThematicCounter
{
public:
    /// `sizes`: each feature's area and residents, in feature order (the rates per km² and per
    /// 10,000 residents divide by them).
    ThematicCounter(const CaseFacts &facts, MapLayerPtr layer, QList<AreaSize> sizes);

    const MapLayerPtr &layer() const { return m_layer; }
    /// Other residents (another year's figures): the counting table is kept.
    void setSizes(QList<AreaSize> sizes) { m_sizes = std::move(sizes); }
    /// The measure of each feature for the cases `filter` selects (NaN: no value, e.g. a rate
    /// of nothing).
    QList<double> values(ThematicMeasure measure, const FactFilter &filter) const;
    /// The tally of each feature.
    QList<AreaTally> tallies(const FactFilter &filter) const;

private:
    const CaseFacts &m_facts;
    MapLayerPtr m_layer;
    QList<AreaSize> m_sizes;
    QList<int> m_featureOfCell; ///< by the facts' cell index; -1: not in the layer
};

} // namespace citygrid
