// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "centre/centrelistener.h"

#include <libpq-fe.h>

namespace citygrid {

CentreListener::CentreListener(QString uri, QString password, QObject *parent)
    : QObject(parent), m_uri(std::move(uri)), m_password(std::move(password))
{
    m_retry.setSingleShot(true);
    m_retry.setInterval(retryMs);
    connect(&m_retry, &QTimer::timeout, this, &CentreListener::start);
}

CentreListener::~CentreListener() = default;

void CentreListener::start()
{
    auto conn = PgConnection::open(m_uri, m_password);
    if (conn)
        if (auto r = conn.value().run(QStringLiteral("LISTEN citygrid_events")); !r)
            conn = r.error();
    if (!conn) {
        lose(conn.error().message);
        return;
    }
    m_conn = std::move(conn).value();
    m_notifier = std::make_unique<QSocketNotifier>(PQsocket(m_conn->raw()), QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this,
            &CentreListener::readNotifications);
    emit connectionChanged(true, {});
    emit changed(); // whatever was written while this workstation was not listening
}

void CentreListener::readNotifications()
{
    if (!m_conn)
        return;
    if (PQconsumeInput(m_conn->raw()) == 0 || PQstatus(m_conn->raw()) != CONNECTION_OK) {
        lose(QString::fromUtf8(PQerrorMessage(m_conn->raw())).trimmed());
        return;
    }
    bool any = false;
    // everything libpq has read, also what came in with an answer before the socket said so
    while (PGnotify *note = PQnotifies(m_conn->raw())) {
        any = true;
        PQfreemem(note);
    }
    if (any)
        emit changed();
}

void CentreListener::lose(const QString &why)
{
    const bool wasConnected = m_conn.has_value();
    m_notifier.reset();
    m_conn.reset();
    if (wasConnected || !m_retry.isActive())
        emit connectionChanged(false, why);
    m_retry.start();
}

} // namespace citygrid
