// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/assessmentkinds.h"
#include "audit/recordaudit.h"
#include "casefixture.h"
#include "cases/casestore.h"
#include "catalogues/cataloguekinds.h"
#include "sync/syncexchange.h"
#include "sync/syncpeers.h"
#include "testutil.h"

#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace citygrid;
using namespace Qt::Literals::StringLiterals;

namespace {

qint64 count(const SqliteDb &db, const QString &sql, const QString &bound = {})
{
    auto q = Statement::prepare(db, sql);
    if (!q)
        return -1;
    if (!bound.isNull())
        q.value().bind(1, bound);
    auto row = q.value().step();
    return row && row.value() ? q.value().integer(0) : -1;
}

QString text(const SqliteDb &db, const QString &sql, const QString &bound)
{
    auto q = Statement::prepare(db, sql);
    q.value().bind(1, bound);
    auto row = q.value().step();
    return row && row.value() ? q.value().text(0) : QString();
}

/// "seed:i" as a pair that orders writes: later rounds have larger seeds.
std::pair<int, int> order(const QString &note)
{
    return {note.section(u':', 0, 0).toInt(), note.section(u':', 1, 1).toInt()};
}

} // namespace

/// A writer killed (SIGKILL) at random points while it reports, steps, imports in bulk, enters
/// 7+1 scores and imports a sync package; after every kill the store is whole, its record
/// verifies, everything the writer acknowledged is there and every import is all or nothing.
class TestCrash : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_centre, m_package;
    qint64 m_officeCases = 0;

