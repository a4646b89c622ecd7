// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "shell/mainwindow.h"

#include "accounts/accountsdialog.h"
#include "accounts/sessionlock.h"
#include "audit/recordcheckdialog.h"
#include "backups/backupsdialog.h"
#include "services/casefactssource.h"
#include "services/casesession.h"
#include "services/centrefeed.h"
#include "services/dailybackups.h"
#include "supervision/rankingpanel.h"
#include "supervision/thematicpanel.h"
#include "supervision/trendpanel.h"

#include "assessment/assessmentwindow.h"
#include "cases/alertspanel.h"
#include "cases/caselistpanel.h"
#include "cases/caseworkspace.h"
#include "cases/cellcasespanel.h"
#include "cases/newcasedialog.h"
#include "cases/newcasetool.h"
#include "catalogues/categoryeditor.h"
#include "catalogues/uniteditor.h"
#include "crs/crstransform.h"
#include "grid/gridmaploader.h"
#include "map/areatreemodel.h"
#include "map/browsetool.h"
#include "map/identifypanel.h"
#include "map/importgriddialog.h"
#include "map/layerpanel.h"
#include "map/mapexportdialog.h"
#include "render/mapdecorations.h"
#include "render/mapexport.h"
#include "reports/maptitle.h"
#include "services/language.h"
#include "services/threadpools.h"
#include "shell/errordialog.h"
#include "shell/openstoredialog.h"
#include "store/storeschema.h"
#include "supervision/comparisonwindow.h"
#include "supervision/dashboardwindow.h"
#include "supervision/reportdialog.h"
#include "sync/syncdialog.h"
#include "widgets/searchbox.h"
#include "widgets/tablefit.h"
#include "widgets/writtenfile.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QResizeEvent>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QtConcurrent>

