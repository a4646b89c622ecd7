// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "audit/recordcheckdialog.h"

#include "store/sqlitedb.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace citygrid {

namespace {

QString kindText(AuditFinding::Kind kind)
{
    switch (kind) {
    case AuditFinding::Kind::Edited:
        return RecordCheckDialog::tr("Edited");
    case AuditFinding::Kind::Deleted:
        return RecordCheckDialog::tr("Deleted");
    case AuditFinding::Kind::Inserted:
        return RecordCheckDialog::tr("Added");
    case AuditFinding::Kind::Reordered:
        return RecordCheckDialog::tr("Order broken");
    case AuditFinding::Kind::Head:
        return RecordCheckDialog::tr("Newest records changed");
    case AuditFinding::Kind::Unsigned:
        return RecordCheckDialog::tr("Not signed");
    }
    return {};
}

/// How many links of other areas' steps the record holds without their step.
QString heldBack(qint64 withheld)
{
    return RecordCheckDialog::tr("%n step(s) of other areas' cases were held back by the site "
                                 "that sent them, their links alone kept.",
                                 nullptr, int(withheld));
}

} // namespace

RecordCheckDialog::RecordCheckDialog(const QString &storePath, QWidget *parent)
    : QDialog(parent), m_verdict(new QLabel(tr("Checking every record against its chain…"))),
      m_progress(new QProgressBar), m_findings(new QTreeWidget)
{
    setWindowTitle(tr("Verify records"));
    setObjectName(QStringLiteral("recordCheck"));
    m_verdict->setObjectName(QStringLiteral("verdict"));
    m_verdict->setWordWrap(true);
    auto *explain = new QLabel(
        tr("Every case step, reference-data edit, 7+1 entry, account change and login is sealed "
           "into its site's hash chain when it is written, and the newest link is signed with "
           "the site's key. A record changed, removed or added past CityGrid breaks the chain."));
    explain->setWordWrap(true);
    m_progress->setRange(0, 0);
    m_findings->setObjectName(QStringLiteral("findings"));
    m_findings->setHeaderLabels({tr("What"), tr("Record")});
    m_findings->setRootIsDecorated(false);
    m_findings->setWordWrap(true);
    m_findings->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_findings->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    m_close = buttons->button(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explain);
    layout->addWidget(m_verdict);
    layout->addWidget(m_progress);
    layout->addWidget(m_findings, 1);
    layout->addWidget(buttons);
    setMinimumWidth(640);
    resize(720, 260);

    connect(&m_watcher, &QFutureWatcher<Result<AuditReport>>::finished, this,
            [this] { showResult(m_watcher.result()); });
    m_watcher.setFuture(QtConcurrent::run([storePath, cancel = &m_cancel]() -> Result<AuditReport> {
        auto db = SqliteDb::open(storePath, SqliteDb::Mode::ReadOnly);
        if (!db)
            return db.error();
        return RecordAudit::verify(
            *db.value(), Progress([cancel](const QString &, double) { return !cancel->load(); }));
    }));
}

RecordCheckDialog::~RecordCheckDialog()
{
    m_cancel = true;
    m_watcher.waitForFinished();
}

void RecordCheckDialog::waitForResult()
{
    m_watcher.waitForFinished();
    QCoreApplication::processEvents();
}

void RecordCheckDialog::showResult(const Result<AuditReport> &result)
{
    m_progress->hide();
    if (!result) {
        m_verdict->setText(result.error().toText());
        emit checked(false);
        return;
    }
    const AuditReport &r = result.value();
    const QLocale locale;
    if (r.intact()) {
        m_verdict->setText(
            QStringLiteral("<b style='color:#1b7f3b'>%1</b><br>%2")
                .arg(tr("The record is intact.").toHtmlEscaped(),
                     (tr("%1 records in %2 chains checked: each as it was written, each chain's "
                         "newest record signed by its site.")
                          .arg(locale.toString(r.records), locale.toString(r.chains)) +
                      (r.withheld > 0 ? u' ' + heldBack(r.withheld) : QString()))
                         .toHtmlEscaped()));
        adjustSize(); // no list to show: as tall as its text
        emit checked(true);
        return;
    }
    m_verdict->setText(
        QStringLiteral("<b style='color:#b3261e'>%1</b><br>%2")
            .arg(tr("The record has been altered past CityGrid.").toHtmlEscaped(),
                 tr("The first: %1. Restore the store from a backup that verifies, and find out "
                    "who had the store file.")
                     .arg(r.findings.first().message)
                     .toHtmlEscaped()));
    for (const AuditFinding &f : r.findings)
        new QTreeWidgetItem(m_findings, {kindText(f.kind), f.message});
    m_findings->show();
    resize(width(), 420);
    emit checked(false);
}

} // namespace citygrid
