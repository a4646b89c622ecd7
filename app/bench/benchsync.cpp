// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "bench/benchutil.h"
#include "cases/casedemo.h"
#include "grid/gridmaploader.h"
#include "services/appcontext.h"
#include "store/storeschema.h"
#include "sync/syncexchange.h"

#include <QFile>

namespace citygrid::cli {

Result<CaseDemo::Summary> fillDemo(AppContext &context, int cases, const QDateTime &now)
{
    auto cells = GridMapLoader::loadLayer(context.storePath(), storeschema::cellsTable(),
                                          QStringLiteral("EPSG:4326"));
    if (!cells)
        return cells.error();
    auto settings = AppContext::demoSettings();
    if (!settings)
        return settings.error();
    const MapLayerData &layer = *cells.value();
    const CaseDemo demo(
        context.catalogues(), settings.value(),
        [&layer](QPointF p) {
            const int id = layer.featureAt(p);
            return id < 0 ? QString() : layer.features[id].code;
        },
        layer.extent);
    CaseDemo::Options options;
    options.cases = cases;
    options.now = now;
    options.siteId = context.store().meta(storeschema::keySiteId());
    return demo.fill(context.store().db(), options);
}

Result<void> benchSync(const QString &tempDir, bool quick)
{
    const QDateTime now = QDateTime::currentDateTime().toOffsetFromUtc(8 * 3600);
    auto office = AppContext::open(tempDir + QStringLiteral("/sync-office.gpkg"));
    if (!office)
        return office.error();
    auto centre = AppContext::open(tempDir + QStringLiteral("/sync-centre.gpkg"));
    if (!centre)
        return centre.error();
    Store &officeStore = office.value()->store();
    Store &centreStore = centre.value()->store();
    // both sites' administrator (the demo's accounts), who holds the sync right
    const ActingUser officeAdmin{QStringLiteral("admin01"), &office.value()->catalogues().roles};
    const ActingUser centreAdmin{QStringLiteral("admin01"), &centre.value()->catalogues().roles};
    if (auto r = SiteIdentity::configure(officeStore, QStringLiteral("office"),
                                         QStringLiteral("YL"), officeAdmin);
        !r)
        return r;
    auto officeId = SiteIdentity::ensure(officeStore);
    auto centreId = SiteIdentity::ensure(centreStore);
    if (!officeId || !centreId)
        return officeId ? centreId.error() : officeId.error();
    if (auto r = SyncPeers(officeStore.db())
                     .add(centreId.value().card(), officeId.value().siteId(), officeAdmin, now);
        !r)
        return r;
    if (auto r = SyncPeers(centreStore.db())
                     .add(officeId.value().card(), centreId.value().siteId(), centreAdmin, now);
        !r)
        return r;

    // the office's history: about six events a case, so 17,000 cases make some 100,000 events
    if (auto r = fillDemo(*office.value(), quick ? 1700 : 17000, now); !r)
        return r.error();

    QElapsedTimer timer;
    timer.start();
    auto exported =
        SyncExchange(officeStore, AppContext::refKinds(), office.value()->catalogues().roles)
            .exportTo(centreId.value().siteId(), officeAdmin.name, now);
    if (!exported)
        return exported.error();
    const double exportMs = double(timer.elapsed());
    const int events = exported.value().header.events;
    const qsizetype bytes = exported.value().file.size();
    row(tr("Sync: export %1 events of %2 cases into one package")
            .arg(events)
            .arg(exported.value().header.cases),
        exportMs, QStringLiteral("ms"), tr("target: seconds at most"));
    row(tr("Sync: package size per event (compressed, signed)"), double(bytes) / events,
        QStringLiteral("B"));
    timer.restart();
    auto imported =
        SyncExchange(centreStore, AppContext::refKinds(), office.value()->catalogues().roles)
            .importPackage(exported.value().file, centreAdmin.name, now);
    if (!imported)
        return imported.error();
    row(tr("Sync: import them into the centre's empty store (check, add, re-project)"),
        double(timer.elapsed()), QStringLiteral("ms"), tr("target: seconds at most"));
    timer.restart();
    auto again =
        SyncExchange(centreStore, AppContext::refKinds(), office.value()->catalogues().roles)
            .importPackage(exported.value().file, centreAdmin.name, now);
    if (!again)
        return again.error();
    row(tr("Sync: the same package again (nothing new)"), double(timer.elapsed()),
        QStringLiteral("ms"));
    return {};
}

} // namespace citygrid::cli
