// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "centre/centreaccounts.h"

#include "accounts/accounts.h"
#include "centre/centreschema.h"

namespace citygrid {

Result<void> CentreAccounts::create(const Account &account, const QString &password,
                                    const QString &siteId, const QDateTime &at,
                                    const UnitCatalogue *units, const GridCatalogue *grid)
{
    if (auto r = Accounts::validate(account, m_roles, units, grid); !r)
        return r;
    auto hash = Accounts::strongHash(account.name, password);
    if (!hash)
        return hash.error();
    const QString role = CentreSchema::accountRole(m_conn.database(), account.name);
    auto verifier = m_conn.scramVerifier(role, password);
    if (!verifier)
        return verifier.error();
    auto made = m_conn.exec(
        QStringLiteral("SELECT citygrid.create_account($1, $2, $3, $4, $5, $6, $7, $8, $9)"),
        {account.name, account.displayName, account.roleId, account.unitId, account.area,
         verifier.value(), QString::fromLatin1(hash.value()), siteId,
         at.toString(Qt::ISODateWithMs)});
    if (!made && made.error().code == QLatin1String("centre.sql.23505"))
        return Error{QStringLiteral("account.exists"),
                     tr("There is an account \"%1\" already").arg(account.name),
                     made.error().detail};
    if (!made)
        return made.error();
    return {};
}

Result<QList<Account>> CentreAccounts::list() const
{
    auto rows = m_conn.exec(QStringLiteral("SELECT name, display_name, role, unit_id, area, "
                                           "enabled FROM citygrid.accounts ORDER BY name"));
    if (!rows)
        return rows.error();
    QList<Account> accounts;
    for (int i = 0; i < rows.value().rows(); ++i) {
        const PgResult &r = rows.value();
        Account a{r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4)};
        a.enabled = r.boolean(i, 5);
        accounts.append(a);
    }
    return accounts;
}

} // namespace citygrid
