// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "accounts/sessionlock.h"

#include "accounts/loginpanel.h"
#include "services/casesession.h"

#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QToolButton>

namespace citygrid {

SessionLock::SessionLock(CaseSession &session, QMainWindow *window)
    : QObject(window), m_session(session), m_window(window),
      m_lock(new QAction(tr("Lock"), window)), m_switch(new QAction(tr("Switch user…"), window)),
      m_userWidget(new QWidget(window)), m_userLabel(new QLabel(m_userWidget)),
      m_lockButton(new QToolButton(m_userWidget))
{
    m_lock->setObjectName(QStringLiteral("lockSession"));
    m_lock->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_lock->setToolTip(tr("Lock the window; your password opens it again (Ctrl+L)"));
    m_switch->setObjectName(QStringLiteral("switchUser"));
    connect(m_lock, &QAction::triggered, this, &SessionLock::lock);
    connect(m_switch, &QAction::triggered, this, &SessionLock::switchUser);
    m_userLabel->setObjectName(QStringLiteral("userLabel"));
    m_userLabel->setToolTip(tr("Who is working: every step is recorded as this account, and its "
                               "role decides which steps are offered"));
    m_lockButton->setObjectName(QStringLiteral("lockButton"));
    m_lockButton->setDefaultAction(m_lock);
    m_lockButton->setPopupMode(QToolButton::MenuButtonPopup);
    m_lockButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *menu = new QMenu(m_lockButton);
    menu->addActions({m_lock, m_switch});
    m_lockButton->setMenu(menu);
    auto *row = new QHBoxLayout(m_userWidget);
    row->setContentsMargins(6, 0, 0, 0);
    row->addWidget(m_userLabel);
    row->addWidget(m_lockButton);
    connect(&m_session, &CaseSession::userChanged, this, &SessionLock::showUser);
    showUser();
    window->installEventFilter(this);
    m_idle.setSingleShot(true);
    connect(&m_idle, &QTimer::timeout, this, [this] {
        if (!isLocked())
            lock();
    });
    qApp->installEventFilter(this);
    armIdleLock();
}

void SessionLock::armIdleLock()
{
    const int minutes = m_session.context().accounts().idleLockMinutes();
    if (minutes <= 0) {
        m_idle.stop();
        return;
    }
    m_idle.start(minutes * 60 * 1000);
}

void SessionLock::showUser()
{
    m_userLabel->setText(m_session.userLabel(m_session.userId()));
}

void SessionLock::lock()
{
    cover(m_session.userId());
}

void SessionLock::switchUser()
{
    cover({});
}

void SessionLock::lockAtStart()
{
    cover(CaseSession::rememberedUserId());
}

void SessionLock::cover(const QString &name)
{
    if (!m_cover) {
        m_cover = new QFrame(m_window);
        m_cover->setObjectName(QStringLiteral("lockCover"));
        // dark all over (the selector names the cover alone: the card keeps the window's look)
        m_cover->setStyleSheet(QStringLiteral("#lockCover { background: #263238; }"));
        auto *card = new QFrame(m_cover);
        card->setObjectName(QStringLiteral("lockCard"));
        card->setAutoFillBackground(true);
        card->setFrameShape(QFrame::StyledPanel);
        m_panel = new LoginPanel(m_session.context(), card);
        auto *cardLayout = new QGridLayout(card);
        cardLayout->setContentsMargins(24, 20, 24, 20);
        cardLayout->addWidget(m_panel);
        auto *layout = new QGridLayout(m_cover);
        layout->addWidget(card, 1, 1);
        layout->setRowStretch(0, 1);
        layout->setRowStretch(2, 1);
        layout->setColumnStretch(0, 1);
        layout->setColumnStretch(2, 1);
        connect(m_panel, &LoginPanel::signedIn, this, &SessionLock::signedIn);
    }
    if (!m_coverShown) {
        m_coverShown = true;
        m_lockedUser = m_session.userId();
        // nothing of the window answers while it is covered: its actions are off, its other
        // windows (case views, editors) hidden
        m_actionsWereEnabled.clear();
        for (QAction *action : m_window->findChildren<QAction *>()) {
            if (action == m_lock || action == m_switch)
                continue;
            m_actionsWereEnabled.insert(action, action->isEnabled());
            action->setEnabled(false);
        }
        m_hiddenWindows.clear();
        for (QWidget *w : QApplication::topLevelWidgets())
            if (w != m_window && w->isVisible() && !w->inherits("QMenu")) {
                m_hiddenWindows.append(w);
                w->hide();
            }
    }
    m_lock->setEnabled(false);
    m_switch->setEnabled(false);
    m_cover->setGeometry(m_window->rect());
    m_cover->show();
    m_cover->raise();
    m_panel->prepare(name);
}

void SessionLock::signedIn(const QString &name)
{
    const bool samePerson = name == m_lockedUser;
    for (auto it = m_actionsWereEnabled.cbegin(); it != m_actionsWereEnabled.cend(); ++it)
        it.key()->setEnabled(it.value());
    m_actionsWereEnabled.clear();
    m_lock->setEnabled(true);
    m_switch->setEnabled(true);
    for (const QPointer<QWidget> &w : std::as_const(m_hiddenWindows))
        if (w)
            samePerson ? w->show() : (void)w->close();
    m_hiddenWindows.clear();
    m_cover->hide();
    m_coverShown = false;
    // after the actions are back: what the new person may do is decided again (with the
    // accounts as they are now: one may have been made at another workstation)
    (void)m_session.context().reloadAccounts();
    m_session.setUserId(name);
    showUser();
    armIdleLock();
    emit unlocked();
}

bool SessionLock::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::Resize:
        if (watched == m_window && m_cover)
            m_cover->setGeometry(m_window->rect());
        break;
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
        if (!isLocked() && m_idle.isActive())
            m_idle.start(); // someone is working: the idle time starts again
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace citygrid
