// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "reports/reportcontent.h"

namespace citygrid {

/// The monthly report as leadership gets it, on A4: a cover; the month's numbers against the
/// month before; the hot spot map (vector) with the hottest cells; rankings of the areas and the
/// units; twelve months of cases and on-time rate; the top categories; the longest-overdue
/// cases. `citygrid report` and Reports > Monthly report… both write it here.
class MonthlyReport
{
    Q_DECLARE_TR_FUNCTIONS(MonthlyReport)
public:
    static Result<void> write(const ReportContent &content, const QString &path);
    /// Gathers the content and writes it: what the command and the dialog both do.
    static Result<ReportContent> create(AppContext &context, const GridMap &map,
                                        const CaseFacts &facts,
                                        const ReportContent::Request &request, const QDateTime &now,
                                        const QString &path);
};

} // namespace citygrid
