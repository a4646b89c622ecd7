// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/casequery.h"
#include "cli/celllocator.h"
#include "crs/gcj02.h"
#include "open311/open311service.h"
#include "servefixture.h"
#include "services/appcontext.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace citygrid;

/// Open311 GeoReport v2: the rules of the service (posted requests validated as any report,
/// refused ones leave the store as it was, a city platform's id kept, filters), then `citygrid
/// serve` over HTTP with curl exactly as a city platform calls it: raw status lines and bodies.
class TestOpen311 : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_store;
    QString m_keys;
    QString m_cityKey;
    std::unique_ptr<AppContext> m_app;
    std::unique_ptr<Open311Service> m_service;
    cli::CellLocator m_locate;

    testutil::CitygridRun citygrid(const QStringList &arguments)
    {
        return testutil::runCitygrid(QStringLiteral(CITYGRID_EXECUTABLE), arguments, m_dir.path());
    }
    qint64 caseCount() const
    {
        return m_app->caseQuery({}, QDateTime::currentDateTime()).count().value();
    }
    static Open311Keys::Client client(const QString &name, bool gcj02 = false)
    {
        return {name, QStringLiteral("hotline"), gcj02, {}, {}};
    }
    /// A field set with everything a valid request has, then `changes` ("key=value", or "key"
    /// alone to drop it).
    static QHash<QString, QString> fields(const QStringList &changes = {})
    {
        QHash<QString, QString> f{{QStringLiteral("service_code"), QStringLiteral("C0101")},
                                  {QStringLiteral("lat"), QStringLiteral("22.5431")},
                                  {QStringLiteral("long"), QStringLiteral("114.0579")},
                                  {QStringLiteral("description"), QStringLiteral("井盖破损")}};
        for (const QString &c : changes) {
            const qsizetype eq = c.indexOf(u'=');
            if (eq < 0)
                f.remove(c);
            else
                f.insert(c.left(eq), c.mid(eq + 1));
        }
        return f;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_store = m_dir.filePath(QStringLiteral("centre.gpkg"));
        m_keys = m_dir.filePath(QStringLiteral("open311-keys"));
        const auto demo = citygrid({QStringLiteral("demo"), QStringLiteral("--store"), m_store,
                                    QStringLiteral("--cases"), QStringLiteral("300")});
        QCOMPARE(demo.status, 0);
        const auto key =
            citygrid({QStringLiteral("serve"), QStringLiteral("keys"), QStringLiteral("add"),
                      QStringLiteral("city-platform"), QStringLiteral("--channel"),
                      QStringLiteral("assigned"), QStringLiteral("--keys"), m_keys});
        QCOMPARE(key.status, 0);
        m_cityKey = key.out.trimmed();
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{64}$")).match(m_cityKey).hasMatch());
        // the file holds the key's hash, never the key, and only its owner reads it
        QFile file(m_keys);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(m_cityKey.toLatin1()));
        QCOMPARE(file.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());

        auto app = AppContext::open(m_store);
        if (!app)
            QFAIL(qPrintable(app.error().toText()));
        m_app = std::move(app.value());
        auto op = m_app->accounts().actor(QStringLiteral("op01"));
        QVERIFY(op);
        auto locate = cli::cellLocator(*m_app);
        QVERIFY(locate);
        m_locate = locate.value();
        m_service = std::make_unique<Open311Service>(*m_app, QStringLiteral("op01"), op.value(),
                                                     m_locate, true);
    }

    void keysRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("channel");
        QTest::addColumn<QString>("datum");
        QTest::addColumn<QString>("why");
        QTest::newRow("name in use") << QStringLiteral("city-platform") << QStringLiteral("hotline")
                                     << QStringLiteral("wgs84") << QStringLiteral("already");
        QTest::newRow("space in name")
            << QStringLiteral("city platform") << QStringLiteral("hotline")
            << QStringLiteral("wgs84") << QStringLiteral("no spaces");
        QTest::newRow("channel") << QStringLiteral("app") << QStringLiteral("carrier-pigeon")
                                 << QStringLiteral("wgs84") << QStringLiteral("Unknown channel");
        QTest::newRow("datum") << QStringLiteral("app") << QStringLiteral("hotline")
                               << QStringLiteral("bd09") << QStringLiteral("Unknown datum");
    }
    void keysRefused()
    {
        QFETCH(QString, name);
        QFETCH(QString, channel);
        QFETCH(QString, datum);
        QFETCH(QString, why);
        const QByteArray before = testutil::fileDigest(m_keys);
        auto key = Open311Keys::add(m_keys, name, channel, datum);
        QVERIFY(!key);
        QVERIFY2(key.error().message.contains(why), qPrintable(key.error().message));
        QCOMPARE(testutil::fileDigest(m_keys), before);
    }

    void postRefused_data()
    {
        QTest::addColumn<QStringList>("changes");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("why");
        QTest::newRow("no service_code") << QStringList{QStringLiteral("service_code")} << 400
                                         << QStringLiteral("service_code is missing");
        QTest::newRow("unknown service") << QStringList{QStringLiteral("service_code=C9999")} << 400
                                         << QStringLiteral("\"C9999\" is not a service");
        QTest::newRow("no lat") << QStringList{QStringLiteral("lat")} << 400
                                << QStringLiteral("lat and long are missing");
        QTest::newRow("address only") << QStringList{QStringLiteral("lat"), QStringLiteral("long"),
                                                     QStringLiteral("address_string=福华路")}
                                      << 400 << QStringLiteral("address_string alone");
        QTest::newRow("lat not a number")
            << QStringList{QStringLiteral("lat=north")} << 400 << QStringLiteral("decimal degrees");
        QTest::newRow("lat out of range")
            << QStringList{QStringLiteral("lat=91")} << 400 << QStringLiteral("decimal degrees");
        QTest::newRow("infinite") << QStringList{QStringLiteral("long=inf")} << 400
                                  << QStringLiteral("decimal degrees");
        QTest::newRow("outside the district")
            << QStringList{QStringLiteral("lat=39.9"), QStringLiteral("long=116.4")} << 400
            << QStringLiteral("outside the district");
        QTest::newRow("no description") << QStringList{QStringLiteral("description= ")} << 400
                                        << QStringLiteral("description is missing");
        QTest::newRow("control character") << QStringList{QStringLiteral("description=a\x01b")}
                                           << 400 << QStringLiteral("control character");
        QTest::newRow("description too long")
            << QStringList{QStringLiteral("description=") + QString(2001, u'x')} << 400
            << QStringLiteral("at most 2000");
        QTest::newRow("city id too long")
            << QStringList{QStringLiteral("attribute[city_case_no]=") + QString(65, u'9')} << 400
            << QStringLiteral("city_case_no] is 65 characters long");
        QTest::newRow("reporter too long")
            << QStringList{QStringLiteral("first_name=") + QString(120, u'x')} << 400
            << QStringLiteral("reporter is 120 characters");
    }
    void postRefused()
    {
        QFETCH(QStringList, changes);
        QFETCH(int, status);
        QFETCH(QString, why);
        const qint64 before = caseCount();
        const Open311Reply reply =
            m_service->post(fields(changes), client(QStringLiteral("city-platform")));
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.body.size(), 1);
        const QJsonObject error = reply.body.first().toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toInt(), status);
        QVERIFY2(error.value(QStringLiteral("description")).toString().contains(why),
                 qPrintable(error.value(QStringLiteral("description")).toString()));
        QCOMPARE(caseCount(), before);
    }

    void postKeepsTheCityId()
    {
        const qint64 before = caseCount();
        const auto city = client(QStringLiteral("city-platform"));
        const Open311Reply first =
            m_service->post(fields({QStringLiteral("attribute[city_case_no]=SZ12345-0007"),
                                    QStringLiteral("first_name=王"), QStringLiteral("phone=138")}),
                            city);
        QCOMPARE(first.status, 201);
        const QString number =
            first.body.first().toObject().value(QStringLiteral("service_request_id")).toString();
        QVERIFY(!number.isEmpty());
        // posted again after a lost answer: the same case
        const Open311Reply again =
            m_service->post(fields({QStringLiteral("attribute[city_case_no]=SZ12345-0007")}), city);
        QCOMPARE(again.status, 200);
        QCOMPARE(
            again.body.first().toObject().value(QStringLiteral("service_request_id")).toString(),
            number);
        QCOMPARE(caseCount(), before + 1);
        // another client's id of the same text is another case
        QCOMPARE(m_service
                     ->post(fields({QStringLiteral("attribute[city_case_no]=SZ12345-0007")}),
                            client(QStringLiteral("wechat")))
                     .status,
                 201);
        QCOMPARE(caseCount(), before + 2);

        // found by either number; the case has the client's channel and the reporter
        const Open311Reply byCity = m_service->request(QStringLiteral("SZ12345-0007"));
        QCOMPARE(byCity.status, 200);
        const QJsonObject r = byCity.body.first().toObject();
        QCOMPARE(r.value(QStringLiteral("service_request_id")).toString(), number);
        QCOMPARE(r.value(QStringLiteral("city_case_no")).toString(),
                 QStringLiteral("SZ12345-0007"));
        QCOMPARE(r.value(QStringLiteral("status")).toString(), QStringLiteral("open"));
        QCOMPARE(r.value(QStringLiteral("address_id")).toString().size(), 15);
        auto uuid = m_app->cases().resolve(number);
        QVERIFY(uuid);
        const CaseRecord record = m_app->cases().find(uuid.value()).value();
        QCOMPARE(record.channel, QStringLiteral("hotline"));
        QCOMPARE(record.reporter, QStringLiteral("王 138"));
        QCOMPARE(m_service->request(QStringLiteral("SZ12345-9999")).status, 404);
    }

    void gcj02PointsAreConverted()
    {
        // A point of a Chinese web map lies some hundreds of metres off its WGS 84 place: the
        // client's datum says so, and the case is placed where it really is.
        const QPointF wgs(114.0579, 22.5431);
        const QPointF gcj = gcj02::fromWgs84(wgs);
        const Open311Reply reply =
            m_service->post(fields({QStringLiteral("lat=%1").arg(gcj.y(), 0, 'f', 8),
                                    QStringLiteral("long=%1").arg(gcj.x(), 0, 'f', 8)}),
                            client(QStringLiteral("wechat"), true));
        QCOMPARE(reply.status, 201);
        auto uuid = m_app->cases().resolve(
            reply.body.first().toObject().value(QStringLiteral("service_request_id")).toString());
        const CaseRecord record = m_app->cases().find(uuid.value()).value();
        QVERIFY(std::abs(record.lonLat.x() - wgs.x()) < 1e-7);
        QVERIFY(std::abs(record.lonLat.y() - wgs.y()) < 1e-7);
        QCOMPARE(record.cellCode, m_locate(wgs));
    }

    void requestFilters()
    {
        const QDateTime now = QDateTime::currentDateTime();
        const auto count = [&](const QStringList &filters) {
            QHash<QString, QString> f;
            for (const QString &kv : filters)
                f.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
            const Open311Reply reply = m_service->requests(f, now);
            return reply.status == 200 ? int(reply.body.size()) : -reply.status;
        };
        const auto matching = [&](const CaseFilter &filter) {
            return int(m_app->caseQuery(filter, now).count().value());
        };
        CaseFilter last90;
        last90.reportedFrom = now.addDays(-90);
        QCOMPARE(count({}), matching(last90));
        CaseFilter open = last90;
        open.openOnly = true;
        QCOMPARE(count({QStringLiteral("status=open")}), matching(open));
        CaseFilter closed = last90;
        closed.states = {QStringLiteral("closed"), QStringLiteral("voided")};
        QCOMPARE(count({QStringLiteral("status=closed")}), matching(closed));
        QCOMPARE(count({QStringLiteral("status=open")}) + count({QStringLiteral("status=closed")}),
                 count({}));
        CaseFilter year;
        year.reportedFrom = now.addDays(-365);
        year.categoryPrefix = QStringLiteral("C0101");
        QCOMPARE(count({QStringLiteral("service_code=C0101"),
                        QStringLiteral("start_date=") + now.addDays(-365).toString(Qt::ISODate)}),
                 matching(year));
        QVERIFY(matching(year) > 0);
        QCOMPARE(count({QStringLiteral("status=pending")}), -400);
        QCOMPARE(count({QStringLiteral("end_date=tomorrow")}), -400);
        QCOMPARE(count({QStringLiteral("service_code=X")}), -400);
        // more ids than a reply may hold are refused at once, not looked up one by one
        QStringList many;
        for (int i = 0; i < 1001; ++i)
            many.append(QString::number(i));
        QCOMPARE(count({QStringLiteral("service_request_id=") + many.join(u',')}), -400);
        // ids override the other filters; unknown ones are left out
        QCOMPARE(count({QStringLiteral("service_request_id=SZ12345-0007,nope"),
                        QStringLiteral("status=closed")}),
                 1);
    }

    void services()
    {
        const Open311Reply list = m_service->services();
        QCOMPARE(list.body.size(), m_app->catalogues().categories.categories().size());
        const QJsonObject first = list.body.first().toObject();
        for (const char *key : {"service_code", "service_name", "description", "metadata", "type",
                                "keywords", "group"})
            QVERIFY2(first.contains(QLatin1String(key)), key);
        QCOMPARE(m_service->service(QStringLiteral("C0101")).status, 200);
        QCOMPARE(m_service->service(QStringLiteral("nope")).status, 404);
    }

    void overHttp()
    {
        QProcess serve;
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
        const QString base =
            testutil::startServe(serve,
                                 {QStringLiteral("--store"), m_store, QStringLiteral("--user"),
                                  QStringLiteral("op01"), QStringLiteral("--keys"), m_keys},
                                 testutil::demoPassword());
        QVERIFY2(!base.startsWith(u'!'), qPrintable(base));

        const testutil::Http services = testutil::curl({base + QStringLiteral("services.json")});
        QCOMPARE(services.status, 200);
        QCOMPARE(QJsonDocument::fromJson(services.body).array().size(),
                 m_app->catalogues().categories.categories().size());

        const qint64 before = caseCount();
        const testutil::Http wrongKey = testutil::curl(
            {QStringLiteral("-d"), QStringLiteral("api_key=0123"), QStringLiteral("-d"),
             QStringLiteral("service_code=C0101"), base + QStringLiteral("requests.json")});
        QCOMPARE(wrongKey.status, 403);
        QCOMPARE(wrongKey.body,
                 QByteArray("[{\"code\":403,\"description\":\"The api_key is not valid; ask the "
                            "district for the sending system's key\"}]"));
        const testutil::Http noKey =
            testutil::curl({QStringLiteral("-d"), QStringLiteral("service_code=C0101"),
                            base + QStringLiteral("requests.json")});
        QCOMPARE(noKey.status, 403);

        // 10 MB: refused as such, nothing stored
        const QString big = m_dir.filePath(QStringLiteral("big"));
        {
            QFile f(big);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray("api_key=") + m_cityKey.toLatin1() +
                    "&description=" + QByteArray(10 * 1024 * 1024, 'a'));
        }
        const testutil::Http tooBig = testutil::curl(
            {QStringLiteral("--data-binary"), u'@' + big, base + QStringLiteral("requests.json")});
        QCOMPARE(tooBig.status, 413);
        QCOMPARE(tooBig.body, QByteArray("[{\"code\":413,\"description\":\"The request is "
                                         "10485845 bytes long; at most 1048576 are taken\"}]"));
        QCOMPARE(caseCount(), before);

        const testutil::Http posted = testutil::curl(
            {QStringLiteral("-d"), QStringLiteral("api_key=") + m_cityKey, QStringLiteral("-d"),
             QStringLiteral("service_code=E0101"), QStringLiteral("-d"),
             QStringLiteral("lat=22.5355"), QStringLiteral("-d"), QStringLiteral("long=114.0541"),
             QStringLiteral("--data-urlencode"),
             QStringLiteral("description=路面有垃圾 rubbish+bags"), QStringLiteral("-d"),
             QStringLiteral("attribute[city_case_no]=SZ-HTTP-1"),
             base + QStringLiteral("requests.json")});
        QCOMPARE(posted.status, 201);
        const QString number = QJsonDocument::fromJson(posted.body)
                                   .array()
                                   .first()
                                   .toObject()
                                   .value(QStringLiteral("service_request_id"))
                                   .toString();
        QVERIFY2(!number.isEmpty(), posted.body.constData());
        QCOMPARE(caseCount(), before + 1);
        auto uuid = m_app->cases().resolve(number);
        QVERIFY(uuid);
        QCOMPARE(m_app->cases().find(uuid.value()).value().description,
                 QStringLiteral("路面有垃圾 rubbish+bags"));
        QCOMPARE(m_app->cases().find(uuid.value()).value().channel, QStringLiteral("assigned"));

        // the centre files and dispatches it; the platform reads the status back by its own id
        for (const QStringList &step :
             {QStringList{QStringLiteral("file")},
              QStringList{QStringLiteral("dispatch"), QStringLiteral("--note"),
                          QStringLiteral("sent to the sanitation contractor")}}) {
            const auto run = citygrid(
                QStringList{QStringLiteral("cases"), QStringLiteral("step"), number} + step +
                QStringList{QStringLiteral("--store"), m_store, QStringLiteral("--user"),
                            QStringLiteral("op01")});
            QVERIFY2(run.status == 0, qPrintable(run.err));
        }
        const testutil::Http status =
            testutil::curl({base + QStringLiteral("requests/SZ-HTTP-1.json")});
        QCOMPARE(status.status, 200);
        const QJsonObject r = QJsonDocument::fromJson(status.body).array().first().toObject();
        QCOMPARE(r.value(QStringLiteral("service_request_id")).toString(), number);
        QCOMPARE(r.value(QStringLiteral("status_notes")).toString(),
                 QStringLiteral("Dispatched: sent to the sanitation contractor"));
        QVERIFY(!r.value(QStringLiteral("agency_responsible")).toString().isEmpty());
        QVERIFY(!r.value(QStringLiteral("expected_datetime")).toString().isEmpty());

        // XML when asked
        const testutil::Http xml =
            testutil::curl({base + QStringLiteral("requests/") + number + QStringLiteral(".xml")});
        QCOMPARE(xml.status, 200);
        QVERIFY(xml.body.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><service_requests>"
                                    "<request>"));
        QVERIFY(xml.body.contains("<service_request_id>" + number.toLatin1() +
                                  "</service_request_id>"));

        // a key revoked stops working at once, without a restart
        QCOMPARE(
            citygrid({QStringLiteral("serve"), QStringLiteral("keys"), QStringLiteral("revoke"),
                      QStringLiteral("city-platform"), QStringLiteral("--keys"), m_keys})
                .status,
            0);
        const testutil::Http revoked = testutil::curl(
            {QStringLiteral("-d"), QStringLiteral("api_key=") + m_cityKey, QStringLiteral("-d"),
             QStringLiteral("service_code=E0101"), base + QStringLiteral("requests.json")});
        QCOMPARE(revoked.status, 403);
        QCOMPARE(testutil::curl({base + QStringLiteral("elsewhere")}).status, 404);
        QCOMPARE(testutil::curl({QStringLiteral("-X"), QStringLiteral("DELETE"),
                                 base + QStringLiteral("requests.json")})
                     .status,
                 405);
        serve.kill();
        QVERIFY(serve.waitForFinished());
    }
};

QTEST_GUILESS_MAIN(TestOpen311)
#include "tst_open311.moc"
