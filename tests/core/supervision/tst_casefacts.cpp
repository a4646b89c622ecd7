// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "casefixture.h"
#include "supervision/casefacts.h"

#include <QTemporaryDir>
#include <QTest>

using namespace citygrid;

namespace {

const QDateTime now(QDate(2026, 11, 27), QTime(18, 0), Qt::OffsetFromUTC, 8 * 3600);

qint64 day(int y, int m, int d)
{
    return QDate(y, m, d).toJulianDay();
}

} // namespace

/// The in-memory case facts against the same tallies asked of SQLite with GROUP BY.
class TestCaseFacts : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    std::optional<CaseFacts> m_facts;

    QHash<QString, AreaTally> fromSql(int codeLength, const QString &where)
    {
        const QString area = codeLength > 0
                                 ? QStringLiteral("substr(cell_code, 1, %1)").arg(codeLength)
                                 : QStringLiteral("cell_code");
        auto q = Statement::prepare(
            m_store->db(),
            QStringLiteral(
                "SELECT %1, count(*), sum(state NOT IN ('closed', 'voided')), sum((state = "
                "'dispatched' AND due_at <> '' AND due_at < ?1) OR (state = 'handled' AND due_at "
                "<> '' AND handled_at > due_at)), sum(state = 'closed'), sum(state = 'closed' AND "
                "on_time = 1), sum(rework_count > 0) FROM cases WHERE %2 GROUP BY 1")
                .arg(area, where));
        q.value().bind(1, QStringLiteral("2026-11-27T18:00:00.000+08:00"));
        QHash<QString, AreaTally> result;
        (void)q.value().forEachRow([&](const Statement &r) {
            result.insert(r.text(0), {int(r.integer(1)), int(r.integer(2)), int(r.integer(3)),
                                      int(r.integer(4)), int(r.integer(5)), int(r.integer(6))});
        });
        return result;
    }

