// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "accounts/accounts.h"
#include "accounts/actinguser.h"
#include "assessment/assessmentevidence.h"
#include "assessment/assessmentpopulation.h"
#include "assessment/assessmentschemes.h"
#include "assessment/assessmentstore.h"
#include "assessmentfixture.h"
#include "casefixture.h"
#include "cases/casestore.h"
#include "catalogues/catalogueedits.h"
#include "catalogues/cataloguekinds.h"
#include "grid/gridimport.h"
#include "store/storebackup.h"
#include "store/storerestore.h"
#include "sync/siteidentity.h"
#include "sync/syncexchange.h"
#include "sync/syncpeers.h"
#include "testutil.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace citygrid;

namespace {

const QDateTime now(QDate(2026, 11, 20), QTime(10, 0), QTimeZone(8 * 3600));

/// The roles in the order of the tables below, and the demo account that plays each. Unit staff
/// act as the staff of the unit the case is dispatched to (scope is its own table).
const QStringList roles{QStringLiteral("inspector"),    QStringLiteral("operator"),
                        QStringLiteral("shift_leader"), QStringLiteral("dispatcher"),
                        QStringLiteral("unit_staff"),   QStringLiteral("supervisor"),
                        QStringLiteral("leader"),       QStringLiteral("admin")};
const QStringList players{QStringLiteral("ins01"), QStringLiteral("op01"),   QStringLiteral("sl01"),
                          QStringLiteral("dp01"),  QStringLiteral("staff"),  QStringLiteral("sv01"),
                          QStringLiteral("ld01"),  QStringLiteral("admin01")};

/// The permission table as the command centre agreed it (data/catalogues/roles.json), written out
/// once more by hand: which role may take which step of the case loop. A change to the shipped
/// table that nobody meant shows here.
///                                            ins op  sl  dp  us  sv  ld  ad
const QList<std::pair<const char *, QList<int>>> stepTable{
    {"report", /*                          */ {1, 1, 1, 0, 0, 1, 0, 0}},
    {"file", /*                            */ {0, 1, 1, 0, 0, 0, 0, 0}},
    {"void", /*                            */ {0, 1, 1, 0, 0, 0, 0, 0}},
    {"dispatch", /*                        */ {0, 1, 1, 1, 0, 0, 0, 0}},
    {"feedback", /*                        */ {0, 0, 0, 0, 1, 0, 0, 0}},
    {"verify_pass", /*                     */ {1, 0, 0, 0, 0, 1, 0, 0}},
    {"verify_fail", /*                     */ {1, 0, 0, 0, 0, 1, 0, 0}},
    {"close", /*                           */ {0, 1, 1, 0, 0, 0, 0, 0}},
    {"request_return", /*                  */ {0, 1, 1, 1, 1, 0, 0, 0}},
    {"approve_return", /*                  */ {0, 0, 1, 0, 0, 0, 0, 0}},
    {"request_extension", /*               */ {0, 1, 1, 0, 1, 0, 0, 0}},
    {"approve_extension", /*               */ {0, 0, 1, 0, 0, 0, 0, 0}},
    {"request_deferral", /*                */ {0, 1, 1, 0, 1, 0, 0, 0}},
    {"approve_deferral", /*                */ {0, 0, 1, 0, 0, 0, 0, 0}},
    {"resume", /*                          */ {0, 0, 1, 1, 0, 0, 0, 0}},
    {"set_urgent", /*                      */ {0, 1, 1, 0, 0, 1, 0, 0}},
    {"set_supervised", /*                  */ {0, 0, 1, 0, 0, 1, 0, 0}},
    {"link_duplicate", /*                  */ {0, 1, 1, 0, 0, 0, 0, 0}},
    {"acknowledge", /*                     */ {0, 0, 0, 0, 1, 0, 0, 0}},
};

/// Every write outside the case loop, by the right it needs, and who holds that right.
///                                            ins op  sl  dp  us  sv  ld  ad
const QList<std::pair<const char *, QList<int>>> rightTable{
    {"catalogue.save-unit", /*             */ {0, 0, 0, 0, 0, 0, 1, 0}},
    {"assessment.set-score", /*            */ {0, 0, 1, 0, 0, 1, 1, 0}},
    {"assessment.remove-score", /*         */ {0, 0, 1, 0, 0, 1, 1, 0}},
    {"assessment.set-survey", /*           */ {0, 0, 1, 0, 0, 1, 1, 0}},
    {"assessment.add-evidence", /*         */ {0, 0, 1, 0, 0, 1, 1, 0}},
    {"assessment.submit", /*               */ {0, 0, 1, 0, 0, 1, 1, 0}},
    {"assessment.return", /*               */ {0, 0, 0, 0, 0, 0, 1, 0}},
    {"assessment.publish", /*              */ {0, 0, 0, 0, 0, 0, 1, 0}},
    {"assessment.correct-score", /*        */ {0, 0, 0, 0, 0, 0, 1, 0}},
    {"assessment.correct-survey", /*       */ {0, 0, 0, 0, 0, 0, 1, 0}},
    {"assessment.save-scheme", /*          */ {0, 0, 0, 0, 0, 0, 1, 0}},
    {"assessment.set-population", /*       */ {0, 0, 0, 0, 0, 0, 1, 0}},
    {"accounts.add", /*                    */ {0, 0, 0, 0, 0, 0, 0, 1}},
    {"accounts.disable", /*                */ {0, 0, 0, 0, 0, 0, 0, 1}},
    {"accounts.reset", /*                  */ {0, 0, 0, 0, 0, 0, 0, 1}},
    {"accounts.idle-lock", /*              */ {0, 0, 0, 0, 0, 0, 0, 1}},
    {"accounts.read-login", /*             */ {0, 0, 0, 0, 0, 0, 0, 1}},
    {"sync.site", /*                       */ {0, 1, 1, 0, 0, 0, 0, 1}},
    {"sync.peer", /*                       */ {0, 1, 1, 0, 0, 0, 0, 1}},
    {"sync.export", /*                     */ {0, 1, 1, 0, 0, 0, 0, 1}},
    {"sync.import", /*                     */ {0, 1, 1, 0, 0, 0, 0, 1}},
    {"grid.import", /*                     */ {0, 0, 0, 0, 0, 0, 0, 1}},
    {"backup.restore", /*                  */ {0, 0, 0, 0, 0, 0, 0, 1}},
};

qint64 changes(const SqliteDb &db)
{
    auto q = Statement::prepare(db, QStringLiteral("SELECT total_changes()"));
    return q && q.value().step().value() ? q.value().integer(0) : -1;
}

/// What a write gave, without its value.
template <typename T> Result<void> outcome(const Result<T> &r)
{
    if (!r)
        return r.error();
    return {};
}

QString text(const Result<void> &r)
{
    return r ? QStringLiteral("ok") : r.error().code + QStringLiteral(": ") + r.error().message;
}

} // namespace

