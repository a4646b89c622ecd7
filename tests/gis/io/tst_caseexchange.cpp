// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "casefixture.h"
#include "io/caseexchange.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

using namespace citygrid;

namespace {

const QDateTime now(QDate(2026, 11, 27), QTime(18, 0), Qt::OffsetFromUTC, 8 * 3600);

qint64 count(Store &store)
{
    auto q = Statement::prepare(store.db(), QStringLiteral("SELECT count(*) FROM cases"));
    return q.value().step().value() ? q.value().integer(0) : -1;
}

void write(const QString &path, const QByteArray &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

} // namespace

/// Cases out to CSV, XLSX, GeoJSON, GeoPackage and Open311, and back in: every row checked, one
/// bad row rejects the file and leaves the store as it was.
class TestCaseExchange : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_source;
    std::unique_ptr<Store> m_target;
    std::unique_ptr<testutil::DemoFixture> m_fixture;
    std::unique_ptr<CaseStore> m_cases;
    CaseExchange::CellAt m_cellAt;

    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }
    CaseFilter subdistrict() const
    {
        CaseFilter f;
        f.areaCode = QStringLiteral("440304011");
        return f;
    }
    Result<qint64> import(const QString &file, QList<CaseExchange::RowProblem> *problems)
    {
        auto summary = CaseExchange::importCases(file, *m_cases, m_fixture->catalogues, m_cellAt,
                                                 QStringLiteral("op01"), now, problems);
        if (!summary)
            return summary.error();
        return summary.value().written;
    }

