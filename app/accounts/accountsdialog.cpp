// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "accounts/accountsdialog.h"

#include "services/accountchanges.h"
#include "services/appcontext.h"
#include "services/casesession.h"
#include "services/cataloguenames.h"
#include "widgets/tablefit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace citygrid {

AccountsDialog::AccountsDialog(CaseSession &session, QWidget *parent)
    : QDialog(parent), m_session(session), m_table(new QTableWidget(this)),
      m_name(new QLineEdit(this)), m_displayName(new QLineEdit(this)), m_area(new QLineEdit(this)),
      m_password(new QLineEdit(this)), m_repeat(new QLineEdit(this)), m_role(new QComboBox(this)),
      m_unit(new QComboBox(this)), m_idle(new QSpinBox(this)),
      m_readLogin(new QCheckBox(tr("The command line asks for a login to read too"), this)),
      m_add(new QPushButton(tr("Add account"), this)),
      m_reset(new QPushButton(tr("Reset password"), this)),
      m_toggle(new QPushButton(tr("Disable"), this)),
      m_saveIdle(new QPushButton(tr("Apply"), this)), m_status(new QLabel(this))
{
    setWindowTitle(tr("Accounts"));
    setObjectName(QStringLiteral("accountsDialog"));
    m_mayManage = m_session.may(Right::ManageAccounts);

    m_table->setColumnCount(6);
    m_table->setHorizontalHeaderLabels(
        {tr("Account"), tr("Name"), tr("Role"), tr("Unit"), tr("Area"), tr("State")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    TableFit::install(m_table, m_table->horizontalHeader(), DisplayName);

    const CaseCatalogues &catalogues = m_session.catalogues();
    for (const RoleCatalogue::Role &r : catalogues.roles.roles())
        m_role->addItem(cataloguenames::role(catalogues, r.id), r.id);
    m_role->setCurrentIndex(std::max(0, m_role->findData(QStringLiteral("operator"))));
    m_unit->addItem(tr("(none)"), QString());
    for (const UnitCatalogue::Unit &u : catalogues.units.units())
        m_unit->addItem(QStringLiteral("%1 %2").arg(u.id, cataloguenames::unit(catalogues, u.id)),
                        u.id);
    m_name->setPlaceholderText(tr("e.g. op03"));
    m_area->setPlaceholderText(tr("a subdistrict or community code, or empty"));
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat->setEchoMode(QLineEdit::Password);
    m_idle->setRange(0, 480);
    m_idle->setSuffix(tr(" min"));
    m_idle->setSpecialValueText(tr("never"));
    m_idle->setValue(m_session.context().accounts().idleLockMinutes());
    m_readLogin->setChecked(m_session.context().accounts().readNeedsLogin());
    m_readLogin->setToolTip(tr("When on, citygrid cases list, report and the other commands that "
                               "only read take --user and a password, and show a unit's staff "
                               "only their unit's cases"));
    m_status->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Account:"), m_name);
    form->addRow(tr("Display name:"), m_displayName);
    form->addRow(tr("Role:"), m_role);
    form->addRow(tr("Unit (a unit's staff):"), m_unit);
    form->addRow(tr("Area:"), m_area);
    form->addRow(tr("Password:"), m_password);
    form->addRow(tr("Repeat password:"), m_repeat);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_reset);
    buttons->addWidget(m_toggle);
    buttons->addStretch();
    auto *idle = new QHBoxLayout;
    idle->addWidget(new QLabel(tr("Lock a window after it is idle for"), this));
    idle->addWidget(m_idle);
    idle->addSpacing(16);
    idle->addWidget(m_readLogin);
    idle->addWidget(m_saveIdle);
    idle->addStretch();
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addLayout(idle);
    layout->addWidget(m_status);
    layout->addWidget(close);

    connect(m_add, &QPushButton::clicked, this, &AccountsDialog::addAccount);
    connect(m_reset, &QPushButton::clicked, this, &AccountsDialog::resetPassword);
    connect(m_toggle, &QPushButton::clicked, this, &AccountsDialog::toggleEnabled);
    connect(m_saveIdle, &QPushButton::clicked, this, &AccountsDialog::saveSettings);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &AccountsDialog::updateButtons);
    fill();
    if (!m_mayManage)
        say(m_session.onlyWho(Right::ManageAccounts), false);
    resize(900, 640);
}

void AccountsDialog::fill()
{
    const QString selected = selectedName();
    auto accounts = m_session.context().accounts().list();
    if (!accounts) {
        say(accounts.error().message, true);
        return;
    }
    const CaseCatalogues &catalogues = m_session.catalogues();
    const QDateTime now = QDateTime::currentDateTime();
    m_table->setRowCount(int(accounts.value().size()));
    int row = 0;
    for (const Account &a : accounts.value()) {
        const QString state = Accounts::stateText(a, now);
        const QStringList cells{
            a.name,
            a.displayName,
            cataloguenames::role(catalogues, a.roleId),
            a.unitId.isEmpty() ? QString() : cataloguenames::unit(catalogues, a.unitId),
            a.area.isEmpty() ? QString()
                             : m_session.context().catalogue().displayName(a.area, false),
            state};
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(row, c, new QTableWidgetItem(cells[c]));
        m_table->item(row, State)->setData(Qt::UserRole, a.enabled);
        if (a.name == selected)
            m_table->selectRow(row);
        ++row;
    }
    updateButtons();
}

