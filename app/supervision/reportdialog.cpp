// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "supervision/reportdialog.h"

#include "reports/monthlyreport.h"
#include "services/casefactssource.h"
#include "services/casesession.h"
#include "services/monthtext.h"
#include "shell/errordialog.h"
#include "widgets/filtercombos.h"
#include "widgets/savepathrow.h"
#include "widgets/writtenfile.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace citygrid {

ReportDialog::ReportDialog(CaseSession &session, CaseFactsSource &facts, const GridMap &map,
                           QWidget *parent)
    : QDialog(parent), m_session(session), m_facts(facts), m_map(map), m_month(new QComboBox(this)),
      m_area(new QComboBox(this)), m_path(new QLineEdit(this)), m_message(new QLabel(this))
{
    setWindowTitle(tr("Monthly report"));
    const QDate today = m_session.now().toOffsetFromUtc(8 * 3600).date();
    const QDate thisMonth(today.year(), today.month(), 1);
    for (int i = 1; i <= 24; ++i) {
        const QDate month = thisMonth.addMonths(-i);
        m_month->addItem(MonthText::name(month), month);
    }
    m_month->insertItem(0, tr("%1 (so far)").arg(MonthText::name(thisMonth)), thisMonth);
    m_month->setCurrentIndex(1); // last month: the one a monthly report is about
    filtercombos::addSubdistricts(m_area, session);
    const auto suggestPath = [this] {
        const QDate month = m_month->currentData().toDate();
        const QString area = m_area->currentData().toString();
        // the month, the area and the language in the name: another report never takes its place
        const QString stem = area.isEmpty() ? QStringLiteral("citygrid-report")
                                            : QStringLiteral("citygrid-report-") + area;
        m_path->setText(QDir::home().filePath(writtenfile::defaultName(
            stem, month.toString(QStringLiteral("yyyy-MM")), QStringLiteral("pdf"))));
    };
    suggestPath();
    connect(m_month, &QComboBox::currentIndexChanged, this, suggestPath);
    connect(m_area, &QComboBox::currentIndexChanged, this, suggestPath);

    QLayout *file = savePathRow(this, m_path, tr("Monthly report"), tr("PDF document (*.pdf)"));
    auto *form = new QFormLayout;
    form->addRow(tr("Month:"), m_month);
    form->addRow(tr("Area:"), m_area);
    form->addRow(tr("File:"), file);
    m_message->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *writeButton = buttons->addButton(tr("Write report"), QDialogButtonBox::AcceptRole);
    writeButton->setObjectName(QStringLiteral("writeButton"));
    writeButton->setDefault(true);
    connect(writeButton, &QPushButton::clicked, this, &ReportDialog::writeAsked);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("A4 PDF for leadership: summary with the change from the "
                                    "month before, hot spot map, rankings, trends, top "
                                    "categories and the longest-overdue cases."),
                                 this));
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    m_facts.request(); // read the cases while the user chooses
}

void ReportDialog::setPath(const QString &path)
{
    m_path->setText(path);
}

QString ReportDialog::path() const
{
    return m_path->text().trimmed();
}

Result<void> ReportDialog::write()
{
    const QString path = m_path->text().trimmed();
    if (QFileInfo(path).suffix().compare(QLatin1String("pdf"), Qt::CaseInsensitive) != 0)
        return Error{
            QStringLiteral("report.path"), tr("Give the report a file name that ends in .pdf"), {}};
    // the shared facts when they are read already; else read now (a second or two at most)
    std::optional<CaseFacts> own;
    const CaseFacts *facts = m_facts.isLoading() ? nullptr : m_facts.facts();
    if (!facts) {
        auto loaded = m_session.context().facts(m_session.now());
        if (!loaded)
            return loaded.error();
        own = std::move(loaded).value();
        facts = &*own;
    }
    const ReportContent::Request request{m_month->currentData().toDate(),
                                         m_area->currentData().toString()};
    auto content =
        MonthlyReport::create(m_session.context(), m_map, *facts, request, m_session.now(), path);
    if (!content)
        return content.error();
    m_message->setText(tr("Wrote %1: %2 cases filed, %3 due.")
                           .arg(QDir::toNativeSeparators(path))
                           .arg(content.value().month.filed)
                           .arg(content.value().month.due));
    return {};
}

void ReportDialog::writeAsked()
{
    if (!writtenfile::mayWrite(this, m_path))
        return;
    QApplication::setOverrideCursor(Qt::BusyCursor);
    const auto r = write();
    QApplication::restoreOverrideCursor();
    if (!r) {
        showError(this, r.error());
        return;
    }
    writtenfile::agreed(m_path, m_path->text().trimmed()); // written by us: no need to ask again
    writtenfile::open(this, m_path->text().trimmed());
}

} // namespace citygrid
