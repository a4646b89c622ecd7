// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "catalogues/catalogueeditor.h"

class QComboBox;

namespace citygrid {

/// The responsible units as this site uses them: the release's catalogue with the edits made
/// here or received from other sites. The leader changes a unit's names, kind, unit types, areas
/// and categories, adds a unit, or takes a unit back to the release's entry; after each save the
/// status says how many category-and-cell pairs now have one unit, none, or two. GUI thread.
class UnitEditor : public CatalogueEditor
{
    Q_OBJECT
public:
    enum Column { Id, Name, Kind, Areas, Edited };
    explicit UnitEditor(CaseSession &session, QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *areasEdit() const { return m_areas; }
    QLineEdit *typesEdit() const { return m_types; }
    QJsonObject entry() const override;
    /// Starts a new unit with the next free id.
    void addUnit();

protected:
    QStringList ids() const override;
    QStringList rowCells(const QString &id) const override;
    void showEntry(const QString &id) override;
    QString formId() const override;
    void setFormEditable(bool editable) override;

private:
    void showAreaNames();

    QLineEdit *m_id, *m_name, *m_nameEn, *m_types, *m_areas, *m_categories;
    QComboBox *m_kind;
    QLabel *m_areaNames;
    QPushButton *m_add;
};

} // namespace citygrid