namespace citygrid {

namespace {

QIcon icon(const char *name)
{
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}

/// The map CRS the window last showed (the user's choice is kept between runs).
QString savedCrs()
{
    const QString crs =
        QSettings().value(QStringLiteral("map/crs"), QStringLiteral("EPSG:4547")).toString();
    return CrsTransform::isKnown(crs) ? crs : QStringLiteral("EPSG:4547");
}

/// Sets the shortcut and puts it in the tooltip, so every action tells how to reach it by keyboard.
void setShortcut(QAction *action, const QKeySequence &key)
{
    action->setShortcut(key);
    action->setToolTip(QStringLiteral("%1 (%2)").arg(action->text().remove(u'&'),
                                                     key.toString(QKeySequence::NativeText)));
}

} // namespace

MainWindow::MainWindow(std::unique_ptr<AppContext> context, MapFuture firstMap, QWidget *parent)
    : QMainWindow(parent), m_context(std::move(context)), m_canvas(new MapCanvas(this)),
      m_browseTool(new BrowseTool(m_canvas, this)),
      m_zoomTool(new BrowseTool(m_canvas, this, true)), m_search(new SearchBox(this)),
      m_identify(new IdentifyPanel(this)), m_layers(new LayerPanel(this)),
      m_areaModel(new AreaTreeModel(this)), m_areaTree(new QTreeView(this)),
      m_crsBox(new QComboBox(this)), m_coordinates(new QLabel(this)), m_scale(new QLabel(this)),
      m_crsLabel(new QLabel(this)), m_storeLabel(new QLabel(this)), m_firstMap(std::move(firstMap))
{
    setWindowTitle(tr("CityGrid — %1").arg(maptitle::forGrid(m_context->catalogue())));
    setWindowIcon(icon("app"));
    setCentralWidget(m_canvas);
    m_canvas->setTool(m_browseTool);
    const bool english = language::isEnglish();
    m_search->setCatalogue(m_context->catalogue(), english);
    m_areaModel->setCatalogue(m_context->catalogue(), english);
    m_cases = new CaseWorkspace(*m_context, m_canvas, this);
    m_lock = new SessionLock(m_cases->session(), this);
    m_facts = new CaseFactsSource(m_cases->session(), this);
    m_thematic =
        new ThematicPanel(m_cases->session(), *m_facts, m_canvas, m_cases->heatLayer(), this);
    connect(m_thematic, &ThematicPanel::comparisonWanted, this, &MainWindow::showComparison);
    m_ranking = new RankingPanel(m_cases->session(), *m_facts, this);
    m_trend = new TrendPanel(m_cases->session(), *m_facts, this);
    connect(m_ranking, &RankingPanel::areaActivated, this,
            [this](const QString &code) { selectArea(code); });
    createActions();
    createDocks();
    createStatusBar();

    connect(m_canvas, &MapCanvas::itemClicked, this, &MainWindow::showItem);
    connect(m_canvas, &MapCanvas::cursorMoved, this, &MainWindow::updateStatus);
    connect(m_canvas, &MapCanvas::viewChanged, this,
            [this] { updateStatus(m_canvas->view().center); });
    connect(m_search, &SearchBox::areaChosen, this,
            [this](const QString &code) { selectArea(code); });
    connect(m_search, &SearchBox::left, m_canvas, [this] { m_canvas->setFocus(); });
    connect(m_identify, &IdentifyPanel::codeActivated, this,
            [this](const QString &code) { selectArea(code); });
    connect(m_layers, &LayerPanel::displayChanged, m_canvas, &MapCanvas::setLayerDisplay);

    m_defaultState = saveState();
    restoreSettings();
    showItem({});

    // the daily backup: a little after the start, then looked at every hour
    auto *daily = new QTimer(this);
    daily->setInterval(std::chrono::hours(1));
    connect(daily, &QTimer::timeout, this, &MainWindow::backUpToday);
    daily->start();
    QTimer::singleShot(std::chrono::seconds(20), this, &MainWindow::backUpToday);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    const MapActions actions = createMapActions();
    createToolbars(actions);
    createMenus(actions);
    updateRights();
    connect(&m_cases->session(), &CaseSession::userChanged, this, &MainWindow::updateRights);
}

void MainWindow::updateRights()
{
    // what the role table allows the person signed in, offered; the rest disabled, saying who may
    const std::pair<const char *, Right> guarded[] = {{"importGrid", Right::ImportGrid},
                                                      {"syncPackages", Right::Sync}};
    const CaseSession &session = m_cases->session();
    for (const auto &[name, right] : guarded) {
        QAction *action = findChild<QAction *>(QLatin1String(name));
        const bool may = session.may(right);
        action->setEnabled(may);
        action->setStatusTip(may ? QString() : session.onlyWho(right));
        action->setToolTip(may ? action->text().remove(u'&') : session.onlyWho(right));
    }
}

MainWindow::MapActions MainWindow::createMapActions()
{
    MapActions a;
    a.importGrid = new QAction(icon("import"), tr("&Import grid…"), this);
    a.importGrid->setObjectName(QStringLiteral("importGrid"));
    setShortcut(a.importGrid, QKeySequence(Qt::CTRL | Qt::Key_I));
    connect(a.importGrid, &QAction::triggered, this, &MainWindow::importGrid);
    a.exportMap = new QAction(icon("export"), tr("&Export map…"), this);
    a.exportMap->setObjectName(QStringLiteral("exportMap"));
    setShortcut(a.exportMap, QKeySequence(Qt::CTRL | Qt::Key_P));
    connect(a.exportMap, &QAction::triggered, this, &MainWindow::exportMap);

    auto *tools = new QActionGroup(this);
    a.identify = tools->addAction(icon("identify"), tr("Identify and pan"));
    a.identify->setCheckable(true);
    a.identify->setChecked(true);
    setShortcut(a.identify, QKeySequence(Qt::Key_I));
    connect(a.identify, &QAction::triggered, this, [this] { m_canvas->setTool(m_browseTool); });
    a.zoomBox = tools->addAction(icon("zoom-box"), tr("Zoom to box"));
    a.zoomBox->setCheckable(true);
    setShortcut(a.zoomBox, QKeySequence(Qt::Key_Z));
    connect(a.zoomBox, &QAction::triggered, this, [this] { m_canvas->setTool(m_zoomTool); });
    QAction *newCase = m_cases->newCaseAction();
    tools->addAction(newCase);
    connect(newCase, &QAction::triggered, this,
            [this] { m_canvas->setTool(m_cases->newCaseTool()); });
    // After the form (or Esc), back to browsing: one click is one case.
    connect(m_cases, &CaseWorkspace::newCaseFinished, a.identify, &QAction::trigger);
    connect(newCase, &QAction::toggled, this, [this](bool on) {
        if (on)
            statusBar()->showMessage(
                tr("New case: click the map where the problem is; Esc cancels"));
        else
            statusBar()->clearMessage();
    });
    connect(m_canvas, &MapCanvas::escapePressed, this, [newCase, identify = a.identify] {
        if (newCase->isChecked())
            identify->trigger();
    });

    a.zoomIn = new QAction(icon("zoom-in"), tr("Zoom in"), this);
    setShortcut(a.zoomIn, QKeySequence::ZoomIn);
    connect(a.zoomIn, &QAction::triggered, this, [this] { m_canvas->zoomBy(1.5); });
    a.zoomOut = new QAction(icon("zoom-out"), tr("Zoom out"), this);
    setShortcut(a.zoomOut, QKeySequence::ZoomOut);
    connect(a.zoomOut, &QAction::triggered, this, [this] { m_canvas->zoomBy(1 / 1.5); });
    a.full = new QAction(icon("full-extent"), tr("Full extent"), this);
    setShortcut(a.full, QKeySequence(Qt::Key_Home));
    connect(a.full, &QAction::triggered, m_canvas, &MapCanvas::zoomToFullExtent);
    a.back = new QAction(icon("back"), tr("Previous view"), this);
    setShortcut(a.back, QKeySequence::Back);
    connect(a.back, &QAction::triggered, m_canvas, &MapCanvas::goBack);
    a.forward = new QAction(icon("forward"), tr("Next view"), this);
    setShortcut(a.forward, QKeySequence::Forward);
    connect(a.forward, &QAction::triggered, m_canvas, &MapCanvas::goForward);
    connect(m_canvas, &MapCanvas::historyChanged, this, [this, back = a.back, forward = a.forward] {
        back->setEnabled(m_canvas->canGoBack());
        forward->setEnabled(m_canvas->canGoForward());
    });
    auto *find = new QAction(tr("Search"), this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    addAction(find);

    for (const auto &[crs, name] : CrsTransform::mapChoices())
        m_crsBox->addItem(name, crs);
    m_crsBox->setToolTip(tr("Map coordinate reference system"));
    connect(m_crsBox, &QComboBox::activated, this,
            [this](int index) { setMapCrs(m_crsBox->itemData(index).toString()); });

    return a;
}

void MainWindow::createToolbars(const MapActions &a)
{
    auto *toolbar = addToolBar(tr("Map"));
    toolbar->setObjectName(QStringLiteral("mapToolbar"));
    toolbar->setIconSize(QSize(22, 22));
    toolbar->addActions({a.identify, a.zoomBox});
    toolbar->addSeparator();
    toolbar->addActions({a.zoomIn, a.zoomOut, a.full, a.back, a.forward});
    toolbar->addSeparator();
    toolbar->addWidget(m_crsBox);
    toolbar->addSeparator();
    toolbar->addWidget(m_search);
    toolbar->addSeparator();
    toolbar->addActions({a.importGrid, a.exportMap});

    auto *caseBar = addToolBar(tr("Cases"));
    caseBar->setObjectName(QStringLiteral("casesToolbar"));
    caseBar->setIconSize(QSize(22, 22));
    caseBar->addAction(m_cases->newCaseAction());
    caseBar->addAction(m_cases->alertsAction());
    if (auto *button = caseBar->widgetForAction(m_cases->alertsAction()))
        qobject_cast<QToolButton *>(button)->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    caseBar->addWidget(m_lock->userWidget());
}

void MainWindow::createMenus(const MapActions &a)
{
    auto *file = menuBar()->addMenu(tr("&File"));
    auto *open = file->addAction(tr("&Open a store…"), this, &MainWindow::openStore);
    open->setObjectName(QStringLiteral("openStore"));
    file->addSeparator();
    file->addActions({a.importGrid, a.exportMap});
    file->addSeparator();
    file->addActions({m_lock->lockAction(), m_lock->switchAction()});
    file->addSeparator();
    file->addAction(tr("&Backups…"), this, &MainWindow::showBackups)
        ->setObjectName(QStringLiteral("backups"));
    file->addSeparator();
    auto *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    setShortcut(quit, QKeySequence(Qt::CTRL | Qt::Key_Q));

    auto *casesMenu = menuBar()->addMenu(tr("&Cases"));
    casesMenu->addAction(m_cases->newCaseAction());
    auto *overdue = casesMenu->addAction(tr("Overdue cases"), this, [this] {
        m_cases->listPanel()->setOverdueOnly(true);
        raiseDockOf(m_cases->listPanel());
    });
    setShortcut(overdue, QKeySequence(Qt::CTRL | Qt::Key_O));
    casesMenu->addAction(m_cases->showCasesAction());
    casesMenu->addSeparator();
    casesMenu->addAction(icon("export"), tr("Export cases…"), m_cases, &CaseWorkspace::exportCases)
        ->setObjectName(QStringLiteral("exportCases"));
    casesMenu->addAction(icon("import"), tr("Import cases…"), m_cases, &CaseWorkspace::importCases)
        ->setObjectName(QStringLiteral("importCases"));

    auto *reports = menuBar()->addMenu(tr("&Reports"));
    auto *monthly = reports->addAction(tr("Monthly report…"), this, [this] {
        ReportDialog dialog(m_cases->session(), *m_facts, m_canvas->gridMap(), this);
        dialog.exec();
    });
    monthly->setObjectName(QStringLiteral("monthlyReport"));
    reports->addAction(icon("export"), tr("Export map…"), this, &MainWindow::exportMap);

    auto *assessmentMenu = menuBar()->addMenu(tr("&Assessment"));
    auto *assessment =
        assessmentMenu->addAction(tr("\"7+1\" assessment…"), this, &MainWindow::showAssessment);
    assessment->setObjectName(QStringLiteral("assessment"));
    setShortcut(assessment, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));

    auto *syncMenu = menuBar()->addMenu(tr("&Sync"));
    auto *syncPackages = syncMenu->addAction(tr("Sync packages…"), this, [this] {
        SyncDialog dialog(m_cases->session(), this);
        dialog.exec();
        if (dialog.gridReplaced())
            showNewGrid();
    });
    syncPackages->setObjectName(QStringLiteral("syncPackages"));

    auto *view = menuBar()->addMenu(tr("&View"));
    view->addActions({a.zoomIn, a.zoomOut, a.full, a.back, a.forward});
    view->addSeparator();
    auto *wall = view->addAction(tr("Wall display"), this, &MainWindow::showDashboard);
    wall->setObjectName(QStringLiteral("wallDisplay"));
    setShortcut(wall, QKeySequence(Qt::Key_F11));
    view->addSeparator();
    m_docksMenu = view->addMenu(tr("Panels"));
    auto *reset = view->addAction(tr("Reset layout"), this, &MainWindow::resetLayout);
    reset->setObjectName(QStringLiteral("resetLayout"));

    createSettingsMenu();
}

void MainWindow::createSettingsMenu()
{
    auto *settings = menuBar()->addMenu(tr("&Settings"));
    auto *units = settings->addAction(tr("Responsible units…"), this, [this] {
        UnitEditor editor(m_cases->session(), this);
        editor.exec();
    });
    units->setObjectName(QStringLiteral("responsibleUnits"));
    auto *categories = settings->addAction(tr("Case categories…"), this, [this] {
        CategoryEditor editor(m_cases->session(), this);
        editor.exec();
    });
    categories->setObjectName(QStringLiteral("caseCategories"));
    auto *accounts = settings->addAction(tr("Accounts…"), this, [this] {
        AccountsDialog dialog(m_cases->session(), this);
        dialog.exec();
        m_lock->armIdleLock();
    });
    accounts->setObjectName(QStringLiteral("accounts"));
    auto *atStart = settings->addAction(tr("Store at start…"), this, [this] {
        OpenStoreDialog dialog(this, OpenStoreDialog::Purpose::AtStart);
        if (dialog.exec() != QDialog::Accepted)
            return;
        AppContext::saveStore(dialog.target());
        statusBar()->showMessage(
            dialog.target().isEmpty()
                ? tr("CityGrid opens this computer's own store file at start from now on")
                : tr("CityGrid opens %1 at start from now on").arg(dialog.target()),
            10000);
    });
    atStart->setObjectName(QStringLiteral("storeAtStart"));
    auto *languages = settings->addMenu(tr("Language"));
    auto *languageGroup = new QActionGroup(this);
    for (const auto &[code, name] : {std::pair{"zh_CN", "中文"}, std::pair{"en", "English"}}) {
        auto *action = languageGroup->addAction(QString::fromUtf8(name));
        action->setCheckable(true);
        action->setChecked((QString::fromLatin1(code) == QLatin1String("en")) ==
                           language::isEnglish());
        connect(action, &QAction::triggered, this, [this, code = QString::fromLatin1(code)] {
            language::save(code);
            QMessageBox::information(
                this, tr("Language"),
                tr("CityGrid will speak the new language the next time it starts."));
        });
        languages->addAction(action);
    }

    auto *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Verify records…"), this,
                    [this] {
                        RecordCheckDialog dialog(m_context->storePath(), this);
                        dialog.exec();
                    })
        ->setObjectName(QStringLiteral("verifyRecords"));
    help->addAction(tr("&About CityGrid"), this, &MainWindow::about)
        ->setObjectName(QStringLiteral("about"));
}

