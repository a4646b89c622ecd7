// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cli/cli.h"
#include "cli/signin.h"
#include "services/appcontext.h"
#include "store/storebackup.h"

#include <QLocale>

namespace citygrid::cli {

int backup(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Writes a copy of the store as it is at one moment, while others go on using it "
           "(SQLite's online backup). The copy is checked and readable by its owner only."));
    addCommonOptions(parser);
    addSignInOptions(parser);
    parser.addOption(
        {QStringLiteral("out"), tr("The backup file to write."), QStringLiteral("file")});
    if (!parse(parser, arguments))
        return parser.isSet(QStringLiteral("help")) ? Ok : Usage;
    const QString outPath = parser.value(QStringLiteral("out"));
    if (outPath.isEmpty())
        return fail({QStringLiteral("cli.usage"), tr("Say where to write with --out FILE"), {}});
    auto context = AppContext::open(parser.value(QStringLiteral("store")));
    if (!context)
        return fail(context.error());
    if (!signIn(*context.value(), parser, Right::Backup))
        return Failed;
    auto written = StoreBackup::write(context.value()->store().db(), outPath, terminalProgress());
    clearProgressLine();
    if (!written)
        return fail(written.error());
    out() << tr("Backup of %1 written to %2 (%3 MB, integrity checked)")
                 .arg(context.value()->storePath(), outPath,
                      QLocale().toString(double(written.value().bytes) / 1e6, 'f', 1))
          << Qt::endl;
    return Ok;
}

} // namespace citygrid::cli
