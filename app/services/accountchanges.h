// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "accounts/account.h"
#include "base/result.h"

#include <QDateTime>

namespace citygrid {

class AppContext;

/// Making and changing accounts, wherever the open store keeps them: a store of its own writes
/// them itself (Accounts); a workstation's copy of the centre has the server make or change them
/// (it checks the administrator's right again, and the account's login role follows) and then
/// brings the copy up to date. The window and the command line both go through here. `actor`:
/// the administrator acting, signed in.
namespace accountchanges {

Result<void> add(AppContext &context, const QString &actor, const Account &account,
                 const QString &password, const QDateTime &now);
Result<void> setEnabled(AppContext &context, const QString &actor, const QString &name,
                        bool enabled, const QDateTime &now);
Result<void> resetPassword(AppContext &context, const QString &actor, const QString &name,
                           const QString &password, const QDateTime &now);

} // namespace accountchanges
} // namespace citygrid