void MainWindow::createDocks()
{
    m_areaTree->setModel(m_areaModel);
    m_areaTree->setUniformRowHeights(true);
    m_areaTree->expand(m_areaModel->index(0, 0));
    TableFit::install(m_areaTree, m_areaTree->header(), 0);
    connect(m_areaTree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        selectArea(index.data(AreaTreeModel::CodeRole).toString());
    });
    connect(m_areaTree, &QTreeView::clicked, this, [this](const QModelIndex &index) {
        selectArea(index.data(AreaTreeModel::CodeRole).toString());
    });

    auto dock = [this, panel = 0](const QString &title, const QString &name, QWidget *widget,
                                  Qt::DockWidgetArea area) mutable {
        auto *d = new QDockWidget(title, this);
        d->setObjectName(name);
        // A panel taller or wider than its share of a small screen scrolls instead of pushing
        // the window past the screen's edge.
        auto *scroll = new QScrollArea(d);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidget(widget);
        d->setWidget(scroll);
        addDockWidget(area, d);
        // Alt+1, Alt+2, …: shows the panel, brings it to the front and gives it the keyboard
        // (the Panels menu names the key beside the panel).
        const QKeySequence key(Qt::ALT | Qt::Key(Qt::Key_1 + panel++));
        auto *go = new QAction(this);
        go->setShortcut(key);
        connect(go, &QAction::triggered, this, [this, widget] {
            raiseDockOf(widget);
            widget->setFocus();
        });
        addAction(go);
        d->toggleViewAction()->setText(
            QStringLiteral("%1\t%2").arg(title, key.toString(QKeySequence::NativeText)));
        m_docksMenu->addAction(d->toggleViewAction());
        return d;
    };
    dock(tr("Areas"), QStringLiteral("areasDock"), m_areaTree, Qt::LeftDockWidgetArea);
    auto *layers =
        dock(tr("Layers"), QStringLiteral("layersDock"), m_layers, Qt::LeftDockWidgetArea);
    auto *thematic = dock(tr("Thematic map"), QStringLiteral("thematicDock"), m_thematic,
                          Qt::LeftDockWidgetArea);
    tabifyDockWidget(layers, thematic);
    layers->raise();
    // Case symbols and counts on top of classed areas would read as one more measure.
    connect(m_thematic, &ThematicPanel::activeChanged, this,
            [this](bool active) { m_cases->showCasesAction()->setChecked(!active); });
    dock(tr("Details"), QStringLiteral("detailsDock"), m_identify, Qt::RightDockWidgetArea);
    dock(tr("Cases of the area"), QStringLiteral("cellCasesDock"), m_cases->cellPanel(),
         Qt::RightDockWidgetArea);

    auto *list = dock(tr("Cases"), QStringLiteral("casesDock"), m_cases->listPanel(),
                      Qt::BottomDockWidgetArea);
    auto *ranking =
        dock(tr("Rankings"), QStringLiteral("rankingDock"), m_ranking, Qt::BottomDockWidgetArea);
    tabifyDockWidget(list, ranking);
    auto *trends =
        dock(tr("Trends"), QStringLiteral("trendDock"), m_trend, Qt::BottomDockWidgetArea);
    tabifyDockWidget(ranking, trends);
    // deadline warnings, escalations and acknowledgements: a wide table, beside the case list
    auto *alerts = dock(tr("Notifications"), QStringLiteral("alertsDock"), m_cases->alertsPanel(),
                        Qt::BottomDockWidgetArea);
    tabifyDockWidget(trends, alerts);
    list->raise();
    connect(m_cases->alertsAction(), &QAction::triggered, this,
            [this] { raiseDockOf(m_cases->alertsPanel()); });
    // A bar of the trend chart lists its period's cases, which the map then shows.
    connect(m_trend, &TrendPanel::periodActivated, this,
            [this, list](const QDate &from, const QDate &to, const QString &area,
                         const QString &label) {
                m_cases->listPanel()->setArea(area);
                m_cases->listPanel()->setReportedDays(from, to, label);
                list->show();
                list->raise();
            });
}

