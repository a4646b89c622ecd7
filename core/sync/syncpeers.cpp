// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "sync/syncpeers.h"

namespace citygrid {

namespace {

const char *const columns = "site_id, name, public_key, sent_ack, received_upto, registered_at, "
                            "last_import_at, last_export_at, ref_sent_ack, ref_received_upto, "
                            "coalesce(area, '')";

SyncPeer readPeer(const Statement &s)
{
    return {s.text(0),
            s.text(1),
            QByteArray::fromBase64(s.text(2).toLatin1()),
            s.integer(3),
            s.integer(4),
            QDateTime::fromString(s.text(5), Qt::ISODateWithMs),
            QDateTime::fromString(s.text(6), Qt::ISODateWithMs),
            QDateTime::fromString(s.text(7), Qt::ISODateWithMs),
            s.integer(8),
            s.integer(9),
            s.text(10)};
}

} // namespace

Result<void> SyncPeers::add(const SiteIdentity::Card &card, const QString &thisSite,
                            const ActingUser &who, const QDateTime &at)
{
    if (auto r = who.checkSetUp(m_db, Right::Sync); !r)
        return r;
    if (card.siteId == thisSite)
        return Error{QStringLiteral("sync.peer-self"),
                     tr("That card is this site's own; register the other site's card"),
                     {}};
    auto known = find(card.siteId);
    if (!known)
        return known.error();
    if (known.value() && known.value()->publicKey != card.publicKey)
        return Error{QStringLiteral("sync.peer-key"),
                     tr("%1 is registered with another key; this card is not that site's. If the "
                        "site really made a new key, remove it first")
                         .arg(known.value()->name),
                     {}};
    auto q = Statement::prepare(
        m_db, QStringLiteral("INSERT INTO sync_peers (site_id, name, public_key, registered_at) "
                             "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (site_id) DO UPDATE SET name = "
                             "excluded.name"));
    if (!q)
        return q.error();
    q.value()
        .bind(1, card.siteId)
        .bind(2, card.name)
        .bind(3, QString::fromLatin1(card.publicKey.toBase64()))
        .bind(4, at.toString(Qt::ISODateWithMs));
    return q.value().run();
}

Result<void> SyncPeers::setArea(const QString &siteId, const QString &area, const ActingUser &who)
{
    if (auto r = who.checkSetUp(m_db, Right::Sync); !r)
        return r;
    auto q = Statement::prepare(
        m_db, QStringLiteral("UPDATE sync_peers SET area = nullif(?2, '') WHERE site_id = ?1"));
    if (!q)
        return q.error();
    q.value().bind(1, siteId).bind(2, area);
    return q.value().run();
}

Result<QList<SyncPeer>> SyncPeers::list() const
{
    auto q = Statement::prepare(
        m_db, QStringLiteral("SELECT %1 FROM sync_peers ORDER BY id").arg(QLatin1String(columns)));
    if (!q)
        return q.error();
    QList<SyncPeer> peers;
    if (auto r = q.value().forEachRow([&](const Statement &s) { peers.append(readPeer(s)); }); !r)
        return r.error();
    return peers;
}

Result<std::optional<SyncPeer>> SyncPeers::find(const QString &siteId) const
{
    auto q = Statement::prepare(
        m_db,
        QStringLiteral("SELECT %1 FROM sync_peers WHERE site_id = ?1").arg(QLatin1String(columns)));
    if (!q)
        return q.error();
    q.value().bind(1, siteId);
    auto row = q.value().step();
    if (!row)
        return row.error();
    if (!row.value())
        return std::optional<SyncPeer>();
    return std::optional<SyncPeer>(readPeer(q.value()));
}

Result<SyncPeer> SyncPeers::resolve(const QString &idOrName) const
{
    auto peers = list();
    if (!peers)
        return peers.error();
    for (const SyncPeer &p : peers.value())
        if (p.siteId == idOrName || p.name == idOrName)
            return p;
    return Error{QStringLiteral("sync.unknown-peer"),
                 tr("No peer \"%1\" is registered; register its card first (citygrid sync peer-"
                    "add CARD)")
                     .arg(idOrName),
                 {}};
}

Result<void> SyncPeers::save(const SyncPeer &peer)
{
    auto q = Statement::prepare(
        m_db, QStringLiteral("UPDATE sync_peers SET sent_ack = ?2, received_upto = ?3, "
                             "last_import_at = ?4, last_export_at = ?5, ref_sent_ack = ?6, "
                             "ref_received_upto = ?7 WHERE site_id = ?1"));
    if (!q)
        return q.error();
    q.value()
        .bind(1, peer.siteId)
        .bind(2, peer.sentAck)
        .bind(3, peer.receivedUpTo)
        .bind(4, peer.lastImportAt.toString(Qt::ISODateWithMs))
        .bind(5, peer.lastExportAt.toString(Qt::ISODateWithMs))
        .bind(6, peer.refSentAck)
        .bind(7, peer.refReceivedUpTo);
    return q.value().run();
}

} // namespace citygrid
