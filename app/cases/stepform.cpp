// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/stepform.h"

#include "cases/attachmentstrip.h"
#include "services/casesession.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace citygrid {

bool StepForm::needsNote(CaseStep step)
{
    switch (step) {
    case CaseStep::Void:
    case CaseStep::VerifyFail:
    case CaseStep::RequestReturn:
    case CaseStep::RequestExtension:
    case CaseStep::RequestDeferral:
        return true;
    default:
        return false;
    }
}

StepForm::StepForm(CaseSession &session, const CaseRecord &record, CaseStep step, QWidget *parent)
    : QDialog(parent), m_session(session), m_record(record), m_step(step),
      m_note(new QPlainTextEdit(this)), m_problem(new QLabel(this))
{
    setWindowTitle(tr("%1 — case %2").arg(CaseVocabulary::label(step), record.caseNo));
    auto *form = new QFormLayout;
    form->addRow(tr("Case:"), new QLabel(QStringLiteral("%1  %2").arg(
                                  record.caseNo, session.categoryName(record.categoryId))));
    form->addRow(tr("Acting as:"), new QLabel(session.userLabel(session.userId())));

    if (step == CaseStep::Dispatch) {
        m_unit = new QComboBox(this);
        m_unitHint = new QLabel(this);
        m_unitHint->setWordWrap(true);
        m_deadline = new QLabel(this);
        auto suggested = session.store().suggestedUnit(record);
        for (const auto &u : session.catalogues().units.units()) {
            const bool isSuggested = suggested && suggested.value()->id == u.id;
            m_unit->addItem(isSuggested ? tr("%1 (suggested)").arg(session.unitName(u.id))
                                        : session.unitName(u.id),
                            u.id);
        }
        if (suggested) {
            m_unit->setCurrentIndex(m_unit->findData(suggested.value()->id));
            m_unitHint->setText(tr("The catalogue makes this unit responsible for the category "
                                   "here."));
        } else {
            // A gap or an ambiguity: the operator decides, the catalogue does not guess.
            m_unit->setCurrentIndex(-1);
            m_unitHint->setText(suggested.error().message);
            m_unitHint->setStyleSheet(QStringLiteral("color: #a05a00;"));
        }
        form->addRow(tr("Unit:"), m_unit);
        form->addRow(QString(), m_unitHint);
        form->addRow(tr("Deadline:"), m_deadline);
        updateDeadline();
    }
    if (step == CaseStep::ApproveExtension) {
        m_hours = new QDoubleSpinBox(this);
        m_hours->setRange(0.5, 400);
        m_hours->setDecimals(1);
        m_hours->setValue(8);
        m_hours->setSuffix(tr(" working h"));
        form->addRow(tr("Extend by:"), m_hours);
    }
    m_note->setPlaceholderText(needsNote(step) ? tr("Say why (required)") : tr("Note (optional)"));
    m_note->setTabChangesFocus(true);
    m_note->setFixedHeight(fontMetrics().height() * 5);
    form->addRow(tr("Note:"), m_note);
    if (step == CaseStep::Feedback || step == CaseStep::VerifyFail ||
        step == CaseStep::VerifyPass) {
        m_photos = new AttachmentStrip(this);
        form->addRow(tr("Photos:"), m_photos);
    }
    m_problem->setStyleSheet(QStringLiteral("color: #b71c1c;"));
    m_problem->setWordWrap(true);
    m_problem->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(CaseVocabulary::label(step));
    connect(buttons, &QDialogButtonBox::accepted, this, &StepForm::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &StepForm::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    setMinimumWidth(460);
}

void StepForm::updateDeadline()
{
    if (!m_deadline)
        return;
    const auto *category = m_session.catalogues().categories.find(m_record.categoryId);
    if (!category)
        return;
    const QDateTime due = m_session.catalogues().calendar.due(m_session.now(), category->deadline);
    m_deadline->setText(
        tr("%1 (%2 from dispatch)")
            .arg(due.toString(QStringLiteral("yyyy-MM-dd HH:mm")), category->deadline.text()));
}

StepInput StepForm::input() const
{
    StepInput in;
    in.note = m_note->toPlainText().trimmed();
    if (m_unit)
        in.unitId = m_unit->currentData().toString();
    if (m_hours)
        in.extensionHours = m_hours->value();
    if (m_photos)
        in.attachments = m_photos->attachments();
    return in;
}

void StepForm::accept()
{
    QString problem;
    if (m_unit && m_unit->currentIndex() < 0)
        problem = tr("Choose the unit to dispatch the case to.");
    else if (needsNote(m_step) && m_note->toPlainText().trimmed().isEmpty())
        problem = tr("Say why in the note.");
    if (!problem.isEmpty()) {
        m_problem->setText(problem);
        m_problem->show();
        return;
    }
    QDialog::accept();
}

} // namespace citygrid
