// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
// The writer tst_crash kills: it writes to a store as fast as it can — reports and steps, bulk
// imports, 7+1 entries, a sync package — and acknowledges each write on standard output once
// it is committed, one line each:
//   R <case uuid>            a report            S <case uuid>   its "file" step
//   B <tag> <n>              n reports in one import, each described "<tag>" (batch-seed-i-n)
//   A <score uuid> <note>    a 7+1 entry saved with that note
//   Y                        the sync package imported
// Usage: crashwriter STORE PACKAGE SEED
#include "assessment/assessmentkinds.h"
#include "assessment/assessmentstore.h"
#include "casefixture.h"
#include "cases/casestore.h"
#include "catalogues/cataloguekinds.h"
#include "sync/syncexchange.h"

#include <QCoreApplication>
#include <QFile>
#include <QRandomGenerator>
#include <QTimeZone>

#include <cstdio>

using namespace citygrid;

namespace {

void ack(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4)
        return 2;
    auto store = Store::open(args[1]);
    if (!store)
        return 3;
    QFile packageFile(args[2]);
    if (!packageFile.open(QIODevice::ReadOnly))
        return 4;
    const QByteArray package = packageFile.readAll();
    const quint64 seed = args[3].toULongLong();
    QRandomGenerator random(seed);
    const CaseCatalogues catalogues = testutil::bundledCatalogues();
    CaseStore cases(*store.value(), CaseWorkflow(catalogues.roles), catalogues.calendar,
                    catalogues.categories, catalogues.units);
    AssessmentStore assessment(*store.value(), catalogues.roles);
    RefKinds kinds;
    assessmentkinds::addTo(kinds);
    cataloguekinds::addTo(kinds);
    const QDateTime now(QDate(2026, 12, 5), QTime(10, 0), QTimeZone(8 * 3600));

    QStringList cells;
    auto q = Statement::prepare(store.value()->db(), QStringLiteral("SELECT code FROM cells"));
    (void)q.value().forEachRow([&](const Statement &s) { cells << s.text(0); });
    struct Entry
    {
        QString uuid;
        AssessmentEntry entry;
    };
    QList<Entry> entries;
    auto e = Statement::prepare(store.value()->db(),
                                QStringLiteral("SELECT uuid, subdistrict_code, point_id, side, "
                                               "evaluator, score FROM assessment_scores WHERE "
                                               "month = '2026-12'"));
    (void)e.value().forEachRow([&](const Statement &s) {
        entries.append({s.text(0),
                        {s.text(1),
                         s.text(2),
                         *AssessmentEntry::sideFromId(s.text(3)),
                         s.text(4),
                         s.real(5),
                         {}}});
    });
    const AssessmentScheme fallback = testutil::bundledAssessment().scheme;
    const auto newCase = [&] {
        NewCase input;
        input.categoryId = QStringLiteral("E0102");
        input.cellCode = cells[random.bounded(int(cells.size()))];
        input.lonLat = QPointF(114.05, 22.54);
        input.channel = QStringLiteral("inspector");
        return input;
    };
    for (int i = 0;; ++i) {
        const int action = random.bounded(20);
        if (action < 10) {
            // over two years, so no day runs out of case numbers
            const QDateTime at = now.addDays(-random.bounded(730));
            auto reported = cases.report(newCase(), QStringLiteral("ins01"), at);
            if (!reported) {
                std::fputs(qPrintable(reported.error().toText()), stderr);
                return 10;
            }
            ack(QStringLiteral("R ") + reported.value().uuid);
            if (random.bounded(2) == 0) {
                if (!cases.take(reported.value().uuid, CaseStep::File, QStringLiteral("op01"), at,
                                {}))
                    return 11;
                ack(QStringLiteral("S ") + reported.value().uuid);
            }
        } else if (action < 14) {
            const int n = 100 + random.bounded(400);
            const QString tag = QStringLiteral("batch-%1-%2-%3").arg(seed).arg(i).arg(n);
            QList<CaseStore::DatedReport> batch;
            for (int k = 0; k < n; ++k) {
                NewCase input = newCase();
                input.description = tag;
                batch.append({input, now.addSecs(-k * 3600 * 7), {}});
            }
            if (!cases.reportMany(batch, QStringLiteral("op01")))
                return 12;
            ack(QStringLiteral("B %1 %2").arg(tag).arg(n));
        } else if (action < 19 && !entries.isEmpty()) {
            const Entry &chosen = entries[random.bounded(int(entries.size()))];
            AssessmentEntry entry = chosen.entry;
            entry.note = QStringLiteral("%1:%2").arg(seed).arg(i);
            if (!assessment.setScore(QDate(2026, 12, 1), entry, QStringLiteral("ld01"), now,
                                     fallback))
                return 13;
            ack(QStringLiteral("A %1 %2").arg(chosen.uuid, entry.note));
        } else {
            if (!SyncExchange(*store.value(), kinds, catalogues.roles)
                     .importPackage(package, QStringLiteral("admin01"), now))
                return 14;
            ack(QStringLiteral("Y"));
        }
    }
}
