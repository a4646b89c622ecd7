// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "accounts/account.h"
#include "catalogues/rolecatalogue.h"
#include "centre/pgconnection.h"

namespace citygrid {

class GridCatalogue;
class UnitCatalogue;

/// CityGrid accounts on the centre's server. Each is a login role of the server (SCRAM-SHA-256,
/// the account's own password) in the database's staff role, and a row naming its CityGrid role
/// and reach, which row-level security and the server-side functions read. Borrows the
/// connection (the database's owner); one thread.
class CentreAccounts
{
    Q_DECLARE_TR_FUNCTIONS(CentreAccounts)
public:
    CentreAccounts(PgConnection &conn, const RoleCatalogue &roles) : m_conn(conn), m_roles(roles) {}

    /// Makes `account` with `password` after the same checks a store's accounts pass (`units`
    /// and `grid` when given). The server records who made it (the connected account, who must
    /// hold manage_accounts, or the database's owner at set-up); the password reaches it only as
    /// a SCRAM verifier. A refusal makes nothing.
    Result<void> create(const Account &account, const QString &password, const QString &siteId,
                        const QDateTime &at, const UnitCatalogue *units = nullptr,
                        const GridCatalogue *grid = nullptr);
    Result<QList<Account>> list() const;

private:
    PgConnection &m_conn;
    const RoleCatalogue &m_roles;
};

} // namespace citygrid
