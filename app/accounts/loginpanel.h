// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QWidget>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace citygrid {

class AppContext;

/// The sign-in form: account name and password, checked by the store's accounts (a wrong
/// password is refused and recorded; five lock the account). On a store that has no accounts yet
/// it asks instead for the first administrator (name, display name, password twice). GUI thread.
class LoginPanel : public QWidget
{
    Q_OBJECT
public:
    explicit LoginPanel(AppContext &context, QWidget *parent = nullptr);

    /// Ready for `name` (empty: the name box has the focus, else the password box).
    void prepare(const QString &name);
    bool asksForFirstAdministrator() const { return m_first; }

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *displayNameEdit() const { return m_displayName; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *repeatEdit() const { return m_repeat; }
    QLabel *messageLabel() const { return m_message; }

public slots:
    void submit();

signals:
    void signedIn(const QString &name);

private:
    void showMessage(const QString &text);

    AppContext &m_context;
    QLabel *m_title;
    QLabel *m_hint;
    QFormLayout *m_form;
    QLineEdit *m_name;
    QLineEdit *m_displayName;
    QLineEdit *m_password;
    QLineEdit *m_repeat;
    QLabel *m_message;
    QPushButton *m_submit;
    bool m_first = false;
};

} // namespace citygrid
