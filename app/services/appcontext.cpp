// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "services/appcontext.h"

#include "assessment/assessmentkinds.h"
#include "assessment/assessmentpopulation.h"
#include "assessment/assessmentstore.h"
#include "cases/caseattachment.h"
#include "catalogues/cataloguekinds.h"
#include "grid/centregrid.h"
#include "grid/gridimport.h"
#include "grid/gridkind.h"
#include "grid/storewriter.h"
#include "services/centreaddress.h"
#include "store/storeschema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace citygrid {

QString AppContext::defaultStorePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/citygrid.gpkg");
}

QString AppContext::savedStore()
{
    return QSettings().value(QStringLiteral("store/at-start")).toString();
}

void AppContext::saveStore(const QString &store)
{
    if (store.isEmpty())
        QSettings().remove(QStringLiteral("store/at-start"));
    else
        QSettings().setValue(QStringLiteral("store/at-start"), store);
}

Result<std::unique_ptr<AppContext>>
AppContext::open(const QString &requested, const std::function<void(const QString &)> &ready)
{
    const QString path =
        QFileInfo(requested.isEmpty() ? defaultStorePath() : requested).absoluteFilePath();
    auto created = GridImport::ensureStore(path, bundledDataDir());
    if (!created)
        return created.error();
    auto store = Store::open(path);
    if (!store)
        return store.error();
    // a grid a sync package brought that could not be put in place then: tried again (an error
    // is said again by the next import; the store opens on the grid it has)
    (void)GridImport::applyReceived(path);
    if (ready)
        ready(path);
    return build(std::move(store).value(), created.value());
}

Result<std::unique_ptr<AppContext>> AppContext::build(std::unique_ptr<Store> store, bool created)
{
    auto context = std::make_unique<AppContext>();
    context->m_store = std::move(store);
    context->m_created = created;
    if (auto r = context->reload(); !r)
        return r.error();
    if (auto r = context->reloadCatalogues(); !r)
        return r.error();
    auto assessment = AssessmentDefaults::load(bundledCataloguesDir());
    if (!assessment)
        return assessment.error();
    context->m_assessmentDefaults = std::move(assessment).value();
    return context;
}

Result<std::unique_ptr<AppContext>>
AppContext::openCentre(const QString &uri, const QString &account, const QString &password,
                       const std::function<void(const QString &)> &ready)
{
    if (const QString wrong = centreaddress::problem(uri); !wrong.isEmpty())
        return Error{QStringLiteral("centre.address"), wrong, {}};
    if (account.isEmpty())
        return Error{QStringLiteral("centre.account"),
                     tr("Say which account signs in to the centre (postgresql://NAME@host/db or "
                        "--user NAME)"),
                     {}};
    auto link = std::make_shared<CentreLink>(centreaddress::accountUri(uri, account), password);
    const Result<void> online = link->connect();
    if (!online && online.error().code != QLatin1String("centre.unreachable"))
        return online.error(); // a wrong password, an unknown account: nothing opens
    const QString path = centreaddress::replicaPath(uri, account);
    bool created = false;
    if (!QFileInfo::exists(path)) {
        if (!online)
            return Error{QStringLiteral("centre.unreachable"),
                         tr("%1; this workstation has no copy of the centre yet to work from")
                             .arg(online.error().message),
                         online.error().detail};
        auto grid = CentreGrid::read(*link->connection());
        if (!grid)
            return grid.error();
        if (!QDir().mkpath(QFileInfo(path).absolutePath()))
            return Error{QStringLiteral("centre.copy"),
                         tr("Could not make the folder for this workstation's copy of the "
                            "centre: %1")
                             .arg(QFileInfo(path).absolutePath()),
                         {}};
        if (auto r = StoreWriter::create(path, grid.value()); !r)
            return r.error();
        created = true;
    }
    auto store = Store::open(path);
    if (!store)
        return store.error();
    if (!online) {
        // out of reach: the copy opens for whom the server accepted here before
        auto matches = CentreReplica::keptPasswordMatches(*store.value(), account, password);
        if (!matches)
            return matches.error();
        if (!matches.value())
            return Error{QStringLiteral("centre.unreachable"),
                         tr("%1; this workstation's copy opens without the server only for an "
                            "account that signed in here before, with the same password")
                             .arg(online.error().message),
                         online.error().detail};
    } else {
        if (auto r = store.value()->setMeta(storeschema::keyCentre(), centreaddress::shown(uri));
            !r)
            return r.error();
        auto pulled = CentreReplica::pull(*link->connection(), *store.value(), refKinds());
        if (!pulled)
            return pulled.error();
        if (auto r = CentreGrid::catchUp(*link->connection(), store.value()->db(),
                                         pulled.value().gridAt);
            !r)
            return r.error();
        if (auto r = CentreReplica::keepPassword(*store.value(), account, password); !r)
            return r.error();
    }
    store.value()->setUpstream(link);
    if (ready)
        ready(path);
    auto context = build(std::move(store).value(), created);
    if (!context)
        return context.error();
    context.value()->m_centre = link;
    context.value()->m_centreAccount = account;
    return context;
}

Result<CentreReplica::Pulled> AppContext::pullCentre()
{
    if (!m_centre)
        return CentreReplica::Pulled{};
    if (!m_centre->connected())
        if (auto r = m_centre->connect(); !r)
            return r.error();
    auto pulled = CentreReplica::pull(*m_centre->connection(), *m_store, refKinds());
    if (!pulled)
        return pulled;
    // a grid replaced at the centre: the copy's map and every case's place follow
    auto grid = CentreGrid::catchUp(*m_centre->connection(), m_store->db(), pulled.value().gridAt);
    if (!grid)
        return grid.error();
    if (grid.value()) {
        if (auto r = reload(); !r)
            return r.error();
        pulled.value().gridReplaced = true;
    }
    // what other workstations edited (units, categories, the "7+1") counts here from now on
    if (!pulled.value().changedKinds.isEmpty())
        if (auto r = takeReceived(pulled.value().changedKinds); !r)
            return r.error();
    return pulled;
}

