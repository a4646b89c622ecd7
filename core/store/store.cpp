// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "store/store.h"

#include "calendar/districttime.h"
#include "store/storehealth.h"
#include "store/storemigrator.h"
#include "store/storeschema.h"

#include <QFileInfo>
#include <QUuid>

namespace citygrid {

using namespace storeschema;

Result<std::unique_ptr<Store>> Store::open(const QString &path)
{
    if (!QFileInfo::exists(path))
        return Error{
            QStringLiteral("store.missing"), tr("The store %1 does not exist").arg(path), {}};
    // Decided before opening: once this process has the store open, its own locks are there too.
    const bool needsCheck = StoreHealth::leftUnclean(path) || StoreHealth::knownDamaged(path);
    auto db = SqliteDb::open(path);
    if (!db)
        return db.error();
    if (needsCheck)
        if (auto r = StoreHealth::check(*db.value()); !r)
            return r.error();
    std::unique_ptr<Store> store(new Store(std::move(db).value()));
    auto versionQuery = Statement::prepare(
        store->db(), QStringLiteral("SELECT value FROM %1 WHERE key = ?1").arg(metaTable()));
    if (!versionQuery)
        return Error{QStringLiteral("store.not-citygrid"),
                     tr("%1 is not a CityGrid store (it has no CityGrid metadata)").arg(path),
                     versionQuery.error().detail};
    versionQuery.value().bind(1, keySchemaVersion());
    auto row = versionQuery.value().step();
    if (!row || !row.value())
        return Error{QStringLiteral("store.not-citygrid"),
                     tr("%1 is not a CityGrid store (it records no schema version)").arg(path),
                     {}};
    store->m_schemaVersion = int(versionQuery.value().text(0).toInt());
    versionQuery.value().reset();
    if (store->m_schemaVersion > storeschema::version)
        return Error{
            QStringLiteral("store.too-new"),
            tr("The store %1 was written by a newer CityGrid (schema %2; this one reads up "
               "to %3). Update CityGrid to open it.")
                .arg(path)
                .arg(store->m_schemaVersion)
                .arg(storeschema::version),
            {}};
    if (store->m_schemaVersion < storeschema::version) {
        StoreMigrator migrator(StoreMigrator::builtinSteps());
        auto backup = migrator.migrate(store->db(), store->m_schemaVersion, storeschema::version);
        if (!backup)
            return backup.error();
        store->m_migrationBackup = backup.value();
        store->m_schemaVersion = storeschema::version;
    }
    (void)store->db().exec(QStringLiteral("PRAGMA journal_mode = WAL"));
    districttime::setZone(store->meta(keyTimeZone()));
    // A page cache of up to 128 MiB (used only as the store grows); bulk loads grow it for their
    // length.
    (void)store->db().exec(QStringLiteral("PRAGMA cache_size = -%1").arg(cacheKiB));
    return store;
}

Result<void> Store::initialiseMeta(SqliteDb &db, const QString &districtCode,
                                   const QString &districtName, const QString &districtNameEn,
                                   const QString &gridSource)
{
    // Registered in gpkg_contents as an attributes table, so GIS tools list it as ordinary data.
    const QString sql =
        QStringLiteral(
            "CREATE TABLE IF NOT EXISTS %1 (id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT "
            "NULL UNIQUE,"
            " value TEXT);"
            "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description)"
            " VALUES ('%1', 'attributes', '%1', 'CityGrid store metadata');")
            .arg(metaTable());
    if (auto r = db.exec(sql); !r)
        return r;
    auto insert = Statement::prepare(
        db,
        QStringLiteral("INSERT OR REPLACE INTO %1 (key, value) VALUES (?1, ?2)").arg(metaTable()));
    if (!insert)
        return insert.error();
    const QList<QPair<QString, QString>> values = {
        {keySchemaVersion(),
         QStringLiteral("1")}, // the grid's schema; the steps below add the rest
        {keySiteId(), QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {keyDistrictCode(), districtCode},
        {keyDistrictName(), districtName},
        {keyDistrictNameEn(), districtNameEn},
        {keyGridSource(), gridSource},
    };
    for (const auto &[key, value] : values) {
        insert.value().bind(1, key).bind(2, value);
        if (auto r = insert.value().run(); !r)
            return r;
    }
    return StoreMigrator(StoreMigrator::builtinSteps()).applySteps(db, 1, storeschema::version);
}

QString Store::meta(const SqliteDb &db, const QString &key)
{
    auto query = Statement::prepare(
        db, QStringLiteral("SELECT value FROM %1 WHERE key = ?1").arg(metaTable()));
    if (!query)
        return {};
    query.value().bind(1, key);
    auto row = query.value().step();
    return row && row.value() ? query.value().text(0) : QString();
}

Result<void> Store::setMeta(SqliteDb &db, const QString &key, const QString &value)
{
    auto query = Statement::prepare(
        db,
        QStringLiteral("INSERT OR REPLACE INTO %1 (key, value) VALUES (?1, ?2)").arg(metaTable()));
    if (!query)
        return query.error();
    query.value().bind(1, key).bind(2, value);
    return query.value().run();
}

Result<GridCatalogue> Store::loadCatalogue() const
{
    GridCatalogue catalogue;
    catalogue.setDistrict(meta(keyDistrictCode()), meta(keyDistrictName()),
                          meta(keyDistrictNameEn()));
    struct Source
    {
        GridLevel level;
        QString sql;
    };
    const QList<Source> sources = {
        {GridLevel::Subdistrict, QStringLiteral("SELECT code, name, name_en, '', area_km2 FROM %1")
                                     .arg(subdistrictsTable())},
        {GridLevel::Community,
         QStringLiteral("SELECT code, name, name_en, subdistrict_code, area_km2 FROM %1")
             .arg(communitiesTable())},
        {GridLevel::Cell, QStringLiteral("SELECT code, name, '', community_code, area_km2 FROM %1")
                              .arg(cellsTable())},
    };
    for (const Source &source : sources) {
        auto query = Statement::prepare(*m_db, source.sql);
        if (!query)
            return query.error();
        const auto read = query.value().forEachRow([&](const Statement &q) {
            catalogue.add({source.level, q.text(0), q.text(1), q.text(2), q.text(3), q.real(4)});
        });
        if (!read)
            return read.error();
    }
    return catalogue;
}

Result<QList<QPair<QString, qint64>>> Store::layerCounts() const
{
    QList<QPair<QString, qint64>> counts;
    for (const QString &table : {subdistrictsTable(), communitiesTable(), cellsTable()}) {
        auto query =
            Statement::prepare(*m_db, QStringLiteral("SELECT count(*) FROM %1").arg(table));
        if (!query)
            return query.error();
        auto row = query.value().step();
        if (!row)
            return row.error();
        counts.append({table, query.value().integer(0)});
    }
    return counts;
}

} // namespace citygrid
