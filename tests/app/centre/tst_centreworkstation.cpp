// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
// Workstations of the centre: each account's copy of the server, steps settled by the server
// (one wins, the other is told who came first), the live feed that brings another
// workstation's step into the session, a dropped connection taken up again, and writes that
// would stay on one workstation refused.
#include "accounts/centresignindialog.h"
#include "audit/recordaudit.h"
#include "cases/casealerts.h"
#include "centre/centrelistener.h"
#include "servefixture.h"
#include "services/appcontext.h"
#include "services/casesession.h"
#include "services/centrefeed.h"
#include "shell/mainwindow.h"
#include "workstationfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>

using namespace citygrid;

namespace {

const QString adminPassword = QStringLiteral("Centre-admin-2026x");
const QString password = QStringLiteral("Workstation-2026-pw");

} // namespace

class TestCentreWorkstation : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void copyPerAccount();
    void liveFeed();
    void serverSettlesTwoWorkstations();
    void droppedConnection();
    void wrongPassword();
    void localOnlyWritesRefused();
    void windowSaysLive();
    void signInDialog();
    void open311OnCentre();
    void acknowledgementReachesTheDispatcher();

private:
    std::unique_ptr<AppContext> open(const QString &account)
    {
        return testutil::openWorkstation(m_db, account, password);
    }
    QString uri() const { return m_db.address(); }
    NewCase newCase() const;

    testutil::CentreDatabase m_db;
    QTemporaryDir m_home;
};

void TestCentreWorkstation::initTestCase()
{
    if (testutil::CentreDatabase::clusterUri().isEmpty())
        QSKIP("No test cluster: scripts/test starts one and sets CITYGRID_TEST_CENTRE");
    // the copies go where this test says, not into the user's data
    qputenv("XDG_DATA_HOME", m_home.path().toUtf8());
    const QString refused = m_db.setUp(
        QStringLiteral("cgw"), adminPassword,
        {{QStringLiteral("op01"), QStringLiteral("坐席员一"), QStringLiteral("operator")},
         {QStringLiteral("op02"), QStringLiteral("坐席员二"), QStringLiteral("operator")},
         {QStringLiteral("disp01"), QStringLiteral("派遣员"), QStringLiteral("dispatcher")},
         {QStringLiteral("u1"), QStringLiteral("城管局"), QStringLiteral("unit_staff"),
          QStringLiteral("U001")}},
        password);
    QVERIFY2(refused.isEmpty(), qPrintable(refused));
}

void TestCentreWorkstation::cleanupTestCase() {}

NewCase TestCentreWorkstation::newCase() const
{
    NewCase input;
    input.categoryId = QStringLiteral("E0102");
    input.lonLat = QPointF(114.055, 22.54);
    input.cellCode = QStringLiteral("440304008008002");
    input.channel = QStringLiteral("hotline");
    input.description = QStringLiteral("垃圾堆放");
    return input;
}

void TestCentreWorkstation::copyPerAccount()
{
    auto op = open(QStringLiteral("op01"));
    QVERIFY(op);
    QVERIFY(op->centre());
    // one copy per account, under the user's data, made from the server's grid
    QVERIFY2(op->storePath().startsWith(m_home.path()), qPrintable(op->storePath()));
    QVERIFY(op->storePath().endsWith(QStringLiteral("/op01.gpkg")));
    QCOMPARE(op->catalogue().count(GridLevel::Cell), 202);
    auto accounts = op->accounts().list();
    QVERIFY(accounts);
    QCOMPARE(accounts.value().size(), 5);
}

