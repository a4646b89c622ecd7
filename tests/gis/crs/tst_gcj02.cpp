// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "crs/crstransform.h"
#include "crs/gcj02.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace citygrid;

class TestGcj02 : public QObject
{
    Q_OBJECT
private slots:
    void publishedPoints_data()
    {
        QTest::addColumn<QPointF>("wgs84");
        QTest::addColumn<QPointF>("gcj02");
        // Sample pairs as published with the open-source implementations of the formula
        // (e.g. eviltransform's and coordtransform's test suites).
        QTest::newRow("Beijing") << QPointF(116.404, 39.915)
                                 << QPointF(116.41024449916938, 39.91640428150164);
    }
    void publishedPoints()
    {
        QFETCH(QPointF, wgs84);
        QFETCH(QPointF, gcj02);
        const QPointF forward = gcj02::fromWgs84(wgs84);
        QVERIFY2(
            qAbs(forward.x() - gcj02.x()) < 2e-6 && qAbs(forward.y() - gcj02.y()) < 2e-6,
            qPrintable(
                QStringLiteral("%1 %2").arg(forward.x(), 0, 'f', 9).arg(forward.y(), 0, 'f', 9)));
        const QPointF back = gcj02::toWgs84(gcj02);
        QVERIFY(qAbs(back.x() - wgs84.x()) < 2e-6 && qAbs(back.y() - wgs84.y()) < 2e-6);
    }
    void offsetIsHundredsOfMetres()
    {
        // In Shenzhen the offset is about 500 m west-east and 300 m north-south.
        const QPointF p(114.05, 22.54);
        const QPointF d = gcj02::fromWgs84(p) - p;
        QVERIFY(d.x() * 102800 > 400 && d.x() * 102800 < 600);
        QVERIFY(-d.y() * 110700 > 200 && -d.y() * 110700 < 400);
    }
    void outsideChinaUnchanged()
    {
        QCOMPARE(gcj02::fromWgs84(QPointF(2.35, 48.85)), QPointF(2.35, 48.85));
        QCOMPARE(gcj02::toWgs84(QPointF(-74.0, 40.7)), QPointF(-74.0, 40.7));
    }
    void roundTripIsTight()
    {
        for (double lon = 113.9; lon < 114.2; lon += 0.037)
            for (double lat = 22.45; lat < 22.65; lat += 0.029) {
                const QPointF p(lon, lat);
                const QPointF back = gcj02::toWgs84(gcj02::fromWgs84(p));
                QVERIFY(qAbs(back.x() - lon) < 1e-9 && qAbs(back.y() - lat) < 1e-9);
            }
    }
    void districtOutlineMatchesReference()
    {
        // The district outline as DataV publishes it (GCJ-02) and as converted by the reference
        // data.
        const auto ring = [](const QString &file) {
            QFile f(QStringLiteral(CITYGRID_TEST_DATA "/") + file);
            if (!f.open(QIODevice::ReadOnly))
                return QJsonArray();
            const QJsonObject geometry =
                QJsonDocument::fromJson(
                    f.readAll())[QLatin1String("features")][0][QLatin1String("geometry")]
                    .toObject();
            return geometry[QLatin1String("coordinates")][0][0].toArray();
        };
        const QJsonArray gcj = ring(QStringLiteral("futian_boundary_gcj02.geojson"));
        const QJsonArray wgs = ring(QStringLiteral("futian_boundary_wgs84.geojson"));
        QVERIFY(gcj.size() > 300);
        QCOMPARE(gcj.size(), wgs.size());
        auto transform = CrsTransform::create(QStringLiteral("gcj02"), QStringLiteral("EPSG:4326"));
        QVERIFY(transform.ok());
        for (qsizetype i = 0; i < gcj.size(); ++i) {
            const QPointF converted =
                transform.value().apply(QPointF(gcj[i][0].toDouble(), gcj[i][1].toDouble()));
            QVERIFY(qAbs(converted.x() - wgs[i][0].toDouble()) < 1e-6);
            QVERIFY(qAbs(converted.y() - wgs[i][1].toDouble()) < 1e-6);
        }
    }
};

QTEST_GUILESS_MAIN(TestGcj02)
#include "tst_gcj02.moc"
