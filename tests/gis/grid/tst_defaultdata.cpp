// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "crs/crstransform.h"
#include "geometry/geometryops.h"
#include "grid/cellcode.h"
#include "grid/gridimport.h"
#include "grid/gridmaploader.h"
#include "grid/gridvalidator.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace citygrid;

/// The bundled Futian district: the invariants the whole product relies on.
class TestDefaultData : public QObject
{
    Q_OBJECT
private:
    GridSource m_grid;
    GridMap m_map; // EPSG:4547, metres

private slots:
    void initTestCase()
    {
        auto grid = GridImport::readBundled(QStringLiteral(":/data/futian"));
        QVERIFY2(grid.ok(), qPrintable(grid.ok() ? QString() : grid.error().toText()));
        m_grid = grid.value();
        auto map = GridMapLoader::fromSource(m_grid, QStringLiteral("EPSG:4547"));
        QVERIFY(map.ok());
        m_map = map.value();
    }
    void counts()
    {
        QCOMPARE(m_grid.districtCode, QStringLiteral("440304"));
        QCOMPARE(m_grid.subdistricts.size(), 10);
        QCOMPARE(m_grid.communities.size(), 92);
        QCOMPARE(m_grid.cells.size(), 202);
    }
    void codesFollowTheHierarchy()
    {
        const QSet<QString> nbs = {QStringLiteral("440304001"), QStringLiteral("440304002"),
                                   QStringLiteral("440304004"), QStringLiteral("440304005"),
                                   QStringLiteral("440304006"), QStringLiteral("440304007"),
                                   QStringLiteral("440304008"), QStringLiteral("440304009"),
                                   QStringLiteral("440304010"), QStringLiteral("440304011")};
        QSet<QString> subdistricts, communities;
        for (const SourceFeature &s : std::as_const(m_grid.subdistricts)) {
            QVERIFY(nbs.contains(s.code));
            QVERIFY(s.name.endsWith(QStringLiteral("街道")));
            QVERIFY(!s.nameEn.isEmpty());
            subdistricts.insert(s.code);
        }
        QCOMPARE(subdistricts.size(), 10);
        QHash<QString, int> perSubdistrict, perCommunity;
        for (const SourceFeature &c : std::as_const(m_grid.communities)) {
            QVERIFY(CellCode::parse(c.code).ok());
            QVERIFY(subdistricts.contains(c.code.left(9)));
            QVERIFY2(c.name.contains(QStringLiteral("第")) &&
                         c.name.endsWith(QStringLiteral("社区")),
                     qPrintable(c.name));
            communities.insert(c.code);
            ++perSubdistrict[c.code.left(9)];
        }
        QCOMPARE(communities.size(), 92);
        for (const SourceFeature &cell : std::as_const(m_grid.cells)) {
            QCOMPARE(cell.code.size(), 15);
            QVERIFY(communities.contains(cell.code.left(12)));
            ++perCommunity[cell.code.left(12)];
        }
        // numbered 001.. without holes, 1 to 5 cells a community
        for (auto it = perCommunity.cbegin(); it != perCommunity.cend(); ++it) {
            QVERIFY2(it.value() >= 1 && it.value() <= 5, qPrintable(it.key()));
            for (int seq = 1; seq <= it.value(); ++seq)
                QVERIFY(std::any_of(
                    m_grid.cells.cbegin(), m_grid.cells.cend(), [&](const SourceFeature &c) {
                        return c.code ==
                               it.key() + QStringLiteral("%1").arg(seq, 3, 10, QLatin1Char('0'));
                    }));
        }
        for (auto it = perSubdistrict.cbegin(); it != perSubdistrict.cend(); ++it)
            for (int seq = 1; seq <= it.value(); ++seq)
                QVERIFY(communities.contains(
                    it.key() + QStringLiteral("%1").arg(seq, 3, 10, QLatin1Char('0'))));
    }
    void tilesExactly()
    {
        // The validator finds no overlap or gap between cells, and no cell outside its parent.
        GridSource copy = m_grid;
        const ImportIssues issues = GridValidator::validate(copy);
        QVERIFY2(!hasErrors(issues),
                 qPrintable(issues.isEmpty() ? QString() : issues.first().toText()));
        // Areas add up level by level and give the district's size (78.66 km² official, ~80
        // generalised).
        double cells = 0, communities = 0, subdistricts = 0;
        for (const SourceFeature &f : std::as_const(copy.cells)) {
            QVERIFY(f.areaKm2 > 0.01);
            cells += f.areaKm2;
        }
        for (const SourceFeature &f : std::as_const(copy.communities))
            communities += f.areaKm2;
        for (const SourceFeature &f : std::as_const(copy.subdistricts))
            subdistricts += f.areaKm2;
        QVERIFY2(
            qAbs(cells - communities) < 0.001 && qAbs(cells - subdistricts) < 0.001,
            qPrintable(QStringLiteral("%1 %2 %3").arg(cells).arg(communities).arg(subdistricts)));
        QVERIFY2(cells > 75 && cells < 83, qPrintable(QString::number(cells)));
    }
    void cellsVaryInSize()
    {
        double smallest = 1e9, largest = 0;
        for (const MapFeature &f : m_map.cells->features) {
            const double km2 = geometryops::area(f.rings) / 1e6;
            smallest = std::min(smallest, km2);
            largest = std::max(largest, km2);
        }
        QVERIFY2(largest > smallest * 2.5,
                 qPrintable(QStringLiteral("%1..%2").arg(smallest).arg(largest)));
    }
    void subdistrictsWhereTheyBelong()
    {
        QFile anchors(QStringLiteral(
            CITYGRID_TEST_DATA "/../../data/futian/reference/subdistrict_anchors_approx.csv"));
        QVERIFY(anchors.open(QIODevice::ReadOnly));
        auto toMap = CrsTransform::create(QStringLiteral("EPSG:4326"), QStringLiteral("EPSG:4547"));
        QVERIFY(toMap.ok());
        int checked = 0;
        for (const QByteArray &line : anchors.readAll().split('\n').mid(1)) {
            const QList<QByteArray> f = line.split(',');
            if (f.size() < 4)
                continue;
            const QPointF p = toMap.value().apply(QPointF(f[2].toDouble(), f[3].toDouble()));
            // Inside its subdistrict, or (an anchor on the generalised coast) within 1 km of it.
            const int own = m_map.subdistricts->indexOf(QString::fromUtf8(f[0]));
            QVERIFY(own >= 0);
            const int at = m_map.subdistricts->featureAt(p);
            double distance = 0;
            if (at != own) {
                distance = 1e9;
                for (const QPolygonF &ring : m_map.subdistricts->features[own].rings)
                    for (qsizetype i = 0; i + 1 < ring.size(); ++i)
                        distance = std::min(
                            distance, geometryops::distanceToSegment(p, ring[i], ring[i + 1]));
            }
            QVERIFY2((at == own || at < 0) && distance < 1000, line.constData());
            ++checked;
        }
        QCOMPARE(checked, 10);
    }
    void populationSumsToPublishedTotals()
    {
        qint64 resident = 0, registered = 0, other = 0;
        for (const SourceFeature &s : std::as_const(m_grid.subdistricts)) {
            const qint64 r = s.attributes.value(QStringLiteral("pop_resident")).toLongLong();
            const qint64 g = s.attributes.value(QStringLiteral("pop_registered")).toLongLong();
            const qint64 n = s.attributes.value(QStringLiteral("pop_nonregistered")).toLongLong();
            QCOMPARE(g + n, r);
            QVERIFY(s.attributes.value(QStringLiteral("pop_is_demo")).toBool());
            resident += r;
            registered += g;
            other += n;
        }
        QCOMPARE(resident, 1553225);
        QCOMPARE(registered, 1040000);
        QCOMPARE(other, 513225);
    }
    void storeCreatedOnceFromBundledData()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/citygrid.gpkg"));
        auto created = GridImport::ensureStore(path, QStringLiteral(":/data/futian"));
        QVERIFY(created.ok() && created.value());
        const QDateTime written = QFileInfo(path).lastModified();
        auto again = GridImport::ensureStore(path, QStringLiteral(":/data/futian"));
        QVERIFY(again.ok() && !again.value());
        QCOMPARE(QFileInfo(path).lastModified(), written);
        auto map = GridMapLoader::load(path, QStringLiteral("EPSG:4547"));
        QVERIFY(map.ok());
        QCOMPARE(map.value().cells->features.size(), 202);
        QCOMPARE(map.value().communities->features.size(), 92);
    }
};

QTEST_GUILESS_MAIN(TestDefaultData)
#include "tst_defaultdata.moc"
