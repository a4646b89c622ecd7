// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "services/appcontext.h"

#include "assessment/assessmentkinds.h"
#include "assessment/assessmentpopulation.h"
#include "assessment/assessmentstore.h"
#include "cases/caseattachment.h"
#include "catalogues/cataloguekinds.h"
#include "grid/gridimport.h"
#include "grid/gridkind.h"
#include "store/storeschema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace citygrid {

QString AppContext::defaultStorePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/citygrid.gpkg");
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
    auto context = std::make_unique<AppContext>();
    context->m_store = std::move(store).value();
    context->m_created = created.value();
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
