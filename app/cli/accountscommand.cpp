// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cli/cli.h"
#include "cli/signin.h"
#include "services/accountchanges.h"
#include "services/appcontext.h"
#include "services/cataloguenames.h"
#include <QDateTime>

namespace citygrid::cli {

namespace {

/// The new password of `init`, `add` and `reset`: the first line of standard input.
std::optional<QString> newPassword(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("password-stdin"))) {
        (void)fail({QStringLiteral("cli.usage"),
                    tr("Give the new password on standard input with --password-stdin (it is "
                       "never taken from the command line)"),
                    {}});
        return std::nullopt;
    }
    return stdinLine();
}

Account accountFrom(const QCommandLineParser &parser, const QString &name, const QString &role)
{
    const QString display = parser.value(QStringLiteral("display-name"));
    return {name, display.isEmpty() ? name : display, role, parser.value(QStringLiteral("unit")),
            parser.value(QStringLiteral("area"))};
}

int list(AppContext &context)
{
    auto accounts = context.accounts().list();
    if (!accounts)
        return fail(accounts.error());
    const QDateTime now = QDateTime::currentDateTime();
    for (const Account &a : accounts.value()) {
        QStringList reach;
        if (!a.unitId.isEmpty())
            reach << tr("unit %1").arg(a.unitId);
        if (!a.area.isEmpty())
            reach << tr("area %1").arg(a.area);
        const QString state = Accounts::stateText(a, now);
        out() << a.name << u'\t' << a.displayName << u'\t'
              << cataloguenames::role(context.catalogues(), a.roleId) << u'\t'
              << reach.join(QStringLiteral(", ")) << u'\t' << state << Qt::endl;
    }
    return Ok;
}

int init(AppContext &context, const QCommandLineParser &parser, const QString &name)
{
    const auto password = newPassword(parser);
    if (!password)
        return Failed;
    auto made = context.accounts().init(accountFrom(parser, name, QStringLiteral("admin")),
                                        *password, QDateTime::currentDateTime());
    if (!made)
        return fail(made.error());
    out() << tr("Administrator %1 made; make the other accounts with \"citygrid accounts add\"")
                 .arg(name)
          << Qt::endl;
    return Ok;
}

int add(AppContext &context, const QCommandLineParser &parser, const QString &name)
{
    const QString role = parser.value(QStringLiteral("role"));
    if (role.isEmpty())
        return fail({QStringLiteral("cli.usage"), tr("Give the account's role with --role"), {}});
    const auto password = newPassword(parser);
    if (!password)
        return Failed;
    const auto admin = signIn(context, parser, Right::ManageAccounts);
    if (!admin)
        return Failed;
    const Account account = accountFrom(parser, name, role);
    if (auto made = accountchanges::add(context, admin->name, account, *password,
                                        QDateTime::currentDateTime());
        !made)
        return fail(made.error());
    out() << tr("Account %1 made (%2)").arg(name, cataloguenames::role(context.catalogues(), role))
          << Qt::endl;
    return Ok;
}

int change(AppContext &context, const QCommandLineParser &parser, const QString &action,
           const QString &name)
{
    std::optional<QString> password;
    if (action == QLatin1String("reset") && !(password = newPassword(parser)))
        return Failed;
    const auto admin = signIn(context, parser, Right::ManageAccounts);
    if (!admin)
        return Failed;
    const QDateTime now = QDateTime::currentDateTime();
    const bool enable = action == QLatin1String("enable");
    const Result<void> done =
        password ? accountchanges::resetPassword(context, admin->name, name, *password, now)
                 : accountchanges::setEnabled(context, admin->name, name, enable, now);
    if (!done)
        return fail(done.error());
    out() << (password ? tr("Password of %1 reset").arg(name)
              : enable ? tr("Account %1 enabled").arg(name)
                       : tr("Account %1 disabled").arg(name))
          << Qt::endl;
    return Ok;
}

