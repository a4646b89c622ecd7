// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "store/sqlitedb.h"
#include "store/storeschema.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

/// The headless command line, run as a user would run it.
class TestCli : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    using Run = citygrid::testutil::CitygridRun;
    Run citygrid(const QStringList &arguments)
    {
        return citygrid::testutil::runCitygrid(QStringLiteral(CITYGRID_EXECUTABLE), arguments,
                                               m_dir.path());
    }
    QString store(const QString &name) const { return m_dir.filePath(name); }

private slots:
    void infoDescribesTheStore()
    {
        const Run r = citygrid({QStringLiteral("info"), QStringLiteral("--json"),
                                QStringLiteral("--store"), store(QStringLiteral("info.gpkg"))});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(json[QLatin1String("schema_version")].toInt(), citygrid::storeschema::version);
        QCOMPARE(json[QLatin1String("layers")][QLatin1String("cells")].toInt(), 202);
        QCOMPARE(json[QLatin1String("layers")][QLatin1String("communities")].toInt(), 92);
        QCOMPARE(json[QLatin1String("layers")][QLatin1String("subdistricts")].toInt(), 10);
        QCOMPARE(json[QLatin1String("crs")].toString(), QStringLiteral("EPSG:4326"));
        const double west = json[QLatin1String("extent")][0].toDouble();
        QVERIFY(west > 113.9 && west < 114.0);
        const Run text =
            citygrid({QStringLiteral("info"), QStringLiteral("--lang"), QStringLiteral("en"),
                      QStringLiteral("--store"), store(QStringLiteral("info.gpkg"))});
        QCOMPARE(text.status, 0);
        QVERIFY(text.out.contains(QStringLiteral("202")));
    }
    void newStoresAreTheOwnersOnly()
    {
        const QString path = store(QStringLiteral("private.gpkg"));
        QCOMPARE(citygrid({QStringLiteral("info"), QStringLiteral("--store"), path}).status, 0);
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                                QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                                QFileDevice::WriteOther | QFileDevice::ExeOther;
        QCOMPARE(QFileInfo(path).permissions() & others, QFileDevice::Permissions());
        QVERIFY(QFileInfo(path).permissions() & QFileDevice::ReadOwner);
    }
    void renderWritesTheMap()
    {
        const QString png = m_dir.filePath(QStringLiteral("map.png"));
        const Run r = citygrid({QStringLiteral("render"), QStringLiteral("--out"), png,
                                QStringLiteral("--width"), QStringLiteral("800"),
                                QStringLiteral("--height"), QStringLiteral("600"),
                                QStringLiteral("--store"), store(QStringLiteral("render.gpkg"))});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(800, 600));
        const QString pdf = m_dir.filePath(QStringLiteral("map.pdf"));
        QCOMPARE(citygrid({QStringLiteral("render"), QStringLiteral("--out"), pdf,
                           QStringLiteral("--crs"), QStringLiteral("EPSG:3857"),
                           QStringLiteral("--store"), store(QStringLiteral("render.gpkg"))})
                     .status,
                 0);
        QVERIFY(QFile(pdf).size() > 10000);
        // the title is text in the PDF, the characters that were drawn
        const QString text = citygrid::testutil::pdfText(pdf);
        QVERIFY2(text.contains(QStringLiteral("福田区")), qPrintable(text.left(300)));
        QVERIFY(citygrid::testutil::firstRadical(text).isNull());
        const Run bad = citygrid({QStringLiteral("render"), QStringLiteral("--out"), png,
                                  QStringLiteral("--extent"), QStringLiteral("1,2,3"),
                                  QStringLiteral("--lang"), QStringLiteral("en"),
                                  QStringLiteral("--store"), store(QStringLiteral("render.gpkg"))});
        QCOMPARE(bad.status, 1);
        QVERIFY2(bad.err.contains(QStringLiteral("--extent")), qPrintable(bad.err));
    }
    void renderDrawsCasesHeatAndThematicMaps()
    {
        const QString path = store(QStringLiteral("render-cases.gpkg"));
        const QString at = QStringLiteral("2026-11-20T12:00:00+08:00");
        QCOMPARE(citygrid({QStringLiteral("demo"), QStringLiteral("--cases"), QStringLiteral("1500"),
                           QStringLiteral("--now"), at, QStringLiteral("--store"), path})
                     .status,
                 0);
        const auto render = [&](const QString &name, const QStringList &more) {
            return citygrid(QStringList{QStringLiteral("render"), QStringLiteral("--out"),
                                        m_dir.filePath(name), QStringLiteral("--width"),
                                        QStringLiteral("800"), QStringLiteral("--height"),
                                        QStringLiteral("600"), QStringLiteral("--at"), at,
                                        QStringLiteral("--lang"), QStringLiteral("en"),
                                        QStringLiteral("--store"), path} +
                            more);
        };
        const Run plain = render(QStringLiteral("plain.png"), {});
        QVERIFY2(plain.status == 0, qPrintable(plain.err));
        // the cases of the last 30 days, counted per community at this scale
        const Run cases = render(QStringLiteral("cases.png"), {QStringLiteral("--cases")});
        QVERIFY2(cases.status == 0, qPrintable(cases.err));
        const QRegularExpression counted(QStringLiteral(": (\\d+) cases\n$"));
        const auto match = counted.match(cases.out);
        QVERIFY2(match.hasMatch(), qPrintable(cases.out));
        QVERIFY(match.captured(1).toInt() > 20);
        const auto differing = [&](const QString &a, const QString &b) {
            const QImage x(m_dir.filePath(a)), y(m_dir.filePath(b));
            qsizetype n = 0;
            for (int row = 0; row < x.height(); ++row)
                for (int col = 0; col < x.width(); ++col)
                    n += x.pixel(col, row) != y.pixel(col, row);
            return n;
        };
        QVERIFY(differing(QStringLiteral("plain.png"), QStringLiteral("cases.png")) > 2000);
        // only the overdue ones: fewer
        const Run overdue = render(QStringLiteral("overdue.png"),
                                   {QStringLiteral("--cases"), QStringLiteral("--overdue")});
        QVERIFY2(overdue.status == 0, qPrintable(overdue.err));
        QVERIFY2(counted.match(overdue.out).captured(1).toInt() < match.captured(1).toInt(),
                 qPrintable(overdue.out));
        // the heat surface, and the bandwidth it took
        const Run heat = render(QStringLiteral("heat.png"),
                                {QStringLiteral("--heat"), QStringLiteral("--bandwidth"),
                                 QStringLiteral("600")});
        QVERIFY2(heat.status == 0 && heat.out.contains(QStringLiteral("bandwidth 600 m")),
                 qPrintable(heat.out + heat.err));
        QVERIFY(differing(QStringLiteral("plain.png"), QStringLiteral("heat.png")) > 20000);
        // a thematic map of a month, as a PDF whose legend names the measure and the month
        const Run thematic = render(QStringLiteral("thematic.pdf"),
                                    {QStringLiteral("--thematic"), QStringLiteral("per-km2"),
                                     QStringLiteral("--period"), QStringLiteral("2026-10"),
                                     QStringLiteral("--level"), QStringLiteral("communities")});
        QVERIFY2(thematic.status == 0, qPrintable(thematic.err));
        const QString text = citygrid::testutil::pdfText(m_dir.filePath(QStringLiteral("thematic.pdf")));
        QVERIFY2(text.contains(QStringLiteral("Cases per km²")) &&
                     text.contains(QStringLiteral("October 2026")),
                 qPrintable(text.left(400)));

        // wrong values: a message naming the option, exit 1, no file
        for (const QStringList &bad :
             {QStringList{QStringLiteral("--thematic"), QStringLiteral("density")},
              QStringList{QStringLiteral("--thematic"), QStringLiteral("cases"),
                          QStringLiteral("--period"), QStringLiteral("2026/10")},
              QStringList{QStringLiteral("--thematic"), QStringLiteral("cases"),
                          QStringLiteral("--level"), QStringLiteral("streets")},
              QStringList{QStringLiteral("--thematic"), QStringLiteral("cases"),
                          QStringLiteral("--classes"), QStringLiteral("12")},
              QStringList{QStringLiteral("--cases"), QStringLiteral("--state"),
                          QStringLiteral("lost")},
              QStringList{QStringLiteral("--cases"), QStringLiteral("--from"),
                          QStringLiteral("2026-13-01")},
              QStringList{QStringLiteral("--heat"), QStringLiteral("--bandwidth"),
                          QStringLiteral("-5")}}) {
            const Run r = render(QStringLiteral("bad.png"), bad);
            QCOMPARE(r.status, 1);
            QVERIFY2(r.err.contains(bad.last() == QLatin1String("-5") ? QStringLiteral("--bandwidth")
                                                                       : bad[bad.size() - 2]),
                     qPrintable(r.err));
            QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("bad.png"))));
        }
        const Run badTime = render(QStringLiteral("bad.png"), {QStringLiteral("--at"),
                                                               QStringLiteral("yesterday")});
        QCOMPARE(badTime.status, 1);
        QVERIFY2(badTime.err.contains(QStringLiteral("--at")), qPrintable(badTime.err));
    }
    void badImportChangesNothingAndSaysWhy()
    {
        const QString path = store(QStringLiteral("import.gpkg"));
        QCOMPARE(citygrid({QStringLiteral("info"), QStringLiteral("--store"), path}).status, 0);
        const QByteArray before = citygrid::testutil::fileDigest(path);
        const Run r = citygrid({QStringLiteral("import-grid"),
                                QStringLiteral(CITYGRID_TEST_DATA "/grids/bad_overlap.geojson"),
                                QStringLiteral("--lang"), QStringLiteral("en"),
                                QStringLiteral("--store"), path});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains(QStringLiteral("440304010003001")) &&
                     r.err.contains(QStringLiteral("overlaps")),
                 qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("not changed")));
        QCOMPARE(citygrid::testutil::fileDigest(path), before);
    }
    void speaksChineseByDefault()
    {
        const Run r = citygrid({QStringLiteral("import-grid"),
                                QStringLiteral(CITYGRID_TEST_DATA "/grids/bad_gap.geojson"),
                                QStringLiteral("--store"), store(QStringLiteral("zh.gpkg"))});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains(QStringLiteral("缝隙")) &&
                     r.err.contains(QStringLiteral("数据库未做更改")),
                 qPrintable(r.err));
        const Run render = citygrid({QStringLiteral("render"), QStringLiteral("--store"),
                                     store(QStringLiteral("zh.gpkg"))});
        QCOMPARE(render.status, 1);
        QVERIFY2(render.err.contains(QStringLiteral("--out")) &&
                     render.err.contains(QStringLiteral("请")),
                 qPrintable(render.err));
    }
    void importReplacesTheGrid()
    {
        const QString path = store(QStringLiteral("replace.gpkg"));
        const QString file = QStringLiteral(CITYGRID_TEST_DATA "/grids/good_gbk.shp");
        const Run dry = citygrid({QStringLiteral("import-grid"), file, QStringLiteral("--dry-run"),
                                  QStringLiteral("--store"), path});
        QVERIFY2(dry.status == 0, qPrintable(dry.err));
        const Run r = citygrid({QStringLiteral("import-grid"), file, QStringLiteral("--code-field"),
                                QStringLiteral("WGBM"), QStringLiteral("--store"), path});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        const Run info = citygrid(
            {QStringLiteral("info"), QStringLiteral("--json"), QStringLiteral("--store"), path});
        QCOMPARE(QJsonDocument::fromJson(
                     info.out.toUtf8())[QLatin1String("layers")][QLatin1String("cells")]
                     .toInt(),
                 9);
    }
    void importThatOrphansCasesAsksFirst()
    {
        const QString path = store(QStringLiteral("orphans.gpkg"));
        QCOMPARE(citygrid({QStringLiteral("demo"), QStringLiteral("--cases"), QStringLiteral("300"),
                           QStringLiteral("--months"), QStringLiteral("2"),
                           // a fixed end of history: which cases fall in the new grid's cells
                           // depends on it, and this one puts one there
                           QStringLiteral("--now"), QStringLiteral("2026-11-27T09:00:00"),
                           QStringLiteral("--store"), path})
                     .status,
                 0);
        const QString file = QStringLiteral(CITYGRID_TEST_DATA "/grids/good_cells.geojson");
        // what the store holds (signing in records the login, so the file itself changes)
        const auto holds = [&] {
            return citygrid({QStringLiteral("info"), QStringLiteral("--json"),
                             QStringLiteral("--store"), path})
                       .out +
                   citygrid({QStringLiteral("cases"), QStringLiteral("list"),
                             QStringLiteral("--store"), path})
                       .out;
        };
        const QString before = holds();
        const QStringList admin{QStringLiteral("--user"), QStringLiteral("admin01")};
        const Run refused =
            citygrid(QStringList{QStringLiteral("import-grid"), file, QStringLiteral("--lang"),
                                 QStringLiteral("en"), QStringLiteral("--store"), path} +
                     admin);
        QCOMPARE(refused.status, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("nothing was written")) &&
                     refused.err.contains(QStringLiteral("--replace")) &&
                     refused.err.contains(QStringLiteral("lie in no cell of the new grid")),
                 qPrintable(refused.err));
        QCOMPARE(holds(), before);
        // only an administrator replaces the grid
        const Run byOperator =
            citygrid({QStringLiteral("import-grid"), file, QStringLiteral("--replace"),
                      QStringLiteral("--user"), QStringLiteral("op01"), QStringLiteral("--lang"),
                      QStringLiteral("en"), QStringLiteral("--store"), path});
        QCOMPARE(byOperator.status, 1);
        QVERIFY2(byOperator.err.contains(QStringLiteral("Only Administrator may import a grid")),
                 qPrintable(byOperator.err));
        QCOMPARE(holds(), before);

        const Run replaced =
            citygrid(QStringList{QStringLiteral("import-grid"), file, QStringLiteral("--replace"),
                                 QStringLiteral("--lang"), QStringLiteral("en"),
                                 QStringLiteral("--store"), path} +
                     admin);
        QVERIFY2(replaced.status == 0, qPrintable(replaced.err));
        QVERIFY2(replaced.out.contains(QStringLiteral("Of the 300 cases in the store")),
                 qPrintable(replaced.out));
        const Run info =
            citygrid({QStringLiteral("info"), QStringLiteral("--json"), QStringLiteral("--lang"),
                      QStringLiteral("en"), QStringLiteral("--store"), path});
        const QJsonObject json = QJsonDocument::fromJson(info.out.toUtf8()).object();
        QCOMPARE(json[QLatin1String("layers")][QLatin1String("cells")].toInt(), 9);
        // the same district, whose file names none: the district keeps its name
        QCOMPARE(json[QLatin1String("district_name")].toString(), QStringLiteral("福田区"));
        // a moved case says so in its history, and its row agrees with its events
        auto db = citygrid::SqliteDb::open(path, citygrid::SqliteDb::Mode::ReadOnly);
        QVERIFY(db);
        auto moved = citygrid::Statement::prepare(
            *db.value(),
            QStringLiteral("SELECT c.case_no, c.cell_code, e.payload FROM cases c JOIN "
                           "case_events e ON e.case_uuid = c.uuid WHERE e.step = "
                           "'relocate' LIMIT 1"));
        QVERIFY(moved && moved.value().step().value());
        const QJsonObject payload =
            QJsonDocument::fromJson(moved.value().text(2).toUtf8()).object();
        QCOMPARE(moved.value().text(1), payload[QLatin1String("cell_code")].toString());
        QVERIFY(moved.value().text(1).startsWith(QStringLiteral("440304010")));
        // the grid and the record sync carries were written together
        auto record = citygrid::Statement::prepare(
            *db.value(), QStringLiteral("SELECT count(*) FROM ref_records WHERE kind = 'grid'"));
        QVERIFY(record && record.value().step().value());
        QCOMPARE(record.value().integer(0), 1);
        // the moves are sealed into the record like any step: it verifies, and a peer takes them
        // (written by the import, not by an account)
        const auto at = [&](const QString &store, QStringList args) {
            return citygrid(args + QStringList{QStringLiteral("--store"), store,
                                               QStringLiteral("--lang"), QStringLiteral("en")});
        };
        Run r = at(path, {QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(r.status == 0, qPrintable(r.out + r.err));
        const QString peer = store(QStringLiteral("moved-peer.gpkg"));
        QCOMPARE(at(peer, {QStringLiteral("demo"), QStringLiteral("--cases"), QStringLiteral("0")})
                     .status,
                 0);
        const QStringList asAdmin{QStringLiteral("--user"), QStringLiteral("admin01")};
        QCOMPARE(at(peer, QStringList{QStringLiteral("sync"), QStringLiteral("setup"),
                                      QStringLiteral("--name"), QStringLiteral("peer")} +
                              asAdmin)
                     .status,
                 0);
        for (const auto &[from, to] : {std::pair{path, peer}, std::pair{peer, path}}) {
            const QString card = m_dir.filePath(QStringLiteral("moved.card"));
            QCOMPARE(at(from, {QStringLiteral("sync"), QStringLiteral("card"),
                               QStringLiteral("--out"), card})
                         .status,
                     0);
            r = at(to,
                   QStringList{QStringLiteral("sync"), QStringLiteral("peer-add"), card} + asAdmin);
            QVERIFY2(r.status == 0, qPrintable(r.err));
        }
        const QString package = m_dir.filePath(QStringLiteral("moved.cgsync"));
        r = at(path,
               QStringList{QStringLiteral("sync"), QStringLiteral("export"), QStringLiteral("--to"),
                           QStringLiteral("peer"), QStringLiteral("--out"), package} +
                   asAdmin);
        QVERIFY2(r.status == 0, qPrintable(r.err));
        r = at(peer,
               QStringList{QStringLiteral("sync"), QStringLiteral("import"), package} + asAdmin);
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("300 cases updated")), qPrintable(r.out));
    }
    void globalOptionsGoAnywhere()
    {
        const QString path = store(QStringLiteral("global.gpkg"));
        QCOMPARE(citygrid({QStringLiteral("demo"), QStringLiteral("--cases"), QStringLiteral("0"),
                           QStringLiteral("--store"), path})
                     .status,
                 0);
        const Run before = citygrid({QStringLiteral("--store"), path, QStringLiteral("--lang"),
                                     QStringLiteral("en"), QStringLiteral("info")});
        QVERIFY2(before.status == 0, qPrintable(before.err));
        QVERIFY2(before.out.contains(QStringLiteral("202")), qPrintable(before.out));
        const Run help = citygrid({QStringLiteral("--lang"), QStringLiteral("en"),
                                   QStringLiteral("cases"), QStringLiteral("--help")});
        QCOMPARE(help.status, 0);
        QVERIFY2(help.out.contains(QStringLiteral("citygrid cases import FILE")),
                 qPrintable(help.out));
        // a refusal names roles in the user's language; a missing --user says what to give
        const Run reported = citygrid(
            {QStringLiteral("--store"), path, QStringLiteral("cases"), QStringLiteral("report"),
             QStringLiteral("--category"), QStringLiteral("E0102"), QStringLiteral("--lon"),
             QStringLiteral("114.05"), QStringLiteral("--lat"), QStringLiteral("22.54"),
             QStringLiteral("--user"), QStringLiteral("op01"), QStringLiteral("--json")});
        QVERIFY2(reported.status == 0, qPrintable(reported.err));
        const QString number = QJsonDocument::fromJson(reported.out.toUtf8())
                                   .object()[QLatin1String("case_no")]
                                   .toString();
        const Run refused = citygrid({QStringLiteral("cases"), QStringLiteral("step"), number,
                                      QStringLiteral("feedback"), QStringLiteral("--user"),
                                      QStringLiteral("op01"), QStringLiteral("--lang"),
                                      QStringLiteral("en"), QStringLiteral("--store"), path});
        QCOMPARE(refused.status, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("Responsible unit staff")) &&
                     !refused.err.contains(QStringLiteral("处置")),
                 qPrintable(refused.err));
        const Run nobody = citygrid({QStringLiteral("cases"), QStringLiteral("step"), number,
                                     QStringLiteral("file"), QStringLiteral("--lang"),
                                     QStringLiteral("en"), QStringLiteral("--store"), path});
        QCOMPARE(nobody.status, 1);
        QVERIFY2(nobody.err.contains(QStringLiteral("--user")) &&
                     !nobody.err.contains(QStringLiteral("\"\"")),
                 qPrintable(nobody.err));
        // a catalogue edit: an unknown account gets the same answer as a wrong password, a known
        // one without the right hears who may; neither changes the catalogue
        const auto units = [&] {
            return citygrid({QStringLiteral("units"), QStringLiteral("list"),
                             QStringLiteral("--store"), path})
                .out;
        };
        const QString unitsBefore = units();
        const auto editUnit = [&](const QString &user) {
            return citygrid({QStringLiteral("units"), QStringLiteral("set"), QStringLiteral("U002"),
                             QStringLiteral("--name"), QStringLiteral("X"),
                             QStringLiteral("--user"), user, QStringLiteral("--lang"),
                             QStringLiteral("en"), QStringLiteral("--store"), path});
        };
        const Run typo = editUnit(QStringLiteral("ldr99"));
        QCOMPARE(typo.status, 1);
        // the last line (Qt may warn about the environment before it)
        const QString unknown =
            QStringLiteral("citygrid: Wrong account name or password; nothing was done\n");
        QVERIFY2(typo.err == unknown || typo.err.endsWith(u'\n' + unknown), qPrintable(typo.err));
        const Run operatorEdit = editUnit(QStringLiteral("op01"));
        QCOMPARE(operatorEdit.status, 1);
        QVERIFY2(operatorEdit.err.endsWith(
                     QStringLiteral("citygrid: Only Leader may edit the catalogues; nothing was "
                                    "done\n")),
                 qPrintable(operatorEdit.err));
        QCOMPARE(units(), unitsBefore);
    }
    void signInGuardsEveryWrite()
    {
        using citygrid::testutil::RunOptions;
        const QString path = store(QStringLiteral("accounts.gpkg"));
        const auto run = [&](QStringList args, RunOptions options) {
            return citygrid::testutil::runCitygrid(
                QStringLiteral(CITYGRID_EXECUTABLE),
                args + QStringList{QStringLiteral("--store"), path, QStringLiteral("--lang"),
                                   QStringLiteral("en")},
                m_dir.path(), options);
        };
        const RunOptions noPassword{{}, false};
        const QStringList report{QStringLiteral("cases"),      QStringLiteral("report"),
                                 QStringLiteral("--category"), QStringLiteral("E0102"),
                                 QStringLiteral("--lon"),      QStringLiteral("114.05"),
                                 QStringLiteral("--lat"),      QStringLiteral("22.54")};
        const auto caseCount = [&] {
            return run({QStringLiteral("cases"), QStringLiteral("list")}, noPassword)
                .out.count(u'\n');
        };
        // a new store has nobody: it asks for its first administrator
        Run r = run(report + QStringList{QStringLiteral("--user"), QStringLiteral("op01")}, {});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains(QStringLiteral("citygrid accounts init")), qPrintable(r.err));
        r = run({QStringLiteral("accounts"), QStringLiteral("init"), QStringLiteral("root"),
                 QStringLiteral("--password-stdin")},
                {"short\n", false});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains(QStringLiteral("at least 10 characters")), qPrintable(r.err));
        const QByteArray rootPassword = "Trust-anchor-7x";
        r = run({QStringLiteral("accounts"), QStringLiteral("init"), QStringLiteral("root"),
                 QStringLiteral("--password-stdin")},
                {rootPassword + '\n', false});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        r = run({QStringLiteral("accounts"), QStringLiteral("init"), QStringLiteral("root2"),
                 QStringLiteral("--password-stdin")},
                {rootPassword + '\n', false});
        QCOMPARE(r.status, 1);
        // the administrator makes an operator: the new password first, then the administrator's
        const QByteArray opPassword = "Operator-pass-1";
        const QStringList addOperator{
            QStringLiteral("accounts"), QStringLiteral("add"),
            QStringLiteral("op01"),     QStringLiteral("--role"),
            QStringLiteral("operator"), QStringLiteral("--password-stdin"),
            QStringLiteral("--user"),   QStringLiteral("root")};
        r = run(addOperator, {opPassword + "\nwrong-root-pass\n", false});
        QCOMPARE(r.status, 1);
        r = run(addOperator, {opPassword + '\n' + rootPassword + '\n', false});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        // an operator may not make accounts
        r = run({QStringLiteral("accounts"), QStringLiteral("add"), QStringLiteral("op02"),
                 QStringLiteral("--role"), QStringLiteral("operator"),
                 QStringLiteral("--password-stdin"), QStringLiteral("--user"),
                 QStringLiteral("op01")},
                {opPassword + '\n' + opPassword + '\n', false});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains(QStringLiteral("Only Administrator may manage accounts")),
                 qPrintable(r.err));
        // writing needs the password: none, a wrong one, the right one
        const QStringList asOperator =
            report + QStringList{QStringLiteral("--user"), QStringLiteral("op01"),
                                 QStringLiteral("--password-stdin")};
        r = run(report + QStringList{QStringLiteral("--user"), QStringLiteral("op01")}, noPassword);
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains(QStringLiteral("CITYGRID_PASSWORD")), qPrintable(r.err));
        r = run(asOperator, {"not-the-password1\n", false});
        QCOMPARE(r.status, 1);
        QCOMPARE(caseCount(), 0);
        r = run(asOperator, {opPassword + '\n', false});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QCOMPARE(caseCount(), 1);
        // five wrong passwords lock the account: then even the right one is refused
        for (int i = 0; i < 4; ++i)
            QCOMPARE(
                run(asOperator, {"guess-number-" + QByteArray::number(i) + '\n', false}).status, 1);
        r = run(asOperator, {"guess-number-5\n", false});
        QVERIFY2(r.err.contains(QStringLiteral("locked until")), qPrintable(r.err));
        r = run(asOperator, {opPassword + '\n', false});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains(QStringLiteral("locked")), qPrintable(r.err));
        QCOMPARE(caseCount(), 1);
        // the administrator resets the password, which lifts the lock; then disables the account
        const QByteArray fresh = "Fresh-operator-2";
        r = run({QStringLiteral("accounts"), QStringLiteral("reset"), QStringLiteral("op01"),
                 QStringLiteral("--password-stdin"), QStringLiteral("--user"),
                 QStringLiteral("root")},
                {fresh + '\n' + rootPassword + '\n', false});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QCOMPARE(run(asOperator, {fresh + '\n', false}).status, 0);
        r = run({QStringLiteral("accounts"), QStringLiteral("disable"), QStringLiteral("op01"),
                 QStringLiteral("--password-stdin"), QStringLiteral("--user"),
                 QStringLiteral("root")},
                {rootPassword + '\n', false});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        r = run(asOperator, {fresh + '\n', false});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains(QStringLiteral("disabled")), qPrintable(r.err));
        QCOMPARE(caseCount(), 2);
        // the list shows who is who and never a password or its hash
        r = run({QStringLiteral("accounts"), QStringLiteral("list")}, noPassword);
        QCOMPARE(r.status, 0);
        QVERIFY2(r.out.contains(QStringLiteral("op01\top01\tOperator\t\tdisabled\n")),
                 qPrintable(r.out));
        QVERIFY(!r.out.contains(QStringLiteral("argon2")));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        for (const QByteArray &secret : {rootPassword, opPassword, fresh})
            QVERIFY(!bytes.contains(secret));
    }
    void readingAsksForALoginWhenTheStoreSays()
    {
        const QString path = store(QStringLiteral("readlogin.gpkg"));
        QCOMPARE(citygrid({QStringLiteral("demo"), QStringLiteral("--cases"), QStringLiteral("400"),
                           QStringLiteral("--store"), path})
                     .status,
                 0);
        const auto en = [&](QStringList args) {
            return citygrid(args + QStringList{QStringLiteral("--store"), path,
                                               QStringLiteral("--lang"), QStringLiteral("en")});
        };
        const QStringList list{QStringLiteral("cases"), QStringLiteral("list"),
                               QStringLiteral("--json")};
        const auto count = [](const Run &run) {
            return QJsonDocument::fromJson(run.out.toUtf8()).array().size();
        };
        const qsizetype all = count(en(list));
        QCOMPARE(all, 200); // the newest 200
        // only an administrator changes the setting
        Run r = en({QStringLiteral("accounts"), QStringLiteral("settings"),
                    QStringLiteral("--read-needs-login"), QStringLiteral("yes"),
                    QStringLiteral("--user"), QStringLiteral("op01")});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains(QStringLiteral("Only Administrator")), qPrintable(r.err));
        QCOMPARE(count(en(list)), all);
        r = en({QStringLiteral("accounts"), QStringLiteral("settings"),
                QStringLiteral("--read-needs-login"), QStringLiteral("maybe"),
                QStringLiteral("--user"), QStringLiteral("admin01")});
        QCOMPARE(r.status, 1);
        r = en({QStringLiteral("accounts"), QStringLiteral("settings"),
                QStringLiteral("--read-needs-login"), QStringLiteral("yes"),
                QStringLiteral("--user"), QStringLiteral("admin01")});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Reading the store: asks for a login\n")),
                 qPrintable(r.out));
        // now every command that reads asks who reads, and prints nothing of the store without
        for (const QStringList &reading :
             {list, QStringList{QStringLiteral("info")},
              QStringList{QStringLiteral("audit"), QStringLiteral("verify")},
              QStringList{QStringLiteral("accounts"), QStringLiteral("list")},
              QStringList{QStringLiteral("units"), QStringLiteral("list")},
              QStringList{QStringLiteral("sync"), QStringLiteral("peers")},
              QStringList{QStringLiteral("assess"), QStringLiteral("status"),
                          QStringLiteral("--month"), QStringLiteral("2026-10")}}) {
            r = en(reading);
            QVERIFY2(r.status == 1, qPrintable(reading.join(u' ')));
            QVERIFY2(r.err.contains(QStringLiteral("sign in with --user NAME")),
                     qPrintable(reading.join(u' ') + QStringLiteral(": ") + r.err));
            QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
        }
        // a wrong password reads nothing either
        r = citygrid::testutil::runCitygrid(
            QStringLiteral(CITYGRID_EXECUTABLE),
            list + QStringList{QStringLiteral("--user"), QStringLiteral("op01"),
                               QStringLiteral("--password-stdin"), QStringLiteral("--store"), path},
            m_dir.path(), {"not-the-password1\n", false});
        QCOMPARE(r.status, 1);
        QVERIFY(r.out.isEmpty());
        // signed in, an operator sees every case, a unit's staff their unit's only
        r = en(list + QStringList{QStringLiteral("--user"), QStringLiteral("op01")});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QCOMPARE(count(r), all);
        r = en(list + QStringList{QStringLiteral("--user"), QStringLiteral("us01")});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        const QJsonArray mine = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QVERIFY(!mine.isEmpty());
        QVERIFY(mine.size() < all);
        for (const QJsonValue &c : mine)
            QCOMPARE(c.toObject()[QStringLiteral("unit_id")].toString(), QStringLiteral("U020"));
        // another unit's case is not theirs to read
        const QJsonArray every =
            QJsonDocument::fromJson(
                en(list + QStringList{QStringLiteral("--user"), QStringLiteral("op01")})
                    .out.toUtf8())
                .array();
        QString others;
        for (const QJsonValue &c : every)
            if (c.toObject()[QStringLiteral("unit_id")].toString() == QLatin1String("U017"))
                others = c.toObject()[QStringLiteral("case_no")].toString();
        QVERIFY(!others.isEmpty());
        r = en({QStringLiteral("cases"), QStringLiteral("show"), others, QStringLiteral("--user"),
                QStringLiteral("us01")});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains(QStringLiteral("us01 acts for unit U020 only")), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        // and the administrator turns it off again
        r = en({QStringLiteral("accounts"), QStringLiteral("settings"),
                QStringLiteral("--read-needs-login"), QStringLiteral("no"),
                QStringLiteral("--user"), QStringLiteral("admin01")});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QCOMPARE(count(en(list)), all);
    }
    void killedExportLeavesTheOldMap()
    {
        // a map of 8000 x 6000 pixels takes seconds to encode: killed while the PNG is being
        // written, the file under the name is still the map written before
        const QString path = m_dir.filePath(QStringLiteral("killed.png"));
        const QString store = this->store(QStringLiteral("render.gpkg"));
        QCOMPARE(
            citygrid({QStringLiteral("render"), QStringLiteral("--out"), path,
                      QStringLiteral("--width"), QStringLiteral("400"), QStringLiteral("--height"),
                      QStringLiteral("300"), QStringLiteral("--store"), store})
                .status,
            0);
        const QByteArray before = citygrid::testutil::fileDigest(path);
        QProcess render;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        render.setProcessEnvironment(env);
        render.start(QStringLiteral(CITYGRID_EXECUTABLE),
                     {QStringLiteral("render"), QStringLiteral("--out"), path,
                      QStringLiteral("--width"), QStringLiteral("8000"), QStringLiteral("--height"),
                      QStringLiteral("6000"), QStringLiteral("--store"), store});
        QVERIFY(render.waitForStarted());
        const QString partial = m_dir.filePath(QStringLiteral(".partial-killed.png"));
        // caught writing: the PNG grows beside the map, not in its place
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(partial).size() > 0, 60000);
        QCOMPARE(render.state(), QProcess::Running);
        render.kill();
        render.waitForFinished();
        QCOMPARE(citygrid::testutil::fileDigest(path), before);
        // the next export finishes and replaces it
        QCOMPARE(
            citygrid({QStringLiteral("render"), QStringLiteral("--out"), path,
                      QStringLiteral("--width"), QStringLiteral("500"), QStringLiteral("--height"),
                      QStringLiteral("300"), QStringLiteral("--store"), store})
                .status,
            0);
        QCOMPARE(QImage(path).size(), QSize(500, 300));
        QVERIFY(!QFile::exists(partial));
    }
    void auditVerifyNamesTheFirstChange()
    {
        const QString path = store(QStringLiteral("audited.gpkg"));
        QCOMPARE(citygrid({QStringLiteral("demo"), QStringLiteral("--cases"), QStringLiteral("200"),
                           QStringLiteral("--store"), path})
                     .status,
                 0);
        const QStringList verify{QStringLiteral("audit"),   QStringLiteral("verify"),
                                 QStringLiteral("--lang"),  QStringLiteral("en"),
                                 QStringLiteral("--store"), path};
        Run r = citygrid(verify);
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(QStringLiteral("The record is intact: ")), qPrintable(r.out));
        // someone edits a step with sqlite3 (no CityGrid is running)
        QString caseNo;
        {
            auto db = citygrid::SqliteDb::open(path);
            QVERIFY(db);
            QVERIFY(db.value()->exec(
                QStringLiteral("UPDATE case_events SET actor = 'ld01' WHERE id = 120")));
            auto q = citygrid::Statement::prepare(
                *db.value(), QStringLiteral("SELECT case_no FROM cases WHERE uuid = (SELECT "
                                            "case_uuid FROM case_events WHERE id = 120)"));
            QVERIFY(q && q.value().step().value());
            caseNo = q.value().text(0);
        }
        r = citygrid(verify);
        QCOMPARE(r.status, 1);
        QVERIFY(r.out.isEmpty());
        const QString first =
            QStringLiteral("The record has been altered past CityGrid: Changed after it "
                           "was written: case %1, step \"")
                .arg(caseNo);
        // (after whatever Qt itself says about the environment)
        QVERIFY2(r.err.startsWith(first) || r.err.contains(u'\n' + first), qPrintable(r.err));
        QVERIFY2(r.err.endsWith(QStringLiteral("find out who had the store file.\n")),
                 qPrintable(r.err));
    }
    void writersInTwoProcessesKeepOneChain()
    {
        const QString path = store(QStringLiteral("two-writers.gpkg"));
        QCOMPARE(citygrid({QStringLiteral("demo"), QStringLiteral("--cases"), QStringLiteral("50"),
                           QStringLiteral("--store"), path})
                     .status,
                 0);
        // two operators at two workstations report at once, each a case after another
        const QString script = QStringLiteral(
            "for i in 1 2 3 4 5 6; do \"$0\" cases report --category E0102 --lon 114.05 "
            "--lat 22.54 --user \"$1\" --store \"$2\" --lang en || exit 1; done");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("CITYGRID_PASSWORD"), citygrid::testutil::demoPassword());
        QProcess a, b;
        for (auto [process, user] : {std::pair{&a, "op01"}, std::pair{&b, "op02"}}) {
            process->setProcessEnvironment(env);
            process->start(QStringLiteral("sh"),
                           {QStringLiteral("-c"), script, QStringLiteral(CITYGRID_EXECUTABLE),
                            QLatin1String(user), path});
        }
        QVERIFY(a.waitForFinished(120000) && b.waitForFinished(120000));
        QVERIFY2(
            a.exitCode() == 0 && b.exitCode() == 0,
            qPrintable(QString::fromUtf8(a.readAllStandardError() + b.readAllStandardError())));
        const QString reported =
            QString::fromUtf8(a.readAllStandardOutput() + b.readAllStandardOutput());
        QCOMPARE(reported.count(u'\n'), 12); // each printed id is a committed case
        const Run r =
            citygrid({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--lang"),
                      QStringLiteral("en"), QStringLiteral("--store"), path});
        QVERIFY2(r.status == 0, qPrintable(r.err));
    }
    void restorePutsAVerifiedBackupBack()
    {
        const QString path = store(QStringLiteral("restored.gpkg"));
        const auto en = [&](QStringList args) {
            return citygrid(args + QStringList{QStringLiteral("--lang"), QStringLiteral("en"),
                                               QStringLiteral("--store"), path});
        };
        const auto caseCount = [&] {
            return en({QStringLiteral("cases"), QStringLiteral("list")}).out.count(u'\n');
        };
        QCOMPARE(
            en({QStringLiteral("demo"), QStringLiteral("--cases"), QStringLiteral("100")}).status,
            0);
        const QString backup = m_dir.filePath(QStringLiteral("restored-backup.gpkg"));
        QCOMPARE(en({QStringLiteral("backup"), QStringLiteral("--out"), backup,
                     QStringLiteral("--user"), QStringLiteral("admin01")})
                     .status,
                 0);
        const int atBackup = caseCount();
        const QStringList report{QStringLiteral("cases"),      QStringLiteral("report"),
                                 QStringLiteral("--category"), QStringLiteral("E0102"),
                                 QStringLiteral("--lon"),      QStringLiteral("114.05"),
                                 QStringLiteral("--lat"),      QStringLiteral("22.54"),
                                 QStringLiteral("--user"),     QStringLiteral("op01")};
        QCOMPARE(en(report).status, 0);
        QCOMPARE(caseCount(), atBackup + 1);

        // a backup someone edited is refused, the store as it is
        const QString edited = m_dir.filePath(QStringLiteral("edited-backup.gpkg"));
        QVERIFY(QFile::copy(backup, edited));
        {
            auto db = citygrid::SqliteDb::open(edited);
            QVERIFY(db.value()->exec(QStringLiteral("DELETE FROM case_events WHERE id = 7")));
        }
        const QStringList restoreAsAdmin{QStringLiteral("--user"), QStringLiteral("admin01")};
        Run r = en(QStringList{QStringLiteral("restore"), edited} + restoreAsAdmin);
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains(QStringLiteral("has been altered: Deleted: case ")) &&
                     r.err.endsWith(QStringLiteral("The store was not changed.\n")),
                 qPrintable(r.err));
        QCOMPARE(caseCount(), atBackup + 1);
        // a backup whose record was signed again with a key put into it is refused too
        const QString rekeyed = m_dir.filePath(QStringLiteral("rekeyed-backup.gpkg"));
        QVERIFY(QFile::copy(backup, rekeyed));
        {
            auto db = citygrid::SqliteDb::open(rekeyed);
            QVERIFY(db.value()->exec(QStringLiteral(
                "UPDATE citygrid_meta SET value = 'a2tra2tra2tra2tra2tra2tra2tra2tra2tra2tra2s=' "
                "WHERE key = 'sign_public_key'")));
        }
        r = en(QStringList{QStringLiteral("restore"), rekeyed} + restoreAsAdmin);
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains(QStringLiteral("names another signing key")), qPrintable(r.err));
        QCOMPARE(caseCount(), atBackup + 1);
        // an operator may not restore
        r = en(QStringList{QStringLiteral("restore"), backup, QStringLiteral("--user"),
                           QStringLiteral("op01")});
        QCOMPARE(r.status, 1);
        QCOMPARE(caseCount(), atBackup + 1);
        // a backup of another site is refused
        const QString otherSite = m_dir.filePath(QStringLiteral("other-site.gpkg"));
        QCOMPARE(citygrid({QStringLiteral("demo"), QStringLiteral("--cases"), QStringLiteral("10"),
                           QStringLiteral("--store"), otherSite})
                     .status,
                 0);
        r = en(QStringList{QStringLiteral("restore"), otherSite} + restoreAsAdmin);
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains(QStringLiteral("is of another site")), qPrintable(r.err));

        // the administrator restores the verified backup; the store as it was is kept aside
        r = en(QStringList{QStringLiteral("restore"), backup} + restoreAsAdmin);
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QCOMPARE(caseCount(), atBackup);
        const QString aside = r.out.section(QStringLiteral("kept in "), 1).trimmed();
        QVERIFY2(QFile::exists(aside), qPrintable(r.out));
        QCOMPARE(QFileInfo(aside).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
        QCOMPARE(en({QStringLiteral("audit"), QStringLiteral("verify")}).status, 0);
        // and the store goes on: its key still signs what is written next
        QCOMPARE(en(report).status, 0);
        QCOMPARE(en({QStringLiteral("audit"), QStringLiteral("verify")}).status, 0);
        // a backup restored as a new store
        const QString fresh = m_dir.filePath(QStringLiteral("fresh.gpkg"));
        r = citygrid({QStringLiteral("restore"), backup, QStringLiteral("--store"), fresh,
                      QStringLiteral("--lang"), QStringLiteral("en")});
        QVERIFY2(r.status == 0 && r.out.contains(QStringLiteral("signing key is not beside it")),
                 qPrintable(r.out + r.err));
    }
    void backupIsAWholeCopyWhileOthersWrite()
    {
        const QString path = store(QStringLiteral("backed-up.gpkg"));
        QCOMPARE(citygrid({QStringLiteral("demo"), QStringLiteral("--cases"), QStringLiteral("500"),
                           QStringLiteral("--store"), path})
                     .status,
                 0);
        // a writer in another process while the copy is taken
        QProcess writer;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        writer.setProcessEnvironment(env);
        writer.start(QStringLiteral(CITYGRID_EXECUTABLE),
                     {QStringLiteral("demo"), QStringLiteral("--cases"), QStringLiteral("3000"),
                      QStringLiteral("--store"), path});
        QVERIFY(writer.waitForStarted());
        const QString copy = m_dir.filePath(QStringLiteral("backup.gpkg"));
        const Run r =
            citygrid({QStringLiteral("backup"), QStringLiteral("--out"), copy,
                      QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--user"),
                      QStringLiteral("admin01"), QStringLiteral("--store"), path});
        QVERIFY(writer.waitForFinished(120000));
        QVERIFY2(r.status == 0 && r.out.contains(QStringLiteral("integrity checked")),
                 qPrintable(r.out + r.err));
        QCOMPARE(QFileInfo(copy).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral(".partial-backup.gpkg"))));
        {
            auto db = citygrid::SqliteDb::open(copy, citygrid::SqliteDb::Mode::ReadOnly);
            QVERIFY(db);
            auto q =
                citygrid::Statement::prepare(*db.value(), QStringLiteral("PRAGMA integrity_check"));
            QVERIFY(q && q.value().step().value());
            QCOMPARE(q.value().text(0), QStringLiteral("ok"));
            auto cases = citygrid::Statement::prepare(*db.value(),
                                                      QStringLiteral("SELECT count(*) FROM cases"));
            QVERIFY(cases && cases.value().step().value());
            // the store as of one moment: the first demo's cases or the second's, never a part
            const qint64 n = cases.value().integer(0);
            QVERIFY2(n == 500 || n == 3000, qPrintable(QString::number(n)));
        }
        // not over the store itself, and not into a folder that is not there; nothing changes
        const auto cases = [&] {
            return citygrid({QStringLiteral("cases"), QStringLiteral("list"),
                             QStringLiteral("--store"), path})
                .out;
        };
        const QString stored = cases();
        const Run same = citygrid({QStringLiteral("backup"), QStringLiteral("--out"), path,
                                   QStringLiteral("--user"), QStringLiteral("admin01"),
                                   QStringLiteral("--store"), path});
        QCOMPARE(same.status, 1);
        const Run nowhere =
            citygrid({QStringLiteral("backup"), QStringLiteral("--out"),
                      m_dir.filePath(QStringLiteral("missing/backup.gpkg")),
                      QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--user"),
                      QStringLiteral("admin01"), QStringLiteral("--store"), path});
        QCOMPARE(nowhere.status, 1);
        QVERIFY2(nowhere.err.contains(QStringLiteral("no such folder")), qPrintable(nowhere.err));
        // and only for an account that may back up
        const Run byLeader =
            citygrid({QStringLiteral("backup"), QStringLiteral("--out"),
                      m_dir.filePath(QStringLiteral("leader.gpkg")), QStringLiteral("--lang"),
                      QStringLiteral("en"), QStringLiteral("--user"), QStringLiteral("ld01"),
                      QStringLiteral("--store"), path});
        QCOMPARE(byLeader.status, 1);
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("leader.gpkg"))));
        QCOMPARE(cases(), stored);
    }
    void demoIsAllOrNothing()
    {
        const QString path = store(QStringLiteral("killed-demo.gpkg"));
        QCOMPARE(citygrid({QStringLiteral("info"), QStringLiteral("--store"), path}).status, 0);
        QProcess demo;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        demo.setProcessEnvironment(env);
        demo.start(QStringLiteral(CITYGRID_EXECUTABLE),
                   {QStringLiteral("demo"), QStringLiteral("--store"), path});
        QVERIFY(demo.waitForStarted());
        QTest::qWait(1500); // part way through the cases
        demo.kill();
        demo.waitForFinished();
        const auto counts = [&] {
            auto db = citygrid::SqliteDb::open(path, citygrid::SqliteDb::Mode::ReadOnly);
            auto q = citygrid::Statement::prepare(
                *db.value(), QStringLiteral("SELECT (SELECT count(*) FROM cases), (SELECT "
                                            "count(*) FROM assessment_months)"));
            (void)q.value().step();
            return qMakePair(q.value().integer(0), q.value().integer(1));
        };
        const auto killed = counts();
        QVERIFY2(
            (killed.first == 0 && killed.second == 0) ||
                (killed.first == 20000 && killed.second > 0),
            qPrintable(QStringLiteral("%1 cases, %2 months").arg(killed.first).arg(killed.second)));
        const Run again = citygrid({QStringLiteral("demo"), QStringLiteral("--if-empty"),
                                    QStringLiteral("--store"), path});
        QVERIFY2(again.status == 0, qPrintable(again.err));
        const auto filled = counts();
        QCOMPARE(filled.first, 20000);
        QVERIFY(filled.second >= 6);
    }
    void cutShortFileIsNamedSo()
    {
        // a Shapefile cut short (say, a copy stopped part way): one clear error, no GDAL lines
        const QString dir = m_dir.filePath(QStringLiteral("cut"));
        QVERIFY(QDir().mkpath(dir));
        for (const char *suffix : {"shx", "dbf", "prj", "cpg"})
            QVERIFY(QFile::copy(QStringLiteral(CITYGRID_TEST_DATA "/grids/good_gbk.") +
                                    QLatin1String(suffix),
                                dir + QStringLiteral("/cut.") + QLatin1String(suffix)));
        QFile whole(QStringLiteral(CITYGRID_TEST_DATA "/grids/good_gbk.shp"));
        QVERIFY(whole.open(QIODevice::ReadOnly));
        QFile cut(dir + QStringLiteral("/cut.shp"));
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(whole.read(1000));
        cut.close();
        const QString path = store(QStringLiteral("cut.gpkg"));
        QCOMPARE(citygrid({QStringLiteral("info"), QStringLiteral("--store"), path}).status, 0);
        const QByteArray before = citygrid::testutil::fileDigest(path);
        const Run r =
            citygrid({QStringLiteral("import-grid"), cut.fileName(), QStringLiteral("--code-field"),
                      QStringLiteral("WGBM"), QStringLiteral("--lang"), QStringLiteral("en"),
                      QStringLiteral("--store"), path});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains(QStringLiteral("cut short")), qPrintable(r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("ERROR 1")) &&
                     !r.err.contains(QStringLiteral("no geometry")),
                 qPrintable(r.err));
        QCOMPARE(citygrid::testutil::fileDigest(path), before);
    }
    void casesThroughTheLoop()
    {
        const QString path = store(QStringLiteral("cases.gpkg"));
        const QStringList common = {QStringLiteral("--store"), path, QStringLiteral("--lang"),
                                    QStringLiteral("en")};
        const auto run = [&](QStringList args) {
            return citygrid(QStringList{QStringLiteral("cases")} + args + common);
        };
        // the demo's accounts, no cases
        QCOMPARE(citygrid(QStringList{QStringLiteral("demo"), QStringLiteral("--cases"),
                                      QStringLiteral("0")} +
                          common)
                     .status,
                 0);
        Run r = run({QStringLiteral("report"), QStringLiteral("--category"),
                     QStringLiteral("E0102"), QStringLiteral("--lon"), QStringLiteral("114.055"),
                     QStringLiteral("--lat"), QStringLiteral("22.548"), QStringLiteral("--user"),
                     QStringLiteral("op01"), QStringLiteral("--at"),
                     QStringLiteral("2026-11-27T10:00:00+08:00"), QStringLiteral("--json")});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        const QString number =
            QJsonDocument::fromJson(r.out.toUtf8())[QLatin1String("case_no")].toString();
        QCOMPARE(number, QStringLiteral("202611270001"));
        QCOMPARE(
            QJsonDocument::fromJson(r.out.toUtf8())[QLatin1String("cell_code")].toString().size(),
            15);
        // "staff": the demo account of the unit the case went to (us01 works for U020, us02 for
        // U025, staff.U001 for U001 ...)
        const QList<QStringList> steps = {
            {number, QStringLiteral("file"), QStringLiteral("--user"), QStringLiteral("op01")},
            {number, QStringLiteral("dispatch"), QStringLiteral("--user"), QStringLiteral("op01")},
            {number, QStringLiteral("feedback"), QStringLiteral("--user"), QStringLiteral("staff")},
            {number, QStringLiteral("verify_pass"), QStringLiteral("--user"),
             QStringLiteral("ins01")},
            {number, QStringLiteral("close"), QStringLiteral("--user"), QStringLiteral("op01")}};
        QString unit;
        for (QStringList step : steps) {
            if (step.last() == QLatin1String("staff")) {
                // the staff of another unit are refused, and nothing is written
                step.last() =
                    unit == QLatin1String("U020") ? QStringLiteral("us02") : QStringLiteral("us01");
                r = run(QStringList{QStringLiteral("step")} + step);
                QCOMPARE(r.status, 1);
                QVERIFY2(r.err.contains(unit), qPrintable(r.err));
                step.last() = unit == QLatin1String("U020")   ? QStringLiteral("us01")
                              : unit == QLatin1String("U025") ? QStringLiteral("us02")
                                                              : QStringLiteral("staff.") + unit;
            }
            r = run(QStringList{QStringLiteral("step")} + step +
                    QStringList{QStringLiteral("--json")});
            QVERIFY2(r.status == 0, qPrintable(step.join(u' ') + QStringLiteral(": ") + r.err));
            unit = QJsonDocument::fromJson(r.out.toUtf8())[QLatin1String("unit_id")].toString();
        }
        const QJsonObject closed = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(closed[QLatin1String("state")].toString(), QStringLiteral("closed"));
        QVERIFY(!closed[QLatin1String("unit_id")].toString().isEmpty()); // the catalogue's unit
        // a refused step: exit 1 and the reason
        r = run({QStringLiteral("step"), number, QStringLiteral("file"), QStringLiteral("--user"),
                 QStringLiteral("op01")});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains(QStringLiteral("cannot")), qPrintable(r.err));
        // outside the district
        r = run({QStringLiteral("report"), QStringLiteral("--category"), QStringLiteral("E0102"),
                 QStringLiteral("--lon"), QStringLiteral("113.5"), QStringLiteral("--lat"),
                 QStringLiteral("22.5"), QStringLiteral("--user"), QStringLiteral("op01")});
        QCOMPARE(r.status, 1);
        QVERIFY(r.err.contains(QStringLiteral("no grid cell")));
        r = run({QStringLiteral("show"), number});
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out.count(QStringLiteral("(operator)")),
                 4); // report, file, dispatch and close by op01
    }
    void usageErrors()
    {
        QCOMPARE(citygrid({QStringLiteral("import-grid"), QStringLiteral("--lang"),
                           QStringLiteral("en")})
                     .status,
                 2);
        QCOMPARE(citygrid({QStringLiteral("render"), QStringLiteral("--bogus")}).status, 2);
        const Run help = citygrid({QStringLiteral("render"), QStringLiteral("--help")});
        QCOMPARE(help.status, 0);
        QVERIFY(help.out.contains(QStringLiteral("--out")));
    }
    void benchRuns()
    {
        const Run r = citygrid({QStringLiteral("bench"), QStringLiteral("--quick"),
                                QStringLiteral("--lang"), QStringLiteral("en")});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("first map frame")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("2000 cells")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
