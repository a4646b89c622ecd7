// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
// A grid imported at a workstation of the centre: refused until confirmed when it drops a cell
// a case lies in (nothing changed at the server), then put in place at the server, which places
// the case in its new cell with a "relocate" step; every workstation's copy takes the grid and
// the step as it catches up (the window's map live), and its record holds. Refused to an account
// without the right, at the workstation and with raw SQL, and on a copy opened without the
// server.
#include "audit/recordaudit.h"
#include "cases/caseworkspace.h"
#include "grid/centregrid.h"
#include "grid/centregridimport.h"
#include "grid/storewriter.h"
#include "services/appcontext.h"
#include "services/casesession.h"
#include "services/centrefeed.h"
#include "shell/mainwindow.h"
#include "store/storeschema.h"
#include "workstationfixture.h"

#include <QSignalSpy>
#include <QTemporaryDir>

using namespace citygrid;

namespace {

const QString adminPassword = QStringLiteral("Centre-admin-2026x");
const QString password = QStringLiteral("Workstation-2026-pw");

/// The cell `code` of `db`'s copy, if it has it.
bool hasCell(AppContext &context, const QString &code)
{
    auto q = Statement::prepare(
        context.store().db(),
        QStringLiteral("SELECT 1 FROM %1 WHERE code = ?1").arg(storeschema::cellsTable()));
    if (!q)
        return false;
    q.value().bind(1, code);
    auto row = q.value().step();
    return row && row.value();
}

} // namespace

class TestCentreGrid : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void gridReplacedAtTheServer();
    void refusedWithoutTheRight();

private:
    std::unique_ptr<AppContext> open(const QString &account)
    {
        return testutil::openWorkstation(m_db, account, password);
    }
    QString serverText(const QString &sql)
    {
        auto conn = PgConnection::open(m_db.ownerUri());
        if (!conn)
            return conn.error().toText();
        auto r = conn.value().exec(sql);
        return r ? r.value().text(0, 0) : r.error().toText();
    }

    testutil::CentreDatabase m_db;
    QTemporaryDir m_home;
};

void TestCentreGrid::initTestCase()
{
    if (testutil::CentreDatabase::clusterUri().isEmpty())
        QSKIP("No test cluster: scripts/test starts one and sets CITYGRID_TEST_CENTRE");
    qputenv("XDG_DATA_HOME", m_home.path().toUtf8());
    const QString refused = m_db.setUp(
        QStringLiteral("cgg"), adminPassword,
        {{QStringLiteral("admin01"), QStringLiteral("管理员"), QStringLiteral("admin")},
         {QStringLiteral("ins01"), QStringLiteral("采集员"), QStringLiteral("inspector")},
         {QStringLiteral("op01"), QStringLiteral("坐席员"), QStringLiteral("operator")}},
        password);
    QVERIFY2(refused.isEmpty(), qPrintable(refused));
}

