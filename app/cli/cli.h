// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/error.h"
#include "base/progress.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace citygrid::cli {

/// Exit statuses every command shares.
enum Status { Ok = 0, Failed = 1, Usage = 2 };

/// Translates a command-line text. lupdate files tr() calls inside this namespace under the
/// context "citygrid::cli", so that is the context looked up at run time.
QString tr(const char *text);
/// The same with a count: "%n case(s)" in the plural form `n` takes.
QString tr(const char *text, const char *disambiguation, int n);

QTextStream &out();
QTextStream &err();
/// Prints the error on stderr, in the user's language, and returns Failed.
int fail(const Error &error);
/// --store and --lang, which every command takes, plus --help.
void addCommonOptions(QCommandLineParser &parser);
/// Parses `arguments` (the command name first); on a usage error prints it and returns false.
bool parse(QCommandLineParser &parser, const QStringList &arguments);

/// The headless commands; each returns the process exit status.
int info(const QStringList &arguments);
int render(const QStringList &arguments);
int importGrid(const QStringList &arguments);
int cases(const QStringList &arguments);
int demo(const QStringList &arguments);
int report(const QStringList &arguments);
int assess(const QStringList &arguments);
int sync(const QStringList &arguments);
int units(const QStringList &arguments);
int categories(const QStringList &arguments);
int backup(const QStringList &arguments);
int restore(const QStringList &arguments);
int accounts(const QStringList &arguments);
int audit(const QStringList &arguments);
int centre(const QStringList &arguments);
int serve(const QStringList &arguments);

/// On a terminal, a line on stderr that says how far a long command has got; nothing otherwise.
Progress terminalProgress();
/// Clears that line before the command prints its result.
void clearProgressLine();

/// A command: takes its arguments (its name first), returns the process exit status.
using Command = int (*)(const QStringList &);
/// The command a whole command line names, looked up by `named` (null for no command), options
/// that every command takes (--store, --lang) allowed before it as git and gdal allow them;
/// `arguments` (the program first) are put in the order the command parses (its name first).
/// Null if the line names no command (the window).
Command find(QStringList &arguments, Command (*named)(const QString &));

} // namespace citygrid::cli
