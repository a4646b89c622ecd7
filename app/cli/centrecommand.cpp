// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "centre/centreschema.h"
#include "centre/centrestatus.h"
#include "centre/pgconnection.h"
#include "cli/cli.h"
#include "cli/signin.h"
#include "services/centresetup.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace citygrid::cli {

namespace {

/// The URI without its password, as it may be printed.
QString shown(const QString &uri)
{
    QUrl url(uri);
    url.setPassword({});
    return url.toString();
}

int init(const QCommandLineParser &parser, const QString &uri)
{
    const QString admin = parser.value(QStringLiteral("admin"));
    if (admin.isEmpty() || !parser.isSet(QStringLiteral("password-stdin")))
        return fail({QStringLiteral("cli.usage"),
                     tr("Name the first administrator with --admin NAME and give the password on "
                        "standard input with --password-stdin; nothing was changed"),
                     {}});
    const QString password = stdinLine();
    auto conn = PgConnection::open(uri);
    if (!conn)
        return fail(conn.error());
    PgConnection &db = conn.value();
    const QString display = parser.value(QStringLiteral("display-name"));
    auto made = centresetup::init(
        db, {admin, display.isEmpty() ? admin : display, QStringLiteral("admin")}, password);
    if (!made)
        return fail(made.error());
    const GridSource &district = made.value();
    QUrl workstation(uri);
    workstation.setUserName(admin);
    workstation.setPassword({});
    out() << tr("Centre made in database %1 on %2: %3, %4 subdistricts, %5 communities, %6 cells; "
                "administrator %7.")
                 .arg(db.database(), db.endpoint(), district.districtName)
                 .arg(district.subdistricts.size())
                 .arg(district.communities.size())
                 .arg(district.cells.size())
                 .arg(admin)
          << Qt::endl
          << tr("Workstations sign in to it as their account: %1").arg(workstation.toString())
          << Qt::endl;
    return Ok;
}

int upgrade(const QString &uri)
{
    auto conn = PgConnection::open(uri);
    if (!conn)
        return fail(conn.error());
    auto upgraded = centresetup::upgrade(conn.value());
    if (!upgraded)
        return fail(upgraded.error());
    const CentreSchema::Upgraded &u = upgraded.value();
    out() << (u.from == u.to
                  ? tr("The centre in database %1 has schema %2 already; its permission table "
                       "and step rules are this CityGrid's again.")
                        .arg(conn.value().database())
                        .arg(u.to)
                  : tr("The centre in database %1 is upgraded from schema %2 to %3, with this "
                       "CityGrid's permission table and step rules.")
                        .arg(conn.value().database())
                        .arg(u.from)
                        .arg(u.to))
          << Qt::endl;
    return Ok;
}

int status(const QCommandLineParser &parser, const QString &uri)
{
    auto conn = PgConnection::open(uri);
    if (!conn)
        return fail(conn.error());
    auto status = CentreStatus::read(conn.value());
    if (!status)
        return fail(status.error());
    const CentreStatus &s = status.value();
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject counts;
        for (auto it = s.counts.begin(); it != s.counts.end(); ++it)
            counts.insert(it.key(), it.value());
        const QJsonObject json{{QStringLiteral("database"), s.database},
                               {QStringLiteral("endpoint"), s.endpoint},
                               {QStringLiteral("user"), s.user},
                               {QStringLiteral("server"), s.serverVersion},
                               {QStringLiteral("postgis"), s.postgisVersion},
                               {QStringLiteral("schema"), s.schema},
                               {QStringLiteral("district_code"), s.districtCode},
                               {QStringLiteral("district_name"), s.districtName},
                               {QStringLiteral("created_at"), s.createdAt},
                               {QStringLiteral("grid_replaced_at"), s.gridAt},
                               {QStringLiteral("counts"), counts},
                               {QStringLiteral("last_event"), s.lastEvent}};
        out() << QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented));
        return Ok;
    }
    out() << tr("Database %1 on %2 (PostgreSQL %3, PostGIS %4), signed in as %5")
                 .arg(s.database, s.endpoint, s.serverVersion,
                      s.postgisVersion.isEmpty() ? tr("not installed") : s.postgisVersion, s.user)
          << Qt::endl;
    if (!s.schema) {
        out() << tr("No CityGrid centre here yet: make one with \"citygrid centre init %1 --admin "
                    "NAME --password-stdin\"")
                     .arg(shown(uri))
              << Qt::endl;
        return Ok;
    }
    const auto n = [&s](const char *key) { return s.counts.value(QLatin1String(key)); };
    out() << tr("CityGrid centre (schema %1) of %2 %3, made %4")
                 .arg(s.schema)
                 .arg(s.districtCode, s.districtName, s.createdAt)
          << Qt::endl;
    if (s.schema < CentreSchema::version)
        out() << tr("This CityGrid works with schema %1: the role that owns the centre brings it "
                    "there with \"citygrid centre upgrade %2\"")
                     .arg(CentreSchema::version)
                     .arg(shown(uri))
              << Qt::endl;
    out() << tr("Grid: %1 subdistricts, %2 communities, %3 cells")
                 .arg(n("subdistricts"))
                 .arg(n("communities"))
                 .arg(n("cells"));
    if (!s.gridAt.isEmpty())
        out() << tr("; replaced %1 by %2 from %3").arg(s.gridAt, s.gridBy, s.gridSource);
    out() << Qt::endl << tr("Accounts: %1").arg(n("accounts")) << Qt::endl;
    if (s.counts.contains(QStringLiteral("months")))
        out() << tr("\"7+1\": %1 month(s), %2 published").arg(n("months")).arg(n("published"))
              << Qt::endl;
    out() << tr("Cases: %1 (%2 open), %3 events; the newest is no. %4")
                 .arg(n("cases"))
                 .arg(n("open"))
                 .arg(n("events"))
                 .arg(s.lastEvent)
          << Qt::endl;
    return Ok;
}

} // namespace