/// The permission table, cell by cell, through the core API: every role × every step of the case
/// loop, every role × every write outside it, and the scope of unit- and area-bound accounts.
/// Each allowed cell does what it asks; each refused one is refused by the core with the reason
/// and writes nothing at all (the connection's count of changed rows stays put).
class TestPermissions : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<CaseStore> m_cases;
    CaseCatalogues m_catalogues = testutil::bundledCatalogues();
    QStringList m_subdistricts;
    QString m_cell, m_otherCell;
    int m_month = 0;
    QString m_duplicateOf; ///< the open case a duplicate is linked to

    Result<CaseRecord> reportAs(const QString &cell, const QString &who)
    {
        NewCase input;
        input.categoryId = QStringLiteral("E0102");
        input.cellCode = cell;
        input.lonLat = QPointF(114.05, 22.54);
        input.channel = QStringLiteral("inspector");
        return m_cases->report(input, who, now);
    }
    Result<CaseRecord> report(const QString &cell)
    {
        return reportAs(cell, QStringLiteral("sl01"));
    }
    Result<CaseRecord> take(const QString &uuid, CaseStep step, QString who)
    {
        StepInput input;
        input.note = QStringLiteral("permission walk");
        input.extensionHours = 24;
        if (step == CaseStep::Dispatch)
            input.unitId = m_cases->suggestedUnit(m_cases->find(uuid).value()).value()->id;
        if (step == CaseStep::LinkDuplicate)
            input.duplicateOf = m_duplicateOf;
        if (who == QLatin1String("staff")) {
            const QString unit = m_cases->find(uuid).value().unitId;
            who = testutil::demoStaffOf(unit.isEmpty() ? QStringLiteral("U020") : unit);
        }
        return m_cases->take(uuid, step, who, now, input);
    }
    /// A new case in the state where `step` applies, taken there by those who may.
    QString caseFor(CaseStep step, const QString &cell)
    {
        using S = CaseStep;
        QList<std::pair<CaseStep, const char *>> path;
        const QList<std::pair<CaseStep, const char *>> dispatched{{S::File, "sl01"},
                                                                  {S::Dispatch, "sl01"}};
        switch (step) {
        case S::File:
        case S::Void:
        case S::LinkDuplicate:
        case S::SetUrgent:
        case S::Report:
            break;
        case S::Dispatch:
            path = {{S::File, "sl01"}};
            break;
        case S::Feedback:
        case S::Acknowledge:
        case S::RequestReturn:
        case S::RequestExtension:
        case S::RequestDeferral:
        case S::SetSupervised:
            path = dispatched;
            break;
        case S::VerifyPass:
        case S::VerifyFail:
            path = dispatched + QList<std::pair<CaseStep, const char *>>{{S::Feedback, "staff"}};
            break;
        case S::Close:
            path = dispatched + QList<std::pair<CaseStep, const char *>>{{S::Feedback, "staff"},
                                                                         {S::VerifyPass, "ins01"}};
            break;
        case S::ApproveReturn:
            path =
                dispatched + QList<std::pair<CaseStep, const char *>>{{S::RequestReturn, "sl01"}};
            break;
        case S::ApproveExtension:
            path = dispatched +
                   QList<std::pair<CaseStep, const char *>>{{S::RequestExtension, "sl01"}};
            break;
        case S::ApproveDeferral:
            path =
                dispatched + QList<std::pair<CaseStep, const char *>>{{S::RequestDeferral, "sl01"}};
            break;
        case S::Resume:
            path = dispatched + QList<std::pair<CaseStep, const char *>>{
                                    {S::RequestDeferral, "sl01"}, {S::ApproveDeferral, "sl01"}};
            break;
        }
        if (step == S::LinkDuplicate)
            m_duplicateOf = report(cell).value().uuid;
        auto made = report(cell);
        if (!made)
            return {};
        for (const auto &[s, who] : path)
            if (auto r = take(made.value().uuid, s, QLatin1String(who)); !r) {
                qWarning() << r.error().toText();
                return {};
            }
        return made.value().uuid;
    }
    /// The rows of rightTable walked on stores of their own (sync, grid import, restore), or
    /// the others.
    static void addRightRows(bool ownStores)
    {
        QTest::addColumn<int>("role");
        QTest::addColumn<QString>("action");
        QTest::addColumn<bool>("allowed");
        for (const auto &[action, row] : rightTable) {
            const QString a = QString::fromLatin1(action);
            const bool own =
                a.startsWith(u"sync.") || a.startsWith(u"grid.") || a.startsWith(u"backup.");
            if (own == ownStores)
                for (int r = 0; r < roles.size(); ++r)
                    QTest::addRow("%s by %s", action, qPrintable(roles[r]))
                        << r << a << bool(row[r]);
        }
    }
    /// A refusal by the core: its reason names who may, and nothing was written.
    void expectRefused(const Error &error, const QString &code, qint64 before)
    {
        QCOMPARE(error.code, code);
        QVERIFY2(error.message.startsWith(QStringLiteral("Only ")), qPrintable(error.message));
        QCOMPARE(changes(m_store->db()), before);
    }
    /// A month of its own for each row of the assessment, so no row finds another's state.
    QDate freshMonth() { return QDate(2024, 1, 1).addMonths(m_month++); }
    QHash<QString, QHash<QString, double>> figures() const
    {
        QHash<QString, QHash<QString, double>> all;
        for (const QString &code : m_subdistricts)
            for (const QString &figure : AssessmentScheme::figureIds())
                all[code][figure] = 0.9;
        return all;
    }
    /// `month` filled in and taken to `state` by those who may.
    void prepareMonth(AssessmentStore &store, QDate month, AssessmentStore::State state)
    {
        const AssessmentScheme scheme = testutil::bundledAssessment().scheme;
        testutil::fillAssessmentMonth(store, month, m_subdistricts, {}, scheme, now);
        if (state == AssessmentStore::State::Draft)
            return;
        auto sheet = store.sheet(month, m_subdistricts, figures(), scheme);
        QVERIFY(sheet);
        QVERIFY(store.submit(month, sheet.value(), QStringLiteral("sv01"), now));
        if (state == AssessmentStore::State::Published)
            QVERIFY(store.publish(month, sheet.value(), QStringLiteral("ld01"), now));
    }
    /// The write `action` as `who`.
    Result<void> write(const QString &action, const QString &who, bool allowed)
    {
        const RoleCatalogue &table = m_catalogues.roles;
        const ActingUser acting{who, &table};
        AssessmentStore assessment(*m_store, table);
        const AssessmentScheme scheme = testutil::bundledAssessment().scheme;
        const QString code = m_subdistricts.first();
        const AssessmentEntry entry{code,
                                    QStringLiteral("1.1.1"),
                                    AssessmentEntry::Side::Internal,
                                    QStringLiteral("考评组"),
                                    4,
                                    {}};
        const QDate month = freshMonth();
        const auto sheetOf = [&] {
            return allowed ? assessment.sheet(month, m_subdistricts, figures(), scheme).value()
                           : AssessmentSheet{};
        };
        if (action == QLatin1String("catalogue.save-unit")) {
            UnitCatalogue::Unit unit = *m_catalogues.units.find(QStringLiteral("U001"));
            unit.name = QStringLiteral("城管局（%1）").arg(who);
            return outcome(catalogueedits::saveEntry(
                *m_store, m_store->loadCatalogue().value(), QStringLiteral(":/catalogues"),
                cataloguekinds::unit(), unit.id, catalogueedits::unitJson(unit), acting, now));
        }
        if (action == QLatin1String("assessment.set-score"))
            return assessment.setScore(month, entry, who, now, scheme);
        if (action == QLatin1String("assessment.remove-score")) {
            if (allowed)
                QTest::qVerify(
                    assessment.setScore(month, entry, QStringLiteral("sv01"), now, scheme).ok(),
                    "setScore", "", __FILE__, __LINE__);
            return assessment.removeScore(month, entry, who);
        }
        if (action == QLatin1String("assessment.set-survey"))
            return assessment.setSurvey(month, code, scheme.surveys().first(), {80, 10, 10}, who,
                                        scheme);
        if (action == QLatin1String("assessment.add-evidence")) {
            AssessmentEvidence::File file{{},
                                          code,
                                          QStringLiteral("3.1.1"),
                                          QStringLiteral("photo.jpg"),
                                          QStringLiteral("image/jpeg"),
                                          QByteArray(512, 'p'),
                                          who,
                                          {}};
            return AssessmentEvidence(*m_store).add(month, file, table, now);
        }
        if (action == QLatin1String("assessment.submit")) {
            if (allowed)
                prepareMonth(assessment, month, AssessmentStore::State::Draft);
            return assessment.submit(month, sheetOf(), who, now);
        }
        if (action == QLatin1String("assessment.return")) {
            if (allowed)
                prepareMonth(assessment, month, AssessmentStore::State::Review);
            return assessment.returnToDraft(month, who, QStringLiteral("recount"), now);
        }
        if (action == QLatin1String("assessment.publish")) {
            if (allowed)
                prepareMonth(assessment, month, AssessmentStore::State::Review);
            return assessment.publish(month, sheetOf(), who, now);
        }
        if (action == QLatin1String("assessment.correct-score")) {
            if (allowed)
                prepareMonth(assessment, month, AssessmentStore::State::Published);
            AssessmentEntry fixed = entry;
            fixed.score = 3;
            return assessment.correctScore(month, fixed, m_subdistricts, who,
                                           QStringLiteral("miscounted"), now);
        }
        if (action == QLatin1String("assessment.correct-survey")) {
            if (allowed)
                prepareMonth(assessment, month, AssessmentStore::State::Published);
            return assessment.correctSurvey(month, code, scheme.surveys().first(), {70, 20, 10},
                                            m_subdistricts, who, QStringLiteral("miscounted"), now);
        }
        if (action == QLatin1String("assessment.save-scheme"))
            return outcome(
                AssessmentSchemes(*m_store).save(scheme, acting, QStringLiteral("walk"), now));
        if (action == QLatin1String("assessment.set-population"))
            return AssessmentPopulation(*m_store).set(2026, {{code, {60000, 40000 + m_month}}},
                                                      acting, now);
        Accounts accounts(m_store->db(), table, m_store->meta(storeschema::keySiteId()));
        if (action == QLatin1String("accounts.add")) {
            const Account made{QStringLiteral("new%1").arg(m_month),
                               QStringLiteral("新人"),
                               QStringLiteral("operator"),
                               {},
                               {},
                               true,
                               {}};
            return outcome(accounts.add(who, made, QStringLiteral("Walk-password-1"), now));
        }
        if (action == QLatin1String("accounts.disable"))
            return accounts.setEnabled(who, QStringLiteral("op02"), false, now);
        if (action == QLatin1String("accounts.reset"))
            return accounts.resetPassword(who, QStringLiteral("op02"),
                                          QStringLiteral("Walk-password-2"), now);
        if (action == QLatin1String("accounts.idle-lock"))
            return accounts.setIdleLockMinutes(who, 20, now);
        if (action == QLatin1String("accounts.read-login"))
            return accounts.setReadNeedsLogin(who, true, now);
        return Error{QStringLiteral("test.action"), action, {}};
    }

