// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "accounts/accounts.h"
#include "assessment/assessmentdemo.h"
#include "assessment/assessmentscheme.h"
#include "assessment/assessmentstore.h"
#include "audit/recordaudit.h"
#include "audit/recordchain.h"
#include "audit/sitekey.h"
#include "casefixture.h"
#include "sync/refrecords.h"
#include "sync/siteidentity.h"

#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace citygrid;
using namespace Qt::Literals::StringLiterals;

namespace {

const QDateTime now(QDate(2026, 12, 4), QTime(17, 0), QTimeZone(8 * 3600));

QString scalar(const SqliteDb &db, const QString &sql)
{
    auto q = Statement::prepare(db, sql);
    if (!q || !q.value().step().ok())
        return {};
    return q.value().text(0);
}

Result<AuditReport> verify(const QString &path)
{
    auto db = SqliteDb::open(path, SqliteDb::Mode::ReadOnly);
    if (!db)
        return db.error();
    return RecordAudit::verify(*db.value());
}

} // namespace

/// The record's hash chains: every kind of write is sealed, and every kind of change made past
/// CityGrid (sqlite3 on the file) is found and named.
class TestRecordAudit : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_pristine;
    int m_copies = 0;

    /// A copy of the pristine store (closed) with its key, to tamper with.
    QString copy(bool withKey = true)
    {
        const QString path = m_dir.filePath(u"copy-%1.gpkg"_s.arg(++m_copies));
        if (!QFile::copy(m_pristine, path))
            return {};
        if (withKey && !QFile::copy(SiteKey::fileFor(m_pristine), SiteKey::fileFor(path)))
            return {};
        return path;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_pristine = m_dir.filePath(u"pristine.gpkg"_s);
        // cases and accounts (the demo), 7+1 months with entries, surveys and events, and a
        // reference record: every kind of record the chain seals
        auto store = testutil::demoStore(m_pristine, 300, 7, now);
        QVERIFY(store);
        QStringList subdistricts;
        auto q = Statement::prepare(store->db(), u"SELECT code FROM subdistricts ORDER BY code"_s);
        QVERIFY(q.value().forEachRow([&](const Statement &s) { subdistricts << s.text(0); }));
        AssessmentStore assessment(*store, testutil::bundledRoles());
        AssessmentDemo::Options options;
        options.months = 2;
        options.current = QDate(2026, 12, 1);
        options.now = now;
        auto filled = AssessmentDemo::fill(
            assessment, testutil::bundledAssessment().scheme, subdistricts,
            [&subdistricts](QDate) {
                // every computed figure at a middling value
                QHash<QString, QHash<QString, double>> figures;
                for (const QString &code : std::as_const(subdistricts))
                    for (const QString &figure : AssessmentScheme::figureIds())
                        figures[code][figure] = 0.5;
                return figures;
            },
            options);
        QVERIFY2(filled, qPrintable(filled ? QString() : filled.error().toText()));
        // an entry of the draft month taken back: its removal is sealed too
        auto entry = Statement::prepare(store->db(),
                                        u"SELECT subdistrict_code, point_id, side, evaluator FROM "
                                        "assessment_scores WHERE month = '2026-12' LIMIT 1"_s);
        QVERIFY(entry.value().step().value());
        const AssessmentEntry taken{entry.value().text(0), entry.value().text(1),
                                    *AssessmentEntry::sideFromId(entry.value().text(2)),
                                    entry.value().text(3)};
        QVERIFY(assessment.removeScore(QDate(2026, 12, 1), taken, u"sv01"_s));
        RefRecords records(store->db(), store->meta(storeschema::keySiteId()));
        QVERIFY(records.put(u"population"_s, u"2026/440304001"_s,
                            QJsonObject{{u"registered"_s, 70000}, {u"nonregistered"_s, 50000}},
                            u"ld01"_s, now));
    }

    void everyWriteIsSealed()
    {
        auto report = verify(m_pristine);
        QVERIFY2(report, qPrintable(report ? QString() : report.error().toText()));
        for (const AuditFinding &f : report.value().findings)
            qWarning() << f.message;
        QVERIFY(report.value().intact());
        QCOMPARE(report.value().chains, 7); // each kind of record has its chain
        QCOMPARE(report.value().unverifiedHeads, 0);
        auto db = SqliteDb::open(m_pristine, SqliteDb::Mode::ReadOnly);
        const qint64 events =
            scalar(*db.value(), u"SELECT (SELECT count(*) FROM case_events) + (SELECT count(*) "
                                "FROM account_events) + (SELECT count(*) FROM assessment_events)"_s)
                .toLongLong();
        QVERIFY(events > 1000);
        QVERIFY(report.value().records > events); // and every state row's changes
    }

    void tamperingIsFound_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expectSql"); // what the message must name, from the store

        const QString caseOf = u"SELECT case_no FROM cases WHERE uuid = (SELECT case_uuid FROM "
                               "case_events WHERE id = %1)"_s;
        QTest::newRow("case event edited")
            << u"UPDATE case_events SET note = 'all fine' WHERE id = 50"_s
            << int(AuditFinding::Kind::Edited) << caseOf.arg(50);
        QTest::newRow("actor of a step changed")
            << u"UPDATE case_events SET actor = 'ld01', role = 'leader' WHERE id = 60"_s
            << int(AuditFinding::Kind::Edited) << caseOf.arg(60);
        QTest::newRow("step's time moved")
            << u"UPDATE case_events SET at = '2026-01-01T08:00:00.000+08:00' WHERE id = 70"_s
            << int(AuditFinding::Kind::Edited) << caseOf.arg(70);
        QTest::newRow("case event deleted") << u"DELETE FROM case_events WHERE id = 80"_s
                                            << int(AuditFinding::Kind::Deleted) << caseOf.arg(80);
        QTest::newRow("event inserted (mallory closes a case)")
            << u"INSERT INTO case_events (uuid, case_uuid, step, actor, role, at, site_id) "
               "SELECT 'forged-1', case_uuid, 'close', 'mallory', 'leader', at, site_id FROM "
               "case_events WHERE id = 90"_s
            << int(AuditFinding::Kind::Inserted) << caseOf.arg(90);
        QTest::newRow("event and its link deleted")
            << u"DELETE FROM record_chain WHERE stream = 'case' AND ref = (SELECT uuid FROM "
               "case_events WHERE id = 100); DELETE FROM case_events WHERE id = 100"_s
            << int(AuditFinding::Kind::Reordered) << caseOf.arg(101);
        QTest::newRow("two links swapped")
            << u"UPDATE record_chain SET seq = -1 WHERE stream = 'case' AND seq = 110;"
               "UPDATE record_chain SET seq = 110 WHERE stream = 'case' AND seq = 111;"
               "UPDATE record_chain SET seq = 111 WHERE stream = 'case' AND seq = -1"_s
            << int(AuditFinding::Kind::Reordered) << u"SELECT '110'"_s;
        QTest::newRow("newest event and link removed")
            << u"DELETE FROM case_events WHERE uuid = (SELECT ref FROM record_chain WHERE "
               "stream = 'case' ORDER BY seq DESC LIMIT 1); DELETE FROM record_chain WHERE "
               "stream = 'case' AND seq = (SELECT max(seq) FROM record_chain WHERE stream = "
               "'case')"_s
            << int(AuditFinding::Kind::Head) << u"SELECT 'link'"_s;
        QTest::newRow("head signature removed")
            << u"UPDATE record_heads SET signature = NULL WHERE stream = 'case'"_s
            << int(AuditFinding::Kind::Unsigned) << u"SELECT 'signing key'"_s;
        QTest::newRow("unit staff made leader")
            << u"UPDATE accounts SET role = 'leader' WHERE name = 'us01'"_s
            << int(AuditFinding::Kind::Edited) << u"SELECT 'us01'"_s;
        QTest::newRow("password hash replaced")
            << u"UPDATE accounts SET password_hash = '$argon2id$v=19$m=65536,t=2,p=1$forged' "
               "WHERE name = 'ld01'"_s
            << int(AuditFinding::Kind::Edited) << u"SELECT 'ld01'"_s;
        QTest::newRow("account added past CityGrid")
            << u"INSERT INTO accounts (name, display_name, role, enabled, password_hash, "
               "created_at, updated_at) SELECT 'mallory', 'M', 'leader', 1, password_hash, "
               "created_at, updated_at FROM accounts WHERE name = 'ld01'"_s
            << int(AuditFinding::Kind::Inserted) << u"SELECT 'mallory'"_s;
        QTest::newRow("login deleted")
            << u"DELETE FROM account_events WHERE id = (SELECT min(id) FROM account_events)"_s
            << int(AuditFinding::Kind::Deleted)
            << u"SELECT account FROM account_events "
               "ORDER BY id LIMIT 1"_s;
        QTest::newRow("7+1 score raised")
            << u"UPDATE assessment_scores SET score = score + 5 WHERE id = (SELECT min(id) FROM "
               "assessment_scores)"_s
            << int(AuditFinding::Kind::Edited)
            << u"SELECT month FROM assessment_scores ORDER BY "
               "id LIMIT 1"_s;
        QTest::newRow("7+1 score deleted")
            << u"DELETE FROM assessment_scores WHERE id = (SELECT max(id) FROM "
               "assessment_scores)"_s
            << int(AuditFinding::Kind::Deleted)
            << u"SELECT month FROM assessment_scores ORDER "
               "BY id DESC LIMIT 1"_s;
        QTest::newRow("7+1 publication edited")
            << u"UPDATE assessment_events SET actor = 'ld02' WHERE id = (SELECT max(id) FROM "
               "assessment_events)"_s
            << int(AuditFinding::Kind::Edited)
            << u"SELECT month FROM assessment_events ORDER "
               "BY id DESC LIMIT 1"_s;
        QTest::newRow("survey counts edited")
            << u"UPDATE assessment_surveys SET satisfied = satisfied + 100 WHERE rowid = (SELECT "
               "min(rowid) FROM assessment_surveys)"_s
            << int(AuditFinding::Kind::Edited) << u"SELECT 'survey'"_s;
        QTest::newRow("reference record edited")
            << u"UPDATE ref_records SET value = '{\"v\":{\"registered\":1,\"nonregistered\":1}}'"
               " WHERE kind = 'population'"_s
            << int(AuditFinding::Kind::Edited) << u"SELECT 'population'"_s;
    }
    void tamperingIsFound()
    {
        QFETCH(QString, sql);
        QFETCH(int, kind);
        QFETCH(QString, expectSql);
        const QString path = copy();
        QString expected;
        {
            auto db = SqliteDb::open(path);
            QVERIFY(db);
            expected = scalar(*db.value(), expectSql);
            QVERIFY(!expected.isEmpty());
            QVERIFY2(db.value()->exec(sql), qPrintable(db.value()->lastError()));
        }
        auto report = verify(path);
        QVERIFY(report);
        QVERIFY(!report.value().intact());
        const AuditFinding &first = report.value().findings.first();
        QCOMPARE(int(first.kind), kind);
        QVERIFY2(first.message.contains(expected), qPrintable(first.message + u" / "_s + expected));
    }

    void aRewrittenChainNeedsTheKey()
    {
        // Whoever edits an event and computes every later link again (no secret needed) still
        // cannot sign the new head.
        const QString path = copy();
        {
            auto db = SqliteDb::open(path);
            QVERIFY(db);
            QVERIFY(db.value()->exec(u"UPDATE case_events SET note = 'rewritten' WHERE id = 40"_s));
            const QString site = scalar(*db.value(), u"SELECT value FROM citygrid_meta WHERE key "
                                                     "= 'site_id'"_s);
            auto links = RecordChain::links(*db.value(), site, u"case"_s, 1);
            QVERIFY(links);
            const RecordStream &stream = recordstreams::cases();
            QString prev;
            for (const ChainLink &l : links.value()) {
                auto row =
                    Statement::prepare(*db.value(), stream.select() + u" WHERE t.uuid = ?1"_s);
                row.value().bind(1, l.ref);
                QVERIFY(row.value().step().value());
                QStringList values;
                for (int i = 0; i < stream.columns.size(); ++i)
                    values << row.value().text(2 + i);
                const QString hash = recordstreams::chainHash(prev, site, stream.id, l.seq, l.ref,
                                                              recordstreams::canonical(values));
                auto update = Statement::prepare(
                    *db.value(), u"UPDATE record_chain SET prev = ?1, hash = ?2 WHERE site_id = "
                                 "?3 AND stream = 'case' AND seq = ?4"_s);
                update.value().bind(1, prev).bind(2, hash).bind(3, site).bind(4, l.seq);
                QVERIFY(update.value().run());
                prev = hash;
            }
            auto head = Statement::prepare(
                *db.value(), u"UPDATE record_heads SET hash = ?1 WHERE stream = 'case'"_s);
            head.value().bind(1, prev);
            QVERIFY(head.value().run());
        }
        auto report = verify(path);
        QVERIFY(report);
        QCOMPARE(report.value().findings.size(), 1);
        QCOMPARE(report.value().findings.first().kind, AuditFinding::Kind::Unsigned);
    }

    void aChainOfAnUnknownSiteNeedsThisSitesVouch()
    {
        // a forged event sealed, correctly, in a chain of a made-up site, with a head of its own
        const QString path = copy();
        {
            auto db = SqliteDb::open(path);
            QVERIFY(db.value()->exec(
                u"INSERT INTO case_events (uuid, case_uuid, step, actor, role, at, site_id) "
                "SELECT 'ghost-1', case_uuid, 'close', 'mallory', 'leader', at, 'ghost' FROM "
                "case_events WHERE id = 20"_s));
            const RecordStream &stream = recordstreams::cases();
            auto row =
                Statement::prepare(*db.value(), stream.select() + u" WHERE t.uuid = 'ghost-1'"_s);
            QVERIFY(row.value().step().value());
            QStringList values;
            for (int i = 0; i < stream.columns.size(); ++i)
                values << row.value().text(2 + i);
            row.value().reset();
            const QString hash = recordstreams::chainHash(
                {}, u"ghost"_s, stream.id, 1, u"ghost-1"_s, recordstreams::canonical(values));
            auto link = Statement::prepare(
                *db.value(), u"INSERT INTO record_chain (site_id, stream, seq, ref, about, "
                             "content, prev, hash) VALUES ('ghost', 'case', 1, 'ghost-1', '', "
                             "'', '', ?1)"_s);
            link.value().bind(1, hash);
            QVERIFY(link.value().run());
            auto head = Statement::prepare(
                *db.value(), u"INSERT INTO record_heads (site_id, stream, seq, hash, signature) "
                             "VALUES ('ghost', 'case', 1, ?1, 'AAAA')"_s);
            head.value().bind(1, hash);
            QVERIFY(head.value().run());
        }
        auto report = verify(path);
        QVERIFY(report);
        QCOMPARE(report.value().findings.size(), 1);
        QCOMPARE(report.value().findings.first().kind, AuditFinding::Kind::Unsigned);
        QVERIFY(report.value().findings.first().message.contains(u"ghost"_s));
    }

    void aReplacedPublicKeyIsFound()
    {
        const QString path = copy();
        {
            auto db = SqliteDb::open(path);
            QVERIFY(Store::setMeta(*db.value(), u"sign_public_key"_s,
                                   QString::fromLatin1(QByteArray(32, 'k').toBase64())));
        }
        auto report = verify(path);
        QVERIFY(report);
        QVERIFY(!report.value().intact());
        QVERIFY(report.value().findings.first().message.contains(u"key file"_s));
    }

    void theKeyIsOwnerOnlyAndNotInTheStore()
    {
        const QFile::Permissions p = QFile::permissions(SiteKey::fileFor(m_pristine));
        QVERIFY(p & QFile::ReadOwner);
        QVERIFY(
            !(p & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther)));
        auto db = SqliteDb::open(m_pristine, SqliteDb::Mode::ReadOnly);
        QVERIFY(scalar(*db.value(), u"SELECT count(*) FROM citygrid_meta WHERE key = "
                                    "'sign_secret_key'"_s) == u"0"_s);
    }

    void aCopyWithoutItsKeyCannotSign()
    {
        const QString path = copy(false);
        auto store = Store::open(path);
        QVERIFY(store);
        auto identity = SiteIdentity::ensure(*store.value());
        QVERIFY(!identity);
        QCOMPARE(identity.error().code, u"key.missing"_s);
        QVERIFY(!QFile::exists(SiteKey::fileFor(path))); // and it does not make itself a new one
        // what it writes stays unsigned, and the check says so
        const CaseCatalogues catalogues = testutil::bundledCatalogues();
        Accounts accounts(store.value()->db(), catalogues.roles,
                          store.value()->meta(storeschema::keySiteId()));
        QVERIFY(accounts.login(u"op01"_s, u"Futian-demo-2026"_s, now));
        store.value().reset();
        auto report = verify(path);
        QVERIFY(report);
        QCOMPARE(report.value().findings.size(), 1);
        QCOMPARE(report.value().findings.first().kind, AuditFinding::Kind::Unsigned);
        QVERIFY(report.value().findings.first().message.contains(u"op01"_s));
    }

    void aSecretKeptInTheStoreMovesOut()
    {
        // as an older CityGrid kept it: in the metadata, and no key file
        const QString path = copy();
        QFile key(SiteKey::fileFor(path));
        QVERIFY(key.open(QIODevice::ReadOnly));
        const QByteArray secret = key.readAll().split('\n').value(1);
        key.close();
        QVERIFY(key.remove());
        {
            auto db = SqliteDb::open(path);
            QVERIFY(Store::setMeta(*db.value(), u"sign_secret_key"_s, QString::fromLatin1(secret)));
        }
        auto store = Store::open(path);
        QVERIFY(store);
        QVERIFY(SiteIdentity::ensure(*store.value()));
        QVERIFY(QFile::exists(SiteKey::fileFor(path)));
        QVERIFY(
            !(QFile::permissions(SiteKey::fileFor(path)) & (QFile::ReadGroup | QFile::ReadOther)));
        QVERIFY(store.value()->meta(u"sign_secret_key"_s).isEmpty());
        store.value().reset();
        QVERIFY(verify(path).value().intact()); // the same key: the heads still verify
    }

    void anUpgradedStoreSealsWhatItHeld()
    {
        const QString path = copy();
        {
            auto db = SqliteDb::open(path);
            QVERIFY(db.value()->exec(u"DROP TABLE record_chain; DROP TABLE record_heads;"
                                     "ALTER TABLE sync_peers DROP COLUMN area;"
                                     "DROP TABLE sync_withheld;"
                                     "UPDATE citygrid_meta SET value = '8' WHERE key = "
                                     "'schema_version'"_s));
        }
        {
            auto store = Store::open(path);
            QVERIFY2(store, qPrintable(store ? QString() : store.error().toText()));
        }
        auto report = verify(path);
        QVERIFY(report);
        QVERIFY(report.value().intact());
        // every event and every row, once each
        auto db = SqliteDb::open(path, SqliteDb::Mode::ReadOnly);
        QString sum;
        for (const RecordStream &stream : recordstreams::all())
            sum += u"(SELECT count(*) FROM %1) + "_s.arg(stream.table);
        QCOMPARE(report.value().records,
                 scalar(*db.value(), u"SELECT "_s + sum + u"0"_s).toLongLong());
    }
};

QTEST_GUILESS_MAIN(TestRecordAudit)
#include "tst_recordaudit.moc"
