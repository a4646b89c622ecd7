// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "supervision/kerneldensity.h"

#include <QTest>

#include <cmath>

using namespace citygrid;

class TestKernelDensity : public QObject
{
    Q_OBJECT
private slots:
    void quarticKernelValues_data()
    {
        QTest::addColumn<int>("cellsAway");
        QTest::addColumn<double>("expected"); // per km², bandwidth 100 m, cells of 10 m
        // K(d) = 3 / (pi h^2) (1 - d^2 / h^2)^2 with h = 100 m, per km² (1e6 m²)
        const auto k = [](double d) {
            const double t = 1 - d * d / 1e4;
            return 3 / (M_PI * 1e4) * t * t * 1e6;
        };
        QTest::newRow("at the point") << 0 << k(0);
        QTest::newRow("30 m east") << 3 << k(30);
        QTest::newRow("90 m east") << 9 << k(90);
        QTest::newRow("beyond the bandwidth") << 12 << 0.0;
    }
    void quarticKernelValues()
    {
        QFETCH(int, cellsAway);
        QFETCH(double, expected);
        // one point at the centre of cell (20, 20) of a 400 m square, metres as map units
        const QRectF extent(0, 0, 400, 400);
        const auto s = kerneldensity::estimate({QPointF(205, 195)}, extent, 10, 100, 1);
        QCOMPARE(s.columns, 40);
        QCOMPARE(s.rows, 40);
        // row 20 from the top holds y 195 (400 - 20.5 * 10)
        const float value = s.values[20 * s.columns + 20 + cellsAway];
        QVERIFY2(std::abs(value - expected) < 1e-3 * std::max(1.0, expected),
                 qPrintable(QStringLiteral("%1 vs %2").arg(value).arg(expected)));
    }
    void densityIntegratesToTheCount()
    {
        // 50 points well inside; the surface times the cell area adds up to 50 cases
        QList<QPointF> points;
        for (int i = 0; i < 50; ++i)
            points << QPointF(1000 + 37 * (i % 7), 1000 + 23 * (i / 7));
        const auto s = kerneldensity::estimate(points, QRectF(0, 0, 2500, 2500), 5, 200, 1);
        double cases = 0;
        for (float v : s.values)
            cases += v * 25.0 / 1e6; // a 5 m cell is 25e-6 km²
        QVERIFY2(std::abs(cases - 50) < 0.5, qPrintable(QString::number(cases)));
        // map units of 2 m: the same points give the same density per km²
        QList<QPointF> half;
        for (const QPointF &p : points)
            half << p / 2;
        const auto t = kerneldensity::estimate(half, QRectF(0, 0, 1250, 1250), 2.5, 100, 2);
        QVERIFY(std::abs(t.max - s.max) < 1e-3 * s.max);
    }
    void bandwidthRule()
    {
        // four points one unit from their centre: SD 1, median distance 1, so
        // h = 0.9 * min(1, 1.2011) * 4^-0.2
        const double h = kerneldensity::suggestedBandwidth(
            {QPointF(1, 0), QPointF(-1, 0), QPointF(0, 1), QPointF(0, -1)});
        QVERIFY(std::abs(h - 0.9 * std::pow(4.0, -0.2)) < 1e-9);
        QCOMPARE(kerneldensity::suggestedBandwidth({QPointF(3, 3)}), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestKernelDensity)
#include "tst_kerneldensity.moc"
