// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/assessmentkinds.h"
#include "assessment/assessmentpopulation.h"
#include "assessment/assessmentschemes.h"
#include "assessment/assessmentstore.h"
#include "audit/recordaudit.h"
#include "audit/recordstreams.h"
#include "audit/sitekey.h"
#include "casefixture.h"
#include "cases/caserows.h"
#include "cases/casestore.h"
#include "catalogues/catalogueedits.h"
#include "catalogues/cataloguekinds.h"
#include "sync/syncexchange.h"

#include <QJsonArray>
#include <QJsonDocument>
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

/// The reference data of core's features (the grid is gis's, tested there).
const RoleCatalogue &roles()
{
    static const RoleCatalogue table = testutil::bundledCatalogues().roles;
    return table;
}

/// The demo's administrator, who holds the sync right.
ActingUser admin()
{
    return {QStringLiteral("admin01"), &roles()};
}

const RefKinds &kinds()
{
    static const RefKinds known = [] {
        RefKinds all;
        assessmentkinds::addTo(all);
        cataloguekinds::addTo(all);
        return all;
    }();
    return known;
}

/// Everything two stores must agree on: every case row (without the local row id) and every event.
QStringList tables(Store &store)
{
    QStringList rows;
    for (const char *sql :
         {"SELECT uuid || case_no || state || pending || rework_count || coalesce(unit_id, '') || "
          "coalesce(due_at, '') || coalesce(closed_at, '') || coalesce(on_time, '') || updated_at "
          "FROM cases ORDER BY uuid",
          "SELECT uuid || case_uuid || step || actor || at || site_id FROM case_events ORDER BY "
          "uuid",
          "SELECT kind || key || coalesce(value, 'null') || at || site_id || clock FROM "
          "ref_records ORDER BY kind, key",
          "SELECT year || subdistrict_code || registered || nonregistered FROM "
          "assessment_population ORDER BY year, subdistrict_code"}) {
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

QJsonObject unitEntry(const CaseCatalogues &catalogues, const QString &id, const QString &name,
                      const QStringList &areas)
{
    const UnitCatalogue::Unit *u = catalogues.units.find(id);
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("name_en"), u->nameEn},
            {QStringLiteral("kind"), u->kind},
            {QStringLiteral("types"), QJsonArray::fromStringList(u->types)},
            {QStringLiteral("areas"), QJsonArray::fromStringList(areas)},
            {QStringLiteral("categories"), QJsonArray::fromStringList(u->categories)},
            {QStringLiteral("demo"), u->demo}};
}

