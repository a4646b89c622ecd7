// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"
#include "store/sqlitedb.h"

#include <QCoreApplication>

namespace citygrid {

/// Notices a store that was left uncleanly (a process killed, the power lost) and checks it
/// before anything is written to it; a damaged store is refused, and stays refused (a marker file
/// beside it remembers) until a check passes again, say after it was restored from a backup.
/// Stateless; any thread.
class StoreHealth
{
    Q_DECLARE_TR_FUNCTIONS(StoreHealth)
public:
    /// True if the store's write-ahead log is there while no process has the store open: the last
    /// one to use it did not close it. Looks only at file names and /proc/locks, never opens the
    /// store. Call before opening it.
    static bool leftUnclean(const QString &storePath);
    /// True if an earlier check found the store damaged.
    static bool knownDamaged(const QString &storePath);
    /// SQLite's integrity check; on damage, records it beside the store and returns an error that
    /// says how to restore it.
    static Result<void> check(const SqliteDb &db);
    /// The file that records a failed check.
    static QString markerPath(const QString &storePath);
};

} // namespace citygrid
