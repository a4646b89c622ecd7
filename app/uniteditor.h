// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "result.h"

#include <QDialog>
#include <QJsonObject>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace citygrid {

class CaseSession;

/// The responsible units as this site uses them: the release's catalogue with the edits made
/// here or received from other sites. The leader changes a unit's names, kind, unit types, areas
/// and categories, adds a unit, or takes a unit back to the release's entry. Every save checks
/// the whole catalogue, stores the edit as a reference record (it travels in the next sync
/// packages), and says how many category-and-cell pairs now have one unit, none, or two. GUI
/// thread.
class UnitEditor : public QDialog
{
    Q_OBJECT
public:
    enum Column { Id, Name, Kind, Areas, Edited, ColumnCount };
    explicit UnitEditor(CaseSession &session, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *areasEdit() const { return m_areas; }
    QLabel *status() const { return m_status; }
    /// Selects a unit by id.
    void select(const QString &id);
    /// The selected unit as the form shows it.
    QJsonObject entry() const;
    /// Checks and stores the form as the selected unit's edit.
    Result<void> save();
    /// Takes the selected unit back to the release's entry.
    Result<void> revert();
    /// Starts a new unit with the next free id.
    void addUnit();

private:
    void refresh();
    void showSelected();
    void showAreaNames();
    void updateButtons();
    Result<void> store(const QString &id, const QJsonValue &value);
    void report(const QString &text, bool ok);
    bool canEdit() const;
    QString selectedId() const;

    CaseSession &m_session;
    QTableWidget *m_table;
    QLineEdit *m_id, *m_name, *m_nameEn, *m_types, *m_areas, *m_categories;
    QComboBox *m_kind;
    QLabel *m_areaNames, *m_status;
    QPushButton *m_save, *m_revert, *m_add;
    QString m_newId; ///< a unit being added, not yet saved
};

} // namespace citygrid
