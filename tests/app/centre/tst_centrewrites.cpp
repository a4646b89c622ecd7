// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
// Writes other than case steps settled on the centre's server: catalogue edits (two leaders on
// one category: one wins, the other is told who came first, nothing half-done), the "7+1"
// population, accounts enabled, disabled and given a new password (the login role follows);
// each refused with raw SQL to an account without the right; and a centre of schema 1 upgraded.
#include "assessment/assessmentpopulation.h"
#include "assessment/assessmentstore.h"
#include "catalogues/catalogueedits.h"
#include "catalogues/cataloguekinds.h"
#include "catalogues/categoryeditor.h"
#include "centre/centreschema.h"
#include "services/accountchanges.h"
#include "services/appcontext.h"
#include "services/casesession.h"
#include "services/centrefeed.h"
#include "workstationfixture.h"

#include <QDoubleSpinBox>
#include <QJsonDocument>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace citygrid;

namespace {

const QString adminPassword = QStringLiteral("Centre-admin-2026x");
const QString password = QStringLiteral("Workstation-2026-pw");
const QString category = QStringLiteral("C0101");

/// Category C0101 with a deadline of `days` working days, as the editor would save it.
QJsonObject withDeadline(const AppContext &context, int days)
{
    QJsonObject entry =
        catalogueedits::categoryJson(*context.catalogues().categories.find(category));
    entry[QLatin1String("deadline")] = QJsonObject{
        {QStringLiteral("value"), days}, {QStringLiteral("unit"), QStringLiteral("working_days")}};
    return entry;
}

int deadlineOf(const AppContext &context)
{
    return int(context.catalogues().categories.find(category)->deadline.value);
}

} // namespace

class TestCentreWrites : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void editReachesEveryWorkstation();
    void twoLeadersOneCategory();
    void editorSaysWhoSavedFirst();
    void populationThroughServer();
    void rawSqlWithoutTheRight();
    void accountsChangedAtTheServer();
    void upgradeFromSchemaOne();

private:
    std::unique_ptr<AppContext> open(const QString &account, const QString &pw = password)
    {
        return testutil::openWorkstation(m_db, account, pw);
    }
    Result<CaseCatalogues> save(AppContext &context, const QString &leader, int days,
                                const std::optional<QString> &openedAt = std::nullopt);

    testutil::CentreDatabase m_db;
    QTemporaryDir m_home;
};

void TestCentreWrites::initTestCase()
{
    if (testutil::CentreDatabase::clusterUri().isEmpty())
        QSKIP("No test cluster: scripts/test starts one and sets CITYGRID_TEST_CENTRE");
    qputenv("XDG_DATA_HOME", m_home.path().toUtf8());
    const QString refused =
        m_db.setUp(QStringLiteral("cgr"), adminPassword,
                   {{QStringLiteral("ld01"), QStringLiteral("领导一"), QStringLiteral("leader")},
                    {QStringLiteral("ld02"), QStringLiteral("领导二"), QStringLiteral("leader")},
                    {QStringLiteral("op01"), QStringLiteral("坐席员"), QStringLiteral("operator")}},
                   password);
    QVERIFY2(refused.isEmpty(), qPrintable(refused));
}

Result<CaseCatalogues> TestCentreWrites::save(AppContext &context, const QString &leader, int days,
                                              const std::optional<QString> &openedAt)
{
    return catalogueedits::saveEntry(
        context.store(), context.catalogue(), AppContext::bundledCataloguesDir(),
        cataloguekinds::category(), category, withDeadline(context, days),
        ActingUser{leader, &context.catalogues().roles}, QDateTime::currentDateTime(), openedAt);
}

void TestCentreWrites::editReachesEveryWorkstation()
{
    auto a = open(QStringLiteral("ld01"));
    auto b = open(QStringLiteral("ld02"));
    QVERIFY(a && b);
    CaseSession watching(*b);
    watching.setUserId(QStringLiteral("ld02"));
    CentreFeed feed(watching);
    QTRY_VERIFY_WITH_TIMEOUT(feed.isConnected(), 10000);
    QSignalSpy changed(&watching, &CaseSession::caseChanged);
    auto saved = save(*a, QStringLiteral("ld01"), 3);
    QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().toText()));
    QVERIFY(a->reloadCatalogues());
    QCOMPARE(deadlineOf(*a), 3);
    // the other workstation hears of it, reads its catalogues again and tells every view
    QTRY_VERIFY_WITH_TIMEOUT(changed.contains(QVariantList{QString()}), 10000);
    QCOMPARE(deadlineOf(*b), 3);
    auto record = b->refRecords().find(cataloguekinds::category(), category);
    QVERIFY(record && record.value());
    QCOMPARE(record.value()->actor, QStringLiteral("ld01"));
}

