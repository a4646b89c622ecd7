// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "calendar/districttime.h"
#include "cases/casequery.h"
#include "cli/cli.h"
#include "cli/signin.h"
#include "io/caseexchange.h"
#include "services/appcontext.h"
#include "services/cataloguenames.h"
#include "services/filebytes.h"
#include "services/language.h"
#include "sync/syncexchange.h"

namespace citygrid::cli {

namespace {

/// A full or incremental snapshot of the cases for the city-level system or GIS users; an
/// incremental one holds the cases changed since the last snapshot in the same format.
int snapshot(AppContext &context, const QCommandLineParser &parser, const QDateTime &now)
{
    const QString format = parser.value(QStringLiteral("format"));
    const QString outPath = parser.value(QStringLiteral("out"));
    if (outPath.isEmpty())
        return fail({QStringLiteral("cli.usage"), tr("Say where to write with --out FILE"), {}});
    const QString key = QStringLiteral("handover_at_") + format;
    CaseFilter filter;
    const bool incremental = parser.isSet(QStringLiteral("incremental"));
    if (incremental)
        filter.updatedFrom = QDateTime::fromString(context.store().meta(key), Qt::ISODateWithMs);
    const CaseQuery query = context.caseQuery(filter, now);
    auto written =
        CaseExchange::exportCases(query, context.catalogues(), context.catalogue(), outPath, format,
                                  language::isEnglish(), terminalProgress());
    clearProgressLine();
    if (!written)
        return fail(written.error());
    if (auto r = context.store().setMeta(key, now.toString(Qt::ISODateWithMs)); !r)
        return fail(r.error());
    out() << (incremental && filter.updatedFrom.isValid()
                  ? tr("%1 cases changed since %2 written to %3")
                        .arg(written.value())
                        .arg(districttime::text(filter.updatedFrom), outPath)
                  : tr("%1 cases written to %2").arg(written.value()).arg(outPath))
          << Qt::endl;
    return Ok;
}

} // namespace

namespace {

int setUpSite(AppContext &context, const QCommandLineParser &parser, const ActingUser &who)
{
    Store &store = context.store();
    if (auto r = SiteIdentity::configure(store, parser.value(QStringLiteral("name")),
                                         parser.value(QStringLiteral("prefix")), who);
        !r)
        return fail(r.error());
    auto id = SiteIdentity::ensure(store);
    if (!id)
        return fail(id.error());
    out() << tr("This site is %1 (%2)").arg(id.value().name(), id.value().siteId()) << Qt::endl;
    return Ok;
}

int writeCard(AppContext &context, const QCommandLineParser &parser)
{
    Store &store = context.store();
    const QString outPath = parser.value(QStringLiteral("out"));
    if (outPath.isEmpty())
        return fail({QStringLiteral("cli.usage"), tr("Say where to write with --out FILE"), {}});
    auto id = SiteIdentity::ensure(store);
    if (!id)
        return fail(id.error());
    if (auto r = filebytes::write(outPath, id.value().card().toJson()); !r)
        return fail(r.error());
    out() << tr("Card of %1 written to %2").arg(id.value().name(), outPath) << Qt::endl;
    return Ok;
}

int setArea(AppContext &context, const QCommandLineParser &parser, const QString &peer,
            const ActingUser &who);

int addPeer(AppContext &context, const QCommandLineParser &parser, const QStringList &args,
            const ActingUser &who)
{
    Store &store = context.store();
    const QDateTime now = QDateTime::currentDateTime();
    auto bytes = filebytes::read(args.value(1));
    if (!bytes)
        return fail(bytes.error());
    auto card = SiteIdentity::Card::fromJson(bytes.value());
    if (!card)
        return fail(card.error());
    // a wrong area refuses the whole registration, before anything is written
    if (auto r = context.checkPeerArea(parser.value(QStringLiteral("area"))); !r)
        return fail(r.error());
    auto id = SiteIdentity::ensure(store);
    if (!id)
        return fail(id.error());
    if (auto r = context.peers().add(card.value(), id.value().siteId(), who, now); !r)
        return fail(r.error());
    out() << tr("%1 (%2) is a peer now").arg(card.value().name, card.value().siteId) << Qt::endl;
    if (parser.isSet(QStringLiteral("area")))
        return setArea(context, parser, card.value().siteId, who);
    return Ok;
}

/// Sends the peer only its area's cases (--area CODE), or every case (--area "").
int setArea(AppContext &context, const QCommandLineParser &parser, const QString &peer,
            const ActingUser &who)
{
    const QString area = parser.value(QStringLiteral("area"));
    if (auto r = context.setPeerArea(peer, area, who); !r)
        return fail(r.error());
    const QString name = context.peers().resolve(peer).value().name;
    out() << (area.isEmpty() ? tr("%1 receives every case").arg(name)
                             : tr("%1 receives the cases of %2 alone")
                                   .arg(name, cataloguenames::area(context.catalogue(), area)))
          << Qt::endl;
    return Ok;
}

int listPeers(AppContext &context)
{
    auto peers = context.peers().list();
    if (!peers)
        return fail(peers.error());
    for (const SyncPeer &p : peers.value())
        out() << tr("%1  %2  acknowledged up to %3, received up to %4")
                     .arg(p.name, p.siteId)
                     .arg(p.sentAck)
                     .arg(p.receivedUpTo)
              << (p.area.isEmpty() ? QString() : QStringLiteral("  ") + tr("area %1").arg(p.area))
              << Qt::endl;
    return Ok;
}

int exportPackage(AppContext &context, const QCommandLineParser &parser, const QString &who)
{
    const QDateTime now = QDateTime::currentDateTime();
    const QString outPath = parser.value(QStringLiteral("out"));
    if (outPath.isEmpty() || !parser.isSet(QStringLiteral("to")))
        return fail(
            {QStringLiteral("cli.usage"), tr("Say for whom and where: --to PEER --out FILE"), {}});
    auto exported = context.exportPackage(parser.value(QStringLiteral("to")), who, now);
    if (!exported)
        return fail(exported.error());
    if (auto r = filebytes::write(outPath, exported.value().file); !r)
        return fail(r.error());
    const SyncPackage::Header &h = exported.value().header;
    out() << tr("%1: %2 events of %3 cases, %4 attachments, %5 reference records, %6 bytes")
                 .arg(outPath)
                 .arg(h.events)
                 .arg(h.cases)
                 .arg(h.attachments)
                 .arg(h.references)
                 .arg(exported.value().file.size())
          << Qt::endl;
    return Ok;
}

int importPackage(AppContext &context, const QStringList &args, const QString &who)
{
    const QDateTime now = QDateTime::currentDateTime();
    auto bytes = filebytes::read(args.value(1));
    if (!bytes)
        return fail(bytes.error());
    auto imported = context.importPackage(bytes.value(), who, now);
    if (!imported)
        return fail(imported.error());
    const SyncExchange::Imported &i = imported.value();
    if (i.alreadyApplied())
        out() << tr("This package from %1 was applied before; nothing changed")
                     .arg(i.header.sourceName)
              << Qt::endl;
    else
        out() << tr("From %1: %2 new events (%3 known), %4 cases updated, %5 conflicts")
                     .arg(i.header.sourceName)
                     .arg(i.newEvents)
                     .arg(i.knownEvents)
                     .arg(i.casesChanged)
                     .arg(i.conflicts.size())
              << Qt::endl;
    if (i.newReferences > 0)
        out() << tr("Reference data changed: %1")
                     .arg(AppContext::refKinds().displayNames(i.changedKinds))
              << Qt::endl;
    auto grid = context.takeReceived(i.changedKinds, terminalProgress());
    clearProgressLine();
    if (!grid)
        return fail(grid.error());
    if (grid.value())
        out() << tr("The grid from %1 is in place").arg(i.header.sourceName) << Qt::endl;
    for (const SyncExchange::Conflict &c : i.conflicts)
        out() << QStringLiteral("  %1: %2").arg(c.caseNo, c.detail) << Qt::endl;
    return Ok;
}

} // namespace

int sync(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Sync packages between the centre and the field offices.\n"
        "  citygrid sync setup --name NAME [--prefix YL]   name this site, prefix its case "
        "numbers\n"
        "  citygrid sync card --out FILE                   this site's card, for its peers\n"
        "  citygrid sync peer-add CARD [--area CODE]       register a peer from its card\n"
        "  citygrid sync peer-area PEER [--area CODE]      send PEER only the cases of CODE (a "
        "field office's subdistrict or community), or every case\n"
        "  citygrid sync peers                             the peers and how far each has got\n"
        "  citygrid sync export --to PEER --out FILE       what PEER has not acknowledged\n"
        "  citygrid sync export --format gpkg|geojson|csv|open311 --out FILE [--incremental]\n"
        "                                                  a snapshot for the city-level system\n"
        "  citygrid sync import FILE                       apply a package (all or nothing)\n"
        "  citygrid sync conflicts                         what merges kept but did not apply"));
    addCommonOptions(parser);
    addSignInOptions(parser);
    parser.addPositionalArgument(QStringLiteral("action"),
                                 tr("setup, card, peer-add, peer-area, peers, export, import or "
                                    "conflicts"));
    parser.addOptions({
        {QStringLiteral("name"), tr("setup: the site's name."), QStringLiteral("name")},
        {QStringLiteral("prefix"), tr("setup: the case-number prefix (up to 4 letters)."),
         QStringLiteral("letters")},
        {QStringLiteral("to"), tr("export: the peer (its name or site id)."),
         QStringLiteral("peer")},
        {QStringLiteral("out"), tr("card, export: the file to write."), QStringLiteral("file")},
        {QStringLiteral("format"),
         tr("export: a snapshot for other systems instead of a package: gpkg, geojson, csv or "
            "open311."),
         QStringLiteral("format")},
        {QStringLiteral("incremental"),
         tr("export --format: only the cases changed since the last snapshot in that format.")},
        {QStringLiteral("area"),
         tr("peer-add, peer-area: the code of the area whose cases alone go to the peer (none: "
            "every case)."),
         QStringLiteral("code")},
    });
    if (!parse(parser, arguments))
        return parser.isSet(QStringLiteral("help")) ? Ok : Usage;
    const QStringList args = parser.positionalArguments();
    const QString action = args.value(0);
    const QStringList actions{QStringLiteral("setup"),    QStringLiteral("card"),
                              QStringLiteral("peer-add"), QStringLiteral("peer-area"),
                              QStringLiteral("peers"),    QStringLiteral("export"),
                              QStringLiteral("import"),   QStringLiteral("conflicts")};
    if (!actions.contains(action))
        return fail({QStringLiteral("cli.usage"),
                     tr("Say what to do: citygrid sync %1").arg(actions.join(u'|')),
                     {}});
    auto opened = openStore(parser);
    if (!opened)
        return fail(opened.error());
    const QDateTime now = QDateTime::currentDateTime();
    const QStringList reading{QStringLiteral("card"), QStringLiteral("peers"),
                              QStringLiteral("conflicts")};
    std::optional<Account> user;
    if (!reading.contains(action) && !(user = signIn(*opened.value(), parser, Right::Sync)))
        return Failed;
    if (reading.contains(action) && !mayRead(*opened.value(), parser))
        return Failed;
    const ActingUser who{user ? user->name : QString(), &opened.value()->catalogues().roles};

    if (action == QLatin1String("setup"))
        return setUpSite(*opened.value(), parser, who);
    if (action == QLatin1String("card"))
        return writeCard(*opened.value(), parser);
    if (action == QLatin1String("peer-add"))
        return addPeer(*opened.value(), parser, args, who);
    if (action == QLatin1String("peer-area"))
        return args.size() == 2 ? setArea(*opened.value(), parser, args.value(1), who)
                                : fail({QStringLiteral("cli.usage"),
                                        tr("Say which peer: citygrid sync peer-area PEER --area "
                                           "CODE"),
                                        {}});
    if (action == QLatin1String("peers"))
        return listPeers(*opened.value());
    if (action == QLatin1String("export") && parser.isSet(QStringLiteral("format")))
        return snapshot(*opened.value(), parser, now);
    if (action == QLatin1String("export"))
        return exportPackage(*opened.value(), parser, who.name);
    if (action == QLatin1String("import"))
        return importPackage(*opened.value(), args, who.name);
    auto conflicts = opened.value()->exchange().conflicts();
    if (!conflicts)
        return fail(conflicts.error());
    for (const SyncExchange::Conflict &c : conflicts.value())
        out() << QStringLiteral("%1  %2").arg(c.caseNo, c.detail) << Qt::endl;
    return Ok;
}

} // namespace citygrid::cli
