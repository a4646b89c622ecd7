// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "services/dailybackups.h"

#include "store/storebackup.h"
#include "store/storeschema.h"

#include <QDir>
#include <QFileInfo>

namespace citygrid {

QString DailyBackups::folderFor(const QString &storePath)
{
    return storePath + QStringLiteral(".backups");
}

QList<DailyBackups::Entry> DailyBackups::list(const QString &storePath)
{
    QList<Entry> entries;
    const QDir folder(folderFor(storePath));
    for (const QFileInfo &f : folder.entryInfoList({QStringLiteral("*.gpkg")}, QDir::Files,
                                                   QDir::Name | QDir::Reversed)) {
        const QDate day = QDate::fromString(f.completeBaseName(), Qt::ISODate);
        if (day.isValid())
            entries.append({f.absoluteFilePath(), day, f.size()});
    }
    return entries;
}

int DailyBackups::keep(const SqliteDb &db)
{
    bool ok = false;
    const int days = Store::meta(db, storeschema::keyBackupKeep()).toInt(&ok);
    return ok && days > 0 ? days : defaultKeep;
}

Result<void> DailyBackups::setKeep(SqliteDb &db, const ActingUser &who, int days)
{
    if (auto account = who.check(db, Right::Backup); !account)
        return account.error();
    if (days < 1 || days > 365)
        return Error{QStringLiteral("backup.keep"),
                     tr("Keep between 1 and 365 daily backups, not %1").arg(days),
                     {}};
    return Store::setMeta(db, storeschema::keyBackupKeep(), QString::number(days));
}

Result<QString> DailyBackups::ensure(const SqliteDb &db, QDate day, bool force)
{
    const QString folderPath = folderFor(db.path());
    QDir folder(folderPath);
    if (!folder.exists() &&
        (!QDir().mkpath(folderPath) ||
         !QFile::setPermissions(folderPath,
                                QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner)))
        return Error{QStringLiteral("backup.folder"),
                     tr("The folder for daily backups %1 cannot be made").arg(folderPath),
                     {}};
    const QString target = folder.filePath(day.toString(Qt::ISODate) + QStringLiteral(".gpkg"));
    QString written;
    if (force || !QFileInfo::exists(target)) {
        if (auto r = StoreBackup::write(db, target); !r)
            return r.error();
        written = target;
    }
    const QList<Entry> entries = list(db.path());
    for (qsizetype i = keep(db); i < entries.size(); ++i)
        QFile::remove(entries[i].path);
    return written;
}

} // namespace citygrid