private slots:
    void initTestCase()
    {
        m_store = testutil::demoStore(m_dir.filePath(QStringLiteral("walk.gpkg")), 0, 1, now);
        QVERIFY(m_store);
        m_cases = std::make_unique<CaseStore>(*m_store, CaseWorkflow(m_catalogues.roles),
                                              m_catalogues.calendar, m_catalogues.categories,
                                              m_catalogues.units);
        auto q = Statement::prepare(m_store->db(),
                                    QStringLiteral("SELECT code FROM subdistricts ORDER BY code"));
        QVERIFY(q.value().forEachRow([&](const Statement &s) { m_subdistricts << s.text(0); }));
        // two cells in different subdistricts, for the area-bound accounts
        const auto firstCellOf = [&](const QString &area) {
            auto q = Statement::prepare(
                m_store->db(), QStringLiteral("SELECT min(code) FROM cells WHERE code LIKE ?1"));
            q.value().bind(1, area + u'%');
            return q.value().step().value() ? q.value().text(0) : QString();
        };
        m_cell = firstCellOf(m_subdistricts.first());
        m_otherCell = firstCellOf(m_subdistricts.last());
        QVERIFY(m_cell.startsWith(m_subdistricts.first()));
        QVERIFY(m_otherCell.startsWith(m_subdistricts.last()));
        // the scheme's first version is in place before the walk counts what rows write
        QVERIFY(AssessmentSchemes(*m_store).current(testutil::bundledAssessment().scheme));
        // every role's table row reads the shipped table the same way as this test's
        QCOMPARE(m_catalogues.roles.roles().size(), roles.size());
        Accounts accounts(m_store->db(), m_catalogues.roles,
                          m_store->meta(storeschema::keySiteId()));
        for (const auto &[name, area] :
             {std::pair{"op.here", 0}, std::pair{"op.there", 1}, std::pair{"sl.here", 0}}) {
            Account a{QLatin1String(name),
                      QLatin1String(name),
                      QLatin1String(name).startsWith(u"op") ? QStringLiteral("operator")
                                                            : QStringLiteral("shift_leader"),
                      {},
                      area ? m_subdistricts.last() : m_subdistricts.first(),
                      true,
                      {}};
            QVERIFY(
                accounts.add(QStringLiteral("admin01"), a, QStringLiteral("Area-password-1"), now));
        }
    }

    void everyRoleEveryStep_data()
    {
        QTest::addColumn<int>("role");
        QTest::addColumn<QString>("step");
        QTest::addColumn<bool>("allowed");
        for (const auto &[step, row] : stepTable)
            for (int r = 0; r < roles.size(); ++r)
                QTest::addRow("%s by %s", step, qPrintable(roles[r]))
                    << r << QString::fromLatin1(step) << bool(row[r]);
    }
    void everyRoleEveryStep()
    {
        QFETCH(int, role);
        QFETCH(QString, step);
        QFETCH(bool, allowed);
        const CaseStep s = *CaseVocabulary::stepFromId(step);
        // the shipped table says the same as the one written here
        QCOMPARE(m_catalogues.roles.may(roles[role], s), allowed);
        QString uuid;
        if (s != CaseStep::Report) {
            uuid = caseFor(s, m_cell);
            QVERIFY(!uuid.isEmpty());
        }
        const qint64 before = changes(m_store->db());
        Result<CaseRecord> done = Error{};
        if (s == CaseStep::Report) {
            const QString who = players[role] == QLatin1String("staff")
                                    ? testutil::demoStaffOf(QStringLiteral("U020"))
                                    : players[role];
            done = reportAs(m_cell, who);
        } else {
            done = take(uuid, s, players[role]);
        }
        if (allowed) {
            QVERIFY2(done, qPrintable(done ? QString() : done.error().toText()));
            QVERIFY(changes(m_store->db()) > before);
        } else {
            QVERIFY(!done);
            expectRefused(done.error(), QStringLiteral("workflow.role"), before);
        }
    }

    /// Unit staff reach their unit's cases only; an area-bound account the cases in its area.
    void scope_data()
    {
        QTest::addColumn<QString>("who");
        QTest::addColumn<QString>("step");
        QTest::addColumn<bool>("elsewhere");
        QTest::addColumn<QString>("refusal");
        for (const char *step :
             {"feedback", "request_extension", "request_return", "acknowledge"}) {
            QTest::addRow("staff %s, own unit", step) << "staff" << step << false << QString();
            QTest::addRow("staff %s, other unit", step)
                << "other-staff" << step << false << QStringLiteral("scope.unit");
        }
        for (const char *who : {"op.here", "sl.here"})
            for (const char *step : {"report", "file", "dispatch", "set_urgent"}) {
                QTest::addRow("%s %s, own area", who, step) << who << step << false << QString();
                QTest::addRow("%s %s, elsewhere", who, step)
                    << who << step << true << QStringLiteral("scope.area");
            }
        QTest::addRow("op.there file, its area") << "op.there"
                                                 << "file" << true << QString();
        QTest::addRow("op.there file, elsewhere")
            << "op.there"
            << "file" << false << QStringLiteral("scope.area");
    }
    void scope()
    {
        QFETCH(QString, who);
        QFETCH(QString, step);
        QFETCH(bool, elsewhere);
        QFETCH(QString, refusal);
        const CaseStep s = *CaseVocabulary::stepFromId(step);
        const QString cell = elsewhere ? m_otherCell : m_cell;
        const qint64 before = changes(m_store->db());
        Result<CaseRecord> done = Error{};
        if (s == CaseStep::Report) {
            done = reportAs(cell, who);
        } else {
            const QString uuid = caseFor(s, cell);
            QVERIFY(!uuid.isEmpty());
            if (who == QLatin1String("other-staff")) {
                const QString unit = m_cases->find(uuid).value().unitId;
                who = testutil::demoStaffOf(unit == QLatin1String("U001") ? QStringLiteral("U002")
                                                                          : QStringLiteral("U001"));
            }
            const qint64 ready = changes(m_store->db());
            done = take(uuid, s, who);
            if (!refusal.isEmpty())
                QCOMPARE(changes(m_store->db()), ready);
        }
        if (refusal.isEmpty()) {
            QVERIFY2(done, qPrintable(done ? QString() : done.error().toText()));
        } else {
            QVERIFY(!done);
            QCOMPARE(done.error().code, refusal);
            if (s == CaseStep::Report)
                QCOMPARE(changes(m_store->db()), before);
        }
    }

    void everyRoleEveryRight_data() { addRightRows(false); }
    void everyRoleEveryRight()
    {
        QFETCH(int, role);
        QFETCH(QString, action);
        QFETCH(bool, allowed);
        const QString who = players[role] == QLatin1String("staff")
                                ? testutil::demoStaffOf(QStringLiteral("U020"))
                                : players[role];
        const qint64 before = changes(m_store->db());
        const Result<void> done = write(action, who, allowed);
        if (allowed) {
            QVERIFY2(done, qPrintable(text(done)));
        } else {
            QVERIFY(!done);
            expectRefused(done.error(), QStringLiteral("permission.right"), before);
        }
    }

    /// Sync, grid import and restore, each on a store of its own (a grid import and a restore
    /// replace what the other rows need).
    void everyRoleSyncGridRestore_data() { addRightRows(true); }
    void everyRoleSyncGridRestore()
    {
        QFETCH(int, role);
        QFETCH(QString, action);
        QFETCH(bool, allowed);
        const RoleCatalogue &table = m_catalogues.roles;
        const QString who = players[role] == QLatin1String("staff")
                                ? testutil::demoStaffOf(QStringLiteral("U020"))
                                : players[role];
        const ActingUser acting{who, &table};
        if (!m_office) {
            // an office that sends a package, and a store whose grid is imported and restored
            m_office =
                testutil::demoStore(m_dir.filePath(QStringLiteral("office.gpkg")), 0, 2, now);
            QVERIFY(m_office);
            const ActingUser admin{QStringLiteral("admin01"), &table};
            QVERIFY(SiteIdentity::configure(*m_office, QStringLiteral("园岭"), QStringLiteral("YL"),
                                            admin));
            const auto here = SiteIdentity::ensure(*m_store).value();
            const auto office = SiteIdentity::ensure(*m_office).value();
            QVERIFY(SyncPeers(m_office->db()).add(here.card(), office.siteId(), admin, now));
            QVERIFY(SyncPeers(m_store->db()).add(office.card(), here.siteId(), admin, now));
            QVERIFY(reportAs(m_cell, QStringLiteral("sl01")));
            RefKinds kinds;
            cataloguekinds::addTo(kinds);
            auto package = SyncExchange(*m_office, kinds, table)
                               .exportTo(here.siteId(), QStringLiteral("admin01"), now);
            QVERIFY(package);
            m_package = package.value().file;
            m_gridStore = m_dir.filePath(QStringLiteral("grid.gpkg"));
            QVERIFY(GridImport::ensureStore(m_gridStore, QStringLiteral(":/data/futian")));
            auto grid = Store::open(m_gridStore);
            QVERIFY(grid);
            QVERIFY(testutil::seedDemoAccounts(*grid.value()));
            m_backup = m_dir.filePath(QStringLiteral("grid-backup.gpkg"));
            QVERIFY(StoreBackup::write(grid.value()->db(), m_backup));
        }
        RefKinds kinds;
        cataloguekinds::addTo(kinds);
        const QString office = SiteIdentity::ensure(*m_office).value().siteId();
        const qint64 before = changes(m_store->db());
        const QByteArray gridBefore = testutil::fileDigest(m_gridStore);
        Result<void> done;
        if (action == QLatin1String("sync.site")) {
            done = SiteIdentity::configure(*m_store, QStringLiteral("指挥中心"), {}, acting);
        } else if (action == QLatin1String("sync.peer")) {
            done = SyncPeers(m_store->db())
                       .add(SiteIdentity::ensure(*m_office).value().card(),
                            SiteIdentity::ensure(*m_store).value().siteId(), acting, now);
        } else if (action == QLatin1String("sync.export")) {
            done = outcome(SyncExchange(*m_store, kinds, table).exportTo(office, who, now));
        } else if (action == QLatin1String("sync.import")) {
            done = outcome(SyncExchange(*m_store, kinds, table).importPackage(m_package, who, now));
        } else if (action == QLatin1String("grid.import")) {
            done = outcome(GridImport::run(QStringLiteral(CITYGRID_TEST_DATA "/grids/good_gbk.shp"),
                                           {}, m_gridStore, acting));
        } else if (action == QLatin1String("backup.restore")) {
            auto grid = SqliteDb::open(m_gridStore);
            QVERIFY(grid);
            done = outcome(StoreRestore::restore(*grid.value(), acting, m_backup, now));
        }
        if (allowed) {
            QVERIFY2(done, qPrintable(text(done)));
        } else {
            QVERIFY(!done);
            expectRefused(done.error(), QStringLiteral("permission.right"), before);
            QCOMPARE(testutil::fileDigest(m_gridStore), gridBefore);
        }
    }

private:
    std::unique_ptr<Store> m_office;
    QByteArray m_package;
    QString m_gridStore, m_backup;
};

QTEST_GUILESS_MAIN(TestPermissions)
#include "tst_permissions.moc"
