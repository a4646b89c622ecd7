// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentstore.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QTableWidget;

namespace citygrid {

/// Enters one score of the "7+1" assessment: an evaluator's score of a checklist point for one
/// subdistrict (with a note and evidence), or the counts of a satisfaction survey. On a
/// published month it is a correction and asks why. What the store refuses is shown and the
/// dialog stays open. GUI thread.
class ScoreEntryDialog : public QDialog
{
    Q_OBJECT
public:
    struct Target
    {
        QDate month;
        AssessmentStore::State state = AssessmentStore::State::Draft;
        QString subdistrict, subdistrictName;
        AssessmentScheme::Point point;
        QStringList subdistricts; ///< all of them (a correction re-ranks the month)
        QString userId;
        QDateTime now;
    };
    ScoreEntryDialog(AssessmentStore &store, const AssessmentSheet &sheet, Target target,
                     QWidget *parent = nullptr);

    bool isCorrection() const { return m_target.state == AssessmentStore::State::Published; }
    bool isSurvey() const { return m_target.point.method == AssessmentScheme::Method::Survey; }
    QComboBox *sideBox() const { return m_side; }
    QLineEdit *evaluatorEdit() const { return m_evaluator; }
    QDoubleSpinBox *scoreBox() const { return m_score; }
    QLineEdit *noteEdit() const { return m_note; }
    QLineEdit *reasonEdit() const { return m_reason; }
    QSpinBox *surveyBox(int answer) const { return m_survey[answer]; }
    /// Stores the entry; returns the error the store gave, if any.
    Result<void> save();

    void accept() override;

private:
    void addEvidence();
    void fillEvidence();
    void openEvidence(const QString &uuid);

    AssessmentStore &m_store;
    Target m_target;
    QComboBox *m_side = nullptr;
    QLineEdit *m_evaluator = nullptr;
    QDoubleSpinBox *m_score = nullptr;
    QLineEdit *m_note = nullptr;
    QLineEdit *m_reason = nullptr;
    QSpinBox *m_survey[3] = {};
    QListWidget *m_evidence = nullptr;
};

} // namespace citygrid
