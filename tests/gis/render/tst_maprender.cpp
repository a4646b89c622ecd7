// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "grid/gridimport.h"
#include "grid/gridmaploader.h"
#include "grid/syntheticgrid.h"
#include "render/mapexport.h"
#include "render/maplabeler.h"
#include "render/maprenderjob.h"

#include <QGuiApplication>
#include <QTemporaryDir>
#include <QTest>

#include <set>
#include <tuple>

using namespace citygrid;

class TestMapRender : public QObject
{
    Q_OBJECT
private:
    GridMap m_map;
    static constexpr QSize size{900, 700};

    int subdistrictIndex(const QString &cellCode) const
    {
        return m_map.subdistricts->indexOf(cellCode.left(9));
    }

private slots:
    void initTestCase()
    {
        auto grid = GridImport::readBundled(QStringLiteral(":/data/futian"));
        QVERIFY(grid.ok());
        auto map = GridMapLoader::fromSource(grid.value(), QStringLiteral("EPSG:4547"));
        QVERIFY(map.ok());
        m_map = map.value();
        QVERIFY(m_map.metresPerUnit > 0.99 && m_map.metresPerUnit < 1.01); // GK is in metres
    }
    void viewMath()
    {
        const MapView view = MapView::fitting(m_map.extent(), size);
        const QPointF p(505000, 2493000);
        const QPointF back = view.toMap(view.toScreen(p));
        QVERIFY(qAbs(back.x() - p.x()) < 1e-6 && qAbs(back.y() - p.y()) < 1e-6);
        const QPointF anchor(100, 200);
        const MapView zoomed = view.zoomedBy(2, anchor);
        QCOMPARE(zoomed.unitsPerPixel, view.unitsPerPixel / 2);
        const QPointF a = view.toMap(anchor), b = zoomed.toMap(anchor);
        QVERIFY(qAbs(a.x() - b.x()) < 1e-6 &&
                qAbs(a.y() - b.y()) < 1e-6); // the point under the cursor stays
        QVERIFY(view.extent().contains(m_map.extent()));
    }
    void cellsCarryTheirSubdistrictFill()
    {
        MapScene scene = MapScene::standard(m_map);
        scene.labels = false;
        const MapView view = MapView::fitting(m_map.extent(), size);
        const QImage image = MapRenderJob(scene, view).run();
        QCOMPARE(image.size(), size);
        const LayerStyle &fill = scene.passes.first().style;
        int checked = 0;
        for (const MapFeature &cell : m_map.cells->features) {
            // a point well inside the cell: away from every hairline
            const QPoint px = view.toScreen(cell.labelPoint).toPoint();
            bool clear = true;
            for (int dy = -2; dy <= 2 && clear; ++dy)
                for (int dx = -2; dx <= 2 && clear; ++dx)
                    clear = image.pixelColor(px + QPoint(dx, dy)) == image.pixelColor(px);
            if (!clear)
                continue;
            const QColor expected = fill.colorFor(subdistrictIndex(cell.code), 0);
            QCOMPARE(image.pixelColor(px).rgb(), expected.rgb());
            ++checked;
        }
        QVERIFY2(checked > 150, qPrintable(QString::number(checked)));
        // outside the district: the background
        QCOMPARE(image.pixelColor(2, 2).rgb(), scene.background.rgb());
    }
    void boundariesAreDrawn()
    {
        MapScene scene = MapScene::standard(m_map);
        scene.labels = false;
        const MapView view = MapView::fitting(m_map.extent(), size);
        const QImage image = MapRenderJob(scene, view).run();
        // Along a horizontal line through the middle, the dark subdistrict boundary colour appears.
        int dark = 0;
        for (int x = 0; x < size.width(); ++x)
            dark += image.pixelColor(x, size.height() / 2).lightness() < 100 ? 1 : 0;
        QVERIFY(dark >= 2);
    }
    void labelsFollowTheScale()
    {
        const MapScene scene = MapScene::standard(m_map);
        const MapView full = MapView::fitting(m_map.extent(), size);
        const auto labels = MapLabeler::place(scene, full);
        QVERIFY(labels.size() >= 8);
        for (const auto &l : labels)
            QCOMPARE(l.level, 0); // subdistrict names only when the whole district shows
        for (qsizetype i = 0; i < labels.size(); ++i)
            for (qsizetype j = i + 1; j < labels.size(); ++j)
                QVERIFY(!labels[i].rect.intersects(labels[j].rect));
        // Close in on one cell: its code is written on it.
        const MapFeature &cell = m_map.cells->features.first();
        MapView close = MapView::fitting(cell.bbox.adjusted(-200, -200, 200, 200), size);
        const auto near = MapLabeler::place(scene, close);
        QVERIFY(std::any_of(near.cbegin(), near.cend(),
                            [&](const auto &l) { return l.text == cell.code; }));
        for (qsizetype i = 0; i < near.size(); ++i)
            for (qsizetype j = i + 1; j < near.size(); ++j)
                QVERIFY(!near[i].rect.intersects(near[j].rect));
        // and the label is really painted: dark text pixels inside its rectangle
        const QImage image = MapRenderJob(scene, close).run();
        const auto label = std::find_if(near.cbegin(), near.cend(),
                                        [&](const auto &l) { return l.text == cell.code; });
        int ink = 0;
        const QRect r = label->rect.toRect();
        for (int y = r.top(); y <= r.bottom(); ++y)
            for (int x = r.left(); x <= r.right(); ++x)
                ink += image.pixelColor(x, y).lightness() < 128 ? 1 : 0;
        QVERIFY(ink > 20);
    }
    void hiDpiRendersAtDeviceResolution()
    {
        MapView view = MapView::fitting(m_map.extent(), QSize(400, 300));
        view.devicePixelRatio = 2;
        const QImage image = MapRenderJob(MapScene::standard(m_map), view).run();
        QCOMPARE(image.size(), QSize(800, 600));
        QCOMPARE(image.devicePixelRatio(), 2.0);
    }
    void cityScaleCellsBlendAtTheirOpacity()
    {
        // A city grid seen whole: cells a pixel or two wide take the pixel path, which must honour
        // the layer's opacity like the polygon path does.
        auto grid = GridMapLoader::fromSource(syntheticCityGrid(200, 150, QPointF(113.8, 22.5)),
                                              QStringLiteral("EPSG:4547"));
        QVERIFY(grid.ok());
        LayerPass pass{grid.value().cells, {}, {}};
        pass.style.fill = LayerStyle::Fill::Single;
        pass.style.fillColor = QColor(200, 0, 0);
        pass.style.opacity = 0.5;
        MapScene scene;
        scene.passes = {pass};
        scene.labels = false;
        scene.background = Qt::white;
        const MapView view = MapView::fitting(grid.value().cells->extent, QSize(300, 200));
        QVERIFY(grid.value().cells->medianSize / view.unitsPerPixel < 4); // really the pixel path
        const QImage image = MapRenderJob(scene, view).run();
        const QColor centre = image.pixelColor(150, 100);
        QVERIFY2(qAbs(centre.red() - 228) <= 2 && qAbs(centre.green() - 128) <= 2,
                 qPrintable(centre.name()));
    }
    void sharedEdgesBelongToOneCell()
    {
        // Outlines draw each feature's own edges: every edge of a tessellation once, none lost.
        auto grid = GridMapLoader::fromSource(syntheticCityGrid(30, 20, QPointF(113.8, 22.5)),
                                              QStringLiteral("EPSG:4547"));
        QVERIFY(grid.ok());
        const auto edge = [](QPointF a, QPointF b) {
            return a.x() < b.x() || (a.x() == b.x() && a.y() < b.y()) ? std::pair(a, b)
                                                                      : std::pair(b, a);
        };
        const auto less = [](const std::pair<QPointF, QPointF> &l,
                             const std::pair<QPointF, QPointF> &r) {
            return std::tuple(l.first.x(), l.first.y(), l.second.x(), l.second.y()) <
                   std::tuple(r.first.x(), r.first.y(), r.second.x(), r.second.y());
        };
        std::set<std::pair<QPointF, QPointF>, decltype(less)> all(less), owned(less);
        qsizetype ownedCount = 0;
        for (const MapFeature &f : grid.value().cells->features) {
            for (const QPolygonF &ring : f.rings)
                for (qsizetype i = 0; i + 1 < ring.size(); ++i)
                    all.insert(edge(ring[i], ring[i + 1]));
            for (const QPolygonF &run : f.ownEdges)
                for (qsizetype i = 0; i + 1 < run.size(); ++i, ++ownedCount)
                    owned.insert(edge(run[i], run[i + 1]));
        }
        QCOMPARE(all.size(), size_t(30 * 21 + 31 * 20)); // rows of horizontal, columns of vertical
        QCOMPARE(owned.size(), all.size());
        QCOMPARE(size_t(ownedCount), all.size()); // none twice
    }
    void cancelledJobReturnsNothing()
    {
        std::atomic_bool cancel{true};
        const MapView view = MapView::fitting(m_map.extent(), size);
        QVERIFY(MapRenderJob(MapScene::standard(m_map), view).run(&cancel).isNull());
    }
    void exportWritesPngAndPdf()
    {
        QTemporaryDir dir;
        const MapView view = MapView::fitting(m_map.extent(), QSize(640, 480));
        const MapScene scene = MapScene::standard(m_map);
        QVERIFY(MapExport::write(dir.filePath(QStringLiteral("m.png")), scene, view,
                                 QStringLiteral("t"))
                    .ok());
        QCOMPARE(QImage(dir.filePath(QStringLiteral("m.png"))).size(), QSize(640, 480));
        QVERIFY(MapExport::write(dir.filePath(QStringLiteral("m.pdf")), scene, view,
                                 QStringLiteral("t"))
                    .ok());
        QFile pdf(dir.filePath(QStringLiteral("m.pdf")));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        QCOMPARE(MapExport::write(dir.filePath(QStringLiteral("m")), scene, view, {}).error().code,
                 QStringLiteral("export.format"));
    }
};

QTEST_MAIN(TestMapRender)
#include "tst_maprender.moc"
