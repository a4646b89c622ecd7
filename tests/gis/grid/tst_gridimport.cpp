// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "grid/gridimport.h"
#include "grid/gridkind.h"
#include "grid/gridmaploader.h"
#include "grid/storewriter.h"
#include "store/sqlitedb.h"
#include "store/store.h"
#include "sync/syncexchange.h"
#include "testutil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace citygrid;

namespace {

QString fixture(const char *name)
{
    return QStringLiteral(CITYGRID_TEST_DATA "/grids/") + QLatin1String(name);
}

QStringList kinds(const ImportIssues &issues)
{
    QStringList result;
    for (const ImportIssue &i : issues)
        if (i.severity == ImportIssue::Severity::Error)
            result.append(i.kind);
    return result;
}

} // namespace

class TestGridImport : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    /// A fresh store holding the bundled Futian grid.
    QString freshStore(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        return GridImport::ensureStore(path, QStringLiteral(":/data/futian")).ok() ? path
                                                                                   : QString();
    }

private slots:
    void badFilesChangeNothing_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("crs");
        QTest::addColumn<QString>("expected"); // an issue kind, or an Error code
        QTest::addColumn<QString>("code");     // the feature code the issue must name ("" = any)
        QTest::newRow("duplicate code") << "bad_duplicate.geojson"
                                        << ""
                                        << "code.duplicate"
                                        << "440304010002001";
        QTest::newRow("malformed code") << "bad_malformed.geojson"
                                        << ""
                                        << "code.malformed"
                                        << "44030401000100X";
        QTest::newRow("self-intersecting polygon") << "bad_invalid.geojson"
                                                   << ""
                                                   << "geometry.invalid"
                                                   << "440304010001001";
        QTest::newRow("overlapping cells") << "bad_overlap.geojson"
                                           << ""
                                           << "topology.overlap"
                                           << "440304010003001";
        QTest::newRow("gap between cells") << "bad_gap.geojson"
                                           << ""
                                           << "topology.gap"
                                           << "";
        QTest::newRow("cell outside its community") << "bad_outside_community.gpkg"
                                                    << ""
                                                    << "topology.outside-parent"
                                                    << "440304010001004";
        QTest::newRow("implausible place") << "bad_far.geojson"
                                           << ""
                                           << "import.implausible-place"
                                           << "";
        QTest::newRow("metres read as degrees") << "good_gbk.shp"
                                                << "EPSG:4326"
                                                << "geometry.out-of-range"
                                                << "";
        QTest::newRow("points, not polygons") << "bad_points.geojson"
                                              << ""
                                              << "geometry.not-polygon"
                                              << "";
        QTest::newRow("no cell codes") << "not_a_grid.geojson"
                                       << ""
                                       << "import.no-cells"
                                       << "";
        QTest::newRow("shapefile without .prj") << "noprj.shp"
                                                << ""
                                                << "import.no-crs"
                                                << "";
        QTest::newRow("unknown CRS") << "good_cells.geojson"
                                     << "EPSG:999999"
                                     << "import.crs-unknown"
                                     << "";
        QTest::newRow("missing file") << "no_such_file.geojson"
                                      << ""
                                      << "import.missing"
                                      << "";
    }
    void badFilesChangeNothing()
    {
        QFETCH(QString, file);
        QFETCH(QString, crs);
        QFETCH(QString, expected);
        QFETCH(QString, code);
        const QString store = freshStore(QStringLiteral("bad.gpkg"));
        QVERIFY(!store.isEmpty());
        const QByteArray before = testutil::fileDigest(store);
        auto report =
            GridImport::run(fixture(file.toUtf8().constData()), {{}, {}, crs}, store, ActingUser{});
        if (!report.ok()) {
            QCOMPARE(report.error().code, expected);
            QVERIFY(!report.error().message.isEmpty());
        } else {
            QVERIFY(!report.value().written);
            QVERIFY2(kinds(report.value().issues).contains(expected),
                     qPrintable(kinds(report.value().issues).join(u' ')));
            const auto issue =
                std::find_if(report.value().issues.cbegin(), report.value().issues.cend(),
                             [&](const ImportIssue &i) { return i.kind == expected; });
            QVERIFY(!issue->message.isEmpty());
            if (!code.isEmpty())
                QCOMPARE(issue->code, code);
        }
        QCOMPARE(testutil::fileDigest(store), before); // not a byte changed
    }
    void goodFilesReplaceTheGrid_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("crs");
        QTest::addColumn<QString>("codeField");
        QTest::newRow("GeoJSON, names dissolved from cells") << "good_cells.geojson"
                                                             << ""
                                                             << "";
        QTest::newRow("GeoPackage with three layers in EPSG:4547") << "good_layers.gpkg"
                                                                   << ""
                                                                   << "";
        QTest::newRow("Shapefile, GBK attributes, code field detected") << "good_gbk.shp"
                                                                        << ""
                                                                        << "";
        QTest::newRow("Shapefile, code field given") << "good_gbk.shp"
                                                     << ""
                                                     << "WGBM";
        QTest::newRow("Shapefile without .prj, CRS given") << "noprj.shp"
                                                           << "EPSG:4547"
                                                           << "";
        QTest::newRow("GCJ-02 coordinates") << "good_gcj02.geojson"
                                            << "gcj02"
                                            << "";
        QTest::newRow("KML, code in the placemark name") << "good_cells.kml"
                                                         << ""
                                                         << "";
    }
    void goodFilesReplaceTheGrid()
    {
        QFETCH(QString, file);
        QFETCH(QString, crs);
        QFETCH(QString, codeField);
        const QString store = freshStore(QStringLiteral("good.gpkg"));
        auto report = GridImport::run(fixture(file.toUtf8().constData()), {codeField, {}, crs},
                                      store, ActingUser{});
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().toText()));
        QVERIFY2(report.value().written, qPrintable(kinds(report.value().issues).join(u' ')));
        auto opened = Store::open(store);
        QVERIFY(opened.ok());
        auto catalogue = opened.value()->loadCatalogue();
        QVERIFY(catalogue.ok());
        QCOMPARE(catalogue.value().count(GridLevel::Cell), 9);
        QCOMPARE(catalogue.value().count(GridLevel::Community), 3);
        QCOMPARE(catalogue.value().count(GridLevel::Subdistrict), 1);
        if (file != QLatin1String("noprj.shp")) // that file carries no names
            QCOMPARE(catalogue.value().find(QStringLiteral("440304010003"))->name,
                     QStringLiteral("测试第3社区"));
        // Wherever the file came from, the cells land in the same place (WGS84, within 10 cm).
        auto reference = GridImport::check(fixture("good_cells.geojson"), {});
        auto expected =
            GridMapLoader::fromSource(reference.value().grid, QStringLiteral("EPSG:4547"));
        auto stored = GridMapLoader::load(store, QStringLiteral("EPSG:4547"));
        QVERIFY(stored.ok());
        for (const MapFeature &f : stored.value().cells->features) {
            const int i = expected.value().cells->indexOf(f.code);
            QVERIFY(i >= 0);
            const QRectF a = f.bbox, b = expected.value().cells->features[i].bbox;
            QVERIFY2(qAbs(a.left() - b.left()) < 0.1 && qAbs(a.top() - b.top()) < 0.1,
                     qPrintable(QStringLiteral("%1: %2,%3 vs %4,%5")
                                    .arg(f.code)
                                    .arg(a.left())
                                    .arg(a.top())
                                    .arg(b.left())
                                    .arg(b.top())));
            QVERIFY(qAbs(a.width() - 300) < 1);
        }
    }
    void importedGridTravelsInSyncPackages()
    {
        const QString officePath = freshStore(QStringLiteral("grid-office.gpkg"));
        const QString centrePath = freshStore(QStringLiteral("grid-centre.gpkg"));
        auto office = Store::open(officePath);
        auto centre = Store::open(centrePath);
        QVERIFY(office && centre);
        QVERIFY(SiteIdentity::configure(*office.value(), QStringLiteral("园岭街道办"),
                                        QStringLiteral("YL"), ActingUser{}));
        const QDateTime at = QDateTime::currentDateTime();
        const auto officeId = SiteIdentity::ensure(*office.value()).value();
        const auto centreId = SiteIdentity::ensure(*centre.value()).value();
        QVERIFY(SyncPeers(office.value()->db())
                    .add(centreId.card(), officeId.siteId(), ActingUser{}, at));
        QVERIFY(SyncPeers(centre.value()->db())
                    .add(officeId.card(), centreId.siteId(), ActingUser{}, at));
        const auto cells = [](Store &store) {
            auto q = Statement::prepare(store.db(), QStringLiteral("SELECT count(*) FROM cells"));
            return q && q.value().step() ? q.value().integer(0) : -1;
        };
        QCOMPARE(cells(*centre.value()), 202);

        // the office imports a new grid; its own store has nothing more to apply
        QVERIFY(GridImport::run(fixture("good_cells.geojson"), {}, officePath, ActingUser{})
                    .value()
                    .written);
        QCOMPARE(GridImport::applyReceived(officePath).value(), false);
        RefKinds kinds;
        gridkind::addTo(kinds);
        const RoleCatalogue noRoles; // the package holds no case events
        auto package =
            SyncExchange(*office.value(), kinds, noRoles).exportTo(centreId.siteId(), {}, at);
        QVERIFY(package);
        QCOMPARE(package.value().header.references, 1);
        auto imported = SyncExchange(*centre.value(), kinds, noRoles)
                            .importPackage(package.value().file, {}, at);
        QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().toText()));
        QCOMPARE(imported.value().changedKinds, QStringList{gridkind::id()});
        QCOMPARE(cells(*centre.value()), 202); // not yet: the grid goes in through the import
        QCOMPARE(GridImport::applyReceived(centrePath).value(), true);
        QCOMPARE(cells(*centre.value()), 9);
        QCOMPARE(GridImport::applyReceived(centrePath).value(), false); // once

        // a grid record whose GeoPackage does not read: refused, the grid stays
        QVERIFY(RefRecords(centre.value()->db(), centreId.siteId())
                    .put(gridkind::id(), gridkind::id(),
                         QJsonObject{{QStringLiteral("source"), QStringLiteral("x.gpkg")},
                                     {QStringLiteral("gpkg"), QStringLiteral("AAAA")}},
                         {}, at));
        QVERIFY(!GridImport::applyReceived(centrePath));
        QCOMPARE(cells(*centre.value()), 9);
    }
    void unnamedAreasKeepTheStoresNames()
    {
        // the district's cells alone, without a name for any area: the store's names stay
        const QString store = freshStore(QStringLiteral("names.gpkg"));
        const QString file = m_dir.filePath(QStringLiteral("cells-only.geojson"));
        QFile::remove(file);
        QVERIFY(QFile::copy(QStringLiteral(":/data/futian/cells.geojson"), file));
        const auto named = [&store](const QString &table) {
            auto opened = Store::open(store);
            auto q = Statement::prepare(
                opened.value()->db(),
                QStringLiteral("SELECT count(*) FROM %1 WHERE name <> ''").arg(table));
            return q.value().step().value() ? q.value().integer(0) : -1;
        };
        const qint64 communities = named(QStringLiteral("communities"));
        QCOMPARE(communities, 92);
        auto report = GridImport::run(file, {}, store, ActingUser{});
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().toText()));
        QVERIFY(report.value().written);
        QCOMPARE(named(QStringLiteral("communities")), communities);
        QCOMPARE(named(QStringLiteral("subdistricts")), 10);
    }

    void cellsKeepSourceAttributes()
    {
        const QString store = freshStore(QStringLiteral("attrs.gpkg"));
        QVERIFY(GridImport::run(fixture("good_gbk.shp"), {}, store, ActingUser{}).value().written);
        auto opened = Store::open(store);
        auto query = Statement::prepare(
            opened.value()->db(),
            QStringLiteral("SELECT source_attrs FROM cells WHERE code = '440304010002003'"));
        QVERIFY(query.ok());
        QVERIFY(query.value().step().value());
        const QString attrs = query.value().text(0);
        QVERIFY2(attrs.contains(QStringLiteral("\"SQMC\":\"测试第2社区\"")), qPrintable(attrs));
    }
    void cancellingChangesNothing()
    {
        const QString store = freshStore(QStringLiteral("cancel.gpkg"));
        const QByteArray before = testutil::fileDigest(store);
        QStringList stages;
        const Progress stopAtOverlaps([&stages](const QString &stage, double) {
            stages.append(stage);
            return !stage.contains(QStringLiteral("overlaps"));
        });
        auto report =
            GridImport::run(fixture("good_cells.geojson"), {}, store, ActingUser{}, stopAtOverlaps);
        QVERIFY(!report.ok());
        QCOMPARE(report.error().code, QStringLiteral("import.cancelled"));
        QVERIFY(stages.size() >= 3); // reading, geometries, overlaps
        QCOMPARE(testutil::fileDigest(store), before);
    }
    void dryRunWritesNothing()
    {
        auto report = GridImport::check(fixture("good_cells.geojson"), {});
        QVERIFY(report.ok());
        QVERIFY(!report.value().written);
        QVERIFY(!hasErrors(report.value().issues));
        QCOMPARE(report.value().grid.communities.size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestGridImport)
#include "tst_gridimport.moc"
