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

QList<ThematicMeasure> ThematicLegend::measures()
{
    return {ThematicMeasure::Cases,      ThematicMeasure::PerKm2,     ThematicMeasure::Per10k,
            ThematicMeasure::Open,       ThematicMeasure::Overdue,    ThematicMeasure::OnTimeRate,
            ThematicMeasure::ReworkRate, ThematicMeasure::ClosureRate, ThematicMeasure::HotSpots,
            ThematicMeasure::Clusters};
}

QString ThematicLegend::measureName(ThematicMeasure measure)
{
    switch (measure) {
    case ThematicMeasure::Cases:
        return tr("Cases");
    case ThematicMeasure::PerKm2:
        return tr("Cases per km²");
    case ThematicMeasure::Per10k:
        return tr("Cases per 10,000 residents");
    case ThematicMeasure::Open:
        return tr("Open now");
    case ThematicMeasure::Overdue:
        return tr("Overdue now");
    case ThematicMeasure::OnTimeRate:
        return tr("On-time closure rate (%)");
    case ThematicMeasure::ReworkRate:
        return tr("Rework rate (%)");
    case ThematicMeasure::ClosureRate:
        return tr("Closure rate (%)");
    case ThematicMeasure::HotSpots:
        return tr("Hot and cold spots (Gi*)");
    case ThematicMeasure::Clusters:
        return tr("Clusters and outliers (local Moran's I)");
    }
    return {};
}

QString ThematicLegend::measureId(ThematicMeasure measure)
{
    switch (measure) {
    case ThematicMeasure::Cases:
        return QStringLiteral("cases");
    case ThematicMeasure::PerKm2:
        return QStringLiteral("per-km2");
    case ThematicMeasure::Per10k:
        return QStringLiteral("per-10k");
    case ThematicMeasure::Open:
        return QStringLiteral("open");
    case ThematicMeasure::Overdue:
        return QStringLiteral("overdue");
    case ThematicMeasure::OnTimeRate:
        return QStringLiteral("on-time");
    case ThematicMeasure::ReworkRate:
        return QStringLiteral("rework");
    case ThematicMeasure::ClosureRate:
        return QStringLiteral("closure");
    case ThematicMeasure::HotSpots:
        return QStringLiteral("hotspots");
    case ThematicMeasure::Clusters:
        return QStringLiteral("clusters");
    }
    return {};
}

std::optional<ThematicMeasure> ThematicLegend::measureFromId(const QString &id)
{
    for (ThematicMeasure measure : measures())
        if (measureId(measure) == id)
            return measure;
    return std::nullopt;
}

QStringList ThematicLegend::measureIds()
{
    QStringList ids;
    for (ThematicMeasure measure : measures())
        ids << measureId(measure);
    return ids;
}

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
