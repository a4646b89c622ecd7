// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "cases/casealerts.h"

#include <QDateTime>
#include <QWidget>

class QLabel;
class QPushButton;
class QTimer;
class QTreeWidget;

namespace citygrid {

class CaseSession;

/// The notifications of the user signed in: deadline warnings (预警) of the cases of their unit or
/// that they dispatched, escalations of overdue cases for the shift leaders, and the units'
/// acknowledgements for the dispatcher, newest first; what came since the user last marked them
/// read is bold and counted. Worked out again when a case changes, the user changes, and each
/// minute (the clock moves cases into their warning time). Double-click opens the case. GUI
/// thread.
class AlertsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit AlertsPanel(CaseSession &session, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    int unread() const { return m_unread; }
    const QList<CaseAlert> &alerts() const { return m_alerts; }
    /// Everything listed now counts as read (for this account, on this machine).
    void markAllRead();
    void reload();

signals:
    void caseActivated(const QString &caseUuid);
    /// The number of unread notifications changed (the toolbar's count).
    void unreadChanged(int unread);

private:
    QString seenKey() const;

    CaseSession &m_session;
    QLabel *m_title;
    QTreeWidget *m_list;
    QPushButton *m_markRead;
    QTimer *m_minute;
    QTimer *m_soon;
    QList<CaseAlert> m_alerts;
    int m_unread = -1;
};

} // namespace citygrid
