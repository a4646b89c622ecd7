// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "store/storebackup.h"

#include "base/partialfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <sqlite3.h>

namespace citygrid {

namespace {

/// Pages copied per step: small enough that writers wait only briefly between steps.
constexpr int pagesPerStep = 1024;

Error failed(const QString &target, const QString &detail)
{
    return Error{QStringLiteral("backup.write"),
                 StoreBackup::tr("The backup %1 could not be written; the store is unchanged. "
                                 "Check that the folder exists and is writable and has room")
                     .arg(target),
                 detail};
}

/// Copies every page of `source` into `target`; restarts by itself when another connection
/// writes meanwhile, as SQLite's backup does.
Result<qint64> copyPages(sqlite3 *source, sqlite3 *target, const Progress &progress)
{
    sqlite3_backup *backup = sqlite3_backup_init(target, "main", source, "main");
    if (!backup)
        return Error{QStringLiteral("backup.write"), {}, QString::fromUtf8(sqlite3_errmsg(target))};
    int rc = SQLITE_OK;
    qint64 pages = 0;
    do {
        rc = sqlite3_backup_step(backup, pagesPerStep);
        pages = sqlite3_backup_pagecount(backup);
        const int left = sqlite3_backup_remaining(backup);
        if (!progress.report(StoreBackup::tr("Copying the store"),
                             pages > 0 ? double(pages - left) / double(pages) : 0)) {
            sqlite3_backup_finish(backup);
            return Error{QStringLiteral("backup.cancelled"),
                         StoreBackup::tr("Cancelled; no backup was written"),
                         {}};
        }
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            QThread::msleep(20); // a writer holds the store a moment
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    const int finished = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE || finished != SQLITE_OK)
        return Error{QStringLiteral("backup.write"), {}, QString::fromUtf8(sqlite3_errstr(rc))};
    return pages;
}

} // namespace

Result<StoreBackup::Written> StoreBackup::write(const SqliteDb &store, const QString &target,
                                                const Progress &progress)
{
    const QFileInfo info(target);
    if (info.absoluteFilePath() == QFileInfo(store.path()).absoluteFilePath())
        return Error{QStringLiteral("backup.same-file"),
                     tr("The backup cannot be written over the store itself; give another file"),
                     {}};
    if (!info.dir().exists())
        return failed(target, tr("no such folder"));
    PartialFile partialFile(target); // removed unless committed
    const QString partial = partialFile.path();
    Written written;
    {
        sqlite3 *copy = nullptr;
        const int opened = sqlite3_open_v2(QFile::encodeName(partial).constData(), &copy,
                                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
        // owner only from the start: a store holds personal data and the site's records
        QFile::setPermissions(partial, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        const auto discard = [&](const Error &error) {
            sqlite3_close(copy);
            QFile::remove(partial + QStringLiteral("-journal"));
            QFile::remove(partial + QStringLiteral("-wal"));
            QFile::remove(partial + QStringLiteral("-shm"));
            return error;
        };
        if (opened != SQLITE_OK)
            return discard(failed(target, QString::fromUtf8(sqlite3_errstr(opened))));
        auto pages = copyPages(store.handle(), copy, progress);
        if (!pages)
            return discard(pages.error().code == QLatin1String("backup.cancelled")
                               ? pages.error()
                               : failed(target, pages.error().detail));
        written.pages = pages.value();
        sqlite3_stmt *check = nullptr;
        bool intact =
            sqlite3_prepare_v2(copy, "PRAGMA quick_check", -1, &check, nullptr) == SQLITE_OK &&
            sqlite3_step(check) == SQLITE_ROW &&
            qstrcmp(reinterpret_cast<const char *>(sqlite3_column_text(check, 0)), "ok") == 0;
        sqlite3_finalize(check);
        if (!intact)
            return discard(failed(target, tr("the copy did not pass SQLite's integrity check")));
        if (sqlite3_close(copy) != SQLITE_OK)
            return discard(failed(target, tr("the copy could not be closed")));
    }
    written.bytes = QFileInfo(partial).size();
    if (!partialFile.commit())
        return failed(target, tr("it could not be moved into place"));
    return written;
}

} // namespace citygrid
