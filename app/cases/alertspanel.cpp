// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/alertspanel.h"

#include "calendar/districttime.h"
#include "services/casesession.h"
#include "widgets/tablefit.h"

#include <QCryptographicHash>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace citygrid {

namespace {

QString kindName(CaseAlert::Kind kind)
{
    switch (kind) {
    case CaseAlert::Kind::Warning:
        return AlertsPanel::tr("Deadline warning");
    case CaseAlert::Kind::Escalation:
        return AlertsPanel::tr("Escalated: overdue");
    case CaseAlert::Kind::Acknowledged:
        return AlertsPanel::tr("Acknowledged");
    }
    return {};
}

QColor kindColour(const CaseAlert &alert)
{
    if (alert.kind == CaseAlert::Kind::Acknowledged)
        return QColor(0x2e, 0x7d, 0x32);
    return alert.overdue ? QColor(0xc6, 0x28, 0x28) : QColor(0xb2, 0x6a, 0x00);
}

} // namespace

AlertsPanel::AlertsPanel(CaseSession &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_title(new QLabel(this)), m_list(new QTreeWidget(this)),
      m_markRead(new QPushButton(tr("Mark all read"), this)), m_minute(new QTimer(this)),
      m_soon(new QTimer(this))
{
    setObjectName(QStringLiteral("alertsPanel"));
    m_list->setObjectName(QStringLiteral("alertsList"));
    m_list->setColumnCount(5);
    m_list->setHeaderLabels(
        {tr("Since"), tr("Notification"), tr("Case"), tr("Unit"), tr("Time left / by")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    TableFit::install(m_list, m_list->header(), 3);
    m_title->setWordWrap(true);

    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_markRead);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_list, 1);

    connect(m_markRead, &QPushButton::clicked, this, &AlertsPanel::markAllRead);
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        emit caseActivated(item->data(0, Qt::UserRole).toString());
    });
    // many cases changed at once (a catch-up from the centre, an import): worked out once after
    m_soon->setSingleShot(true);
    m_soon->setInterval(0);
    connect(m_soon, &QTimer::timeout, this, &AlertsPanel::reload);
    connect(&m_session, &CaseSession::caseChanged, m_soon, qOverload<>(&QTimer::start));
    connect(&m_session, &CaseSession::userChanged, this, &AlertsPanel::reload);
    m_minute->setInterval(60 * 1000);
    connect(m_minute, &QTimer::timeout, this, &AlertsPanel::reload);
    m_minute->start();
    reload();
}

QString AlertsPanel::seenKey() const
{
    // per store and account: what one user read of one centre's notifications
    const QByteArray store = QCryptographicHash::hash(m_session.context().storePath().toUtf8(),
                                                      QCryptographicHash::Sha1);
    return QStringLiteral("alerts/seen/%1/%2")
        .arg(QString::fromLatin1(store.toHex().left(16)), m_session.userId());
}

void AlertsPanel::markAllRead()
{
    QSettings().setValue(seenKey(), m_session.now().toString(Qt::ISODateWithMs));
    reload();
}

void AlertsPanel::reload()
{
    m_list->clear();
    m_alerts.clear();
    const Account *user = m_session.user();
    int unread = 0;
    if (!user) {
        m_title->setText(tr("Sign in to see your notifications."));
    } else {
        const CaseCatalogues &catalogues = m_session.catalogues();
        const CaseAlerts source(m_session.store().store().db(), catalogues.calendar,
                                catalogues.alerts);
        auto alerts = source.forAccount(*user, m_session.now());
        if (!alerts) {
            m_title->setText(alerts.error().message);
        } else {
            m_alerts = alerts.value();
            const QDateTime seen =
                QDateTime::fromString(QSettings().value(seenKey()).toString(), Qt::ISODateWithMs);
            const int perDay = catalogues.calendar.minutesPerDay();
            for (const CaseAlert &a : std::as_const(m_alerts)) {
                const bool fresh = !seen.isValid() || a.at > seen;
                unread += fresh;
                auto *item = new QTreeWidgetItem(
                    m_list,
                    {districttime::local(a.at).toString(QStringLiteral("MM-dd HH:mm")),
                     kindName(a.kind), a.caseNo, m_session.unitName(a.unitId),
                     a.kind == CaseAlert::Kind::Acknowledged ? m_session.userLabel(a.by)
                                                             : CaseAlerts::timeText(a, perDay)});
                item->setData(0, Qt::UserRole, a.caseUuid);
                item->setForeground(1, kindColour(a));
                item->setToolTip(1, CaseAlerts::text(a, perDay));
                if (fresh) {
                    QFont bold = item->font(0);
                    bold.setBold(true);
                    for (int c = 0; c < m_list->columnCount(); ++c)
                        item->setFont(c, bold);
                }
            }
            m_title->setText(
                m_alerts.isEmpty()
                    ? tr("No notifications: no case of yours is in its warning "
                         "time.")
                    : tr("%n notification(s), %1 new", nullptr, int(m_alerts.size())).arg(unread));
        }
    }
    m_markRead->setEnabled(unread > 0);
    if (unread != m_unread) {
        m_unread = unread;
        emit unreadChanged(unread);
    }
}

} // namespace citygrid
