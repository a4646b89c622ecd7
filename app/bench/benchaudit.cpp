// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "audit/recordaudit.h"
#include "bench/benchutil.h"
#include "services/appcontext.h"
#include "store/storebackup.h"
#include "store/storeschema.h"

#include <QElapsedTimer>
#include <QLocale>

namespace citygrid::cli {

/// What the record costs: a step with its permission check and its link in the chain, the check
/// of a whole store of about a million events, and a backup of that store.
Result<void> benchAudit(const QString &tempDir, bool quick)
{
    const QDateTime now = QDateTime::currentDateTime().toOffsetFromUtc(8 * 3600);
    auto context = AppContext::open(tempDir + QStringLiteral("/audit.gpkg"));
    if (!context)
        return context.error();
    // about six events a case: 167,000 cases make a million events
    auto filled = fillDemo(*context.value(), quick ? 1700 : 167000, now);
    if (!filled)
        return filled.error();
    SqliteDb &db = context.value()->store().db();
    auto cell = Statement::prepare(db, QStringLiteral("SELECT code FROM cells ORDER BY code"));
    if (!cell || !cell.value().step())
        return Error{QStringLiteral("bench.audit"), tr("The store has no cells"), {}};
    NewCase input;
    input.categoryId = QStringLiteral("E0102");
    input.cellCode = cell.value().text(0);
    input.lonLat = QPointF(114.05, 22.54);
    input.channel = QStringLiteral("inspector");
    CaseStore &cases = context.value()->cases();
    // each run: a report and its "file" step, timed whole and the step alone
    QList<double> both, steps;
    for (int i = 0; i < (quick ? 3 : 31); ++i) {
        QElapsedTimer t;
        t.start();
        const auto reported = cases.report(input, QStringLiteral("ins01"), now);
        if (!reported)
            return reported.error();
        const qint64 stepStart = t.nsecsElapsed();
        if (auto r =
                cases.take(reported.value().uuid, CaseStep::File, QStringLiteral("op01"), now, {});
            !r)
            return r.error();
        both.append(double(t.nsecsElapsed()) / 1e6);
        steps.append(double(t.nsecsElapsed() - stepStart) / 1e6);
    }
    row(tr("Record: a report and a step, each checked and sealed in its own transaction"),
        median(both), QStringLiteral("ms"), tr("interactive: under 100 ms"));
    row(tr("Record: a step (permission check, history read, event, link, signed head)"),
        median(steps), QStringLiteral("ms"), tr("interactive: under 100 ms"));

    QElapsedTimer timer;
    timer.start();
    auto audit = RecordAudit::verify(db);
    if (!audit)
        return audit.error();
    if (!audit.value().intact())
        return Error{QStringLiteral("bench.audit"), audit.value().findings.first().message, {}};
    row(tr("Record: audit verify of %1 records (%2 case events), one run")
            .arg(QLocale().toString(audit.value().records))
            .arg(QLocale().toString(filled.value().events)),
        double(timer.elapsed()) / 1000.0, QStringLiteral("s"), tr("a minute at most"));

    timer.restart();
    auto backup = StoreBackup::write(db, tempDir + QStringLiteral("/audit-backup.gpkg"));
    if (!backup)
        return backup.error();
    row(tr("Backup (online, checked) of that store, %1 MB, one run")
            .arg(QLocale().toString(double(backup.value().bytes) / 1e6, 'f', 0)),
        double(timer.elapsed()) / 1000.0, QStringLiteral("s"));
    return {};
}

} // namespace citygrid::cli
