// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "catalogues/catalogueeditor.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QPlainTextEdit;

namespace citygrid {

/// The case categories as this site uses them: the release's catalogue with the edits made here or
/// received from other sites. The leader changes a category's names and search initials, its
/// filing and closing standards, its handling deadline, whether it is urgent and the type of unit
/// it goes to, or takes it back to the release's entry. A new deadline applies to cases dispatched
/// from then on. GUI thread.
class CategoryEditor : public CatalogueEditor
{
    Q_OBJECT
public:
    enum Column { Id, Name, Deadline, UnitType, Edited };
    explicit CategoryEditor(CaseSession &session, QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    QDoubleSpinBox *deadlineValue() const { return m_deadline; }
    QComboBox *deadlineUnit() const { return m_deadlineUnit; }
    QComboBox *unitType() const { return m_unitType; }
    QCheckBox *urgent() const { return m_urgent; }
    QJsonObject entry() const override;

protected:
    QStringList ids() const override;
    QStringList rowCells(const QString &id) const override;
    void showEntry(const QString &id) override;
    QString formId() const override;
    void setFormEditable(bool editable) override;

private:
    QLineEdit *m_id, *m_name, *m_nameEn, *m_initials;
    QLabel *m_group;
    QPlainTextEdit *m_filing, *m_closing;
    QDoubleSpinBox *m_deadline;
    QComboBox *m_deadlineUnit, *m_unitType;
    QCheckBox *m_urgent;
};

} // namespace citygrid
