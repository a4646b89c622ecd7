// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/caseworkspace.h"

#include "accounts/accountscope.h"
#include "cases/alertspanel.h"

#include "cases/casedialog.h"
#include "cases/caselistmodel.h"
#include "cases/caselistpanel.h"
#include "cases/cellcasespanel.h"
#include "cases/newcasedialog.h"
#include "cases/newcasetool.h"
#include "crs/crstransform.h"
#include "io/caseexchange.h"
#include "map/caselayer.h"
#include "map/heatlayer.h"
#include "map/mapcanvas.h"
#include "services/language.h"
#include "shell/errordialog.h"
#include "widgets/writtenfile.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QMainWindow>
#include <QMessageBox>
#include <QStatusBar>

namespace citygrid {

CaseWorkspace::CaseWorkspace(AppContext &context, MapCanvas *canvas, QMainWindow *window)
    : QObject(window), m_session(context), m_canvas(canvas), m_window(window),
      m_list(new CaseListPanel(m_session, window)), m_cell(new CellCasesPanel(m_session, window)),
      m_alerts(new AlertsPanel(m_session, window)), m_alertsAction(new QAction(this)),
      m_layer(new CaseLayer(m_session, this)), m_heat(new HeatLayer(*m_layer, this)),
      m_tool(new NewCaseTool(canvas, this)), m_newCase(new QAction(tr("New case"), this)),
      m_showCases(new QAction(tr("Cases on the map"), this))
{
    m_newCase->setCheckable(true);
    m_newCase->setIcon(QIcon(QStringLiteral(":/icons/new-case.svg")));
    m_newCase->setShortcut(Qt::Key_N);
    updateNewCase();
    connect(&m_session, &CaseSession::userChanged, this, &CaseWorkspace::updateNewCase);
    // what the new person may see: a unit's staff their unit's cases only
    connect(&m_session, &CaseSession::userChanged, m_list->model(), &CaseListModel::refresh);
    m_showCases->setCheckable(true);
    m_showCases->setChecked(true);
    connect(m_showCases, &QAction::toggled, m_layer, &CaseLayer::setVisible);
    connect(m_tool, &NewCaseTool::picked, this, [this](QPointF mapPos) {
        auto back = CrsTransform::create(m_canvas->gridMap().crs, QStringLiteral("EPSG:4326"));
        if (back)
            newCaseAt(back.value().apply(mapPos));
    });

    canvas->addOverlay(m_heat); // under the case symbols
    canvas->addOverlay(m_layer);
    m_layer->setFilter(m_list->model()->filter());
    connect(m_list->model(), &CaseListModel::modelReset, this,
            [this] { m_layer->setFilter(m_list->model()->filter()); });
    connect(m_layer, &CaseLayer::caseClicked, this, &CaseWorkspace::openCase);
    connect(m_list, &CaseListPanel::caseActivated, this, &CaseWorkspace::openCase);
    connect(m_list, &CaseListPanel::caseSelected, m_layer, &CaseLayer::setHighlight);
    connect(m_cell, &CellCasesPanel::caseActivated, this, &CaseWorkspace::openCase);
    connect(m_alerts, &AlertsPanel::caseActivated, this, &CaseWorkspace::openCase);
    m_alertsAction->setObjectName(QStringLiteral("alertsAction"));
    m_alertsAction->setIcon(QIcon(QStringLiteral(":/icons/notifications.svg")));
    const auto count = [this](int unread) {
        m_alertsAction->setText(unread > 0 ? tr("Notifications (%1)").arg(unread)
                                           : tr("Notifications"));
        m_alertsAction->setToolTip(unread > 0 ? tr("%n new notification(s): deadline warnings, "
                                                   "escalations, acknowledgements",
                                                   nullptr, unread)
                                              : tr("Notifications: nothing new"));
    };
    count(m_alerts->unread());
    connect(m_alerts, &AlertsPanel::unreadChanged, this, count);
}

CaseWorkspace::~CaseWorkspace() = default;

void CaseWorkspace::updateNewCase()
{
    // disabled before the user starts, saying who may, rather than refused at save
    const bool may = m_session.may(CaseStep::Report);
    m_newCase->setEnabled(may);
    m_newCase->setToolTip(may ? tr("New case: click the map where the problem is (N)")
                              : tr("New case: %1").arg(m_session.onlyWho(CaseStep::Report)));
    if (!may && m_newCase->isChecked())
        emit newCaseFinished(); // the new user may not: back to browsing
}

void CaseWorkspace::mapChanged()
{
    m_heat->setGrid(m_canvas->gridMap().extent(), m_canvas->gridMap().metresPerUnit);
    // At start the cases wait for the map's first frame: reading them on a worker still takes
    // a core from the first render.
    if (m_canvas->renderedImage().isNull())
        connect(
            m_canvas, &MapCanvas::renderFinished, m_layer,
            [this] { m_layer->setGridMap(m_canvas->gridMap()); }, Qt::SingleShotConnection);
    else
        m_layer->setGridMap(m_canvas->gridMap());
}

void CaseWorkspace::areaSelected(const QString &code)
{
    m_cell->setArea(code);
}

CaseDialog *CaseWorkspace::openCase(const QString &caseUuid)
{
    if (caseUuid.isEmpty())
        return nullptr;
    // a unit's staff see their unit's cases only (an area-bound account its area's), however
    // the case was asked for: the list, the map, a case number typed in
    if (const Account *u = m_session.user()) {
        auto record = m_session.store().find(caseUuid);
        if (!record)
            return nullptr;
        if (auto reach = AccountScope::check(*u, record.value().unitId, record.value().cellCode);
            !reach) {
            m_window->statusBar()->showMessage(reach.error().message, 10000);
            return nullptr;
        }
    }
    QPointer<CaseDialog> &dialog = m_dialogs[caseUuid];
    if (!dialog) {
        dialog = new CaseDialog(m_session, caseUuid, m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &CaseDialog::locateRequested, this, &CaseWorkspace::locate);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

QString CaseWorkspace::newCaseAt(QPointF lonLat)
{
    NewCaseDialog dialog(
        m_session, [this](QPointF p) { return cellAt(p); },
        [this](const QString &code) { return pointInCell(code); }, m_window);
    m_newCaseDialog = &dialog;
    dialog.setPosition(lonLat);
    const bool created = dialog.exec() == QDialog::Accepted;
    m_newCaseDialog = nullptr;
    emit newCaseFinished();
    if (!created)
        return {};
    m_layer->setHighlight(dialog.createdCase());
    openCase(dialog.createdCase());
    return dialog.createdCase();
}

void CaseWorkspace::locate(const QString &caseUuid)
{
    // From the store, not the layer: a case just reported may not be on the layer yet.
    const auto record = m_session.context().cases().find(caseUuid);
    auto to = CrsTransform::create(QStringLiteral("EPSG:4326"), m_canvas->gridMap().crs);
    if (!record || !to)
        return;
    MapView view = m_canvas->view();
    view.center = to.value().apply(record.value().lonLat);
    // close enough to see the symbol among its neighbours
    view.unitsPerPixel = std::min(view.unitsPerPixel, 1.5 / m_canvas->metresPerUnit());
    m_canvas->setView(view);
    m_layer->setHighlight(caseUuid);
}

QString CaseWorkspace::cellAt(QPointF lonLat) const
{
    const GridMap &map = m_canvas->gridMap();
    auto to = CrsTransform::create(QStringLiteral("EPSG:4326"), map.crs);
    if (!to || !map.cells)
        return {};
    const int id = map.cells->featureAt(to.value().apply(lonLat));
    return id < 0 ? QString() : map.cells->features[id].code;
}

std::optional<QPointF> CaseWorkspace::pointInCell(const QString &cellCode) const
{
    const GridMap &map = m_canvas->gridMap();
    auto back = CrsTransform::create(map.crs, QStringLiteral("EPSG:4326"));
    const int id = map.cells ? map.cells->indexOf(cellCode) : -1;
    if (!back || id < 0)
        return std::nullopt;
    return back.value().apply(map.cells->features[id].labelPoint);
}

void CaseWorkspace::exportCases()
{
    const QString path = QFileDialog::getSaveFileName(
        m_window, tr("Export cases"),
        writtenfile::defaultName(QStringLiteral("citygrid-cases"),
                                 m_session.now().date().toString(Qt::ISODate),
                                 QStringLiteral("xlsx")),
        tr("Excel (*.xlsx);;CSV (*.csv);;GeoJSON (*.geojson);;GeoPackage (*.gpkg);;"
           "Open311 GeoReport v2 (*.json)"));
    if (path.isEmpty())
        return;
    const CaseQuery query = m_session.caseQuery(m_list->model()->filter());
    QApplication::setOverrideCursor(Qt::BusyCursor);
    auto written = CaseExchange::exportCases(query, m_session.catalogues(), m_session.grid(), path,
                                             CaseExchange::formatOf(path), language::isEnglish());
    QApplication::restoreOverrideCursor();
    if (!written) {
        showError(m_window, written.error());
        return;
    }
    QMessageBox::information(m_window, tr("Export cases"),
                             tr("%1 cases written to %2").arg(written.value()).arg(path));
}

void CaseWorkspace::importCases()
{
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Import cases"), {},
        tr("Case tables (*.csv *.xlsx *.geojson *.json *.gpkg);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

bool CaseWorkspace::importFile(const QString &path)
{
    QList<CaseExchange::RowProblem> problems;
    QApplication::setOverrideCursor(Qt::BusyCursor);
    auto imported = CaseExchange::importCases(
        path, m_session.store(), m_session.catalogues(), [this](QPointF p) { return cellAt(p); },
        m_session.userId(), m_session.now(), &problems);
    QApplication::restoreOverrideCursor();
    if (!imported) {
        Error error = imported.error();
        QStringList rows;
        for (const auto &p :
             std::as_const(problems).first(std::min<qsizetype>(problems.size(), 50)))
            rows << tr("row %1: %2").arg(p.row).arg(p.reason);
        if (problems.size() > 50)
            rows << tr("… and %1 more").arg(problems.size() - 50);
        error.detail = rows.join(QLatin1Char('\n'));
        showError(m_window, error);
        return false;
    }
    m_session.notifyAllChanged();
    QMessageBox::information(m_window, tr("Import cases"), imported.value().text());
    return true;
}

} // namespace citygrid
