// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "centre/pgconnection.h"

#include <QObject>
#include <QSocketNotifier>
#include <QTimer>

#include <memory>
#include <optional>

namespace citygrid {

/// Hears the centre's server say that events were written (LISTEN citygrid_events; the server
/// notifies at each commit), on a connection of its own, woken by its socket: no polling. A
/// dropped connection (the server stopped, the network gone: TCP keepalives notice within
/// seconds) is said at once and tried again every few seconds; once back, `changed` is emitted
/// so the copy catches up on what it missed. Lives on the GUI thread.
class CentreListener : public QObject
{
    Q_OBJECT
public:
    /// `uri`: the account's login role at the centre; `password` its password.
    CentreListener(QString uri, QString password, QObject *parent = nullptr);
    ~CentreListener() override;

    /// Connects and listens (or schedules the next try).
    void start();
    bool isConnected() const { return m_conn.has_value(); }
    /// How long between tries while the server is out of reach.
    static constexpr int retryMs = 3000;

signals:
    /// The server has events this workstation may not have yet.
    void changed();
    /// Connected or lost; `why` says what went wrong when lost.
    void connectionChanged(bool connected, const QString &why);

private:
    void readNotifications();
    void lose(const QString &why);

    QString m_uri, m_password;
    std::optional<PgConnection> m_conn;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QTimer m_retry;
};

} // namespace citygrid
