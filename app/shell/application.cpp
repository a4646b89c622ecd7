// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "shell/application.h"

#include "assessment/assessmentwindow.h"
#include "bench/benchcommand.h"
#include "bench/processclock.h"
#include "cases/caseworkspace.h"
#include "catalogues/categoryeditor.h"
#include "catalogues/uniteditor.h"
#include "cli/cli.h"
#include "io/gdalerrors.h"
#include "map/caselayer.h"
#include "map/importgriddialog.h"
#include "reports/reportcontent.h"
#include "services/appcontext.h"
#include "services/language.h"
#include "services/monthtext.h"
#include "shell/errordialog.h"
#include "shell/mainwindow.h"
#include "supervision/comparisonwindow.h"
#include "supervision/dashboardwindow.h"
#include "supervision/thematicpanel.h"
#include "sync/syncdialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <memory>
#include <utility>

namespace citygrid {

namespace {

int runGui(QApplication &app, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "cli", "CityGrid: grid-based city management. Commands: info, render, import-grid, "
               "cases, demo, report, assess, sync, units, categories, bench "
               "(citygrid COMMAND --help)."));
    cli::addCommonOptions(parser);
    parser.addVersionOption();
    QCommandLineOption quitAfterFirstFrame(
        QStringLiteral("quit-after-first-frame"),
        QCoreApplication::translate("cli", "Benchmark: print the time to the "
                                           "first map frame and quit."));
    parser.addOption(quitAfterFirstFrame);
    // For the README's screenshots: select an area, wait for the map, save the window, quit.
    QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("cli", "Save a picture of the window to FILE and quit."),
        QStringLiteral("file"));
    QCommandLineOption select(
        QStringLiteral("select"),
        QCoreApplication::translate("cli", "Select the area with this code at start."),
        QStringLiteral("code"));
    QCommandLineOption importPreview(
        QStringLiteral("import-preview"),
        QCoreApplication::translate("cli", "Open the import dialog on FILE and check it."),
        QStringLiteral("file"));
    QCommandLineOption openCase(
        QStringLiteral("open-case"),
        QCoreApplication::translate("cli", "Open the case with this number or id at start."),
        QStringLiteral("case"));
    QCommandLineOption thematic(
        QStringLiteral("thematic"),
        QCoreApplication::translate("cli", "Colour the map at start by MEASURE: %1.")
            .arg(ThematicPanel::measureNames().join(QStringLiteral(", "))),
        QStringLiteral("measure"));
    QCommandLineOption panel(
        QStringLiteral("panel"),
        QCoreApplication::translate("cli", "Show the panel PANEL at start: rankings or trends."),
        QStringLiteral("panel"));
    QCommandLineOption dashboard(
        QStringLiteral("dashboard"),
        QCoreApplication::translate("cli", "Open the full-screen wall display at start."));
    QCommandLineOption compare(
        QStringLiteral("compare"),
        QCoreApplication::translate("cli", "With --thematic: open the comparison of two months."));
    QCommandLineOption assessment(
        QStringLiteral("assessment"),
        QCoreApplication::translate("cli", "Open the \"7+1\" assessment at start, on TAB: "
                                           "scoring, ranking, cards, population or history."),
        QStringLiteral("tab"));
    QCommandLineOption month(
        QStringLiteral("month"),
        QCoreApplication::translate("cli", "With --assessment: the month, as YYYY-MM."),
        QStringLiteral("month"));
    QCommandLineOption syncPackages(
        QStringLiteral("sync"),
        QCoreApplication::translate("cli", "Open Sync > Sync packages at start."));
    QCommandLineOption unitEditor(
        QStringLiteral("units"),
        QCoreApplication::translate("cli", "Open Settings > Responsible units at start."));
    QCommandLineOption categoryEditor(
        QStringLiteral("categories"),
        QCoreApplication::translate("cli", "Open Settings > Case categories at start."));
    parser.addOptions({screenshot, select, importPreview, openCase, thematic, panel, dashboard,
                       compare, assessment, month, syncPackages, unitEditor, categoryEditor});
    if (!cli::parse(parser, arguments))
        return parser.isSet(QStringLiteral("help")) ? cli::Ok : cli::Usage;
    if (!parser.positionalArguments().isEmpty()) {
        cli::err() << QCoreApplication::translate(
                          "cli", "citygrid: unknown command \"%1\"; try citygrid --help")
                          .arg(parser.positionalArguments().first())
                   << Qt::endl;
        return cli::Usage;
    }
    // The map is read on a worker while the catalogues are read and the window is built.
    MainWindow::MapFuture firstMap;
    auto context = AppContext::open(
        parser.value(QStringLiteral("store")),
        [&firstMap](const QString &storePath) { firstMap = MainWindow::startMapLoad(storePath); });
    if (!context) {
        showError(nullptr, context.error());
        return cli::Failed;
    }
    MainWindow window(std::move(context).value(), firstMap);
    if (parser.isSet(quitAfterFirstFrame)) {
        if (window.size().width() < 1280)
            window.resize(1920, 1080);
        QObject::connect(window.canvas(), &MapCanvas::renderFinished, &app, [&app, &window] {
            window.canvas()->repaint(); // the frame is on screen once painted
            cli::out() << QStringLiteral("first-frame-ms %1")
                              .arg(processclock::msSinceProcessStart(), 0, 'f', 1)
                       << Qt::endl;
            QTimer::singleShot(0, &app, &QCoreApplication::quit);
        });
    }
    ImportGridDialog *importDialog = nullptr;
    if (parser.isSet(importPreview)) {
        importDialog = new ImportGridDialog(window.storePath(), &window);
        importDialog->setFile(parser.value(importPreview));
    }
    QDialog *dialog = importDialog;
    if (parser.isSet(screenshot)) {
        // On a screen given to the offscreen platform (configfile=), the window as it opens there;
        // otherwise a 1600×960 one.
        if (!qEnvironmentVariable("QT_QPA_PLATFORM").contains(QLatin1String("configfile="))) {
            window.setWindowState(Qt::WindowNoState);
            window.resize(1600, 960);
        }
        const QString file = parser.value(screenshot);
        auto *poll = new QTimer(&window);
        QObject::connect(poll, &QTimer::timeout, &app, [&window, &dialog, file, poll] {
            DashboardWindow *wall = window.dashboard();
            ComparisonWindow *comparison = window.comparison();
            AssessmentWindow *assessed = window.assessment();
            const bool ready =
                assessed ? assessed->isReady()
                : wall   ? wall->isReady()
                : comparison
                    ? comparison->isReady()
                    : !(window.canvas()->isRendering() ||
                        window.canvas()->renderedImage().isNull() ||
                        window.cases()->layer()->isLoading() || window.thematic()->isLoading() ||
                        (window.thematic()->isActive() && !window.thematic()->current()) ||
                        (qobject_cast<ImportGridDialog *>(dialog) &&
                         qobject_cast<ImportGridDialog *>(dialog)->isBusy()));
            if (!ready)
                return;
            poll->stop();
            QWidget *shown = assessed     ? static_cast<QWidget *>(assessed)
                             : wall       ? static_cast<QWidget *>(wall)
                             : comparison ? static_cast<QWidget *>(comparison)
                             : dialog     ? static_cast<QWidget *>(dialog)
                                          : static_cast<QWidget *>(&window);
            shown->grab().save(file);
            QCoreApplication::quit();
        });
        poll->start(400);
    }
    window.show();
    if (importDialog) {
        importDialog->show();
        importDialog->check();
    }
    if (parser.isSet(select))
        window.selectArea(parser.value(select));
    if (parser.isSet(panel) && !window.showPanel(parser.value(panel))) {
        cli::err() << QCoreApplication::translate("cli",
                                                  "Unknown panel \"%1\": use rankings or trends")
                          .arg(parser.value(panel))
                   << Qt::endl;
        return cli::Usage;
    }
    if (parser.isSet(thematic) && !window.showThematic(parser.value(thematic))) {
        cli::err() << QCoreApplication::translate("cli", "Unknown measure \"%1\": use one of %2")
                          .arg(parser.value(thematic),
                               ThematicPanel::measureNames().join(QStringLiteral(", ")))
                   << Qt::endl;
        return cli::Usage;
    }
    if (parser.isSet(dashboard)) {
        DashboardWindow *wall = window.showDashboard();
        if (parser.isSet(screenshot)) { // offscreen has no wall to fill: a 1080p one
            wall->showNormal();
            wall->resize(1920, 1080);
        }
    }
    if (parser.isSet(compare) && parser.isSet(thematic)) {
        // once the panel has its map from the facts
        QObject::connect(window.thematic(), &ThematicPanel::updated, &window, [&window] {
            if (!window.comparison())
                window.showComparison();
        });
    }
    if (parser.isSet(syncPackages)) {
        auto *syncDialog = new SyncDialog(window.cases()->session(), &window);
        syncDialog->show();
        dialog = syncDialog;
    }
    if (parser.isSet(unitEditor)) {
        auto *units = new UnitEditor(window.cases()->session(), &window);
        units->show();
        dialog = units;
    }
    if (parser.isSet(categoryEditor)) {
        auto *categories = new CategoryEditor(window.cases()->session(), &window);
        categories->show();
        dialog = categories;
    }
    if (parser.isSet(assessment)) {
        AssessmentWindow *assessed = window.showAssessment();
        if (!assessed->showTab(parser.value(assessment))) {
            cli::err() << QCoreApplication::translate(
                              "cli", "Unknown tab \"%1\": use scoring, ranking, cards, "
                                     "population or history")
                              .arg(parser.value(assessment))
                       << Qt::endl;
            return cli::Usage;
        }
        if (parser.isSet(month)) {
            auto first = MonthText::parse(parser.value(month));
            if (!first)
                return cli::fail(first.error());
            assessed->setMonth(first.value());
        }
        if (parser.isSet(screenshot))
            assessed->resize(1600, 960);
    }
    if (parser.isSet(openCase)) {
        auto uuid = window.cases()->session().store().resolve(parser.value(openCase));
        if (!uuid)
            return cli::fail(uuid.error());
        dialog = window.cases()->openCase(uuid.value());
    }
    return app.exec();
}

