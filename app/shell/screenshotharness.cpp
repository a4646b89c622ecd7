// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "shell/screenshotharness.h"

#include "assessment/assessmentwindow.h"
#include "audit/recordcheckdialog.h"
#include "bench/processclock.h"
#include "cases/caseworkspace.h"
#include "cli/cli.h"
#include "map/caselayer.h"
#include "map/importgriddialog.h"
#include "map/mapcanvas.h"
#include "shell/mainwindow.h"
#include "supervision/comparisonwindow.h"
#include "supervision/dashboardwindow.h"
#include "supervision/thematicpanel.h"

#include <QCoreApplication>
#include <QTimer>

namespace citygrid::screenshotharness {

namespace {

/// The main window has its map, case symbols, thematic classes and any import check drawn.
bool mainWindowReady(MainWindow &window, QDialog *dialog)
{
    const auto *import = qobject_cast<ImportGridDialog *>(dialog);
    const auto *check = qobject_cast<RecordCheckDialog *>(dialog);
    return !((check && !check->isDone()) || window.canvas()->isRendering() ||
             window.canvas()->renderedImage().isNull() || window.cases()->layer()->isLoading() ||
             window.thematic()->isLoading() ||
             (window.thematic()->isActive() && !window.thematic()->current()) ||
             (import && import->isBusy()));
}

} // namespace

void quitAfterFirstFrame(MainWindow &window)
{
    if (window.size().width() < 1280)
        window.resize(1920, 1080);
    QObject::connect(window.canvas(), &MapCanvas::renderFinished, &window, [&window] {
        window.canvas()->repaint(); // the frame is on screen once painted
        cli::out() << QStringLiteral("first-frame-ms %1")
                          .arg(processclock::msSinceProcessStart(), 0, 'f', 1)
                   << Qt::endl;
        QTimer::singleShot(0, qApp, &QCoreApplication::quit);
    });
}

void saveWhenReady(MainWindow &window, QDialog *const *dialog, const QString &file)
{
    // On a screen given to the offscreen platform (configfile=), the window as it opens there;
    // otherwise a 1600×960 one.
    if (!qEnvironmentVariable("QT_QPA_PLATFORM").contains(QLatin1String("configfile="))) {
        window.setWindowState(Qt::WindowNoState);
        window.resize(1600, 960);
    }
    auto *poll = new QTimer(&window);
    QObject::connect(poll, &QTimer::timeout, &window, [&window, dialog, file, poll] {
        AssessmentWindow *assessed = window.assessment();
        DashboardWindow *wall = window.dashboard();
        ComparisonWindow *comparison = window.comparison();
        const bool ready = assessed     ? assessed->isReady()
                           : wall       ? wall->isReady()
                           : comparison ? comparison->isReady()
                                        : mainWindowReady(window, *dialog);
        if (!ready)
            return;
        poll->stop();
        QWidget *shown = assessed     ? static_cast<QWidget *>(assessed)
                         : wall       ? static_cast<QWidget *>(wall)
                         : comparison ? static_cast<QWidget *>(comparison)
                         : *dialog    ? static_cast<QWidget *>(*dialog)
                                      : static_cast<QWidget *>(&window);
        shown->grab().save(file);
        QCoreApplication::quit();
    });
    poll->start(400);
}

} // namespace citygrid::screenshotharness