void TestCentreWrites::twoLeadersOneCategory()
{
    auto a = open(QStringLiteral("ld01"));
    auto b = open(QStringLiteral("ld02"));
    QVERIFY(a && b);
    const int before = deadlineOf(*b);
    // both copies show the same entry; a saves first, b's copy has not heard of it yet
    QVERIFY(save(*a, QStringLiteral("ld01"), 5));
    auto late = save(*b, QStringLiteral("ld02"), 7);
    QVERIFY(!late);
    QCOMPARE(late.error().code, QStringLiteral("centre.stale"));
    QVERIFY2(late.error().message.contains(QStringLiteral("ld01")),
             qPrintable(late.error().message));
    // nothing half-done: b's copy keeps what it had, the server a's edit
    QCOMPARE(deadlineOf(*b), before);
    auto server = PgConnection::open(m_db.ownerUri());
    QVERIFY(server);
    auto held = server.value().exec(
        QStringLiteral("SELECT actor, value::jsonb -> 'deadline' ->> 'value' FROM "
                       "citygrid.ref_records WHERE kind = 'category' AND key = $1"),
        {category});
    QVERIFY(held);
    QCOMPARE(held.value().text(0, 0), QStringLiteral("ld01"));
    QCOMPARE(held.value().text(0, 1), QStringLiteral("5"));
    // once b's copy caught up, a save from the form b opened before is refused here already
    auto opened = b->refRecords().writtenAt(cataloguekinds::category(), category);
    QVERIFY(b->pullCentre());
    QCOMPARE(deadlineOf(*b), 5);
    auto stale = save(*b, QStringLiteral("ld02"), 7, opened.value());
    QVERIFY(!stale);
    QCOMPARE(stale.error().code, QStringLiteral("catalogue.changed"));
    QVERIFY2(stale.error().message.contains(QStringLiteral("ld01")),
             qPrintable(stale.error().message));
    // from the latest, b's edit goes through, and a follows
    auto latest = b->refRecords().writtenAt(cataloguekinds::category(), category);
    QVERIFY(save(*b, QStringLiteral("ld02"), 7, latest.value()));
    QVERIFY(a->pullCentre());
    QCOMPARE(deadlineOf(*a), 7);
}

void TestCentreWrites::editorSaysWhoSavedFirst()
{
    auto a = open(QStringLiteral("ld01"));
    auto b = open(QStringLiteral("ld02"));
    QVERIFY(a && b);
    CaseSession session(*b);
    session.setUserId(QStringLiteral("ld02"));
    CategoryEditor editor(session);
    editor.select(category);
    QCOMPARE(int(editor.deadlineValue()->value()), deadlineOf(*b));
    // ld02 types a new deadline while ld01, at another workstation, saves first
    editor.deadlineValue()->setValue(11);
    QVERIFY(save(*a, QStringLiteral("ld01"), 12));
    auto refused = editor.save();
    QVERIFY(!refused);
    QVERIFY2(editor.status()->text().contains(QStringLiteral("ld01")),
             qPrintable(editor.status()->text()));
    // the form shows what ld01 saved; saving from it now goes through
    QCOMPARE(int(editor.deadlineValue()->value()), 12);
    editor.deadlineValue()->setValue(11);
    auto saved = editor.save();
    QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().toText()));
    QVERIFY(a->pullCentre());
    QCOMPARE(deadlineOf(*a), 11);
}

