// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/indicatorranking.h"
#include "assessment/indicators.h"
#include "supervision/casefacts.h"

#include <QTest>

#include <cmath>

using namespace citygrid;

namespace {

QDate d(int m, int day)
{
    return QDate(2026, m, day);
}

/// Nine cases around October 2026, each a known answer to one rule (see the comments).
CaseFacts handBuilt()
{
    struct Row
    {
        const char *name;
        QDate reported, deadline, closed;
        bool filed, onTime, overdue, extended, deferred;
        int reworks, handling;
        const char *cell, *category, *post;
    };
    const QList<Row> rows{
        // on time, two hours
        {"A", d(10, 2), d(10, 3), d(10, 3), true, true, false, false, false, 0, 120,
         "440304001001001", "C0101", "lin"},
        // late, reworked once
        {"B", d(10, 5), d(10, 6), d(10, 9), true, false, false, false, false, 1, 600,
         "440304001001001", "C0101", "lin"},
        // extended, on time
        {"C", d(10, 10), d(10, 20), d(10, 15), true, true, false, true, false, 0, 60,
         "440304001002001", "E0102", "wang"},
        // filed in October, falls due in November
        {"D", d(10, 28), d(11, 3), QDate(), true, false, false, false, false, 0, -1,
         "440304002001001", "E0102", "wang"},
        // reported in September, deferred, closed on time in October
        {"E", d(9, 25), d(10, 2), d(10, 30), true, true, false, false, true, 0, 300,
         "440304002001001", "C0101", "wang"},
        // all in September: counts nowhere in October
        {"F", d(9, 20), d(9, 25), d(9, 24), true, true, false, false, false, 0, 30,
         "440304002001001", "C0101", "wang"},
        // voided before filing: neither filed nor due
        {"G", d(10, 20), QDate(), QDate(), false, false, false, false, false, 0, -1,
         "440304002001001", "E0102", ""},
        // open and overdue now
        {"H", d(10, 25), d(10, 26), QDate(), true, false, true, false, false, 0, -1,
         "440304002001001", "E0102", "zhao"},
        // due in November but closed in October: due in October
        {"I", d(10, 29), d(11, 5), d(10, 31), true, true, false, false, false, 0, 30,
         "440304002001001", "E0103", "zhao"},
    };
    CaseFacts::Builder builder;
    for (const Row &r : rows) {
        CaseOutcome o;
        o.cell = QString::fromLatin1(r.cell);
        o.category = QString::fromLatin1(r.category);
        o.unit = QStringLiteral("unit");
        o.channel = QStringLiteral("inspector");
        o.post = QString::fromLatin1(r.post);
        o.postRole = QStringLiteral("unit_staff");
        o.state = r.closed.isValid() ? CaseState::Closed
                  : r.filed          ? CaseState::Dispatched
                                     : CaseState::Voided;
        o.reported = r.reported;
        o.deadline = r.deadline;
        o.closed = r.closed;
        o.filed = r.filed;
        o.onTime = r.onTime;
        o.overdue = r.overdue;
        o.extended = r.extended;
        o.deferred = r.deferred;
        o.reworks = r.reworks;
        o.handlingMinutes = r.handling;
        builder.add(o);
    }
    return builder.finish();
}

FactFilter month(int m)
{
    FactFilter f;
    f.fromDay = d(m, 1).toJulianDay();
    f.toDay = d(m, 1).addMonths(1).toJulianDay();
    return f;
}

IndicatorWeights defaultWeights()
{
    return IndicatorWeights::fromJson(
               R"({"score_weights": [{"indicator": "on_time_rate", "weight": 40},
                   {"indicator": "closure_rate", "weight": 30},
                   {"indicator": "rework_rate", "weight": 15, "lower_is_better": true},
                   {"indicator": "extension_rate", "weight": 15, "lower_is_better": true}]})")
        .value();
}

double value(const Indicators &v, const QString &name)
{
    const QHash<QString, std::function<double()>> of{
        {QStringLiteral("filed"), [&] { return double(v.filed); }},
        {QStringLiteral("due"), [&] { return double(v.due); }},
        {QStringLiteral("closed"), [&] { return double(v.closed); }},
        {QStringLiteral("closedOnTime"), [&] { return double(v.closedOnTime); }},
        {QStringLiteral("deferred"), [&] { return double(v.deferred); }},
        {QStringLiteral("extended"), [&] { return double(v.extended); }},
        {QStringLiteral("handled"), [&] { return double(v.handled); }},
        {QStringLiteral("reworked"), [&] { return double(v.reworked); }},
        {QStringLiteral("overdueNow"), [&] { return double(v.overdueNow); }},
        {QStringLiteral("closureRate"), [&] { return v.closureRate(); }},
        {QStringLiteral("onTimeRate"), [&] { return v.onTimeRate(); }},
        {QStringLiteral("onTimeExDeferred"), [&] { return v.onTimeRateExcludingDeferred(); }},
        {QStringLiteral("reworkRate"), [&] { return v.reworkRate(); }},
        {QStringLiteral("extensionRate"), [&] { return v.extensionRate(); }},
        {QStringLiteral("avgHours"), [&] { return v.averageHandlingHours(); }},
        {QStringLiteral("p90Hours"), [&] { return v.p90HandlingHours(); }},
        {QStringLiteral("score"), [&] { return defaultWeights().score(v); }},
    };
    return of.value(name)();
}

} // namespace

