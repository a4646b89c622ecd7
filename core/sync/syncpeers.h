// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "accounts/actinguser.h"
#include "sync/siteidentity.h"

#include <QDateTime>

#include <optional>

namespace citygrid {

/// A site this store exchanges sync packages with, and how far the exchange has got: `sentAck`,
/// the highest of this store's event numbers the peer has acknowledged (the next package to it
/// starts after it); `receivedUpTo`, the highest of the peer's own numbers this store has without
/// a gap (sent back to the peer as its acknowledgement).
struct SyncPeer
{
    QString siteId, name;
    QByteArray publicKey;
    qint64 sentAck = 0, receivedUpTo = 0;
    QDateTime registeredAt, lastImportAt, lastExportAt;
    qint64 refSentAck = 0, refReceivedUpTo = 0; ///< the same for reference records
    /// The grid code (subdistrict or community) whose cases alone go to the peer: a field
    /// office's own area; empty: every case.
    QString area;
};

/// The peers of this store (table sync_peers). Registering a peer takes its card; its key is then
/// the only one its packages are accepted with. One thread at a time; callers own transactions
/// where they need several changes together.
class SyncPeers
{
    Q_DECLARE_TR_FUNCTIONS(SyncPeers)
public:
    explicit SyncPeers(SqliteDb &db) : m_db(db) {}

    /// Registers (or, for a known site id with the same key, renames) a peer; a known site id
    /// with another key is refused (the card is not that site's). Whose packages a store takes
    /// is a matter of trust: `who` must hold Right::Sync (on a store with accounts).
    Result<void> add(const SiteIdentity::Card &card, const QString &thisSite, const ActingUser &who,
                     const QDateTime &at);
    /// Sends `siteId` only the cases of `area` from now on (empty: every case). The caller
    /// checks the code is the grid's; `who` must hold Right::Sync.
    Result<void> setArea(const QString &siteId, const QString &area, const ActingUser &who);
    Result<QList<SyncPeer>> list() const;
    Result<std::optional<SyncPeer>> find(const QString &siteId) const;
    /// Finds a peer by site id or by name.
    Result<SyncPeer> resolve(const QString &idOrName) const;
    Result<void> save(const SyncPeer &peer);

private:
    SqliteDb &m_db;
};

} // namespace citygrid
