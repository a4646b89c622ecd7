// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "services/centreaddress.h"

#include "centre/centreschema.h"

#include <QCoreApplication>
#include <QStandardPaths>
#include <QUrl>

namespace citygrid::centreaddress {

namespace {

QString database(const QUrl &url)
{
    const QString path = url.path();
    return path.startsWith(u'/') ? path.mid(1) : path;
}

} // namespace

bool isCentre(const QString &store)
{
    return store.startsWith(QLatin1String("postgresql://")) ||
           store.startsWith(QLatin1String("postgres://"));
}

QString problem(const QString &uri)
{
    const QUrl url(uri);
    if (!url.isValid() || url.host().isEmpty() || database(url).isEmpty())
        return QCoreApplication::translate(
                   "centreaddress",
                   "\"%1\" is not a centre's address: give postgresql://ACCOUNT@HOST:PORT/DATABASE")
            .arg(uri);
    return {};
}

QString account(const QString &uri)
{
    return QUrl(uri).userName();
}

QString accountUri(const QString &uri, const QString &account)
{
    QUrl url(uri);
    url.setUserName(CentreSchema::accountRole(database(url), account));
    url.setPassword({});
    return url.toString();
}

QString replicaPath(const QString &uri, const QString &account)
{
    const QUrl url(uri);
    const QString place =
        QStringLiteral("%1_%2_%3").arg(url.host(), QString::number(url.port(5432)), database(url));
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/centres/") + place + u'/' + account + QStringLiteral(".gpkg");
}

QString shown(const QString &uri)
{
    const QUrl url(uri);
    // the same in every language: it is kept in the copy and read in messages of either
    return QStringLiteral("%1:%2/%3").arg(url.host()).arg(url.port(5432)).arg(database(url));
}

} // namespace citygrid::centreaddress
