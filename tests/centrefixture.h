// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

// A database of its own on the test cluster scripts/test starts (CITYGRID_TEST_CENTRE: the URI
// of a role that may make databases and roles, never a superuser), dropped with the roles its
// accounts made when the test ends.

#include "catalogues/casecatalogues.h"
#include "centre/centreaccounts.h"
#include "centre/pgconnection.h"

#include <QProcess>
#include <QTest>
#include <QUrl>

namespace citygrid::testutil {

/// What a run of the citygrid executable printed.
struct Run
{
    int exitCode = -1;
    QString out, err;
};

inline Run runCitygrid(const QStringList &arguments, const QByteArray &input = {})
{
    QProcess p;
    p.start(QStringLiteral(CITYGRID_EXECUTABLE), arguments);
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(120000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

class CentreDatabase
{
public:
    static constexpr const char *adminName = "chief";

    /// `citygrid centre init` on this database, as a user runs it; what it printed.
    Run init(const QString &adminPassword) const
    {
        return runCitygrid({QStringLiteral("centre"), QStringLiteral("init"), ownerUri(),
                            QStringLiteral("--admin"), QString::fromLatin1(adminName),
                            QStringLiteral("--password-stdin"), QStringLiteral("--lang"),
                            QStringLiteral("en")},
                           adminPassword.toUtf8() + '\n');
    }
    /// Accounts made by the administrator signed in as itself; why not, or empty.
    QString addAccounts(const QList<citygrid::Account> &people, const QString &adminPassword,
                        const QString &password) const
    {
        using namespace citygrid;
        auto catalogues = CaseCatalogues::load(QStringLiteral(":/catalogues"));
        if (!catalogues)
            return catalogues.error().toText();
        auto chief = PgConnection::open(accountUri(QString::fromLatin1(adminName)), adminPassword);
        if (!chief)
            return chief.error().toText();
        CentreAccounts accounts(chief.value(), catalogues.value().roles);
        for (const Account &a : people)
            if (auto made =
                    accounts.create(a, password, QStringLiteral("test"),
                                    QDateTime::currentDateTime(), &catalogues.value().units);
                !made)
                return made.error().toText();
        return {};
    }

    /// The start of a test of workstations: database `prefix`_PID made, a centre in it with the
    /// administrator's password and `people` made with `password`; empty, or what went wrong.
    QString setUp(const QString &prefix, const QString &adminPassword,
                  const QList<citygrid::Account> &people, const QString &password)
    {
        if (!create(QStringLiteral("%1_%2").arg(prefix).arg(QCoreApplication::applicationPid())))
            return QStringLiteral("could not make the database");
        const Run made = init(adminPassword);
        if (made.exitCode != 0)
            return made.err;
        return addAccounts(people, adminPassword, password);
    }

    /// Empty when no test cluster is configured (the test then says so and skips).
    static QString clusterUri() { return qEnvironmentVariable("CITYGRID_TEST_CENTRE"); }

    /// Makes database `name` (PostGIS comes with the cluster's template).
    bool create(const QString &name)
    {
        m_name = name;
        auto admin = citygrid::PgConnection::open(clusterUri());
        if (!admin) {
            qWarning() << admin.error().toText();
            return false;
        }
        drop(admin.value());
        m_made = bool(admin.value().run(
            QStringLiteral("CREATE DATABASE %1").arg(citygrid::pgIdentifier(name))));
        return m_made;
    }
    ~CentreDatabase()
    {
        if (!m_made)
            return;
        if (auto admin = citygrid::PgConnection::open(clusterUri()))
            drop(admin.value());
    }

    QString name() const { return m_name; }
    /// The owner's URI of this database (with its password).
    QString ownerUri() const
    {
        QUrl url(clusterUri());
        url.setPath(u'/' + m_name);
        return url.toString();
    }
    /// The centre's address as a workstation is given it: no account, no password.
    QString address() const
    {
        QUrl url(ownerUri());
        url.setUserName({});
        url.setPassword({});
        return url.toString();
    }
    /// The URI an account's login role signs in with (the password given apart).
    QString accountUri(const QString &account) const
    {
        QUrl url(clusterUri());
        url.setPath(u'/' + m_name);
        url.setUserName(m_name + u'.' + account);
        url.setPassword({});
        return url.toString();
    }

    struct Psql
    {
        int exitCode = -1;
        QString out, err;
    };
    /// One statement through psql as `account` with `password`: what a user with raw SQL gets.
    Psql psql(const QString &account, const QString &password, const QString &sql) const
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PGPASSWORD"), password);
        env.insert(QStringLiteral("PGCONNECT_TIMEOUT"), QStringLiteral("5"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral("psql"),
                {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-At"),
                 QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), accountUri(account),
                 QStringLiteral("-c"), sql});
        p.waitForFinished(30000);
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

private:
    void drop(citygrid::PgConnection &admin) const
    {
        (void)admin.run(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)")
                            .arg(citygrid::pgIdentifier(m_name)));
        auto roles = admin.exec(QStringLiteral("SELECT rolname FROM pg_roles WHERE rolname LIKE "
                                               "$1 ORDER BY rolname = $2"),
                                {m_name + QStringLiteral(".%"), m_name + QStringLiteral(".staff")});
        if (!roles)
            return;
        for (int i = 0; i < roles.value().rows(); ++i)
            (void)admin.run(QStringLiteral("DROP ROLE %1")
                                .arg(citygrid::pgIdentifier(roles.value().text(i, 0))));
    }

    QString m_name;
    bool m_made = false;
};

} // namespace citygrid::testutil
