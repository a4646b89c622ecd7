// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
// The centre's store on PostgreSQL + PostGIS: `citygrid centre init|status` as a user runs them,
// and what an account with raw SQL (psql) can read and write under row-level security and the
// server-side step check.
#include "catalogues/casecatalogues.h"
#include "centre/centreaccounts.h"
#include "centre/centreschema.h"
#include "centrefixture.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <optional>
#include <thread>

using namespace citygrid;
using testutil::Run;
using testutil::runCitygrid;

namespace {

const QString adminPassword = QStringLiteral("Centre-admin-2026x");
const QString staffPassword = QStringLiteral("Unit-staff-2026-pw");

} // namespace

class TestCentre : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void status();
    void refusals_data();
    void refusals();
    void initRefusedLeavesNothing();
    void rawSql_data();
    void rawSql();
    void concurrentSteps();

private:
    QJsonObject caseRow(const QString &uuid);
    QString stepSql(const QString &actor, const QString &role, const QString &caseUuid,
                    const QString &step, const QJsonObject &row, int version);
    PgConnection owner();

    testutil::CentreDatabase m_db;
    QString m_caseA, m_caseB; // dispatched to U001 and to U002
};

void TestCentre::initTestCase()
{
    if (testutil::CentreDatabase::clusterUri().isEmpty())
        QSKIP("No test cluster: scripts/test starts one and sets CITYGRID_TEST_CENTRE");
    QVERIFY(m_db.create(QStringLiteral("cgt_%1").arg(QCoreApplication::applicationPid())));
    const Run made = m_db.init(adminPassword);
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
    QVERIFY2(made.out.contains(QStringLiteral("10 subdistricts, 92 communities, 202 cells; "
                                              "administrator chief.")),
             qPrintable(made.out));
    // the workstation's address carries the account, never the owner's password
    QVERIFY(made.out.contains(QStringLiteral("postgresql://chief@")));
    QVERIFY(!made.out.contains(QUrl(m_db.ownerUri()).password()));

    // accounts made by the administrator signed in as itself, as the window will
    const QList<Account> people{
        {QStringLiteral("insp"),
         QStringLiteral("巡查员"),
         QStringLiteral("inspector"),
         {},
         QStringLiteral("440304001")},
        {QStringLiteral("op"), QStringLiteral("坐席员"), QStringLiteral("operator")},
        {QStringLiteral("disp"), QStringLiteral("派遣员"), QStringLiteral("dispatcher")},
        {QStringLiteral("u1"), QStringLiteral("城管局"), QStringLiteral("unit_staff"),
         QStringLiteral("U001")},
        {QStringLiteral("u2"), QStringLiteral("住建局"), QStringLiteral("unit_staff"),
         QStringLiteral("U002")},
    };
    const QString refused = m_db.addAccounts(people, adminPassword, staffPassword);
    QVERIFY2(refused.isEmpty(), qPrintable(refused));

    // two cases through the server's step check: reported, filed, dispatched to U001 / U002
    m_caseA = QStringLiteral("case-a");
    m_caseB = QStringLiteral("case-b");
    const QStringList units{QStringLiteral("U001"), QStringLiteral("U002")};
    const QStringList cases{m_caseA, m_caseB};
    for (int i = 0; i < 2; ++i) {
        QJsonObject row{
            {QStringLiteral("uuid"), cases[i]},
            {QStringLiteral("case_no"), QStringLiteral("2026120500%1").arg(i + 1)},
            {QStringLiteral("category_id"), QStringLiteral("101")},
            {QStringLiteral("cell_code"), QStringLiteral("440304001001001")},
            {QStringLiteral("community_code"), QStringLiteral("440304001001")},
            {QStringLiteral("subdistrict_code"), QStringLiteral("440304001")},
            {QStringLiteral("channel"), QStringLiteral("inspector")},
            {QStringLiteral("state"), QStringLiteral("reported")},
            {QStringLiteral("pending"), 0},
            {QStringLiteral("urgent"), false},
            {QStringLiteral("supervised"), false},
            {QStringLiteral("rework_count"), 0},
            {QStringLiteral("reported_at"), QStringLiteral("2026-12-05T09:00:00+08:00")},
            {QStringLiteral("updated_at"), QStringLiteral("2026-12-05T09:00:00+08:00")},
            {QStringLiteral("geom"), QStringLiteral("SRID=4326;POINT(114.06 22.54)")}};
        const struct
        {
            QString actor, role, step, state;
        } loop[] = {{QStringLiteral("insp"), QStringLiteral("inspector"), QStringLiteral("report"),
                     QStringLiteral("reported")},
                    {QStringLiteral("op"), QStringLiteral("operator"), QStringLiteral("file"),
                     QStringLiteral("filed")},
                    {QStringLiteral("disp"), QStringLiteral("dispatcher"),
                     QStringLiteral("dispatch"), QStringLiteral("dispatched")}};
        int version = 0;
        for (const auto &s : loop) {
            row.insert(QStringLiteral("state"), s.state);
            if (s.step == QLatin1String("dispatch"))
                row.insert(QStringLiteral("unit_id"), units[i]);
            const auto r = m_db.psql(s.actor, staffPassword,
                                     stepSql(s.actor, s.role, cases[i], s.step, row, version++));
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
    }
}

PgConnection TestCentre::owner()
{
    return std::move(PgConnection::open(m_db.ownerUri())).value();
}

QJsonObject TestCentre::caseRow(const QString &uuid)
{
    PgConnection conn = owner();
    auto r = conn.exec(QStringLiteral("SELECT to_jsonb(c) - 'version' - 'fid' FROM "
                                      "citygrid.cases c WHERE uuid = $1"),
                       {uuid});
    return QJsonDocument::fromJson(r.value().text(0, 0).toUtf8()).object();
}

QString TestCentre::stepSql(const QString &actor, const QString &role, const QString &caseUuid,
                            const QString &step, const QJsonObject &row, int version)
{
    const QJsonObject event{
        {QStringLiteral("uuid"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {QStringLiteral("case_uuid"), caseUuid},
        {QStringLiteral("step"), step},
        {QStringLiteral("actor"), actor},
        {QStringLiteral("role"), role},
        {QStringLiteral("at"), QStringLiteral("2026-12-05T10:00:00+08:00")},
        {QStringLiteral("site_id"), QStringLiteral("test")}};
    const auto json = [](const QJsonObject &o) {
        return pgLiteral(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
    };
    return QStringLiteral("SELECT citygrid.append_step(%1, %2, %3)")
        .arg(json(event), json(row))
        .arg(version);
}

void TestCentre::status()
{
    const Run s = runCitygrid({QStringLiteral("centre"), QStringLiteral("status"), m_db.ownerUri(),
                               QStringLiteral("--json")});
    QCOMPARE(s.exitCode, 0);
    const QJsonObject json = QJsonDocument::fromJson(s.out.toUtf8()).object();
    const QJsonObject counts = json.value(QStringLiteral("counts")).toObject();
    QCOMPARE(json.value(QStringLiteral("schema")).toInt(), CentreSchema::version);
    QCOMPARE(json.value(QStringLiteral("district_code")).toString(), QStringLiteral("440304"));
    QCOMPARE(counts.value(QStringLiteral("subdistricts")).toInt(), 10);
    QCOMPARE(counts.value(QStringLiteral("communities")).toInt(), 92);
    QCOMPARE(counts.value(QStringLiteral("cells")).toInt(), 202);
    QCOMPARE(counts.value(QStringLiteral("accounts")).toInt(), 6);
    QCOMPARE(counts.value(QStringLiteral("cases")).toInt(), 2);
    QCOMPARE(counts.value(QStringLiteral("events")).toInt(), 6);
    QCOMPARE(json.value(QStringLiteral("last_event")).toInt(), 6);
    // the grid is PostGIS: the cells cover the subdistricts' area, every cell inside one
    PgConnection conn = owner();
    auto geo = conn.exec(QStringLiteral(
        "SELECT ST_SRID(geom), GeometryType(geom), (SELECT count(*) FROM citygrid.cells c JOIN "
        "citygrid.subdistricts s ON s.code = left(c.code, 9) WHERE NOT ST_Covers(ST_Buffer("
        "s.geom, 0.0001), ST_PointOnSurface(c.geom))) FROM citygrid.cells LIMIT 1"));
    QVERIFY(geo);
    QCOMPARE(geo.value().text(0, 0), QStringLiteral("4326"));
    QCOMPARE(geo.value().text(0, 1), QStringLiteral("MULTIPOLYGON"));
    QCOMPARE(geo.value().text(0, 2), QStringLiteral("0"));

    const Run text = runCitygrid({QStringLiteral("centre"), QStringLiteral("status"),
                                  m_db.ownerUri(), QStringLiteral("--lang"), QStringLiteral("en")});
    QVERIFY2(
        text.out.contains(QStringLiteral("Grid: 10 subdistricts, 92 communities, 202 cells\n")),
        qPrintable(text.out));
    QVERIFY(
        text.out.contains(QStringLiteral("Cases: 2 (2 open), 6 events; the newest is no. 6\n")));
}

void TestCentre::refusals_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString db = QStringLiteral("DB");
    QTest::newRow("twice") << QStringList{QStringLiteral("init"), db, QStringLiteral("--admin"),
                                          QStringLiteral("other")}
                           << adminPassword.toUtf8() << 1
                           << QStringLiteral(
                                  "already holds a CityGrid centre; nothing was changed");
    QTest::newRow("no admin") << QStringList{QStringLiteral("init"), db} << QByteArray() << 1
                              << QStringLiteral("Name the first administrator with --admin NAME");
    QTest::newRow("not a uri") << QStringList{QStringLiteral("status"),
                                              QStringLiteral("centre.gpkg")}
                               << QByteArray() << 1
                               << QStringLiteral("\"centre.gpkg\" is not a server address");
    QTest::newRow("no server")
        << QStringList{QStringLiteral("status"),
                       QStringLiteral("postgresql://chief@127.0.0.1:1/citygrid")}
        << QByteArray() << 1
        << QStringLiteral("Could not reach the centre server at 127.0.0.1:1. Check the network");
    QTest::newRow("wrong password")
        << QStringList{QStringLiteral("status"), QStringLiteral("WRONG")} << QByteArray() << 1
        << QStringLiteral("did not accept the sign-in of");
    QTest::newRow("unknown action") << QStringList{QStringLiteral("drop"), db} << QByteArray() << 2
                                    << QStringLiteral("citygrid centre init URI");
}

void TestCentre::refusals()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    for (QString &a : arguments) {
        if (a == QLatin1String("DB"))
            a = m_db.ownerUri();
        if (a == QLatin1String("WRONG")) {
            QUrl url(m_db.ownerUri());
            url.setPassword(QStringLiteral("not-the-password"));
            a = url.toString();
        }
    }
    if (arguments.contains(QStringLiteral("--admin")))
        arguments << QStringLiteral("--password-stdin");
    const Run r = runCitygrid(QStringList{QStringLiteral("centre")} + arguments +
                                  QStringList{QStringLiteral("--lang"), QStringLiteral("en")},
                              input + '\n');
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    // nothing changed: the same two cases, six events, six accounts
    const Run s = runCitygrid({QStringLiteral("centre"), QStringLiteral("status"), m_db.ownerUri(),
                               QStringLiteral("--json")});
    const QJsonObject counts =
        QJsonDocument::fromJson(s.out.toUtf8()).object().value(QStringLiteral("counts")).toObject();
    QCOMPARE(counts.value(QStringLiteral("accounts")).toInt(), 6);
    QCOMPARE(counts.value(QStringLiteral("events")).toInt(), 6);
}

void TestCentre::initRefusedLeavesNothing()
{
    // a weak administrator password is refused after the schema was written: all rolled back
    testutil::CentreDatabase fresh;
    QVERIFY(fresh.create(m_db.name() + QStringLiteral("_b")));
    const Run r = runCitygrid({QStringLiteral("centre"), QStringLiteral("init"), fresh.ownerUri(),
                               QStringLiteral("--admin"), QStringLiteral("chief"),
                               QStringLiteral("--password-stdin"), QStringLiteral("--lang"),
                               QStringLiteral("en")},
                              "chief\n");
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("password")), qPrintable(r.err));
    const Run s = runCitygrid({QStringLiteral("centre"), QStringLiteral("status"), fresh.ownerUri(),
                               QStringLiteral("--lang"), QStringLiteral("en")});
    QCOMPARE(s.exitCode, 0);
    QVERIFY2(s.out.contains(QStringLiteral("No CityGrid centre here yet")), qPrintable(s.out));
    PgConnection conn = std::move(PgConnection::open(fresh.ownerUri())).value();
    auto roles = conn.exec(QStringLiteral("SELECT count(*) FROM pg_roles WHERE rolname LIKE $1"),
                           {fresh.name() + QStringLiteral(".%")});
    QCOMPARE(roles.value().text(0, 0), QStringLiteral("0"));
}