Result<SyncExchange::Exported> AppContext::exportPackage(const QString &peer, const QString &who,
                                                         const QDateTime &now,
                                                         const Progress &progress)
{
    if (m_centre)
        if (auto r = pullCentre(); !r)
            return r.error();
    return exchange().exportTo(peer, who, now, progress);
}

Result<SyncExchange::Imported> AppContext::importPackage(const QByteArray &file, const QString &who,
                                                         const QDateTime &now,
                                                         const Progress &progress)
{
    for (int attempt = 0;; ++attempt) {
        if (m_centre)
            if (auto r = pullCentre(); !r)
                return r.error();
        auto imported = exchange().importPackage(file, who, now, progress);
        if (imported || imported.error().code != QLatin1String("centre.stale") || attempt == 2)
            return imported;
    }
}

Result<void> AppContext::setPeerArea(const QString &peer, const QString &area,
                                     const ActingUser &who)
{
    auto found = peers().resolve(peer);
    if (!found)
        return found.error();
    if (auto r = checkPeerArea(area); !r)
        return r;
    return peers().setArea(found.value().siteId, area, who);
}

Result<void> AppContext::checkPeerArea(const QString &area) const
{
    const GridUnit *unit = area.isEmpty() ? nullptr : m_catalogue.find(area);
    if (!area.isEmpty() && (!unit || unit->level == GridLevel::Cell))
        return Error{QStringLiteral("sync.area"),
                     tr("%1 is not a subdistrict or community of the grid; give the code of the "
                        "office's subdistrict or community (or none: every case). Nothing was "
                        "changed")
                         .arg(area),
                     {}};
    return {};
}

Result<void> AppContext::reloadCatalogues()
{
    auto edits =
        cataloguekinds::catalogueEdits(m_store->db(), m_store->meta(storeschema::keySiteId()));
    if (!edits)
        return edits.error();
    auto catalogues = CaseCatalogues::load(bundledCataloguesDir(), edits.value());
    if (!catalogues)
        return catalogues.error();
    m_catalogues = std::move(catalogues).value();
    if (auto r = reloadAccounts(); !r)
        return r;
    const CaseCatalogues &c = m_catalogues;
    if (m_cases)
        m_cases->setCatalogues(c.categories, c.units);
    else
        m_cases = std::make_unique<CaseStore>(*m_store, CaseWorkflow(c.roles), c.calendar,
                                              c.categories, c.units);
    return {};
}

Accounts AppContext::accounts()
{
    return Accounts(m_store->db(), m_catalogues.roles, m_store->meta(storeschema::keySiteId()),
                    &m_catalogues.units, &m_catalogue);
}

Result<void> AppContext::reloadAccounts()
{
    auto list = accounts().list();
    if (!list)
        return list.error();
    m_catalogues.roles.setAccounts(std::move(list).value());
    return {};
}

Result<DemoSettings> AppContext::demoSettings()
{
    QFile file(bundledCataloguesDir() + QStringLiteral("/demo.json"));
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("demo.settings"), tr("The demo settings are missing"),
                     file.errorString()};
    return DemoSettings::fromJson(file.readAll());
}

Result<void> AppContext::seedDemoPeople()
{
    auto settings = demoSettings();
    if (!settings)
        return settings.error();
    auto seeded =
        CaseDemo::seedPeople(m_store->db(), m_catalogues, settings.value(),
                             m_store->meta(storeschema::keySiteId()), QDateTime::currentDateTime());
    if (!seeded)
        return seeded.error();
    return reloadAccounts();
}

Result<void> AppContext::reload()
{
    auto catalogue = m_store->loadCatalogue();
    if (!catalogue)
        return catalogue.error();
    m_catalogue = std::move(catalogue).value();
    return {};
}

const RefKinds &AppContext::refKinds()
{
    static const RefKinds kinds = [] {
        RefKinds all;
        assessmentkinds::addTo(all);
        cataloguekinds::addTo(all, bundledCataloguesDir());
        gridkind::addTo(all);
        return all;
    }();
    return kinds;
}

Result<bool> AppContext::takeReceived(const QStringList &changedKinds, const Progress &progress)
{
    if (changedKinds.contains(cataloguekinds::unit()) || changedKinds.contains(cataloguekinds::category()))
        if (auto r = reloadCatalogues(); !r)
            return r.error();
    if (!changedKinds.contains(gridkind::id()))
        return false;
    auto replaced = GridImport::applyReceived(storePath(), progress);
    if (!replaced)
        return replaced.error();
    if (auto r = reload(); !r)
        return r.error();
    return replaced.value();
}

CaseQuery AppContext::caseQuery(const CaseFilter &filter, const QDateTime &now) const
{
    return CaseQuery(m_store->db(), filter, now);
}

Result<CaseFacts> AppContext::facts(const QDateTime &now) const
{
    return CaseFacts::load(m_store->db(), now, m_catalogues.calendar);
}

Result<QHash<QString, Population>> AppContext::population(int year) const
{
    return AssessmentPopulation(*m_store).of(year);
}

Result<CaseAttachment> AppContext::attachment(const QString &uuid) const
{
    return CaseAttachments::find(m_store->db(), uuid);
}

} // namespace citygrid
