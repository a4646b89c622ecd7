// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentstore.h"

#include <QDialog>

class QDoubleSpinBox;
class QLineEdit;
class QTreeWidget;

namespace citygrid {

/// Edits the "7+1" scheme: names, weights and maxima of the indicators and scoring points, the
/// computed points' full and zero marks, how internal and external scores combine, the
/// satisfaction formula and the difficulty coefficient. Saving validates the whole tree and
/// stores it as a new version (months in draft move to it; published months keep theirs);
/// "Default" starts again from the bundled scheme. GUI thread.
class SchemeEditor : public QDialog
{
    Q_OBJECT
public:
    enum Column { Id, Name, NameEn, Weight, Max, FullAt, ZeroAt, How, ColumnCount };
    SchemeEditor(AssessmentStore &store, const AssessmentScheme &current,
                 const AssessmentScheme &bundled, const QString &userId, QWidget *parent = nullptr);

    QTreeWidget *tree() const { return m_tree; }
    QLineEdit *noteEdit() const { return m_note; }
    /// The scheme as edited (not yet validated).
    AssessmentScheme edited() const;
    /// Validates and stores a new version; the version number or the error.
    Result<int> save();
    void accept() override;

private:
    void load(const AssessmentScheme &scheme);

    AssessmentStore &m_store;
    AssessmentScheme m_base;
    AssessmentScheme m_bundled;
    QString m_userId;
    QTreeWidget *m_tree;
    QDoubleSpinBox *m_internal;
    QDoubleSpinBox *m_satisfaction[3];
    QDoubleSpinBox *m_difficulty[4];
    QLineEdit *m_note;
};

} // namespace citygrid
