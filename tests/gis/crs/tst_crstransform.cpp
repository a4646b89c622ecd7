// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "crs/crstransform.h"
#include "crs/projcache.h"

#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

using namespace citygrid;

class TestCrsTransform : public QObject
{
    Q_OBJECT
private slots:
    void keptPipelineGivesTheSamePoints()
    {
        // the transformation found here, and the one another thread rebuilds from its PROJ text
        auto here = CrsTransform::create(QStringLiteral("EPSG:4326"), QStringLiteral("EPSG:4547"));
        QVERIFY(here.ok());
        QVERIFY(!projcache::pipeline(QStringLiteral("EPSG:4326"), QStringLiteral("EPSG:4547"))
                     .isEmpty());
        const QPointF futian(114.055, 22.541);
        const QPointF a = here.value().apply(futian);
        const QPointF b = QtConcurrent::run([futian] {
                              return CrsTransform::create(QStringLiteral("EPSG:4326"),
                                                          QStringLiteral("EPSG:4547"))
                                  .value()
                                  .apply(futian);
                          }).result();
        QVERIFY2(std::abs(a.x() - b.x()) < 1e-6 && std::abs(a.y() - b.y()) < 1e-6,
                 qPrintable(
                     QStringLiteral("%1 %2 / %3 %4").arg(a.x()).arg(a.y()).arg(b.x()).arg(b.y())));
        QVERIFY(a.x() > 400000 && a.x() < 600000); // CGCS2000 / 3-degree GK CM 114E, metres
    }
    void roundTrip_data()
    {
        QTest::addColumn<QString>("crs");
        QTest::addColumn<double>("tolerance"); // in the target CRS's units
        QTest::newRow("CGCS2000 GK 114E") << "EPSG:4547" << 1e-4;
        QTest::newRow("Web Mercator") << "EPSG:3857" << 1e-4;
        QTest::newRow("UTM 50N") << "EPSG:32650" << 1e-4;
        QTest::newRow("CGCS2000 geographic") << "EPSG:4490" << 1e-9;
        QTest::newRow("GCJ-02") << "gcj02" << 1e-9;
    }
    void roundTrip()
    {
        QFETCH(QString, crs);
        auto forward = CrsTransform::create(QStringLiteral("EPSG:4326"), crs);
        QVERIFY(forward.ok());
        const QPointF lonLat(114.0579, 22.5431);
        const QPointF projected = forward.value().apply(lonLat);
        const QPointF back = forward.value().applyInverse(projected);
        QVERIFY(qAbs(back.x() - lonLat.x()) < 1e-8 && qAbs(back.y() - lonLat.y()) < 1e-8);
    }
    void knownCoordinates()
    {
        // GK 114E: the central meridian maps to easting 500,000 m (no zone prefix in EPSG:4547).
        auto gk = CrsTransform::create(QStringLiteral("EPSG:4326"), QStringLiteral("EPSG:4547"));
        QVERIFY(gk.ok());
        const QPointF p = gk.value().apply(QPointF(114.0, 22.5));
        QVERIFY(qAbs(p.x() - 500000.0) < 0.01);
        QVERIFY(qAbs(p.y() - 2489800) < 1000); // ~22.5° north
        // Axis order is always x = longitude, whatever EPSG:4326 declares.
        auto web = CrsTransform::create(QStringLiteral("EPSG:4326"), QStringLiteral("EPSG:3857"));
        const QPointF m = web.value().apply(QPointF(114.0, 0.0));
        QVERIFY(qAbs(m.x() - 6378137.0 * 114.0 * M_PI / 180.0) < 0.01); // R·λ on the sphere
        QVERIFY(qAbs(m.y()) < 1e-6);
    }
    void unknownCrs()
    {
        auto t = CrsTransform::create(QStringLiteral("EPSG:999999"), QStringLiteral("EPSG:4326"));
        QVERIFY(!t.ok());
        QCOMPARE(t.error().code, QStringLiteral("crs.unknown"));
        QVERIFY(t.error().message.contains(QStringLiteral("EPSG:999999")));
        QVERIFY(!CrsTransform::isKnown(QStringLiteral("not a crs")));
        QVERIFY(CrsTransform::isKnown(QStringLiteral("gcj02")));
        QVERIFY(CrsTransform::isGeographic(QStringLiteral("EPSG:4490")));
        QVERIFY(!CrsTransform::isGeographic(QStringLiteral("EPSG:4547")));
        // the CRSs the map offers by their names in the user's language; others by PROJ's
        for (const auto &[crs, name] : CrsTransform::mapChoices())
            QCOMPARE(CrsTransform::describe(crs), name);
        QCOMPARE(CrsTransform::describe(QStringLiteral("EPSG:4547")),
                 QStringLiteral("CGCS2000 / GK 114°E (EPSG:4547)"));
        QVERIFY(
            CrsTransform::describe(QStringLiteral("EPSG:4549")).contains(QStringLiteral("120E")));
    }
};

QTEST_GUILESS_MAIN(TestCrsTransform)
#include "tst_crstransform.moc"
