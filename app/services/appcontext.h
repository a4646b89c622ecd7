// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "accounts/accounts.h"
#include "assessment/assessmentdefaults.h"
#include "assessment/assessmentsheet.h"
#include "base/progress.h"
#include "base/result.h"
#include "cases/casedemo.h"
#include "cases/casequery.h"
#include "cases/casestore.h"
#include "catalogues/casecatalogues.h"
#include "centre/centrelink.h"
#include "centre/centrereplica.h"
#include "grid/gridcatalogue.h"
#include "store/store.h"
#include "supervision/casefacts.h"
#include "sync/refrecords.h"
#include "sync/syncexchange.h"
#include "sync/syncpeers.h"

#include <QCoreApplication>

#include <functional>
#include <memory>

namespace citygrid {

/// The open store and what every front end reads from it at start: created by the GUI and by each
/// command from the same `--store` rule, so the two never disagree. GUI thread (or the command's).
class AppContext
{
    Q_DECLARE_TR_FUNCTIONS(AppContext)
public:
    /// The store in the user's data directory.
    static QString defaultStorePath();
    /// The store this computer's user chose to open at start (Settings ▸ Store at start…, File
    /// ▸ Open a store…): a file or a centre's address; empty: the default file.
    static QString savedStore();
    /// Remembers `store` as the one to open at start (empty: the default file again).
    static void saveStore(const QString &store);
    /// The store a window or a command opens: `requested` (--store) when given, else the saved
    /// one, else the default file (empty). The one rule the window and every command follow.
    static QString storeToOpen(const QString &requested)
    {
        return requested.isEmpty() ? savedStore() : requested;
    }
    /// Where the bundled default district lives (compiled-in resources).
    static QString bundledDataDir() { return QStringLiteral(":/data/futian"); }
    /// Where the bundled case catalogues live (compiled-in resources).
    static QString bundledCataloguesDir() { return QStringLiteral(":/catalogues"); }
    /// Opens `storePath` (default if empty), creating it from the bundled district if missing.
    /// `ready`, if given, is called with the store's path once the store is open and its grid in
    /// place, before the catalogues are read: the window starts reading its map then.
    static Result<std::unique_ptr<AppContext>>
    open(const QString &storePath, const std::function<void(const QString &)> &ready = {});
    /// A workstation of the centre at `uri` (postgresql://…), signed in as `account`: the server
    /// checks the password; this account's copy of the centre is made on first use (the grid
    /// from the server) and brought up to date; every case step is then settled on the server.
    /// With the server out of reach, an existing copy opens as it was last brought up to date
    /// (the password checked against it) and steps are refused until the server is back.
    static Result<std::unique_ptr<AppContext>>
    openCentre(const QString &uri, const QString &account, const QString &password,
               const std::function<void(const QString &)> &ready = {});

    Store &store() { return *m_store; }
    /// The centre this store is a copy of; null for a store of its own.
    CentreLink *centre() const { return m_centre.get(); }
    /// The account signed in to the centre; empty for a store of its own.
    QString centreAccount() const { return m_centreAccount; }
    /// Brings a centre's copy up to date (the server said something changed), the catalogues
    /// read again when other workstations edited them; the cases that changed.
    Result<CentreReplica::Pulled> pullCentre();
    QString storePath() const { return m_store->path(); }
    const GridCatalogue &catalogue() const { return m_catalogue; }
    bool createdStore() const { return m_created; }
    /// The cases of the store, with the catalogues as edited.
    CaseStore &cases() { return *m_cases; }
    const CaseCatalogues &catalogues() const { return m_catalogues; }
    /// The release's indicator weights and default assessment scheme.
    const AssessmentDefaults &assessmentDefaults() const { return m_assessmentDefaults; }
    /// Re-reads the catalogue after the grid changed.
    Result<void> reload();
    /// Re-reads the case catalogues: the release's with this store's edits of units and
    /// categories (made here or received in sync packages).
    Result<void> reloadCatalogues();
    /// The store's accounts, checked against the role, unit and grid catalogues.
    Accounts accounts();
    /// Reads the accounts again into catalogues().roles (after an account was made or changed).
    Result<void> reloadAccounts();
    /// The demo's parameters and people (the bundled demo.json).
    static Result<DemoSettings> demoSettings();
    /// The demo's people as accounts of this store, where it lacks them (the demo password).
    Result<void> seedDemoPeople();
    /// The kinds of reference data sync carries, each registered by its feature (the assessment,
    /// the catalogues, the grid).
    static const RefKinds &refKinds();
    /// The store's exchange of sync packages.
    SyncExchange exchange() { return SyncExchange(*m_store, refKinds(), m_catalogues.roles); }
    /// A package for `peer`: on a workstation's copy of the centre (the package desk), with all
    /// the server holds (the copy catches up first).
    Result<SyncExchange::Exported> exportPackage(const QString &peer, const QString &who,
                                                 const QDateTime &now,
                                                 const Progress &progress = {});
    /// Takes in a package: on the package desk, the copy catches up first and the package goes
    /// to the server as well; a case stepped at a workstation meanwhile makes it catch up and
    /// take the package in once more.
    Result<SyncExchange::Imported> importPackage(const QByteArray &file, const QString &who,
                                                 const QDateTime &now,
                                                 const Progress &progress = {});
    /// Puts to work what a sync package changed (`changedKinds`, RefKind ids): the catalogues
    /// read again, a received grid put in place through the import's checks and read. The one
    /// place a received grid is applied, for the window and the command alike. Returns whether
    /// the grid was replaced.
    Result<bool> takeReceived(const QStringList &changedKinds, const Progress &progress = {});

    // What screens and commands read, so none of them builds core objects on the database:
    /// The cases `filter` selects, with their timing as of `now`.
    CaseQuery caseQuery(const CaseFilter &filter, const QDateTime &now) const;
    /// The facts every count and map of the supervisors starts from, as of `now`.
    Result<CaseFacts> facts(const QDateTime &now) const;
    /// A year's population per subdistrict: the assessment's edited figures where entered, else
    /// the grid's. The one source of residents (rates per 10,000, the difficulty coefficient).
    Result<QHash<QString, Population>> population(int year) const;
    /// An attachment with its bytes.
    Result<CaseAttachment> attachment(const QString &uuid) const;
    /// The sites this one exchanges packages with.
    SyncPeers peers() { return SyncPeers(m_store->db()); }
    /// Sends peer `peer` (site id or name) only the cases of `area` from now on — a field
    /// office's subdistrict or community code, named from the grid — or every case (empty).
    Result<void> setPeerArea(const QString &peer, const QString &area, const ActingUser &who);
    /// Refuses an area no peer can be given: a code the grid lacks, or a cell.
    Result<void> checkPeerArea(const QString &area) const;
    /// Edits of reference data (units, categories, population), as made by `siteId`.
    RefRecords refRecords(const QString &siteId = {}) { return RefRecords(m_store->db(), siteId); }

private:
    /// The context of an open store (its catalogues, cases, accounts read).
    static Result<std::unique_ptr<AppContext>> build(std::unique_ptr<Store> store, bool created);

    std::unique_ptr<Store> m_store;
    std::shared_ptr<CentreLink> m_centre;
    QString m_centreAccount;
    GridCatalogue m_catalogue;
    CaseCatalogues m_catalogues;
    AssessmentDefaults m_assessmentDefaults;
    std::unique_ptr<CaseStore> m_cases;
    bool m_created = false;
};

} // namespace citygrid