private slots:
    void initTestCase()
    {
        m_store = testutil::demoStore(m_dir.filePath(QStringLiteral("f.gpkg")), 3000, 11, now);
        QVERIFY(m_store);
        auto facts = CaseFacts::load(m_store->db(), now, testutil::bundledCatalogues().calendar);
        QVERIFY(facts);
        m_facts = std::move(facts).value();
        QCOMPARE(m_facts->size(), 3000);
    }
    void tallies_data()
    {
        QTest::addColumn<FactFilter>("filter");
        QTest::addColumn<int>("level");
        QTest::addColumn<QString>("where");
        FactFilter f;
        QTest::newRow("all, per subdistrict") << f << int(GridLevel::Subdistrict) << "1";
        QTest::newRow("all, per cell") << f << int(GridLevel::Cell) << "1";
        f.fromDay = day(2026, 10, 28);
        f.toDay = day(2026, 11, 28);
        QTest::newRow("30 days, per community")
            << f << int(GridLevel::Community)
            << "reported_at >= '2026-10-28' AND reported_at < '2026-11-28'";
        f.categoryPrefix = QStringLiteral("E01");
        QTest::newRow("30 days, group E01, per cell")
            << f << int(GridLevel::Cell)
            << "reported_at >= '2026-10-28' AND reported_at < '2026-11-28' AND category_id "
               "LIKE 'E01%'";
        f = {};
        f.channel = QStringLiteral("hotline");
        f.states = {CaseState::Closed, CaseState::Voided};
        QTest::newRow("hotline, closed or voided")
            << f << int(GridLevel::Subdistrict)
            << "channel = 'hotline' AND state IN ('closed', 'voided')";
        f = {};
        f.unitId = QStringLiteral("U001");
        QTest::newRow("one unit") << f << int(GridLevel::Community) << "unit_id = 'U001'";
        f = {};
        f.areaCode = QStringLiteral("440304001");
        QTest::newRow("one subdistrict, per community")
            << f << int(GridLevel::Community) << "cell_code LIKE '440304001%'";
        f = {};
        f.unitId = QStringLiteral("no-such-unit");
        QTest::newRow("unknown unit: nothing") << f << int(GridLevel::Community) << "0";
    }
    void tallies()
    {
        QFETCH(FactFilter, filter);
        QFETCH(int, level);
        QFETCH(QString, where);
        const int length = level == int(GridLevel::Subdistrict) ? 9
                           : level == int(GridLevel::Community) ? 12
                                                                : 0;
        const auto expected = fromSql(length, where);
        QCOMPARE(expected.isEmpty(), where == QLatin1String("0")); // each row counts something
        const auto actual = m_facts->perArea(filter, GridLevel(level));
        QCOMPARE(actual.size(), expected.size());
        for (auto it = expected.cbegin(); it != expected.cend(); ++it)
            QVERIFY2(actual.value(it.key()) == it.value(), qPrintable(it.key()));
        AreaTally sum;
        for (const AreaTally &t : actual) {
            sum.cases += t.cases;
            sum.overdue += t.overdue;
        }
        QCOMPARE(m_facts->total(filter).cases, sum.cases);
        QCOMPARE(m_facts->total(filter).overdue, sum.overdue);
    }
    void perMonth()
    {
        // twelve months of 2026 (and the 2025 December before them) against GROUP BY month
        QList<qint64> starts;
        QStringList months;
        for (QDate d(2025, 12, 1); d <= QDate(2026, 12, 1); d = d.addMonths(1)) {
            starts << d.toJulianDay();
            months << d.toString(QStringLiteral("yyyy-MM"));
        }
        FactFilter events;
        events.categoryPrefix = QStringLiteral("E");
        const QList<AreaTally> tallies = m_facts->perPeriod(events, starts);
        QCOMPARE(tallies.size(), 12);
        auto q = Statement::prepare(m_store->db(),
                                    QStringLiteral("SELECT substr(reported_at, 1, 7), count(*), "
                                                   "sum(state = 'closed' AND on_time = 1) FROM "
                                                   "cases WHERE category_id LIKE 'E%' GROUP BY 1"));
        QHash<QString, QPair<int, int>> expected;
        (void)q.value().forEachRow([&](const Statement &r) {
            expected.insert(r.text(0), {int(r.integer(1)), int(r.integer(2))});
        });
        int sum = 0;
        for (int i = 0; i < 12; ++i) {
            QCOMPARE(tallies[i].cases, expected.value(months[i]).first);
            QCOMPARE(tallies[i].closedOnTime, expected.value(months[i]).second);
            sum += tallies[i].cases;
        }
        QVERIFY(sum > 1000);
    }
    void indicatorsOfAMonth()
    {
        // October's indicators from the loaded facts against the same rules asked of SQLite
        FactFilter october;
        october.fromDay = day(2026, 10, 1);
        october.toDay = day(2026, 11, 1);
        const auto perSubdistrict = m_facts->indicators(october, IndicatorKey::Subdistrict);
        auto q = Statement::prepare(
            m_store->db(),
            QStringLiteral(
                "WITH c AS (SELECT substr(cell_code, 1, 9) AS area, uuid, state, on_time, "
                "closed_at, substr(CASE WHEN due_at <> '' AND (closed_at IS NULL OR closed_at = '' "
                "OR substr(due_at, 1, 10) < substr(closed_at, 1, 10)) THEN due_at ELSE closed_at "
                "END, 1, 10) AS due_day FROM cases) "
                "SELECT area, count(*), sum(closed_at <> '' AND closed_at < '2026-11-01'), "
                "sum(closed_at <> '' AND closed_at < '2026-11-01' AND on_time = 1), "
                "sum(EXISTS (SELECT 1 FROM case_events e WHERE e.case_uuid = c.uuid AND e.step = "
                "'approve_extension')) FROM c WHERE due_day >= '2026-10-01' AND due_day < "
                "'2026-11-01' GROUP BY area"));
        QVERIFY(q);
        int due = 0, extended = 0;
        (void)q.value().forEachRow([&](const Statement &r) {
            const Indicators v = perSubdistrict.value(r.text(0));
            QCOMPARE(v.due, int(r.integer(1)));
            QCOMPARE(v.closed, int(r.integer(2)));
            QCOMPARE(v.closedOnTime, int(r.integer(3)));
            QCOMPARE(v.extended, int(r.integer(4)));
            due += v.due;
            extended += v.extended;
        });
        QVERIFY(due > 100);
        QVERIFY(extended > 0);
        // filed in October: reported then, with a filing step
        auto filed = Statement::prepare(
            m_store->db(),
            QStringLiteral("SELECT count(*) FROM cases c WHERE reported_at >= '2026-10-01' AND "
                           "reported_at < '2026-11-01' AND EXISTS (SELECT 1 FROM case_events e "
                           "WHERE e.case_uuid = c.uuid AND e.step = 'file')"));
        QVERIFY(filed && filed.value().step().value());
        const Indicators total = m_facts->indicators(october, IndicatorKey::Total).value(QString());
        QCOMPARE(total.filed, int(filed.value().integer(0)));
        // handling times are working hours: none longer than the deadline rules allow by far
        QVERIFY(total.handled > 0);
        QVERIFY(total.averageHandlingHours() > 0);
        QVERIFY(total.p90HandlingHours() >= total.averageHandlingHours() * 0.5);
        // every post is "role/person"
        for (const QString &post : m_facts->indicators(october, IndicatorKey::Post).keys())
            QVERIFY2(!CaseFacts::splitPost(post).first.isEmpty(), qPrintable(post));
    }
};

QTEST_GUILESS_MAIN(TestCaseFacts)
#include "tst_casefacts.moc"
