// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "grid/gridimport.h"
#include "grid/storewriter.h"
#include "store/sqlitedb.h"
#include "store/store.h"
#include "store/storehealth.h"
#include "store/storemigrator.h"
#include "store/storeschema.h"
#include "testutil.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace citygrid;

namespace {

void setVersion(const QString &path, int version)
{
    auto db = SqliteDb::open(path);
    QVERIFY(db.ok());
    QVERIFY(db.value()
                ->exec(QStringLiteral(
                           "UPDATE citygrid_meta SET value = '%1' WHERE key = 'schema_version'")
                           .arg(version))
                .ok());
}


/// Leaves `path` as a killed process leaves it: a change in the write-ahead log, never checkpointed.
bool leaveUnclean(const QString &path)
{
    QProcess sqlite;
    sqlite.start(QStringLiteral("sqlite3"), {path});
    if (!sqlite.waitForStarted(10000))
        return false;
    sqlite.write("PRAGMA journal_mode = WAL;\n"
                 "INSERT OR REPLACE INTO citygrid_meta (key, value) VALUES ('unclean', 'yes');\n");
    const QString wal = path + QStringLiteral("-wal");
    for (int i = 0; i < 100 && QFileInfo(wal).size() == 0; ++i)
        QTest::qWait(50);
    sqlite.kill();
    sqlite.waitForFinished(10000);
    return QFileInfo(wal).size() > 0;
}

/// Points the index of the metadata keys at an empty index: the kind of damage lost locks did.
bool damageIndex(const QString &path)
{
    auto db = SqliteDb::open(path);
    return db && db.value()
                     ->exec(QStringLiteral(
                         "CREATE TABLE zz (a); CREATE INDEX zz_a ON zz (a);"
                         "PRAGMA writable_schema = ON;"
                         "UPDATE sqlite_master SET rootpage = (SELECT rootpage FROM sqlite_master "
                         "WHERE name = 'zz_a') WHERE name = 'sqlite_autoindex_citygrid_meta_1';"
                         "PRAGMA writable_schema = OFF;"))
                     .ok();
}

} // namespace

class TestStore : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString makeStore(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        auto report =
            GridImport::check(QStringLiteral(CITYGRID_TEST_DATA "/grids/good_cells.geojson"), {});
        if (!report || hasErrors(report.value().issues))
            return {};
        return StoreWriter::create(path, report.value().grid).ok() ? path : QString();
    }

