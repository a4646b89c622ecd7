// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "io/ogrutil.h"
#include "store/gpkgblob.h"

#include <QRandomGenerator>
#include <QTest>

#include <ogr_geometry.h>

#include <memory>

using namespace citygrid;

namespace {

/// `wkt` as WKB in the byte order and variant asked for, through GDAL: the reference reader.
QByteArray wkbFromWkt(const QByteArray &wkt, OGRwkbByteOrder order, OGRwkbVariant variant)
{
    OGRGeometry *made = nullptr;
    if (OGRGeometryFactory::createFromWkt(wkt.constData(), nullptr, &made) != OGRERR_NONE)
        return {};
    const std::unique_ptr<OGRGeometry> geometry(made);
    QByteArray wkb(qsizetype(geometry->WkbSize()), '\0');
    geometry->exportToWkb(order, reinterpret_cast<unsigned char *>(wkb.data()), variant);
    return wkb;
}

QList<QPolygonF> ringsOf(const gpkgblob::Parts &parts)
{
    QList<QPolygonF> rings;
    size_t at = 0;
    for (quint32 size : parts.sizes) {
        QPolygonF ring;
        for (quint32 i = 0; i < size; ++i, at += 2)
            ring.append(QPointF(parts.xy[at], parts.xy[at + 1]));
        rings.append(ring);
    }
    return rings;
}

} // namespace

class TestGpkgBlob : public QObject
{
    Q_OBJECT
private slots:
    void polygonsReadAsGdalReadsThem_data()
    {
        QTest::addColumn<QByteArray>("wkt");
        QTest::addColumn<int>("order");
        QTest::addColumn<int>("variant");
        QTest::addColumn<int>("type");
        const QList<QPair<const char *, int>> shapes = {
            {"POLYGON ((0 0,10 0,10 10,0 10,0 0))", 3},
            {"POLYGON ((0 0,10 0,10 10,0 10,0 0),(2 2,2 4,4 4,2 2))", 3},
            {"POLYGON Z ((0 0 5,10 0 5,10 10 6,0 0 5))", 3},
            {"POLYGON M ((0 0 1,10 0 2,10 10 3,0 0 1))", 3},
            {"POLYGON ZM ((0 0 5 1,10 0 5 2,10 10 6 3,0 0 5 1))", 3},
            {"MULTIPOLYGON (((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5),(5.2 5.1,5.5 5.1,5.5 5.4,5.2 "
             "5.1)))",
             6},
            {"MULTIPOLYGON Z (((113.9 22.5 0,114 22.5 0,114 22.6 0,113.9 22.5 0)))", 6},
        };
        for (const auto &[wkt, type] : shapes) {
            for (const auto &[order, orderName] :
                 {std::pair(wkbNDR, "little"), std::pair(wkbXDR, "big")}) {
                for (const auto &[variant, variantName] :
                     {std::pair(wkbVariantIso, "ISO"), std::pair(wkbVariantOldOgc, "extended")})
                    QTest::addRow("%s %s %s", wkt, orderName, variantName)
                        << QByteArray(wkt) << int(order) << int(variant) << type;
            }
        }
    }
    void polygonsReadAsGdalReadsThem()
    {
        QFETCH(QByteArray, wkt);
        QFETCH(int, order);
        QFETCH(int, variant);
        QFETCH(int, type);
        const QByteArray wkb = wkbFromWkt(wkt, OGRwkbByteOrder(order), OGRwkbVariant(variant));
        QVERIFY(!wkb.isEmpty());
        gpkgblob::Parts parts;
        QVERIFY(gpkgblob::readParts(wkb, parts));
        QCOMPARE(int(parts.type), type);
        const OGRGeometryUniquePtr reference = ogrutil::fromWkb(wkb);
        QVERIFY(reference);
        QCOMPARE(ringsOf(parts), ogrutil::rings(*reference));

        // The blob's envelope is the one GDAL finds, read from the WKB when the header has none.
        OGREnvelope expected;
        reference->getEnvelope(&expected);
        const auto box = gpkgblob::envelope(gpkgblob::fromWkb(wkb, 4490));
        QVERIFY(box);
        QCOMPARE(box->minX, expected.MinX);
        QCOMPARE(box->maxX, expected.MaxX);
        QCOMPARE(box->minY, expected.MinY);
        QCOMPARE(box->maxY, expected.MaxY);
        // The view of a blob's WKB is its WKB, byte for byte.
        QCOMPARE(gpkgblob::wkbIn(gpkgblob::fromWkb(wkb, 4490)).toByteArray(), wkb);
    }