QString AccountsDialog::selectedName() const
{
    const QList<QTableWidgetItem *> items = m_table->selectedItems();
    return items.isEmpty() ? QString() : m_table->item(items.first()->row(), Name)->text();
}

void AccountsDialog::updateButtons()
{
    const QString name = selectedName();
    const bool disabled = !name.isEmpty() &&
                          !m_table->item(m_table->currentRow(), State)->data(Qt::UserRole).toBool();
    m_toggle->setText(disabled ? tr("Enable") : tr("Disable"));
    const QString why = m_mayManage ? QString() : m_session.onlyWho(Right::ManageAccounts);
    for (QPushButton *b : {m_add, m_reset, m_toggle, m_saveIdle}) {
        b->setToolTip(why);
        b->setEnabled(m_mayManage);
    }
    m_reset->setEnabled(m_mayManage && !name.isEmpty());
    m_toggle->setEnabled(m_mayManage && !name.isEmpty());
    m_idle->setEnabled(m_mayManage);
    m_readLogin->setEnabled(m_mayManage);
}

void AccountsDialog::say(const QString &text, bool error)
{
    m_status->setStyleSheet(error ? QStringLiteral("color: #b71c1c;") : QString());
    m_status->setText(text);
}

QString AccountsDialog::typedPassword()
{
    const QString password = m_password->text();
    if (password != m_repeat->text()) {
        say(tr("The two passwords differ; enter the same password twice"), true);
        return {};
    }
    if (password.isEmpty()) {
        say(tr("Enter the new password twice"), true);
        return {};
    }
    return password;
}

void AccountsDialog::addAccount()
{
    const QString password = typedPassword();
    if (password.isEmpty())
        return;
    const QString name = m_name->text().trimmed();
    const QString display = m_displayName->text().trimmed();
    const Account account{name, display.isEmpty() ? name : display,
                          m_role->currentData().toString(), m_unit->currentData().toString(),
                          m_area->text().trimmed()};
    auto added = accountchanges::add(m_session.context(), m_session.userId(), account, password,
                                     QDateTime::currentDateTime());
    m_password->clear();
    m_repeat->clear();
    if (!added) {
        say(added.error().message, true);
        return;
    }
    say(tr("Account %1 made").arg(name), false);
    m_name->clear();
    m_displayName->clear();
    m_area->clear();
    fill();
}

void AccountsDialog::resetPassword()
{
    const QString name = selectedName();
    const QString password = typedPassword();
    if (name.isEmpty() || password.isEmpty())
        return;
    auto reset = accountchanges::resetPassword(m_session.context(), m_session.userId(), name,
                                               password, QDateTime::currentDateTime());
    m_password->clear();
    m_repeat->clear();
    if (!reset) {
        say(reset.error().message, true);
        return;
    }
    say(tr("Password of %1 reset").arg(name), false);
    fill();
}

void AccountsDialog::toggleEnabled()
{
    const QString name = selectedName();
    if (name.isEmpty())
        return;
    const bool enable = !m_table->item(m_table->currentRow(), State)->data(Qt::UserRole).toBool();
    auto changed = accountchanges::setEnabled(m_session.context(), m_session.userId(), name, enable,
                                              QDateTime::currentDateTime());
    if (!changed) {
        say(changed.error().message, true);
        return;
    }
    say(enable ? tr("Account %1 enabled").arg(name) : tr("Account %1 disabled").arg(name), false);
    fill();
}

void AccountsDialog::saveSettings()
{
    Accounts accounts = m_session.context().accounts();
    const QDateTime now = QDateTime::currentDateTime();
    auto saved = accounts.setIdleLockMinutes(m_session.userId(), m_idle->value(), now);
    if (saved && accounts.readNeedsLogin() != m_readLogin->isChecked())
        saved = accounts.setReadNeedsLogin(m_session.userId(), m_readLogin->isChecked(), now);
    if (!saved) {
        say(saved.error().message, true);
        return;
    }
    const QString idle =
        m_idle->value() == 0
            ? tr("Windows no longer lock by themselves")
            : tr("Windows lock after %1 idle minutes (from their next start or sign-in)")
                  .arg(m_idle->value());
    say(idle + u'\n' +
            (m_readLogin->isChecked() ? tr("The command line asks for a login to read.")
                                      : tr("The command line reads without a login.")),
        false);
}

} // namespace citygrid
