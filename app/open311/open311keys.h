// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>

namespace citygrid {

/// The Open311 clients allowed to post requests, one api key each, kept in a text file beside the
/// service (owner-only; one line per client: name, channel, coordinate system, the key's SHA-256,
/// when made). The file never holds a key itself: a key is shown once, when it is made. Each
/// client says how its reports come in (the case channel: the city platform's are "assigned",
/// a public app's "hotline") and in which datum its points are (WGS 84, or GCJ-02 for a Chinese
/// web map's). Value type; any thread.
class Open311Keys
{
    Q_DECLARE_TR_FUNCTIONS(Open311Keys)
public:
    struct Client
    {
        QString name;
        QString channel;
        bool gcj02 = false; ///< its points are GCJ-02, converted before they are placed
        QByteArray keyHash; ///< hex SHA-256 of the key
        QDateTime created;
    };

    /// The clients of `path`; a file that does not exist holds none. A line that cannot be read
    /// is an error that names it.
    static Result<Open311Keys> load(const QString &path);
    /// Adds a client and returns its new key (64 hex digits). Refuses a name in use, a name with
    /// spaces or control characters, an unknown channel or datum.
    static Result<QString> add(const QString &path, const QString &name, const QString &channel,
                               const QString &datum);
    /// Takes a client's key away; at once for a running service (it reads the file again when
    /// it changes).
    static Result<void> revoke(const QString &path, const QString &name);

    /// The client holding `key`, or null (compared by hash, in constant time).
    const Client *match(const QString &key) const;
    const QList<Client> &clients() const { return m_clients; }

private:
    Result<void> save(const QString &path) const;

    QList<Client> m_clients;
};

} // namespace citygrid
