// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/assessmentevidence.h"
#include "assessment/assessmentfigures.h"
#include "assessment/assessmentkinds.h"
#include "assessment/assessmentmonthdoc.h"
#include "assessment/assessmentrankings.h"
#include "assessment/assessmentschemes.h"
#include "assessment/assessmentstore.h"
#include "assessmentfixture.h"
#include "audit/recordaudit.h"
#include "casefixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace citygrid;

namespace {

QByteArray defaultSchemeJson()
{
    QFile file(QStringLiteral(":/catalogues/assessment-scheme.json"));
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

AssessmentScheme defaultScheme()
{
    return AssessmentScheme::fromJson(defaultSchemeJson()).value();
}

const QDateTime at(QDate(2026, 11, 3), QTime(9, 0));
const QDate october(2026, 10, 1);
const QDate september(2026, 9, 1);

void fillMonth(AssessmentStore &store, QDate month, const QStringList &codes,
               const QHash<QString, double> &fraction, const AssessmentScheme &scheme)
{
    testutil::fillAssessmentMonth(store, month, codes, fraction, scheme, at);
}

} // namespace

class TestAssessment : public QObject
{
    Q_OBJECT
private slots:
    void defaultSchemeAddsUp();
    void brokenScheme_data();
    void brokenScheme();
    void schemeRoundTrip();
    void difficulty_data();
    void difficulty();
    void satisfactionIndex();
    void computedFigures();
    void pointFraction_data();
    void pointFraction();
    void sheetArithmetic();
    void ranking_data();
    void ranking();
    void monthLifecycle();
    void schemeVersions();
    void monthDocument();
    void brokenMonthDocument_data();
    void brokenMonthDocument();
};

void TestAssessment::defaultSchemeAddsUp()
{
    auto scheme = AssessmentScheme::fromJson(defaultSchemeJson());
    QVERIFY2(scheme, qPrintable(scheme ? QString() : scheme.error().toText()));
    const AssessmentScheme &s = scheme.value();
    QVERIFY(s.isDefault());
    QCOMPARE(s.indicators().size(), 8);
    int seconds = 0, satisfaction = 0;
    double total = 0;
    for (const auto &f : s.indicators()) {
        seconds += int(f.children.size());
        satisfaction += f.satisfaction ? 1 : 0;
        total += f.weight;
    }
    QCOMPARE(seconds, 20);
    QCOMPARE(s.points().size(), 40);
    QCOMPARE(satisfaction, 1);
    QCOMPARE(total, 100.0);
    QCOMPARE(s.surveys(), QStringList({QStringLiteral("public"), QStringLiteral("callback")}));
    // the aspects the district's team checks (appearance, case quality, warehouse, patrols) are
    // all there
    for (const char *id : {"3.1.1", "6.2.1", "4.1.1", "6.3.1"})
        QVERIFY(s.point(QLatin1String(id)));
}

void TestAssessment::brokenScheme_data()
{
    QTest::addColumn<QString>("path"); ///< "first/second/point/key", indexes into the tree
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("expected"); ///< part of the message

    QTest::newRow("point weight") << QStringLiteral("0/0/0/weight") << QJsonValue(4)
                                  << QStringLiteral("1.1");
    QTest::newRow("zero maximum") << QStringLiteral("1/0/1/max") << QJsonValue(0)
                                  << QStringLiteral("2.1.2");
    QTest::newRow("unknown figure")
        << QStringLiteral("6/0/0/figure") << QJsonValue(QStringLiteral("speed"))
        << QStringLiteral("7.1.1");
    QTest::newRow("unknown method")
        << QStringLiteral("0/1/0/method") << QJsonValue(QStringLiteral("vote"))
        << QStringLiteral("1.2.1");
    QTest::newRow("duplicate id") << QStringLiteral("0/1/1/id")
                                  << QJsonValue(QStringLiteral("1.2.1")) << QStringLiteral("1.2.1");
    QTest::newRow("nobody scores") << QStringLiteral("2/0/0/evaluators") << QJsonValue(QJsonArray())
                                   << QStringLiteral("3.1.1");
    QTest::newRow("no survey") << QStringLiteral("7/0/0/survey") << QJsonValue(QStringLiteral(""))
                               << QStringLiteral("8.1.1");
    QTest::newRow("two satisfactions")
        << QStringLiteral("0/kind") << QJsonValue(QStringLiteral("satisfaction"))
        << QStringLiteral("\"+1\"");
    QTest::newRow("equal marks") << QStringLiteral("6/0/0/zero_at") << QJsonValue(95)
                                 << QStringLiteral("7.1.1");
}

void TestAssessment::brokenScheme()
{
    QFETCH(QString, path);
    QFETCH(QJsonValue, value);
    QFETCH(QString, expected);
    QJsonObject root = QJsonDocument::fromJson(defaultSchemeJson()).object();
    const QStringList parts = path.split(u'/');
    QJsonArray first = root[QStringLiteral("indicators")].toArray();
    QJsonObject f = first[parts[0].toInt()].toObject();
    if (parts.size() == 2) {
        f[parts[1]] = value;
    } else {
        QJsonArray seconds = f[QStringLiteral("children")].toArray();
        QJsonObject s = seconds[parts[1].toInt()].toObject();
        QJsonArray points = s[QStringLiteral("points")].toArray();
        QJsonObject p = points[parts[2].toInt()].toObject();
        p[parts[3]] = value;
        points[parts[2].toInt()] = p;
        s[QStringLiteral("points")] = points;
        seconds[parts[1].toInt()] = s;
        f[QStringLiteral("children")] = seconds;
    }
    first[parts[0].toInt()] = f;
    root[QStringLiteral("indicators")] = first;
    auto scheme = AssessmentScheme::fromJson(QJsonDocument(root).toJson());
    QVERIFY(!scheme);
    QVERIFY2(scheme.error().message.contains(expected), qPrintable(scheme.error().message));
}

void TestAssessment::schemeRoundTrip()
{
    const AssessmentScheme s = defaultScheme();
    auto again = AssessmentScheme::fromJson(s.toJson());
    QVERIFY(again);
    QCOMPARE(again.value().toJson(), s.toJson());
    QCOMPARE(again.value().points().size(), 40);
    // not JSON at all, and a wrong kind of file
    QCOMPARE(AssessmentScheme::fromJson("{ not json").error().code,
             QStringLiteral("assessment.scheme-json"));
    QCOMPARE(AssessmentScheme::fromJson(R"({"format": "something"})").error().code,
             QStringLiteral("assessment.scheme-format"));
    // a tree that does not have the shape it declares
    QJsonObject root = QJsonDocument::fromJson(defaultSchemeJson()).object();
    QJsonObject shape = root[QStringLiteral("shape")].toObject();
    shape[QStringLiteral("points")] = 41;
    root[QStringLiteral("shape")] = shape;
    auto wrongShape = AssessmentScheme::fromJson(QJsonDocument(root).toJson());
    QVERIFY(!wrongShape);
    QVERIFY(wrongShape.error().message.contains(QStringLiteral("41")));
}

void TestAssessment::difficulty_data()
{
    QTest::addColumn<qint64>("registered");
    QTest::addColumn<qint64>("nonRegistered");
    QTest::addColumn<double>("coefficient");
    // default rule: 1.00 at a non-registered share of 20 % or less, 1.10 at 45 % or more,
    // linear between
    QTest::newRow("mostly registered") << qint64(90) << qint64(10) << 1.0;
    QTest::newRow("at the low share") << qint64(80) << qint64(20) << 1.0;
    QTest::newRow("half way") << qint64(675) << qint64(325) << 1.05;
    QTest::newRow("at the high share") << qint64(55) << qint64(45) << 1.1;
    QTest::newRow("mostly migrants") << qint64(30) << qint64(70) << 1.1;
    QTest::newRow("Fubao (demo)") << qint64(72656) << qint64(44460)
                                  << 1.0 + 0.1 * ((44460.0 / 117116.0) - 0.2) / 0.25;
    QTest::newRow("no population") << qint64(0) << qint64(0) << 1.0;
}

void TestAssessment::difficulty()
{
    QFETCH(qint64, registered);
    QFETCH(qint64, nonRegistered);
    QFETCH(double, coefficient);
    QVERIFY(qAbs(defaultScheme().difficulty().coefficient(registered, nonRegistered) -
                 coefficient) < 1e-9);
}

void TestAssessment::satisfactionIndex()
{
    const auto &s = defaultScheme().satisfaction();
    QCOMPARE(s.index(80, 15, 5), (80 + 15 * 0.6) / 100.0);
    QCOMPARE(s.index(0, 0, 9), 0.0);
    QVERIFY(std::isnan(s.index(0, 0, 0)));
}

void TestAssessment::computedFigures()
{
    // Subdistrict 440304002 with 4 cells; in October: cell A has 3 cases of E0101 and 1 of
    // E0102, cell B 1 of E0101 (filed 5, 2 repeat a category already filed in their cell: 40 %).
    // Patrols (inspector reports) in A and B: 2 of 4 cells, 50 %. Two cases closed on time,
    // three still open past their October deadline: closure 40 %, on time 40 %.
    const QString a = QStringLiteral("440304002001001"), b = QStringLiteral("440304002001002");
    struct Row
    {
        QString cell, category, channel;
        bool closed;
    };
    const QList<Row> rows{{a, QStringLiteral("E0101"), QStringLiteral("inspector"), true},
                          {a, QStringLiteral("E0101"), QStringLiteral("hotline"), true},
                          {a, QStringLiteral("E0101"), QStringLiteral("hotline"), false},
                          {a, QStringLiteral("E0102"), QStringLiteral("hotline"), false},
                          {b, QStringLiteral("E0101"), QStringLiteral("inspector"), false}};
    CaseFacts::Builder builder;
    for (const Row &r : rows) {
        CaseOutcome o;
        o.cell = r.cell;
        o.category = r.category;
        o.channel = r.channel;
        o.unit = QStringLiteral("unit");
        o.state = r.closed ? CaseState::Closed : CaseState::Dispatched;
        o.reported = QDate(2026, 10, 5);
        o.deadline = QDate(2026, 10, 9);
        o.closed = r.closed ? QDate(2026, 10, 8) : QDate();
        o.filed = true;
        o.onTime = r.closed;
        o.overdue = !r.closed;
        builder.add(o);
    }
    // a case of September in the same cell does not count
    CaseOutcome old;
    old.cell = a;
    old.category = QStringLiteral("E0102");
    old.channel = QStringLiteral("inspector");
    old.reported = QDate(2026, 9, 20);
    old.filed = true;
    builder.add(old);
    const CaseFacts facts = builder.finish();
    const auto figures =
        AssessmentFigures::compute(facts, october, {{QStringLiteral("440304002"), 4, 20000}});
    const auto f = figures.value(QStringLiteral("440304002"));
    QCOMPARE(f.value(QStringLiteral("recurrence_rate")), 40.0);
    QCOMPARE(f.value(QStringLiteral("patrol_coverage")), 50.0);
    QCOMPARE(f.value(QStringLiteral("closure_rate")), 40.0);
    QCOMPARE(f.value(QStringLiteral("on_time_rate")), 40.0);
    QCOMPARE(f.value(QStringLiteral("closed_per_10k")), 1.0);
    QVERIFY(!AssessmentFigures::formula(QStringLiteral("recurrence_rate")).isEmpty());
    // a subdistrict without cases has nothing to measure
    const auto none =
        AssessmentFigures::compute(facts, october, {{QStringLiteral("440304011"), 3, 1000}});
    QVERIFY(
        std::isnan(none.value(QStringLiteral("440304011")).value(QStringLiteral("closure_rate"))));
    QCOMPARE(none.value(QStringLiteral("440304011")).value(QStringLiteral("patrol_coverage")), 0.0);
}

void TestAssessment::pointFraction_data()
{
    QTest::addColumn<double>("figure");
    QTest::addColumn<double>("fullAt");
    QTest::addColumn<double>("zeroAt");
    QTest::addColumn<double>("fraction");
    QTest::newRow("on time, full") << 97.0 << 95.0 << 60.0 << 1.0;
    QTest::newRow("on time, between") << 77.5 << 95.0 << 60.0 << 0.5;
    QTest::newRow("on time, none") << 50.0 << 95.0 << 60.0 << 0.0;
    QTest::newRow("rework, lower is better") << 5.0 << 0.0 << 20.0 << 0.75;
    QTest::newRow("rework, worse than zero") << 30.0 << 0.0 << 20.0 << 0.0;
    QTest::newRow("nothing to measure") << qQNaN() << 95.0 << 60.0 << 1.0;
}

void TestAssessment::pointFraction()
{
    QFETCH(double, figure);
    QFETCH(double, fullAt);
    QFETCH(double, zeroAt);
    QFETCH(double, fraction);
    QCOMPARE(AssessmentScheme::computedShare(figure, fullAt, zeroAt), fraction);
}

void TestAssessment::sheetArithmetic()
{
    AssessmentSheet sheet;
    sheet.scheme = defaultScheme();
    const QString code = QStringLiteral("440304002");
    sheet.subdistricts = {code};
    // population; 27 internal and 7 external checklist sides; 2 surveys; 7 computed points
    QCOMPARE(sheet.gaps().size(), 1 + 27 + 7 + 2 + 7);
    sheet.population[code] = {80, 20};
    sheet.figures = testutil::perfectFigures({code});
    for (const auto &[first, p] : sheet.scheme.points()) {
        if (p->internal && p->method == AssessmentScheme::Method::Checklist)
            sheet.entries.append(
                {code, p->id, AssessmentEntry::Side::Internal, QStringLiteral("a"), p->max, {}});
        if (p->external && p->method == AssessmentScheme::Method::Checklist) {
            // two external evaluators: their mean (half marks) counts
            sheet.entries.append(
                {code, p->id, AssessmentEntry::Side::External, QStringLiteral("x"), p->max, {}});
            sheet.entries.append(
                {code, p->id, AssessmentEntry::Side::External, QStringLiteral("y"), 0, {}});
        }
    }
    for (const QString &survey : sheet.scheme.surveys())
        sheet.surveys[code][survey] = {50, 50, 0}; // index 0.8
    QVERIFY(sheet.gaps().isEmpty());
    QCOMPARE(sheet.progress(), std::make_pair(40, 40));
    const AssessmentScore s = sheet.score(code);
    QCOMPARE(s.missing, 0);
    // Points scored by both sides (3.1.1 w2, 3.1.2 w2, 7.3.1 w3) get 0.6 + 0.4 x 0.5 = 0.8 of
    // their weight; external-only points (8.2.x, 8.3.x: 10) half; surveys (10) 0.8.
    const double expected = 100 - 7 * 0.2 - 10 * 0.5 - 10 * 0.2;
    QVERIFY(qAbs(s.raw - expected) < 1e-9);
    QVERIFY(qAbs(s.perFirst[7] - (20 - 5 - 2)) < 1e-9); // satisfaction
    QCOMPARE(s.coefficient, 1.0);
    QVERIFY(qAbs(s.adjusted - expected) < 1e-9);
    sheet.population[code] = {55, 45};
    QVERIFY(qAbs(sheet.score(code).adjusted - expected * 1.1) < 1e-9);
    // an evaluator's score taken away: the point is missing again, and the gap names it
    sheet.entries.removeFirst();
    QCOMPARE(sheet.gaps().size(), 1);
    QCOMPARE(sheet.gaps().first().point, QStringLiteral("1.1.1"));
    QCOMPARE(sheet.score(code).missing, 1);
}

void TestAssessment::ranking_data()
{
    QTest::addColumn<QList<double>>("adjusted"); ///< of subdistricts s1, s2, ...
    QTest::addColumn<QList<int>>("ranks");       ///< in the same order
    QTest::newRow("distinct") << QList<double>{70, 90, 80} << QList<int>{3, 1, 2};
    QTest::newRow("tie shares the better rank")
        << QList<double>{80, 90, 90, 70} << QList<int>{3, 1, 1, 4};
    QTest::newRow("equal to the hundredth")
        << QList<double>{88.123, 88.1249, 88.13} << QList<int>{2, 2, 1};
}

void TestAssessment::ranking()
{
    QFETCH(QList<double>, adjusted);
    QFETCH(QList<int>, ranks);
    QList<AssessmentScore> scores;
    for (int i = 0; i < adjusted.size(); ++i) {
        AssessmentScore s;
        s.subdistrict = QStringLiteral("s%1").arg(i + 1);
        s.adjusted = adjusted[i];
        scores.append(s);
    }
    const auto rows = rankAssessment(scores, {{QStringLiteral("s1"), 1}});
    for (const AssessmentRank &row : rows) {
        const int i = row.subdistrict.mid(1).toInt() - 1;
        QCOMPARE(row.rank, ranks[i]);
        if (i == 0)
            QCOMPARE(row.change(), 1 - ranks[0]);
        else
            QCOMPARE(row.change(), 0);
    }
    // best first
    for (int i = 1; i < rows.size(); ++i)
        QVERIFY(rows[i - 1].rank <= rows[i].rank);
}

void TestAssessment::monthLifecycle()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("store.gpkg"));
    auto store = testutil::demoStore(path, 0, 1, at);
    QVERIFY(store);
    AssessmentStore assessment(*store, testutil::bundledRoles());
    const AssessmentScheme scheme = defaultScheme();
    auto catalogue = store->loadCatalogue();
    QVERIFY(catalogue);
    QStringList codes;
    for (const GridUnit *u : catalogue.value().children({}))
        codes.append(u->code);
    QCOMPARE(codes.size(), 10);
    const auto figures = testutil::perfectFigures(codes);

    // a score outside the point's range, a computed point, an unknown subdistrict: refused
    QCOMPARE(assessment
                 .setScore(october,
                           {codes[0],
                            QStringLiteral("1.1.1"),
                            AssessmentEntry::Side::Internal,
                            QStringLiteral("a"),
                            11,
                            {}},
                           QStringLiteral("sv01"), at, scheme)
                 .error()
                 .code,
             QStringLiteral("assessment.bad-score"));
    QVERIFY(!assessment.setScore(october,
                                 {codes[0],
                                  QStringLiteral("7.1.1"),
                                  AssessmentEntry::Side::Internal,
                                  QStringLiteral("a"),
                                  5,
                                  {}},
                                 QStringLiteral("sv01"), at, scheme));
    QVERIFY(!assessment.setScore(october,
                                 {QStringLiteral("440304099"),
                                  QStringLiteral("1.1.1"),
                                  AssessmentEntry::Side::Internal,
                                  QStringLiteral("a"),
                                  5,
                                  {}},
                                 QStringLiteral("sv01"), at, scheme));
    QVERIFY(!assessment.setScore(october,
                                 {codes[0],
                                  QStringLiteral("8.2.1"),
                                  AssessmentEntry::Side::Internal,
                                  QStringLiteral("a"),
                                  5,
                                  {}},
                                 QStringLiteral("sv01"), at, scheme));

    // evidence: a photo kept with the point; an empty file refused
    AssessmentEvidence::File photo{{},
                                   codes[0],
                                   QStringLiteral("3.1.1"),
                                   QStringLiteral("uniform.jpg"),
                                   QStringLiteral("image/jpeg"),
                                   QByteArray(2048, 'x'),
                                   QStringLiteral("sv01"),
                                   {}};
    QVERIFY(
        AssessmentEvidence(assessment.store()).add(october, photo, testutil::bundledRoles(), at));
    photo.data.clear();
    QCOMPARE(AssessmentEvidence(assessment.store())
                 .add(october, photo, testutil::bundledRoles(), at)
                 .error()
                 .code,
             QStringLiteral("assessment.bad-evidence"));
    const auto kept = AssessmentEvidence(assessment.store()).of(october, codes[0]).value();
    QCOMPARE(kept.size(), 1);
    QCOMPARE(kept.first().name, QStringLiteral("uniform.jpg"));
    QCOMPARE(kept.first().data.size(), 2048);
    QVERIFY(AssessmentEvidence(assessment.store()).of(october, codes[1]).value().isEmpty());

    // September published first, so October shows the change of rank
    QHash<QString, double> septemberShare;
    for (int i = 0; i < codes.size(); ++i)
        septemberShare[codes[i]] = 0.5 + 0.05 * i; // the last code best
    fillMonth(assessment, september, codes, septemberShare, scheme);
    auto sepSheet = assessment.sheet(september, codes, figures, scheme);
    QVERIFY(sepSheet);
    QVERIFY(assessment.submit(september, sepSheet.value(), QStringLiteral("sv01"), at));
    QVERIFY(assessment.publish(september, sepSheet.value(), QStringLiteral("ld01"), at));

    // October: one subdistrict incomplete → refused, nothing changes
    QHash<QString, double> share;
    for (int i = 0; i < codes.size(); ++i)
        share[codes[i]] = 0.9 - 0.05 * i; // the first code best
    fillMonth(assessment, october, codes, share, scheme);
    const AssessmentEntry first{codes[3],
                                QStringLiteral("2.1.1"),
                                AssessmentEntry::Side::Internal,
                                QStringLiteral("考评组"),
                                0,
                                {}};
    QVERIFY(assessment.removeScore(october, first, QStringLiteral("sv01")));
    auto sheet = assessment.sheet(october, codes, figures, scheme);
    QVERIFY(sheet);
    QCOMPARE(sheet.value().progress(), std::make_pair(399, 400));
    auto refused = assessment.submit(october, sheet.value(), QStringLiteral("sv01"), at);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("assessment.incomplete"));
    QVERIFY(refused.error().detail.contains(QStringLiteral("2.1.1")));
    QCOMPARE(assessment.month(october, scheme).value().state, AssessmentStore::State::Draft);

    AssessmentEntry again = first;
    again.score = 10 * share[codes[3]];
    QVERIFY(assessment.setScore(october, again, QStringLiteral("sv01"), at, scheme));
    sheet = assessment.sheet(october, codes, figures, scheme);
    QVERIFY(assessment.submit(october, sheet.value(), QStringLiteral("sv01"), at));
    // under review: scores are locked; back to draft only with a reason
    QCOMPARE(assessment.setScore(october, again, QStringLiteral("sv01"), at, scheme).error().code,
             QStringLiteral("assessment.locked"));
    QVERIFY(!assessment.returnToDraft(october, QStringLiteral("ld01"), QStringLiteral(" "), at));
    QVERIFY(assessment.returnToDraft(october, QStringLiteral("ld01"),
                                     QStringLiteral("复核 2.1.1 证据"), at));
    QVERIFY(assessment.submit(october, sheet.value(), QStringLiteral("sv01"), at));
    // the figures were frozen at submission: what the cases say later no longer matters
    auto frozen = assessment.sheet(october, codes, {}, scheme);
    QCOMPARE(frozen.value().figures.value(codes[0]).value(QStringLiteral("on_time_rate")), 100.0);
    QVERIFY(assessment.publish(october, frozen.value(), QStringLiteral("ld01"), at));

    auto ranking = AssessmentRankings(assessment.store()).of(october);
    QVERIFY(ranking);
    QCOMPARE(ranking.value().size(), 10);
    // Best raw score is the first code; the coefficients may reorder, so check the arithmetic
    for (const AssessmentRank &row : ranking.value()) {
        QVERIFY(qAbs(row.adjusted - row.raw * row.coefficient) < 1e-9);
        QVERIFY(row.previousRank >= 1);
    }
    for (int i = 1; i < ranking.value().size(); ++i)
        QVERIFY(ranking.value()[i - 1].adjusted >= ranking.value()[i].adjusted);

    // published: locked; a correction needs a reason and writes revision 2, keeping 1
    QCOMPARE(assessment.setScore(october, again, QStringLiteral("sv01"), at, scheme).error().code,
             QStringLiteral("assessment.locked"));
    const QString last = ranking.value().last().subdistrict;
    AssessmentEntry fix{last,
                        QStringLiteral("6.2.1"),
                        AssessmentEntry::Side::Internal,
                        QStringLiteral("考评组"),
                        10,
                        {}};
    QVERIFY(!assessment.correctScore(october, fix, codes, QStringLiteral("ld01"), {}, at));
    QVERIFY(assessment.correctScore(october, fix, codes, QStringLiteral("ld01"),
                                    QStringLiteral("案卷评查漏计 2 宗"), at));
    QCOMPARE(assessment.month(october, scheme).value().revision, 2);
    const auto before = AssessmentRankings(assessment.store()).of(october, 1).value();
    const auto after = AssessmentRankings(assessment.store()).of(october).value();
    const auto rawOf = [](const QList<AssessmentRank> &rows, const QString &code) {
        for (const AssessmentRank &r : rows)
            if (r.subdistrict == code)
                return r.raw;
        return qQNaN();
    };
    const double gain = 3 * (1 - share[last]); // weight 3, from share x max to max
    QVERIFY(qAbs(rawOf(after, last) - rawOf(before, last) - gain) < 1e-9);

    auto events = assessment.events(october);
    QVERIFY(events);
    QStringList actions;
    for (const auto &e : events.value())
        actions.append(e.action);
    QCOMPARE(actions, QStringList({QStringLiteral("submitted"), QStringLiteral("returned"),
                                   QStringLiteral("submitted"), QStringLiteral("published"),
                                   QStringLiteral("corrected")}));
    const auto correction = events.value().last();
    QCOMPARE(correction.actor, QStringLiteral("ld01"));
    QCOMPARE(correction.reason, QStringLiteral("案卷评查漏计 2 宗"));
    QCOMPARE(correction.payload[QStringLiteral("point")].toString(), QStringLiteral("6.2.1"));
    QCOMPARE(correction.payload[QStringLiteral("before")].toDouble(), 10 * share[last]);
    QCOMPARE(correction.payload[QStringLiteral("after")].toDouble(), 10.0);
    QCOMPARE(correction.payload[QStringLiteral("revision")].toInt(), 2);

    // a survey correction: revision 3
    QVERIFY(assessment.correctSurvey(october, codes[0], QStringLiteral("public"), {1, 0, 99}, codes,
                                     QStringLiteral("ld01"), QStringLiteral("问卷录入错误"), at));
    QCOMPARE(assessment.month(october, scheme).value().revision, 3);
    QVERIFY(rawOf(AssessmentRankings(assessment.store()).of(october).value(), codes[0]) <
            rawOf(after, codes[0]) - 4);
}

