// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
// Faults at the centre: the server stopped in the middle of work (every session ended, no new
// one let in) and back again; workstations killed (SIGKILL) at every point of a report. Each
// time: a clear message, nothing acknowledged lost, nothing taken twice, every copy's record
// intact.
#include "audit/recordaudit.h"
#include "services/appcontext.h"
#include "services/casesession.h"
#include "services/centrefeed.h"
#include "workstationfixture.h"

#include <QSignalSpy>
#include <QTemporaryDir>

using namespace citygrid;

namespace {

const QString adminPassword = QStringLiteral("Centre-admin-2026x");
const QString password = QStringLiteral("Workstation-2026-pw");

NewCase newCase()
{
    NewCase input;
    input.categoryId = QStringLiteral("E0102");
    input.lonLat = QPointF(114.055, 22.54);
    input.cellCode = QStringLiteral("440304008008002");
    input.channel = QStringLiteral("hotline");
    input.description = QStringLiteral("垃圾堆放");
    return input;
}

} // namespace

class TestCentreFaults : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup() { setServerUp(true); }
    void serverStoppedMidWork();
    void workstationKilledDuringReports();

private:
    std::unique_ptr<AppContext> open(const QString &account)
    {
        return testutil::openWorkstation(m_db, account, password);
    }
    /// Lets sessions into the test's database or not; ending every one there when not.
    void setServerUp(bool up);
    QStringList serverCases();

    testutil::CentreDatabase m_db;
    QTemporaryDir m_home;
};

void TestCentreFaults::initTestCase()
{
    if (testutil::CentreDatabase::clusterUri().isEmpty())
        QSKIP("No test cluster: scripts/test starts one and sets CITYGRID_TEST_CENTRE");
    qputenv("XDG_DATA_HOME", m_home.path().toUtf8());
    const QString refused = m_db.setUp(
        QStringLiteral("cgf"), adminPassword,
        {{QStringLiteral("op01"), QStringLiteral("坐席员"), QStringLiteral("operator")},
         {QStringLiteral("disp01"), QStringLiteral("派遣员"), QStringLiteral("dispatcher")}},
        password);
    QVERIFY2(refused.isEmpty(), qPrintable(refused));
}

void TestCentreFaults::setServerUp(bool up)
{
    // each account ends its own other sessions (what a restart does to all of them); the
    // connections for that are made before the database stops letting anyone in
    std::vector<PgConnection> own;
    for (const char *account : {"op01", "disp01"})
        if (!up) {
            auto conn = PgConnection::open(m_db.accountUri(QString::fromLatin1(account)), password);
            QVERIFY(conn);
            own.push_back(std::move(conn).value());
        }
    auto admin = PgConnection::open(testutil::CentreDatabase::clusterUri());
    QVERIFY(admin);
    QVERIFY(admin.value().run(QStringLiteral("ALTER DATABASE %1 ALLOW_CONNECTIONS %2")
                                  .arg(pgIdentifier(m_db.name()),
                                       up ? QStringLiteral("true") : QStringLiteral("false"))));
    for (PgConnection &conn : own)
        QVERIFY(conn.exec(
            QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = "
                           "current_user AND pid <> pg_backend_pid()")));
}

QStringList TestCentreFaults::serverCases()
{
    auto owner = PgConnection::open(m_db.ownerUri());
    if (!owner)
        return {QStringLiteral("(server: %1)").arg(owner.error().toText())};
    auto rows = owner.value().exec(QStringLiteral("SELECT case_no FROM citygrid.cases ORDER BY 1"));
    QStringList numbers;
    for (int i = 0; rows && i < rows.value().rows(); ++i)
        numbers.append(rows.value().text(i, 0));
    return numbers;
}