void TestCentreWrites::populationThroughServer()
{
    auto a = open(QStringLiteral("ld01"));
    auto b = open(QStringLiteral("ld02"));
    auto op = open(QStringLiteral("op01"));
    QVERIFY(a && b && op);
    const QString subdistrict = QStringLiteral("440304001");
    QHash<QString, Population> figures{{subdistrict, Population{123456, 7890}}};
    auto set = AssessmentPopulation(a->store())
                   .set(2026, figures, ActingUser{QStringLiteral("ld01"), &a->catalogues().roles},
                        QDateTime::currentDateTime());
    QVERIFY2(set, qPrintable(set ? QString() : set.error().toText()));
    QVERIFY(b->pullCentre());
    auto there = b->population(2026);
    QVERIFY(there);
    QCOMPARE(there.value().value(subdistrict).registered, 123456);
    // ld01 changes the figure again; ld02, not caught up, saves it with another subdistrict's:
    // refused whole, at the server too (the other subdistrict's figure is not there either)
    figures[subdistrict] = Population{123000, 7000};
    QVERIFY(AssessmentPopulation(a->store())
                .set(2026, figures, ActingUser{QStringLiteral("ld01"), &a->catalogues().roles},
                     QDateTime::currentDateTime()));
    const QString other = QStringLiteral("440304002");
    auto stale = AssessmentPopulation(b->store())
                     .set(2026, {{subdistrict, Population{1, 1}}, {other, Population{2, 2}}},
                          ActingUser{QStringLiteral("ld02"), &b->catalogues().roles},
                          QDateTime::currentDateTime());
    QVERIFY(!stale);
    QCOMPARE(stale.error().code, QStringLiteral("centre.stale"));
    auto server = PgConnection::open(m_db.ownerUri());
    QVERIFY(server);
    QCOMPARE(server.value()
                 .exec(QStringLiteral("SELECT count(*) FROM citygrid.ref_records WHERE key = "
                                      "'2026/%1'")
                           .arg(other))
                 .value()
                 .text(0, 0),
             QStringLiteral("0"));
    QVERIFY(!b->population(2026).value().contains(other) ||
            b->population(2026).value().value(other).registered != 2);
    // an operator may not, here or at the server
    auto refused =
        AssessmentPopulation(op->store())
            .set(2026, figures, ActingUser{QStringLiteral("op01"), &op->catalogues().roles},
                 QDateTime::currentDateTime());
    QVERIFY(!refused);
}

void TestCentreWrites::rawSqlWithoutTheRight()
{
    auto server = PgConnection::open(m_db.ownerUri());
    QVERIFY(server);
    const auto count = [&] {
        return server.value()
            .exec(QStringLiteral("SELECT count(*) || '/' || coalesce(max(seq), 0) FROM "
                                 "citygrid.ref_records"))
            .value()
            .text(0, 0);
    };
    const QString before = count();
    const QString record = QStringLiteral(
        R"({"kind": "category", "key": "C0102", "value": {"id": "C0102"}, "at": )"
        R"("2026-12-05T10:00:00.000Z", "site_id": "x", "actor": "%1", "clock": {"x": 1}})");
    struct Attempt
    {
        const char *what;
        QString account, sql;
    };
    const QList<Attempt> attempts{
        {"an operator's edit", QStringLiteral("op01"),
         QStringLiteral("SELECT citygrid.put_record('%1')")
             .arg(record.arg(QStringLiteral("op01")))},
        {"in another's name", QStringLiteral("op01"),
         QStringLiteral("SELECT citygrid.put_record('%1')")
             .arg(record.arg(QStringLiteral("ld01")))},
        {"straight into the table", QStringLiteral("ld01"),
         QStringLiteral("INSERT INTO citygrid.ref_records (kind, key, at, site_id, actor, clock) "
                        "VALUES ('category', 'C0102', now(), 'x', 'ld01', '{}')")},
        {"an edit that has not seen the last", QStringLiteral("ld01"),
         QStringLiteral("SELECT citygrid.put_record('%1')")
             .arg(QString(record.arg(QStringLiteral("ld01")))
                      .replace(QStringLiteral("C0102"), category))},
        {"an account change by an operator", QStringLiteral("op01"),
         QStringLiteral("SELECT citygrid.change_account('ld01', false, NULL, NULL, 'x', now())")},
        {"a new password by a leader", QStringLiteral("ld01"),
         QStringLiteral("SELECT citygrid.change_account('op01', NULL, 'SCRAM-SHA-256$4096:x', "
                        "'h', 'x', now())")},
    };
    for (const Attempt &a : attempts) {
        const auto run = m_db.psql(a.account, password, a.sql);
        QVERIFY2(run.exitCode != 0, a.what);
        QVERIFY2(run.err.contains(QStringLiteral("ERROR")), qPrintable(run.err));
    }
    QCOMPARE(count(), before);
    // the same edit sent again is taken once, not twice; and not at all in another's name
    auto a = open(QStringLiteral("ld01"));
    QVERIFY(a);
    auto mine = a->refRecords().find(cataloguekinds::category(), category);
    QVERIFY(mine && mine.value());
    const QString sql =
        QStringLiteral("SELECT citygrid.put_record('%1')")
            .arg(QString::fromUtf8(
                QJsonDocument(mine.value()->toJson()).toJson(QJsonDocument::Compact)));
    const QString author = mine.value()->actor;
    const QString other =
        author == QLatin1String("ld01") ? QStringLiteral("ld02") : QStringLiteral("ld01");
    const auto again = m_db.psql(author, password, sql);
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    QCOMPARE(count(), before);
    QVERIFY(m_db.psql(other, password, sql).exitCode != 0);
    QCOMPARE(count(), before);
}