void TestAssessment::schemeVersions()
{
    QTemporaryDir dir;
    auto store = testutil::demoStore(dir.filePath(QStringLiteral("s.gpkg")), 0, 1, at);
    QVERIFY(store);
    AssessmentStore assessment(*store, testutil::bundledRoles());
    const AssessmentScheme scheme = defaultScheme();
    auto current = AssessmentSchemes(assessment.store()).current(scheme);
    QVERIFY(current);
    QCOMPARE(current.value().first, 1);
    // touch two months: September under review, October a draft
    const QString code = QStringLiteral("440304002");
    const AssessmentEntry entry{
        code, QStringLiteral("1.1.1"), AssessmentEntry::Side::Internal, QStringLiteral("a"), 5, {}};
    QVERIFY(assessment.setScore(september, entry, QStringLiteral("sv01"), at, scheme));
    QVERIFY(assessment.setScore(october, entry, QStringLiteral("sv01"), at, scheme));

    AssessmentScheme edited = scheme;
    edited.setDifficulty({0.1, 0.5, 1.0, 1.2});
    auto saved = AssessmentSchemes(assessment.store())
                     .save(edited, ActingUser{QStringLiteral("ld01"), &testutil::bundledRoles()},
                           QStringLiteral("wider coefficient"), at);
    QVERIFY(saved);
    QCOMPARE(saved.value(), 2);
    QCOMPARE(assessment.month(october, scheme).value().schemeVersion, 2);
    QCOMPARE(AssessmentSchemes(assessment.store()).versions().value().size(), 2);

    // a broken edit is refused and stores nothing
    AssessmentScheme broken = scheme;
    broken.indicators()[0].weight = 11;
    auto refused =
        AssessmentSchemes(assessment.store())
            .save(broken, ActingUser{QStringLiteral("ld01"), &testutil::bundledRoles()}, {}, at);
    QVERIFY(!refused);
    QCOMPARE(AssessmentSchemes(assessment.store()).versions().value().size(), 2);
    QCOMPARE(AssessmentSchemes(assessment.store()).scheme(1).value().difficulty().coefficientHigh,
             1.1);
    QCOMPARE(AssessmentSchemes(assessment.store()).scheme(2).value().difficulty().coefficientHigh,
             1.2);
}