void TestCentreGrid::gridReplacedAtTheServer()
{
    // a case reported inside the first cell
    const QString cell = serverText(QStringLiteral("SELECT min(code) FROM citygrid.cells"));
    const QString at = serverText(
        QStringLiteral("SELECT ST_X(p) || ' ' || ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p "
                       "FROM citygrid.cells WHERE code = '%1') s")
            .arg(cell));
    auto ins = open(QStringLiteral("ins01"));
    QVERIFY(ins);
    NewCase input;
    input.categoryId = QStringLiteral("E0102");
    input.cellCode = cell;
    input.lonLat = QPointF(at.section(u' ', 0, 0).toDouble(), at.section(u' ', 1, 1).toDouble());
    input.channel = QStringLiteral("inspector");
    auto made = ins->cases().report(input, QStringLiteral("ins01"), QDateTime::currentDateTime());
    QVERIFY2(made, qPrintable(made ? QString() : made.error().toText()));
    const QString uuid = made.value().uuid;

    // the district's grid with that cell renumbered (a surveyed grid's new numbering)
    auto conn = PgConnection::open(m_db.ownerUri());
    QVERIFY(conn);
    auto grid = CentreGrid::read(conn.value());
    QVERIFY(grid);
    const QString renumbered = cell.left(cell.size() - 2) + QStringLiteral("99");
    for (SourceFeature &f : grid.value().cells)
        if (f.code == cell)
            f.code = renumbered;
    // and, as a surveyed file often has, no names for the communities: they keep theirs
    const QString community = grid.value().communities.first().code;
    const QString named = grid.value().communities.first().name;
    QVERIFY(!named.isEmpty());
    for (SourceFeature &f : grid.value().communities)
        f.name.clear();
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("surveyed.gpkg"));
    QVERIFY(StoreWriter::create(file, grid.value()));

    auto admin = open(QStringLiteral("admin01"));
    auto op = open(QStringLiteral("op01"));
    QVERIFY(admin && op);
    MainWindow window(std::move(op), {});
    window.cases()->session().setUserId(QStringLiteral("op01"));
    QTRY_VERIFY_WITH_TIMEOUT(window.centreFeed()->isConnected(), 10000);
    QSignalSpy redrawn(&window.cases()->session(), &CaseSession::gridReplaced);
    const ActingUser who{QStringLiteral("admin01"), &admin->catalogues().roles};
    const GridReadOptions options{QStringLiteral("code"), {}, {}};

    // the case's cell is gone from the new grid: asked first, nothing changed at the server
    auto asked = CentreGridImport::run(file, options, admin->storePath(), *admin->centre(), who);
    QVERIFY(!asked);
    QCOMPARE(asked.error().code, QStringLiteral("import.confirm"));
    QCOMPARE(serverText(QStringLiteral("SELECT count(*) FROM citygrid.cells WHERE code = '%1'")
                            .arg(renumbered)),
             QStringLiteral("0"));

    auto done = CentreGridImport::run(file, options, admin->storePath(), *admin->centre(), who, {},
                                      GridImport::Replace::Confirmed);
    QVERIFY2(done, qPrintable(done ? QString() : done.error().toText()));
    QVERIFY(done.value().written);
    QCOMPARE(serverText(QStringLiteral("SELECT cell_code || ' ' || version FROM citygrid.cases "
                                       "WHERE uuid = '%1'")
                            .arg(uuid)),
             renumbered + QStringLiteral(" 2"));
    QCOMPARE(serverText(QStringLiteral("SELECT step || ' ' || (payload::jsonb ->> "
                                       "'from_cell_code') FROM citygrid.case_events WHERE "
                                       "case_uuid = '%1' ORDER BY seq DESC LIMIT 1")
                            .arg(uuid)),
             QStringLiteral("relocate ") + cell);

    // the operator's window takes the new grid live; the administrator's copy as it catches up
    QTRY_VERIFY_WITH_TIMEOUT(redrawn.count() > 0, 5000);
    auto pulled = admin->pullCentre();
    QVERIFY(pulled);
    QVERIFY(pulled.value().gridReplaced);
    for (AppContext *copy : {admin.get(), &window.cases()->session().context()}) {
        QVERIFY(hasCell(*copy, renumbered));
        QVERIFY(!hasCell(*copy, cell));
        auto record = copy->cases().find(uuid);
        QVERIFY(record);
        QCOMPARE(record.value().cellCode, renumbered);
        auto audit = RecordAudit::verify(copy->store().db());
        QVERIFY(audit && audit.value().intact());
    }
    QCOMPARE(serverText(QStringLiteral("SELECT name FROM citygrid.communities WHERE code = '%1'")
                            .arg(community)),
             named);
    // the centre's status says who replaced the grid, from which file
    const testutil::Run status =
        testutil::runCitygrid({QStringLiteral("centre"), QStringLiteral("status"), m_db.ownerUri(),
                               QStringLiteral("--lang"), QStringLiteral("en")});
    QVERIFY2(status.out.contains(QStringLiteral("by admin01 from surveyed.gpkg")),
             qPrintable(status.out));
    // caught up again: nothing more to take
    auto again = admin->pullCentre();
    QVERIFY(again && !again.value().gridReplaced);
}

void TestCentreGrid::refusedWithoutTheRight()
{
    auto conn = PgConnection::open(m_db.ownerUri());
    QVERIFY(conn);
    auto grid = CentreGrid::read(conn.value());
    QVERIFY(grid);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("grid.gpkg"));
    QVERIFY(StoreWriter::create(file, grid.value()));
    const QString before = serverText(QStringLiteral("SELECT coalesce((SELECT value FROM "
                                                     "citygrid.meta WHERE key = 'grid_at'), '')"));
    const GridReadOptions options{QStringLiteral("code"), {}, {}};
    // an operator, at the workstation and with raw SQL
    auto op = open(QStringLiteral("op01"));
    QVERIFY(op);
    auto refused =
        CentreGridImport::run(file, options, op->storePath(), *op->centre(),
                              ActingUser{QStringLiteral("op01"), &op->catalogues().roles}, {},
                              GridImport::Replace::Confirmed);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("permission.right"));
    const auto raw =
        m_db.psql(QStringLiteral("op01"), password,
                  QStringLiteral("SELECT citygrid.replace_grid('{\"code\": \"440304\", "
                                 "\"cells\": [{\"code\": \"x\"}]}')"));
    QVERIFY(raw.exitCode != 0);
    QVERIFY2(raw.err.contains(QStringLiteral("may not replace the grid")), qPrintable(raw.err));
    // the administrator's copy written as a file, without the server: refused, nothing changed
    auto admin = open(QStringLiteral("admin01"));
    QVERIFY(admin);
    auto local = GridImport::run(file, options, admin->storePath(),
                                 ActingUser{QStringLiteral("admin01"), &admin->catalogues().roles},
                                 {}, GridImport::Replace::Confirmed);
    QVERIFY(!local);
    QCOMPARE(local.error().code, QStringLiteral("centre.local-write"));
    QCOMPARE(serverText(QStringLiteral("SELECT coalesce((SELECT value FROM citygrid.meta WHERE "
                                       "key = 'grid_at'), '')")),
             before);
}

QTEST_MAIN(TestCentreGrid)
#include "tst_centregrid.moc"
