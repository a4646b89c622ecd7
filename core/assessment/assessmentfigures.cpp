// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/assessmentfigures.h"

#include <cmath>

namespace citygrid {

QHash<QString, QHash<QString, double>>
AssessmentFigures::compute(const CaseFacts &facts, QDate month, const QList<Area> &areas)
{
    FactFilter period;
    period.fromDay = month.toJulianDay();
    period.toDay = month.addMonths(1).toJulianDay();
    const QHash<QString, Indicators> bySubdistrict =
        facts.indicators(period, IndicatorKey::Subdistrict);
    const QHash<QString, Indicators> byCell = facts.indicators(period, IndicatorKey::Cell);
    FactFilter patrols = period;
    patrols.channel = patrolChannel();
    const QHash<QString, AreaTally> patrolled = facts.perArea(patrols, GridLevel::Cell);

    QHash<QString, QHash<QString, double>> result;
    for (const Area &area : areas) {
        const Indicators v = bySubdistrict.value(area.code);
        QHash<QString, double> &f = result[area.code];
        f.insert(QStringLiteral("closure_rate"), v.closureRate());
        f.insert(QStringLiteral("on_time_rate"), v.onTimeRate());
        f.insert(QStringLiteral("rework_rate"), v.reworkRate());
        f.insert(QStringLiteral("extension_rate"), v.extensionRate());
        f.insert(QStringLiteral("closed_per_10k"),
                 area.residents > 0 ? v.closed * 10000.0 / double(area.residents) : qQNaN());
        int covered = 0;
        for (auto it = patrolled.cbegin(); it != patrolled.cend(); ++it)
            covered += it.key().startsWith(area.code) && it.value().cases > 0 ? 1 : 0;
        f.insert(QStringLiteral("patrol_coverage"),
                 area.cells > 0 ? 100.0 * covered / area.cells : qQNaN());
        int filed = 0, repeats = 0;
        for (auto it = byCell.cbegin(); it != byCell.cend(); ++it) {
            if (!it.key().startsWith(area.code))
                continue;
            for (int count : it.value().categories) {
                filed += count;
                repeats += count - 1;
            }
        }
        f.insert(QStringLiteral("recurrence_rate"), filed > 0 ? 100.0 * repeats / filed : qQNaN());
    }
    return result;
}

QList<AssessmentFigures::Area>
AssessmentFigures::areas(const GridCatalogue &grid, const QHash<QString, Population> &population)
{
    QList<Area> list;
    for (const GridUnit *subdistrict : grid.children({})) {
        Area area{subdistrict->code, 0, 0};
        for (const GridUnit *community : grid.children(subdistrict->code))
            area.cells += int(grid.children(community->code).size());
        const Population pop = population.value(subdistrict->code);
        area.residents = pop.registered + pop.nonRegistered;
        list.append(area);
    }
    return list;
}

QString AssessmentFigures::name(const QString &figure)
{
    if (figure == QLatin1String("closure_rate"))
        return tr("Closure rate");
    if (figure == QLatin1String("on_time_rate"))
        return tr("On-time closure rate");
    if (figure == QLatin1String("rework_rate"))
        return tr("Rework rate");
    if (figure == QLatin1String("extension_rate"))
        return tr("Extension rate");
    if (figure == QLatin1String("closed_per_10k"))
        return tr("Cases closed per 10,000 residents");
    if (figure == QLatin1String("patrol_coverage"))
        return tr("Patrol coverage of the cells");
    if (figure == QLatin1String("recurrence_rate"))
        return tr("Recurrence rate");
    return figure;
}

QString AssessmentFigures::formula(const QString &figure)
{
    if (figure == QLatin1String("closure_rate"))
        return tr("cases closed ÷ cases due in the month × 100");
    if (figure == QLatin1String("on_time_rate"))
        return tr("cases closed by their deadline ÷ cases due in the month × 100");
    if (figure == QLatin1String("rework_rate"))
        return tr("handled cases that failed verification ÷ handled cases due × 100");
    if (figure == QLatin1String("extension_rate"))
        return tr("cases given an extension ÷ cases due × 100");
    if (figure == QLatin1String("closed_per_10k"))
        return tr("cases closed ÷ resident population × 10,000");
    if (figure == QLatin1String("patrol_coverage"))
        return tr("cells with at least one inspector report in the month ÷ cells × 100");
    if (figure == QLatin1String("recurrence_rate"))
        return tr("filed cases repeating a minor category already filed in the same cell that "
                  "month ÷ filed cases × 100");
    return {};
}

} // namespace citygrid