void TestCentre::rawSql_data()
{
    QTest::addColumn<QString>("account");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expected"); // on stdout when it works, on stderr when refused
    const auto row = [](const char *name, const char *who, const QString &sql, int code,
                        const QString &expected) {
        QTest::newRow(name) << QString::fromLatin1(who) << sql << code << expected;
    };
    // reading: each unit sees its own case only, and only its events
    row("u1 cases", "u1", QStringLiteral("SELECT string_agg(uuid, ',') FROM citygrid.cases"), 0,
        QStringLiteral("case-a\n"));
    row("u2 cases", "u2", QStringLiteral("SELECT string_agg(uuid, ',') FROM citygrid.cases"), 0,
        QStringLiteral("case-b\n"));
    row("u2 events", "u2",
        QStringLiteral("SELECT count(*), count(*) FILTER (WHERE case_uuid = 'case-a') FROM "
                       "citygrid.case_events"),
        0, QStringLiteral("3|0\n"));
    row("dispatcher sees all", "disp", QStringLiteral("SELECT count(*) FROM citygrid.cases"), 0,
        QStringLiteral("2\n"));
    row("grid readable", "u1", QStringLiteral("SELECT count(*) FROM citygrid.cells"), 0,
        QStringLiteral("202\n"));
    row("no password hashes", "u1", QStringLiteral("SELECT password_hash FROM citygrid.accounts"),
        1, QStringLiteral("permission denied for table accounts"));
    // writing only through the functions
    row("no insert", "u1",
        QStringLiteral("INSERT INTO citygrid.case_events (uuid, case_uuid, case_version, step, "
                       "actor, role, at, site_id) VALUES ('x', 'case-a', 9, 'close', 'u1', "
                       "'unit_staff', now(), 's')"),
        1, QStringLiteral("permission denied for table case_events"));
    row("no update", "u1", QStringLiteral("UPDATE citygrid.cases SET state = 'closed'"), 1,
        QStringLiteral("permission denied for table cases"));
    row("no promotion", "u1",
        QStringLiteral("UPDATE citygrid.accounts SET role = 'admin' WHERE name = 'u1'"), 1,
        QStringLiteral("permission denied for table accounts"));
    row("no owner role", "u1", QStringLiteral("SET ROLE citygrid_owner"), 1,
        QStringLiteral("permission denied to set role"));
    row("no accounts", "u1",
        QStringLiteral("SELECT citygrid.create_account('x2', 'x', 'admin', '', '', "
                       "'SCRAM-SHA-256$4096:x', 'h', 's', now())"),
        1, QStringLiteral("may not make accounts"));
    // steps through the server's check: feedback by the right unit passes the role check but
    // names a stale version; the other unit cannot reach the case; a unit may not close
    row("other unit's case", "u2", QStringLiteral("STEP u2 unit_staff case-a feedback handled 3"),
        1, QStringLiteral("is not within u2's reach"));
    row("role may not", "u1", QStringLiteral("STEP u1 unit_staff case-a close closed 3"), 1,
        QStringLiteral("role unit_staff may not take step close"));
    row("in another's name", "u1", QStringLiteral("STEP disp dispatcher case-a feedback handled 3"),
        1, QStringLiteral("the step is in the name of disp"));
    row("wrong state", "u1", QStringLiteral("STEP u1 unit_staff case-a feedback closed 3"), 1,
        QStringLiteral("step feedback leads case 20261205001 to handled, not closed"));
    row("stale", "u1", QStringLiteral("STEP u1 unit_staff case-a feedback handled 2"), 1,
        QStringLiteral("was changed since"));
    row("report outside area", "insp", QStringLiteral("REPORT 440304002001001"), 1,
        QStringLiteral("lies outside insp's area 440304001"));
}