bool MainWindow::showThematic(const QString &name)
{
    if (!m_thematic->showMeasure(name))
        return false;
    raiseDockOf(m_thematic);
    return true;
}

bool MainWindow::showPanel(const QString &name)
{
    QWidget *panel = name == QLatin1String("rankings")        ? static_cast<QWidget *>(m_ranking)
                     : name == QLatin1String("trends")        ? static_cast<QWidget *>(m_trend)
                     : name == QLatin1String("notifications") ? m_cases->alertsPanel()
                                                              : nullptr;
    if (!panel)
        return false;
    raiseDockOf(panel);
    return true;
}

void MainWindow::raiseDockOf(QWidget *widget)
{
    // the panel sits in a scroll area in its dock
    for (QWidget *w = widget; w; w = w->parentWidget()) {
        if (auto *d = qobject_cast<QDockWidget *>(w)) {
            d->show();
            d->raise();
            return;
        }
    }
}

void MainWindow::createStatusBar()
{
    m_coordinates->setMinimumWidth(380);
    statusBar()->addWidget(m_coordinates);
    statusBar()->addWidget(m_scale);
    statusBar()->addPermanentWidget(m_crsLabel);
    statusBar()->addPermanentWidget(m_storeLabel);
    m_storeLabel->setText(tr("Store: %1").arg(m_context->storePath()));
    m_storeLabel->setToolTip(m_context->storePath());
    if (!m_context->centre())
        return;
    // a workstation of the centre: live from the server, and says when it is not
    m_feed = new CentreFeed(m_cases->session(), this);
    const auto show = [this] {
        m_storeLabel->setText(m_feed->stateText());
        m_storeLabel->setStyleSheet(m_feed->isConnected() ? QString()
                                                          : QStringLiteral("color: #b00020"));
    };
    connect(m_feed, &CentreFeed::stateChanged, this, show);
    connect(&m_cases->session(), &CaseSession::gridReplaced, this, &MainWindow::showNewGrid);
    show();
}

