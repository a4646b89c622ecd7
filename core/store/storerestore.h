// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "accounts/actinguser.h"
#include "base/progress.h"
#include "catalogues/rolecatalogue.h"
#include "store/sqlitedb.h"

#include <QCoreApplication>

namespace citygrid {

/// Puts a backup back in place of the store. The backup is checked first — SQLite's integrity
/// check, a CityGrid store of this site at a schema this build reads, its record intact against
/// its hash chains — and the store as it is is kept aside (an online backup beside it); then the
/// backup's pages are copied into the store through its own open connection (SQLite's backup),
/// so other workstations with the store open see the restored store, and no file is replaced
/// under them. One thread.
class StoreRestore
{
    Q_DECLARE_TR_FUNCTIONS(StoreRestore)
public:
    struct Checked
    {
        QString siteId;
        int schemaVersion = 0;
        qint64 records = 0; ///< links of the record checked
        qint64 cases = 0;
    };
    /// Checks `backup` as a replacement for the store open as `store` (null: there is none, any
    /// site's backup will do).
    static Result<Checked> check(const QString &backup, const SqliteDb *store,
                                 const Progress &progress = {});
    struct Restored
    {
        Checked backup;
        QString keptAside; ///< where the store as it was went
    };
    /// Only an account of the store whose role may back up and restore (Right::Backup) may.
    static Result<Restored> restore(SqliteDb &store, const ActingUser &who, const QString &backup,
                                    const QDateTime &now, const Progress &progress = {});
    /// "<store>.before-restore-20261205-0930.gpkg"
    static QString asidePath(const QString &storePath, const QDateTime &now);
};

} // namespace citygrid