private slots:
    void initTestCase()
    {
        m_source = testutil::demoStore(path("source.gpkg"), 1500, 11, now);
        QVERIFY(m_source);
        const QString target = path("target.gpkg");
        QVERIFY(GridImport::ensureStore(target, QStringLiteral(":/data/futian")).ok());
        m_target = std::move(Store::open(target)).value();
        QVERIFY(testutil::seedDemoAccounts(*m_target));
        m_fixture = std::make_unique<testutil::DemoFixture>(target);
        const auto &c = m_fixture->catalogues;
        m_cases = std::make_unique<CaseStore>(*m_target, CaseWorkflow(c.roles), c.calendar,
                                              c.categories, c.units);
        const MapLayerData *cells = m_fixture->cells.get();
        m_cellAt = [cells](QPointF p) {
            const int id = cells->featureAt(p);
            return id < 0 ? QString() : cells->features[id].code;
        };
    }
    void roundTrip_data()
    {
        QTest::addColumn<QString>("format");
        for (const char *f : {"csv", "xlsx", "geojson", "gpkg"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }
    void roundTrip()
    {
        QFETCH(QString, format);
        const CaseQuery query(m_source->db(), subdistrict(), now);
        const qint64 expected = query.count().value();
        const QString file = m_dir.filePath(QStringLiteral("out.") + format);
        auto written = CaseExchange::exportCases(query, m_fixture->catalogues, GridCatalogue(),
                                                 file, format, false);
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().toText()));
        QCOMPARE(written.value(), expected);
        // every row reads back, in the same subdistrict
        QList<CaseExchange::RowProblem> problems;
        auto reports = CaseExchange::readReports(file, m_fixture->catalogues, m_cellAt, now,
                                                 &problems);
        QVERIFY2(reports.ok(),
                 qPrintable(reports.ok() ? QString()
                                         : reports.error().toText() + problems.value(0).reason));
        QCOMPARE(reports.value().size(), expected);
        for (const auto &report : std::as_const(reports.value()))
            QVERIFY(report.input.cellCode.startsWith(QStringLiteral("440304011")));
        // into another store: new reports the first time (csv), the same cases after that, so
        // the other formats find them all here and add nothing
        const qint64 before = count(*m_target);
        auto imported = CaseExchange::importCases(file, *m_cases, m_fixture->catalogues, m_cellAt,
                                                  QStringLiteral("op01"), now, &problems);
        QVERIFY(imported.ok());
        const bool first = format == QLatin1String("csv");
        QCOMPARE(imported.value().written, first ? expected : 0);
        QCOMPARE(imported.value().alreadyHere, first ? 0 : expected);
        QCOMPARE(count(*m_target), before + (first ? expected : 0));
    }
    void open311()
    {
        CaseFilter open;
        open.openOnly = true;
        const CaseQuery query(m_source->db(), open, now);
        const QString file = path("requests.json");
        auto written = CaseExchange::exportCases(query, m_fixture->catalogues, GridCatalogue(),
                                                 file, QStringLiteral("open311"), false);
        QVERIFY(written.ok());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray requests = QJsonDocument::fromJson(f.readAll()).array();
        QCOMPARE(requests.size(), written.value());
        const QJsonObject first = requests.first().toObject();
        QCOMPARE(first[QLatin1String("status")].toString(), QStringLiteral("open"));
        QVERIFY(
            m_fixture->catalogues.categories.find(first[QLatin1String("service_code")].toString()));
        QVERIFY(!first[QLatin1String("group")].toString().isEmpty());
        QVERIFY(first.contains(QLatin1String("expected_datetime")));
        QVERIFY(first.contains(QLatin1String("agency_responsible")));
        QVERIFY(first[QLatin1String("lat")].toDouble() > 22.4);
    }
    void importAgainAddsNothing()
    {
        // another system's ids: the second import finds every case here; a repeated row is one case
        const QString file = path("again.csv");
        write(file, "service_request_id,category_id,reported_at,lon,lat,description\n"
                    "city-1,E0102,2026-11-20T09:00:00+08:00,114.055,22.54,one\n"
                    "city-2,E0102,2026-11-20T09:05:00+08:00,114.056,22.54,two\n"
                    "city-2,E0102,2026-11-20T09:05:00+08:00,114.056,22.54,two again\n");
        const qint64 before = count(*m_target);
        auto first = CaseExchange::importCases(file, *m_cases, m_fixture->catalogues, m_cellAt,
                                               QStringLiteral("op01"), now, nullptr);
        QVERIFY(first.ok());
        QCOMPARE(first.value().written, 2);
        QCOMPARE(first.value().repeated, 1);
        QCOMPARE(count(*m_target), before + 2);
        auto second = CaseExchange::importCases(file, *m_cases, m_fixture->catalogues, m_cellAt,
                                                QStringLiteral("op01"), now, nullptr);
        QVERIFY(second.ok());
        QCOMPARE(second.value().written, 0);
        QCOMPARE(second.value().alreadyHere, 2);
        QCOMPARE(count(*m_target), before + 2);
        QVERIFY2(second.value().text().contains(QStringLiteral("already here")),
                 qPrintable(second.value().text()));
    }
    void gbkTextIsReadAsChinese()
    {
        const QString file = path("gbk.csv");
        const QString description = QStringLiteral("福田区华强北街道路面破损，请尽快处理");
        QStringEncoder gb18030("GB18030");
        QVERIFY(gb18030.isValid());
        const QByteArray bytes = QByteArray("category_id,reported_at,lon,lat,description,reporter\n"
                                            "E0102,2026-11-21T09:00:00+08:00,114.055,22.54,") +
                                 QByteArray(gb18030.encode(description)) + ',' +
                                 QByteArray(gb18030.encode(QStringLiteral("张三"))) + '\n';
        write(file, bytes);
        QList<CaseExchange::RowProblem> problems;
        CaseExchange::ImportSummary summary;
        auto reports = CaseExchange::readReports(file, m_fixture->catalogues, m_cellAt, now,
                                                 &problems, &summary);
        QVERIFY2(reports.ok(), qPrintable(reports.ok() ? QString()
                                                       : reports.error().toText() +
                                                             problems.value(0).reason));
        QCOMPARE(reports.value().first().input.description, description);
        QCOMPARE(reports.value().first().input.reporter, QStringLiteral("张三"));
        QCOMPARE(summary.encoding, QStringLiteral("GB18030"));
    }
    void badTextIsRefusedByRowAndColumn_data()
    {
        QTest::addColumn<QByteArray>("description");
        QTest::addColumn<QString>("expected");
        QTest::newRow("neither utf-8 nor gbk") << QByteArray("ok \xff\xfe\x80 not") << "line 3";
        QTest::newRow("nul") << QByteArray("a\0b", 3) << "U+0000";
        QTest::newRow("escape") << QByteArray("a\x1b[31mb") << "U+001b";
        QTest::newRow("replacement character") << QByteArray("lost \xef\xbf\xbd text") << "\uFFFD";
        QTest::newRow("20 MB") << QByteArray(20 * 1024 * 1024, 'x') << "20971520";
        QTest::newRow("2,001 characters") << QByteArray(2001, 'x') << "2000";
    }
    void badTextIsRefusedByRowAndColumn()
    {
        QFETCH(QByteArray, description);
        QFETCH(QString, expected);
        const QString file = path("badtext.csv");
        write(file, "category_id,reported_at,lon,lat,description\n"
                    "E0102,2026-11-20T09:00:00+08:00,114.055,22.54,fine\n"
                    "E0102,2026-11-20T09:00:00+08:00,114.055,22.54,\"" +
                        description + "\"\n");
        const qint64 before = count(*m_target);
        QList<CaseExchange::RowProblem> problems;
        auto imported = import(file, &problems);
        QVERIFY(!imported.ok());
        const QString said = imported.error().message + u'|' +
                             (problems.isEmpty() ? QString()
                                                 : QStringLiteral("row %1: %2")
                                                       .arg(problems[0].row)
                                                       .arg(problems[0].reason));
        QVERIFY2(said.contains(expected), qPrintable(said.left(400)));
        if (!problems.isEmpty()) {
            QCOMPARE(problems[0].row, 2);
            QVERIFY2(problems[0].reason.contains(QStringLiteral("description")),
                     qPrintable(problems[0].reason.left(300)));
        }
        QCOMPARE(count(*m_target), before);
    }
    void exportsAreSafeAndTyped()
    {
        // a reporter's text that a spreadsheet would run as a formula
        const QString hostile = QStringLiteral("=cmd|' /C calc'!A0");
        const QString in = path("hostile.csv");
        write(in, "category_id,reported_at,lon,lat,description,reporter\n"
                  "E0102,2026-11-22T10:00:00+08:00,114.0551,22.5401,\"=cmd|' /C calc'!A0\",@admin\n");
        auto imported = CaseExchange::importCases(in, *m_cases, m_fixture->catalogues, m_cellAt,
                                                  QStringLiteral("op01"), now, nullptr);
        QVERIFY(imported.ok() && imported.value().written == 1);
        CaseFilter filter;
        filter.reportedFrom = QDateTime(QDate(2026, 11, 22), QTime(0, 0), Qt::OffsetFromUTC, 8 * 3600);
        filter.reportedTo = filter.reportedFrom.addDays(1);
        const CaseQuery query(m_target->db(), filter, now);
        const qint64 expected = query.count().value();
        QVERIFY(expected >= 1);

        const QString csv = path("safe.csv");
        QVERIFY(CaseExchange::exportCases(query, m_fixture->catalogues, GridCatalogue(), csv,
                                          QStringLiteral("csv"), false)
                    .ok());
        QFile bytes(csv);
        QVERIFY(bytes.open(QIODevice::ReadOnly));
        const QByteArray raw = bytes.readAll();
        QVERIFY2(raw.contains("'=cmd|") && !raw.contains(",=cmd") && !raw.contains(",\"=cmd"),
                 raw.constData());
        QVERIFY(raw.contains("'@admin") && !raw.contains(",@admin"));
        // and CityGrid reads its own export back to the text that was typed
        auto back = CaseExchange::readReports(csv, m_fixture->catalogues, m_cellAt, now, nullptr);
        QVERIFY(back.ok());
        bool found = false;
        for (const auto &report : std::as_const(back.value()))
            found |= report.input.description == hostile &&
                     report.input.reporter == QStringLiteral("@admin");
        QVERIFY(found);

        // a sheet: numbers are numbers and times are date-times, the header found by GDAL
        const QString xlsx = path("typed.xlsx");
        QVERIFY(CaseExchange::exportCases(query, m_fixture->catalogues, GridCatalogue(), xlsx,
                                          QStringLiteral("xlsx"), false)
                    .ok());
        QProcess info;
        info.start(QStringLiteral("ogrinfo"), {QStringLiteral("-so"), xlsx, QStringLiteral("cases")});
        QVERIFY(info.waitForFinished(60000));
        const QString summary = QString::fromUtf8(info.readAllStandardOutput());
        for (const QString &line :
             {QStringLiteral("Feature Count: %1").arg(expected),
              QStringLiteral("reported_at: DateTime"), QStringLiteral("lon: Real"),
              QStringLiteral("lat: Real"), QStringLiteral("rework_count: Integer"),
              QStringLiteral("description: String")})
            QVERIFY2(summary.contains(line), qPrintable(line + u'\n' + summary));
        // and reads back with its times in the district's time
        auto sheet = CaseExchange::readReports(xlsx, m_fixture->catalogues, m_cellAt, now, nullptr);
        QVERIFY2(sheet.ok(), qPrintable(sheet.ok() ? QString() : sheet.error().toText()));
        QCOMPARE(sheet.value().size(), expected);
        bool atTen = false;
        for (const auto &report : std::as_const(sheet.value()))
            atTen |= report.at == QDateTime(QDate(2026, 11, 22), QTime(10, 0), Qt::OffsetFromUTC,
                                            8 * 3600);
        QVERIFY(atTen);
    }
    void oneBadRowRejectsTheFile()
    {
        const QString file = path("bad.csv");
        write(file, "category_id,reported_at,lon,lat,channel,description\n"
                    "E0102,2026-11-20T09:00:00+08:00,114.055,22.54,inspector,ok\n"
                    "X9999,2026-11-20T09:00:00+08:00,114.055,22.54,inspector,bad category\n"
                    "E0102,2026-11-20 09:00,113.2,22.54,inspector,outside\n"
                    "E0102,yesterday,114.055,22.54,inspector,bad time\n"
                    "E0102,2027-11-20T09:00:00+08:00,114.055,22.54,inspector,future\n"
                    "E0102,2026-11-20T09:00:00+08:00,114.055,22.54,telepathy,bad channel\n"
                    "E0102,2026-11-20T09:00:00+08:00,,22.54,inspector,no position\n");
        const QByteArray before = testutil::fileDigest(m_target->path());
        QList<CaseExchange::RowProblem> problems;
        auto imported = import(file, &problems);
        QVERIFY(!imported.ok());
        QCOMPARE(imported.error().code, QStringLiteral("import.rows"));
        QCOMPARE(problems.size(), 6);
        QCOMPARE(problems[0].row, 2);
        QVERIFY(problems[0].reason.contains(QLatin1String("X9999")));
        QVERIFY(problems[1].reason.contains(QLatin1String("outside")));
        QVERIFY(problems[2].reason.contains(QLatin1String("yesterday")));
        QVERIFY(problems[3].reason.contains(QLatin1String("future")));
        QVERIFY(problems[4].reason.contains(QLatin1String("telepathy")));
        QVERIFY(problems[5].reason.contains(QLatin1String("position")));
        QCOMPARE(testutil::fileDigest(m_target->path()), before);
    }
    void missingColumnsAreNamed()
    {
        const QString file = path("columns.csv");
        write(file, "what,where\nrubbish,there\n");
        auto imported = import(file, nullptr);
        QVERIFY(!imported.ok());
        QCOMPARE(imported.error().code, QStringLiteral("import.columns"));
        QVERIFY(imported.error().message.contains(QLatin1String("category_id")));
        QVERIFY(imported.error().message.contains(QLatin1String("reported_at")));
    }
    void timesWithoutOffsetAreChinaTime()
    {
        const QString file = path("local.csv");
        write(file, "category_id,reported_at,lon,lat\nE0102,2026-11-20 09:00,114.055,22.54\n");
        QVERIFY(import(file, nullptr).ok());
        auto q = Statement::prepare(m_target->db(),
                                    QStringLiteral("SELECT case_no FROM cases WHERE reported_at = "
                                                   "'2026-11-20T09:00:00.000+08:00'"));
        QVERIFY(q.value().step().value());
        QVERIFY(q.value().text(0).startsWith(QLatin1String("20261120")));
    }
};

QTEST_GUILESS_MAIN(TestCaseExchange)
#include "tst_caseexchange.moc"
