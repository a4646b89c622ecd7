// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "accounts/account.h"
#include "base/result.h"
#include "catalogues/rolecatalogue.h"
#include "store/sqlitedb.h"

#include <QCoreApplication>

namespace citygrid {

/// Who asks for a write outside the case loop, with the permission table that judges them: what
/// every such write of the core takes, so that the core refuses what the table refuses whoever
/// calls it (the window, the command line, a script). The case loop's steps are checked by
/// CaseRules with the same table. Value type; the table must outlive it.
struct ActingUser
{
    Q_DECLARE_TR_FUNCTIONS(ActingUser)
public:
    QString name;
    const RoleCatalogue *roles = nullptr;

    /// The enabled account `name` of the store behind `db` when its role holds `right`, else why
    /// not: "account.none", "account.unknown", "account.disabled" or "permission.right" (naming
    /// who holds the right).
    Result<Account> check(SqliteDb &db, Right right) const;
    /// The same, except that a store with no account yet lets the write through: a new site is
    /// being set up (its grid loaded, its demo data made) before anyone can sign in.
    Result<void> checkSetUp(SqliteDb &db, Right right) const;
};

} // namespace citygrid