private slots:
    void createAndOpen()
    {
        const QString path = makeStore(QStringLiteral("a.gpkg"));
        QVERIFY(!path.isEmpty());
        QVERIFY(!QFile::exists(path + QStringLiteral(".creating.gpkg")));
        auto store = Store::open(path);
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().toText()));
        QCOMPARE(store.value()->schemaVersion(), storeschema::version);
        QVERIFY(!QUuid::fromString(store.value()->meta(storeschema::keySiteId())).isNull());
        QCOMPARE(store.value()->meta(storeschema::keyDistrictCode()), QStringLiteral("440304"));
        auto catalogue = store.value()->loadCatalogue();
        QVERIFY(catalogue.ok());
        QCOMPARE(catalogue.value().count(GridLevel::Cell), 9);
        QCOMPARE(catalogue.value().count(GridLevel::Community), 3);
        QCOMPARE(catalogue.value().count(GridLevel::Subdistrict), 1);
        // names dissolved from the cells' own name fields
        QCOMPARE(catalogue.value().find(QStringLiteral("440304010002"))->name,
                 QStringLiteral("测试第2社区"));
        QVERIFY(qAbs(catalogue.value().find(QStringLiteral("440304010001001"))->areaKm2 - 0.09) <
                0.002);
        QVERIFY(store.value()->migrationBackup().isEmpty());
    }
    void newerStoreIsRefusedUntouched()
    {
        const QString path = makeStore(QStringLiteral("new.gpkg"));
        setVersion(path, storeschema::version + 5);
        const QByteArray before = testutil::fileDigest(path);
        auto store = Store::open(path);
        QVERIFY(!store.ok());
        QCOMPARE(store.error().code, QStringLiteral("store.too-new"));
        QCOMPARE(testutil::fileDigest(path), before);
    }
    void notAStore()
    {
        const QString path = m_dir.filePath(QStringLiteral("plain.sqlite"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        auto store = Store::open(path);
        QVERIFY(!store.ok());
        QCOMPARE(store.error().code, QStringLiteral("store.not-citygrid"));
        QCOMPARE(Store::open(m_dir.filePath(QStringLiteral("missing.gpkg"))).error().code,
                 QStringLiteral("store.missing"));
    }
    void migrationTakesBackupFirst()
    {
        const QString path = makeStore(QStringLiteral("old.gpkg"));
        setVersion(path, 0);
        auto db = SqliteDb::open(path);
        QVERIFY(db.ok());
        StoreMigrator migrator({{0, QStringLiteral("CREATE TABLE added_in_v1 (x INTEGER)")}});
        auto backup = migrator.migrate(*db.value(), 0, 1);
        QVERIFY(backup.ok());
        QVERIFY(QFile::exists(backup.value()));
        // the copy holds what the store holds: its owner's only
        const auto others =
            QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther;
        QCOMPARE(QFile::permissions(backup.value()) & others, QFile::Permissions());
        QVERIFY(QFile::permissions(backup.value()) & QFile::ReadOwner);
        QVERIFY(db.value()->exec(QStringLiteral("SELECT x FROM added_in_v1")).ok());
        auto old = SqliteDb::open(backup.value());
        QVERIFY(old.ok());
        QVERIFY(!old.value()
                     ->exec(QStringLiteral("SELECT x FROM added_in_v1"))
                     .ok()); // the backup is the old one
    }
    void failedMigrationChangesNothing()
    {
        const QString path = makeStore(QStringLiteral("broken.gpkg"));
        setVersion(path, 0);
        auto db = SqliteDb::open(path);
        QVERIFY(db.ok());
        StoreMigrator migrator(
            {{0, QStringLiteral("CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table")}});
        auto result = migrator.migrate(*db.value(), 0, 1);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QStringLiteral("store.migration"));
        QVERIFY(!db.value()->exec(QStringLiteral("SELECT x FROM half")).ok());
        db.value().reset();
        setVersion(path, 0);
        auto missingStep = StoreMigrator({}).migrate(*SqliteDb::open(path).value(), 0, 1);
        QCOMPARE(missingStep.error().code, QStringLiteral("store.no-migration"));
    }
    void versionOneStoreIsUpgradedWithABackup()
    {
        // A store as the first release wrote it: the grid only.
        const QString path = makeStore(QStringLiteral("v1.gpkg"));
        {
            auto db = SqliteDb::open(path);
            QVERIFY(db.ok());
            QVERIFY(
                db.value()
                    ->exec(QStringLiteral(
                        "DROP TABLE cases; DROP TABLE case_events; DROP TABLE case_attachments;"
                        " DROP TABLE assessment_schemes; DROP TABLE assessment_months;"
                        " DROP TABLE assessment_scores; DROP TABLE assessment_evidence;"
                        " DROP TABLE assessment_surveys; DROP TABLE assessment_population;"
                        " DROP TABLE assessment_events; DROP TABLE assessment_results;"
                        " DROP TABLE assessment_figures; DROP TABLE sync_peers;"
                        " DROP TABLE sync_conflicts; DROP TABLE ref_records;"
                        " DROP TABLE ref_conflicts; DROP TABLE accounts;"
                        " DROP TABLE account_events; DROP TABLE record_chain;"
                        " DROP TABLE record_heads; DROP TABLE sync_withheld;"
                        " DELETE FROM gpkg_geometry_columns WHERE table_name = 'cases';"
                        " DELETE FROM gpkg_contents WHERE table_name IN ('cases', 'case_events',"
                        " 'case_attachments', 'assessment_months', 'assessment_results');"))
                    .ok());
        }
        setVersion(path, 1);
        auto store = Store::open(path);
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().toText()));
        QCOMPARE(store.value()->schemaVersion(), storeschema::version);
        QVERIFY(QFile::exists(store.value()->migrationBackup()));
        QVERIFY(store.value()->db().exec(QStringLiteral("SELECT count(*) FROM cases")).ok());
        QVERIFY(store.value()->db().exec(QStringLiteral("SELECT count(*) FROM case_events")).ok());
        QVERIFY(store.value()->db().exec(QStringLiteral("SELECT handled_at FROM cases")).ok());
        QVERIFY(
            store.value()->db().exec(QStringLiteral("SELECT count(*) FROM case_attachments")).ok());
        QVERIFY(store.value()
                    ->db()
                    .exec(QStringLiteral("SELECT count(*) FROM assessment_results"))
                    .ok());
        auto backup = SqliteDb::open(store.value()->migrationBackup());
        QVERIFY(!backup.value()->exec(QStringLiteral("SELECT count(*) FROM cases")).ok());
    }
    void uncleanButIntactStoreOpens()
    {
        const QString path = makeStore(QStringLiteral("unclean.gpkg"));
        QVERIFY(Store::open(path).ok());
        if (QStandardPaths::findExecutable(QStringLiteral("sqlite3")).isEmpty())
            QSKIP("the sqlite3 command (Debian sqlite3) is not installed");
        QVERIFY(leaveUnclean(path));
        QVERIFY(StoreHealth::leftUnclean(path));
        auto store = Store::open(path);
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().toText()));
        QCOMPARE(store.value()->meta(QStringLiteral("unclean")), QStringLiteral("yes"));
        QVERIFY(!QFile::exists(StoreHealth::markerPath(path)));
    }
    void damagedStoreIsRefusedForWriting()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("sqlite3")).isEmpty())
            QSKIP("the sqlite3 command (Debian sqlite3) is not installed");
        const QString path = makeStore(QStringLiteral("damaged.gpkg"));
        const QString good = m_dir.filePath(QStringLiteral("damaged-good-copy.gpkg"));
        QVERIFY(QFile::copy(path, good));
        QVERIFY(damageIndex(path));
        QVERIFY(leaveUnclean(path));
        auto store = Store::open(path);
        QVERIFY(!store.ok());
        QCOMPARE(store.error().code, QStringLiteral("store.damaged"));
        QVERIFY2(store.error().message.contains(QStringLiteral("backup")),
                 qPrintable(store.error().message));
        QVERIFY2(store.error().detail.contains(QStringLiteral("sqlite_autoindex_citygrid_meta_1")),
                 qPrintable(store.error().detail));
        QVERIFY(QFile::exists(StoreHealth::markerPath(path)));
        // the log is folded in by a reader closing last; the store is still known to be damaged
        { auto reader = SqliteDb::open(path, SqliteDb::Mode::ReadOnly); }
        QVERIFY(!StoreHealth::leftUnclean(path));
        QCOMPARE(Store::open(path).error().code, QStringLiteral("store.damaged"));
        // restored from a good copy: checked again, opened, the marker gone
        QVERIFY(QFile::remove(path));
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        QVERIFY(QFile::copy(good, path));
        auto restored = Store::open(path);
        QVERIFY2(restored.ok(), qPrintable(restored.ok() ? QString() : restored.error().toText()));
        QVERIFY(!QFile::exists(StoreHealth::markerPath(path)));
    }
    void replacedGridIsAValidGeoPackage()
    {
        const QString path = makeStore(QStringLiteral("replaced.gpkg"));
        auto grid = GridImport::check(QStringLiteral(CITYGRID_TEST_DATA "/grids/good_cells.geojson"),
                                      {});
        QVERIFY(grid.ok());
        // fewer cells than before, written through SQLite with the R-tree kept by its triggers
        GridSource fewer = grid.value().grid;
        fewer.cells = fewer.cells.mid(0, 4);
        {
            auto db = SqliteDb::open(path);
            QVERIFY(db.ok());
            Transaction tx(*db.value());
            QVERIFY(tx.begin().ok());
            QVERIFY(StoreWriter::replaceGrid(*db.value(), fewer).ok());
            QVERIFY(tx.commit().ok());
            auto q = Statement::prepare(
                *db.value(), QStringLiteral("SELECT count(*), min(minx), max(maxx) FROM rtree_cells_geom"));
            QVERIFY(q.ok() && q.value().step().value());
            QCOMPARE(q.value().integer(0), 4);
            QVERIFY(q.value().real(1) > 113.9 && q.value().real(2) < 114.2);
        }
        auto store = Store::open(path);
        QVERIFY(store.ok());
        QCOMPARE(store.value()->loadCatalogue().value().count(GridLevel::Cell), 4);
        // GDAL reads what SQLite wrote (this store is not open in this process any more)
        store.value().reset();
        auto read = GridImport::check(path, {});
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toText()));
        QCOMPARE(read.value().grid.cells.size(), 4);
        const QString script =
            QStringLiteral("/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py");
        if (QFile::exists(script)) {
            QProcess process;
            process.start(QStringLiteral("/usr/bin/python3"), {script, path});
            QVERIFY(process.waitForFinished(60000));
            QVERIFY2(process.exitCode() == 0,
                     qPrintable(QString::fromUtf8(process.readAllStandardOutput() +
                                                  process.readAllStandardError())));
        }
    }
    void validGeoPackage()
    {
        const QString path = makeStore(QStringLiteral("valid.gpkg"));
        const QString script =
            QStringLiteral("/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py");
        if (!QFile::exists(script))
            QSKIP("GDAL's validate_gpkg.py (Debian python3-gdal) is not installed");
        QProcess process;
        process.start(QStringLiteral("/usr/bin/python3"), {script, path});
        QVERIFY(process.waitForFinished(60000));
        const QString output =
            QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
        QVERIFY2(process.exitCode() == 0, qPrintable(output));
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
