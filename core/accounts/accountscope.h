// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "accounts/account.h"
#include "base/result.h"

#include <QCoreApplication>

namespace citygrid {

/// Where an account's rights reach: the staff of a unit act on their unit's cases only, an account
/// bound to a subdistrict or community on the cases that lie in it. The third column of the
/// permission table, beside the role's steps and rights. Any thread.
class AccountScope
{
    Q_DECLARE_TR_FUNCTIONS(AccountScope)
public:
    /// Whether `actor` reaches a case of `unitId` (empty before dispatch) in `cellCode`.
    static bool reaches(const Account &actor, const QString &unitId, const QString &cellCode);
    /// The same with the reason when not ("scope.unit", "scope.area").
    static Result<void> check(const Account &actor, const QString &unitId, const QString &cellCode);
};

} // namespace citygrid