/// The indicator formulas of domain.md section 4 on hand-built cases with answers worked out by
/// hand (the comments give the sums).
class TestIndicators : public QObject
{
    Q_OBJECT
private slots:
    void formulas_data()
    {
        QTest::addColumn<int>("monthNo");
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("expected");
        const auto row = [](int m, const char *name, double expected) {
            QTest::addRow("%d %s", m, name) << m << QString::fromLatin1(name) << expected;
        };
        // October: filed A B C D H I; due A B C E H I; closed A B C E I; on time A C E I
        row(10, "filed", 6);
        row(10, "due", 6);
        row(10, "closed", 5);
        row(10, "closedOnTime", 4);
        row(10, "deferred", 1);
        row(10, "extended", 1);
        row(10, "handled", 5);
        row(10, "reworked", 1);
        row(10, "overdueNow", 1);
        row(10, "closureRate", 500.0 / 6);
        row(10, "onTimeRate", 400.0 / 6);
        row(10, "onTimeExDeferred", 60); // (4 - 1) / (6 - 1)
        row(10, "reworkRate", 20);       // 1 / 5
        row(10, "extensionRate", 100.0 / 6);
        row(10, "avgHours", 3.7); // (120 + 600 + 60 + 300 + 30) / 5 min
        row(10, "p90Hours", 10);  // rank ceil(0.9 * 5) = 5 of 30 60 120 300 600
        // (40 * 66.67 + 30 * 83.33 + 15 * (100 - 20) + 15 * (100 - 16.67)) / 100
        row(10, "score",
            (40 * 400.0 / 6 + 30 * 500.0 / 6 + 15 * 80 + 15 * (100 - 100.0 / 6)) / 100);
        // November: only D falls due, open; H is still overdue now
        row(11, "filed", 0);
        row(11, "due", 1);
        row(11, "closed", 0);
        row(11, "onTimeRate", 0);
        row(11, "reworkRate", qQNaN());
        row(11, "overdueNow", 1);
        // September: E reported (filed) and F all of it
        row(9, "filed", 2);
        row(9, "due", 1);
        row(9, "closedOnTime", 1);
    }
    void formulas()
    {
        QFETCH(int, monthNo);
        QFETCH(QString, name);
        QFETCH(double, expected);
        const auto all = handBuilt().indicators(month(monthNo), IndicatorKey::Total);
        QCOMPARE(all.size(), 1);
        const double got = value(all.value(QString()), name);
        if (std::isnan(expected))
            QVERIFY2(std::isnan(got), qPrintable(QString::number(got)));
        else
            QVERIFY2(std::abs(got - expected) < 1e-9,
                     qPrintable(QStringLiteral("%1 != %2").arg(got).arg(expected)));
    }

    void keys()
    {
        const CaseFacts facts = handBuilt();
        const auto posts = facts.indicators(month(10), IndicatorKey::Post);
        // lin: A B; wang: C D E; zhao: H I; G has nobody
        QCOMPARE(posts.size(), 3);
        QCOMPARE(posts.value(QStringLiteral("unit_staff/lin")).due, 2);
        QCOMPARE(posts.value(QStringLiteral("unit_staff/wang")).filed, 2);
        QCOMPARE(posts.value(QStringLiteral("unit_staff/wang")).due, 2);
        QCOMPARE(posts.value(QStringLiteral("unit_staff/zhao")).overdueNow, 1);
        QCOMPARE(CaseFacts::splitPost(QStringLiteral("unit_staff/zhao")),
                 std::pair(QStringLiteral("unit_staff"), QStringLiteral("zhao")));
        const auto subdistricts = facts.indicators(month(10), IndicatorKey::Subdistrict);
        QCOMPARE(subdistricts.value(QStringLiteral("440304001")).due, 3);
        QCOMPARE(subdistricts.value(QStringLiteral("440304002")).due, 3);
        const auto cells = facts.indicators(month(10), IndicatorKey::Cell);
        Indicators sum;
        for (const Indicators &v : cells)
            sum += v;
        const Indicators total = facts.indicators(month(10), IndicatorKey::Total).value(QString());
        QCOMPARE(sum.due, total.due);
        QCOMPARE(sum.filed, total.filed);
        QCOMPARE(sum.handlingMinutes.size(), total.handlingMinutes.size());
        // a filter narrows the cases: group E only
        FactFilter e = month(10);
        e.categoryPrefix = QStringLiteral("E");
        const Indicators ev = facts.indicators(e, IndicatorKey::Total).value(QString());
        QCOMPARE(ev.filed, 4); // C D H I
        QCOMPARE(ev.due, 3);   // C H I
    }

