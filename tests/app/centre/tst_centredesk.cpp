// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
// The centre's package desk: a field office keeps its GeoPackage and exchanges the same signed
// packages with a workstation of the centre, whose copy puts what the office sent on the server
// (every other workstation has it at once) and sends the office what the centre's workstations
// did. A case stepped at a workstation while a package comes in: refused whole, taken in again
// after catching up; a package taken twice adds nothing; raw SQL without the right is refused.
#include "audit/recordaudit.h"
#include "casefixture.h"
#include "services/appcontext.h"
#include "services/casesession.h"
#include "services/centrefeed.h"
#include "sync/siteidentity.h"
#include "workstationfixture.h"

#include <QSignalSpy>
#include <QTemporaryDir>

using namespace citygrid;

namespace {

const QString adminPassword = QStringLiteral("Centre-admin-2026x");
const QString password = QStringLiteral("Workstation-2026-pw");
const QString officeName = QStringLiteral("园岭街道办");

} // namespace

class TestCentreDesk : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void officeAndCentreExchange();
    void rawSqlWithoutTheRight();

private:
    std::unique_ptr<AppContext> open(const QString &account)
    {
        return testutil::openWorkstation(m_db, account, password);
    }
    /// What the server holds: how many events, and of them how many written at `site`.
    std::pair<qint64, qint64> serverEvents(const QString &site);
    SyncExchange officeExchange()
    {
        return SyncExchange(*m_office, AppContext::refKinds(), testutil::bundledRoles());
    }
    ActingUser officeAdmin() const
    {
        return ActingUser{QStringLiteral("admin01"), &testutil::bundledRoles()};
    }

    testutil::CentreDatabase m_db;
    QTemporaryDir m_home;
    std::unique_ptr<Store> m_office;
    QString m_officeSite;
};

void TestCentreDesk::initTestCase()
{
    if (testutil::CentreDatabase::clusterUri().isEmpty())
        QSKIP("No test cluster: scripts/test starts one and sets CITYGRID_TEST_CENTRE");
    qputenv("XDG_DATA_HOME", m_home.path().toUtf8());
    const QString refused = m_db.setUp(
        QStringLiteral("cgd"), adminPassword,
        {{QStringLiteral("desk01"), QStringLiteral("同步坐席"), QStringLiteral("operator")},
         {QStringLiteral("disp01"), QStringLiteral("派遣员"), QStringLiteral("dispatcher")},
         {QStringLiteral("op_yl"),
          QStringLiteral("园岭坐席"),
          QStringLiteral("operator"),
          {},
          QStringLiteral("440304002")}},
        password);
    QVERIFY2(refused.isEmpty(), qPrintable(refused));
    m_office = testutil::demoStore(m_home.filePath(QStringLiteral("office.gpkg")), 0, 3,
                                   QDateTime::currentDateTime());
    QVERIFY(m_office);
    QVERIFY(SiteIdentity::configure(*m_office, officeName, QStringLiteral("YL"), officeAdmin()));
    m_officeSite = SiteIdentity::ensure(*m_office).value().siteId();
}

std::pair<qint64, qint64> TestCentreDesk::serverEvents(const QString &site)
{
    auto owner = PgConnection::open(m_db.ownerUri());
    if (!owner)
        return {-1, -1};
    auto n = owner.value().exec(QStringLiteral("SELECT count(*), count(*) FILTER (WHERE site_id "
                                               "= $1) FROM citygrid.case_events"),
                                {site});
    return n ? std::pair{n.value().integer(0, 0), n.value().integer(0, 1)}
             : std::pair<qint64, qint64>{-1, -1};
}

