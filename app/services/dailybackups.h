// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "accounts/actinguser.h"
#include "catalogues/rolecatalogue.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QDate>

namespace citygrid {

/// The window's daily backups of its store: one a day, "<store>.backups/YYYY-MM-DD.gpkg"
/// (owner-only folder and files), the oldest removed beyond the number the store keeps (a store
/// setting an administrator sets; 7 unless set). Any thread; one store connection per call.
class DailyBackups
{
    Q_DECLARE_TR_FUNCTIONS(DailyBackups)
public:
    static constexpr int defaultKeep = 7;
    struct Entry
    {
        QString path;
        QDate day;
        qint64 bytes = 0;
    };
    static QString folderFor(const QString &storePath);
    /// Newest first.
    static QList<Entry> list(const QString &storePath);
    static int keep(const SqliteDb &db);
    /// Only an account whose role may back up (the permission table's `backup`) sets it.
    static Result<void> setKeep(SqliteDb &db, const ActingUser &who, int days);
    /// Writes `day`'s backup unless there is one (`force`: again), then removes the oldest
    /// beyond keep(). The path written, or empty when there was one already.
    static Result<QString> ensure(const SqliteDb &db, QDate day, bool force = false);
};

} // namespace citygrid