void TestCentre::rawSql()
{
    QFETCH(QString, account);
    QFETCH(QString, sql);
    QFETCH(int, exitCode);
    QFETCH(QString, expected);
    if (sql.startsWith(QLatin1String("STEP "))) {
        const QStringList w = sql.split(u' ');
        QJsonObject row = caseRow(w[3]);
        row.insert(QStringLiteral("state"), w[5]);
        sql = stepSql(w[1], w[2], w[3], w[4], row, w[6].toInt());
    } else if (sql.startsWith(QLatin1String("REPORT "))) {
        QJsonObject row = caseRow(m_caseA);
        row.insert(QStringLiteral("uuid"), QStringLiteral("case-c"));
        row.insert(QStringLiteral("case_no"), QStringLiteral("20261205009"));
        row.insert(QStringLiteral("state"), QStringLiteral("reported"));
        row.insert(QStringLiteral("cell_code"), sql.section(u' ', 1));
        sql = stepSql(QStringLiteral("insp"), QStringLiteral("inspector"), QStringLiteral("case-c"),
                      QStringLiteral("report"), row, 0);
    }
    const auto r = m_db.psql(account, staffPassword, sql);
    QCOMPARE(r.exitCode, exitCode);
    if (exitCode == 0)
        QCOMPARE(r.out, expected);
    else
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    // nothing a refusal tried was written
    PgConnection conn = owner();
    auto events = conn.exec(QStringLiteral("SELECT count(*), (SELECT count(*) FROM "
                                           "citygrid.cases WHERE state = 'dispatched') FROM "
                                           "citygrid.case_events"));
    QCOMPARE(events.value().text(0, 0), QStringLiteral("6"));
    QCOMPARE(events.value().text(0, 1), QStringLiteral("2"));
}

