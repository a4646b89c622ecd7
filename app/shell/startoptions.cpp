// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "shell/startoptions.h"

#include "services/appcontext.h"

#include "cli/cli.h"
#include "reports/thematiclegend.h"

#include <QCommandLineParser>

namespace citygrid {

namespace {

// The options' texts are marked with QT_TRANSLATE_NOOP("cli", ...) and translated here.
QString inCli(const char *text)
{
    return QCoreApplication::translate("cli", text);
}

QCommandLineOption valued(const char *name, const char *description, const char *valueName)
{
    return QCommandLineOption(QString::fromLatin1(name), inCli(description),
                              QString::fromLatin1(valueName));
}

QCommandLineOption flag(const char *name, const char *description)
{
    return QCommandLineOption(QString::fromLatin1(name), inCli(description));
}

} // namespace

std::optional<StartOptions> StartOptions::parse(const QStringList &arguments, int &exitStatus)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "cli", "CityGrid: grid-based city management. Commands: info, render, import-grid, "
               "cases, demo, report, assess, sync, units, categories, backup, restore, audit, "
               "accounts, bench "
               "(citygrid COMMAND --help)."));
    cli::addCommonOptions(parser);
    parser.addVersionOption();
    const QCommandLineOption quitAfterFirstFrame =
        flag("quit-after-first-frame", QT_TRANSLATE_NOOP("cli", "Benchmark: print the time to the "
                                                                "first map frame and quit."));
    // For the README's screenshots: select an area, wait for the map, save the window, quit.
    const QCommandLineOption screenshot =
        valued("screenshot",
               QT_TRANSLATE_NOOP("cli", "Save a picture of the window to FILE and quit."), "file");
    const QCommandLineOption select = valued(
        "select", QT_TRANSLATE_NOOP("cli", "Select the area with this code at start."), "code");
    const QCommandLineOption importPreview =
        valued("import-preview",
               QT_TRANSLATE_NOOP("cli", "Open the import dialog on FILE and check it."), "file");
    const QCommandLineOption openCase =
        valued("open-case",
               QT_TRANSLATE_NOOP("cli", "Open the case with this number or id at start."), "case");
    const QCommandLineOption thematic(
        QStringLiteral("thematic"),
        QCoreApplication::translate("cli", "Colour the map at start by MEASURE: %1.")
            .arg(ThematicLegend::measureIds().join(QStringLiteral(", "))),
        QStringLiteral("measure"));
    const QCommandLineOption panel =
        valued("panel",
               QT_TRANSLATE_NOOP(
                   "cli", "Show the panel PANEL at start: rankings, trends or notifications."),
               "panel");
    const QCommandLineOption dashboard =
        flag("dashboard", QT_TRANSLATE_NOOP("cli", "Open the full-screen wall display at start."));
    const QCommandLineOption compare = flag(
        "compare", QT_TRANSLATE_NOOP("cli", "With --thematic: open the comparison of two months."));
    const QCommandLineOption assessment =
        valued("assessment",
               QT_TRANSLATE_NOOP("cli", "Open the \"7+1\" assessment at start, on TAB: "
                                        "scoring, ranking, cards, population or history."),
               "tab");
    const QCommandLineOption month = valued(
        "month", QT_TRANSLATE_NOOP("cli", "With --assessment: the month, as YYYY-MM."), "month");
    const QCommandLineOption sync =
        flag("sync", QT_TRANSLATE_NOOP("cli", "Open Sync > Sync packages at start."));
    const QCommandLineOption units =
        flag("units", QT_TRANSLATE_NOOP("cli", "Open Settings > Responsible units at start."));
    const QCommandLineOption categories =
        flag("categories", QT_TRANSLATE_NOOP("cli", "Open Settings > Case categories at start."));
    const QCommandLineOption backups =
        flag("backups", QT_TRANSLATE_NOOP("cli", "Open File > Backups at start."));
    const QCommandLineOption accounts =
        flag("accounts", QT_TRANSLATE_NOOP("cli", "Open Settings > Accounts at start."));
    const QCommandLineOption verifyRecords =
        flag("verify-records", QT_TRANSLATE_NOOP("cli", "Open Help > Verify records at start."));
    const QCommandLineOption user =
        valued("user",
               QT_TRANSLATE_NOOP("cli", "Sign in as NAME at start with the password in "
                                        "CITYGRID_PASSWORD (default: CITYGRID_USER); without "
                                        "them the window opens at its sign-in."),
               "name");
    parser.addOptions({quitAfterFirstFrame, screenshot, select, importPreview, openCase, thematic,
                       panel, dashboard, compare, assessment, month, sync, units, categories,
                       backups, accounts, verifyRecords, user});
    if (!cli::parse(parser, arguments)) {
        exitStatus = parser.isSet(QStringLiteral("help")) ? cli::Ok : cli::Usage;
        return std::nullopt;
    }
    if (!parser.positionalArguments().isEmpty()) {
        cli::err() << QCoreApplication::translate(
                          "cli", "citygrid: unknown command \"%1\"; try citygrid --help")
                          .arg(parser.positionalArguments().first())
                   << Qt::endl;
        exitStatus = cli::Usage;
        return std::nullopt;
    }
    StartOptions o;
    o.store = AppContext::storeToOpen(parser.value(QStringLiteral("store")));
    o.user = parser.isSet(user) ? parser.value(user) : qEnvironmentVariable("CITYGRID_USER");
    o.quitAfterFirstFrame = parser.isSet(quitAfterFirstFrame);
    o.screenshot = parser.value(screenshot);
    o.select = parser.value(select);
    o.importPreview = parser.value(importPreview);
    o.openCase = parser.value(openCase);
    o.thematic = parser.value(thematic);
    o.panel = parser.value(panel);
    o.assessmentTab = parser.value(assessment);
    o.month = parser.value(month);
    o.dashboard = parser.isSet(dashboard);
    o.compare = parser.isSet(compare);
    o.sync = parser.isSet(sync);
    o.units = parser.isSet(units);
    o.categories = parser.isSet(categories);
    o.backups = parser.isSet(backups);
    o.accounts = parser.isSet(accounts);
    o.verifyRecords = parser.isSet(verifyRecords);
    return o;
}

} // namespace citygrid