void TestCentreWorkstation::liveFeed()
{
    auto op = open(QStringLiteral("op01"));
    auto disp = open(QStringLiteral("disp01"));
    QVERIFY(op && disp);
    CaseSession watching(*disp);
    watching.setUserId(QStringLiteral("disp01"));
    CentreFeed feed(watching);
    QSignalSpy live(&feed, &CentreFeed::stateChanged);
    QTRY_VERIFY_WITH_TIMEOUT(feed.isConnected(), 10000);
    QSignalSpy changed(&watching, &CaseSession::caseChanged);
    auto reported =
        op->cases().report(newCase(), QStringLiteral("op01"), QDateTime::currentDateTime());
    QVERIFY2(reported, qPrintable(reported ? QString() : reported.error().toText()));
    // the other workstation hears of it and has it, without asking
    QTRY_VERIFY_WITH_TIMEOUT(changed.contains(QVariantList{reported.value().uuid}), 10000);
    auto there = disp->cases().find(reported.value().uuid);
    QVERIFY(there);
    QCOMPARE(there.value().caseNo, reported.value().caseNo);
    QCOMPARE(there.value().status.state, CaseState::Reported);
    auto history = disp->cases().history(reported.value().uuid);
    QCOMPARE(history.value().size(), 1);
    QCOMPARE(history.value().first().actor, QStringLiteral("op01"));
    // what a copy received is in its record: checking it finds nothing added behind its back
    for (AppContext *copy : {op.get(), disp.get()}) {
        auto audit = RecordAudit::verify(copy->store().db());
        QVERIFY(audit);
        QVERIFY2(audit.value().intact(), qPrintable(copy->storePath()));
    }
}

void TestCentreWorkstation::serverSettlesTwoWorkstations()
{
    auto a = open(QStringLiteral("op01"));
    auto b = open(QStringLiteral("op02"));
    QVERIFY(a && b);
    auto reported =
        a->cases().report(newCase(), QStringLiteral("op01"), QDateTime::currentDateTime());
    QVERIFY(reported);
    QVERIFY(b->pullCentre());
    // both see the case reported; a files it first
    QVERIFY(a->cases().take(reported.value().uuid, CaseStep::File, QStringLiteral("op01"),
                            QDateTime::currentDateTime()));
    auto late = b->cases().take(reported.value().uuid, CaseStep::Void, QStringLiteral("op02"),
                                QDateTime::currentDateTime());
    QVERIFY(!late);
    QCOMPARE(late.error().code, QStringLiteral("centre.stale"));
    QVERIFY2(late.error().message.contains(QStringLiteral("op01")),
             qPrintable(late.error().message));
    QVERIFY2(late.error().message.contains(reported.value().caseNo),
             qPrintable(late.error().message));
    // nothing half-done: b's copy still has the report alone, the server report and file
    QCOMPARE(b->cases().history(reported.value().uuid).value().size(), 1);
    QVERIFY(b->pullCentre());
    auto now = b->cases().find(reported.value().uuid);
    QCOMPARE(now.value().status.state, CaseState::Filed);
    QCOMPARE(b->cases().history(reported.value().uuid).value().size(), 2);
    // case numbers come from the server: two workstations never give the same one
    auto other = b->cases().report(newCase(), QStringLiteral("op02"), QDateTime::currentDateTime());
    QVERIFY(other);
    QVERIFY(other.value().caseNo != reported.value().caseNo);
}

void TestCentreWorkstation::droppedConnection()
{
    auto op = open(QStringLiteral("op01"));
    QVERIFY(op);
    CentreListener listener(m_db.accountUri(QStringLiteral("op01")), password);
    QSignalSpy state(&listener, &CentreListener::connectionChanged);
    listener.start();
    QVERIFY(listener.isConnected());
    // the server ends every other session of op01 (as a restart or a network drop would)
    auto same = PgConnection::open(m_db.accountUri(QStringLiteral("op01")), password);
    QVERIFY(same);
    auto ended = same.value().exec(QStringLiteral(
        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE "
        "usename = current_user AND pid <> pg_backend_pid()"));
    QVERIFY2(ended, qPrintable(ended ? QString() : ended.error().toText()));
    QVERIFY(ended.value().integer(0, 0) >= 2); // the listener's and the step link's
    QTRY_VERIFY_WITH_TIMEOUT(!state.isEmpty() && !state.last().at(0).toBool(), 10000);
    // the listener comes back by itself; the step link reconnects for the next step
    QTRY_VERIFY_WITH_TIMEOUT(listener.isConnected(), 15000);
    auto reported =
        op->cases().report(newCase(), QStringLiteral("op01"), QDateTime::currentDateTime());
    QVERIFY2(reported, qPrintable(reported ? QString() : reported.error().toText()));
}

