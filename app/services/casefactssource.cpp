// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "services/casefactssource.h"

#include "services/casesession.h"
#include "services/threadpools.h"

#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace citygrid {

CaseFactsSource::CaseFactsSource(CaseSession &session, QObject *parent)
    : QObject(parent), m_session(session)
{
    // A burst of steps (a multi-dispatch) reads the cases once.
    m_reloadLater.setSingleShot(true);
    m_reloadLater.setInterval(300);
    connect(&m_reloadLater, &QTimer::timeout, this, &CaseFactsSource::reload);
    connect(&m_session, &CaseSession::caseChanged, this, [this] {
        if (m_wanted)
            m_reloadLater.start();
    });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        auto facts = m_watcher.result();
        if (!facts) {
            emit failed(facts.error().message);
            return;
        }
        m_facts = std::move(facts).value();
        emit loaded();
    });
}

void CaseFactsSource::request()
{
    m_wanted = true;
    if (!m_facts && !m_watcher.isRunning())
        reload();
}

void CaseFactsSource::requestAfterLayout(QObject *panel, std::function<bool()> stillShown)
{
    QTimer::singleShot(0, panel, [this, stillShown = std::move(stillShown)] {
        if (stillShown())
            request();
    });
}

void CaseFactsSource::reloadSoon()
{
    if (m_wanted)
        m_reloadLater.start();
}

void CaseFactsSource::reload()
{
    if (m_watcher.isRunning()) {
        m_reloadLater.start();
        return;
    }
    m_watcher.setFuture(
        QtConcurrent::run(threadpools::load(), [path = m_session.context().storePath(), now = m_session.now(),
                           calendar = m_session.catalogues().calendar]() -> Result<CaseFacts> {
            auto db = SqliteDb::open(path, SqliteDb::Mode::ReadOnly);
            if (!db)
                return db.error();
            return CaseFacts::load(*db.value(), now, calendar);
        }));
}

} // namespace citygrid
