// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "render/thematicmaker.h"

#include <algorithm>
#include <cmath>

namespace citygrid {

ThematicMaker::ThematicMaker(const CaseFacts &facts, PopulationOf population)
    : m_facts(facts), m_population(std::move(population))
{
}

FactFilter ThematicMaker::periodFilter(ThematicPeriod period, QDate today, QDate month)
{
    FactFilter f;
    const qint64 day = today.toJulianDay();
    switch (period) {
    case ThematicPeriod::Days30:
        f.fromDay = day - 29;
        break;
    case ThematicPeriod::Days90:
        f.fromDay = day - 89;
        break;
    case ThematicPeriod::Months12:
        f.fromDay = day - 364;
        break;
    case ThematicPeriod::OneMonth: {
        const QDate first(month.year(), month.month(), 1);
        f.fromDay = first.toJulianDay();
        f.toDay = first.addMonths(1).toJulianDay();
        break;
    }
    case ThematicPeriod::AllTime:
        break;
    }
    return f;
}

MapLayerPtr ThematicMaker::layerOf(const GridMap &map, GridLevel level)
{
    return level == GridLevel::Cell        ? map.cells
           : level == GridLevel::Community ? map.communities
                                           : map.subdistricts;
}

QList<AreaSize> ThematicMaker::areaSizes(const MapLayerData &layer, const GridCatalogue &grid,
                                         const QHash<QString, Population> &population)
{
    QList<AreaSize> sizes;
    sizes.reserve(layer.features.size());
    for (const MapFeature &f : layer.features) {
        const GridUnit *unit = grid.find(f.code);
        AreaSize size{unit ? unit->areaKm2 : 0, 0};
        const QString subdistrict = f.code.left(9);
        if (const GridUnit *s = grid.find(subdistrict); unit && s && s->areaKm2 > 0)
            if (const auto p = population.constFind(subdistrict); p != population.cend())
                size.residents =
                    double(p->registered + p->nonRegistered) * unit->areaKm2 / s->areaKm2;
        sizes << size;
    }
    return sizes;
}

QList<double> ThematicMaker::values(const MapLayerPtr &layer, const GridCatalogue &grid,
                                    ThematicMeasure measure, const FactFilter &filter,
                                    QDate today) const
{
    // residents of the year the period ends in (this year for an open period)
    const int year = QDate::fromJulianDay(std::min(filter.toDay - 1, today.toJulianDay())).year();
    if (!m_counter || m_counter->layer() != layer) {
        m_counter.emplace(m_facts, layer, QList<AreaSize>{});
        m_sizes.clear();
    }
    // two months across New Year (the comparison) switch years: the counting table stays
    auto sizes = m_sizes.constFind(year);
    if (sizes == m_sizes.cend())
        sizes = m_sizes.insert(year, areaSizes(*layer, grid, m_population(year)));
    m_counter->setSizes(*sizes);
    return m_counter->values(measure, filter);
}

std::optional<ThematicMap> ThematicMaker::make(const GridMap &map, const GridCatalogue &grid,
                                               const ThematicSettings &settings,
                                               const FactFilter &filter, QDate today,
                                               const FactFilter *shareWith) const
{
    const MapLayerPtr layer = layerOf(map, settings.level);
    if (!layer)
        return std::nullopt;
    const ThematicMeasure m = settings.measure;
    const QList<double> v = values(layer, grid, m, filter, today);
    if (m == ThematicMeasure::HotSpots)
        return thematicmap::hotSpots(layer, v, settings.queen, settings.fdr);
    if (m == ThematicMeasure::Clusters) // FDR needs pseudo p below 0.05 / n: 9,999 permutations
        return thematicmap::clusters(layer, v, settings.queen, settings.fdr,
                                     layer->features.size() <= 5000 ? 9999 : 999);
    QList<double> present;
    const auto addPresent = [&](const QList<double> &some) {
        for (double value : some)
            if (!std::isnan(value))
                present << value;
    };
    addPresent(v);
    if (shareWith)
        addPresent(values(layer, grid, m, *shareWith, today));
    const QList<double> bounds =
        settings.manualBounds
            ? classbreaks::manualBounds(present, *settings.manualBounds)
            : classbreaks::breaks(present, settings.classes, settings.method);
    return thematicmap::classifyWith(
        layer, v, bounds, settings.scheme,
        m == ThematicMeasure::OnTimeRate || m == ThematicMeasure::ClosureRate);
}

} // namespace citygrid
