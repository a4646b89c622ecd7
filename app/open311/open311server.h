// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"
#include "open311/open311keys.h"
#include "open311/open311service.h"

#include <QDateTime>
#include <QHostAddress>
#include <QHttpServer>
#include <QObject>

#include <functional>

namespace citygrid {

/// Open311 GeoReport v2 over HTTP under /open311/v2/: GET services, services/{code},
/// requests, requests/{id}; POST requests with an api key from the keys file (read again
/// whenever it changes). JSON, or XML for a path ending in .xml. Every refusal is GeoReport's
/// error body with the HTTP status that says whose fault it was. A body over 1 MiB is refused
/// unread into the store. Before each request, `refresh` (if set) brings the store up to date
/// (a workstation's copy of the centre). One line per request on `log`. GUI/main thread.
class Open311Server : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 maxBody = 1024 * 1024;
    static QString basePath() { return QStringLiteral("/open311/v2/"); }

    Open311Server(Open311Service &service, QString keysPath, QObject *parent = nullptr);

    /// Listens on `address`:`port` (0: any free port); returns the port.
    Result<quint16> listen(const QHostAddress &address, quint16 port);
    void setRefresh(std::function<Result<void>()> refresh) { m_refresh = std::move(refresh); }
    void setLog(std::function<void(const QString &)> log) { m_log = std::move(log); }

private:
    Open311Reply answer(const QHttpServerRequest &request, QString &clientName);
    Open311Reply post(const QHttpServerRequest &request, QString &clientName);
    /// The client of `key`, the keys file read again if it changed; null if none.
    const Open311Keys::Client *client(const QString &key, QString &problem);

    QHttpServer m_http;
    Open311Service &m_service;
    QString m_keysPath;
    Open311Keys m_keys;
    QDateTime m_keysModified;
    qint64 m_keysSize = -1;
    std::function<Result<void>()> m_refresh;
    std::function<void(const QString &)> m_log;
};

} // namespace citygrid
