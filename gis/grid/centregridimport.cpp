// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "grid/centregridimport.h"

#include "grid/centregrid.h"

#include <QFileInfo>

namespace citygrid {

Result<ImportReport> CentreGridImport::run(const QString &file, const GridReadOptions &options,
                                           const QString &storePath, const CentreLink &centre,
                                           const ActingUser &who, const Progress &progress,
                                           GridImport::Replace replace)
{
    auto report = GridImport::check(file, options, progress);
    if (!report || hasErrors(report.value().issues))
        return report;
    {
        auto db = SqliteDb::open(storePath, SqliteDb::Mode::ReadOnly);
        if (!db)
            return db.error();
        if (auto account = who.check(*db.value(), Right::ImportGrid); !account)
            return account.error();
        auto change = GridImport::placeIn(*db.value(), report.value().grid, file, replace);
        if (!change)
            return change.error();
        report.value().change = std::move(change).value();
    }
    if (!progress.report(tr("Putting the new grid in place at the centre's server"), 0))
        return GridImport::cancelled();
    auto conn = centre.openConnection();
    if (!conn)
        return conn.error();
    auto moved = CentreGrid::replace(conn.value(), report.value().grid, QFileInfo(file).fileName());
    if (!moved)
        return CentreLink::explainEdit(moved.error(), tr("the district's grid"));
    report.value().written = true;
    return report;
}

} // namespace citygrid
