// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "backups/backupsdialog.h"

#include "services/appcontext.h"
#include "services/casesession.h"
#include "services/dailybackups.h"
#include "store/storerestore.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace citygrid {

BackupsDialog::BackupsDialog(CaseSession &session, QWidget *parent)
    : QDialog(parent), m_session(session), m_table(new QTableWidget(0, 3, this)),
      m_keep(new QSpinBox(this)), m_saveKeep(new QPushButton(tr("Save"), this)),
      m_backUp(new QPushButton(tr("Back up now"), this)),
      m_restore(new QPushButton(tr("Restore the selected backup…"), this)),
      m_status(new QLabel(this))
{
    setWindowTitle(tr("Backups"));
    setObjectName(QStringLiteral("backups"));
    const QString folder =
        QDir::toNativeSeparators(DailyBackups::folderFor(m_session.context().storePath()));
    auto *intro = new QLabel(
        tr("While a window is open on this store it writes a backup each day, a consistent copy "
           "taken while others work, into %1 (readable by its owner only), and removes the "
           "oldest beyond the number kept. A restore checks the backup and its record first and "
           "keeps the store as it was beside it.")
            .arg(folder),
        this);
    intro->setWordWrap(true);
    m_table->setHorizontalHeaderLabels({tr("Day"), tr("Size"), tr("File")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_keep->setRange(1, 365);
    m_keep->setSuffix(tr(" days"));
    m_keep->setValue(DailyBackups::keep(m_session.context().store().db()));
    m_status->setWordWrap(true);

    const bool may = m_session.may(Right::Backup);
    for (QWidget *w : {static_cast<QWidget *>(m_keep), static_cast<QWidget *>(m_saveKeep),
                       static_cast<QWidget *>(m_backUp), static_cast<QWidget *>(m_restore)}) {
        w->setEnabled(may);
        if (!may)
            w->setToolTip(m_session.onlyWho(Right::Backup));
    }
    connect(m_saveKeep, &QPushButton::clicked, this, &BackupsDialog::saveKeep);
    connect(m_backUp, &QPushButton::clicked, this, &BackupsDialog::backUpNow);
    connect(m_restore, &QPushButton::clicked, this, [this] { restoreSelected(); });
    connect(&m_work, &QFutureWatcher<Result<QString>>::finished, this, &BackupsDialog::workDone);

    auto *keepRow = new QHBoxLayout;
    keepRow->addWidget(new QLabel(tr("Keep the daily backups of the last"), this));
    keepRow->addWidget(m_keep);
    keepRow->addWidget(m_saveKeep);
    keepRow->addStretch(1);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_backUp);
    actions->addWidget(m_restore);
    actions->addStretch(1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(keepRow);
    layout->addWidget(m_table, 1);
    layout->addLayout(actions);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(760, 460);
    fill();
    if (!may)
        say(m_session.onlyWho(Right::Backup), false);
}

BackupsDialog::~BackupsDialog()
{
    m_work.waitForFinished(); // a restore under way finishes before the dialog goes
}

void BackupsDialog::fill()
{
    m_table->setRowCount(0);
    const QLocale locale;
    for (const DailyBackups::Entry &e : DailyBackups::list(m_session.context().storePath())) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto *day = new QTableWidgetItem(e.day.toString(Qt::ISODate));
        day->setData(Qt::UserRole, e.path);
        m_table->setItem(row, Day, day);
        m_table->setItem(row, Size, new QTableWidgetItem(locale.formattedDataSize(e.bytes, 1)));
        m_table->setItem(row, File, new QTableWidgetItem(QDir::toNativeSeparators(e.path)));
    }
    if (m_table->rowCount() > 0)
        m_table->selectRow(0);
    m_restore->setEnabled(m_session.may(Right::Backup) && m_table->rowCount() > 0);
}

void BackupsDialog::say(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b3261e") : QString());
}

void BackupsDialog::runInBackground(const QString &busy,
                                    std::function<Result<QString>(SqliteDb &)> work, bool restoring)
{
    // on a connection of its own, off the GUI thread: a big store's check takes seconds
    m_restoring = restoring;
    for (QPushButton *b : {m_backUp, m_restore, m_saveKeep})
        b->setEnabled(false);
    say(busy, false);
    m_work.setFuture(QtConcurrent::run(
        [path = m_session.context().storePath(), work = std::move(work)]() -> Result<QString> {
            auto db = SqliteDb::open(path);
            if (!db)
                return db.error();
            return work(*db.value());
        }));
}

void BackupsDialog::workDone()
{
    const Result<QString> result = m_work.result();
    fill();
    m_saveKeep->setEnabled(m_session.may(Right::Backup));
    m_backUp->setEnabled(m_session.may(Right::Backup));
    if (!result) {
        say(result.error().toText(), true);
        return;
    }
    say(result.value(), false);
    if (m_restoring)
        emit restored();
}

void BackupsDialog::waitForWork()
{
    m_work.waitForFinished();
    QCoreApplication::processEvents();
}

void BackupsDialog::backUpNow()
{
    const QDate day = m_session.now().toOffsetFromUtc(8 * 3600).date();
    runInBackground(tr("Writing a backup…"), [day](SqliteDb &db) -> Result<QString> {
        auto written = DailyBackups::ensure(db, day, true);
        if (!written)
            return written.error();
        return tr("Backup written: %1").arg(QDir::toNativeSeparators(written.value()));
    });
}

void BackupsDialog::saveKeep()
{
    auto saved = DailyBackups::setKeep(m_session.context().store().db(), m_session.acting(),
                                       m_keep->value());
    if (!saved) {
        say(saved.error().toText(), true);
        return;
    }
    say(tr("The window keeps the daily backups of the last %n day(s).", nullptr, m_keep->value()),
        false);
}

void BackupsDialog::restoreSelected(bool confirmed)
{
    const auto selected = m_table->selectionModel()->selectedRows();
    const Account *user = m_session.user();
    if (selected.isEmpty() || !user)
        return;
    const QString path = m_table->item(selected.first().row(), Day)->data(Qt::UserRole).toString();
    const QString day = m_table->item(selected.first().row(), Day)->text();
    if (!confirmed &&
        QMessageBox::question(
            this, tr("Restore a backup"),
            tr("Put the backup of %1 in place of the store? Everything written since then at "
               "this site is no longer in the store (it is kept aside in a copy of the store as "
               "it is now). Other workstations see the restored store at once.")
                .arg(day)) != QMessageBox::Yes)
        return;
    runInBackground(
        tr("Checking the backup and its record, then restoring it…"),
        [roles = m_session.catalogues().roles, actor = user->name, path, day,
         now = m_session.now()](SqliteDb &db) -> Result<QString> {
            auto done = StoreRestore::restore(db, ActingUser{actor, &roles}, path, now);
            if (!done)
                return done.error();
            return tr("The backup of %1 is in place (%2 cases, the record verified). The store "
                      "as it was is kept in %3.")
                .arg(day, QLocale().toString(done.value().backup.cases),
                     QDir::toNativeSeparators(done.value().keptAside));
        },
        true);
}

} // namespace citygrid
