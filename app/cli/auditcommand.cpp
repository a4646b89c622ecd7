// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "audit/recordaudit.h"
#include "cli/cli.h"
#include "cli/signin.h"
#include "services/appcontext.h"

#include <QLocale>

namespace citygrid::cli {

int audit(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Checks the store's record against its hash chains.\n"
           "  citygrid audit verify\n"
           "Every case step, reference-data edit, 7+1 entry, account change and login is sealed "
           "into its site's chain when it is written. Exits 0 when every record is as it was "
           "written; otherwise names the first record edited, deleted, added or moved past "
           "CityGrid, and exits 1."));
    addCommonOptions(parser);
    addSignInOptions(parser);
    parser.addPositionalArgument(QStringLiteral("action"), tr("verify"));
    if (!parse(parser, arguments))
        return parser.isSet(QStringLiteral("help")) ? Ok : Usage;
    if (parser.positionalArguments() != QStringList{QStringLiteral("verify")}) {
        err() << parser.helpText();
        return Usage;
    }
    auto context = openStore(parser);
    if (!context)
        return fail(context.error());
    if (!mayRead(*context.value(), parser))
        return Failed;
    auto report = RecordAudit::verify(context.value()->store().db(), terminalProgress());
    clearProgressLine();
    if (!report)
        return fail(report.error());
    const AuditReport &r = report.value();
    const QLocale locale;
    if (r.intact()) {
        out() << tr("The record is intact: %1 records in %2 chains checked, each as it was "
                    "written, each chain's newest record signed by its site")
                     .arg(locale.toString(r.records), locale.toString(r.chains));
        if (r.unverifiedHeads > 0)
            out() << tr(" (%n chain(s) of other sites checked without their key)", nullptr,
                        r.unverifiedHeads);
        if (r.withheld > 0)
            out() << tr("; %n step(s) of other areas' cases were held back by the site that sent "
                        "them, their links alone kept",
                        nullptr, int(r.withheld));
        out() << Qt::endl;
        return Ok;
    }
    err() << tr("The record has been altered past CityGrid: %1").arg(r.findings.first().message)
          << Qt::endl;
    for (qsizetype i = 1; i < r.findings.size(); ++i)
        err() << QStringLiteral("  ") << r.findings[i].message << Qt::endl;
    err() << tr("%1 records in %2 chains checked. Restore the store from a backup that "
                "verifies, and find out who had the store file.")
                 .arg(locale.toString(r.records), locale.toString(r.chains))
          << Qt::endl;
    return Failed;
}

} // namespace citygrid::cli
