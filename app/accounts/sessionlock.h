// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QAction;
class QMainWindow;
class QLabel;
class QToolButton;
class QWidget;

namespace citygrid {

class CaseSession;
class LoginPanel;

/// Who is at the workstation: the window starts locked behind a sign-in cover and is unlocked
/// only by an account's password (or, on a new store, by making its first administrator); Lock
/// covers it again for the same person, Switch user for anyone. While locked, the window's
/// actions are off and its other windows hidden; another person signing in closes them. GUI
/// thread; owned by the main window.
class SessionLock : public QObject
{
    Q_OBJECT
public:
    SessionLock(CaseSession &session, QMainWindow *window);

    QAction *lockAction() const { return m_lock; }
    QAction *switchAction() const { return m_switch; }
    /// The toolbar's "who is working": the signed-in person (a name, data, in a label) and a
    /// Lock button whose menu also switches user.
    QWidget *userWidget() const { return m_userWidget; }
    QLabel *userLabel() const { return m_userLabel; }
    bool isLocked() const { return m_cover != nullptr && m_coverShown; }
    LoginPanel *panel() const { return m_panel; }
    /// Locks the window when no key, click or wheel reached the application for the idle time
    /// an administrator set (Settings ▸ Accounts…; 0: never).
    QTimer *idleTimer() { return &m_idle; }
    /// Reads the idle time again and starts counting.
    void armIdleLock();

public slots:
    /// Covers the window; the signed-in person's name is filled in.
    void lock();
    /// Covers the window for anyone to sign in.
    void switchUser();
    /// Covers the window as it opens: the name last signed in here is filled in.
    void lockAtStart();

signals:
    void unlocked();

private:
    void cover(const QString &name);
    void signedIn(const QString &name);
    void showUser();
    bool eventFilter(QObject *watched, QEvent *event) override;

    CaseSession &m_session;
    QMainWindow *m_window;
    QWidget *m_cover = nullptr;
    LoginPanel *m_panel = nullptr;
    bool m_coverShown = false;
    QAction *m_lock;
    QAction *m_switch;
    QWidget *m_userWidget;
    QLabel *m_userLabel;
    QToolButton *m_lockButton;
    QHash<QAction *, bool> m_actionsWereEnabled;
    QList<QPointer<QWidget>> m_hiddenWindows;
    QString m_lockedUser;
    QTimer m_idle;
};

} // namespace citygrid
