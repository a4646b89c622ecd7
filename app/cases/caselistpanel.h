// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "cases/casequery.h"

#include <QDate>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;

namespace citygrid {

class CaseListModel;
class CaseSession;

/// The case list dock: filter chips (state, overdue, time window, area, category group, unit,
/// text) over a sortable table; overdue cases stand out; double-click or Enter opens a case.
/// GUI thread.
class CaseListPanel : public QWidget
{
    Q_OBJECT
public:
    explicit CaseListPanel(CaseSession &session, QWidget *parent = nullptr);

    CaseListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    /// The filter the controls describe at `now`.
    CaseFilter filter() const;
    /// Shows only the cases of an area (a subdistrict, community or cell code; empty for all).
    void setArea(const QString &code);
    void setOverdueOnly(bool on);
    void setStateFilter(const QString &stateIdOrOpen);
    void setText(const QString &text);
    /// Shows only the cases reported from `from` up to (not including) `to` (China dates), named
    /// `label` in the time-window box until another window is chosen.
    void setReportedDays(const QDate &from, const QDate &to, const QString &label);

signals:
    void caseActivated(const QString &caseUuid);
    void caseSelected(const QString &caseUuid);

private:
    void applyFilter();
    void overdueToggled(bool on);
    void fillCombos();

    CaseSession &m_session;
    CaseListModel *m_model;
    QTableView *m_view;
    QLineEdit *m_text;
    QComboBox *m_state;
    QToolButton *m_overdue;
    QComboBox *m_window;
    QComboBox *m_area;
    QComboBox *m_group;
    QComboBox *m_unit;
    QLabel *m_total;
    QDate m_customFrom, m_customTo;
    int m_periodBeforeOverdue = -1; ///< the period chosen before Overdue set it to any time
};

} // namespace citygrid