MainWindow::MapFuture MainWindow::startMapLoad(const QString &storePath)
{
    return QtConcurrent::run(threadpools::load(),
                             [storePath, crs = savedCrs(), english = language::isEnglish()] {
                                 return GridMapLoader::load(storePath, crs, english);
                             });
}

void MainWindow::loadMap(const QString &crs)
{
    QApplication::setOverrideCursor(Qt::BusyCursor);
    const auto map = GridMapLoader::load(m_context->storePath(), crs, language::isEnglish());
    QApplication::restoreOverrideCursor();
    showMap(map);
}

void MainWindow::showMap(const Result<GridMap> &map)
{
    if (!map) {
        showError(this, map.error());
        return;
    }
    m_canvas->setGridMap(map.value());
    m_cases->mapChanged();
    m_thematic->mapChanged();
    // the CRS by the name the user chose it by, in the user's language (PROJ's names are English)
    const int crs = m_crsBox->findData(map.value().crs);
    m_crsBox->setCurrentIndex(std::max(0, crs));
    m_crsLabel->setText(CrsTransform::describe(map.value().crs));
}

void MainWindow::setMapCrs(const QString &crs)
{
    const GridMap &old = m_canvas->gridMap();
    const MapView view = m_canvas->view();
    const bool hadMap = old.cells != nullptr;
    QPointF centre;
    double metresPerPixel = 0;
    if (hadMap) {
        if (auto back = CrsTransform::create(old.crs, crs))
            centre = back.value().apply(view.center);
        metresPerPixel = view.unitsPerPixel * old.metresPerUnit;
    }
    loadMap(crs);
    if (hadMap && metresPerPixel > 0) {
        MapView moved = view;
        moved.center = centre;
        moved.unitsPerPixel = metresPerPixel / m_canvas->gridMap().metresPerUnit;
        m_canvas->setView(moved);
    }
}

