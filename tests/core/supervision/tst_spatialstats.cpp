// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "supervision/classbreaks.h"
#include "supervision/spatialstats.h"

#include <QTest>

using namespace citygrid;
using namespace citygrid::spatialstats;

namespace {

// A 4 x 4 grid of areas, row by row, with a cluster of high values around row 2, column 2.
const QList<double> grid{3, 5, 2, 8, 6, 9, 12, 7, 4, 11, 15, 10, 1, 2, 6, 3};

Neighbours gridNeighbours(bool queen)
{
    Neighbours n(16);
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 4; ++c)
            for (int dr = -1; dr <= 1; ++dr)
                for (int dc = -1; dc <= 1; ++dc) {
                    const int rr = r + dr, cc = c + dc;
                    if ((dr == 0 && dc == 0) || (!queen && dr != 0 && dc != 0) || rr < 0 ||
                        rr > 3 || cc < 0 || cc > 3)
                        continue;
                    n[r * 4 + c] << rr * 4 + cc;
                }
    return n;
}

QList<double> numbers(const char *text)
{
    QList<double> list;
    for (const QByteArray &part : QByteArray(text).split(' '))
        list << part.toDouble();
    return list;
}

} // namespace

class TestSpatialStats : public QObject
{
    Q_OBJECT
private slots:
    // Expected values were computed separately with numpy from the formulas as published
    // (Ord and Getis 1995, Anselin 1995), not with this code.
    void giStar_data()
    {
        QTest::addColumn<bool>("queen");
        QTest::addColumn<QList<double>>("expected");
        QTest::newRow("rook") << false
                              << numbers("-0.866383 -0.993933 0.141990 -0.393811 -0.567962 "
                                         "1.392797 1.658091 1.561895 -0.567962 1.127502 2.851917 "
                                         "1.277914 -1.969053 -0.851943 0.000000 -0.078762");
        QTest::newRow("queen") << true
                               << numbers("-0.425971 -0.254000 0.508001 0.425971 -0.127000 "
                                          "1.053485 2.540758 1.905002 -0.762001 0.929546 2.045001 "
                                          "1.778002 -1.135924 0.000000 1.016001 1.135924");
    }
    void giStar()
    {
        QFETCH(bool, queen);
        QFETCH(QList<double>, expected);
        const QList<GiStar> gi = getisOrdGiStar(grid, gridNeighbours(queen));
        QCOMPARE(gi.size(), expected.size());
        for (qsizetype i = 0; i < gi.size(); ++i) {
            QVERIFY2(qAbs(gi[i].z - expected[i]) < 1e-5,
                     qPrintable(
                         QStringLiteral("area %1: %2 vs %3").arg(i).arg(gi[i].z).arg(expected[i])));
            QVERIFY(qAbs(gi[i].p - twoSidedP(expected[i])) < 1e-6);
        }
        // z = 1.959964 is the 95% two-sided point of the normal distribution
        QVERIFY(qAbs(twoSidedP(1.959964) - 0.05) < 1e-6);
    }
    void hotSpotsAtConfidenceLevels()
    {
        const QList<GiStar> gi = getisOrdGiStar(grid, gridNeighbours(false));
        const QList<double> plain = hotSpotConfidence(gi, false);
        QCOMPARE(plain[10], 0.99); // z 2.85: p 0.0043
        QCOMPARE(plain[12], 0.95); // z -1.97: a cold spot, p 0.049
        QCOMPARE(plain[6], 0.90);  // z 1.66: p 0.097
        QCOMPARE(plain[0], 0.0);
        // Corrected for 16 tests, only the strongest spot is left, at a lower level.
        const QList<double> corrected = hotSpotConfidence(gi, true);
        QCOMPARE(corrected.count(0.0), 15);
        QCOMPARE(corrected[10], 0.90);
    }
    void evenValuesHaveNoSpots()
    {
        const QList<GiStar> gi = getisOrdGiStar(QList<double>(16, 4.0), gridNeighbours(true));
        for (const GiStar &g : gi)
            QCOMPARE(g.p, 1.0);
    }

