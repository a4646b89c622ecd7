// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "accounts/passwords.h"
#include "bench/benchutil.h"

namespace citygrid::cli {

/// What signing in costs: the Argon2id hash at the limits the store uses, and a whole login
/// (the account read, the hash checked, the login recorded in one transaction).
Result<void> benchAccounts(AppContext &context, bool quick)
{
    if (auto r = context.seedDemoPeople(); !r)
        return r;
    const int runs = quick ? 2 : 9;
    const QString password = AppContext::demoSettings().value().password;
    bool failed = false;
    row(tr("Accounts: Argon2id hash of a password (64 MiB, 2 passes)"),
        timeMedian(runs, [&] { failed |= !Passwords::hash(password); }), QStringLiteral("ms"),
        tr("interactive: under 1 s"));
    Accounts accounts = context.accounts();
    row(tr("Accounts: a login (check and record)"),
        timeMedian(runs,
                   [&] {
                       failed |= !accounts.login(QStringLiteral("op01"), password,
                                                 QDateTime::currentDateTime());
                   }),
        QStringLiteral("ms"), tr("interactive: under 1 s"));
    if (failed)
        return Error{QStringLiteral("bench.accounts"), tr("A demo login failed"), {}};
    return {};
}

} // namespace citygrid::cli