void TestCentreFaults::serverStoppedMidWork()
{
    auto op = open(QStringLiteral("op01"));
    auto disp = open(QStringLiteral("disp01"));
    QVERIFY(op && disp);
    CaseSession watching(*disp);
    watching.setUserId(QStringLiteral("disp01"));
    CentreFeed feed(watching);
    QTRY_VERIFY_WITH_TIMEOUT(feed.isConnected(), 10000);
    auto reported =
        op->cases().report(newCase(), QStringLiteral("op01"), QDateTime::currentDateTime());
    QVERIFY(reported);
    const QString uuid = reported.value().uuid;
    QTRY_VERIFY_WITH_TIMEOUT(disp->cases().find(uuid), 10000);

    // the server goes away: the window says so in its words, the step is refused and says why
    setServerUp(false);
    QTRY_VERIFY_WITH_TIMEOUT(!feed.isConnected(), 15000);
    QVERIFY2(feed.stateText().contains(QStringLiteral("out of reach since")),
             qPrintable(feed.stateText()));
    auto refused = op->cases().take(uuid, CaseStep::File, QStringLiteral("op01"),
                                    QDateTime::currentDateTime());
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("centre.offline"));
    QVERIFY2(refused.error().message.contains(QStringLiteral("nothing was saved")),
             qPrintable(refused.error().message));
    // nothing half-done, and the copy still reads
    QCOMPARE(op->cases().history(uuid).value().size(), 1);
    QCOMPARE(op->cases().find(uuid).value().status.state, CaseState::Reported);

    // back: the listener reconnects by itself, the step goes through, the other window has it
    setServerUp(true);
    QTRY_VERIFY_WITH_TIMEOUT(feed.isConnected(), 20000);
    QSignalSpy changed(&watching, &CaseSession::caseChanged);
    auto filed = op->cases().take(uuid, CaseStep::File, QStringLiteral("op01"),
                                  QDateTime::currentDateTime());
    QVERIFY2(filed, qPrintable(filed ? QString() : filed.error().toText()));
    QTRY_VERIFY_WITH_TIMEOUT(changed.contains(QVariantList{uuid}), 10000);
    QCOMPARE(disp->cases().history(uuid).value().size(), 2);
    auto owner = PgConnection::open(m_db.ownerUri());
    QVERIFY(owner);
    auto events = owner.value().exec(
        QStringLiteral("SELECT count(*) FROM citygrid.case_events WHERE case_uuid = $1"), {uuid});
    QCOMPARE(events.value().integer(0, 0), 2);
}

void TestCentreFaults::workstationKilledDuringReports()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CITYGRID_PASSWORD"), password);
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.path());
    QUrl store(m_db.address());
    store.setUserName(QStringLiteral("op01"));
    const QStringList report{
        QStringLiteral("cases"),  QStringLiteral("report"),  QStringLiteral("--category"),
        QStringLiteral("E0102"),  QStringLiteral("--lon"),   QStringLiteral("114.055"),
        QStringLiteral("--lat"),  QStringLiteral("22.54"),   QStringLiteral("--user"),
        QStringLiteral("op01"),   QStringLiteral("--store"), store.toString(),
        QStringLiteral("--lang"), QStringLiteral("en")};
    // killed at every point from the start to past the end of a report
    int killed = 0, finished = 0;
    QStringList acknowledged;
    // (past 1.5 s, on until two reports were let finish: a slow machine takes longer for one)
    for (int delay = 0; delay <= 1500 || (finished < 2 && delay < 30000); delay += 75) {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(CITYGRID_EXECUTABLE), report);
        QVERIFY(p.waitForStarted());
        if (!p.waitForFinished(delay)) {
            p.kill(); // SIGKILL
            p.waitForFinished();
            ++killed;
        } else
            ++finished;
        // a report that said its number was committed at the server
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        const qsizetype at = out.indexOf(QStringLiteral("Case "));
        if (at >= 0)
            acknowledged.append(out.mid(at + 5).section(u' ', 0, 0));
    }
    qInfo("%d reports killed, %d finished, %d acknowledged", killed, finished,
          int(acknowledged.size()));
    QVERIFY(killed > 0);
    QVERIFY(finished > 0);
    const QStringList atServer = serverCases();
    for (const QString &number : std::as_const(acknowledged))
        QVERIFY2(atServer.contains(number), qPrintable(number));
    // the copy the killed processes wrote opens, catches up and holds exactly the server's cases
    auto op = open(QStringLiteral("op01"));
    QVERIFY(op);
    QStringList here;
    QVERIFY(op->caseQuery({}, QDateTime::currentDateTime()).forEach([&](const CaseRecord &c) {
        here.append(c.caseNo);
    }));
    here.sort();
    QCOMPARE(here, atServer);
    auto audit = RecordAudit::verify(op->store().db());
    QVERIFY(audit);
    QVERIFY(audit.value().intact());
}

QTEST_MAIN(TestCentreFaults)
#include "tst_centrefaults.moc"