void TestAssessment::monthDocument()
{
    // a month scored and published at one store, put in place at another: the same month, and
    // the second store's record holds
    QTemporaryDir dir;
    auto from = testutil::demoStore(dir.filePath(QStringLiteral("a.gpkg")), 0, 1, at);
    auto to = testutil::demoStore(dir.filePath(QStringLiteral("b.gpkg")), 0, 1, at);
    QVERIFY(from && to);
    AssessmentStore assessment(*from, testutil::bundledRoles());
    const AssessmentScheme scheme = defaultScheme();
    const QStringList codes{QStringLiteral("440304001"), QStringLiteral("440304002")};
    testutil::fillAssessmentMonth(assessment, october, codes, {}, scheme, at);
    auto sheet = assessment.sheet(october, codes, testutil::perfectFigures(codes), scheme);
    QVERIFY(sheet);
    QVERIFY(assessment.submit(october, sheet.value(), QStringLiteral("sv01"), at));
    QVERIFY(assessment.publish(october, sheet.value(), QStringLiteral("ld01"), at));
    const QString key = AssessmentStore::monthKey(october);
    auto document = assessmentmonthdoc::read(from->db(), key);
    QVERIFY(document);
    QCOMPARE(assessmentmonthdoc::problem(key, document.value()), QString());
    // shared through the centre's server alone: a sync package that holds one is refused
    RefKinds kinds;
    assessmentkinds::addTo(kinds);
    RefRecords::Record record;
    record.kind = assessmentmonthdoc::kind();
    record.key = key;
    record.value = document.value();
    auto carried = kinds.check(record);
    QVERIFY(!carried);
    QCOMPARE(carried.error().code, QStringLiteral("sync.damaged"));
    QVERIFY(assessmentmonthdoc::write(to->db(), key, document.value()));
    auto there = assessmentmonthdoc::read(to->db(), key);
    QVERIFY(there);
    QJsonObject mine = document.value(), theirs = there.value();
    QVERIFY(!mine.value(QStringLiteral("scheme")).toObject().isEmpty());
    mine.remove(QStringLiteral("scheme")); // each store's built-in scheme has an id of its own
    theirs.remove(QStringLiteral("scheme"));
    QCOMPARE(theirs, mine);
    QCOMPARE(AssessmentStore(*to, testutil::bundledRoles()).month(october, scheme).value().state,
             AssessmentStore::State::Published);
    // a score gone and one changed at the first: the second follows, and its record holds
    QJsonObject next = document.value();
    QJsonArray scores = next[QLatin1String("scores")].toArray();
    scores.removeFirst();
    QJsonArray changed = scores[0].toArray();
    changed[5] = 0.5;
    scores[0] = changed;
    next[QLatin1String("scores")] = scores;
    QVERIFY(assessmentmonthdoc::write(to->db(), key, next));
    QCOMPARE(assessmentmonthdoc::read(to->db(), key).value()[QLatin1String("scores")].toArray(),
             scores);
    auto audit = RecordAudit::verify(to->db());
    QVERIFY(audit);
    QVERIFY(audit.value().intact());
}

