// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "services/appcontext.h"

#include <QDialog>

class QLabel;
class QLineEdit;

namespace citygrid {

/// Signing in to the centre's server before the window opens (the store named is
/// postgresql://…): the server checks the account and password, and this workstation's copy is
/// made or brought up to date. A refusal (a wrong password, the server out of reach) is shown
/// in the dialog, which stays for another try. GUI thread.
class CentreSignInDialog : public QDialog
{
    Q_OBJECT
public:
    CentreSignInDialog(QString uri, const QString &account, QWidget *parent = nullptr);

    /// What the sign-in opened (after exec() returned Accepted).
    std::unique_ptr<AppContext> takeContext() { return std::move(m_context); }
    QString account() const;
    QString password() const;
    /// Called with the copy's path once it is open, as AppContext::openCentre's `ready`.
    void setReady(std::function<void(const QString &)> ready) { m_ready = std::move(ready); }

private:
    void signIn();

    QString m_uri;
    QLineEdit *m_account;
    QLineEdit *m_password;
    QLabel *m_problem;
    std::unique_ptr<AppContext> m_context;
    std::function<void(const QString &)> m_ready;
};

} // namespace citygrid
