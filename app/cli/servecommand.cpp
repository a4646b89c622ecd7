// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cli/celllocator.h"
#include "cli/cli.h"
#include "cli/signin.h"
#include "open311/open311server.h"
#include "services/appcontext.h"
#include "services/language.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QUrl>

namespace citygrid::cli {

namespace {

QString keysPath(const QCommandLineParser &parser)
{
    if (parser.isSet(QStringLiteral("keys")))
        return parser.value(QStringLiteral("keys"));
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    QDir().mkpath(dir);
    return dir + QStringLiteral("/open311-keys");
}

int keys(const QCommandLineParser &parser, const QStringList &args)
{
    const QString path = keysPath(parser);
    const QString action = args.value(1);
    if (action == QLatin1String("add") && args.size() == 3) {
        auto key = Open311Keys::add(path, args[2], parser.value(QStringLiteral("channel")),
                                    parser.value(QStringLiteral("datum")));
        if (!key)
            return fail(key.error());
        out() << key.value() << Qt::endl;
        err() << tr("Client %1 added to %2. Give it the key above; it is not shown again.")
                     .arg(args[2], path)
              << Qt::endl;
        return Ok;
    }
    if (action == QLatin1String("revoke") && args.size() == 3) {
        if (auto r = Open311Keys::revoke(path, args[2]); !r)
            return fail(r.error());
        out() << tr("The key of client %1 is revoked.").arg(args[2]) << Qt::endl;
        return Ok;
    }
    if (action == QLatin1String("list") && args.size() == 2) {
        auto keys = Open311Keys::load(path);
        if (!keys)
            return fail(keys.error());
        for (const auto &c : keys.value().clients())
            out() << QStringLiteral("%1\t%2\t%3\t%4")
                         .arg(c.name, c.channel,
                              c.gcj02 ? QStringLiteral("gcj02") : QStringLiteral("wgs84"),
                              c.created.toString(Qt::ISODate))
                  << Qt::endl;
        return Ok;
    }
    return fail({QStringLiteral("cli.usage"),
                 tr("Usage: citygrid serve keys add NAME [--channel C] [--datum wgs84|gcj02] | "
                    "keys list | keys revoke NAME"),
                 {}});
}

} // namespace

int serve(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Serves Open311 GeoReport v2 for the city platform and public apps.\n"
           "  citygrid serve --listen ADDR:PORT --store FILE|URI --user NAME [--keys FILE]\n"
           "  citygrid serve keys add NAME [--channel assigned|hotline|…] [--datum wgs84|gcj02]\n"
           "  citygrid serve keys list | keys revoke NAME\n"
           "The service reports and reads as the account --user (its password from "
           "CITYGRID_PASSWORD or --password-stdin); it shows what that account may see. A POST "
           "needs the api key of a client; GET needs none."));
    addCommonOptions(parser);
    addSignInOptions(parser);
    parser.addPositionalArgument(QStringLiteral("keys"), tr("Manage the clients' api keys."),
                                 QStringLiteral("[keys …]"));
    parser.addOptions({
        {QStringLiteral("listen"),
         tr("Address and port to listen on, e.g. 127.0.0.1:8311 (port 0: any free port)."),
         QStringLiteral("addr:port")},
        {QStringLiteral("keys"),
         tr("The clients' api keys file (default: open311-keys in CityGrid's settings folder)."),
         QStringLiteral("file")},
        {QStringLiteral("channel"),
         tr("keys add: how the client's reports come in (default hotline)."),
         QStringLiteral("channel"), QStringLiteral("hotline")},
        {QStringLiteral("datum"),
         tr("keys add: the datum of the client's points, wgs84 or gcj02 (default wgs84)."),
         QStringLiteral("datum"), QStringLiteral("wgs84")},
    });
    if (!parse(parser, arguments))
        return parser.isSet(QStringLiteral("help")) ? Ok : Usage;
    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty()) {
        if (args.first() == QLatin1String("keys"))
            return keys(parser, args);
        err() << parser.helpText();
        return Usage;
    }
    const QUrl listen(QStringLiteral("http://") + parser.value(QStringLiteral("listen")));
    const QHostAddress address(listen.host());
    if (!parser.isSet(QStringLiteral("listen")) || address.isNull() || listen.port() < 0)
        return fail({QStringLiteral("cli.usage"),
                     tr("Say where to listen with --listen ADDRESS:PORT, e.g. 127.0.0.1:8311"),
                     {}});

    auto context = openStore(parser);
    if (!context)
        return fail(context.error());
    AppContext &app = *context.value();
    const auto account = signIn(app, parser);
    if (!account)
        return Failed;
    // every posted request is a report in this account's name: refused before it listens
    if (const RoleCatalogue &roles = app.catalogues().roles;
        !roles.may(account->roleId, CaseStep::Report))
        return fail({QStringLiteral("cli.role"),
                     tr("%1 may not report cases, so the service could take no request: %2")
                         .arg(account->name, roles.onlyWho(CaseStep::Report)),
                     {}});
    auto locate = cellLocator(app);
    if (!locate)
        return fail(locate.error());
    Open311Service service(app, account->name, *account, locate.value(), language::isEnglish());
    const QString keys = keysPath(parser);
    Open311Server server(service, keys);
    if (app.centre())
        server.setRefresh([&app]() -> Result<void> {
            if (auto r = app.pullCentre(); !r)
                return r.error();
            return {};
        });
    server.setLog([](const QString &line) { out() << line << Qt::endl; });
    auto port = server.listen(address, quint16(listen.port()));
    if (!port)
        return fail(port.error());
    QUrl base;
    base.setScheme(QStringLiteral("http"));
    base.setHost(address.toString());
    base.setPort(port.value());
    base.setPath(Open311Server::basePath());
    out() << tr("Open311 GeoReport v2 at %1 as %2; api keys in %3. Stop with Ctrl+C.")
                 .arg(base.toString(), account->name, keys)
          << Qt::endl;
    return QCoreApplication::exec();
}

} // namespace citygrid::cli
