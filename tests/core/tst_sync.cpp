// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "../casefixture.h"
#include "casestore.h"
#include "syncexchange.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace citygrid;

namespace {

/// One site: its store, its cases and its identity.
struct Site
{
    std::unique_ptr<Store> store;
    std::unique_ptr<CaseStore> cases;
    QString id;
};

const QDateTime start(QDate(2026, 11, 2), QTime(9, 0), QTimeZone(8 * 3600));

/// Everything two stores must agree on: every case row (without the local row id) and every event.
QStringList tables(Store &store)
{
    QStringList rows;
    for (const char *sql :
         {"SELECT uuid || case_no || state || pending || rework_count || coalesce(unit_id, '') || "
          "coalesce(due_at, '') || coalesce(closed_at, '') || coalesce(on_time, '') || updated_at "
          "FROM cases ORDER BY uuid",
          "SELECT uuid || case_uuid || step || actor || at || site_id FROM case_events ORDER BY "
          "uuid"}) {
        auto q = Statement::prepare(store.db(), QLatin1String(sql));
        (void)q.value().forEachRow([&](const Statement &s) { rows.append(s.text(0)); });
    }
    return rows;
}

qint64 count(Store &store, const char *table)
{
    auto q = Statement::prepare(
        store.db(), QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table)));
    return q && q.value().step() ? q.value().integer(0) : -1;
}

} // namespace

/// Sync packages: peers from cards, a package applied once and again, every kind of bad package
/// refused with nothing changed, a late event kept as a conflict, and three sites that work
/// offline and exchange packages in random orders, with drops and duplicates, ending identical.
class TestSync : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    CaseCatalogues m_catalogues = testutil::bundledCatalogues();
    QStringList m_cells;
    int m_made = 0;

    Site makeSite(const QString &name, const QString &prefix)
    {
        Site site;
        const QString path = m_dir.filePath(QStringLiteral("%1-%2.gpkg").arg(name).arg(++m_made));
        site.store = testutil::demoStore(path, 0, 1, start);
        if (!site.store)
            return site;
        (void)SiteIdentity::configure(*site.store, name, prefix);
        site.id = SiteIdentity::ensure(*site.store).value().siteId();
        site.cases = std::make_unique<CaseStore>(*site.store, CaseWorkflow(m_catalogues.roles),
                                                 m_catalogues.calendar, m_catalogues.categories,
                                                 m_catalogues.units);
        if (m_cells.isEmpty()) {
            auto q = Statement::prepare(site.store->db(),
                                        QStringLiteral("SELECT code FROM cells ORDER BY code"));
            (void)q.value().forEachRow([&](const Statement &s) { m_cells.append(s.text(0)); });
        }
        return site;
    }
    static void pair(Site &a, Site &b)
    {
        const QDateTime at = start;
        QVERIFY(
            SyncPeers(a.store->db()).add(SiteIdentity::ensure(*b.store).value().card(), a.id, at));
        QVERIFY(
            SyncPeers(b.store->db()).add(SiteIdentity::ensure(*a.store).value().card(), b.id, at));
    }
    CaseRecord report(Site &site, const QDateTime &at, int cell = 0)
    {
        NewCase input;
        input.categoryId = QStringLiteral("E0102");
        input.cellCode = m_cells.value(cell % m_cells.size());
        input.lonLat = QPointF(114.05, 22.54);
        input.channel = QStringLiteral("inspector");
        auto r = site.cases->report(input, QStringLiteral("ins01"), at);
        if (!r)
            qWarning() << r.error().toText();
        return r ? r.value() : CaseRecord{};
    }
    /// A step as the user would take it; a dispatch goes to the unit the catalogue names.
    static Result<CaseRecord> take(Site &site, const QString &uuid, CaseStep step, const char *user,
                                   const QDateTime &at)
    {
        StepInput input;
        if (step == CaseStep::Dispatch) {
            auto record = site.cases->find(uuid);
            if (!record)
                return record.error();
            auto unit = site.cases->suggestedUnit(record.value());
            if (!unit)
                return unit.error();
            input.unitId = unit.value()->id;
        }
        return site.cases->take(uuid, step, QLatin1String(user), at, input);
    }
    static QByteArray package(Site &from, Site &to)
    {
        auto p = SyncExchange(*from.store).exportTo(to.id, start.addDays(1));
        return p ? p.value().file : QByteArray();
    }
    static Result<SyncExchange::Imported> apply(Site &to, const QByteArray &file)
    {
        return SyncExchange(*to.store).importPackage(file, start.addDays(1));
    }

