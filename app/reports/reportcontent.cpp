// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "reports/reportcontent.h"

#include "cases/casequery.h"
#include "render/thematicmap.h"
#include "reports/thematiclegend.h"
#include "services/cataloguenames.h"
#include "services/language.h"

#include <algorithm>

namespace citygrid {

namespace {

constexpr int rankedUnits = 15;
constexpr int topCategories = 10;
constexpr int overdueShown = 15;

FactFilter monthFilter(QDate first, const QString &area)
{
    FactFilter f;
    f.fromDay = first.toJulianDay();
    f.toDay = first.addMonths(1).toJulianDay();
    f.areaCode = area;
    return f;
}

Indicators totalOf(const CaseFacts &facts, const FactFilter &filter)
{
    return facts.indicators(filter, IndicatorKey::Total).value(QString());
}

} // namespace

Result<ReportContent> ReportContent::gather(AppContext &context, const GridMap &map,
                                            const CaseFacts &facts, const Request &request,
                                            const QDateTime &now)
{
    const GridCatalogue &grid = context.catalogue();
    const CaseCatalogues &catalogues = context.catalogues();
    const bool english = language::isEnglish();
    const GridUnit *area = request.areaCode.isEmpty() ? nullptr : grid.find(request.areaCode);
    if (!request.areaCode.isEmpty() && !area)
        return Error{QStringLiteral("report.area"),
                     tr("There is no area with the code %1 in this grid: give a subdistrict, "
                        "community or cell code from the area tree, or leave it out for the "
                        "whole district")
                         .arg(request.areaCode),
                     {}};

    ReportContent r;
    r.request = request;
    r.districtName = grid.districtName(english);
    r.areaName = area ? grid.displayName(area->code, english) : r.districtName;
    r.generated = now;
    const FactFilter month = monthFilter(request.month, request.areaCode);
    const FactFilter before = monthFilter(request.month.addMonths(-1), request.areaCode);
    r.month = totalOf(facts, month);
    r.monthBefore = totalOf(facts, before);
    r.score = context.assessmentDefaults().indicators.score(r.month);
    r.scoreBefore = context.assessmentDefaults().indicators.score(r.monthBefore);

    r.rankAreas(context, facts, area, month, before);
    for (int i = 11; i >= 0; --i) {
        const QDate first = request.month.addMonths(-i);
        const Indicators v = totalOf(facts, monthFilter(first, request.areaCode));
        r.trend.append({first, v.filed, v.onTimeRate()});
    }

    for (const auto &[id, count] : r.month.topCategories(topCategories))
        r.categories.append(
            {cataloguenames::category(catalogues, id), count, r.monthBefore.categories.value(id)});

    if (auto listed = r.listOverdue(context, now); !listed)
        return listed.error();
    r.findHotSpots(map, grid, facts, month, area, english);
    return r;
}

void ReportContent::rankAreas(AppContext &context, const CaseFacts &facts, const GridUnit *area,
                              const FactFilter &month, const FactFilter &before)
{
    const GridCatalogue &grid = context.catalogue();
    const CaseCatalogues &catalogues = context.catalogues();
    // the areas one level down, every one of them
    const IndicatorKey level = !area                                   ? IndicatorKey::Subdistrict
                               : area->level == GridLevel::Subdistrict ? IndicatorKey::Community
                                                                       : IndicatorKey::Cell;
    areaLevelName = level == IndicatorKey::Subdistrict ? tr("Subdistricts")
                    : level == IndicatorKey::Community ? tr("Communities")
                                                       : tr("Grid cells");
    QStringList keys;
    if (!area) {
        for (const GridUnit &u : grid.units())
            if (u.level == GridLevel::Subdistrict)
                keys << u.code;
    } else {
        for (const GridUnit *child : grid.children(area->code))
            keys << child->code;
        if (area->level == GridLevel::Cell)
            keys << area->code;
    }
    for (const RankedIndicators &row :
         rankIndicators(facts.indicators(month, level), facts.indicators(before, level),
                        context.assessmentDefaults().indicators, keys))
        areas.append({cataloguenames::ofKey(catalogues, grid, level, row.key), row});
    const auto ranked = rankIndicators(facts.indicators(month, IndicatorKey::Unit),
                                       facts.indicators(before, IndicatorKey::Unit),
                                       context.assessmentDefaults().indicators);
    for (const RankedIndicators &row : ranked) {
        if (row.values.due == 0 && row.values.filed == 0)
            continue; // active only the month before
        units.append({cataloguenames::unit(catalogues, row.key), row});
        if (units.size() == rankedUnits)
            break;
    }
}

Result<void> ReportContent::listOverdue(AppContext &context, const QDateTime &now)
{
    const GridCatalogue &grid = context.catalogue();
    const CaseCatalogues &catalogues = context.catalogues();
    const bool english = language::isEnglish();
    // the longest overdue now: open, past the deadline, earliest deadline first
    CaseFilter late;
    late.overdueOnly = true;
    late.openOnly = true;
    late.areaCode = request.areaCode;
    auto page = context.caseQuery(late, now).page(CaseQuery::Sort::Due, true, 0, overdueShown);
    if (!page)
        return page.error();
    for (const CaseRecord &c : page.value())
        this->overdue.append({c.caseNo, cataloguenames::category(catalogues, c.categoryId),
                              grid.displayName(c.cellCode.left(12), english),
                              cataloguenames::unit(catalogues, c.unitId), c.dueAt,
                              int(c.dueAt.daysTo(now))});

    return {};
}

void ReportContent::findHotSpots(const GridMap &map, const GridCatalogue &grid,
                                 const CaseFacts &facts, const FactFilter &month,
                                 const GridUnit *area, bool english)
{
    // hot spots of the month's cases over every cell (the area's neighbours count too)
    FactFilter monthAll = month;
    monthAll.areaCode.clear();
    QHash<QString, double> counts;
    const auto perCell = facts.perArea(monthAll, GridLevel::Cell);
    for (auto it = perCell.cbegin(); it != perCell.cend(); ++it)
        counts.insert(it.key(), it.value().cases);
    if (map.cells) {
        const ThematicMap hot = thematicmap::hotSpots(map.cells, counts, false, true);
        const LayerPass pass{hot.layer, hot.style, tr("Hot and cold spots (Gi*, FDR)"),
                             ThematicLegend::entries(ThematicMeasure::HotSpots, hot)};
        hotSpotScene = MapScene::standard(map, {}, &pass);
        hotSpotScene.labels = false;
        hotSpotExtent = map.extent();
        for (qsizetype i = 0; i < hot.classOf.size(); ++i) {
            const QString &code = hot.layer->features[i].code;
            if (hot.classOf[i] < 5 || !code.startsWith(request.areaCode)) // hot at 95 % or more
                continue;
            // Gi* counts a cell's neighbours too: a cell with no case of its own can be hot
            // because of them. The table lists the cells that had cases and counts the others.
            if (counts.value(code) == 0) {
                ++hotCellsWithoutCases;
                continue;
            }
            hotCells.append(
                {QStringLiteral("%1 · %2").arg(grid.displayName(code.left(12), english), code),
                 int(counts.value(code))});
        }
        std::sort(hotCells.begin(), hotCells.end(),
                  [](const auto &a, const auto &b) { return a.second > b.second; });
        if (area) {
            for (const MapFeature &f : hot.layer->features)
                if (f.code.startsWith(request.areaCode))
                    hotSpotExtent =
                        hotSpotExtent == map.extent() ? f.bbox : hotSpotExtent.united(f.bbox);
        }
    }
}

} // namespace citygrid
