// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
// The "7+1" month on the centre's server: scores entered at one workstation, the month
// submitted, published and corrected at others, each seen everywhere (live, through the feed);
// two evaluators on one month without seeing each other's score (the second is told, nothing of
// it is kept, and goes through once caught up); evidence shared; and with raw SQL, a supervisor
// who publishes, a month that skips its review, an operator who scores: each refused.
#include "assessment/assessmentevidence.h"
#include "assessment/assessmentmonthdoc.h"
#include "assessment/assessmentpopulation.h"
#include "assessment/assessmentstore.h"
#include "assessment/assessmentwindow.h"
#include "assessmentfixture.h"
#include "audit/recordaudit.h"
#include "cases/caseworkspace.h"
#include "services/appcontext.h"
#include "services/casesession.h"
#include "services/centrefeed.h"
#include "shell/mainwindow.h"
#include "workstationfixture.h"

#include <QJsonArray>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace citygrid;

namespace {

const QString adminPassword = QStringLiteral("Centre-admin-2026x");
const QString password = QStringLiteral("Workstation-2026-pw");
const QStringList codes{QStringLiteral("440304001"), QStringLiteral("440304002")};

/// The month as `context`'s copy holds it, without its scheme (each copy names its built-in
/// default scheme its own way).
QJsonObject monthOf(AppContext &context, QDate month)
{
    auto document =
        assessmentmonthdoc::read(context.store().db(), AssessmentStore::monthKey(month));
    if (!document)
        return {};
    QJsonObject o = document.value();
    o.remove(QStringLiteral("scheme"));
    return o;
}

/// The first point of `scheme` the internal team scores.
const AssessmentScheme::Point *internalPoint(const AssessmentScheme &scheme)
{
    for (const auto &[first, p] : scheme.points())
        if (p->method == AssessmentScheme::Method::Checklist && p->internal)
            return p;
    return nullptr;
}

} // namespace

class TestCentreAssessment : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void monthThroughServer();
    void twoEvaluatorsOneMonth();
    void evidenceShared();
    void windowFollowsLive();
    void rawSqlRefused();

private:
    std::unique_ptr<AppContext> open(const QString &account)
    {
        return testutil::openWorkstation(m_db, account, password);
    }
    static AssessmentStore assessment(AppContext &context)
    {
        return AssessmentStore(context.store(), context.catalogues().roles);
    }
    static const AssessmentScheme &scheme(AppContext &context)
    {
        return context.assessmentDefaults().scheme;
    }

    testutil::CentreDatabase m_db;
    QTemporaryDir m_home;
};

void TestCentreAssessment::initTestCase()
{
    if (testutil::CentreDatabase::clusterUri().isEmpty())
        QSKIP("No test cluster: scripts/test starts one and sets CITYGRID_TEST_CENTRE");
    qputenv("XDG_DATA_HOME", m_home.path().toUtf8());
    const QString refused = m_db.setUp(
        QStringLiteral("cga"), adminPassword,
        {{QStringLiteral("sv01"), QStringLiteral("督查一"), QStringLiteral("supervisor")},
         {QStringLiteral("sv02"), QStringLiteral("督查二"), QStringLiteral("supervisor")},
         {QStringLiteral("ld01"), QStringLiteral("领导一"), QStringLiteral("leader")},
         {QStringLiteral("op01"), QStringLiteral("坐席员"), QStringLiteral("operator")}},
        password);
    QVERIFY2(refused.isEmpty(), qPrintable(refused));
}

