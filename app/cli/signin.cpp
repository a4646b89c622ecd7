// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cli/signin.h"

#include "cli/cli.h"
#include "services/appcontext.h"
#include "services/centreaddress.h"

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

namespace {

/// The password of the one who signs in: CITYGRID_PASSWORD, else with --password-stdin the next
/// line of standard input, read once and kept for the rest of the command.
QString signInPassword(const QCommandLineParser &parser)
{
    static std::optional<QString> kept;
    if (qEnvironmentVariableIsSet("CITYGRID_PASSWORD"))
        return qEnvironmentVariable("CITYGRID_PASSWORD");
    if (!kept && parser.isSet(QStringLiteral("password-stdin")))
        kept = stdinLine();
    return kept.value_or(QString());
}

} // namespace

Result<std::unique_ptr<AppContext>> openStore(const QCommandLineParser &parser)
{
    const QString store = AppContext::storeToOpen(parser.value(QStringLiteral("store")));
    if (!centreaddress::isCentre(store))
        return AppContext::open(store);
    const QString user = parser.value(QStringLiteral("user"));
    const QString account = user.isEmpty() ? centreaddress::account(store) : user;
    const QString password = signInPassword(parser);
    if (password.isEmpty())
        return Error{QStringLiteral("account.password"),
                     tr("Give the password of %1 at the centre on standard input "
                        "(--password-stdin) or in CITYGRID_PASSWORD; nothing was done")
                         .arg(account.isEmpty() ? tr("the account") : account),
                     {}};
    auto opened = AppContext::openCentre(store, account, password);
    // out of reach: the copy opened as it was; whoever reads it is told
    if (opened && !opened.value()->centre()->connected())
        err() << tr("The centre's server cannot be reached: this is this workstation's copy as "
                    "last brought up to date, and steps are not saved until it is back")
              << Qt::endl;
    return opened;
}

std::optional<Account> signIn(AppContext &context, const QCommandLineParser &parser,
                              std::optional<Right> right)
{
    const QString user = parser.value(QStringLiteral("user"));
    const QString name = user.isEmpty() ? context.centreAccount() : user;
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
    const QString password = signInPassword(parser);
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
    // a centre's copy: signed in when it opened, and it holds what that account may see
    if (!context.centreAccount().isEmpty()) {
        auto account = context.accounts().actor(context.centreAccount());
        if (!account) {
            (void)fail(account.error());
            return false;
        }
        if (reader)
            *reader = account.value();
        return true;
    }
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
