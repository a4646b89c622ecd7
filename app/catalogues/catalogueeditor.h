// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"

#include <QDialog>
#include <QJsonObject>

class QFormLayout;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace citygrid {

class CaseSession;

/// What the unit and the category editors share: the catalogue's entries in a table with a filter
/// and where and when each was last edited, a form beside it that a subclass fills, the
/// leader-only save and "back to the release's entry", each checked against the whole catalogue
/// and kept as a reference record that travels in the next sync packages, and a status line that
/// says what happened. GUI thread.
class CatalogueEditor : public QDialog
{
    Q_OBJECT
public:
    QTableWidget *table() const { return m_table; }
    QLineEdit *filterEdit() const { return m_filter; }
    QLabel *status() const { return m_status; }
    /// Selects an entry by id.
    void select(const QString &id);
    /// The form's entry as the catalogue file writes it.
    virtual QJsonObject entry() const = 0;
    /// Checks and stores the form as the entry's edit.
    Result<void> save();
    /// Takes the selected entry back to the release's entry.
    Result<void> revert();

protected:
    /// The words that differ between the editors.
    struct Texts
    {
        QString title;
        QString intro;
        QString notAllowed; ///< the error code of a save by someone else
    };
    /// `kind` is cataloguekinds::unit() or cataloguekinds::category(); `headers` name the columns
    /// that rowCells() fills (an "Edited" column follows them).
    CatalogueEditor(CaseSession &session, const QString &kind, const QStringList &headers,
                    const Texts &texts, QWidget *parent);
    /// Fills the table and shows the first entry; the subclass calls it once its form is built.
    void populate();
    /// The form's layout and the row of buttons under it, for the subclass to add to.
    QFormLayout *form() const { return m_form; }
    void addButton(QPushButton *button);

    /// The ids of the entries in catalogue order, and the cells of one (as many as the headers).
    virtual QStringList ids() const = 0;
    virtual QStringList rowCells(const QString &id) const = 0;
    /// Shows an entry in the form.
    virtual void showEntry(const QString &id) = 0;
    /// The id of the entry in the form (a new one need not be in the table yet).
    virtual QString formId() const = 0;
    virtual void setFormEditable(bool editable) = 0;

    bool canEdit() const;
    /// Why the current user may not edit, and what to do.
    QString mayNotEdit() const;
    QString selectedId() const;
    void report(const QString &text, bool ok);

    CaseSession &m_session;

private:
    void refresh();
    void applyFilter();
    void showSelected();
    void updateButtons();
    Result<void> store(const QString &id, const QJsonValue &value);
    /// Notes which edit of entry `id` the form starts from (what a save checks came last).
    void rememberOpened(const QString &id);

    QString m_kind;
    QString m_openedId, m_openedAt;
    Texts m_texts;
    QTableWidget *m_table;
    QLineEdit *m_filter;
    QFormLayout *m_form;
    QLabel *m_status;
    QPushButton *m_save, *m_revert;
    QHBoxLayout *m_buttons;
};

} // namespace citygrid
