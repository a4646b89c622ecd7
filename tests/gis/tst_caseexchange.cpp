// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "../casefixture.h"
#include "../testutil.h"
#include "caseexchange.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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
        return CaseExchange::importCases(file, *m_cases, m_fixture->catalogues, m_cellAt,
                                         QStringLiteral("op01"), now, problems);
    }

private slots:
    void initTestCase()
    {
        m_source = testutil::demoStore(path("source.gpkg"), 1500, 11, now);
        QVERIFY(m_source);
        const QString target = path("target.gpkg");
        QVERIFY(GridImport::ensureStore(target, QStringLiteral(":/data/futian")).ok());
        m_target = std::move(Store::open(target)).value();
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
        auto written = CaseExchange::exportCases(query, m_fixture->catalogues, GridCatalog(), file,
                                                 format, false);
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().toText()));
        QCOMPARE(written.value(), expected);
        // back in as new reports, the same categories at the same places
        const qint64 before = count(*m_target);
        const qint64 beforeHere = CaseQuery(m_target->db(), subdistrict(), now).count().value();
        QList<CaseExchange::RowProblem> problems;
        auto imported = import(file, &problems);
        QVERIFY2(imported.ok(),
                 qPrintable(imported.ok() ? QString()
                                          : imported.error().toText() + problems.value(0).reason));
        QCOMPARE(imported.value(), expected);
        QCOMPARE(count(*m_target), before + expected);
        // every case came back into the same subdistrict
        QCOMPARE(CaseQuery(m_target->db(), subdistrict(), now).count().value(),
                 beforeHere + expected);
    }
    void open311()
    {
        CaseFilter open;
        open.openOnly = true;
        const CaseQuery query(m_source->db(), open, now);
        const QString file = path("requests.json");
        auto written = CaseExchange::exportCases(query, m_fixture->catalogues, GridCatalog(), file,
                                                 QStringLiteral("open311"), false);
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
