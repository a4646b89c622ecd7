// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentdefaults.h"
#include "cases/casedemo.h"
#include "catalogues/casecatalogues.h"
#include "grid/gridimport.h"
#include "grid/gridmaploader.h"
#include "store/store.h"
#include "store/storeschema.h"

#include <QFile>

#include <memory>

/// A Futian store with a demo history, for the tests of what reads cases.
namespace citygrid::testutil {

inline CaseCatalogues bundledCatalogues()
{
    return CaseCatalogues::load(QStringLiteral(":/catalogues")).value();
}

/// The bundled permission table, for the core classes that keep a reference to it.
inline const RoleCatalogue &bundledRoles()
{
    static const RoleCatalogue roles = bundledCatalogues().roles;
    return roles;
}

inline AssessmentDefaults bundledAssessment()
{
    return AssessmentDefaults::load(QStringLiteral(":/catalogues")).value();
}

inline DemoSettings bundledDemoSettings()
{
    QFile file(QStringLiteral(":/catalogues/demo.json"));
    file.open(QIODevice::ReadOnly);
    return DemoSettings::fromJson(file.readAll()).value();
}

/// The demo's people as the store's accounts, with the demo password, as `citygrid demo` makes
/// them.
inline bool seedDemoAccounts(Store &store)
{
    return CaseDemo::seedPeople(store.db(), bundledCatalogues(), bundledDemoSettings(),
                                store.meta(storeschema::keySiteId()), QDateTime::currentDateTime())
        .ok();
}

/// The demo account of the staff of `unitId` ("us01" for U020, "staff.U026" ...).
inline QString demoStaffOf(const QString &unitId)
{
    for (const Account &a : bundledDemoSettings().people(bundledCatalogues().units))
        if (a.unitId == unitId)
            return a.name;
    return {};
}

/// The demo generator over the store's own cells.
struct DemoFixture
{
    CaseCatalogues catalogues = bundledCatalogues();
    MapLayerPtr cells;
    std::unique_ptr<CaseDemo> demo;

    explicit DemoFixture(const QString &storePath)
    {
        cells = GridMapLoader::loadLayer(storePath, storeschema::cellsTable(),
                                         QStringLiteral("EPSG:4326"))
                    .value();
        const MapLayerData *layer = cells.get();
        demo = std::make_unique<CaseDemo>(
            catalogues, bundledDemoSettings(),
            [layer](QPointF p) {
                const int id = layer->featureAt(p);
                return id < 0 ? QString() : layer->features[id].code;
            },
            layer->extent);
    }
};

/// Creates a Futian store at `path` and fills it with `cases` demo cases ending at `now`.
inline std::unique_ptr<Store> demoStore(const QString &path, int cases, quint64 seed,
                                        const QDateTime &now)
{
    if (!GridImport::ensureStore(path, QStringLiteral(":/data/futian")))
        return {};
    auto store = Store::open(path);
    if (!store)
        return {};
    DemoFixture fixture(path);
    CaseDemo::Options options;
    options.cases = cases;
    options.months = 12;
    options.seed = seed;
    options.now = now;
    options.siteId = store.value()->meta(storeschema::keySiteId());
    if (!fixture.demo->fill(store.value()->db(), options))
        return {};
    return std::move(store).value();
}

} // namespace citygrid::testutil
