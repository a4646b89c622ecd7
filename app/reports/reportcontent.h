// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/indicatorranking.h"
#include "render/maplayerdata.h"
#include "render/mapscene.h"
#include "render/mapview.h"
#include "services/appcontext.h"
#include "supervision/casefacts.h"

#include <QCoreApplication>
#include <QDate>

namespace citygrid {

/// Everything a monthly report says, worked out before a page is laid: the month's indicators
/// against the month before, the ranking of the areas one level down and of the units, twelve
/// months of cases and on-time rates, the top categories, the longest-overdue cases, and the hot
/// spot map of the month's cases. Names are already in the interface's language.
struct ReportContent
{
    Q_DECLARE_TR_FUNCTIONS(ReportContent)
public:
    struct Request
    {
        QDate month;      ///< its first day
        QString areaCode; ///< empty: the whole district
    };
    struct Named
    {
        QString name;
        RankedIndicators ranked;
    };
    struct MonthPoint
    {
        QDate month;
        int filed = 0;
        double onTimeRate = qQNaN();
    };
    struct CategoryCount
    {
        QString name;
        int count = 0;
        int before = 0; ///< the month before
    };
    struct OverdueCase
    {
        QString caseNo, category, area, unit;
        QDateTime due;
        int daysOver = 0;
    };

    Request request;
    QString districtName, areaName; ///< areaName: the district's when the report covers it all
    QDateTime generated;
    Indicators month, monthBefore;
    double score = qQNaN(), scoreBefore = qQNaN();
    QString areaLevelName; ///< "Subdistricts", "Communities" or "Grid cells"
    QList<Named> areas;
    QList<Named> units;
    QList<MonthPoint> trend; ///< twelve months, the report's last
    QList<CategoryCount> categories;
    QList<OverdueCase> overdue;
    MapScene hotSpotScene;
    QRectF hotSpotExtent;
    QList<std::pair<QString, int>> hotCells; ///< hot at 95 % or more with cases: name, cases
    int hotCellsWithoutCases = 0;            ///< hot only through their neighbours

    /// Gathers the report; an unknown area is an Error naming it.
    static Result<ReportContent> gather(AppContext &context, const GridMap &map,
                                        const CaseFacts &facts, const Request &request,
                                        const QDateTime &now);

private:
    /// The areas one level below the report's, every one of them, and the busiest units.
    void rankAreas(AppContext &context, const CaseFacts &facts, const GridUnit *area,
                   const FactFilter &month, const FactFilter &before);
    /// The longest overdue now: open, past the deadline, earliest deadline first.
    Result<void> listOverdue(AppContext &context, const QDateTime &now);
    /// Hot spots of the month's cases over every cell (the area's neighbours count too).
    void findHotSpots(const GridMap &map, const GridCatalogue &grid, const CaseFacts &facts,
                      const FactFilter &month, const GridUnit *area, bool english);
};

} // namespace citygrid