// The commands this executable answers to: the headless ones and the benchmarks.
cli::Command commandNamed(const QString &name)
{
    using Named = std::pair<const char *, cli::Command>;
    static const Named commands[] = {
        {"info", cli::info},     {"render", cli::render},         {"import-grid", cli::importGrid},
        {"bench", cli::bench},   {"cases", cli::cases},           {"demo", cli::demo},
        {"report", cli::report}, {"assess", cli::assess},         {"sync", cli::sync},
        {"units", cli::units},   {"categories", cli::categories},
    };
    for (const auto &[commandName, command] : commands)
        if (name == QLatin1String(commandName))
            return command;
    return nullptr;
}

} // namespace

int runApplication(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const cli::Command command = cli::find(arguments, commandNamed);
    gdalerrors::silence();
    // Commands draw into images only: they need no display.
    if (command && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QGuiApplication> app = command ? std::make_unique<QGuiApplication>(argc, argv)
                                                   : std::make_unique<QApplication>(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("CityGrid"));
    QCoreApplication::setApplicationName(QStringLiteral("citygrid"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CITYGRID_VERSION));
    language::install(*app, language::choose(arguments));
    if (command)
        return command(arguments.mid(1));
    return runGui(static_cast<QApplication &>(*app), arguments);
}

} // namespace citygrid
