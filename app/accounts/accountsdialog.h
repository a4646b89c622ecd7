// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace citygrid {

class CaseSession;

/// Settings ▸ Accounts…: who may sign in at this site. An administrator makes accounts (name,
/// display name, role, a unit for a unit's staff, an optional subdistrict or community), disables
/// and enables them, resets passwords, and sets after how many idle minutes the window locks.
/// Anyone else sees the list and why they may not change it. GUI thread.
class AccountsDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column { Name, DisplayName, Role, Unit, Area, State };
    explicit AccountsDialog(CaseSession &session, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *displayNameEdit() const { return m_displayName; }
    QComboBox *roleBox() const { return m_role; }
    QComboBox *unitBox() const { return m_unit; }
    QLineEdit *areaEdit() const { return m_area; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *repeatEdit() const { return m_repeat; }
    QSpinBox *idleMinutesBox() const { return m_idle; }
    QCheckBox *readLoginBox() const { return m_readLogin; }
    QLabel *statusLabel() const { return m_status; }

public slots:
    void addAccount();
    void resetPassword();
    void toggleEnabled();
    /// Applies the idle time and whether the command line asks for a login to read.
    void saveSettings();

private:
    void fill();
    QString selectedName() const;
    /// The two password boxes as one password, or empty after saying what is wrong.
    QString typedPassword();
    void say(const QString &text, bool error);
    void updateButtons();

    CaseSession &m_session;
    QTableWidget *m_table;
    QLineEdit *m_name, *m_displayName, *m_area, *m_password, *m_repeat;
    QComboBox *m_role, *m_unit;
    QSpinBox *m_idle;
    QCheckBox *m_readLogin;
    QPushButton *m_add, *m_reset, *m_toggle, *m_saveIdle;
    QLabel *m_status;
    bool m_mayManage = false;
};

} // namespace citygrid
