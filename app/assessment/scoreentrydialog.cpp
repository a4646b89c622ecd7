// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/scoreentrydialog.h"

#include "assessment/assessmentevidence.h"
#include "services/numbertext.h"
#include "shell/errordialog.h"
#include "widgets/tablefit.h"
#include "widgets/writtenfile.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeDatabase>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace citygrid {

ScoreEntryDialog::ScoreEntryDialog(AssessmentStore &store, const AssessmentSheet &sheet,
                                   Target target, QWidget *parent)
    : QDialog(parent), m_store(store), m_target(std::move(target))
{
    const AssessmentScheme::Point &p = m_target.point;
    setWindowTitle(isCorrection() ? tr("Correct a published score") : tr("Enter a score"));
    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(QStringLiteral("<b>%1</b> — %2 %3")
                                 .arg(m_target.subdistrictName, p.id, p.name.toHtmlEscaped()),
                             this);
    title->setWordWrap(true);
    layout->addWidget(title);
    auto *hint = new QLabel(
        tr("Weight %1, scored 0 to %2. Evidence: %3").arg(p.weight).arg(p.max).arg(p.evidence),
        this);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color: #5b6570;"));
    layout->addWidget(hint);

    auto *form = new QFormLayout;
    layout->addLayout(form);
    if (isSurvey()) {
        const SurveyCounts c = sheet.surveys.value(m_target.subdistrict).value(p.survey);
        const int values[3] = {c.satisfied, c.basicallySatisfied, c.dissatisfied};
        const QString labels[3] = {tr("Satisfied"), tr("Basically satisfied"), tr("Dissatisfied")};
        for (int i = 0; i < 3; ++i) {
            m_survey[i] = new QSpinBox(this);
            m_survey[i]->setRange(0, 1000000);
            m_survey[i]->setValue(values[i]);
            form->addRow(labels[i], m_survey[i]);
        }
    } else {
        // who has scored it so far
        auto *entries = new QTableWidget(0, 4, this);
        entries->setHorizontalHeaderLabels({tr("Side"), tr("Evaluator"), tr("Score"), tr("Note")});
        TableFit::install(entries, entries->horizontalHeader(), 3);
        entries->verticalHeader()->hide();
        entries->setEditTriggers(QAbstractItemView::NoEditTriggers);
        entries->setMaximumHeight(120);
        for (const AssessmentEntry &e : sheet.entries) {
            if (e.subdistrict != m_target.subdistrict || e.point != p.id)
                continue;
            const int row = entries->rowCount();
            entries->insertRow(row);
            entries->setItem(row, 0,
                             new QTableWidgetItem(e.side == AssessmentEntry::Side::Internal
                                                      ? tr("internal")
                                                      : tr("external")));
            entries->setItem(row, 1, new QTableWidgetItem(e.evaluator));
            entries->setItem(row, 2, new QTableWidgetItem(numbertext::oneDecimal(e.score)));
            entries->setItem(row, 3, new QTableWidgetItem(e.note));
        }
        layout->insertWidget(2, entries);
        m_side = new QComboBox(this);
        if (p.internal)
            m_side->addItem(tr("Internal (assessment team)"),
                            AssessmentEntry::sideId(AssessmentEntry::Side::Internal));
        if (p.external)
            m_side->addItem(tr("External (deputy or citizen representative)"),
                            AssessmentEntry::sideId(AssessmentEntry::Side::External));
        form->addRow(tr("Scored by"), m_side);
        m_evaluator = new QLineEdit(this);
        m_evaluator->setPlaceholderText(tr("Name of the evaluator"));
        form->addRow(tr("Evaluator"), m_evaluator);
        m_score = new QDoubleSpinBox(this);
        m_score->setRange(0, p.max);
        m_score->setSingleStep(0.5);
        m_score->setDecimals(1);
        m_score->setValue(p.max);
        form->addRow(tr("Score"), m_score);
        m_note = new QLineEdit(this);
        m_note->setPlaceholderText(tr("What was found (for deductions, why)"));
        form->addRow(tr("Note"), m_note);
        if (entries->rowCount() > 0) {
            m_evaluator->setText(entries->item(0, 1)->text());
            m_side->setCurrentIndex(
                std::max(0, m_side->findText(entries->item(0, 0)->text(), Qt::MatchStartsWith)));
        }
        if (!isCorrection()) {
            m_evidence = new QListWidget(this);
            m_evidence->setMaximumHeight(70);
            auto *attach = new QPushButton(tr("Attach evidence…"), this);
            connect(attach, &QPushButton::clicked, this, &ScoreEntryDialog::addEvidence);
            form->addRow(tr("Evidence"), m_evidence);
            form->addRow(QString(), attach);
            connect(m_evidence, &QListWidget::itemDoubleClicked, this,
                    [this](QListWidgetItem *item) {
                        openEvidence(item->data(Qt::UserRole).toString());
                    });
            fillEvidence();
        }
    }
    if (isCorrection()) {
        m_reason = new QLineEdit(this);
        m_reason->setPlaceholderText(tr("Why the published score changes (kept for good)"));
        form->addRow(tr("Reason"), m_reason);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(520, sizeHint().height());
}

Result<void> ScoreEntryDialog::save()
{
    const Target &t = m_target;
    if (isSurvey()) {
        const SurveyCounts counts{m_survey[0]->value(), m_survey[1]->value(), m_survey[2]->value()};
        if (isCorrection())
            return m_store.correctSurvey(t.month, t.subdistrict, t.point.survey, counts,
                                         t.subdistricts, t.userId, m_reason->text(), t.now);
        return m_store.setSurvey(t.month, t.subdistrict, t.point.survey, counts, t.userId, {});
    }
    const AssessmentEntry entry{t.subdistrict,
                                t.point.id,
                                AssessmentEntry::sideFromId(m_side->currentData().toString())
                                    .value_or(AssessmentEntry::Side::Internal),
                                m_evaluator->text().trimmed(),
                                m_score->value(),
                                m_note->text().trimmed()};
    if (isCorrection())
        return m_store.correctScore(t.month, entry, t.subdistricts, t.userId, m_reason->text(),
                                    t.now);
    return m_store.setScore(t.month, entry, t.userId, t.now, {});
}

void ScoreEntryDialog::accept()
{
    if (auto r = save(); !r) {
        showError(this, r.error());
        return;
    }
    QDialog::accept();
}

void ScoreEntryDialog::addEvidence()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Attach evidence"), {},
        tr("Photos and documents (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.xlsx);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showError(this, {QStringLiteral("assessment.evidence-read"),
                         tr("%1 cannot be read").arg(path), file.errorString()});
        return;
    }
    AssessmentEvidence::File evidence;
    evidence.subdistrict = m_target.subdistrict;
    evidence.point = m_target.point.id;
    evidence.name = QFileInfo(path).fileName();
    evidence.mime = QMimeDatabase().mimeTypeForFile(path).name();
    evidence.data = file.readAll();
    evidence.addedBy = m_target.userId;
    if (auto r = AssessmentEvidence(m_store.store())
                     .add(m_target.month, evidence, m_store.roles(), m_target.now);
        !r) {
        showError(this, r.error());
        return;
    }
    fillEvidence();
}

