// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "centre/centrelistener.h"

#include <QDateTime>
#include <QObject>

namespace citygrid {

class CaseSession;

/// Keeps a workstation of the centre live: when the server says events were written, brings the
/// copy up to date and tells everything showing those cases (list, map, case view, wall display)
/// through the session; says whether the server is in reach, and since when it is not. GUI
/// thread; only for a store that is a copy of the centre.
class CentreFeed : public QObject
{
    Q_OBJECT
public:
    CentreFeed(CaseSession &session, QObject *parent = nullptr);

    bool isConnected() const { return m_listener && m_listener->isConnected(); }
    /// "Centre citygrid on 127.0.0.1:55432 · live" or why not, for the status bar.
    QString stateText() const;
    /// The cases brought in by the last catch-up.
    int lastCaught() const { return m_lastCaught; }
    /// Brings the copy up to date now and tells what changed (as the server's news does); the
    /// reason when the server could not be reached.
    Result<void> catchUp();

signals:
    void stateChanged();
    /// The copy was brought up to date (`cases` changed).
    void caughtUp(int cases);

private:
    CaseSession &m_session;
    std::unique_ptr<CentreListener> m_listener;
    QString m_problem;
    QDateTime m_lostSince;
    int m_lastCaught = 0;
};

} // namespace citygrid
