// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "centre/pgconnection.h"
#include "store/store.h"
#include "sync/refkinds.h"

#include <QSet>

namespace citygrid {

/// A workstation's copy of the centre: a store like any other, kept up to date from the server.
/// Reads stay local (fast, and still there when the network is not); every case step goes to
/// the server first (CentreLink). Stateless; one thread (the store's).
class CentreReplica
{
    Q_DECLARE_TR_FUNCTIONS(CentreReplica)
public:
    /// The store's meta key holding the number of the newest centre event it has.
    static QString keyLastEvent() { return QStringLiteral("centre_last_event"); }
    /// The store's meta key holding the number of the newest reference record it has.
    static QString keyLastRecord() { return QStringLiteral("centre_last_record"); }
    /// The store's meta key holding the number of the newest shared document it has.
    static QString keyLastDocument() { return QStringLiteral("centre_last_document"); }
    /// The store's meta key holding how the centre's accounts stood at the last catch-up.
    static QString keyAccountsStamp() { return QStringLiteral("centre_accounts"); }

    struct Pulled
    {
        QSet<QString> cases; ///< cases whose history or row changed
        /// events written at the centre since the last catch-up, new to the store (a case's
        /// older history, there since the case came within reach, is not counted)
        QStringList eventIds;
        qint64 lastEvent = 0;
        /// kinds of reference data (RefKind ids) edited at other workstations since
        QStringList changedKinds;
        /// when the centre's grid was last replaced (UTC), empty if never: a copy whose grid is
        /// older takes the new one (CentreGrid::catchUp)
        QString gridAt;
        /// the centre's grid was replaced and is now the copy's (set by the caller that puts
        /// it in place: CentreGrid::catchUp)
        bool gridReplaced = false;
    };
    /// Brings `store` up to the centre as the connected account may see it: every case an event
    /// after the store's newest touched, with its whole history (a case newly dispatched to a
    /// unit arrives with its report), its row and attachments; and the accounts (names, roles,
    /// reach; password hashes stay on the server); and the reference records written since
    /// (units, categories, the "7+1" population and schemes), merged as a sync package's are
    /// (`kinds`), and the documents (the "7+1" months and their evidence). One snapshot, one
    /// local transaction.
    static Result<Pulled> pull(PgConnection &conn, Store &store, const RefKinds &kinds);
    /// Keeps the password `password` of `account`, which the server has just accepted, so the
    /// window's lock can be lifted with it while the network is down.
    static Result<void> keepPassword(Store &store, const QString &account, const QString &password);
    /// Whether `password` is the one kept for `account` (the sign-in while the server is out of
    /// reach).
    static Result<bool> keptPasswordMatches(const Store &store, const QString &account,
                                            const QString &password);
};

} // namespace citygrid