void ScoreEntryDialog::fillEvidence()
{
    if (!m_evidence)
        return;
    m_evidence->clear();
    auto list = AssessmentEvidence(m_store.store()).of(m_target.month, m_target.subdistrict);
    if (!list)
        return;
    for (const AssessmentEvidence::File &e : list.value())
        if (e.point == m_target.point.id) {
            auto *item = new QListWidgetItem(
                tr("%1 (%2 KB)").arg(e.name).arg((e.data.size() + 1023) / 1024), m_evidence);
            item->setData(Qt::UserRole, e.uuid);
            item->setToolTip(tr("Double-click to open"));
        }
}

void ScoreEntryDialog::openEvidence(const QString &uuid)
{
    auto list = AssessmentEvidence(m_store.store()).of(m_target.month, m_target.subdistrict);
    if (!list)
        return showError(this, list.error());
    for (const AssessmentEvidence::File &e : list.value()) {
        if (e.uuid != uuid)
            continue;
        // a copy in a temporary folder, opened with the desktop's viewer for its type
        const QString path =
            QDir::temp().filePath(QStringLiteral("citygrid-%1-%2").arg(uuid.left(8), e.name));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(e.data) != e.data.size())
            return showError(this, {QStringLiteral("assessment.evidence-open"),
                                    tr("Could not write a copy of %1 to open it").arg(e.name),
                                    file.errorString()});
        file.close();
        writtenfile::open(this, path);
        return;
    }
}

} // namespace citygrid