    void otherGeometriesSayTheirType()
    {
        gpkgblob::Parts parts;
        QVERIFY(gpkgblob::readParts(wkbFromWkt("LINESTRING (0 0,1 1,2 0)", wkbNDR, wkbVariantIso),
                                    parts));
        QCOMPARE(parts.type, 2u);
        QCOMPARE(parts.sizes, std::vector<quint32>{3});
        QVERIFY(gpkgblob::readParts(
            wkbFromWkt("GEOMETRYCOLLECTION (POINT (1 2),POLYGON ((0 0,1 0,1 1,0 0)))", wkbNDR,
                       wkbVariantIso),
            parts));
        QCOMPARE(parts.type, 7u); // the loader takes only 3 and 6 the short way
        QCOMPARE(parts.sizes, (std::vector<quint32>{1, 4}));
        // A curve is not read here (the loader hands it to GDAL) and leaves nothing behind.
        QVERIFY(
            !gpkgblob::readParts(wkbFromWkt("CURVEPOLYGON (CIRCULARSTRING (0 0,1 1,2 0,1 -1,0 0))",
                                            wkbNDR, wkbVariantIso),
                                 parts));
    }

    void brokenWkbIsRefused()
    {
        const QByteArray wkb = wkbFromWkt("MULTIPOLYGON (((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))",
                                          wkbNDR, wkbVariantIso);
        gpkgblob::Parts parts;
        // every cut-short copy, at every byte
        for (qsizetype size = 0; size < wkb.size(); ++size)
            QVERIFY2(!gpkgblob::readParts(QByteArrayView(wkb).first(size), parts),
                     qPrintable(QString::number(size)));
        // a ring that claims four billion points in a 100-byte geometry
        QByteArray huge = wkbFromWkt("POLYGON ((0 0,1 0,1 1,0 0))", wkbNDR, wkbVariantIso);
        huge.replace(9, 4, QByteArray("\xff\xff\xff\xff", 4));
        QVERIFY(!gpkgblob::readParts(huge, parts));
        // nesting deeper than any real geometry
        QByteArray deep;
        for (int i = 0; i < 40; ++i)
            deep += QByteArray("\x01\x07\x00\x00\x00\x01\x00\x00\x00", 9);
        QVERIFY(!gpkgblob::readParts(deep, parts));
        QVERIFY(gpkgblob::wkbIn(QByteArray("not a blob")).isEmpty());
    }

    void mutatedWkbNeverReadsOutOfBounds()
    {
        // 20,000 copies of a real cell with one to four bytes changed: each is read or refused,
        // and what is read is whole (as many coordinates as its parts' sizes say).
        const QByteArray good = wkbFromWkt("MULTIPOLYGON (((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 "
                                           "5),(5.2 5.1,5.5 5.1,5.5 5.4,5.2 5.1)))",
                                           wkbNDR, wkbVariantIso);
        QRandomGenerator random(7);
        gpkgblob::Parts parts;
        int read = 0;
        for (int round = 0; round < 20000; ++round) {
            QByteArray wkb = good;
            for (int n = random.bounded(1, 5); n > 0; --n)
                wkb[random.bounded(int(wkb.size()))] = char(random.bounded(256));
            if (!gpkgblob::readParts(wkb, parts))
                continue;
            ++read;
            size_t points = 0;
            for (quint32 size : parts.sizes)
                points += size;
            QCOMPARE(parts.xy.size(), points * 2);
            QVERIFY(points * 16 <= size_t(wkb.size()));
        }
        QVERIFY(read > 0); // some changes only touch coordinates
    }
};

QTEST_GUILESS_MAIN(TestGpkgBlob)
#include "tst_gpkgblob.moc"
