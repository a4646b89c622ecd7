// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/progress.h"
#include "catalogues/rolecatalogue.h"
#include "sync/refkinds.h"
#include "sync/refrecords.h"
#include "sync/syncpackage.h"
#include "sync/syncpeers.h"

#include <QSet>

namespace citygrid {

class CaseRowWriter;
struct CaseRecord;
class StoreUpstream;

/// Writes and applies sync packages. A package to a peer carries every case event this store
/// holds that the peer has not acknowledged (its own and those it received from other sites, but
/// not the peer's own), with their attachments. Applying one is a union: unknown events are added
/// (a known one changes nothing, so a package applied twice or packages in any order give the same
/// store), each touched case is re-projected from all its events in time order, and the workflow
/// decides what a late event may still do; an event it passes over is kept on record and listed
/// as a conflict. Reference records travel the same way (RefRecords: every record changed since
/// the peer's acknowledgement of this store's reference numbers) and merge by their own rule; the
/// catalogues as edited must still hold together. All of it in one transaction: a package that
/// fails any check changes nothing.
/// Borrows the store; one thread.
class SyncExchange
{
    Q_DECLARE_TR_FUNCTIONS(SyncExchange)
public:
    struct Exported
    {
        QByteArray file;
        SyncPackage::Header header;
    };
    /// A late case step passed over, or a reference edit that lost to another site's (then
    /// `caseNo` names the record, `step` says "edit" and `eventSite` is the losing site).
    struct Conflict
    {
        QString caseUuid, caseNo, eventUuid, step, eventSite, detail;
    };
    struct Imported
    {
        SyncPackage::Header header;
        int newEvents = 0, knownEvents = 0, casesChanged = 0, newAttachments = 0;
        int newReferences = 0, knownReferences = 0;
        QList<Conflict> conflicts;                      ///< found by this import
        QList<RefRecords::Conflict> referenceConflicts; ///< found by this import
        QStringList changedKinds; ///< kinds of reference data this import changed
        bool alreadyApplied() const
        {
            return newEvents == 0 && newReferences == 0 && knownEvents + knownReferences > 0;
        }
    };

    /// `kinds`: the reference data this CityGrid knows (both must outlive the exchange).
    /// `roles`: the permission table the authors of a package's events are checked against.
    SyncExchange(Store &store, const RefKinds &kinds, const RoleCatalogue &roles)
        : m_store(store), m_kinds(kinds), m_roles(roles)
    {
    }

    /// The package for `peer` (site id or name) with everything it has not acknowledged.
    /// Both report progress and stop when it is cancelled, changing nothing. Both need `who` to
    /// hold Right::Sync (on a store with accounts).
    Result<Exported> exportTo(const QString &peer, const QString &who, const QDateTime &now,
                              const Progress &progress = {});
    Result<Imported> importPackage(const QByteArray &file, const QString &who, const QDateTime &now,
                                   const Progress &progress = {});
    /// Every conflict on record: reference edits first, then case steps, each newest first.
    Result<QList<Conflict>> conflicts() const;

private:
    /// The cases held back from `peer` that are to go whole in its next package (they came into
    /// its area, or it takes every case now).
    Result<QStringList> casesComeIn(const SyncPeer &peer) const;
    /// Notes the cases held back from `peer` by this package and those it sends whole (up to
    /// event `lastEvent`), and forgets those the peer acknowledged.
    Result<void> recordWithheld(const SyncPeer &peer, const QSet<QString> &withheld,
                                const QStringList &sentWhole, qint64 lastEvent);
    /// The events not yet here; returns the cases they belong to.
    Result<QSet<QString>> importEvents(const SyncPackage &package, CaseRowWriter &writer,
                                       const Progress &progress, Imported &result);
    Result<void> importAttachments(const SyncPackage &package, Imported &result);
    /// Refuses a reference record the sending site wrote by one who may not write its kind;
    /// `roles`: the role of each account of the sending site (SyncChain::senderRoles).
    Result<void> checkAuthor(const RefRecords::Record &record, const SyncPackage &package,
                             const QHash<QString, QString> &roles) const;
    /// Each touched case again from all its events; late steps passed over are conflicts.
    /// `projected` receives each case as it now stands.
    Result<void> updateCases(const QSet<QString> &touched, CaseRowWriter &writer,
                             const QDateTime &now, const Progress &progress, Imported &result,
                             QList<CaseRecord> &projected);
    /// A workstation's copy of the centre (the package desk): what the package brought goes to
    /// the server before it counts here (the cases it touched, whole, and its records).
    Result<void> publish(StoreUpstream &upstream, const SyncPackage &package,
                         const QList<CaseRecord> &projected);
    Result<void> importReferences(const SyncPackage &package, const QDateTime &now,
                                  Imported &result);
    /// How far each side has got; false when the package moves no counter (nothing to write).
    Result<bool> advancePeer(SyncPeers &peers, const QDateTime &now, const Imported &result);

    Store &m_store;
    const RefKinds &m_kinds;
    const RoleCatalogue &m_roles;
};

} // namespace citygrid
