// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "centre/centrestatus.h"

#include "centre/centreschema.h"

namespace citygrid {

Result<CentreStatus> CentreStatus::read(PgConnection &conn)
{
    CentreStatus status;
    status.database = conn.database();
    status.endpoint = conn.endpoint();
    status.user = conn.user();
    status.serverVersion = conn.serverVersion();
    auto postgis =
        conn.exec(QStringLiteral("SELECT extversion FROM pg_extension WHERE extname = 'postgis'"));
    if (!postgis)
        return postgis.error();
    if (postgis.value().rows())
        status.postgisVersion = postgis.value().text(0, 0);
    auto schema = CentreSchema::installed(conn);
    if (!schema)
        return schema.error();
    status.schema = schema.value();
    if (!status.schema)
        return status;
    auto meta = CentreSchema::meta(conn);
    if (!meta)
        return meta.error();
    status.districtCode = meta.value().value(QStringLiteral("district_code"));
    status.districtName = meta.value().value(QStringLiteral("district_name"));
    status.createdAt = meta.value().value(QStringLiteral("created_at"));
    status.gridAt = meta.value().value(QStringLiteral("grid_at"));
    status.gridBy = meta.value().value(QStringLiteral("grid_by"));
    status.gridSource = meta.value().value(QStringLiteral("grid_source"));
    auto counts = conn.exec(QStringLiteral(
        "SELECT (SELECT count(*) FROM citygrid.subdistricts), (SELECT count(*) FROM "
        "citygrid.communities), (SELECT count(*) FROM citygrid.cells), (SELECT count(*) FROM "
        "citygrid.accounts), (SELECT count(*) FROM citygrid.cases), (SELECT count(*) FROM "
        "citygrid.cases WHERE state NOT IN ('closed', 'voided')), (SELECT count(*) FROM "
        "citygrid.case_events), (SELECT coalesce(max(seq), 0) FROM citygrid.case_events)"));
    if (!counts)
        return counts.error();
    const QStringList names{QStringLiteral("subdistricts"), QStringLiteral("communities"),
                            QStringLiteral("cells"),        QStringLiteral("accounts"),
                            QStringLiteral("cases"),        QStringLiteral("open"),
                            QStringLiteral("events")};
    for (int i = 0; i < names.size(); ++i)
        status.counts.insert(names[i], counts.value().integer(0, i));
    status.lastEvent = counts.value().integer(0, int(names.size()));
    if (status.schema >= 4) {
        auto months = conn.exec(QStringLiteral(
            "SELECT count(*), count(*) FILTER (WHERE value ->> 'state' = 'published') FROM "
            "citygrid.documents WHERE kind = 'assessment.month'"));
        if (!months)
            return months.error();
        status.counts.insert(QStringLiteral("months"), months.value().integer(0, 0));
        status.counts.insert(QStringLiteral("published"), months.value().integer(0, 1));
    }
    return status;
}

} // namespace citygrid