void TestCentreWrites::accountsChangedAtTheServer()
{
    auto chief = open(QString::fromLatin1(testutil::CentreDatabase::adminName), adminPassword);
    QVERIFY(chief);
    const QDateTime now = QDateTime::currentDateTime();
    // disabled: the copy says so, and the login role may not even sign in with raw SQL
    auto off = accountchanges::setEnabled(*chief, QStringLiteral("chief"), QStringLiteral("op01"),
                                          false, now);
    QVERIFY2(off, qPrintable(off ? QString() : off.error().toText()));
    auto listed = chief->accounts().list();
    QVERIFY(listed);
    for (const Account &account : listed.value())
        if (account.name == QLatin1String("op01"))
            QVERIFY(!account.enabled);
    const auto locked = m_db.psql(QStringLiteral("op01"), password, QStringLiteral("SELECT 1"));
    QVERIFY(locked.exitCode != 0);
    QVERIFY2(locked.err.contains(QStringLiteral("not permitted to log in")),
             qPrintable(locked.err));
    // not even from the copy on this workstation: the server answered, and said no
    auto away = AppContext::openCentre(m_db.address(), QStringLiteral("op01"), password);
    QVERIFY(!away);
    QCOMPARE(away.error().code, QStringLiteral("centre.disabled"));
    // not itself
    auto self = accountchanges::setEnabled(*chief, QStringLiteral("chief"), QStringLiteral("chief"),
                                           false, now);
    QVERIFY(!self);
    QCOMPARE(self.error().code, QStringLiteral("account.self"));
    // enabled again, with a new password: the old one no longer signs in
    QVERIFY(accountchanges::setEnabled(*chief, QStringLiteral("chief"), QStringLiteral("op01"),
                                       true, now));
    const QString fresh = QStringLiteral("Another-pass-2026-x");
    auto reset = accountchanges::resetPassword(*chief, QStringLiteral("chief"),
                                               QStringLiteral("op01"), fresh, now);
    QVERIFY2(reset, qPrintable(reset ? QString() : reset.error().toText()));
    QVERIFY(m_db.psql(QStringLiteral("op01"), password, QStringLiteral("SELECT 1")).exitCode != 0);
    QCOMPARE(m_db.psql(QStringLiteral("op01"), fresh, QStringLiteral("SELECT 1")).exitCode, 0);
    auto op = open(QStringLiteral("op01"), fresh);
    QVERIFY(op);
    // and a weak password never reaches the server
    auto weak = accountchanges::resetPassword(*chief, QStringLiteral("chief"),
                                              QStringLiteral("op01"), QStringLiteral("123"), now);
    QVERIFY(!weak);
    // an unknown account is named
    auto unknown = accountchanges::setEnabled(*chief, QStringLiteral("chief"),
                                              QStringLiteral("nobody"), false, now);
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, QStringLiteral("account.unknown"));
}

