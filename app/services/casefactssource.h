// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "supervision/casefacts.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

namespace citygrid {

class CaseSession;

/// The case facts the supervisors' panels count from: read on a worker with a connection of its
/// own the first time a panel asks, and again (once per burst) whenever cases change after that.
/// GUI thread.
class CaseFactsSource : public QObject
{
    Q_OBJECT
public:
    explicit CaseFactsSource(CaseSession &session, QObject *parent = nullptr);

    /// Starts reading unless the facts are there or on their way.
    void request();
    /// request() for a panel that was just shown, once the event loop has settled whether it
    /// still is (`stillShown`): a dock tabbed behind another is shown and hidden again as the
    /// window lays out, and it must not read a year of cases while the first map frame is drawn.
    void requestAfterLayout(QObject *panel, std::function<bool()> stillShown);
    /// Reads the facts again soon (once per burst), e.g. because the clock moved.
    void reloadSoon();
    /// The facts, once read.
    const CaseFacts *facts() const { return m_facts ? &*m_facts : nullptr; }
    bool isLoading() const { return m_watcher.isRunning(); }

signals:
    void loaded();
    void failed(const QString &message);

private:
    void reload();

    CaseSession &m_session;
    QTimer m_reloadLater;
    QFutureWatcher<Result<CaseFacts>> m_watcher;
    std::optional<CaseFacts> m_facts;
    bool m_wanted = false;
};

} // namespace citygrid