void TestCentreAssessment::monthThroughServer()
{
    const QDate month(2026, 10, 1);
    auto a = open(QStringLiteral("sv01"));
    auto b = open(QStringLiteral("ld01"));
    QVERIFY(a && b);
    CaseSession watching(*b);
    watching.setUserId(QStringLiteral("ld01"));
    CentreFeed feed(watching);
    QTRY_VERIFY_WITH_TIMEOUT(feed.isConnected(), 10000);
    QSignalSpy changed(&watching, &CaseSession::assessmentChanged);

    // the evaluators' scores, entered at sv01's workstation, reach the leader's live
    AssessmentStore scoring = assessment(*a);
    testutil::fillAssessmentMonth(scoring, month, codes, {{codes[0], 0.9}}, scheme(*a),
                                  QDateTime::currentDateTime());
    QTRY_VERIFY_WITH_TIMEOUT(monthOf(*b, month) == monthOf(*a, month), 5000);
    QVERIFY(changed.count() > 0);
    const int entered = int(monthOf(*b, month)[QLatin1String("scores")].toArray().size());
    QVERIFY2(entered > 10, qPrintable(QString::number(entered)));

    // the year's population set by the leader; then submitted there, published here,
    // corrected here: each seen at the other workstation
    auto population = AssessmentPopulation(b->store())
                          .set(2026, {{codes[0], {100000, 50000}}, {codes[1], {80000, 20000}}},
                               ActingUser{QStringLiteral("ld01"), &b->catalogues().roles},
                               QDateTime::currentDateTime());
    QVERIFY2(population, qPrintable(population ? QString() : population.error().toText()));
    QVERIFY(a->pullCentre());
    auto sheet = scoring.sheet(month, codes, testutil::perfectFigures(codes), scheme(*a));
    QVERIFY(sheet);
    auto submitted =
        scoring.submit(month, sheet.value(), QStringLiteral("sv01"), QDateTime::currentDateTime());
    QVERIFY2(submitted, qPrintable(submitted ? QString() : submitted.error().toText()));
    AssessmentStore deciding = assessment(*b);
    QTRY_COMPARE_WITH_TIMEOUT(deciding.month(month, scheme(*b)).value().state,
                              AssessmentStore::State::Review, 5000);
    auto frozen = deciding.sheet(month, codes, {}, scheme(*b));
    QVERIFY(frozen);
    QCOMPARE(frozen.value().figures, sheet.value().figures);
    auto published = deciding.publish(month, frozen.value(), QStringLiteral("ld01"),
                                      QDateTime::currentDateTime());
    QVERIFY2(published, qPrintable(published ? QString() : published.error().toText()));
    QVERIFY(a->pullCentre());
    QCOMPARE(scoring.month(month, scheme(*a)).value().state, AssessmentStore::State::Published);
    QCOMPARE(monthOf(*a, month), monthOf(*b, month));

    const AssessmentEntry fixed{codes[1],
                                sheet.value().entries.first().point,
                                sheet.value().entries.first().side,
                                sheet.value().entries.first().evaluator,
                                0,
                                QStringLiteral("重评")};
    auto corrected =
        deciding.correctScore(month, fixed, codes, QStringLiteral("ld01"),
                              QStringLiteral("复核发现问题"), QDateTime::currentDateTime());
    QVERIFY2(corrected, qPrintable(corrected ? QString() : corrected.error().toText()));
    QVERIFY(a->pullCentre());
    const AssessmentStore::Month there = scoring.month(month, scheme(*a)).value();
    QCOMPARE(there.revision, 2);
    QCOMPARE(monthOf(*a, month), monthOf(*b, month));
    auto history = scoring.events(month);
    QVERIFY(history);
    QStringList actions;
    for (const AssessmentStore::Event &e : history.value())
        actions.append(e.actor + u':' + e.action);
    QCOMPARE(actions,
             QStringList({QStringLiteral("sv01:submitted"), QStringLiteral("ld01:published"),
                          QStringLiteral("ld01:corrected")}));
    // each copy's record of what it wrote and what it took from the server holds
    for (AppContext *copy : {a.get(), b.get()}) {
        auto audit = RecordAudit::verify(copy->store().db());
        QVERIFY(audit);
        QVERIFY2(audit.value().intact(), qPrintable(audit.value().findings.isEmpty()
                                                        ? QString()
                                                        : audit.value().findings.first().message));
    }
    // a supervisor may not correct a published month: refused here, before the server
    QVERIFY(!scoring.correctScore(month, fixed, codes, QStringLiteral("sv01"), QStringLiteral("x"),
                                  QDateTime::currentDateTime()));
}

