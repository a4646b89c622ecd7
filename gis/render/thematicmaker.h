// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentsheet.h"
#include "grid/gridcatalogue.h"
#include "grid/gridlevel.h"
#include "render/thematiccounter.h"
#include "render/thematicmap.h"

#include <QDate>

#include <functional>
#include <optional>

namespace citygrid {

/// How a thematic map is made, as the thematic panel sets it and `citygrid render --thematic`
/// takes it.
struct ThematicSettings
{
    ThematicMeasure measure = ThematicMeasure::Cases;
    GridLevel level = GridLevel::Cell;
    classbreaks::Method method = classbreaks::Method::NaturalBreaks;
    int classes = 5;
    /// Typed class bounds (the upper bounds of all classes but the last); used when set.
    std::optional<QList<double>> manualBounds;
    ColourScheme scheme = ColourScheme::YellowOrangeRed;
    bool queen = false; ///< hot spots and clusters: corners make neighbours too
    bool fdr = true;    ///< hot spots and clusters: corrected for many tests
};

/// The periods a thematic map counts, as the panel offers them.
enum class ThematicPeriod { Days30, Days90, Months12, AllTime, OneMonth };

/// Makes thematic maps of one set of case facts (which must outlive it): counts the facts onto a
/// layer of the grid, divides by the areas' sizes and residents where the measure is a rate, and
/// classes the values. Keeps the counting table of the last layer and each year's sizes, so a
/// change of filter or month recounts without hashing codes again. One thread at a time.
class ThematicMaker
{
public:
    /// A year's residents per subdistrict (the assessment's edited figures where entered).
    using PopulationOf = std::function<QHash<QString, Population>(int year)>;
    ThematicMaker(const CaseFacts &facts, PopulationOf population);

    /// The facts reported in `period` up to `today` (`month`: the month of OneMonth).
    static FactFilter periodFilter(ThematicPeriod period, QDate today, QDate month = {});
    /// The layer of `map` at `level`.
    static MapLayerPtr layerOf(const GridMap &map, GridLevel level);

    /// The map `settings` make of the cases `filter` selects on `map`, with `grid`'s areas;
    /// with `shareWith`, a classed measure takes its bounds from both periods' values, so two
    /// maps read with one legend. Null without the layer.
    std::optional<ThematicMap> make(const GridMap &map, const GridCatalogue &grid,
                                    const ThematicSettings &settings, const FactFilter &filter,
                                    QDate today, const FactFilter *shareWith = nullptr) const;
    /// The measure of each feature of `layer` (feature order) for the cases `filter` selects;
    /// rates per 10,000 residents use the residents of the year the period ends in (up to
    /// `today`).
    QList<double> values(const MapLayerPtr &layer, const GridCatalogue &grid,
                         ThematicMeasure measure, const FactFilter &filter, QDate today) const;
    /// Population figures were edited: read them again.
    void populationChanged() { m_sizes.clear(); }

    /// Each feature's area and residents (communities and cells get their subdistrict's density
    /// times their area: the district publishes no finer figures).
    static QList<AreaSize> areaSizes(const MapLayerData &layer, const GridCatalogue &grid,
                                     const QHash<QString, Population> &population);

private:
    const CaseFacts &m_facts;
    PopulationOf m_population;
    mutable std::optional<ThematicCounter> m_counter;
    /// areaSizes() of the counter's layer by year.
    mutable QHash<int, QList<AreaSize>> m_sizes;
};

} // namespace citygrid
