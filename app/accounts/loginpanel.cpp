// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "accounts/loginpanel.h"

#include "accounts/passwords.h"
#include "services/appcontext.h"
#include "services/language.h"

#include <QApplication>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace citygrid {

LoginPanel::LoginPanel(AppContext &context, QWidget *parent)
    : QWidget(parent), m_context(context), m_title(new QLabel(this)), m_hint(new QLabel(this)),
      m_form(new QFormLayout), m_name(new QLineEdit(this)), m_displayName(new QLineEdit(this)),
      m_password(new QLineEdit(this)), m_repeat(new QLineEdit(this)), m_message(new QLabel(this)),
      m_submit(new QPushButton(this))
{
    setObjectName(QStringLiteral("loginPanel"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setText(QStringLiteral("CityGrid · %1")
                         .arg(context.catalogue().districtName(language::isEnglish())));
    m_hint->setWordWrap(true);
    m_name->setObjectName(QStringLiteral("loginName"));
    m_displayName->setObjectName(QStringLiteral("loginDisplayName"));
    m_password->setObjectName(QStringLiteral("loginPassword"));
    m_repeat->setObjectName(QStringLiteral("loginRepeat"));
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat->setEchoMode(QLineEdit::Password);
    m_name->setMaxLength(32);
    m_displayName->setMaxLength(40);
    m_message->setObjectName(QStringLiteral("loginMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b71c1c;"));
    m_submit->setObjectName(QStringLiteral("loginSubmit"));
    m_submit->setDefault(true);
    m_form->addRow(tr("Account:"), m_name);
    m_form->addRow(tr("Display name:"), m_displayName);
    m_form->addRow(tr("Password:"), m_password);
    m_form->addRow(tr("Repeat password:"), m_repeat);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_hint);
    layout->addSpacing(8);
    layout->addLayout(m_form);
    layout->addWidget(m_message);
    layout->addWidget(m_submit, 0, Qt::AlignRight);
    connect(m_submit, &QPushButton::clicked, this, &LoginPanel::submit);
    for (QLineEdit *edit : {m_name, m_displayName, m_password, m_repeat})
        connect(edit, &QLineEdit::returnPressed, this, &LoginPanel::submit);
    setMinimumWidth(fontMetrics().averageCharWidth() * 48);
}

void LoginPanel::prepare(const QString &name)
{
    auto empty = m_context.accounts().isEmpty();
    m_first = empty && empty.value();
    m_form->setRowVisible(m_displayName, m_first);
    m_form->setRowVisible(m_repeat, m_first);
    m_hint->setText(m_first ? tr("This store has no accounts yet. Make its first administrator: "
                                 "they make everyone else's accounts (Settings ▸ Accounts…). "
                                 "A password needs at least %1 characters, with letters and a "
                                 "digit or sign.")
                                  .arg(Passwords::minLength)
                            : tr("Sign in with your account. Five wrong passwords within 15 "
                                 "minutes lock the account for 15 minutes."));
    m_submit->setText(m_first ? tr("Make administrator and sign in") : tr("Sign in"));
    m_name->setText(m_first ? QString() : name);
    m_displayName->clear();
    m_password->clear();
    m_repeat->clear();
    m_message->clear();
    (m_name->text().isEmpty() ? m_name : m_password)->setFocus();
}

void LoginPanel::showMessage(const QString &text)
{
    m_message->setText(text);
    m_password->clear();
    m_repeat->clear();
    m_password->setFocus();
}

void LoginPanel::submit()
{
    const QString name = m_name->text().trimmed();
    const QString password = m_password->text();
    if (name.isEmpty() || password.isEmpty()) {
        showMessage(tr("Enter your account name and password"));
        if (name.isEmpty())
            m_name->setFocus();
        return;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const QDateTime now = QDateTime::currentDateTime();
    Accounts accounts = m_context.accounts();
    Result<Account> result = Error{};
    if (m_first && password != m_repeat->text()) {
        result = Error{QStringLiteral("account.repeat"),
                       tr("The two passwords differ; enter the same password twice"),
                       {}};
    } else if (m_first) {
        const QString display = m_displayName->text().trimmed();
        result = accounts.init({name, display.isEmpty() ? name : display, QStringLiteral("admin")},
                               password, now);
        if (result)
            result = accounts.login(name, password, now);
    } else {
        result = accounts.login(name, password, now);
    }
    QApplication::restoreOverrideCursor();
    if (!result) {
        showMessage(result.error().message);
        return;
    }
    m_password->clear();
    m_repeat->clear();
    m_message->clear();
    if (m_first)
        (void)m_context.reloadAccounts();
    m_first = false;
    emit signedIn(name);
}

} // namespace citygrid
