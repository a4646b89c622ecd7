// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "map/mapcanvas.h"
#include "services/appcontext.h"

#include <QFuture>
#include <QMainWindow>

#include <memory>

class QComboBox;
class QLabel;
class QMenu;
class QTreeView;

namespace citygrid {

class AreaTreeModel;
class AssessmentWindow;
class BrowseTool;
class CaseWorkspace;
class SessionLock;
class IdentifyPanel;
class LayerPanel;
class CaseFactsSource;
class DashboardWindow;
class RankingPanel;
class ThematicPanel;
class ComparisonWindow;
class TrendPanel;
class SearchBox;

/// The operator's main window. It only wires the canvas, panels, tools and actions together; each
/// piece does its own work. Owns the AppContext. GUI thread.
class CentreFeed;
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    /// The grid as read on a worker (startMapLoad) while the rest of the window is built.
    using MapFuture = QFuture<Result<GridMap>>;
    /// `firstMap`, if started, is the map shown first; otherwise the window reads it itself.
    explicit MainWindow(std::unique_ptr<AppContext> context, MapFuture firstMap = {},
                        QWidget *parent = nullptr);
    /// Starts reading the store's grid, in the CRS the window last showed, on a worker: a
    /// city-size grid then costs no more start-up than reading the catalogues and building
    /// the window.
    static MapFuture startMapLoad(const QString &storePath);
    ~MainWindow() override;

    MapCanvas *canvas() const { return m_canvas; }
    QString storePath() const { return m_context->storePath(); }
    SearchBox *searchBox() const { return m_search; }
    IdentifyPanel *identifyPanel() const { return m_identify; }
    AreaTreeModel *areaModel() const { return m_areaModel; }
    CaseWorkspace *cases() const { return m_cases; }
    /// Who is at the workstation: sign-in, Lock, Switch user.
    SessionLock *sessionLock() const { return m_lock; }
    ThematicPanel *thematic() const { return m_thematic; }
    /// Opens the thematic map's two months side by side (its "Compare…" button).
    ComparisonWindow *showComparison();
    ComparisonWindow *comparison() const { return m_comparison; }
    RankingPanel *ranking() const { return m_ranking; }
    TrendPanel *trend() const { return m_trend; }
    /// Colours the map by the measure called `name` and shows its panel; false if unknown.
    bool showThematic(const QString &name);
    /// Shows and raises the panel called `name` ("rankings", "trends"); false if unknown.
    bool showPanel(const QString &name);
    /// Opens the wall display full screen (View > Wall display); it stays until Esc.
    DashboardWindow *showDashboard();
    DashboardWindow *dashboard() const { return m_dashboard; }
    /// Opens the "7+1" assessment workspace (Assessment > "7+1" assessment).
    AssessmentWindow *showAssessment();
    AssessmentWindow *assessment() const { return m_assessment; }
    /// Writes what the map shows, fitted to `logicalSize` (96 an inch), as PNG at `dpi` or as
    /// vector PDF (File > Export map… asks for these).
    Result<void> exportMapTo(const QString &path, QSize logicalSize, int dpi);
    /// Loads the grid in `crs` and shows it, keeping the view's centre and scale.
    void setMapCrs(const QString &crs);
    /// Selects an area by code on the map, in the tree and in the context panel, and zooms to it.
    void selectArea(const QString &code, bool zoom = true);
    /// The centre's live feed; null unless the store is a copy of the centre.
    CentreFeed *centreFeed() const { return m_feed; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void raiseDockOf(QWidget *widget);
    /// The map's tools, views and files, shared by toolbars and menus.
    struct MapActions
    {
        QAction *importGrid, *exportMap, *identify, *zoomBox, *zoomIn, *zoomOut, *full, *back,
            *forward;
    };
    void createActions();
    /// Offers what the signed-in person's role may do (grid import, sync), the rest disabled.
    void updateRights();
    MapActions createMapActions();
    void createToolbars(const MapActions &actions);
    void createMenus(const MapActions &actions);
    void createSettingsMenu();
    void createDocks();
    void createStatusBar();
    void loadMap(const QString &crs);
    void showMap(const Result<GridMap> &map);
    void showItem(const MapItem &item);
    void updateStatus(QPointF mapPos);
    void restoreSettings();
    void saveSettings() const;
    void resetLayout();
    /// Sizes the window for the screen it is on (maximised up to 1920×1080, otherwise a centred
    /// 90 %) and gives the side panels their share, the map at least half the width.
    void fitToScreen();
    void fitDocks(QSize window);
    /// Narrows the side panels to fit if they leave the map less than half the width.
    void keepHalfForTheMap();
    void importGrid();
    /// File ▸ Backups…; after a restore everything is read again and the window locks, so the
    /// next person signs in against the restored accounts.
    void showBackups();
    /// File ▸ Open: another store (a file or the centre's server) in a window of its own.
    void openStore();
    /// Today's backup on a worker thread, unless there is one (checked hourly while open).
    void backUpToday();
    /// Search, area tree, map and title after the store's grid was replaced.
    void showNewGrid();
    void exportMap();
    void about();

    std::unique_ptr<AppContext> m_context;
    MapCanvas *m_canvas;
    BrowseTool *m_browseTool;
    BrowseTool *m_zoomTool;
    SearchBox *m_search;
    IdentifyPanel *m_identify;
    LayerPanel *m_layers;
    AreaTreeModel *m_areaModel;
    QTreeView *m_areaTree;
    QComboBox *m_crsBox;
    QLabel *m_coordinates;
    QLabel *m_scale;
    QLabel *m_crsLabel;
    CentreFeed *m_feed = nullptr; ///< a workstation of the centre only
    QLabel *m_storeLabel;
    QMenu *m_docksMenu = nullptr;
    CaseWorkspace *m_cases = nullptr;
    SessionLock *m_lock = nullptr;
    CaseFactsSource *m_facts = nullptr;
    DashboardWindow *m_dashboard = nullptr;
    AssessmentWindow *m_assessment = nullptr;
    ThematicPanel *m_thematic = nullptr;
    ComparisonWindow *m_comparison = nullptr;
    RankingPanel *m_ranking = nullptr;
    TrendPanel *m_trend = nullptr;
    QByteArray m_defaultState;
    MapFuture m_firstMap;
};

} // namespace citygrid