void TestAssessment::brokenMonthDocument_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("part"); ///< a part replaced by `value` (null: removed), or none
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not a month") << QStringLiteral("2026-13") << QString() << QJsonValue()
                                 << QStringLiteral("not a month");
    QTest::newRow("state") << QStringLiteral("2026-10") << QStringLiteral("state")
                           << QJsonValue(QStringLiteral("done")) << QStringLiteral("state");
    QTest::newRow("no scheme") << QStringLiteral("2026-10") << QStringLiteral("scheme")
                               << QJsonValue(QJsonObject()) << QString();
    QTest::newRow("scores missing") << QStringLiteral("2026-10") << QStringLiteral("scores")
                                    << QJsonValue() << QStringLiteral("scores");
    QTest::newRow("short row") << QStringLiteral("2026-10") << QStringLiteral("surveys")
                               << QJsonValue(QJsonArray{QJsonArray{QStringLiteral("440304001")}})
                               << QStringLiteral("columns");
    QTest::newRow("wrong type") << QStringLiteral("2026-10") << QStringLiteral("figures")
                                << QJsonValue(
                                       QJsonArray{QJsonArray{QStringLiteral("440304001"), 3, 1}})
                                << QStringLiteral("type");
    QTest::newRow("unnamed row") << QStringLiteral("2026-10") << QStringLiteral("events")
                                 << QJsonValue(
                                        QJsonArray{QJsonArray{QString(), QString(), QString(),
                                                              QString(), QString(), QString()}})
                                 << QStringLiteral("not named");
}

void TestAssessment::brokenMonthDocument()
{
    QFETCH(QString, key);
    QFETCH(QString, part);
    QFETCH(QJsonValue, value);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    auto store = testutil::demoStore(dir.filePath(QStringLiteral("a.gpkg")), 0, 1, at);
    QVERIFY(store);
    AssessmentStore assessment(*store, testutil::bundledRoles());
    const AssessmentScheme scheme = defaultScheme();
    QVERIFY(assessment.setSurvey(october, QStringLiteral("440304001"), scheme.surveys().first(),
                                 {1, 2, 3}, QStringLiteral("sv01"), scheme));
    const QString month = AssessmentStore::monthKey(october);
    QJsonObject document = assessmentmonthdoc::read(store->db(), month).value();
    QCOMPARE(assessmentmonthdoc::problem(month, document), QString());
    if (!part.isEmpty()) {
        if (value.isNull())
            document.remove(part);
        else
            document.insert(part, value);
    }
    const QString why = assessmentmonthdoc::problem(key, document);
    QVERIFY(!why.isEmpty());
    QVERIFY2(why.contains(expected), qPrintable(why));
}

QTEST_GUILESS_MAIN(TestAssessment)
#include "tst_assessment.moc"
