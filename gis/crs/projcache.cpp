// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "crs/projcache.h"

#include <proj.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QSaveFile>
#include <QStandardPaths>

namespace citygrid::projcache {

namespace {

QString key(const QString &from, const QString &to)
{
    return from + QStringLiteral(" > ") + to;
}

QString version()
{
    return QString::fromLatin1(proj_info().version);
}

QString filePath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    return dir.isEmpty() ? QString() : dir + QStringLiteral("/citygrid/proj-pipelines.json");
}

struct Cache
{
    QMutex mutex;
    QHash<QString, QByteArray> pipelines;
    bool loaded = false;

    void loadLocked()
    {
        if (loaded)
            return;
        loaded = true;
        QFile file(filePath());
        if (filePath().isEmpty() || !file.open(QIODevice::ReadOnly))
            return;
        const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        if (json[QLatin1String("proj")].toString() != version())
            return; // another PROJ may find other operations
        const QJsonObject stored = json[QLatin1String("pipelines")].toObject();
        for (auto it = stored.begin(); it != stored.end(); ++it)
            pipelines.insert(it.key(), it.value().toString().toUtf8());
    }

    void saveLocked() const
    {
        if (filePath().isEmpty())
            return;
        QDir().mkpath(QFileInfo(filePath()).absolutePath());
        QJsonObject stored;
        for (auto it = pipelines.cbegin(); it != pipelines.cend(); ++it)
            stored.insert(it.key(), QString::fromUtf8(it.value()));
        QSaveFile file(filePath());
        if (!file.open(QIODevice::WriteOnly))
            return; // a cache: without it PROJ is asked again
        file.write(QJsonDocument(QJsonObject{{QStringLiteral("proj"), version()},
                                             {QStringLiteral("pipelines"), stored}})
                       .toJson());
        (void)file.commit();
    }
};

Cache &cache()
{
    static Cache c;
    return c;
}

} // namespace

QByteArray pipeline(const QString &from, const QString &to)
{
    Cache &c = cache();
    QMutexLocker lock(&c.mutex);
    c.loadLocked();
    return c.pipelines.value(key(from, to));
}

void keep(const QString &from, const QString &to, const QByteArray &pipeline)
{
    Cache &c = cache();
    QMutexLocker lock(&c.mutex);
    c.loadLocked();
    if (c.pipelines.value(key(from, to)) == pipeline)
        return;
    c.pipelines.insert(key(from, to), pipeline);
    c.saveLocked();
}

} // namespace citygrid::projcache
