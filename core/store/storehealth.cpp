// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "store/storehealth.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace citygrid {

namespace {

/// Whether a process other than this one holds a lock on the file (SQLite keeps one on the
/// shared-memory file for as long as a connection is open). /proc/locks names a file by its
/// device as "major:minor" in hex and its inode in decimal.
bool lockedByAnother(const QString &file)
{
    struct stat info;
    if (::stat(QFile::encodeName(file).constData(), &info) != 0)
        return false;
    QFile locks(QStringLiteral("/proc/locks"));
    if (!locks.open(QIODevice::ReadOnly | QIODevice::Text))
        return false; // not Linux: treat as nobody, at worst the store is checked once more
    const QByteArray inode = QStringLiteral("%1:%2:%3")
                                 .arg(major(info.st_dev), 2, 16, QLatin1Char('0'))
                                 .arg(minor(info.st_dev), 2, 16, QLatin1Char('0'))
                                 .arg(quint64(info.st_ino))
                                 .toLatin1();
    const QByteArray self = QByteArray::number(qint64(::getpid()));
    for (const QByteArray &line : locks.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        // "1: POSIX  ADVISORY  READ 1234 08:01:5678 128 128" (a "->" marks a blocked waiter)
        const qsizetype at = fields.indexOf(inode);
        if (at > 0 && fields[at - 1] != self)
            return true;
    }
    return false;
}

QStringList backupsOf(const QString &storePath)
{
    const QFileInfo store(storePath);
    QStringList found;
    for (const QFileInfo &file : store.dir().entryInfoList(
             {store.fileName() + QStringLiteral(".*.bak")}, QDir::Files, QDir::Time))
        found << file.filePath();
    return found;
}

} // namespace

QString StoreHealth::markerPath(const QString &storePath)
{
    return storePath + QStringLiteral(".damaged");
}

bool StoreHealth::leftUnclean(const QString &storePath)
{
    if (!QFileInfo::exists(storePath + QStringLiteral("-wal")))
        return false;
    return !lockedByAnother(storePath + QStringLiteral("-shm"));
}

bool StoreHealth::knownDamaged(const QString &storePath)
{
    return QFileInfo::exists(markerPath(storePath));
}

Result<void> StoreHealth::check(const SqliteDb &db)
{
    QStringList problems;
    auto query = Statement::prepare(db, QStringLiteral("PRAGMA integrity_check(20)"));
    if (!query) {
        problems << query.error().detail;
    } else {
        const auto read = query.value().forEachRow([&](const Statement &q) {
            if (q.text(0) != QLatin1String("ok"))
                problems << q.text(0);
        });
        if (!read)
            problems << read.error().detail;
    }
    const QString marker = markerPath(db.path());
    if (problems.isEmpty()) {
        QFile::remove(marker);
        return {};
    }
    QFile record(marker);
    if (record.open(QIODevice::WriteOnly | QIODevice::Truncate))
        record.write(problems.join(u'\n').toUtf8() + '\n');
    const QStringList backups = backupsOf(db.path());
    const QString advice =
        backups.isEmpty()
            ? tr("Replace it with a backup or with the store of another workstation.")
            : tr("Replace it with a backup (the newest CityGrid kept here is %1) or with the "
                 "store of another workstation.")
                  .arg(backups.first());
    return Error{QStringLiteral("store.damaged"),
                 tr("The store %1 is damaged, so CityGrid will not write to it: %2 Nothing was "
                    "changed. Once a good copy is in place, CityGrid checks it again at the next "
                    "start.")
                     .arg(db.path(), advice),
                 problems.join(QStringLiteral("; "))};
}

} // namespace citygrid
