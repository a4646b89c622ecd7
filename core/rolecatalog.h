// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "casestep.h"
#include "result.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

namespace citygrid {

/// Which role may take which step, and the local user accounts, as data
/// (data/catalogues/roles.json). Value type; read-only use from any thread.
class RoleCatalog
{
    Q_DECLARE_TR_FUNCTIONS(RoleCatalog)
public:
    struct Role
    {
        QString id;
        QString name;
        QString nameEn;
        QSet<CaseStep> steps;
    };
    struct User
    {
        QString id;
        QString name;
        QString roleId;
    };

    static Result<RoleCatalog> fromJson(const QByteArray &json);

    const Role *role(const QString &id) const;
    const User *user(const QString &id) const;
    QList<Role> roles() const { return m_roles; }
    QList<User> users() const { return m_users; }
    bool may(const QString &roleId, CaseStep step) const;
    /// Display names of the roles that may take `step`, for "only … may …" messages.
    /// The names of the roles that may take `step`, in the interface's language, as a list for
    /// a sentence ("Operator, Shift leader" / "操作员、值班长").
    QString rolesThatMay(CaseStep step) const;

private:
    QList<Role> m_roles;
    QList<User> m_users;
};

} // namespace citygrid
