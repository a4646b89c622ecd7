// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "audit/sitekey.h"
#include "cli/cli.h"
#include "cli/signin.h"
#include "services/appcontext.h"
#include "store/storebackup.h"
#include "store/storerestore.h"

#include <QFile>
#include <QFileInfo>
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
    auto context = openStore(parser);
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

int restore(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Puts a backup back in place of the store. The backup must pass SQLite's integrity "
           "check and the check of its record (citygrid audit verify) and be of this site; the "
           "store as it was is kept aside first. Other workstations may keep the store open: "
           "they see the restored store. With --store naming a file that does not exist, the "
           "backup becomes that new store."));
    addCommonOptions(parser);
    addSignInOptions(parser);
    parser.addPositionalArgument(QStringLiteral("backup"), tr("The backup file to restore."));
    if (!parse(parser, arguments))
        return parser.isSet(QStringLiteral("help")) ? Ok : Usage;
    if (parser.positionalArguments().size() != 1) {
        err() << parser.helpText();
        return Usage;
    }
    const QString backup = parser.positionalArguments().first();
    const QString storePath = parser.value(QStringLiteral("store")).isEmpty()
                                  ? AppContext::defaultStorePath()
                                  : parser.value(QStringLiteral("store"));
    if (!QFileInfo::exists(storePath)) {
        // a new store from the backup: nobody has it open, a plain owner-only copy will do
        auto checked = StoreRestore::check(backup, nullptr, terminalProgress());
        clearProgressLine();
        if (!checked)
            return fail(checked.error());
        if (!QFile::copy(backup, storePath) ||
            !QFile::setPermissions(storePath, QFile::ReadOwner | QFile::WriteOwner))
            return fail({QStringLiteral("restore.write"),
                         tr("The backup could not be copied to %1").arg(storePath),
                         {}});
        out() << tr("%1 restored as the new store %2 (%3 cases, %4 records verified)")
                     .arg(backup, storePath, QLocale().toString(checked.value().cases),
                          QLocale().toString(checked.value().records))
              << Qt::endl;
        if (!QFileInfo::exists(SiteKey::fileFor(storePath)))
            out() << tr("Its site's signing key is not beside it: copy the key file of the "
                        "site's store to %1, or this store cannot sign packages or its record")
                         .arg(SiteKey::fileFor(storePath))
                  << Qt::endl;
        return Ok;
    }
    auto context = AppContext::open(storePath);
    if (!context)
        return fail(context.error());
    const auto actor = signIn(*context.value(), parser, Right::Backup);
    if (!actor)
        return Failed;
    auto restored =
        StoreRestore::restore(context.value()->store().db(),
                              ActingUser{actor->name, &context.value()->catalogues().roles}, backup,
                              QDateTime::currentDateTime(), terminalProgress());
    clearProgressLine();
    if (!restored)
        return fail(restored.error());
    out() << tr("%1 restored into %2 (%3 cases, %4 records verified); the store as it was is "
                "kept in %5")
                 .arg(backup, storePath, QLocale().toString(restored.value().backup.cases),
                      QLocale().toString(restored.value().backup.records),
                      restored.value().keptAside)
          << Qt::endl;
    return Ok;
}

} // namespace citygrid::cli