void MainWindow::selectArea(const QString &code, bool zoom)
{
    const GridUnit *unit = m_context->catalogue().find(code);
    if (!unit)
        return;
    const QString layerId = unit->level == GridLevel::Subdistrict ? storeschema::subdistrictsTable()
                            : unit->level == GridLevel::Community ? storeschema::communitiesTable()
                                                                  : storeschema::cellsTable();
    const MapItem item{layerId, code};
    m_canvas->setSelection(item);
    if (zoom) {
        for (const MapLayerPtr &layer : m_canvas->gridMap().layers()) {
            const int index = layer && layer->id == layerId ? layer->indexOf(code) : -1;
            if (index >= 0) {
                const QRectF box = layer->features[index].bbox;
                // some context around the area, never closer than a street's width
                const double pad = std::max(box.width(), box.height()) * 0.3;
                m_canvas->zoomToExtent(box.adjusted(-pad, -pad, pad, pad));
            }
        }
    }
    showItem(item);
}

void MainWindow::showItem(const MapItem &item)
{
    m_identify->showItem(item, m_context->catalogue(), m_canvas->gridMap(), language::isEnglish());
    m_cases->areaSelected(item.code);
    if (!item.isValid())
        return;
    const QModelIndex index = m_areaModel->indexOf(item.code);
    if (index.isValid()) {
        QSignalBlocker block(m_areaTree);
        m_areaTree->setCurrentIndex(index);
        m_areaTree->scrollTo(index);
    }
}

