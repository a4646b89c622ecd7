// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "cases/caserecord.h"
#include "cases/caserules.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;

namespace citygrid {

class AttachmentStrip;
class CaseSession;

/// The form of one step on a case: a note for every step (required where the step must say why:
/// void, verification failed, requests), the unit for a dispatch (the catalogue's suggestion
/// chosen, a gap or ambiguity said plainly) with the deadline it will get, the hours of an
/// extension, photos with a feedback. GUI thread.
class StepForm : public QDialog
{
    Q_OBJECT
public:
    StepForm(CaseSession &session, const CaseRecord &record, CaseStep step,
             QWidget *parent = nullptr);

    StepInput input() const;
    CaseStep step() const { return m_step; }
    QComboBox *unitBox() const { return m_unit; }
    QPlainTextEdit *noteEdit() const { return m_note; }
    /// Whether the step needs a note to say why.
    static bool needsNote(CaseStep step);

    void accept() override;

private:
    void updateDeadline();

    CaseSession &m_session;
    CaseRecord m_record;
    CaseStep m_step;
    QComboBox *m_unit = nullptr;
    QLabel *m_unitHint = nullptr;
    QLabel *m_deadline = nullptr;
    QDoubleSpinBox *m_hours = nullptr;
    QPlainTextEdit *m_note;
    AttachmentStrip *m_photos = nullptr;
    QLabel *m_problem;
};

} // namespace citygrid
