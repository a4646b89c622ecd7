// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "cases/casedialog.h"
#include "cases/newcasedialog.h"
#include "services/casesession.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <optional>

class QAction;
class QMainWindow;

namespace citygrid {

class AlertsPanel;
class CaseDialog;
class CaseLayer;
class HeatLayer;
class CaseListPanel;
class CellCasesPanel;
class MapCanvas;
class NewCaseDialog;
class NewCaseTool;

/// Everything about cases in the main window, wired together: the signed-in user picker, the
/// new-case tool, the case list, the per-cell panel, the cases on the map and the case views.
/// The main window places the widgets; this object keeps them in step. GUI thread.
class CaseWorkspace : public QObject
{
    Q_OBJECT
public:
    CaseWorkspace(AppContext &context, MapCanvas *canvas, QMainWindow *window);
    ~CaseWorkspace() override;

    CaseSession &session() { return m_session; }
    CaseListPanel *listPanel() const { return m_list; }
    CellCasesPanel *cellPanel() const { return m_cell; }
    AlertsPanel *alertsPanel() const { return m_alerts; }
    /// The toolbar button of the notifications, with the unread count.
    QAction *alertsAction() const { return m_alertsAction; }
    CaseLayer *layer() const { return m_layer; }
    HeatLayer *heatLayer() const { return m_heat; }
    QAction *newCaseAction() const { return m_newCase; }
    QAction *showCasesAction() const { return m_showCases; }
    /// Exports the cases of the list's filter to a file the user chooses.
    void exportCases();
    /// Imports reports from a CSV, XLSX or GeoJSON file the user chooses (all rows or none).
    void importCases();
    /// Imports `path`; the problems of a rejected file are shown to the user.
    bool importFile(const QString &path);
    NewCaseTool *newCaseTool() const { return m_tool; }

    /// The map shows another grid or CRS.
    void mapChanged();
    /// An area was selected on the map or in the tree.
    void areaSelected(const QString &code);

    /// Opens the case view (one per case; raised if open).
    CaseDialog *openCase(const QString &caseUuid);
    /// The new-case form at a WGS84 point (a map click), modal; the case created or empty.
    QString newCaseAt(QPointF lonLat);
    /// Created by newCaseAt() while it runs (tests fill it in).
    NewCaseDialog *newCaseDialog() const { return m_newCaseDialog; }
    /// Centres the map on a case and marks it.
    void locate(const QString &caseUuid);

    QString cellAt(QPointF lonLat) const;
    std::optional<QPointF> pointInCell(const QString &cellCode) const;

signals:
    /// The new-case form closed (created or not): the map tool goes back to browsing.
    void newCaseFinished();

private:
    void updateNewCase();

    CaseSession m_session;
    MapCanvas *m_canvas;
    QMainWindow *m_window;
    CaseListPanel *m_list;
    CellCasesPanel *m_cell;
    AlertsPanel *m_alerts;
    QAction *m_alertsAction;
    CaseLayer *m_layer;
    HeatLayer *m_heat;
    NewCaseTool *m_tool;
    QAction *m_newCase;
    QAction *m_showCases;
    QHash<QString, QPointer<CaseDialog>> m_dialogs;
    QPointer<NewCaseDialog> m_newCaseDialog;
};

} // namespace citygrid
