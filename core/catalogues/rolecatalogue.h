// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "accounts/account.h"
#include "base/result.h"
#include "cases/casevocabulary.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <functional>
#include <optional>

namespace citygrid {

/// What a role may do outside the case loop (the loop's steps are CaseStep).
enum class Right {
    EditCatalogues,
    ScoreAssessment,
    DecideAssessment,
    ManageAccounts, ///< make, disable and reset accounts
    ImportGrid,     ///< replace the district's grid
    Sync,           ///< write and read sync packages
    Backup,         ///< back the store up and restore it
};

/// Which role may take which step and hold which right, as data (data/catalogues/roles.json): the
/// one permission table the window, the command line and the core all ask. It also carries the
/// store's accounts as last read (setAccounts), for names and for what the window offers; the
/// core checks the account that acts against the store itself. Value type; read-only use from any
/// thread.
class RoleCatalogue
{
    Q_DECLARE_TR_FUNCTIONS(RoleCatalogue)
public:
    struct Role
    {
        QString id;
        QString name;
        QString nameEn;
        QSet<CaseStep> steps;
        QSet<Right> rights;
    };
    static Result<RoleCatalogue> fromJson(const QByteArray &json);

    const Role *role(const QString &id) const;
    QList<Role> roles() const { return m_roles; }
    /// The account named `name` as last read from the store, or null.
    const Account *account(const QString &name) const;
    QList<Account> accounts() const { return m_accounts; }
    void setAccounts(QList<Account> accounts) { m_accounts = std::move(accounts); }
    /// The role's name in the interface's language (its id when there is no such role).
    QString displayName(const QString &roleId) const;
    bool may(const QString &roleId, CaseStep step) const;
    bool may(const QString &roleId, Right right) const;
    /// The names of the roles that may take `step`, in the interface's language, as a list for
    /// a sentence ("Operator, Shift leader" / "操作员、值班长").
    QString rolesThatMay(CaseStep step) const;
    QString rolesThatMay(Right right) const;
    /// Why a user without `right` is refused, naming who holds it: "Only Leader may edit the
    /// catalogues".
    QString onlyWho(Right right) const;
    /// Why a user whose role may not take `step` is refused: "Only Operator, Shift leader may
    /// dispatch".
    QString onlyWho(CaseStep step) const;

    static std::optional<Right> rightFromId(const QString &id);
    static QString rightId(Right right);
    /// Every right's id, in the enum's order.
    static QStringList knownRights();

private:
    QString roleNames(const std::function<bool(const Role &)> &holds) const;

    QList<Role> m_roles;
    QList<Account> m_accounts;
};

} // namespace citygrid
