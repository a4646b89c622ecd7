// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "shell/application.h"

#include "accounts/centresignindialog.h"
#include "accounts/sessionlock.h"
#include "bench/benchcommand.h"
#include "cases/caseworkspace.h"
#include "cli/cli.h"
#include "io/gdalerrors.h"
#include "map/importgriddialog.h"
#include "services/appcontext.h"
#include "services/centreaddress.h"
#include "services/language.h"
#include "shell/errordialog.h"
#include "shell/mainwindow.h"
#include "shell/screenshotharness.h"
#include "shell/startoptions.h"
#include "shell/startup.h"

#include <QApplication>

#include <memory>
#include <optional>
#include <utility>

namespace citygrid {

namespace {

int runGui(QApplication &app, const QStringList &arguments)
{
    int exitStatus = cli::Ok;
    const std::optional<StartOptions> options = StartOptions::parse(arguments, exitStatus);
    if (!options)
        return exitStatus;
    // The map is read on a worker while the catalogues are read and the window is built.
    MainWindow::MapFuture firstMap;
    const auto ready = [&firstMap](const QString &storePath) {
        firstMap = MainWindow::startMapLoad(storePath);
    };
    QString user = options->user;
    QString password = qEnvironmentVariable("CITYGRID_PASSWORD");
    Result<std::unique_ptr<AppContext>> context = Error{};
    if (centreaddress::isCentre(options->store)) {
        // the centre's server checks who signs in before anything opens
        if (user.isEmpty())
            user = centreaddress::account(options->store);
        if (!user.isEmpty() && !password.isEmpty()) {
            context = AppContext::openCentre(options->store, user, password, ready);
        } else {
            CentreSignInDialog signIn(options->store, user);
            signIn.setReady(ready);
            if (signIn.exec() != QDialog::Accepted)
                return cli::Failed;
            context = signIn.takeContext();
            user = signIn.account();
            password = signIn.password();
        }
    } else {
        context = AppContext::open(options->store, ready);
    }
    if (!context) {
        showError(nullptr, context.error());
        return cli::Failed;
    }
    MainWindow window(std::move(context).value(), firstMap);
    if (options->quitAfterFirstFrame)
        screenshotharness::quitAfterFirstFrame(window);
    ImportGridDialog *importDialog = nullptr;
    if (!options->importPreview.isEmpty()) {
        importDialog = new ImportGridDialog(
            window.storePath(), window.cases()->session().context().catalogues().roles, &window);
        importDialog->setFile(options->importPreview);
    }
    QDialog *dialog = importDialog;
    if (!options->screenshot.isEmpty())
        screenshotharness::saveWhenReady(window, &dialog, options->screenshot);
    window.show();
    signInAtStart(window, user, password);
    if (window.sessionLock()->isLocked())
        return app.exec(); // what the command line asks to open waits for nobody unknown
    if (importDialog) {
        importDialog->setUser(window.cases()->session().userId());
        importDialog->show();
        importDialog->check();
    }
    if (auto status = openAtStart(window, *options, dialog))
        return *status;
    return app.exec();
}

// The commands this executable answers to: the headless ones and the benchmarks.
cli::Command commandNamed(const QString &name)
{
    using Named = std::pair<const char *, cli::Command>;
    static const Named commands[] = {
        {"info", cli::info},
        {"render", cli::render},
        {"import-grid", cli::importGrid},
        {"bench", cli::bench},
        {"cases", cli::cases},
        {"demo", cli::demo},
        {"report", cli::report},
        {"assess", cli::assess},
        {"sync", cli::sync},
        {"units", cli::units},
        {"categories", cli::categories},
        {"backup", cli::backup},
        {"restore", cli::restore},
        {"accounts", cli::accounts},
        {"audit", cli::audit},
        {"centre", cli::centre},
        {"serve", cli::serve},
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