private slots:
    void cards()
    {
        Site a = makeSite(QStringLiteral("centre"), {});
        Site b = makeSite(QStringLiteral("office"), QStringLiteral("YL"));
        QVERIFY(a.store && b.store);
        const SiteIdentity::Card card = SiteIdentity::ensure(*b.store).value().card();
        auto back = SiteIdentity::Card::fromJson(card.toJson());
        QVERIFY(back);
        QCOMPARE(back.value().publicKey, card.publicKey);
        QCOMPARE(back.value().name, QStringLiteral("office"));
        QCOMPARE(SiteIdentity::Card::fromJson("{}").error().code, QStringLiteral("sync.card"));
        SyncPeers peers(a.store->db());
        QCOMPARE(peers.add(SiteIdentity::ensure(*a.store).value().card(), a.id, start).error().code,
                 QStringLiteral("sync.peer-self"));
        QVERIFY(peers.add(card, a.id, start));
        SiteIdentity::Card forged = card;
        forged.publicKey[0] = char(forged.publicKey[0] ^ 1);
        QCOMPARE(peers.add(forged, a.id, start).error().code, QStringLiteral("sync.peer-key"));
        QCOMPARE(peers.list().value().size(), 1);
        QCOMPARE(SiteIdentity::configure(*b.store, QStringLiteral("x"), QStringLiteral("Y1"))
                     .error()
                     .code,
                 QStringLiteral("sync.case-prefix"));
        // an office's case numbers carry its prefix, so they never meet the centre's
        b.cases = std::make_unique<CaseStore>(*b.store, CaseWorkflow(m_catalogues.roles),
                                              m_catalogues.calendar, m_catalogues.categories,
                                              m_catalogues.units);
        QVERIFY(report(b, start).caseNo.startsWith(QStringLiteral("YL20261102")));
    }

    void appliedOnceAndAgain()
    {
        Site centre = makeSite(QStringLiteral("centre"), {});
        Site office = makeSite(QStringLiteral("office"), QStringLiteral("YL"));
        pair(centre, office);
        const CaseRecord made = report(office, start);
        QVERIFY(!made.uuid.isEmpty());
        QVERIFY(office.cases->take(made.uuid, CaseStep::File, QStringLiteral("op01"),
                                   start.addSecs(600)));
        const QByteArray p1 = package(office, centre);
        auto first = apply(centre, p1);
        QVERIFY2(first, qPrintable(first ? QString() : first.error().toText()));
        QCOMPARE(first.value().newEvents, 2);
        QCOMPARE(first.value().casesChanged, 1);
        QCOMPARE(tables(*centre.store), tables(*office.store));
        // the same package again: nothing changes, and the user is told so
        const QStringList before = tables(*centre.store);
        auto again = apply(centre, p1);
        QVERIFY(again);
        QVERIFY(again.value().alreadyApplied());
        QCOMPARE(tables(*centre.store), before);
        // the acknowledgement travels back: the office's next package is empty
        QVERIFY(apply(office, package(centre, office)));
        auto next = SyncExchange(*office.store).exportTo(centre.id, start);
        QCOMPARE(next.value().header.events, 0);
        // the centre dispatches; the office gets it
        QVERIFY(take(centre, made.uuid, CaseStep::Dispatch, "dp01", start.addSecs(1200)));
        auto back = apply(office, package(centre, office));
        QVERIFY(back);
        QCOMPARE(back.value().newEvents, 1);
        QCOMPARE(tables(*centre.store), tables(*office.store));
    }

    void badPackagesChangeNothing_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("code");
        QTest::newRow("tampered") << QStringLiteral("tamper")
                                  << QStringLiteral("sync.bad-signature");
        QTest::newRow("truncated")
            << QStringLiteral("truncate") << QStringLiteral("sync.truncated");
        QTest::newRow("bytes added")
            << QStringLiteral("append") << QStringLiteral("sync.truncated");
        QTest::newRow("not a package")
            << QStringLiteral("garbage") << QStringLiteral("sync.not-a-package");
        QTest::newRow("for another site")
            << QStringLiteral("wrong-target") << QStringLiteral("sync.wrong-target");
        QTest::newRow("from a stranger")
            << QStringLiteral("stranger") << QStringLiteral("sync.unknown-source");
        QTest::newRow("other schema") << QStringLiteral("schema") << QStringLiteral("sync.schema");
        QTest::newRow("newer format")
            << QStringLiteral("format") << QStringLiteral("sync.newer-format");
        QTest::newRow("signed by another key")
            << QStringLiteral("other-key") << QStringLiteral("sync.bad-signature");
    }
    void badPackagesChangeNothing()
    {
        QFETCH(QString, kind);
        QFETCH(QString, code);
        Site centre = makeSite(QStringLiteral("centre"), {});
        Site office = makeSite(QStringLiteral("office"), QStringLiteral("YL"));
        Site other = makeSite(QStringLiteral("other"), QStringLiteral("XX"));
        pair(centre, office);
        pair(other, office);
        report(office, start);
        QByteArray file = package(office, centre);
        const auto reSigned = [&](const std::function<void(SyncPackage &)> &change, Store &signer) {
            auto decoded = SyncPackage::decode(
                file, centre.id, centre.store->schemaVersion(), [&](const QString &) {
                    return std::optional(
                        SiteIdentity::ensure(*office.store).value().card().publicKey);
                });
            SyncPackage p = decoded.value();
            change(p);
            return p.encode(SiteIdentity::ensure(signer).value());
        };
        if (kind == QLatin1String("tamper"))
            file[file.size() / 2] = char(file[file.size() / 2] ^ 0x20);
        else if (kind == QLatin1String("truncate"))
            file.chop(10);
        else if (kind == QLatin1String("append"))
            file.append("xx");
        else if (kind == QLatin1String("garbage"))
            file = "PK\x03\x04 not ours";
        else if (kind == QLatin1String("wrong-target"))
            file = package(office, other);
        else if (kind == QLatin1String("stranger")) {
            // `other` knows the centre, the centre never registered `other`
            QVERIFY(SyncPeers(other.store->db())
                        .add(SiteIdentity::ensure(*centre.store).value().card(), other.id, start));
            report(other, start);
            file = package(other, centre);
        } else if (kind == QLatin1String("schema"))
            file = reSigned([](SyncPackage &p) { ++p.header.schemaVersion; }, *office.store);
        else if (kind == QLatin1String("format"))
            file = reSigned([](SyncPackage &p) { p.header.format = 2; }, *office.store);
        else if (kind == QLatin1String("other-key"))
            file = reSigned([](SyncPackage &) {}, *other.store);
        const QStringList before = tables(*centre.store);
        const auto peerBefore = SyncPeers(centre.store->db()).find(office.id).value()->receivedUpTo;
        auto refused = apply(centre, file);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, code);
        QVERIFY(!refused.error().message.isEmpty());
        QCOMPARE(tables(*centre.store), before);
        QCOMPARE(count(*centre.store, "cases"), 0);
        QCOMPARE(SyncPeers(centre.store->db()).find(office.id).value()->receivedUpTo, peerBefore);
    }

    void clashingCaseNumbersRefused()
    {
        // two sites without prefixes hand out the same number on the same day
        Site centre = makeSite(QStringLiteral("centre"), {});
        Site office = makeSite(QStringLiteral("office"), {});
        pair(centre, office);
        const CaseRecord here = report(centre, start);
        const CaseRecord there = report(office, start);
        QCOMPARE(here.caseNo, there.caseNo);
        const QStringList before = tables(*centre.store);
        auto refused = apply(centre, package(office, centre));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("sync.case-number"));
        QVERIFY(refused.error().message.contains(there.caseNo));
        QCOMPARE(tables(*centre.store), before);
    }

    void lateStepKeptAsConflict()
    {
        // the centre dispatches; the office's unit staff and the centre's both report the work
        // done, offline: the later feedback no longer applies, and both sites keep it on record
        Site centre = makeSite(QStringLiteral("centre"), {});
        Site office = makeSite(QStringLiteral("office"), QStringLiteral("YL"));
        pair(centre, office);
        const CaseRecord made = report(centre, start);
        QVERIFY(centre.cases->take(made.uuid, CaseStep::File, QStringLiteral("op01"),
                                   start.addSecs(60)));
        auto dispatched = take(centre, made.uuid, CaseStep::Dispatch, "dp01", start.addSecs(120));
        QVERIFY2(dispatched, qPrintable(dispatched ? QString() : dispatched.error().toText()));
        QVERIFY(apply(office, package(centre, office)));
        QVERIFY(office.cases->take(made.uuid, CaseStep::Feedback, QStringLiteral("us01"),
                                   start.addSecs(600)));
        QVERIFY(centre.cases->take(made.uuid, CaseStep::Feedback, QStringLiteral("us02"),
                                   start.addSecs(900)));
        auto atCentre = apply(centre, package(office, centre));
        QVERIFY(atCentre);
        QCOMPARE(atCentre.value().conflicts.size(), 1);
        QCOMPARE(atCentre.value().conflicts.first().step, QStringLiteral("feedback"));
        auto atOffice = apply(office, package(centre, office));
        QVERIFY(atOffice);
        QCOMPARE(tables(*centre.store), tables(*office.store));
        QCOMPARE(SyncExchange(*centre.store).conflicts().value().size(), 1);
        QCOMPARE(SyncExchange(*office.store).conflicts().value().size(), 1);
        // the history keeps both feedbacks
        QCOMPARE(centre.cases->history(made.uuid).value().size(), 5);
    }

    void threeSitesConverge_data()
    {
        QTest::addColumn<int>("seed");
        for (int seed = 1; seed <= 12; ++seed)
            QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
    }
    void threeSitesConverge()
    {
        QFETCH(int, seed);
        QRandomGenerator random{quint32(seed)};
        Site sites[3] = {makeSite(QStringLiteral("centre"), {}),
                         makeSite(QStringLiteral("yl"), QStringLiteral("YL")),
                         makeSite(QStringLiteral("ft"), QStringLiteral("FT"))};
        pair(sites[0], sites[1]);
        pair(sites[0], sites[2]);
        const QList<std::pair<CaseStep, const char *>> steps{
            {CaseStep::File, "op01"},        {CaseStep::Void, "op01"},
            {CaseStep::Dispatch, "dp01"},    {CaseStep::Feedback, "us01"},
            {CaseStep::VerifyPass, "ins01"}, {CaseStep::VerifyFail, "ins01"},
            {CaseStep::Close, "op01"},       {CaseStep::SetUrgent, "sl01"}};
        QDateTime clock = start;
        QList<std::pair<int, QByteArray>> inFlight; // (target site, package)
        for (int round = 0; round < 40; ++round) {
            clock = clock.addSecs(60 + random.bounded(600));
            Site &site = sites[random.bounded(3)];
            if (random.bounded(3) == 0) {
                report(site, clock, random.bounded(int(m_cells.size())));
            } else {
                auto list = site.cases->list({}, 50);
                if (!list.value().isEmpty()) {
                    const CaseRecord &c = list.value()[random.bounded(int(list.value().size()))];
                    const auto &[step, user] = steps[random.bounded(int(steps.size()))];
                    (void)take(site, c.uuid, step, user, clock);
                }
            }
            // now and then a package leaves for the centre or from it
            if (random.bounded(2) == 0) {
                const int office = 1 + random.bounded(2);
                const bool up = random.bounded(2) == 0;
                Site &from = up ? sites[office] : sites[0];
                Site &to = up ? sites[0] : sites[office];
                inFlight.append({up ? 0 : office, package(from, to)});
            }
            // and some arrive: in any order, some twice, some never
            while (!inFlight.isEmpty() && random.bounded(3) != 0) {
                const int i = random.bounded(int(inFlight.size()));
                const auto [target, file] = inFlight[i];
                if (random.bounded(4) != 0)
                    inFlight.removeAt(i); // else it stays to be applied again later
                if (random.bounded(6) == 0)
                    continue; // lost on the way
                auto applied = apply(sites[target], file);
                QVERIFY2(applied, qPrintable(applied ? QString() : applied.error().toText()));
            }
        }
        // back online: exchange until nothing new moves
        for (int pass = 0; pass < 3; ++pass)
            for (int office = 1; office <= 2; ++office) {
                QVERIFY(apply(sites[0], package(sites[office], sites[0])));
                QVERIFY(apply(sites[office], package(sites[0], sites[office])));
            }
        const QStringList centre = tables(*sites[0].store);
        // the sites did work: cases from all three, and steps beyond the reports
        QVERIFY(count(*sites[0].store, "cases") > 0);
        QVERIFY(count(*sites[0].store, "case_events") > count(*sites[0].store, "cases"));
        QCOMPARE(tables(*sites[1].store), centre);
        QCOMPARE(tables(*sites[2].store), centre);
    }
};

QTEST_GUILESS_MAIN(TestSync)
#include "tst_sync.moc"
