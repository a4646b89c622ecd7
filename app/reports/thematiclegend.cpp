// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "reports/thematiclegend.h"

#include <QLocale>

#include <cmath>

namespace citygrid {

namespace {

QString number(double value, int decimals)
{
    return QLocale().toString(value, 'f', decimals);
}

} // namespace

QList<LegendEntry> ThematicLegend::entries(ThematicMeasure measure, const ThematicMap &map)
{
    QList<LegendEntry> result;
    const bool rate = measure == ThematicMeasure::OnTimeRate ||
                      measure == ThematicMeasure::ReworkRate ||
                      measure == ThematicMeasure::ClosureRate;
    const bool whole = measure == ThematicMeasure::Cases || measure == ThematicMeasure::Open ||
                       measure == ThematicMeasure::Overdue;
    const int decimals = whole ? 0 : 1;
    for (qsizetype c = 0; c < map.classes.size(); ++c) {
        const ThematicClass &k = map.classes[c];
        QString text;
        if (measure == ThematicMeasure::HotSpots) {
            const int percent = int(std::round(std::abs(k.from) * 100));
            text = k.from > 0   ? tr("Hot spot, %1% confidence").arg(percent)
                   : k.from < 0 ? tr("Cold spot, %1% confidence").arg(percent)
                                : tr("Not significant");
        } else if (measure == ThematicMeasure::Clusters) {
            text = QStringList{tr("High–high cluster"), tr("Low–low cluster"),
                               tr("High among low (outlier)"), tr("Low among high (outlier)"),
                               tr("Not significant")}
                       .value(c);
        } else {
            const QString unit = rate ? QStringLiteral("%") : QString();
            text = c == 0 ? QStringLiteral("%1 – %2%3")
                                .arg(number(k.from, decimals), number(k.to, decimals), unit)
                          : QStringLiteral("> %1 – %2%3")
                                .arg(number(k.from, decimals), number(k.to, decimals), unit);
        }
        result.append({k.colour, text, k.areas});
    }
    if (map.noData > 0)
        result.append({map.style.fillColor, tr("No data"), map.noData});
    return result;
}

} // namespace citygrid
