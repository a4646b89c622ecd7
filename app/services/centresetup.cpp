// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "services/centresetup.h"

#include "base/uuids.h"
#include "catalogues/casecatalogues.h"
#include "centre/centreaccounts.h"
#include "centre/centreschema.h"
#include "grid/centregrid.h"
#include "grid/gridimport.h"
#include "services/appcontext.h"

namespace citygrid::centresetup {

namespace {

/// The kinds of reference record a workstation edits through the server, with the right each
/// needs. A grid is replaced at one site at a time (the server's grid tables are the district's
/// as the centre was made), so its kind is not among them.
QList<CentreSchema::KindRight> serverKinds()
{
    QList<CentreSchema::KindRight> kinds;
    for (const RefKind &kind : AppContext::refKinds().all())
        if (kind.right && *kind.right != Right::ImportGrid)
            kinds.append({kind.id, RoleCatalogue::rightId(*kind.right), kind.document});
    return kinds;
}

} // namespace

Result<GridSource> init(PgConnection &conn, const Account &admin, const QString &password)
{
    auto catalogues = CaseCatalogues::load(AppContext::bundledCataloguesDir());
    if (!catalogues)
        return catalogues.error();
    auto grid = GridImport::readBundled(AppContext::bundledDataDir());
    if (!grid)
        return grid.error();
    if (auto r = CentreSchema::checkEmpty(conn); !r)
        return r.error();
    const GridSource &district = grid.value();
    const QString siteId = uuids::next();
    PgTransaction tx(conn);
    if (auto r = tx.begin(); !r)
        return r.error();
    if (auto r = CentreSchema::create(conn, CaseWorkflow(catalogues.value().roles),
                                      district.districtCode, district.districtName,
                                      district.districtNameEn, siteId, serverKinds());
        !r)
        return r.error();
    if (auto r = CentreGrid::write(conn, district); !r)
        return r.error();
    if (auto r = CentreAccounts(conn, catalogues.value().roles)
                     .create(admin, password, siteId, QDateTime::currentDateTime(),
                             &catalogues.value().units);
        !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return grid;
}

Result<CentreSchema::Upgraded> upgrade(PgConnection &conn)
{
    auto catalogues = CaseCatalogues::load(AppContext::bundledCataloguesDir());
    if (!catalogues)
        return catalogues.error();
    PgTransaction tx(conn);
    if (auto r = tx.begin(); !r)
        return r.error();
    auto upgraded =
        CentreSchema::upgrade(conn, CaseWorkflow(catalogues.value().roles), serverKinds());
    if (!upgraded)
        return upgraded.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return upgraded;
}

} // namespace citygrid::centresetup
