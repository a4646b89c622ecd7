// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "casefixture.h"
#include "cases/casequery.h"
#include "cases/caserows.h"

#include <QTemporaryDir>
#include <QTest>

using namespace citygrid;

namespace {

const QDateTime now(QDate(2026, 11, 27), QTime(18, 0), Qt::OffsetFromUTC, 8 * 3600);

qint64 scalar(Store &store, const QString &sql)
{
    auto q = Statement::prepare(store.db(), sql);
    return q && q.value().step().value() ? q.value().integer(0) : -1;
}

} // namespace

/// The case list's query: each filter against the same question asked in plain SQL, sorting,
/// paging.
class TestCaseQuery : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;

    qint64 count(const CaseFilter &filter)
    {
        return CaseQuery(m_store->db(), filter, now).count().value();
    }

private slots:
    void initTestCase()
    {
        m_store = testutil::demoStore(m_dir.filePath(QStringLiteral("q.gpkg")), 2000, 3, now);
        QVERIFY(m_store);
    }
    void filters_data()
    {
        QTest::addColumn<CaseFilter>("filter");
        QTest::addColumn<QString>("where");
        CaseFilter f;
        QTest::newRow("all") << f << QStringLiteral("1");
        f = {};
        f.states = {QStringLiteral("closed")};
        QTest::newRow("closed") << f << QStringLiteral("state = 'closed'");
        f.states << QStringLiteral("voided");
        QTest::newRow("closed or voided") << f << QStringLiteral("state IN ('closed', 'voided')");
        f = {};
        f.openOnly = true;
        QTest::newRow("open") << f << QStringLiteral("state NOT IN ('closed', 'voided')");
        f = {};
        f.categoryPrefix = QStringLiteral("E01");
        QTest::newRow("group") << f << QStringLiteral("category_id LIKE 'E01%'");
        f.categoryPrefix = QStringLiteral("E0102");
        QTest::newRow("category") << f << QStringLiteral("category_id = 'E0102'");
        f = {};
        f.areaCode = QStringLiteral("440304011");
        QTest::newRow("subdistrict") << f << QStringLiteral("subdistrict_code = '440304011'");
        f.unitId = QStringLiteral("U002");
        QTest::newRow("subdistrict and unit")
            << f << QStringLiteral("subdistrict_code = '440304011' AND unit_id = 'U002'");
        f = {};
        f.overdueOnly = true;
        QTest::newRow("overdue") << f
                                 << QStringLiteral(
                                        "(state = 'dispatched' AND due_at < "
                                        "'2026-11-27T18:00:00.000+08:00') OR (state = 'handled' "
                                        "AND handled_at > due_at)");
        f = {};
        f.reportedFrom = now.addDays(-30);
        f.reportedTo = now.addDays(-7);
        QTest::newRow("window") << f
                                << QStringLiteral(
                                       "reported_at >= '2026-10-28T18:00:00.000+08:00' "
                                       "AND reported_at < '2026-11-20T18:00:00.000+08:00'");
        f = {};
        f.text = QStringLiteral("202611");
        QTest::newRow("text") << f << QStringLiteral("case_no LIKE '202611%'");
    }
    void filters()
    {
        QFETCH(CaseFilter, filter);
        QFETCH(QString, where);
        const qint64 expected =
            scalar(*m_store, QStringLiteral("SELECT count(*) FROM cases WHERE ") + where);
        QVERIFY(expected > 0);
        QCOMPARE(count(filter), expected);
        auto page =
            CaseQuery(m_store->db(), filter, now).page(CaseQuery::Sort::Reported, false, 0, 100000);
        QVERIFY(page.ok());
        QCOMPARE(page.value().size(), expected);
    }
    void sortingAndPaging()
    {
        const CaseQuery all(m_store->db(), {}, now);
        auto first = all.page(CaseQuery::Sort::Reported, false, 0, 50);
        auto second = all.page(CaseQuery::Sort::Reported, false, 50, 50);
        QVERIFY(first.ok() && second.ok());
        QCOMPARE(first.value().size(), 50);
        QVERIFY(first.value().first().reportedAt >= first.value().last().reportedAt);
        QVERIFY(first.value().last().reportedAt >= second.value().first().reportedAt);
        // cases without a deadline (voided before dispatch) come last in both directions
        for (bool ascending : {true, false}) {
            auto byDue = all.page(CaseQuery::Sort::Due, ascending, 0, 100000);
            QVERIFY(byDue.ok());
            const auto &records = byDue.value();
            QVERIFY(records.first().dueAt.isValid());
            QVERIFY(!records.last().dueAt.isValid());
            QVERIFY(ascending ? records[0].dueAt <= records[1].dueAt
                              : records[0].dueAt >= records[1].dueAt);
        }
        auto byNumber = all.page(CaseQuery::Sort::CaseNo, true, 0, 2);
        QVERIFY(byNumber.value()[0].caseNo < byNumber.value()[1].caseNo);
    }
    void pagesByDeadlineJoinUp_data()
    {
        QTest::addColumn<int>("pageSize");
        QTest::newRow("1") << 1;
        QTest::newRow("7") << 7;
        QTest::newRow("200") << 200;
    }
    void pagesByDeadlineJoinUp()
    {
        // Dated cases come from one range of the index and undated ones from another: pages that
        // straddle the two, or lie wholly past the dated ones, must still join up to the list.
        QFETCH(int, pageSize);
        const CaseQuery all(m_store->db(), {}, now);
        auto whole = all.page(CaseQuery::Sort::Due, true, 0, 100000);
        QVERIFY(whole.ok());
        QStringList expected, paged;
        for (const CaseRecord &r : whole.value())
            expected << r.uuid;
        for (qint64 offset = 0;; offset += pageSize) {
            auto page = all.page(CaseQuery::Sort::Due, true, offset, pageSize);
            QVERIFY(page.ok());
            for (const CaseRecord &r : page.value())
                paged << r.uuid;
            if (page.value().size() < pageSize)
                break;
        }
        QCOMPARE(paged, expected);
        QCOMPARE(qint64(expected.size()), all.count().value());
        qsizetype firstUndated = 0;
        while (whole.value()[firstUndated].dueAt.isValid())
            ++firstUndated;
        QVERIFY(firstUndated > 0 && firstUndated < expected.size());
        for (qsizetype i = firstUndated; i < expected.size(); ++i)
            QVERIFY(!whole.value()[i].dueAt.isValid());
    }
    void recordsCarryTheirPosition()
    {
        auto page = CaseQuery(m_store->db(), {}, now).page(CaseQuery::Sort::Reported, false, 0, 10);
        for (const CaseRecord &r : page.value()) {
            QVERIFY(qAbs(r.lonLat.x() - 114.05) < 0.1);
            QVERIFY(qAbs(r.lonLat.y() - 22.55) < 0.1);
            QVERIFY(r.cellCode.startsWith(QLatin1String("440304")));
        }
    }
};

QTEST_GUILESS_MAIN(TestCaseQuery)
#include "tst_casequery.moc"
