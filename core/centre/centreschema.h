// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "cases/caseworkflow.h"
#include "centre/pgconnection.h"

namespace citygrid {

/// CityGrid's schema on the centre's PostgreSQL/PostGIS server: the district's grid as PostGIS
/// tables (QGIS opens them), cases with their append-only events, the permission table and the
/// step rules of the workflow as data, accounts mapped to login roles, and the row-level security
/// and server-side functions through which every account reads and writes. The database's owner
/// (never a superuser) makes it; accounts only ever act through it. Stateless; any thread.
class CentreSchema
{
    Q_DECLARE_TR_FUNCTIONS(CentreSchema)
public:
    static constexpr int version = 4;

    /// The login role of CityGrid account `account` in database `database`: "citygrid.op01"
    /// (roles belong to the whole server, so each database's carry its name).
    static QString accountRole(const QString &database, const QString &account);
    /// The group role every account of `database` is a member of (what the grants name).
    static QString staffRole(const QString &database);

    /// Refuses a database that cannot hold a centre: CityGrid's schema already there (what it
    /// holds is named), PostGIS missing, a superuser connection, no right to make roles.
    static Result<void> checkEmpty(PgConnection &conn);
    /// A kind of reference record and the right (RoleCatalogue::rightId) writing one needs;
    /// `document`: kept whole by version (citygrid.put_document), not as a record.
    struct KindRight
    {
        QString kind, rightId;
        bool document = false;
    };
    /// Creates the schema, the staff role and the grants, and writes the permission table, the
    /// step rules `workflow` holds, the right each kind of reference record needs and the
    /// district's name. In the caller's transaction.
    static Result<void> create(PgConnection &conn, const CaseWorkflow &workflow,
                               const QString &districtCode, const QString &districtName,
                               const QString &districtNameEn, const QString &siteId,
                               const QList<KindRight> &kinds);
    struct Upgraded
    {
        int from = 0, to = 0;
    };
    /// Brings a centre made by an older CityGrid to this one's schema and writes this release's
    /// permission table, step rules and kinds again (also when the schema is current: a new
    /// release may change the rules). Only as the role that owns it; in the caller's
    /// transaction.
    static Result<Upgraded> upgrade(PgConnection &conn, const CaseWorkflow &workflow,
                                    const QList<KindRight> &kinds);
    /// The centre's own facts (citygrid.meta): "district_code", "district_name", "created_at" …
    static Result<QHash<QString, QString>> meta(PgConnection &conn);
    /// The schema version of a centre database, 0 when it holds none.
    static Result<int> installed(PgConnection &conn);

    /// One row of the step rules: who in `role` may take `step` on a case in this status, and
    /// what status it leads to (a report: empty from-state).
    struct StepRule
    {
        QString role, state, pending;
        bool urgent = false, supervised = false;
        QString step, newState, newPending;
    };
    /// Every step every role may take from every status, by the workflow itself.
    static QList<StepRule> stepRules(const CaseWorkflow &workflow);

private:
    /// Replaces the roles' names, the permission table, the step rules and the kinds' rights.
    static Result<void> writeRules(PgConnection &conn, const CaseWorkflow &workflow,
                                   const QList<KindRight> &kinds);
};

} // namespace citygrid
