// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cli/cli.h"

#include <cstdio>
#include <unistd.h>

namespace citygrid::cli {

QString tr(const char *text)
{
    return QCoreApplication::translate("citygrid::cli", text);
}

QString tr(const char *text, const char *disambiguation, int n)
{
    return QCoreApplication::translate("citygrid::cli", text, disambiguation, n);
}

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

Progress terminalProgress()
{
    const bool terminal = isatty(fileno(stderr));
    return Progress([terminal](const QString &stage, double fraction) {
        if (terminal)
            err() << QStringLiteral("\r\033[K%1 %2%").arg(stage).arg(int(fraction * 100))
                  << Qt::flush;
        return true;
    });
}

void clearProgressLine()
{
    if (isatty(fileno(stderr)))
        err() << QStringLiteral("\r\033[K") << Qt::flush;
}

int fail(const Error &error)
{
    err() << QCoreApplication::translate("cli", "citygrid: %1").arg(error.message) << Qt::endl;
    if (!error.detail.isEmpty())
        err() << QStringLiteral("  ") << QString(error.detail).replace(u'\n', QStringLiteral("\n  "))
              << Qt::endl;
    return Failed;
}

void addCommonOptions(QCommandLineParser &parser)
{
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("store"),
         QCoreApplication::translate("cli", "The store (GeoPackage) to use; created from "
                                            "the bundled district if it does not exist."),
         QStringLiteral("file")});
    parser.addOption({QStringLiteral("lang"),
                      QCoreApplication::translate("cli", "Language: zh_CN (default) or en."),
                      QStringLiteral("language")});
}

bool parse(QCommandLineParser &parser, const QStringList &arguments)
{
    if (!parser.parse(arguments)) {
        err() << QCoreApplication::translate("cli", "citygrid: %1").arg(parser.errorText())
              << Qt::endl;
        err() << parser.helpText();
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        out().flush();
        return false;
    }
    return true;
}

Command find(QStringList &arguments, Command (*named)(const QString &))
{
    qsizetype i = 1;
    while (i < arguments.size()) {
        const QString &a = arguments[i];
        if (a == QLatin1String("--store") || a == QLatin1String("--lang"))
            i += 2;
        else if (a.startsWith(QLatin1String("--store=")) || a.startsWith(QLatin1String("--lang=")))
            i += 1;
        else
            break;
    }
    if (i >= arguments.size())
        return nullptr;
    const Command command = named(arguments[i]);
    if (command && i > 1) {
        const QString name = arguments.takeAt(i);
        arguments.insert(1, name); // program, command, the options before it, the rest
    }
    return command;
}

} // namespace citygrid::cli
