// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "casefixture.h"
#include "cases/caserows.h"
#include "cases/casestore.h"
#include "cases/casetiming.h"
#include "testutil.h"

#include <QTemporaryDir>
#include <QTest>

using namespace citygrid;

namespace {

const QDateTime now(QDate(2026, 11, 27), QTime(18, 0), Qt::OffsetFromUTC, 8 * 3600);

QStringList rows(Store &store)
{
    QStringList out;
    auto q = Statement::prepare(
        store.db(), QStringLiteral("SELECT uuid, case_no, category_id, cell_code, state, due_at, "
                                   "closed_at FROM cases ORDER BY case_no"));
    (void)q.value().forEachRow([&](const Statement &r) {
        QStringList fields;
        for (int i = 0; i < 7; ++i)
            fields << r.text(i);
        out << fields.join(u'|');
    });
    return out;
}

qint64 scalar(Store &store, const QString &sql)
{
    auto q = Statement::prepare(store.db(), sql);
    return q && q.value().step().value() ? q.value().integer(0) : -1;
}

} // namespace

/// The demo history: deterministic for a seed, accepted by the workflow case by case, with the
/// proportions a supervisor expects, and written all or nothing.
class TestCaseDemo : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;

private slots:
    void initTestCase()
    {
        m_store = testutil::demoStore(m_dir.filePath(QStringLiteral("a.gpkg")), 3000, 7, now);
        QVERIFY(m_store);
    }
    void sameSeedSameHistory()
    {
        auto again = testutil::demoStore(m_dir.filePath(QStringLiteral("b.gpkg")), 3000, 7, now);
        QVERIFY(again);
        QCOMPARE(rows(*again), rows(*m_store));
        auto other = testutil::demoStore(m_dir.filePath(QStringLiteral("c.gpkg")), 3000, 8, now);
        QVERIFY(other);
        QVERIFY(rows(*other) != rows(*m_store));
    }
    void everyRowIsTheProjectionOfItsEvents()
    {
        const auto catalogues = testutil::bundledCatalogues();
        CaseStore cases(*m_store, CaseWorkflow(catalogues.roles), catalogues.calendar,
                        catalogues.categories, catalogues.units);
        auto listed = cases.list({}, 3000);
        QVERIFY(listed.ok());
        QCOMPARE(listed.value().size(), 3000);
        for (const CaseRecord &row : listed.value()) {
            auto replayed = cases.find(row.uuid);
            QVERIFY(replayed.ok());
            QCOMPARE(replayed.value().status, row.status);
            QCOMPARE(replayed.value().dueAt, row.dueAt);
            QCOMPARE(replayed.value().handledAt, row.handledAt);
            QCOMPARE(replayed.value().onTime, row.onTime);
            QCOMPARE(replayed.value().unitId, row.unitId);
            QVERIFY(row.reportedAt <= now);
            QVERIFY(row.updatedAt <= now);
        }
    }
    void proportionsASupervisorExpects()
    {
        const double total = 3000;
        const auto share = [&](const char *where) {
            return double(scalar(*m_store, QStringLiteral("SELECT count(*) FROM cases WHERE ") +
                                               QLatin1String(where))) /
                   total;
        };
        // Most cases are closed, most of those on time; some are reworked, voided, open.
        QVERIFY(share("state = 'closed'") > 0.85);
        QVERIFY(share("on_time = 1") > 0.75);
        QVERIFY(share("on_time = 0") > 0.03);
        QVERIFY(share("rework_count > 0") > 0.02);
        QVERIFY(share("state = 'voided'") > 0.01);
        QVERIFY(share("state NOT IN ('closed', 'voided')") > 0.001);
        // Events outnumber components, and exposed rubbish leads.
        QVERIFY(share("category_id LIKE 'E%'") > 0.6);
        const qint64 rubbish = scalar(*m_store, QStringLiteral("SELECT count(*) FROM cases "
                                                               "WHERE category_id = 'E0102'"));
        QCOMPARE(scalar(*m_store, QStringLiteral("SELECT max(n) FROM (SELECT count(*) AS n FROM "
                                                 "cases GROUP BY category_id)")),
                 rubbish);
        // Hotspots: the busiest tenth of the cells holds far more than a tenth of the cases.
        const qint64 top = scalar(
            *m_store, QStringLiteral("SELECT sum(n) FROM (SELECT count(*) AS n FROM cases GROUP "
                                     "BY cell_code ORDER BY n DESC LIMIT 20)"));
        QVERIFY2(top > total * 0.3, qPrintable(QString::number(top)));
        // Weekends are quieter than weekdays.
        const auto onDay = [&](int weekday) {
            return scalar(*m_store,
                          QStringLiteral("SELECT count(*) FROM cases WHERE strftime('%w', "
                                         "substr(reported_at, 1, 19)) = '%1'")
                              .arg(weekday));
        };
        QVERIFY(onDay(0) < onDay(2));
        // Case numbers run per day without a gap.
        QCOMPARE(scalar(*m_store, QStringLiteral("SELECT count(*) FROM cases WHERE "
                                                 "substr(case_no, 9) = '0001'")),
                 scalar(*m_store, QStringLiteral("SELECT count(DISTINCT substr(case_no, 1, 8)) "
                                                 "FROM cases")));
    }
    void cancelledRunChangesNothing()
    {
        const QString path = m_dir.filePath(QStringLiteral("a.gpkg"));
        const qint64 before = scalar(*m_store, QStringLiteral("SELECT count(*) FROM case_events"));
        testutil::DemoFixture fixture(path);
        CaseDemo::Options options;
        options.cases = 2000;
        options.now = now;
        const Progress cancel([](const QString &, double fraction) { return fraction < 0.3; });
        auto run = fixture.demo->fill(m_store->db(), options, cancel);
        QVERIFY(!run.ok());
        QCOMPARE(run.error().code, QStringLiteral("demo.cancelled"));
        QCOMPARE(scalar(*m_store, QStringLiteral("SELECT count(*) FROM case_events")), before);
    }
    void badSettingsAreNamed()
    {
        auto broken = DemoSettings::fromJson(R"({"channels": {"inspector": 1}, "months": [1]})");
        QVERIFY(!broken.ok());
        QCOMPARE(broken.error().code, QStringLiteral("demo.settings"));
        QVERIFY(broken.error().message.contains(QLatin1String("months")));
    }
};

QTEST_GUILESS_MAIN(TestCaseDemo)
#include "tst_casedemo.moc"