void TestCentreWorkstation::wrongPassword()
{
    auto opened =
        AppContext::openCentre(uri(), QStringLiteral("op01"), QStringLiteral("nope-nope-nope"));
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, QStringLiteral("centre.login"));
    // a server that is not there, and no copy yet for this account
    QUrl nowhere(uri());
    nowhere.setPort(1);
    auto away = AppContext::openCentre(nowhere.toString(), QStringLiteral("op01"), password);
    QVERIFY(!away);
    QVERIFY2(away.error().message.contains(QStringLiteral("no copy of the centre yet")),
             qPrintable(away.error().message));
    // an address that is none: said so, and no server (nor the machine's own cluster) is tried
    for (const QString &bad : {QStringLiteral("postgresql://op01@127.0.0.1:99999/citygrid"),
                               QStringLiteral("postgresql://op01@127.0.0.1:5432"),
                               QStringLiteral("postgresql:///citygrid")}) {
        auto refused = AppContext::openCentre(bad, QStringLiteral("op01"), password);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("centre.address"));
    }
}

void TestCentreWorkstation::localOnlyWritesRefused()
{
    auto op = open(QStringLiteral("op01"));
    QVERIFY(op);
    // a bulk load would stay on this workstation: refused, nothing written
    auto bulk = op->cases().reportMany({{newCase(), QDateTime::currentDateTime(), {}}},
                                       QStringLiteral("op01"));
    QVERIFY(!bulk);
    QCOMPARE(bulk.error().code, QStringLiteral("centre.bulk"));
    // packages go through the server (tst_centredesk): an export gets as far as the peer
    auto sync = op->exchange().exportTo(QStringLiteral("nobody"), QStringLiteral("op01"),
                                        QDateTime::currentDateTime());
    QVERIFY(!sync);
    QCOMPARE(sync.error().code, QStringLiteral("sync.unknown-peer"));
}

void TestCentreWorkstation::windowSaysLive()
{
    auto disp = open(QStringLiteral("disp01"));
    QVERIFY(disp);
    MainWindow window(std::move(disp), {});
    QVERIFY(window.centreFeed());
    QTRY_VERIFY_WITH_TIMEOUT(window.centreFeed()->isConnected(), 10000);
    const QString text = window.centreFeed()->stateText();
    QVERIFY2(text.endsWith(QStringLiteral("· live")), qPrintable(text));
}

void TestCentreWorkstation::signInDialog()
{
    CentreSignInDialog dialog(uri(), QStringLiteral("u1"));
    auto *account = dialog.findChild<QLineEdit *>(QStringLiteral("account"));
    auto *secret = dialog.findChild<QLineEdit *>(QStringLiteral("password"));
    auto *problem = dialog.findChild<QLabel *>(QStringLiteral("problem"));
    QVERIFY(account && secret && problem);
    QCOMPARE(account->text(), QStringLiteral("u1"));
    dialog.show();
    // a wrong password: said in the dialog, which stays for another try
    secret->setText(QStringLiteral("not-the-password"));
    QTest::keyClick(secret, Qt::Key_Return);
    QVERIFY(dialog.isVisible());
    QVERIFY(!problem->isHidden());
    QVERIFY2(problem->text().contains(QStringLiteral("did not accept the sign-in")),
             qPrintable(problem->text()));
    QVERIFY(!dialog.takeContext());
    secret->setText(password);
    QTest::keyClick(secret, Qt::Key_Return);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    auto context = dialog.takeContext();
    QVERIFY(context);
    QCOMPARE(context->centreAccount(), QStringLiteral("u1"));
}

