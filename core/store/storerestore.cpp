// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "store/storerestore.h"

#include "audit/recordaudit.h"
#include "audit/sitekey.h"
#include "store/store.h"
#include "store/storebackup.h"
#include "store/storeschema.h"

#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <sqlite3.h>

namespace citygrid {

namespace {

Error refused(const QString &code, const QString &message, const QString &detail = {})
{
    return Error{code, message + u' ' + StoreRestore::tr("The store was not changed."), detail};
}

QString firstValue(const SqliteDb &db, const QString &sql)
{
    auto q = Statement::prepare(db, sql);
    if (!q)
        return {};
    auto row = q.value().step();
    return row && row.value() ? q.value().text(0) : QString();
}

} // namespace

QString StoreRestore::asidePath(const QString &storePath, const QDateTime &now)
{
    QString base = storePath;
    if (base.endsWith(QLatin1String(".gpkg")))
        base.chop(5);
    return base +
           QStringLiteral(".before-restore-%1.gpkg")
               .arg(now.toOffsetFromUtc(8 * 3600).toString(QStringLiteral("yyyyMMdd-HHmmss")));
}

Result<StoreRestore::Checked> StoreRestore::check(const QString &backup, const SqliteDb *store,
                                                  const Progress &progress)
{
    if (!QFileInfo::exists(backup))
        return refused(QStringLiteral("restore.missing"), tr("There is no file %1.").arg(backup));
    if (store &&
        QFileInfo(backup).absoluteFilePath() == QFileInfo(store->path()).absoluteFilePath())
        return refused(QStringLiteral("restore.same-file"),
                       tr("%1 is the store itself, not a backup of it.").arg(backup));
    auto db = SqliteDb::open(backup, SqliteDb::Mode::ReadOnly);
    if (!db)
        return refused(QStringLiteral("restore.unreadable"),
                       tr("%1 cannot be opened as a store.").arg(backup), db.error().toText());
    if (firstValue(*db.value(), QStringLiteral("PRAGMA integrity_check")) != QLatin1String("ok"))
        return refused(QStringLiteral("restore.damaged"),
                       tr("The backup %1 is damaged (SQLite's integrity check fails); choose an "
                          "older one.")
                           .arg(backup));
    Checked checked;
    checked.schemaVersion = Store::meta(*db.value(), storeschema::keySchemaVersion()).toInt();
    checked.siteId = Store::meta(*db.value(), storeschema::keySiteId());
    if (checked.schemaVersion <= 0 || checked.siteId.isEmpty())
        return refused(QStringLiteral("restore.not-citygrid"),
                       tr("%1 is not a backup of a CityGrid store.").arg(backup));
    if (checked.schemaVersion != storeschema::version)
        return refused(QStringLiteral("restore.schema"),
                       tr("The backup %1 has schema version %2; this CityGrid restores backups "
                          "of version %3. Open it with citygrid info --store first, which "
                          "upgrades it, then restore it.")
                           .arg(backup)
                           .arg(checked.schemaVersion)
                           .arg(storeschema::version));
    if (store) {
        const QString site = Store::meta(*store, storeschema::keySiteId());
        if (site != checked.siteId)
            return refused(QStringLiteral("restore.other-site"),
                           tr("The backup %1 is of another site (%2), not of this store's (%3). "
                              "Restore it as a new store: citygrid restore FILE --store NEWFILE.")
                               .arg(backup, checked.siteId, site));
        // the backup must be signed by this site's key, not one put into it
        QByteArray key = SiteKey::publicKeyInFile(store->path());
        if (key.isEmpty())
            key = QByteArray::fromBase64(
                Store::meta(*store, storeschema::keySignPublicKey()).toLatin1());
        if (!key.isEmpty() &&
            key != QByteArray::fromBase64(
                       Store::meta(*db.value(), storeschema::keySignPublicKey()).toLatin1()))
            return refused(QStringLiteral("restore.key"),
                           tr("The backup %1 names another signing key than this site's: it was "
                              "altered, or is of another store.")
                               .arg(backup));
    }
    auto audit = RecordAudit::verify(*db.value(), progress);
    if (!audit)
        return audit.error();
    if (!audit.value().intact())
        return refused(QStringLiteral("restore.record"),
                       tr("The record in the backup %1 has been altered: %2. Choose a backup "
                          "that verifies.")
                           .arg(backup, audit.value().findings.first().message));
    checked.records = audit.value().records;
    checked.cases =
        firstValue(*db.value(),
                   QStringLiteral("SELECT count(*) FROM %1").arg(storeschema::casesTable()))
            .toLongLong();
    return checked;
}

Result<StoreRestore::Restored> StoreRestore::restore(SqliteDb &store, const ActingUser &who,
                                                     const QString &backup, const QDateTime &now,
                                                     const Progress &progress)
{
    if (auto account = who.check(store, Right::Backup); !account)
        return account.error();
    auto checked = check(backup, &store, progress);
    if (!checked)
        return checked.error();
    Restored restored{checked.value(), asidePath(store.path(), now)};
    if (auto kept = StoreBackup::write(store, restored.keptAside, progress); !kept)
        return refused(QStringLiteral("restore.aside"),
                       tr("The store as it is could not be kept aside before the restore."),
                       kept.error().toText());
    // The backup's pages go into the store through its own connection: other connections see
    // the restored store at their next read, and a failure part-way rolls back.
    sqlite3 *source = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(backup).constData(), &source, SQLITE_OPEN_READONLY,
                        nullptr) != SQLITE_OK) {
        sqlite3_close(source);
        return refused(QStringLiteral("restore.unreadable"),
                       tr("%1 cannot be opened as a store.").arg(backup));
    }
    // a connection of its own: the caller's may have statements open (a window's lists)
    auto target = SqliteDb::open(store.path());
    if (!target) {
        sqlite3_close(source);
        return target.error();
    }
    sqlite3_backup *copy = sqlite3_backup_init(target.value()->handle(), "main", source, "main");
    int rc = copy ? SQLITE_OK : sqlite3_errcode(target.value()->handle());
    while (copy && (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)) {
        rc = sqlite3_backup_step(copy, -1);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            QThread::msleep(50); // another workstation is writing: wait for it
    }
    const int finished = copy ? sqlite3_backup_finish(copy) : rc;
    sqlite3_close(source);
    if (rc != SQLITE_DONE || finished != SQLITE_OK)
        return refused(QStringLiteral("restore.write"),
                       tr("The backup could not be copied into the store (%1 is busy or the disk "
                          "is full); the store as it was is also kept in %2.")
                           .arg(store.path(), restored.keptAside),
                       QString::fromUtf8(sqlite3_errstr(rc)));
    return restored;
}

} // namespace citygrid