int centre(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("The command centre's shared store on a PostgreSQL + PostGIS server.\n"
           "  citygrid centre init URI --admin NAME [--display-name TEXT] --password-stdin\n"
           "  citygrid centre status URI [--json]\n"
           "  citygrid centre upgrade URI\n"
           "URI: postgresql://ROLE[:PASSWORD]@HOST:PORT/DATABASE. init makes CityGrid's schema "
           "in an empty database with PostGIS, as the role that owns it (never a superuser), "
           "loads the district and makes the first administrator, whose password is the first "
           "line of standard input. The URI's password may instead come from PGPASSWORD or "
           "~/.pgpass. upgrade brings a centre made by an older CityGrid to this one's schema and "
           "rules, as the role that owns it. scripts/centre starts a local server for a demo."));
    addCommonOptions(parser);
    parser.addPositionalArgument(QStringLiteral("action"), tr("init, status or upgrade"));
    parser.addPositionalArgument(QStringLiteral("uri"), tr("The centre's database."));
    parser.addOptions({
        {QStringLiteral("admin"), tr("init: the first administrator's account name."),
         QStringLiteral("name")},
        {QStringLiteral("display-name"), tr("init: the name shown (default: NAME)."),
         QStringLiteral("text")},
        {QStringLiteral("password-stdin"),
         tr("init: read the administrator's password from standard input.")},
        {QStringLiteral("json"), tr("status: print JSON.")},
    });
    if (!parse(parser, arguments))
        return parser.isSet(QStringLiteral("help")) ? Ok : Usage;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    const QString uri = positional.value(1);
    const QStringList actions{QStringLiteral("init"), QStringLiteral("status"),
                              QStringLiteral("upgrade")};
    if (positional.size() != 2 || !actions.contains(action)) {
        err() << parser.helpText();
        return Usage;
    }
    if (!uri.startsWith(QLatin1String("postgresql://")) &&
        !uri.startsWith(QLatin1String("postgres://")))
        return fail({QStringLiteral("cli.usage"),
                     tr("\"%1\" is not a server address: give postgresql://ROLE@HOST:PORT/DATABASE")
                         .arg(uri),
                     {}});
    if (action == QLatin1String("upgrade"))
        return upgrade(uri);
    return action == QLatin1String("init") ? init(parser, uri) : status(parser, uri);
}

} // namespace citygrid::cli