/// `citygrid serve` on the centre: a request posted to it is a case on the server that every
/// workstation has; a step taken at a workstation is the status the city platform reads back.
void TestCentreWorkstation::open311OnCentre()
{
    const QString keys = m_home.filePath(QStringLiteral("open311-keys"));
    const testutil::Run key = testutil::runCitygrid(
        {QStringLiteral("serve"), QStringLiteral("keys"), QStringLiteral("add"),
         QStringLiteral("city"), QStringLiteral("--channel"), QStringLiteral("assigned"),
         QStringLiteral("--keys"), keys});
    QCOMPARE(key.exitCode, 0);
    QProcess serve;
    const QString base =
        testutil::startServe(serve,
                             {QStringLiteral("--store"), uri(), QStringLiteral("--user"),
                              QStringLiteral("op02"), QStringLiteral("--keys"), keys},
                             password);
    QVERIFY2(!base.startsWith(u'!'), qPrintable(base));
    const auto curl = [](const QStringList &arguments) {
        return QJsonDocument::fromJson(testutil::curl(arguments).body).array();
    };
    const QJsonArray posted = curl(
        {QStringLiteral("-d"), QStringLiteral("api_key=") + key.out.trimmed(), QStringLiteral("-d"),
         QStringLiteral("service_code=E0102"), QStringLiteral("-d"), QStringLiteral("lat=22.54"),
         QStringLiteral("-d"), QStringLiteral("long=114.055"), QStringLiteral("-d"),
         QStringLiteral("description=open311"), QStringLiteral("-d"),
         QStringLiteral("attribute[city_case_no]=SZ-C-1"), base + QStringLiteral("requests.json")});
    const QString number =
        posted.first().toObject().value(QStringLiteral("service_request_id")).toString();
    QVERIFY2(!number.isEmpty(), QJsonDocument(posted).toJson().constData());

    // on the server, so at any workstation; op01 files it there
    auto op = open(QStringLiteral("op01"));
    QVERIFY(op);
    auto uuid = op->cases().resolve(number);
    QVERIFY(uuid);
    QCOMPARE(op->cases().find(uuid.value()).value().channel, QStringLiteral("assigned"));
    StepInput note;
    note.note = QStringLiteral("valid");
    QVERIFY(op->cases().take(uuid.value(), CaseStep::File, QStringLiteral("op01"),
                             QDateTime::currentDateTime(), note));
    const QJsonObject status =
        curl({base + QStringLiteral("requests/SZ-C-1.json")}).first().toObject();
    QCOMPARE(status.value(QStringLiteral("service_request_id")).toString(), number);
    QCOMPARE(status.value(QStringLiteral("status_notes")).toString(),
             QStringLiteral("Filed: valid"));
    serve.kill();
    QVERIFY(serve.waitForFinished());
}

/// A unit's workstation acknowledges a case (opening it); the dispatcher who sent it is told, at
/// their own workstation, through the server.
void TestCentreWorkstation::acknowledgementReachesTheDispatcher()
{
    auto op = open(QStringLiteral("op01"));
    auto disp = open(QStringLiteral("disp01"));
    auto unit = open(QStringLiteral("u1"));
    QVERIFY(op && disp && unit);
    auto reported =
        op->cases().report(newCase(), QStringLiteral("op01"), QDateTime::currentDateTime());
    QVERIFY(reported);
    const QString uuid = reported.value().uuid;
    QVERIFY(op->cases().take(uuid, CaseStep::File, QStringLiteral("op01"),
                             QDateTime::currentDateTime()));
    QVERIFY(disp->pullCentre());
    StepInput to;
    to.unitId = QStringLiteral("U001");
    QVERIFY(disp->cases().take(uuid, CaseStep::Dispatch, QStringLiteral("disp01"),
                               QDateTime::currentDateTime(), to));
    QVERIFY(unit->pullCentre());
    auto acknowledged = unit->cases().take(uuid, CaseStep::Acknowledge, QStringLiteral("u1"),
                                           QDateTime::currentDateTime());
    QVERIFY2(acknowledged, qPrintable(acknowledged ? QString() : acknowledged.error().toText()));
    QVERIFY(disp->pullCentre());
    const CaseCatalogues &catalogues = disp->catalogues();
    const CaseAlerts alerts(disp->store().db(), catalogues.calendar, catalogues.alerts);
    auto told = alerts.forAccount(disp->accounts().actor(QStringLiteral("disp01")).value(),
                                  QDateTime::currentDateTime());
    QVERIFY(told);
    const auto ack =
        std::find_if(told.value().cbegin(), told.value().cend(), [&](const CaseAlert &a) {
            return a.caseUuid == uuid && a.kind == CaseAlert::Kind::Acknowledged;
        });
    QVERIFY(ack != told.value().cend());
    QCOMPARE(ack->by, QStringLiteral("u1"));
}

QTEST_MAIN(TestCentreWorkstation)
#include "tst_centreworkstation.moc"
