// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "geometry/spatialindex.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace citygrid;

class TestSpatialIndex : public QObject
{
    Q_OBJECT
private slots:
    void matchesBruteForce()
    {
        QRandomGenerator random(42);
        std::vector<QRectF> boxes;
        for (int i = 0; i < 3000; ++i) {
            const double w = random.bounded(1.0) * (i % 50 == 0 ? 300 : 20) + 0.5;
            boxes.emplace_back(random.bounded(1000.0), random.bounded(800.0), w, w * 0.7);
        }
        SpatialIndex index;
        index.build(boxes);
        for (int q = 0; q < 200; ++q) {
            const QRectF query(random.bounded(1000.0), random.bounded(800.0),
                               random.bounded(150.0) + 1, random.bounded(150.0) + 1);
            QList<int> expected;
            for (size_t i = 0; i < boxes.size(); ++i)
                if (boxes[i].intersects(query))
                    expected.append(int(i));
            QList<int> got = index.query(query);
            std::sort(got.begin(), got.end());
            QCOMPARE(got, expected); // each feature once, none missed
        }
    }
    void emptyIndex()
    {
        SpatialIndex index;
        index.build({});
        QVERIFY(index.query(QRectF(0, 0, 10, 10)).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSpatialIndex)
#include "tst_spatialindex.moc"