RefRecords records(Site &site)
{
    return RefRecords(site.store->db(), site.id);
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
        (void)SiteIdentity::configure(*site.store, name, prefix,
                                      ActingUser{QStringLiteral("admin01"), &roles()});
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
        QVERIFY(SyncPeers(a.store->db())
                    .add(SiteIdentity::ensure(*b.store).value().card(), a.id, admin(), at));
        QVERIFY(SyncPeers(b.store->db())
                    .add(SiteIdentity::ensure(*a.store).value().card(), b.id, admin(), at));
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
        // "staff": the staff of the unit the case is dispatched to
        QString actor = QLatin1String(user);
        if (actor == QLatin1String("staff")) {
            auto record = site.cases->find(uuid);
            if (!record)
                return record.error();
            actor = testutil::demoStaffOf(record.value().unitId);
        }
        return site.cases->take(uuid, step, actor, at, input);
    }
    static QByteArray package(Site &from, Site &to)
    {
        auto p = SyncExchange(*from.store, kinds(), roles())
                     .exportTo(to.id, admin().name, start.addDays(1));
        return p ? p.value().file : QByteArray();
    }
    static Result<SyncExchange::Imported> apply(Site &to, const QByteArray &file)
    {
        return SyncExchange(*to.store, kinds(), roles())
            .importPackage(file, admin().name, start.addDays(1));
    }

    /// Changes a package as someone holding the site's key could (see badPackagesChangeNothing).
    static void forge(SyncPackage &p, const QString &kind, const QString &site, const SiteKey &key)
    {
        QJsonArray events = p.body[QLatin1String("events")].toArray();
        QJsonArray chain = p.body[QLatin1String("chain")].toArray();
        QJsonArray heads = p.body[QLatin1String("heads")].toArray();
        const QJsonObject lastLink = chain.last().toObject();
        const auto sealAndSign = [&](QJsonObject event, qint64 seq, const QString &prev) {
            const CaseEvent e = SyncPackage::eventFrom(event);
            const QString hash =
                recordstreams::chainHash(prev, site, QStringLiteral("case"), seq, e.uuid,
                                         recordstreams::canonical(caserows::eventValues(e)));
            events.append(event);
            chain.append(QJsonObject{{QStringLiteral("site"), site},
                                     {QStringLiteral("seq"), seq},
                                     {QStringLiteral("ref"), e.uuid},
                                     {QStringLiteral("about"), QString()},
                                     {QStringLiteral("prev"), prev},
                                     {QStringLiteral("hash"), hash}});
            const QByteArray signature =
                key.sign(recordstreams::headText(site, QStringLiteral("case"), seq, hash));
            heads = {QJsonObject{
                {QStringLiteral("site"), site},
                {QStringLiteral("seq"), seq},
                {QStringLiteral("hash"), hash},
                {QStringLiteral("signature"), QString::fromLatin1(signature.toBase64())}}};
        };
        QJsonObject forged = events.first().toObject();
        forged[QStringLiteral("uuid")] = QStringLiteral("forged-event");
        forged[QStringLiteral("step")] = QStringLiteral("file");
        forged[QStringLiteral("payload")] = QJsonObject();
        const qint64 next = qint64(lastLink[QLatin1String("seq")].toDouble()) + 1;
        const QString prev = lastLink[QLatin1String("hash")].toString();
        if (kind == QLatin1String("mallory")) {
            forged[QStringLiteral("actor")] = QStringLiteral("mallory");
            forged[QStringLiteral("role")] = QStringLiteral("operator");
            sealAndSign(forged, next, prev);
        } else if (kind == QLatin1String("staff-as-leader")) {
            forged[QStringLiteral("actor")] = QStringLiteral("us01");
            forged[QStringLiteral("role")] = QStringLiteral("leader");
            forged[QStringLiteral("step")] = QStringLiteral("approve_extension");
            sealAndSign(forged, next, prev);
        } else if (kind == QLatin1String("inspector-closes")) {
            forged[QStringLiteral("actor")] = QStringLiteral("ins01");
            forged[QStringLiteral("role")] = QStringLiteral("inspector");
            forged[QStringLiteral("step")] = QStringLiteral("close");
            sealAndSign(forged, next, prev);
        } else if (kind == QLatin1String("gap")) {
            forged[QStringLiteral("actor")] = QStringLiteral("op01");
            forged[QStringLiteral("role")] = QStringLiteral("operator");
            sealAndSign(forged, next + 1, prev);
        } else if (kind == QLatin1String("altered")) {
            QJsonObject e = events.first().toObject();
            e[QStringLiteral("note")] = QStringLiteral("nothing to see");
            events[0] = e;
        } else if (kind == QLatin1String("unsealed")) {
            chain = {};
        } else if (kind == QLatin1String("cut")) {
            // the report goes, and so does its link; the head still names it
            events = {};
            chain = {};
            p.body[QStringLiteral("heads")] = heads;
        } else if (kind == QLatin1String("stray-file")) {
            // a file for the case with no step of it: attached by nobody the record knows
            const QJsonObject e = events.first().toObject();
            QJsonArray files = p.body[QLatin1String("attachments")].toArray();
            files.append(QJsonObject{{QStringLiteral("uuid"), QStringLiteral("stray")},
                                     {QStringLiteral("case_uuid"), e[QLatin1String("case_uuid")]},
                                     {QStringLiteral("event_uuid"), QStringLiteral("no-such-step")},
                                     {QStringLiteral("name"), QStringLiteral("evidence.jpg")},
                                     {QStringLiteral("mime"), QStringLiteral("image/jpeg")},
                                     {QStringLiteral("data"), QStringLiteral("AAAA")},
                                     {QStringLiteral("thumbnail"), QString()}});
            p.body[QStringLiteral("attachments")] = files;
        } else if (kind == QLatin1String("bad-head")) {
            QJsonObject head = heads.first().toObject();
            head[QStringLiteral("signature")] = QString::fromLatin1(QByteArray(64, 'x').toBase64());
            heads[0] = head;
        }
        p.body[QStringLiteral("events")] = events;
        p.body[QStringLiteral("chain")] = chain;
        p.body[QStringLiteral("heads")] = heads;
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
        QCOMPARE(peers.add(SiteIdentity::ensure(*a.store).value().card(), a.id, admin(), start)
                     .error()
                     .code,
                 QStringLiteral("sync.peer-self"));
        QVERIFY(peers.add(card, a.id, admin(), start));
        SiteIdentity::Card forged = card;
        forged.publicKey[0] = char(forged.publicKey[0] ^ 1);
        QCOMPARE(peers.add(forged, a.id, admin(), start).error().code,
                 QStringLiteral("sync.peer-key"));
        QCOMPARE(peers.list().value().size(), 1);
        QCOMPARE(
            SiteIdentity::configure(*b.store, QStringLiteral("x"), QStringLiteral("Y1"), admin())
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
        const auto peersNow = [&] {
            QStringList rows;
            auto q = Statement::prepare(centre.store->db(),
                                        QStringLiteral("SELECT name || coalesce(last_import_at, "
                                                       "'') || received_upto FROM sync_peers"));
            (void)q.value().forEachRow([&](const Statement &s) { rows.append(s.text(0)); });
            return rows;
        };
        const QStringList peersBefore = peersNow();
        auto again = SyncExchange(*centre.store, kinds(), roles())
                         .importPackage(p1, admin().name, start.addDays(2)); // a day on
        QVERIFY(again);
        QVERIFY(again.value().alreadyApplied());
        QCOMPARE(tables(*centre.store), before);
        QCOMPARE(peersNow(), peersBefore); // not even the time of the last import
        // the acknowledgement travels back: the office's next package is empty
        QVERIFY(apply(office, package(centre, office)));
        auto next =
            SyncExchange(*office.store, kinds(), roles()).exportTo(centre.id, admin().name, start);
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
        // packages signed with the office's own key, as a thief of its key file could: what the
        // record says about who wrote what is checked too
        QTest::newRow("event by someone who is no account")
            << QStringLiteral("mallory") << QStringLiteral("sync.unknown-author");
        QTest::newRow("unit staff acting as leader")
            << QStringLiteral("staff-as-leader") << QStringLiteral("sync.not-permitted");
        QTest::newRow("inspector closing a case")
            << QStringLiteral("inspector-closes") << QStringLiteral("sync.not-permitted");
        QTest::newRow("event changed after it was sealed")
            << QStringLiteral("altered") << QStringLiteral("sync.altered");
        QTest::newRow("event no chain seals")
            << QStringLiteral("unsealed") << QStringLiteral("sync.unsealed");
        QTest::newRow("newest event cut off the chain")
            << QStringLiteral("cut") << QStringLiteral("sync.head");
        QTest::newRow("head not signed by the site")
            << QStringLiteral("bad-head") << QStringLiteral("sync.head");
        QTest::newRow("link out of order")
            << QStringLiteral("gap") << QStringLiteral("sync.out-of-chain");
        QTest::newRow("a file that belongs to no step")
            << QStringLiteral("stray-file") << QStringLiteral("sync.stray-attachment");
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
                        .add(SiteIdentity::ensure(*centre.store).value().card(), other.id, admin(),
                             start));
            report(other, start);
            file = package(other, centre);
        } else if (kind == QLatin1String("schema"))
            file = reSigned([](SyncPackage &p) { ++p.header.schemaVersion; }, *office.store);
        else if (kind == QLatin1String("format"))
            file =
                reSigned([](SyncPackage &p) { p.header.format = SyncPackage::formatVersion + 1; },
                         *office.store);
        else if (kind == QLatin1String("other-key"))
            file = reSigned([](SyncPackage &) {}, *other.store);
        else if (!kind.isEmpty()) {
            const QString officeId = office.id;
            auto key = SiteKey::ensure(office.store->db());
            QVERIFY(key);
            file = reSigned([&](SyncPackage &p) { forge(p, kind, officeId, key.value()); },
                            *office.store);
        }
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
        QVERIFY(take(office, made.uuid, CaseStep::Feedback, "staff", start.addSecs(600)));
        QVERIFY(take(centre, made.uuid, CaseStep::Feedback, "staff", start.addSecs(900)));
        auto atCentre = apply(centre, package(office, centre));
        QVERIFY(atCentre);
        QCOMPARE(atCentre.value().conflicts.size(), 1);
        QCOMPARE(atCentre.value().conflicts.first().step, QStringLiteral("feedback"));
        auto atOffice = apply(office, package(centre, office));
        QVERIFY(atOffice);
        QCOMPARE(tables(*centre.store), tables(*office.store));
        QCOMPARE(SyncExchange(*centre.store, kinds(), roles()).conflicts().value().size(), 1);
        QCOMPARE(SyncExchange(*office.store, kinds(), roles()).conflicts().value().size(), 1);
        // the history keeps both feedbacks
        QCOMPARE(centre.cases->history(made.uuid).value().size(), 5);
    }

    void referenceDataTravels()
    {
        Site centre = makeSite(QStringLiteral("centre"), {});
        Site office = makeSite(QStringLiteral("yl"), QStringLiteral("YL"));
        pair(centre, office);
        // the office corrects this year's population of its subdistrict and settles the
        // documented sanitation ambiguity in 福保 (U027 gives up 440304010)
        AssessmentStore assessment(*office.store, roles());
        QVERIFY(AssessmentPopulation(assessment.store())
                    .set(2026, {{QStringLiteral("440304001"), {70000, 50000}}},
                         ActingUser{QStringLiteral("ld01"), &roles()}, start));
        const UnitCatalogue::Unit *u027 = m_catalogues.units.find(QStringLiteral("U027"));
        QStringList areas = u027->areas;
        areas.removeAll(QStringLiteral("440304010"));
        QVERIFY(areas.size() < u027->areas.size());
        QVERIFY(
            records(office).put(cataloguekinds::unit(), QStringLiteral("U027"),
                                unitEntry(m_catalogues, QStringLiteral("U027"), u027->name, areas),
                                QStringLiteral("ld01"), start));
        auto in = apply(centre, package(office, centre));
        QVERIFY2(in, qPrintable(in ? QString() : in.error().toText()));
        QCOMPARE(in.value().header.references, 2);
        QCOMPARE(in.value().newReferences, 2);
        QCOMPARE(in.value().changedKinds,
                 (QStringList{assessmentkinds::population(), cataloguekinds::unit()}));
        QCOMPARE(
            AssessmentPopulation(*centre.store).of(2026).value().value(QStringLiteral("440304001")),
            (Population{70000, 50000}));
        auto edits = cataloguekinds::catalogueEdits(centre.store->db(), centre.id);
        auto edited = CaseCatalogues::load(QStringLiteral(":/catalogues"), edits.value());
        QVERIFY(edited);
        QCOMPARE(edited.value().units.find(QStringLiteral("U027"))->areas, areas);
        // the ambiguity is gone: a sanitation category in a 福保 cell now has one unit
        std::optional<CategoryCatalogue::Category> sweeping;
        for (const auto &c : edited.value().categories.categories())
            if (u027->types.contains(c.unitType) && !sweeping)
                sweeping = c;
        QVERIFY(sweeping);
        QVERIFY(!m_catalogues.units.resolve(*sweeping, QStringLiteral("440304010001001")));
        QVERIFY(edited.value().units.resolve(*sweeping, QStringLiteral("440304010001001")));
        // echoed back, the records change nothing at the office
        auto back = apply(office, package(centre, office));
        QVERIFY(back);
        QCOMPARE(back.value().newReferences, 0);
        QCOMPARE(back.value().knownReferences, 2);
        QCOMPARE(tables(*office.store), tables(*centre.store));
        // acknowledged: the next package to the centre carries no reference record
        QVERIFY(apply(centre, package(office, centre)));
        auto next = SyncExchange(*office.store, kinds(), roles())
                        .exportTo(centre.id, admin().name, start.addDays(2));
        QCOMPARE(next.value().header.references, 0);
    }
    void categoryEditTravels()
    {
        Site centre = makeSite(QStringLiteral("centre"), {});
        Site office = makeSite(QStringLiteral("yl"), QStringLiteral("YL"));
        pair(centre, office);
        // the office shortens the deadline of exposed refuse and makes it urgent
        CategoryCatalogue::Category refuse = *m_catalogues.categories.find(QStringLiteral("E0102"));
        refuse.deadline = {1, Deadline::Unit::WorkingHours};
        refuse.urgent = true;
        auto saved = catalogueedits::saveEntry(
            *office.store, office.store->loadCatalogue().value(), QStringLiteral(":/catalogues"),
            cataloguekinds::category(), refuse.id, catalogueedits::categoryJson(refuse),
            ActingUser{QStringLiteral("ld01"), &roles()}, start);
        QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().toText()));
        // a deadline without a unit is refused and not stored
        QJsonObject broken = catalogueedits::categoryJson(refuse);
        broken[QStringLiteral("deadline")] = QJsonObject{{QStringLiteral("value"), 2}};
        auto refused = catalogueedits::saveEntry(
            *office.store, office.store->loadCatalogue().value(), QStringLiteral(":/catalogues"),
            cataloguekinds::category(), refuse.id, broken,
            ActingUser{QStringLiteral("ld01"), &roles()}, start);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("category.invalid"));
        QVERIFY(apply(centre, package(office, centre)));
        auto edits = cataloguekinds::catalogueEdits(centre.store->db(), centre.id);
        auto atCentre = CaseCatalogues::load(QStringLiteral(":/catalogues"), edits.value());
        QVERIFY(atCentre);
        const CategoryCatalogue::Category *arrived =
            atCentre.value().categories.find(QStringLiteral("E0102"));
        QCOMPARE(arrived->deadline.value, 1.0);
        QVERIFY(arrived->urgent);
    }
    void concurrentEditsResolvedAndRecorded()
    {
        Site centre = makeSite(QStringLiteral("centre"), {});
        Site office = makeSite(QStringLiteral("yl"), QStringLiteral("YL"));
        pair(centre, office);
        const QString key = assessmentkinds::populationKey(2026, QStringLiteral("440304001"));
        // both edit the figures without seeing each other's edit; the centre's is later
        QVERIFY(AssessmentPopulation(*office.store)
                    .set(2026, {{QStringLiteral("440304001"), {1000, 2000}}},
                         ActingUser{QStringLiteral("ld01"), &roles()}, start.addSecs(60)));
        QVERIFY(AssessmentPopulation(*centre.store)
                    .set(2026, {{QStringLiteral("440304001"), {3000, 4000}}},
                         ActingUser{QStringLiteral("ld01"), &roles()}, start.addSecs(120)));
        const QByteArray up = package(office, centre), down = package(centre, office);
        auto atCentre = apply(centre, up);
        auto atOffice = apply(office, down);
        QVERIFY(atCentre && atOffice);
        for (const auto *imported : {&atCentre.value(), &atOffice.value()}) {
            QCOMPARE(imported->referenceConflicts.size(), 1);
            const RefRecords::Conflict &c = imported->referenceConflicts.first();
            QCOMPARE(c.key, key);
            QCOMPARE(c.keptSite, centre.id);
            QCOMPARE(c.lostSite, office.id);
            QCOMPARE(c.lostValue.toObject()[QLatin1String("registered")].toInt(), 1000);
        }
        for (Site *site : {&centre, &office}) {
            QCOMPARE(AssessmentPopulation(*site->store)
                         .of(2026)
                         .value()
                         .value(QStringLiteral("440304001")),
                     (Population{3000, 4000}));
            QCOMPARE(records(*site).conflicts().value().size(), 1);
        }
        // after the merged records went round, both hold the same record and clock
        QVERIFY(apply(centre, package(office, centre)));
        QVERIFY(apply(office, package(centre, office)));
        QCOMPARE(tables(*office.store), tables(*centre.store));
        // an edit made after seeing the other's is no conflict, even with a slow clock
        QVERIFY(AssessmentPopulation(*office.store)
                    .set(2026, {{QStringLiteral("440304001"), {5000, 6000}}},
                         ActingUser{QStringLiteral("ld01"), &roles()}, start));
        auto later = apply(centre, package(office, centre));
        QVERIFY(later);
        QCOMPARE(later.value().referenceConflicts.size(), 0);
        QCOMPARE(
            AssessmentPopulation(*centre.store).of(2026).value().value(QStringLiteral("440304001")),
            (Population{5000, 6000}));
    }
    void badReferenceRecordsChangeNothing_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("who");
        QTest::addColumn<QString>("code");
        const QString leader = QStringLiteral("ld01");
        QTest::newRow("unit without areas")
            << QStringLiteral("unit") << leader << QStringLiteral("sync.catalogue");
        QTest::newRow("unit under another id")
            << QStringLiteral("unit-id") << leader << QStringLiteral("sync.damaged");
        QTest::newRow("negative population")
            << QStringLiteral("population") << leader << QStringLiteral("sync.damaged");
        QTest::newRow("broken scheme")
            << QStringLiteral("scheme") << leader << QStringLiteral("sync.damaged");
        QTest::newRow("unknown kind")
            << QStringLiteral("kind") << leader << QStringLiteral("sync.unknown-kind");
        // well-formed edits, written at the office by one who may not make them
        QTest::newRow("unit renamed by a shift leader")
            << QStringLiteral("unit-renamed") << QStringLiteral("sl01")
            << QStringLiteral("sync.not-permitted");
        QTest::newRow("unit renamed by nobody of the office")
            << QStringLiteral("unit-renamed") << QStringLiteral("mallory")
            << QStringLiteral("sync.unknown-author");
        QTest::newRow("population set by an operator")
            << QStringLiteral("population-set") << QStringLiteral("op01")
            << QStringLiteral("sync.not-permitted");
    }
    void badReferenceRecordsChangeNothing()
    {
        QFETCH(QString, kind);
        QFETCH(QString, who);
        QFETCH(QString, code);
        Site centre = makeSite(QStringLiteral("centre"), {});
        Site office = makeSite(QStringLiteral("yl"), QStringLiteral("YL"));
        pair(centre, office);
        report(office, start.addSecs(30)); // a good event in the same package
        const UnitCatalogue::Unit *u001 = m_catalogues.units.find(QStringLiteral("U001"));
        RefRecords r = records(office);
        if (kind == QLatin1String("unit-renamed"))
            QVERIFY(r.put(cataloguekinds::unit(), u001->id,
                          unitEntry(m_catalogues, u001->id, QStringLiteral("改名"), u001->areas),
                          who, start));
        else if (kind == QLatin1String("population-set"))
            QVERIFY(r.put(assessmentkinds::population(), QStringLiteral("2026/440304001"),
                          QJsonObject{{QStringLiteral("registered"), 50000},
                                      {QStringLiteral("nonregistered"), 10000}},
                          who, start));
        else if (kind == QLatin1String("unit"))
            QVERIFY(r.put(cataloguekinds::unit(), u001->id,
                          unitEntry(m_catalogues, u001->id, u001->name, {}), who, start));
        else if (kind == QLatin1String("unit-id"))
            QVERIFY(r.put(cataloguekinds::unit(), QStringLiteral("U002"),
                          unitEntry(m_catalogues, u001->id, u001->name, u001->areas), who, start));
        else if (kind == QLatin1String("population"))
            QVERIFY(r.put(assessmentkinds::population(), QStringLiteral("2026/440304001"),
                          QJsonObject{{QStringLiteral("registered"), -5},
                                      {QStringLiteral("nonregistered"), 10}},
                          who, start));
        else if (kind == QLatin1String("scheme"))
            QVERIFY(r.put(assessmentkinds::scheme(), QStringLiteral("x"),
                          QJsonObject{{QStringLiteral("scheme"), QJsonObject{}},
                                      {QStringLiteral("saved_by"), who},
                                      {QStringLiteral("saved_at"), QStringLiteral("2026-11-02")}},
                          who, start));
        else
            QVERIFY(r.put(QStringLiteral("weather"), QStringLiteral("today"), QJsonObject{}, who,
                          start));
        const QStringList before = tables(*centre.store);
        auto refused = apply(centre, package(office, centre));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, code);
        QVERIFY2(refused.error().message.contains(QStringLiteral("Nothing was changed")),
                 qPrintable(refused.error().message));
        QCOMPARE(tables(*centre.store), before);
        QCOMPARE(SyncPeers(centre.store->db()).find(office.id).value()->receivedUpTo, 0);
    }
    void schemeVersionTravels()
    {
        Site centre = makeSite(QStringLiteral("centre"), {});
        Site office = makeSite(QStringLiteral("yl"), QStringLiteral("YL"));
        pair(centre, office);
        // the office has used the built-in scheme before the centre's new version arrives
        AssessmentStore atOffice(*office.store, roles());
        QVERIFY(AssessmentSchemes(atOffice.store()).current(testutil::bundledAssessment().scheme));
        QVERIFY(AssessmentSchemes(*centre.store)
                    .save(testutil::bundledAssessment().scheme,
                          ActingUser{QStringLiteral("ld01"), &roles()},
                          QStringLiteral("2027 weights"), start.addDays(-10)));
        auto in = apply(office, package(centre, office));
        QVERIFY2(in, qPrintable(in ? QString() : in.error().toText()));
        QCOMPARE(in.value().changedKinds, QStringList{assessmentkinds::scheme()});
        auto versions = AssessmentSchemes(atOffice.store()).versions().value();
        QCOMPARE(versions.size(), 2);
        const int current = AssessmentSchemes(atOffice.store())
                                .current(testutil::bundledAssessment().scheme)
                                .value()
                                .first;
        bool found = false;
        for (const auto &v : versions)
            if (v.version == current)
                found = v.note == QLatin1String("2027 weights");
        QVERIFY(found);
        // again: nothing new
        auto again = apply(office, package(centre, office));
        QVERIFY(again);
        QCOMPARE(AssessmentSchemes(atOffice.store()).versions().value().size(), 2);
    }
    void upgradedStoreSendsWhatItHeld()
    {
        // a store of schema 6 with population figures and a scheme version saved by the leader
        Site office = makeSite(QStringLiteral("yl"), QStringLiteral("YL"));
        const QString path = office.store->path();
        QVERIFY(AssessmentPopulation(*office.store)
                    .set(2026, {{QStringLiteral("440304001"), {70000, 50000}}},
                         ActingUser{QStringLiteral("ld01"), &roles()}));
        QVERIFY(AssessmentSchemes(*office.store)
                    .save(testutil::bundledAssessment().scheme,
                          ActingUser{QStringLiteral("ld01"), &roles()},
                          QStringLiteral("2026 weights"), start));
        QVERIFY(office.store->db().exec(QStringLiteral(
            "DROP TABLE ref_records; DROP TABLE ref_conflicts;"
            " DROP TABLE accounts; DROP TABLE account_events;"
            " DROP TABLE record_chain; DROP TABLE record_heads;"
            " DROP INDEX assessment_schemes_uuid; ALTER TABLE assessment_schemes DROP COLUMN uuid;"
            " ALTER TABLE sync_peers DROP COLUMN ref_sent_ack;"
            " ALTER TABLE sync_peers DROP COLUMN ref_received_upto;"
            " ALTER TABLE sync_peers DROP COLUMN area; DROP TABLE sync_withheld;"
            " UPDATE citygrid_meta SET value = '6' WHERE key = 'schema_version'")));
        office.cases.reset();
        office.store.reset();
        auto reopened = Store::open(path);
        QVERIFY2(reopened, qPrintable(reopened ? QString() : reopened.error().toText()));
        RefRecords records(reopened.value()->db(), office.id);
        auto all = records.changedSince(0);
        QVERIFY(all);
        QStringList seen;
        for (const RefRecords::Record &r : all.value()) {
            seen.append(r.kind + u':' + r.key.left(4));
            QCOMPARE(r.siteId, office.id);
            QVERIFY(RefRecords::Record::fromJson(r.toJson()));
            QVERIFY(kinds().check(r));
        }
        // the built-in default the store made for itself stays home
        QCOMPARE(seen, (QStringList{QStringLiteral("population:2026"),
                                    QStringLiteral("scheme:") + all.value().last().key.left(4)}));
        QCOMPARE(all.value().first().value.toObject()[QLatin1String("registered")].toInt(), 70000);
        QCOMPARE(all.value().last().value.toObject()[QLatin1String("note")].toString(),
                 QStringLiteral("2026 weights"));
    }
    void officeReceivesItsAreaAlone()
    {
        Site centre = makeSite(QStringLiteral("centre"), {});
        Site office = makeSite(QStringLiteral("office"), QStringLiteral("YL"));
        pair(centre, office);
        // the office is 园岭's (440304002): the centre's cases there reach it, the others' not
        const QString area = QStringLiteral("440304002");
        QVERIFY(SyncPeers(centre.store->db()).setArea(office.id, area, admin()));
        int in = -1, out = -1;
        for (int i = 0; i < m_cells.size(); ++i) {
            if (m_cells[i].startsWith(area) && in < 0)
                in = i;
            if (!m_cells[i].startsWith(area) && out < 0)
                out = i;
        }
        const CaseRecord mine = report(centre, start, in);
        const CaseRecord other = report(centre, start.addSecs(60), out);
        QVERIFY(take(centre, other.uuid, CaseStep::File, "op01", start.addSecs(120)));
        QVERIFY(take(centre, mine.uuid, CaseStep::File, "op01", start.addSecs(180)));
        const QByteArray p1 = package(centre, office);
        auto first = apply(office, p1);
        QVERIFY2(first, qPrintable(first ? QString() : first.error().toText()));
        QCOMPARE(first.value().header.area, area);
        QCOMPARE(first.value().newEvents, 2);
        QVERIFY(office.cases->find(mine.uuid));
        QVERIFY(!office.cases->find(other.uuid));
        // nothing of the other case travels: neither its number nor its id
        auto decoded =
            SyncPackage::decode(p1, office.id, office.store->schemaVersion(), [&](const QString &) {
                return std::optional<QByteArray>(
                    SiteIdentity::ensure(*centre.store).value().card().publicKey);
            });
        QVERIFY(decoded);
        const QByteArray body = QJsonDocument(decoded.value().body).toJson();
        QVERIFY(body.contains(mine.caseNo.toUtf8()));
        QVERIFY(!body.contains(other.caseNo.toUtf8()));
        QVERIFY(!body.contains(other.uuid.toUtf8()));
        // the office's record reads unbroken, the other case's steps held back by their site
        const auto checked = [&](qint64 withheld) {
            auto audit = RecordAudit::verify(office.store->db());
            QVERIFY(audit);
            QVERIFY2(audit.value().intact(), qPrintable(audit.value().findings.value(0).message));
            QCOMPARE(audit.value().withheld, withheld);
        };
        checked(2);

        // steps on both: the chain goes on at the office with the held-back links
        QVERIFY(take(centre, other.uuid, CaseStep::Dispatch, "dp01", start.addSecs(240)));
        QVERIFY(take(centre, mine.uuid, CaseStep::Dispatch, "dp01", start.addSecs(300)));
        auto second = apply(office, package(centre, office));
        QVERIFY2(second, qPrintable(second ? QString() : second.error().toText()));
        QCOMPARE(second.value().newEvents, 1);
        checked(3);
        // the office's unit acknowledges its case, the centre has it as from any office
        QVERIFY(take(office, mine.uuid, CaseStep::Acknowledge, "staff", start.addSecs(360)));
        QVERIFY(apply(centre, package(office, centre)));
        QCOMPARE(centre.cases->history(mine.uuid).value().size(), 4);

        // a case that comes into the area (its cell moved, as a new grid would move it) arrives
        // whole, its report and every step before
        QVERIFY(take(centre, other.uuid, CaseStep::Acknowledge, "staff", start.addSecs(420)));
        auto moved = Statement::prepare(centre.store->db(),
                                        QStringLiteral("UPDATE cases SET cell_code = ?1 WHERE "
                                                       "uuid = ?2"));
        moved.value().bind(1, m_cells[in]).bind(2, other.uuid);
        QVERIFY(moved.value().run());
        auto third = apply(office, package(centre, office));
        QVERIFY2(third, qPrintable(third ? QString() : third.error().toText()));
        QCOMPARE(office.cases->history(other.uuid).value().size(),
                 centre.cases->history(other.uuid).value().size());
        checked(0);
        // once the office acknowledged it, it is not sent again
        QVERIFY(apply(centre, package(office, centre)));
        auto quiet = SyncExchange(*centre.store, kinds(), roles())
                         .exportTo(office.id, admin().name, start.addDays(1));
        QVERIFY(quiet);
        QCOMPARE(quiet.value().header.events, 0);
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
            {CaseStep::Dispatch, "dp01"},    {CaseStep::Feedback, "staff"},
            {CaseStep::VerifyPass, "ins01"}, {CaseStep::VerifyFail, "ins01"},
            {CaseStep::Close, "op01"},       {CaseStep::SetUrgent, "sl01"}};
        QDateTime clock = start;
        QList<std::pair<int, QByteArray>> inFlight; // (target site, package)
        for (int round = 0; round < 40; ++round) {
            clock = clock.addSecs(60 + random.bounded(600));
            Site &site = sites[random.bounded(3)];
            if (random.bounded(6) == 0) {
                // reference data: a few keys, so that sites edit the same one unseen
                const QString subdistrict = QStringLiteral("44030400%1").arg(1 + random.bounded(2));
                const Population p{1000 + random.bounded(9000), 1000 + random.bounded(9000)};
                QVERIFY(AssessmentPopulation(*site.store)
                            .set(2026, {{subdistrict, p}},
                                 ActingUser{QStringLiteral("ld01"), &roles()}, clock));
                const QString unit =
                    random.bounded(2) ? QStringLiteral("U001") : QStringLiteral("U002");
                const UnitCatalogue::Unit *u = m_catalogues.units.find(unit);
                QVERIFY(records(site).put(cataloguekinds::unit(), unit,
                                          unitEntry(m_catalogues, unit,
                                                    u->name + QString::number(random.bounded(100)),
                                                    u->areas),
                                          QStringLiteral("ld01"), clock));
            } else if (random.bounded(3) == 0) {
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
        // and each holds every site's chain whole, each head signed by a key it knows or
        // vouched for by the peer that relayed it
        for (const Site &site : sites) {
            auto audit = RecordAudit::verify(site.store->db());
            QVERIFY(audit);
            QVERIFY2(audit.value().intact(),
                     qPrintable(audit.value().intact() ? QString()
                                                       : audit.value().findings.first().message));
            // cases: one chain per site; its own account events, accounts and reference records
            QCOMPARE(audit.value().chains, 3 + 3);
        }
    }
};

QTEST_GUILESS_MAIN(TestSync)
#include "tst_sync.moc"
