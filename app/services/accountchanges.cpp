// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "services/accountchanges.h"

#include "centre/centreaccounts.h"
#include "services/appcontext.h"
#include "store/storeschema.h"

namespace citygrid::accountchanges {

namespace {

/// The copy brought up to date after the server changed an account, and the accounts read again.
Result<void> follow(AppContext &context)
{
    if (auto r = context.pullCentre(); !r)
        return r.error();
    return context.reloadAccounts();
}

QString siteOf(AppContext &context)
{
    return context.store().meta(storeschema::keySiteId());
}

} // namespace

Result<void> add(AppContext &context, const QString &actor, const Account &account,
                 const QString &password, const QDateTime &now)
{
    CentreLink *centre = context.centre();
    if (!centre) {
        if (auto r = context.accounts().add(actor, account, password, now); !r)
            return r.error();
        return context.reloadAccounts();
    }
    if (!centre->connected())
        if (auto r = centre->connect(); !r)
            return r.error();
    if (auto r = CentreAccounts(*centre->connection(), context.catalogues().roles)
                     .create(account, password, siteOf(context), now, &context.catalogues().units,
                             &context.catalogue());
        !r)
        return r;
    return follow(context);
}

Result<void> setEnabled(AppContext &context, const QString &actor, const QString &name,
                        bool enabled, const QDateTime &now)
{
    CentreLink *centre = context.centre();
    if (!centre) {
        if (auto r = context.accounts().setEnabled(actor, name, enabled, now); !r)
            return r;
        return context.reloadAccounts();
    }
    if (auto r = centre->changeAccount(name, enabled, std::nullopt, siteOf(context), now); !r)
        return r;
    return follow(context);
}

Result<void> resetPassword(AppContext &context, const QString &actor, const QString &name,
                           const QString &password, const QDateTime &now)
{
    CentreLink *centre = context.centre();
    if (!centre)
        return context.accounts().resetPassword(actor, name, password, now);
    if (auto r = centre->changeAccount(name, std::nullopt, password, siteOf(context), now); !r)
        return r;
    return follow(context);
}

} // namespace citygrid::accountchanges