void TestCentreDesk::officeAndCentreExchange()
{
    auto desk = open(QStringLiteral("desk01"));
    auto disp = open(QStringLiteral("disp01"));
    QVERIFY(desk && disp);
    const ActingUser deskUser{QStringLiteral("desk01"), &desk->catalogues().roles};
    // the desk's copy is the centre's site for the offices: name, card both ways
    QVERIFY(SiteIdentity::configure(desk->store(), QStringLiteral("指挥中心"), {}, deskUser));
    const QString deskSite = SiteIdentity::ensure(desk->store()).value().siteId();
    QVERIFY(desk->peers().add(SiteIdentity::ensure(*m_office).value().card(), deskSite, deskUser,
                              QDateTime::currentDateTime()));
    QVERIFY(SyncPeers(m_office->db())
                .add(SiteIdentity::ensure(desk->store()).value().card(), m_officeSite,
                     officeAdmin(), QDateTime::currentDateTime()));

    // the office reports offline and sends its package in
    const CaseCatalogues catalogues = testutil::bundledCatalogues();
    CaseStore officeCases(*m_office, CaseWorkflow(catalogues.roles), catalogues.calendar,
                          catalogues.categories, catalogues.units);
    NewCase input;
    input.categoryId = QStringLiteral("E0102");
    input.cellCode = QStringLiteral("440304002001001");
    input.lonLat = QPointF(114.09, 22.55);
    input.channel = QStringLiteral("inspector");
    auto made = officeCases.report(input, QStringLiteral("ins01"), QDateTime::currentDateTime());
    QVERIFY(made);
    const QString uuid = made.value().uuid;
    auto p1 = officeExchange().exportTo(deskSite, QStringLiteral("admin01"),
                                        QDateTime::currentDateTime());
    QVERIFY(p1);
    CaseSession watching(*disp);
    watching.setUserId(QStringLiteral("disp01"));
    CentreFeed feed(watching);
    QTRY_VERIFY_WITH_TIMEOUT(feed.isConnected(), 10000);
    QSignalSpy changed(&watching, &CaseSession::caseChanged);
    auto in = desk->importPackage(p1.value().file, QStringLiteral("desk01"),
                                  QDateTime::currentDateTime());
    QVERIFY2(in, qPrintable(in ? QString() : in.error().toText()));
    QCOMPARE(in.value().newEvents, 1);
    // on the server, and at another workstation without asking
    QCOMPARE(serverEvents(m_officeSite).second, 1);
    QTRY_VERIFY_WITH_TIMEOUT(changed.contains(QVariantList{uuid}), 10000);
    QCOMPARE(disp->cases().find(uuid).value().caseNo, made.value().caseNo);

    // the centre files and dispatches it at its workstations; the office hears of both
    QVERIFY(desk->cases().take(uuid, CaseStep::File, QStringLiteral("desk01"),
                               QDateTime::currentDateTime()));
    QTRY_COMPARE_WITH_TIMEOUT(disp->cases().find(uuid).value().status.state, CaseState::Filed,
                              10000);
    auto suggested = disp->cases().suggestedUnit(disp->cases().find(uuid).value());
    QVERIFY(suggested && suggested.value());
    StepInput to;
    to.unitId = suggested.value()->id;
    auto dispatched = disp->cases().take(uuid, CaseStep::Dispatch, QStringLiteral("disp01"),
                                         QDateTime::currentDateTime(), to);
    QVERIFY2(dispatched, qPrintable(dispatched ? QString() : dispatched.error().toText()));
    auto out =
        desk->exportPackage(officeName, QStringLiteral("desk01"), QDateTime::currentDateTime());
    QVERIFY2(out, qPrintable(out ? QString() : out.error().toText()));
    auto atOffice = officeExchange().importPackage(out.value().file, QStringLiteral("admin01"),
                                                   QDateTime::currentDateTime());
    QVERIFY2(atOffice, qPrintable(atOffice ? QString() : atOffice.error().toText()));
    auto there = officeCases.find(uuid);
    QCOMPARE(there.value().status.state, CaseState::Dispatched);
    const QString unit = there.value().unitId;
    auto officeAudit = RecordAudit::verify(m_office->db());
    QVERIFY(officeAudit && officeAudit.value().intact());

    // the unit's staff at the office acknowledge it; at the centre a unit's account does too,
    // before the desk has caught up: the desk's package is refused whole, nothing kept
    const QString staff = testutil::demoStaffOf(unit);
    QVERIFY(!staff.isEmpty());
    QVERIFY(officeCases.take(uuid, CaseStep::Acknowledge, staff, QDateTime::currentDateTime()));
    auto p2 = officeExchange().exportTo(deskSite, QStringLiteral("admin01"),
                                        QDateTime::currentDateTime());
    QVERIFY(p2);
    QVERIFY(m_db.addAccounts({{QStringLiteral("u1"), QStringLiteral("单位"),
                               QStringLiteral("unit_staff"), unit}},
                             adminPassword, password)
                .isEmpty());
    auto unitDesk = open(QStringLiteral("u1"));
    QVERIFY(unitDesk);
    QVERIFY(unitDesk->cases().take(uuid, CaseStep::Acknowledge, QStringLiteral("u1"),
                                   QDateTime::currentDateTime()));
    const auto before = serverEvents(m_officeSite);
    const qint64 deskHistory = desk->cases().history(uuid).value().size();
    auto stale = desk->exchange().importPackage(p2.value().file, QStringLiteral("desk01"),
                                                QDateTime::currentDateTime());
    QVERIFY(!stale);
    QCOMPARE(stale.error().code, QStringLiteral("centre.stale"));
    QVERIFY2(stale.error().message.contains(QStringLiteral("nothing of the package was kept")),
             qPrintable(stale.error().message));
    QCOMPARE(serverEvents(m_officeSite), before);
    QCOMPARE(desk->cases().history(uuid).value().size(), deskHistory);
    // the desk catches up and takes it in
    auto taken = desk->importPackage(p2.value().file, QStringLiteral("desk01"),
                                     QDateTime::currentDateTime());
    QVERIFY2(taken, qPrintable(taken ? QString() : taken.error().toText()));
    QCOMPARE(serverEvents(m_officeSite).second, before.second + 1);
    // again: nothing twice, here or at the server
    const auto after = serverEvents(m_officeSite);
    auto again = desk->importPackage(p2.value().file, QStringLiteral("desk01"),
                                     QDateTime::currentDateTime());
    QVERIFY(again);
    QVERIFY(again.value().alreadyApplied());
    QCOMPARE(serverEvents(m_officeSite), after);
    // the office is 园岭's: a case the centre has elsewhere does not reach it
    QVERIFY(desk->setPeerArea(officeName, QStringLiteral("440304002"), deskUser));
    NewCase elsewhere = input;
    elsewhere.cellCode = QStringLiteral("440304008008002");
    elsewhere.lonLat = QPointF(114.055, 22.54);
    auto far =
        desk->cases().report(elsewhere, QStringLiteral("desk01"), QDateTime::currentDateTime());
    QVERIFY(far);
    auto areaOnly =
        desk->exportPackage(officeName, QStringLiteral("desk01"), QDateTime::currentDateTime());
    QVERIFY(areaOnly);
    QCOMPARE(areaOnly.value().header.area, QStringLiteral("440304002"));
    QVERIFY(officeExchange().importPackage(areaOnly.value().file, QStringLiteral("admin01"),
                                           QDateTime::currentDateTime()));
    QVERIFY(!officeCases.find(far.value().uuid));
    auto heldBack = RecordAudit::verify(m_office->db());
    QVERIFY(heldBack && heldBack.value().intact());
    QVERIFY(heldBack.value().withheld >= 1);
    // every copy's record holds
    for (AppContext *copy : {desk.get(), disp.get()}) {
        QVERIFY(copy->pullCentre());
        auto audit = RecordAudit::verify(copy->store().db());
        QVERIFY(audit);
        QVERIFY2(audit.value().intact(), qPrintable(copy->storePath()));
        QCOMPARE(copy->cases().history(uuid).value().size(),
                 desk->cases().history(uuid).value().size());
    }
}

void TestCentreDesk::rawSqlWithoutTheRight()
{
    const QString sql = QStringLiteral("SELECT citygrid.receive_package('[]', '[]', '[]', '[]')");
    // a dispatcher holds no sync right; an operator of one area does not see the whole district
    for (const char *account : {"disp01", "op_yl"}) {
        const auto run = m_db.psql(QString::fromLatin1(account), password, sql);
        QVERIFY2(run.exitCode != 0, account);
        QVERIFY2(run.err.contains(QStringLiteral("ERROR")), qPrintable(run.err));
    }
    QCOMPARE(m_db.psql(QStringLiteral("desk01"), password, sql).out.trimmed(), QStringLiteral("0"));
}

QTEST_MAIN(TestCentreDesk)
#include "tst_centredesk.moc"
