// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "render/thematiccounter.h"

namespace citygrid {

ThematicCounter::ThematicCounter(const CaseFacts &facts, MapLayerPtr layer, QList<AreaSize> sizes)
    : m_facts(facts), m_layer(std::move(layer)), m_sizes(std::move(sizes))
{
    if (m_layer->level == GridLevel::Cell) {
        m_featureOfCell.reserve(facts.cellCodes().size());
        for (const QString &code : facts.cellCodes())
            m_featureOfCell << m_layer->indexOf(code);
    }
}

QList<AreaTally> ThematicCounter::tallies(const FactFilter &filter) const
{
    QList<AreaTally> result(m_layer->features.size());
    if (m_layer->level == GridLevel::Cell) {
        const QList<AreaTally> perCell = m_facts.perCell(filter);
        for (qsizetype i = 0; i < perCell.size(); ++i)
            if (const int feature = m_featureOfCell[i]; feature >= 0)
                result[feature] = perCell[i];
        return result;
    }
    // communities and subdistricts: a few hundred codes at most
    const QHash<QString, AreaTally> perArea = m_facts.perArea(filter, m_layer->level);
    for (qsizetype i = 0; i < result.size(); ++i)
        result[i] = perArea.value(m_layer->features[i].code);
    return result;
}

QList<double> ThematicCounter::values(ThematicMeasure measure, const FactFilter &filter) const
{
    const QList<AreaTally> counted = tallies(filter);
    QList<double> result;
    result.reserve(counted.size());
    for (qsizetype i = 0; i < counted.size(); ++i)
        result << thematicValue(measure, counted[i], m_sizes.value(i));
    return result;
}

} // namespace citygrid