    void fdr_data()
    {
        QTest::addColumn<QList<double>>("p");
        QTest::addColumn<double>("q");
        QTest::addColumn<QList<bool>>("expected");
        QTest::newRow("step-up stops at 0.2") << QList<double>{0.01, 0.04, 0.03, 0.005, 0.2} << 0.05
                                              << QList<bool>{true, true, true, true, false};
        QTest::newRow("the last rank passes: all do")
            << QList<double>{0.05, 0.01, 0.02, 0.03, 0.04} << 0.05
            << QList<bool>{true, true, true, true, true};
        QTest::newRow("2 of 3") << QList<double>{0.5, 0.011, 0.02} << 0.05
                                << QList<bool>{false, true, true};
        QTest::newRow("none") << QList<double>{0.02, 0.03} << 0.01 << QList<bool>{false, false};
    }
    void fdr()
    {
        QFETCH(QList<double>, p);
        QFETCH(double, q);
        QFETCH(QList<bool>, expected);
        QCOMPARE(significantAfterFdr(p, q), expected);
    }

    void localMoran_data()
    {
        QTest::addColumn<bool>("queen");
        QTest::addColumn<QList<double>>("expected");
        QTest::newRow("rook") << false
                              << numbers("0.225806 0.177419 -0.532258 -0.193548 0.037634 "
                                         "0.322581 0.620968 0.112903 0.080645 0.290323 1.782258 "
                                         "0.413978 1.241935 0.145161 -0.005376 -0.338710");
        QTest::newRow("queen") << true
                               << numbers("-0.037634 0.009677 -0.493548 0.048387 0.003226 "
                                          "0.120968 0.665323 0.093548 0.112903 0.108871 0.548387 "
                                          "0.474194 0.295699 -0.261290 -0.054839 -0.865591");
    }
    void localMoran()
    {
        QFETCH(bool, queen);
        QFETCH(QList<double>, expected);
        const QList<Lisa> lisa = spatialstats::localMoran(grid, gridNeighbours(queen), 999, 7);
        for (qsizetype i = 0; i < lisa.size(); ++i) {
            QVERIFY2(
                qAbs(lisa[i].i - expected[i]) < 1e-5,
                qPrintable(
                    QStringLiteral("area %1: %2 vs %3").arg(i).arg(lisa[i].i).arg(expected[i])));
            QVERIFY(lisa[i].p >= 1.0 / 1000 && lisa[i].p <= 1.0);
        }
        // The peak (15, among 12, 11, 10, 6) is a high-high cluster; the low corner (1, among
        // 4 and 2) a low-low one; 2 next to 12 and 8 is low among high.
        QCOMPARE(lisa[10].quadrant, LisaType::HighHigh);
        QCOMPARE(lisa[12].quadrant, LisaType::LowLow);
        QCOMPARE(lisa[2].quadrant, LisaType::LowHigh);
        // the same seed gives the same pseudo p-values
        const QList<Lisa> again = spatialstats::localMoran(grid, gridNeighbours(queen), 999, 7);
        for (qsizetype i = 0; i < lisa.size(); ++i)
            QCOMPARE(again[i].p, lisa[i].p);
    }
    void localMoranPermutationsFindAClusterOnABiggerGrid()
    {
        // 10 x 10, a block of high values in one corner and noise elsewhere: the block's inner
        // areas are significant high-high, a random area far away is not.
        QList<double> values;
        Neighbours n(100);
        quint32 state = 12345;
        for (int r = 0; r < 10; ++r)
            for (int c = 0; c < 10; ++c) {
                state = state * 1103515245u + 12345u;
                values << (r < 4 && c < 4 ? 50.0 : 0.0) + double((state >> 16) % 10);
                if (r > 0)
                    n[r * 10 + c] << (r - 1) * 10 + c;
                if (r < 9)
                    n[r * 10 + c] << (r + 1) * 10 + c;
                if (c > 0)
                    n[r * 10 + c] << r * 10 + c - 1;
                if (c < 9)
                    n[r * 10 + c] << r * 10 + c + 1;
            }
        const QList<Lisa> lisa = spatialstats::localMoran(values, n, 999, 1);
        QCOMPARE(lisa[11].quadrant, LisaType::HighHigh);
        QVERIFY2(lisa[11].p < 0.01, qPrintable(QString::number(lisa[11].p)));
        QVERIFY2(lisa[77].p > 0.05, qPrintable(QString::number(lisa[77].p)));
    }