/// Shows the store's settings, or changes those given (an administrator's).
int settings(AppContext &context, const QCommandLineParser &parser)
{
    const QString read = parser.value(QStringLiteral("read-needs-login"));
    const QString idle = parser.value(QStringLiteral("idle-lock"));
    Accounts accounts = context.accounts();
    if (read.isEmpty() && idle.isEmpty() && !mayRead(context, parser))
        return Failed;
    if (!read.isEmpty() || !idle.isEmpty()) {
        static const QStringList yesNo{QStringLiteral("yes"), QStringLiteral("no")};
        bool okIdle = idle.isEmpty();
        const int minutes = idle.isEmpty() ? 0 : idle.toInt(&okIdle);
        if ((!read.isEmpty() && !yesNo.contains(read)) || !okIdle)
            return fail({QStringLiteral("cli.usage"),
                         tr("--read-needs-login takes yes or no, --idle-lock whole minutes (0 to "
                            "480); nothing was changed"),
                         {}});
        const auto admin = signIn(context, parser, Right::ManageAccounts);
        if (!admin)
            return Failed;
        const QDateTime now = QDateTime::currentDateTime();
        if (!read.isEmpty())
            if (auto r = accounts.setReadNeedsLogin(admin->name, read == QLatin1String("yes"), now);
                !r)
                return fail(r.error());
        if (!idle.isEmpty())
            if (auto r = accounts.setIdleLockMinutes(admin->name, minutes, now); !r)
                return fail(r.error());
    }
    out() << (accounts.readNeedsLogin()
                  ? tr("Reading the store: asks for a login")
                  : tr("Reading the store: open to every user of this machine who can read the "
                       "file"))
          << Qt::endl;
    const int minutes = accounts.idleLockMinutes();
    out() << (minutes == 0 ? tr("Idle windows: never lock")
                           : tr("Idle windows: lock after %1 minutes").arg(minutes))
          << Qt::endl;
    return Ok;
}

} // namespace

int accounts(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("The accounts of the store.\n"
           "  citygrid accounts init NAME --password-stdin\n"
           "  citygrid accounts add NAME --role ROLE [--unit U] [--area CODE] "
           "[--display-name TEXT] --password-stdin --user ADMIN\n"
           "  citygrid accounts list\n"
           "  citygrid accounts disable|enable NAME --user ADMIN\n"
           "  citygrid accounts reset NAME --password-stdin --user ADMIN\n"
           "  citygrid accounts settings [--read-needs-login yes|no] [--idle-lock MINUTES] "
           "--user ADMIN\n"
           "init makes the first administrator of a store that has no accounts. The new "
           "password is the first line of standard input; the administrator's own password is "
           "CITYGRID_PASSWORD or, when that is not set, the next line (on a centre's server, "
           "--store postgresql://…, the first line: it signs in before anything else). "
           "Passwords are never given on the command line, where other users of the machine "
           "could see them."));
    addCommonOptions(parser);
    addSignInOptions(parser);
    parser.addPositionalArgument(QStringLiteral("action"),
                                 tr("init, add, list, disable, enable, reset or settings"));
    parser.addPositionalArgument(QStringLiteral("name"), tr("The account."));
    parser.addOptions({
        {QStringLiteral("role"), tr("add: the account's role (the role catalogue's id)."),
         QStringLiteral("role")},
        {QStringLiteral("unit"), tr("add: the unit a unit's staff work for."),
         QStringLiteral("id")},
        {QStringLiteral("area"),
         tr("add: the subdistrict or community (9- or 12-digit code) the account is bound to."),
         QStringLiteral("code")},
        {QStringLiteral("display-name"), tr("init, add: the name shown (default: NAME)."),
         QStringLiteral("text")},
        {QStringLiteral("read-needs-login"),
         tr("settings: whether the commands that only read ask for a login too (yes or no)."),
         QStringLiteral("yes|no")},
        {QStringLiteral("idle-lock"),
         tr("settings: after how many idle minutes a window locks (0: never, up to 480)."),
         QStringLiteral("minutes")},
    });
    if (!parse(parser, arguments))
        return parser.isSet(QStringLiteral("help")) ? Ok : Usage;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    const QString name = positional.value(1);
    static const QStringList named{QStringLiteral("init"), QStringLiteral("add"),
                                   QStringLiteral("disable"), QStringLiteral("enable"),
                                   QStringLiteral("reset")};
    const bool unnamed = action == QLatin1String("list") || action == QLatin1String("settings");
    if (!unnamed && (!named.contains(action) || name.isEmpty())) {
        err() << parser.helpText();
        return Usage;
    }
    auto context = openStore(parser);
    if (!context)
        return fail(context.error());
    AppContext &c = *context.value();
    if (action == QLatin1String("list"))
        return mayRead(c, parser) ? list(c) : Failed;
    if (action == QLatin1String("settings"))
        return settings(c, parser);
    if (action == QLatin1String("init"))
        return init(c, parser, name);
    if (action == QLatin1String("add"))
        return add(c, parser, name);
    return change(c, parser, action, name);
}

} // namespace citygrid::cli
