// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace citygrid {

class CaseSession;

/// The cases of the selected area (cell, community or subdistrict): the open ones first, then
/// those of the last 30 days, with state and deadline; tick several filed cases and dispatch them
/// at once, each to the unit the catalogue names for it. Double-click opens a case. GUI thread.
class CellCasesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit CellCasesPanel(CaseSession &session, QWidget *parent = nullptr);

    void setArea(const QString &code);
    QString area() const { return m_code; }
    QTreeWidget *list() const { return m_list; }
    QPushButton *dispatchButton() const { return m_dispatch; }
    /// Ticks the case (tests and "select all").
    void setChecked(const QString &caseUuid, bool checked);
    /// Dispatches the ticked cases; returns a summary of what went and what did not.
    QString dispatchChecked();

signals:
    void caseActivated(const QString &caseUuid);

private:
    void reload();
    void updateButton();

    CaseSession &m_session;
    QString m_code;
    QLabel *m_title;
    QTreeWidget *m_list;
    QPushButton *m_dispatch;
};

} // namespace citygrid