void TestCentreAssessment::twoEvaluatorsOneMonth()
{
    const QDate month(2026, 9, 1);
    auto a = open(QStringLiteral("sv01"));
    auto c = open(QStringLiteral("sv02"));
    QVERIFY(a && c);
    const AssessmentScheme &bundled = scheme(*a);
    const AssessmentScheme::Point *point = internalPoint(bundled);
    QVERIFY(point);
    const AssessmentEntry first{
        codes[0],   point->id, AssessmentEntry::Side::Internal, QStringLiteral("考评组"),
        point->max, {}};
    AssessmentEntry second = first;
    second.subdistrict = codes[1];
    second.score = point->max / 2;

    AssessmentStore here = assessment(*a);
    AssessmentStore there = assessment(*c);
    QVERIFY(
        here.setScore(month, first, QStringLiteral("sv01"), QDateTime::currentDateTime(), bundled));
    // sv02's copy has not caught up with sv01's score: refused, saying who came first
    auto refused = there.setScore(month, second, QStringLiteral("sv02"),
                                  QDateTime::currentDateTime(), scheme(*c));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("centre.stale"));
    QVERIFY2(refused.error().message.contains(QStringLiteral("sv01")),
             qPrintable(refused.error().message));
    QVERIFY(monthOf(*c, month)[QLatin1String("scores")].toArray().isEmpty());
    // caught up, the same score goes through; both workstations then hold both
    QVERIFY(c->pullCentre());
    auto taken = there.setScore(month, second, QStringLiteral("sv02"), QDateTime::currentDateTime(),
                                scheme(*c));
    QVERIFY2(taken, qPrintable(taken ? QString() : taken.error().toText()));
    QVERIFY(a->pullCentre());
    QCOMPARE(monthOf(*a, month)[QLatin1String("scores")].toArray().size(), 2);
    QCOMPARE(monthOf(*a, month), monthOf(*c, month));
}

void TestCentreAssessment::evidenceShared()
{
    const QDate month(2026, 9, 1);
    auto a = open(QStringLiteral("sv01"));
    auto b = open(QStringLiteral("ld01"));
    QVERIFY(a && b);
    QByteArray photo(200000, '\0');
    for (int i = 0; i < photo.size(); ++i)
        photo[i] = char(i * 7919 % 251);
    AssessmentEvidence::File file{{},
                                  codes[0],
                                  QStringLiteral("1.1"),
                                  QStringLiteral("现场.jpg"),
                                  QStringLiteral("image/jpeg"),
                                  photo,
                                  QStringLiteral("sv01"),
                                  {}};
    auto added = AssessmentEvidence(a->store())
                     .add(month, file, a->catalogues().roles, QDateTime::currentDateTime());
    QVERIFY2(added, qPrintable(added ? QString() : added.error().toText()));
    QVERIFY(b->pullCentre());
    auto there = AssessmentEvidence(b->store()).of(month, codes[0]);
    QVERIFY(there);
    QCOMPARE(there.value().size(), 1);
    QCOMPARE(there.value().first().data, photo);
    QCOMPARE(there.value().first().name, file.name);
    QCOMPARE(there.value().first().addedBy, QStringLiteral("sv01"));
    // an operator's evidence: refused at the workstation
    file.addedBy = QStringLiteral("op01");
    auto op = open(QStringLiteral("op01"));
    QVERIFY(op);
    QVERIFY(!AssessmentEvidence(op->store())
                 .add(month, file, op->catalogues().roles, QDateTime::currentDateTime()));
}

