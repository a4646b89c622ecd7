// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "accounts/centresignindialog.h"

#include "services/centreaddress.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace citygrid {

CentreSignInDialog::CentreSignInDialog(QString uri, const QString &account, QWidget *parent)
    : QDialog(parent), m_uri(std::move(uri)), m_account(new QLineEdit(account, this)),
      m_password(new QLineEdit(this)), m_problem(new QLabel(this))
{
    setWindowTitle(tr("Sign in to the command centre"));
    m_account->setObjectName(QStringLiteral("account"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_problem->hide();
    auto *heading = new QLabel(tr("Centre: %1").arg(centreaddress::shown(m_uri)), this);
    auto *form = new QFormLayout;
    form->addRow(tr("Account"), m_account);
    form->addRow(tr("Password"), m_password);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Sign in"));
    connect(buttons, &QDialogButtonBox::accepted, this, &CentreSignInDialog::signIn);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    setMinimumWidth(460);
    (account.isEmpty() ? m_account : m_password)->setFocus();
}

QString CentreSignInDialog::account() const
{
    return m_account->text().trimmed();
}

QString CentreSignInDialog::password() const
{
    return m_password->text();
}

void CentreSignInDialog::signIn()
{
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    auto opened = AppContext::openCentre(m_uri, account(), password(), m_ready);
    QGuiApplication::restoreOverrideCursor();
    if (!opened) {
        m_problem->setText(opened.error().message);
        m_problem->show();
        m_password->selectAll();
        m_password->setFocus();
        return;
    }
    m_context = std::move(opened).value();
    accept();
}

} // namespace citygrid