void TestCentreWrites::upgradeFromSchemaOne()
{
    testutil::CentreDatabase old;
    const QString failed = old.setUp(
        QStringLiteral("cgu"), adminPassword,
        {{QStringLiteral("ld01"), QStringLiteral("领导"), QStringLiteral("leader")}}, password);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    // as a centre made before schemas 2 to 4 were: without their functions, tables and view,
    // the kinds and the acknowledge step's rule
    auto owner = PgConnection::open(old.ownerUri());
    QVERIFY(owner);
    QVERIFY(owner.value().run(QStringLiteral(
        "DROP VIEW citygrid.assessment_rankings; DROP FUNCTION citygrid.me(); DROP FUNCTION "
        "citygrid.replace_grid(jsonb); "
        "DROP FUNCTION citygrid.put_document(text, text, "
        "integer, jsonb); DROP FUNCTION citygrid.month_refusal(jsonb, jsonb, text, text); DROP "
        "TABLE "
        "citygrid.documents; DROP SEQUENCE citygrid.documents_seq; DROP TABLE "
        "citygrid.document_kinds; "
        "DROP FUNCTION citygrid.receive_package(jsonb, jsonb, jsonb, jsonb); "
        "DROP FUNCTION citygrid.put_record(jsonb); DROP FUNCTION citygrid.change_account(text, "
        "boolean, text, text, text, timestamptz); DROP FUNCTION citygrid.clock_covers(jsonb, "
        "jsonb); DROP TABLE citygrid.ref_kinds; DROP INDEX citygrid.ref_records_seq; DELETE FROM "
        "citygrid.step_rules WHERE step = 'acknowledge'; UPDATE citygrid.meta SET value = '1' "
        "WHERE key = 'schema'")));
    const testutil::Run status =
        testutil::runCitygrid({QStringLiteral("centre"), QStringLiteral("status"), old.ownerUri(),
                               QStringLiteral("--lang"), QStringLiteral("en")});
    QVERIFY2(status.out.contains(QStringLiteral("citygrid centre upgrade")),
             qPrintable(status.out));
    // a workstation's edit is refused with what to do, and nothing is kept
    {
        auto leader = AppContext::openCentre(old.address(), QStringLiteral("ld01"), password);
        QVERIFY(leader);
        auto refused = save(*leader.value(), QStringLiteral("ld01"), 4);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("centre.schema"));
        QVERIFY(!leader.value()->refRecords().find(cataloguekinds::category(), category).value());
        const QDate month(2026, 10, 1);
        AssessmentStore scoring(leader.value()->store(), leader.value()->catalogues().roles);
        const AssessmentScheme &scheme = leader.value()->assessmentDefaults().scheme;
        auto survey =
            scoring.setSurvey(month, QStringLiteral("440304001"), scheme.surveys().first(),
                              {80, 10, 10}, QStringLiteral("ld01"), scheme);
        QVERIFY(!survey);
        QCOMPARE(survey.error().code, QStringLiteral("centre.schema"));
        QCOMPARE(scoring.month(month, scheme).value().state, AssessmentStore::State::Draft);
        QVERIFY(scoring.sheet(month, {QStringLiteral("440304001")}, {}, scheme)
                    .value()
                    .surveys.isEmpty());
    }
    // only the owner upgrades
    const testutil::Run byAccount = testutil::runCitygrid(
        {QStringLiteral("centre"), QStringLiteral("upgrade"),
         old.accountUri(QStringLiteral("ld01")), QStringLiteral("--lang"), QStringLiteral("en")},
        {});
    QVERIFY(byAccount.exitCode != 0);
    const testutil::Run upgraded =
        testutil::runCitygrid({QStringLiteral("centre"), QStringLiteral("upgrade"), old.ownerUri(),
                               QStringLiteral("--lang"), QStringLiteral("en")});
    QVERIFY2(upgraded.exitCode == 0, qPrintable(upgraded.err));
    QVERIFY2(upgraded.out.contains(QStringLiteral("from schema 1 to 4")), qPrintable(upgraded.out));
    auto rules = owner.value().exec(
        QStringLiteral("SELECT count(*) FROM citygrid.step_rules WHERE step = 'acknowledge'"));
    QVERIFY(rules && rules.value().integer(0, 0) > 0);
    auto leader = AppContext::openCentre(old.address(), QStringLiteral("ld01"), password);
    QVERIFY(leader);
    QVERIFY(save(*leader.value(), QStringLiteral("ld01"), 4));
    // again: nothing to upgrade, the rules written again
    const testutil::Run again =
        testutil::runCitygrid({QStringLiteral("centre"), QStringLiteral("upgrade"), old.ownerUri(),
                               QStringLiteral("--lang"), QStringLiteral("en")});
    QVERIFY2(again.out.contains(QStringLiteral("schema 4 already")), qPrintable(again.out));
}

QTEST_MAIN(TestCentreWrites)
#include "tst_centrewrites.moc"