void TestCentreAssessment::windowFollowsLive()
{
    // the leader's "7+1" window on the centre: a score entered at a supervisor's workstation
    // shows in its grid at once, with no action here
    const QDate month(2026, 6, 1);
    auto a = open(QStringLiteral("sv01"));
    auto b = open(QStringLiteral("ld01"));
    QVERIFY(a && b);
    MainWindow window(std::move(b), {});
    window.cases()->session().setUserId(QStringLiteral("ld01"));
    QTRY_VERIFY_WITH_TIMEOUT(window.centreFeed()->isConnected(), 10000);
    AssessmentWindow *shown = window.showAssessment();
    QVERIFY(shown);
    shown->setMonth(month);
    QTRY_VERIFY_WITH_TIMEOUT(shown->isReady(), 30000);
    const int before = shown->progress()->value();
    const AssessmentScheme &bundled = scheme(*a);
    const AssessmentScheme::Point *point = internalPoint(bundled);
    QVERIFY(point);
    QVERIFY(assessment(*a).setScore(month,
                                    {codes[0],
                                     point->id,
                                     AssessmentEntry::Side::Internal,
                                     QStringLiteral("考评组"),
                                     point->max,
                                     {}},
                                    QStringLiteral("sv01"), QDateTime::currentDateTime(), bundled));
    QTRY_COMPARE_WITH_TIMEOUT(shown->progress()->value(), before + 1, 5000);
    // the leader cannot publish a draft from here: the window says why, nothing changes
    QVERIFY(!shown->publish());
    QCOMPARE(shown->state().state, AssessmentStore::State::Draft);
}