    void closedIn()
    {
        // closed in October: A B C E I (E and F were reported in September, F closed then)
        const AreaTally october = handBuilt().closedIn(month(10));
        QCOMPARE(october.cases, 5);
        QCOMPARE(october.closedOnTime, 4);
        QCOMPARE(handBuilt().closedIn(month(9)).cases, 1);
    }
    void topCategories()
    {
        const Indicators v =
            handBuilt().indicators(month(10), IndicatorKey::Total).value(QString());
        const auto top = v.topCategories(2);
        QCOMPARE(top.size(), 2);
        QCOMPARE(top[0], std::pair(QStringLiteral("E0102"), 3)); // C D H
        QCOMPARE(top[1], std::pair(QStringLiteral("C0101"), 2)); // A B
    }

    void weights_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions"); // empty: valid
        QTest::addRow("valid") << QByteArray(R"({"score_weights": [{"indicator": "closure_rate",
            "weight": 1}]})") << QString();
        QTest::addRow("not json") << QByteArray("{") << QStringLiteral("JSON");
        QTest::addRow("none") << QByteArray(R"({"score_weights": []})")
                              << QStringLiteral("no score weights");
        QTest::addRow("unknown") << QByteArray(R"({"score_weights": [{"indicator": "speed",
            "weight": 1}]})") << QStringLiteral("\"speed\"");
        QTest::addRow("zero") << QByteArray(R"({"score_weights": [{"indicator": "closure_rate",
            "weight": 0}]})") << QStringLiteral("above zero");
        QTest::addRow("text") << QByteArray(R"({"score_weights": [{"indicator": "closure_rate",
            "weight": "1"}]})")
                              << QStringLiteral("above zero");
    }
    void weights()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        const auto parsed = IndicatorWeights::fromJson(json);
        QCOMPARE(bool(parsed), mentions.isEmpty());
        if (!parsed)
            QVERIFY2(parsed.error().message.contains(mentions), qPrintable(parsed.error().message));
    }

    void scoreLeavesOutRatesWithoutValue()
    {
        Indicators v; // nothing due: every rate is NaN
        QVERIFY(std::isnan(defaultWeights().score(v)));
        v.due = 4;
        v.closed = 4;
        v.closedOnTime = 2; // no handled cases: the rework rate drops out
        // (40 * 50 + 30 * 100 + 15 * (100 - 0)) / (40 + 30 + 15)
        QCOMPARE(defaultWeights().score(v), (40 * 50.0 + 30 * 100 + 15 * 100) / 85);
    }

    void ranking()
    {
        const auto made = [](int due, int closedOnTime) {
            Indicators v;
            v.due = due;
            v.closed = due;
            v.closedOnTime = closedOnTime;
            return v;
        };
        // b scores best; c has nothing due (last); a was compared with 5 due before, b with 4
        const QHash<QString, Indicators> now{{QStringLiteral("a"), made(10, 5)},
                                             {QStringLiteral("b"), made(10, 9)}};
        const QHash<QString, Indicators> before{{QStringLiteral("a"), made(5, 5)},
                                                {QStringLiteral("b"), made(4, 0)}};
        const auto rows =
            rankIndicators(now, before, defaultWeights(),
                           {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0].key, QStringLiteral("b"));
        QCOMPARE(rows[1].key, QStringLiteral("a"));
        QCOMPARE(rows[2].key, QStringLiteral("c"));
        QVERIFY(std::isnan(rows[2].score));
        QVERIFY(std::isnan(rows[0].change)); // four due before: too few to compare
        // a: (40 * 50 + 30 * 100 + 15 * 100) / 85 now, (40 * 100 + 30 * 100 + 15 * 100) / 85 before
        QCOMPARE(rows[1].change, (40 * 50.0 - 40 * 100.0) / 85);
    }
};

QTEST_GUILESS_MAIN(TestIndicators)
#include "tst_indicators.moc"