private slots:
    void initTestCase()
    {
        // the centre: demo cases, accounts and 7+1 months, as `citygrid demo` leaves a store
        m_centre = m_dir.filePath(u"centre.gpkg"_s);
        const auto demo = testutil::runCitygrid(
            QStringLiteral(CITYGRID_EXECUTABLE),
            {u"demo"_s, u"--cases"_s, u"300"_s, u"--store"_s, m_centre}, m_dir.path());
        QVERIFY2(demo.status == 0, qPrintable(demo.err));
        // an office whose package the writer imports
        const QDateTime now(QDate(2026, 12, 4), QTime(16, 0), QTimeZone(8 * 3600));
        auto office = testutil::demoStore(m_dir.filePath(u"office.gpkg"_s), 0, 1, now);
        const ActingUser admin{u"admin01"_s, &testutil::bundledRoles()};
        QVERIFY(office);
        QVERIFY(SiteIdentity::configure(*office, u"office"_s, u"YL"_s, admin));
        auto centre = Store::open(m_centre);
        QVERIFY(centre);
        auto officeId = SiteIdentity::ensure(*office);
        auto centreId = SiteIdentity::ensure(*centre.value());
        QVERIFY(officeId && centreId);
        QVERIFY(SyncPeers(office->db())
                    .add(centreId.value().card(), officeId.value().siteId(), admin, now));
        QVERIFY(SyncPeers(centre.value()->db())
                    .add(officeId.value().card(), centreId.value().siteId(), admin, now));
        const CaseCatalogues catalogues = testutil::bundledCatalogues();
        CaseStore cases(*office, CaseWorkflow(catalogues.roles), catalogues.calendar,
                        catalogues.categories, catalogues.units);
        QList<CaseStore::DatedReport> reports;
        const QString cell = text(office->db(), u"SELECT code FROM cells WHERE code > ?1"_s, u""_s);
        for (int i = 0; i < 300; ++i) {
            NewCase input;
            input.categoryId = u"E0102"_s;
            input.cellCode = cell;
            input.lonLat = QPointF(114.05, 22.54);
            input.channel = u"inspector"_s;
            reports.append({input, now.addSecs(-60 * i), {}});
        }
        auto written = cases.reportMany(reports, u"ins01"_s);
        QVERIFY(written);
        m_officeCases = written.value();
        RefKinds kinds;
        assessmentkinds::addTo(kinds);
        cataloguekinds::addTo(kinds);
        auto exported = SyncExchange(*office, kinds, catalogues.roles)
                            .exportTo(centreId.value().siteId(), admin.name, now);
        QVERIFY(exported);
        m_package = m_dir.filePath(u"office.cgsync"_s);
        QFile file(m_package);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(exported.value().file);
    }

    void killedAtRandomPointsLosesNothing()
    {
        QRandomGenerator random(20261205);
        QSet<QString> reported, filed;
        QHash<QString, int> batches;     // tag → n
        QHash<QString, QString> entries; // score uuid → last acknowledged note
        bool packageIn = false;
        int killedMidWrite = 0;
        for (int round = 1; round <= 16; ++round) {
            QProcess writer;
            writer.start(QStringLiteral(CITYGRID_CRASHWRITER),
                         {m_centre, m_package, QString::number(round)});
            QVERIFY(writer.waitForStarted());
            QTest::qWait(200 + random.bounded(1300));
            QVERIFY2(writer.state() == QProcess::Running,
                     qPrintable(u"the writer stopped by itself (%1): %2"_s.arg(writer.exitCode())
                                    .arg(QString::fromUtf8(writer.readAllStandardError()))));
            writer.kill();
            QVERIFY(writer.waitForFinished());
            // what the writer said it had committed
            const QStringList lines =
                QString::fromUtf8(writer.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
            for (const QString &line : lines) {
                const QStringList p = line.split(u' ');
                if (p[0] == u"R"_s)
                    reported.insert(p[1]);
                else if (p[0] == u"S"_s)
                    filed.insert(p[1]);
                else if (p[0] == u"B"_s)
                    batches.insert(p[1], p[2].toInt());
                else if (p[0] == u"A"_s)
                    entries.insert(p[1], p[2]);
                else if (p[0] == u"Y"_s)
                    packageIn = true;
            }
            // the store after the kill
            auto store = Store::open(m_centre);
            QVERIFY2(store, qPrintable(store ? QString() : store.error().toText()));
            const SqliteDb &db = store.value()->db();
            QCOMPARE(text(db, u"PRAGMA integrity_check"_s, {}), u"ok"_s);
            auto audit = RecordAudit::verify(db);
            QVERIFY(audit);
            QVERIFY2(
                audit.value().intact(),
                qPrintable(u"round %1: %2"_s.arg(round).arg(
                    audit.value().intact() ? QString() : audit.value().findings.first().message)));
            for (const QString &uuid : std::as_const(reported))
                QVERIFY2(count(db, u"SELECT count(*) FROM cases WHERE uuid = ?1"_s, uuid) == 1,
                         qPrintable(uuid));
            for (const QString &uuid : std::as_const(filed))
                QCOMPARE(count(db,
                               u"SELECT count(*) FROM case_events WHERE case_uuid = ?1 AND "
                               "step = 'file'"_s,
                               uuid),
                         1);
            // every import whole or not at all, acknowledged or not
            auto tags = Statement::prepare(db, u"SELECT description, count(*) FROM cases WHERE "
                                               "description LIKE 'batch-%' GROUP BY 1"_s);
            QHash<QString, qint64> stored;
            QVERIFY(tags.value().forEachRow(
                [&](const Statement &s) { stored.insert(s.text(0), s.integer(1)); }));
            for (auto i = stored.cbegin(); i != stored.cend(); ++i)
                QCOMPARE(i.value(), qint64(i.key().section(u'-', 3, 3).toInt()));
            for (auto i = batches.cbegin(); i != batches.cend(); ++i)
                QCOMPARE(stored.value(i.key()), qint64(i.value()));
            const qint64 office =
                count(db, u"SELECT count(*) FROM cases WHERE case_no LIKE 'YL%'"_s);
            QVERIFY(office == 0 || office == m_officeCases);
            if (packageIn)
                QCOMPARE(office, m_officeCases);
            // a 7+1 entry holds its last acknowledged value or a later one
            for (auto i = entries.cbegin(); i != entries.cend(); ++i) {
                const QString note =
                    text(db, u"SELECT note FROM assessment_scores WHERE uuid = ?1"_s, i.key());
                QVERIFY2(order(note) >= order(i.value()), qPrintable(note + u" < "_s + i.value()));
            }
            if (!lines.isEmpty())
                ++killedMidWrite;
        }
        qInfo("16 kills, %d while writing; acknowledged: %lld reports, %lld steps, %lld imports, "
              "%lld 7+1 entries, the package %s",
              killedMidWrite, qint64(reported.size()), qint64(filed.size()), qint64(batches.size()),
              qint64(entries.size()), packageIn ? "in" : "not yet in");
        QVERIFY(killedMidWrite >= 12); // the kills came while it was writing
        QVERIFY(!reported.isEmpty() && !batches.isEmpty() && !entries.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
