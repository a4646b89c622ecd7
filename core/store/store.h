// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"
#include "grid/gridcatalogue.h"
#include "store/sqlitedb.h"
#include "store/storeupstream.h"

#include <QCoreApplication>

#include <memory>

namespace citygrid {

/// The working store: one GeoPackage file per site. This class owns the SQLite side (metadata,
/// schema version and migrations, attribute reads); the feature tables are written by gis through
/// GDAL. Owned by the application context; use from one thread at a time.
class Store
{
    Q_DECLARE_TR_FUNCTIONS(Store)
public:
    /// Opens an existing store, upgrading an older schema after a backup.
    static Result<std::unique_ptr<Store>> open(const QString &path);
    /// Writes the metadata of a freshly created GeoPackage (called once, by the store builder).
    static Result<void> initialiseMeta(SqliteDb &db, const QString &districtCode,
                                       const QString &districtName, const QString &districtNameEn,
                                       const QString &gridSource);

    QString path() const { return m_db->path(); }
    int schemaVersion() const { return m_schemaVersion; }
    QString meta(const QString &key) const { return meta(*m_db, key); }
    Result<void> setMeta(const QString &key, const QString &value) { return setMeta(*m_db, key, value); }
    /// The same on any connection to a store (an import's own, a worker's).
    static QString meta(const SqliteDb &db, const QString &key);
    static Result<void> setMeta(SqliteDb &db, const QString &key, const QString &value);
    /// The backup taken when this open upgraded the schema, empty if none was needed.
    QString migrationBackup() const { return m_migrationBackup; }

    /// Reads the area hierarchy (codes, names, parents, areas) from the feature tables.
    Result<GridCatalogue> loadCatalogue() const;
    /// Row counts of the feature tables, in hierarchy order.
    Result<QList<QPair<QString, qint64>>> layerCounts() const;

    /// The page cache SQLite keeps for the store, in KiB.
    static constexpr int cacheKiB = 131072;
    SqliteDb &db() { return *m_db; }
    const SqliteDb &db() const { return *m_db; }
    /// The server this store is a replica of (case steps are settled there first); null for a
    /// store of its own.
    StoreUpstream *upstream() const { return m_upstream.get(); }
    void setUpstream(std::shared_ptr<StoreUpstream> upstream) { m_upstream = std::move(upstream); }

private:
    explicit Store(std::unique_ptr<SqliteDb> db) : m_db(std::move(db)) {}
    std::unique_ptr<SqliteDb> m_db;
    int m_schemaVersion = 0;
    QString m_migrationBackup;
    std::shared_ptr<StoreUpstream> m_upstream;
};

} // namespace citygrid