void MainWindow::updateStatus(QPointF mapPos)
{
    const GridMap &map = m_canvas->gridMap();
    QString lonLatText;
    // The inverse of the transform the map was loaded with: already made, no PROJ look-up.
    if (auto fromLonLat = CrsTransform::create(QStringLiteral("EPSG:4326"), map.crs)) {
        const QPointF lonLat = fromLonLat.value().applyInverse(mapPos);
        lonLatText = tr("lon %1° lat %2°").arg(lonLat.x(), 0, 'f', 5).arg(lonLat.y(), 0, 'f', 5);
    }
    const bool geographic = CrsTransform::isGeographic(map.crs);
    const QString projected =
        geographic ? QString()
                   : tr("X %1 m  Y %2 m  ").arg(mapPos.x(), 0, 'f', 1).arg(mapPos.y(), 0, 'f', 1);
    m_coordinates->setText(projected + lonLatText);
    m_scale->setText(tr("Scale %1")
                         .arg(mapdecorations::formatScale(
                             m_canvas->view().scaleDenominator(m_canvas->metresPerUnit()))));
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    // The layout saved last time, if it was saved on a screen of this size; otherwise (a first
    // start, a laptop after a large monitor) the layout fitted to this screen.
    const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
    const QRect available = screen()->availableGeometry();
    if (!geometry.isEmpty() &&
        settings.value(QStringLiteral("window/screen")).toSize() == available.size() &&
        restoreGeometry(geometry) && available.contains(frameGeometry())) {
        restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
        // once shown and laid out: panels saved wider than this window now allows give way
        QMetaObject::invokeMethod(this, &MainWindow::keepHalfForTheMap, Qt::QueuedConnection);
    } else {
        fitToScreen();
    }
    QHash<QString, LayerDisplay> display;
    for (const QString &id : {storeschema::subdistrictsTable(), storeschema::communitiesTable(),
                              storeschema::cellsTable()}) {
        const QString key = QStringLiteral("layers/") + id;
        display.insert(id,
                       {settings.value(key + QStringLiteral("/visible"), true).toBool(),
                        std::clamp(settings.value(key + QStringLiteral("/opacity"), 1.0).toDouble(),
                                   0.0, 1.0)});
    }
    m_layers->setDisplay(display);
    m_canvas->setLayerDisplay(display);
    if (m_firstMap.isValid())
        showMap(m_firstMap.result()); // waits for the rest of it, if any
    else
        loadMap(savedCrs());
    m_firstMap = {};
    // The last view, if it was of this store and this CRS.
    if (settings.value(QStringLiteral("map/store")).toString() == m_context->storePath()) {
        const QPointF centre = settings.value(QStringLiteral("map/center")).toPointF();
        const double upp = settings.value(QStringLiteral("map/unitsPerPixel")).toDouble();
        if (upp > 0 &&
            m_canvas->gridMap().extent().adjusted(-1e4, -1e4, 1e4, 1e4).contains(centre)) {
            MapView view = m_canvas->view();
            view.center = centre;
            view.unitsPerPixel = upp;
            m_canvas->setView(view);
        }
    }
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/screen"), screen()->availableGeometry().size());
    settings.setValue(QStringLiteral("map/crs"), m_canvas->gridMap().crs);
    settings.setValue(QStringLiteral("map/store"), m_context->storePath());
    settings.setValue(QStringLiteral("map/center"), m_canvas->view().center);
    settings.setValue(QStringLiteral("map/unitsPerPixel"), m_canvas->view().unitsPerPixel);
    const QHash<QString, LayerDisplay> display = m_layers->display();
    for (auto it = display.cbegin(); it != display.cend(); ++it) {
        settings.setValue(QStringLiteral("layers/%1/visible").arg(it.key()), it.value().visible);
        settings.setValue(QStringLiteral("layers/%1/opacity").arg(it.key()), it.value().opacity);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    event->accept();
}

void MainWindow::resetLayout()
{
    restoreState(m_defaultState);
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        dock->show();
    fitToScreen();
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    // Made smaller, the side panels give back width so that the map keeps half the window:
    // after the layout has taken the new size, which would undo panel sizes set during it.
    QMetaObject::invokeMethod(this, &MainWindow::keepHalfForTheMap, Qt::QueuedConnection);
}

void MainWindow::keepHalfForTheMap()
{
    int left = 0, right = 0; // the widest panel of each side (panels stack within a side)
    for (QDockWidget *d : findChildren<QDockWidget *>()) {
        if (d->isFloating() || d->isHidden() || d->visibleRegion().isEmpty())
            continue;
        if (dockWidgetArea(d) == Qt::LeftDockWidgetArea)
            left = std::max(left, d->width());
        else if (dockWidgetArea(d) == Qt::RightDockWidgetArea)
            right = std::max(right, d->width());
    }
    if (left + right > width() / 2)
        fitDocks(size());
}

void MainWindow::fitToScreen()
{
    const QRect available = screen()->availableGeometry();
    if (available.width() <= 1920 && available.height() <= 1080) {
        setGeometry(available);
        setWindowState(windowState() | Qt::WindowMaximized);
    } else {
        setWindowState(windowState() & ~Qt::WindowMaximized);
        const QSize size = available.size() * 0.9;
        setGeometry(QRect(available.topLeft() + QPoint((available.width() - size.width()) / 2,
                                                       (available.height() - size.height()) / 2),
                          size));
    }
    fitDocks(available.size());
}

void MainWindow::fitDocks(QSize window)
{
    // Each side a fifth of the width (within what a panel needs and what leaves the map half),
    // the case list a third of the height.
    const int side = std::clamp(window.width() / 5, 200, 420);
    QList<QDockWidget *> left, right, bottom;
    for (QDockWidget *d : findChildren<QDockWidget *>()) {
        if (d->isFloating() || d->isHidden())
            continue;
        const Qt::DockWidgetArea area = dockWidgetArea(d);
        (area == Qt::LeftDockWidgetArea    ? left
         : area == Qt::RightDockWidgetArea ? right
                                           : bottom)
            .append(d);
    }
    if (!left.isEmpty())
        resizeDocks({left.first()}, {side}, Qt::Horizontal);
    if (!right.isEmpty())
        resizeDocks({right.first()}, {side}, Qt::Horizontal);
    if (!bottom.isEmpty())
        resizeDocks({bottom.first()}, {window.height() / 3}, Qt::Vertical);
}

void MainWindow::importGrid()
{
    ImportGridDialog dialog(m_context->storePath(), m_context->catalogues().roles, this);
    dialog.setUser(m_cases->session().userId());
    dialog.setCentre(m_context->centre());
    if (dialog.exec() != QDialog::Accepted || !dialog.imported())
        return;
    // at the centre the server has the new grid: the copy takes it as it catches up, and the
    // feed's news shows it (perhaps already, while the dialog was open)
    const Result<void> taken = m_feed ? m_feed->catchUp() : m_context->reload();
    if (!taken)
        showError(this, taken.error());
    else if (!m_feed)
        showNewGrid();
}

void MainWindow::openStore()
{
    OpenStoreDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (dialog.keepAtStart())
        AppContext::saveStore(dialog.target());
    // a window of its own, signing in to it; this one stays as it is
    const QStringList arguments{
        QStringLiteral("--store"), dialog.target(), QStringLiteral("--lang"),
        language::isEnglish() ? QStringLiteral("en") : QStringLiteral("zh_CN")};
    if (!QProcess::startDetached(QCoreApplication::applicationFilePath(), arguments))
        showError(this, {QStringLiteral("open.start"),
                         tr("Could not start a window for %1").arg(dialog.target()),
                         {}});
    else
        statusBar()->showMessage(tr("Opening %1 in a new window…").arg(dialog.target()), 10000);
}

void MainWindow::showBackups()
{
    BackupsDialog dialog(m_cases->session(), this);
    connect(&dialog, &BackupsDialog::restored, this, [this] {
        if (auto r = m_context->reload(); !r)
            showError(this, r.error());
        if (auto r = m_context->reloadCatalogues(); !r)
            showError(this, r.error());
        showNewGrid();
        m_cases->session().notifyAllChanged();
        m_lock->lock();
    });
    dialog.exec();
}

void MainWindow::backUpToday()
{
    const QString path = m_context->storePath();
    const QDate today = m_cases->session().now().toOffsetFromUtc(8 * 3600).date();
    auto *watcher = new QFutureWatcher<Result<QString>>(this);
    connect(watcher, &QFutureWatcher<Result<QString>>::finished, this, [this, watcher] {
        const Result<QString> written = watcher->result();
        watcher->deleteLater();
        if (!written)
            statusBar()->showMessage(
                tr("The daily backup failed: %1").arg(written.error().toText()), 30000);
        else if (!written.value().isEmpty())
            statusBar()->showMessage(tr("Daily backup written"), 8000);
    });
    watcher->setFuture(QtConcurrent::run(threadpools::load(), [path, today]() -> Result<QString> {
        auto db = SqliteDb::open(path, SqliteDb::Mode::ReadOnly);
        if (!db)
            return db.error();
        return DailyBackups::ensure(*db.value(), today);
    }));
}

void MainWindow::showNewGrid()
{
    const bool english = language::isEnglish();
    m_search->setCatalogue(m_context->catalogue(), english);
    m_areaModel->setCatalogue(m_context->catalogue(), english);
    m_areaTree->expand(m_areaModel->index(0, 0));
    loadMap(m_canvas->gridMap().crs);
    m_canvas->zoomToFullExtent();
    setWindowTitle(tr("CityGrid — %1").arg(maptitle::forGrid(m_context->catalogue())));
    showItem({});
    statusBar()->showMessage(tr("The new grid is in place."), 8000);
}

void MainWindow::exportMap()
{
    MapExportDialog dialog(
        m_canvas->view().size,
        QDir::home().filePath(writtenfile::defaultName(
            QStringLiteral("citygrid-map"), m_cases->session().now().date().toString(Qt::ISODate),
            QStringLiteral("png"))),
        this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (auto r = exportMapTo(dialog.path(), dialog.logicalSize(), dialog.dpi()); !r)
        showError(this, r.error());
}

Result<void> MainWindow::exportMapTo(const QString &path, QSize logicalSize, int dpi)
{
    // what the canvas shows, fitted to the paper's shape
    const MapView view = MapView::fitting(m_canvas->view().extent(), logicalSize, 1, 0);
    QApplication::setOverrideCursor(Qt::BusyCursor);
    auto r = MapExport::write(path, m_canvas->scene(), view,
                              maptitle::forGrid(m_context->catalogue()), dpi);
    QApplication::restoreOverrideCursor();
    if (r)
        statusBar()->showMessage(tr("Map written to %1").arg(path), 8000);
    return r;
}

DashboardWindow *MainWindow::showDashboard()
{
    if (!m_dashboard)
        m_dashboard = new DashboardWindow(m_cases->session(), *m_facts, m_canvas->gridMap(), this);
    m_dashboard->showFullScreen();
    m_dashboard->raise();
    return m_dashboard;
}

AssessmentWindow *MainWindow::showAssessment()
{
    if (!m_assessment)
        m_assessment =
            new AssessmentWindow(m_cases->session(), *m_facts, m_canvas->gridMap(), this);
    m_assessment->show();
    m_assessment->raise();
    m_assessment->activateWindow();
    return m_assessment;
}

void MainWindow::about()
{
    const GridCatalogue &catalogue = m_context->catalogue();
    QMessageBox::about(
        this, tr("About CityGrid"),
        tr("<h3>CityGrid %1</h3><p>Grid-based city management: the district's subdistricts, "
           "communities "
           "and unit grid cells on a map, and every case tied to a cell.</p>"
           "<p><b>Data.</b> The grid shipped with CityGrid for %2 is <b>schematic</b>: the "
           "district outline "
           "is generalised from public web-map data and the subdistrict names and codes are the "
           "statistics bureau's, but the boundaries of subdistricts, communities and cells are "
           "generated, "
           "community names are synthetic and population figures are demonstration values. A "
           "district "
           "replaces it with its surveyed grid through File ▸ Import grid (or <tt>citygrid "
           "import-grid</tt>).</p>"
           "<p>Store: %3</p>")
            .arg(QCoreApplication::applicationVersion(),
                 catalogue.districtName(language::isEnglish()).toHtmlEscaped(),
                 m_context->storePath().toHtmlEscaped()));
}

ComparisonWindow *MainWindow::showComparison()
{
    if (!m_comparison)
        m_comparison =
            new ComparisonWindow(*m_thematic, m_cases->session(), m_canvas->gridMap(), this);
    m_comparison->show();
    m_comparison->raise();
    m_comparison->refresh();
    return m_comparison;
}

} // namespace citygrid
