// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "accounts/actinguser.h"

#include "store/store.h"
#include "store/storeschema.h"

#include "accounts/accounts.h"

namespace citygrid {

Result<Account> ActingUser::check(SqliteDb &db, Right right) const
{
    if (!roles)
        return Error{QStringLiteral("permission.table"),
                     tr("No permission table was given, so nothing may be written"),
                     {}};
    auto account = Accounts(db, *roles, {}).actor(name);
    if (!account)
        return account;
    if (!roles->may(account.value().roleId, right))
        return Error{QStringLiteral("permission.right"), roles->onlyWho(right), {}};
    // A workstation's copy of the centre takes case steps, reference edits (RefRecords), the
    // "7+1" months (shareddocuments), a new grid (CentreGridImport) and sync packages
    // (SyncExchange) through the server; other writes would stay on this one workstation, so
    // they are not taken here (a backup of the copy is).
    const bool throughServer = right == Right::EditCatalogues || right == Right::ScoreAssessment ||
                               right == Right::DecideAssessment || right == Right::ImportGrid ||
                               right == Right::Sync || right == Right::Backup;
    if (const QString centre = Store::meta(db, storeschema::keyCentre());
        !centre.isEmpty() && !throughServer)
        return Error{QStringLiteral("centre.local-write"),
                     tr("This is a workstation's copy of the centre (%1): this change would stay "
                        "on this workstation alone, so it is not taken here; nothing was changed")
                         .arg(centre),
                     {}};
    return account;
}

Result<void> ActingUser::checkSetUp(SqliteDb &db, Right right) const
{
    static const RoleCatalogue noRoles; // counting the accounts asks no role
    auto none = Accounts(db, roles ? *roles : noRoles, {}).isEmpty();
    if (!none)
        return none.error();
    if (none.value())
        return {};
    if (auto account = check(db, right); !account)
        return account.error();
    return {};
}

} // namespace citygrid