    void classBreaks_data()
    {
        using classbreaks::Method;
        QTest::addColumn<QList<double>>("values");
        QTest::addColumn<int>("classes");
        QTest::addColumn<int>("method");
        QTest::addColumn<QList<double>>("expected");
        const QList<double> three{1, 2, 3, 10, 11, 12, 20, 21, 22};
        QTest::newRow("natural breaks, three clear groups")
            << three << 3 << int(Method::NaturalBreaks) << QList<double>{1, 3, 12, 22};
        // exhaustive search over all 55 cuts (numpy) gives 5 and 51
        QTest::newRow("natural breaks = best of every partition")
            << QList<double>{97, 2, 5, 27, 28, 38, 46, 51, 63, 67, 80, 80} << 3
            << int(Method::NaturalBreaks) << QList<double>{2, 5, 51, 97};
        QTest::newRow("quantiles of 1..8 in 4")
            << QList<double>{8, 7, 6, 5, 4, 3, 2, 1} << 4 << int(Method::Quantile)
            << QList<double>{1, 2, 4, 6, 8};
        QTest::newRow("equal interval 0..10 in 5")
            << QList<double>{0, 10, 3} << 5 << int(Method::EqualInterval)
            << QList<double>{0, 2, 4, 6, 8, 10};
        QTest::newRow("fewer distinct values than classes")
            << QList<double>{2, 2, 5, 5} << 4 << int(Method::Quantile) << QList<double>{2, 5};
        QTest::newRow("one value")
            << QList<double>{7, 7} << 3 << int(Method::NaturalBreaks) << QList<double>{7, 7};
        QTest::newRow("nothing") << QList<double>{} << 3 << int(Method::Quantile)
                                 << QList<double>{};
    }
    void classBreaks()
    {
        QFETCH(QList<double>, values);
        QFETCH(int, classes);
        QFETCH(int, method);
        QFETCH(QList<double>, expected);
        const QList<double> bounds =
            classbreaks::breaks(values, classes, classbreaks::Method(method));
        QCOMPARE(bounds, expected);
        for (double v : values) {
            const int c = classbreaks::classOf(v, bounds);
            QVERIFY(c >= 0 && c < std::max<qsizetype>(1, bounds.size() - 1));
            QVERIFY(c == 0 ? v <= bounds[1] : v > bounds[c] && v <= bounds[c + 1]);
        }
    }

    void manualClasses_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QList<double>>("expected"); // empty: refused
        QTest::newRow("inside the data")
            << QStringLiteral("5, 10, 20") << QList<double>{1, 5, 10, 20, 25};
        QTest::newRow("Chinese commas and spaces")
            << QStringLiteral("5，10 20") << QList<double>{1, 5, 10, 20, 25};
        QTest::newRow("a bound above the data keeps its class")
            << QStringLiteral("10, 50") << QList<double>{1, 10, 50};
        QTest::newRow("a bound below the data starts the classes")
            << QStringLiteral("0, 10") << QList<double>{0, 10, 25};
        QTest::newRow("not increasing") << QStringLiteral("10, 5") << QList<double>{};
        QTest::newRow("equal") << QStringLiteral("5, 5") << QList<double>{};
        QTest::newRow("a word") << QStringLiteral("5, ten") << QList<double>{};
        QTest::newRow("empty") << QStringLiteral(" ") << QList<double>{};
    }
    void manualClasses()
    {
        QFETCH(QString, typed);
        QFETCH(QList<double>, expected);
        const auto parsed = classbreaks::parseBounds(typed);
        QCOMPARE(parsed.has_value(), !expected.isEmpty());
        if (!parsed)
            return;
        const QList<double> values{1, 4, 9, 16, 25};
        const QList<double> bounds = classbreaks::manualBounds(values, *parsed);
        QCOMPARE(bounds, expected);
        // 9 lies in (5, 10] when 5 and 10 are bounds
        if (expected.contains(5) && expected.contains(10))
            QCOMPARE(classbreaks::classOf(9, bounds), int(expected.indexOf(5)));
    }
};

QTEST_GUILESS_MAIN(TestSpatialStats)
#include "tst_spatialstats.moc"