void TestCentreAssessment::rawSqlRefused()
{
    auto server = PgConnection::open(m_db.ownerUri());
    QVERIFY(server);
    // a month under review, as the server holds it
    const QString key = QStringLiteral("2026-08");
    const QString draft = QStringLiteral(
        R"({"state": "%1", "revision": 0, "scheme": {"uuid": "s"}, "scores": [], "surveys": [],)"
        R"( "events": [], "results": [], "figures": []})");
    QVERIFY(server.value().exec(
        QStringLiteral("INSERT INTO citygrid.documents (kind, key, version, value, actor) VALUES "
                       "('assessment.month', $1, 1, $2::jsonb, 'sv01')"),
        {key, draft.arg(QStringLiteral("review"))}));
    const auto state = [&] {
        return server.value()
            .exec(QStringLiteral("SELECT version || '/' || (value ->> 'state') FROM "
                                 "citygrid.documents WHERE key = $1"),
                  {key})
            .value()
            .text(0, 0);
    };
    QCOMPARE(state(), QStringLiteral("1/review"));
    struct Attempt
    {
        const char *what;
        QString account, sql;
    };
    const auto put = [&](const QString &month, int seen, const QString &toState) {
        return QStringLiteral("SELECT citygrid.put_document('assessment.month', '%1', %2, '%3')")
            .arg(month)
            .arg(seen)
            .arg(draft.arg(toState));
    };
    // a new draft of 2026-07 whose `part` holds `rows`
    const auto draftWith = [&](const QString &part, const QString &rows) {
        return QStringLiteral("SELECT citygrid.put_document('assessment.month', '2026-07', 0, "
                              "'%1')")
            .arg(QString(draft.arg(QStringLiteral("draft")))
                     .replace(QStringLiteral("\"%1\": []").arg(part),
                              QStringLiteral("\"%1\": %2").arg(part, rows)));
    };
    const QList<Attempt> attempts{
        {"a supervisor publishes", QStringLiteral("sv01"),
         put(key, 1, QStringLiteral("published"))},
        {"a supervisor returns a month", QStringLiteral("sv01"),
         put(key, 1, QStringLiteral("draft"))},
        {"a leader skips the review", QStringLiteral("ld01"),
         put(QStringLiteral("2026-07"), 0, QStringLiteral("published"))},
        {"a leader on an old version", QStringLiteral("ld01"),
         put(key, 0, QStringLiteral("published"))},
        {"an operator scores", QStringLiteral("op01"),
         put(QStringLiteral("2026-07"), 0, QStringLiteral("draft"))},
        {"a month of rows without columns", QStringLiteral("sv01"),
         QStringLiteral("SELECT citygrid.put_document('assessment.month', '2026-07', 0, "
                        "'{\"state\": \"draft\", \"scheme\": {}, \"scores\": [[1]], \"surveys\": "
                        "[], \"events\": [], \"results\": [], \"figures\": []}')")},
        {"a month as a record", QStringLiteral("ld01"),
         QStringLiteral("SELECT citygrid.put_record('{\"kind\": \"assessment.month\", \"key\": "
                        "\"2026-07\", \"value\": {}, \"at\": \"2026-12-05T10:00:00Z\", "
                        "\"site_id\": \"x\", \"actor\": \"ld01\", \"clock\": {\"x\": 1}}')")},
        {"a history in another's name", QStringLiteral("sv01"),
         draftWith(QStringLiteral("events"),
                   QStringLiteral(R"([["u", "2026-07-31", "ld01", "published", null, null]])"))},
        {"a score in another's name", QStringLiteral("sv01"),
         draftWith(QStringLiteral("scores"),
                   QStringLiteral(R"([["440304001", "1.1.1", "internal", "a", "u", 3, null, )"
                                  R"("sv02", "2026-07-31"]])"))},
        {"rankings without the right", QStringLiteral("sv01"),
         draftWith(QStringLiteral("results"),
                   QStringLiteral(R"([[1, "440304001", 90, 1, 90, 1, "[]"]])"))},
        {"evidence replaced", QStringLiteral("sv01"),
         QStringLiteral("SELECT citygrid.put_document('assessment.evidence', key, 1, "
                        "'{\"month\": \"2026-09\"}') FROM citygrid.documents WHERE kind = "
                        "'assessment.evidence' LIMIT 1")},
        {"straight into the table", QStringLiteral("ld01"),
         QStringLiteral("UPDATE citygrid.documents SET value = jsonb_set(value, '{state}', "
                        "'\"published\"')")},
    };
    for (const Attempt &a : attempts) {
        const auto run = m_db.psql(a.account, password, a.sql);
        QVERIFY2(run.exitCode != 0, a.what);
        QVERIFY2(run.err.contains(QStringLiteral("ERROR")), qPrintable(run.err));
    }
    QCOMPARE(state(), QStringLiteral("1/review"));
    QCOMPARE(server.value()
                 .exec(QStringLiteral("SELECT count(*) FROM citygrid.documents WHERE key = "
                                      "'2026-07'"))
                 .value()
                 .text(0, 0),
             QStringLiteral("0"));
    // the leader returns it, with the right and on the version the server holds
    const auto back =
        m_db.psql(QStringLiteral("ld01"), password, put(key, 1, QStringLiteral("draft")));
    QVERIFY2(back.exitCode == 0, qPrintable(back.err));
    QCOMPARE(state(), QStringLiteral("2/draft"));
    // a month the server holds that this CityGrid cannot read (its scheme is none) is left
    // out, with a warning: the workstations still open and catch up
    auto b = open(QStringLiteral("ld01"));
    QVERIFY(b);
    QVERIFY(b->pullCentre());
    auto months = AssessmentStore(b->store(), b->catalogues().roles).months();
    QVERIFY(months);
    for (const AssessmentStore::Month &m : months.value())
        QVERIFY(m.month != QDate(2026, 8, 1));
    // the published rankings read as a table by anyone of the centre
    const auto view =
        m_db.psql(QStringLiteral("op01"), password,
                  QStringLiteral("SELECT count(*) FROM citygrid.assessment_rankings"));
    QVERIFY2(view.exitCode == 0, qPrintable(view.err));
}

QTEST_MAIN(TestCentreAssessment)
#include "tst_centreassessment.moc"
