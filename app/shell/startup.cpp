// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "shell/startup.h"

#include "accounts/accountsdialog.h"
#include "accounts/sessionlock.h"
#include "assessment/assessmentwindow.h"
#include "audit/recordcheckdialog.h"
#include "backups/backupsdialog.h"
#include "cases/caseworkspace.h"
#include "catalogues/categoryeditor.h"
#include "catalogues/uniteditor.h"
#include "cli/cli.h"
#include "reports/thematiclegend.h"
#include "services/appcontext.h"
#include "services/casesession.h"
#include "services/monthtext.h"
#include "shell/mainwindow.h"
#include "shell/startoptions.h"
#include "supervision/dashboardwindow.h"
#include "supervision/thematicpanel.h"
#include "sync/syncdialog.h"

namespace citygrid {

namespace {

int unknown(const QString &message)
{
    cli::err() << message << Qt::endl;
    return cli::Usage;
}

/// The assessment on the tab (and month) asked for.
std::optional<int> openAssessment(MainWindow &window, const StartOptions &options)
{
    AssessmentWindow *assessed = window.showAssessment();
    if (!assessed->showTab(options.assessmentTab))
        return unknown(QCoreApplication::translate("cli",
                                                   "Unknown tab \"%1\": use scoring, ranking, "
                                                   "cards, population or history")
                           .arg(options.assessmentTab));
    if (!options.month.isEmpty()) {
        auto first = MonthText::parse(options.month);
        if (!first)
            return cli::fail(first.error());
        assessed->setMonth(first.value());
    }
    if (!options.screenshot.isEmpty())
        assessed->resize(1600, 960);
    return std::nullopt;
}

} // namespace

void signInAtStart(MainWindow &window, const QString &user, const QString &password)
{
    CaseSession &session = window.cases()->session();
    if (!user.isEmpty() && !password.isEmpty()) {
        AppContext &context = session.context();
        if (context.accounts().login(user, password, QDateTime::currentDateTime()) &&
            context.reloadAccounts()) {
            session.setUserId(user);
            return;
        }
    }
    window.sessionLock()->lockAtStart();
}

std::optional<int> openAtStart(MainWindow &window, const StartOptions &options, QDialog *&dialog)
{
    if (!options.select.isEmpty())
        window.selectArea(options.select);
    if (!options.panel.isEmpty() && !window.showPanel(options.panel))
        return unknown(QCoreApplication::translate(
                           "cli", "Unknown panel \"%1\": use rankings, trends or notifications")
                           .arg(options.panel));
    if (!options.thematic.isEmpty() && !window.showThematic(options.thematic))
        return unknown(
            QCoreApplication::translate("cli", "Unknown measure \"%1\": use one of %2")
                .arg(options.thematic, ThematicLegend::measureIds().join(QStringLiteral(", "))));
    if (options.dashboard) {
        DashboardWindow *wall = window.showDashboard();
        if (!options.screenshot.isEmpty()) { // offscreen has no wall to fill: a 1080p one
            wall->showNormal();
            wall->resize(1920, 1080);
        }
    }
    if (options.compare && !options.thematic.isEmpty()) {
        // once the panel has its map from the facts
        QObject::connect(window.thematic(), &ThematicPanel::updated, &window, [&window] {
            if (!window.comparison())
                window.showComparison();
        });
    }
    CaseSession &session = window.cases()->session();
    const auto open = [&dialog](QDialog *opened) {
        opened->show();
        dialog = opened;
    };
    if (options.sync)
        open(new SyncDialog(session, &window));
    if (options.units)
        open(new UnitEditor(session, &window));
    if (options.categories)
        open(new CategoryEditor(session, &window));
    if (options.backups)
        open(new BackupsDialog(session, &window));
    if (options.accounts)
        open(new AccountsDialog(session, &window));
    if (options.verifyRecords)
        open(new RecordCheckDialog(session.context().storePath(), &window));
    if (!options.assessmentTab.isEmpty())
        if (auto status = openAssessment(window, options))
            return status;
    if (!options.openCase.isEmpty()) {
        auto uuid = session.store().resolve(options.openCase);
        if (!uuid)
            return cli::fail(uuid.error());
        dialog = window.cases()->openCase(uuid.value());
    }
    return std::nullopt;
}

} // namespace citygrid