void TestCentre::concurrentSteps()
{
    // two workstations of unit U001 report handling done on the same case version at once: the
    // server lets one through and tells the other who stepped first
    QJsonObject row = caseRow(m_caseA);
    row.insert(QStringLiteral("state"), QStringLiteral("handled"));
    const QString first = stepSql(QStringLiteral("u1"), QStringLiteral("unit_staff"), m_caseA,
                                  QStringLiteral("feedback"), row, 3);
    const QString second = stepSql(QStringLiteral("u1"), QStringLiteral("unit_staff"), m_caseA,
                                   QStringLiteral("feedback"), row, 3);
    auto a = PgConnection::open(m_db.accountUri(QStringLiteral("u1")), staffPassword);
    auto b = PgConnection::open(m_db.accountUri(QStringLiteral("u1")), staffPassword);
    QVERIFY(a && b);
    QVERIFY(a.value().run(QStringLiteral("BEGIN")));
    QVERIFY(b.value().run(QStringLiteral("BEGIN")));
    QVERIFY(a.value().exec(first));
    // b steps while a's step is not yet committed: it waits on the server, then finds the case
    // moved on when a commits
    std::optional<Result<PgResult>> late;
    std::thread waiting([&] { late = b.value().exec(second); });
    QTest::qWait(300);
    QVERIFY(!late.has_value());
    QVERIFY(a.value().run(QStringLiteral("COMMIT")));
    waiting.join();
    QVERIFY(late.has_value());
    const Result<PgResult> &refused = *late;
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("centre.stale"));
    QVERIFY2(refused.error().detail.contains(QStringLiteral("\"actor\" : \"u1\", \"step\" : "
                                                            "\"feedback\"")),
             qPrintable(refused.error().detail));
    (void)b.value().run(QStringLiteral("ROLLBACK"));
    PgConnection conn = owner();
    auto events =
        conn.exec(QStringLiteral("SELECT count(*) FROM citygrid.case_events WHERE case_uuid = $1"),
                  {m_caseA});
    QCOMPARE(events.value().text(0, 0), QStringLiteral("4"));
}

QTEST_GUILESS_MAIN(TestCentre)
#include "tst_centre.moc"
