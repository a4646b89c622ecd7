// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "accounts/account.h"
#include "catalogues/rolecatalogue.h"
#include "catalogues/unitcatalogue.h"
#include "grid/gridcatalogue.h"
#include "store/sqlitedb.h"

#include <QCoreApplication>

#include <optional>

namespace citygrid {

/// The accounts of a store and what happens to them (made, enabled, disabled, password reset,
/// logged in, failed, locked), each change with its event in account_events, in one transaction.
/// Only an enabled account whose role holds Right::ManageAccounts changes accounts. A wrong
/// password is recorded; five within 15 minutes lock the account for 15 minutes. Bound to one
/// connection; one thread at a time.
class Accounts
{
    Q_DECLARE_TR_FUNCTIONS(Accounts)
public:
    /// `units` and `grid`, when given, are what a unit or an area of an account must name.
    Accounts(SqliteDb &db, const RoleCatalogue &roles, QString siteId,
             const UnitCatalogue *units = nullptr, const GridCatalogue *grid = nullptr)
        : m_db(db), m_roles(roles), m_siteId(std::move(siteId)), m_units(units), m_grid(grid)
    {
    }

    static constexpr int maxFailures = 5;
    static constexpr int lockMinutes = 15;

    Result<QList<Account>> list() const;
    /// "enabled", "disabled" or "locked until 10:42", in the interface's language.
    static QString stateText(const Account &account, const QDateTime &now);
    Result<std::optional<Account>> find(const QString &name) const;
    Result<bool> isEmpty() const;
    /// The enabled account `name` as it acts now, or why it may not act ("account.unknown",
    /// "account.disabled").
    Result<Account> actor(const QString &name) const;

    /// The first administrator of a store that has no accounts yet (refused once it has one).
    Result<Account> init(const Account &admin, const QString &password, const QDateTime &at);
    Result<Account> add(const QString &actorName, const Account &account, const QString &password,
                        const QDateTime &at);
    Result<void> setEnabled(const QString &actorName, const QString &name, bool enabled,
                            const QDateTime &at);
    /// A new password for `name`; also lifts a lock.
    Result<void> resetPassword(const QString &actorName, const QString &name,
                               const QString &password, const QDateTime &at);
    /// Accounts made with one hash made beforehand (the demo's documented password), without the
    /// right check: what a store's builder seeds. Skips names the store has.
    Result<int> seed(const QList<Account> &accounts, const QByteArray &passwordHash,
                     const QDateTime &at);

    static constexpr int defaultIdleLockMinutes = 15;
    /// After how many idle minutes a window locks (0: never).
    int idleLockMinutes() const;
    /// Sets it (0 to 480); an administrator's setting, recorded as an event.
    Result<void> setIdleLockMinutes(const QString &actorName, int minutes, const QDateTime &at);

    /// Whether reading the store (the command line's read-only commands) asks for a login too;
    /// off by default, as the window always asks.
    bool readNeedsLogin() const;
    /// Sets it; an administrator's setting, recorded as an event.
    Result<void> setReadNeedsLogin(const QString &actorName, bool needed, const QDateTime &at);

    /// Checks the password of `name`; the login or the failure is recorded either way.
    Result<Account> login(const QString &name, const QString &password, const QDateTime &at);

    /// Why `account` cannot be made: its name, display name, role, and the unit or area it is
    /// bound to (checked against `units` and `grid` when given). Shared with the centre's accounts.
    static Result<void> validate(const Account &account, const RoleCatalogue &roles,
                                 const UnitCatalogue *units, const GridCatalogue *grid);
    /// The hash of `password` once it passes the strength rule for the account `name`.
    static Result<QByteArray> strongHash(const QString &name, const QString &password);

private:
    Result<void> checkNew(const Account &account) const
    {
        return validate(account, m_roles, m_units, m_grid);
    }
    Result<Account> administrator(const QString &actorName) const;
    /// Sets a store setting as `actorName` (an administrator), with its event, in one transaction.
    Result<void> setSetting(const QString &actorName, const QString &key, const QString &value,
                            const QDateTime &at);
    Result<Account> existing(const QString &name) const;
    /// Whether `password` is the one stored for the account `name`.
    Result<bool> passwordMatches(const QString &name, const QString &password) const;
    /// A new account after its checks; `first`: only into a store with none.
    Result<Account> create(const Account &account, const QString &password,
                           const QString &actorName, const QString &actorRole, const QDateTime &at,
                           bool first);
    Result<void> insert(const Account &account, const QByteArray &hash, const QDateTime &at);
    Result<void> record(const QString &account, const QString &kind, const QString &actor,
                        const QString &role, const QDateTime &at, const QString &detail = {});
    Result<int> recentFailures(const QString &name, const QDateTime &at) const;
    Result<Account> refuseLogin(const QString &name, const QString &why, const QString &actorRole,
                                const QDateTime &at, Error error);

    SqliteDb &m_db;
    const RoleCatalogue &m_roles;
    QString m_siteId;
    const UnitCatalogue *m_units;
    const GridCatalogue *m_grid;
};

} // namespace citygrid
