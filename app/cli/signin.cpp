// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cli/signin.h"

#include "cli/cli.h"
#include "services/appcontext.h"

#include <QDateTime>
#include <QTextStream>

#include <cstdio>

namespace citygrid::cli {

void addSignInOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("user"), tr("Who acts: an account of this store."), QStringLiteral("name")},
        {QStringLiteral("password-stdin"),
         tr("Read the password from standard input (else from the environment variable "
            "CITYGRID_PASSWORD).")},
    });
}

QString stdinLine()
{
    static QTextStream in(stdin);
    QString line = in.readLine();
    if (line.endsWith(u'\r'))
        line.chop(1);
    return line;
}

std::optional<Account> signIn(AppContext &context, const QCommandLineParser &parser,
                              std::optional<Right> right)
{
    const QString name = parser.value(QStringLiteral("user"));
    auto empty = context.accounts().isEmpty();
    if (!empty) {
        (void)fail(empty.error());
        return std::nullopt;
    }
    if (empty.value()) {
        (void)fail({QStringLiteral("account.none"),
                    tr("This store has no accounts yet: make its first administrator with "
                       "\"citygrid accounts init NAME --password-stdin\""),
                    {}});
        return std::nullopt;
    }
    if (name.isEmpty()) {
        (void)fail({QStringLiteral("account.none"),
                    tr("Say who acts with --user NAME (and give the password with "
                       "--password-stdin or CITYGRID_PASSWORD)"),
                    {}});
        return std::nullopt;
    }
    QString password;
    if (qEnvironmentVariableIsSet("CITYGRID_PASSWORD"))
        password = qEnvironmentVariable("CITYGRID_PASSWORD");
    else if (parser.isSet(QStringLiteral("password-stdin")))
        password = stdinLine();
    if (password.isEmpty()) {
        (void)fail({QStringLiteral("account.password"),
                    tr("Give the password of %1 on standard input (--password-stdin) or in "
                       "CITYGRID_PASSWORD; nothing was done")
                        .arg(name),
                    {}});
        return std::nullopt;
    }
    auto account = context.accounts().login(name, password, QDateTime::currentDateTime());
    if (!account) {
        (void)fail(account.error());
        return std::nullopt;
    }
    const RoleCatalogue &roles = context.catalogues().roles;
    if (right && !roles.may(account.value().roleId, *right)) {
        (void)fail({QStringLiteral("permission.right"),
                    tr("%1; nothing was done").arg(roles.onlyWho(*right)),
                    {}});
        return std::nullopt;
    }
    return account.value();
}

bool mayRead(AppContext &context, const QCommandLineParser &parser, std::optional<Account> *reader)
{
    if (!context.accounts().readNeedsLogin())
        return true;
    if (parser.value(QStringLiteral("user")).isEmpty()) {
        (void)fail({QStringLiteral("account.read-login"),
                    tr("This store asks who reads it: sign in with --user NAME and the password "
                       "(CITYGRID_PASSWORD or --password-stdin)"),
                    {}});
        return false;
    }
    auto account = signIn(context, parser);
    if (reader)
        *reader = account;
    return account.has_value();
}

bool maySetUp(AppContext &context, const QCommandLineParser &parser, Right right)
{
    auto empty = context.accounts().isEmpty();
    if (!empty) {
        (void)fail(empty.error());
        return false;
    }
    return empty.value() || signIn(context, parser, right);
}

} // namespace citygrid::cli
