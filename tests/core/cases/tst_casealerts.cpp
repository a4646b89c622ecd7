// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "accounts/accounts.h"
#include "casefixture.h"
#include "cases/casealerts.h"
#include "cases/casestore.h"
#include "cases/casetiming.h"
#include "grid/gridimport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace citygrid;

namespace {

QDateTime at(int day, int hour, int minute = 0) // November 2026, China time
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), Qt::OffsetFromUTC, 8 * 3600);
}

} // namespace

/// Who is told what, when: a case dispatched on Monday morning goes through its warning time and
/// past its deadline; its unit, the dispatcher who sent it, the shift leader, an operator and
/// another unit are asked at each moment. Then the unit reports back (the clock stops) and a
/// failed verification sends it back (a new acknowledgement is due).
class TestCaseAlerts : public QObject
{
    Q_OBJECT
private:
    enum Moment { AfterDispatch, BeforeWarning, InWarning, Overdue };

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<CaseStore> m_cases;
    CaseCatalogues m_catalogues = testutil::bundledCatalogues();
    CaseRecord m_case;
    QString m_unitStaff;
    QString m_otherStaff;

    QDateTime moment(Moment m) const
    {
        const QDateTime warning =
            CaseTiming::warningFrom(m_case, m_catalogues.calendar, m_catalogues.alerts);
        switch (m) {
        case AfterDispatch:
            return m_case.dispatchedAt.addSecs(20 * 60);
        case BeforeWarning:
            return warning.addSecs(-60);
        case InWarning:
            return warning.addSecs(60);
        case Overdue:
            return m_case.dueAt.addSecs(60 * 60);
        }
        return {};
    }
    /// "warning,acknowledged": the kinds `account` is told at `now`, newest first.
    QString told(const QString &account, const QDateTime &now,
                 const AlertRules *rules = nullptr) const
    {
        const Account who = Accounts(m_store->db(), m_catalogues.roles, {}).actor(account).value();
        const CaseAlerts alerts(m_store->db(), m_catalogues.calendar,
                                rules ? *rules : m_catalogues.alerts);
        QStringList kinds;
        const auto told = alerts.forAccount(who, now);
        if (!told)
            return told.error().toText();
        for (const CaseAlert &a : told.value()) {
            static const char *const names[] = {"warning", "escalation", "acknowledged"};
            kinds.append(QLatin1String(names[int(a.kind)]));
            if (a.caseUuid != m_case.uuid)
                return QStringLiteral("another case");
        }
        return kinds.join(u',');
    }

private slots:
    void initTestCase()
    {
        const QString path = m_dir.filePath(QStringLiteral("alerts.gpkg"));
        QVERIFY(GridImport::ensureStore(path, QStringLiteral(":/data/futian")).ok());
        auto store = Store::open(path);
        QVERIFY(store.ok());
        m_store = std::move(store).value();
        QVERIFY(testutil::seedDemoAccounts(*m_store));
        m_cases = std::make_unique<CaseStore>(*m_store, CaseWorkflow(m_catalogues.roles),
                                              m_catalogues.calendar, m_catalogues.categories,
                                              m_catalogues.units);
        const NewCase refuse{QStringLiteral("E0102"),           QPointF(114.055, 22.54),
                             QStringLiteral("440304008003001"), QStringLiteral("inspector"),
                             QStringLiteral("暴露垃圾"),        QStringLiteral("采集员 李")};
        auto reported = m_cases->report(refuse, QStringLiteral("op01"), at(23, 9));
        QVERIFY(reported);
        const QString uuid = reported.value().uuid;
        QVERIFY(m_cases->take(uuid, CaseStep::File, QStringLiteral("op01"), at(23, 9, 5)));
        StepInput to;
        to.unitId = m_cases->suggestedUnit(reported.value()).value()->id;
        QVERIFY(m_cases->take(uuid, CaseStep::Dispatch, QStringLiteral("dp01"), at(23, 9, 10), to));
        m_unitStaff = testutil::demoStaffOf(to.unitId);
        QVERIFY(!m_unitStaff.isEmpty());
        m_otherStaff = testutil::demoStaffOf(
            to.unitId == QLatin1String("U001") ? QStringLiteral("U002") : QStringLiteral("U001"));
        QVERIFY(!m_otherStaff.isEmpty());
        // the unit opens it: acknowledged, which the dispatcher is told
        auto acknowledged = m_cases->take(uuid, CaseStep::Acknowledge, m_unitStaff, at(23, 9, 25));
        QVERIFY2(acknowledged, qPrintable(acknowledged ? QString() : acknowledged.error().message));
        QCOMPARE(acknowledged.value().status.state, CaseState::Dispatched);
        // an operator may not acknowledge for the unit
        QCOMPARE(m_cases->take(uuid, CaseStep::Acknowledge, QStringLiteral("op01"), at(23, 9, 26))
                     .error()
                     .code,
                 QStringLiteral("workflow.role"));
        m_case = acknowledged.value();
        QVERIFY(moment(AfterDispatch) < moment(BeforeWarning));
        QVERIFY(moment(InWarning) < m_case.dueAt);
    }

    void whoIsTold_data()
    {
        QTest::addColumn<int>("when");
        QTest::addColumn<QString>("who");
        QTest::addColumn<QString>("kinds");
        const auto row = [](const char *name, Moment when, const char *who, const char *kinds) {
            QTest::newRow(name) << int(when) << QString::fromLatin1(who)
                                << QString::fromLatin1(kinds);
        };
        row("after dispatch: the dispatcher hears of the acknowledgement", AfterDispatch, "dp01",
            "acknowledged");
        row("after dispatch: the unit, nothing yet", AfterDispatch, "unit", "");
        row("after dispatch: the shift leader, nothing", AfterDispatch, "sl01", "");
        row("before the warning: the unit", BeforeWarning, "unit", "");
        row("in the warning time: the unit", InWarning, "unit", "warning");
        row("in the warning time: the dispatcher", InWarning, "dp01", "warning,acknowledged");
        row("in the warning time: the shift leader", InWarning, "sl01", "");
        row("in the warning time: another unit", InWarning, "other", "");
        row("in the warning time: an operator", InWarning, "op01", "");
        row("overdue: the unit", Overdue, "unit", "warning");
        row("overdue: the dispatcher", Overdue, "dp01", "warning,acknowledged");
        row("overdue: escalated to the shift leader", Overdue, "sl01", "escalation");
        row("overdue: another unit", Overdue, "other", "");
        row("overdue: the leader is not a shift leader", Overdue, "ld01", "");
    }
    void whoIsTold()
    {
        QFETCH(int, when);
        QFETCH(QString, who);
        QFETCH(QString, kinds);
        const QString account = who == QLatin1String("unit")    ? m_unitStaff
                                : who == QLatin1String("other") ? m_otherStaff
                                                                : who;
        QCOMPARE(told(account, moment(Moment(when))), kinds);
    }

    void counts()
    {
        const CaseAlerts alerts(m_store->db(), m_catalogues.calendar, m_catalogues.alerts);
        QCOMPARE(alerts.counts(moment(BeforeWarning)).value(), (CaseAlerts::Counts{0, 0, 0}));
        QCOMPARE(alerts.counts(moment(InWarning)).value(), (CaseAlerts::Counts{1, 0, 0}));
        QCOMPARE(alerts.counts(moment(Overdue)).value(), (CaseAlerts::Counts{0, 1, 0}));
    }

    void escalationGoesWhereTheDataSays()
    {
        const AlertRules supervisors =
            AlertRules::fromJson(R"({"warning_share_used": 0.3, "warning_minutes_left": 0,)"
                                 R"( "escalate_to_roles": ["supervisor"]})")
                .value();
        QCOMPARE(told(QStringLiteral("sl01"), moment(Overdue), &supervisors), QString());
        QCOMPARE(told(QStringLiteral("sv01"), moment(Overdue), &supervisors),
                 QStringLiteral("escalation"));
        // 100 of the 240 working minutes used is a warning under these rules (over 30 %), not
        // under the district's (140 left: more than a quarter and more than two hours)
        QCOMPARE(m_catalogues.calendar.workingMinutesBetween(m_case.dispatchedAt, m_case.dueAt),
                 240);
        const QDateTime halfway = m_catalogues.calendar.addWorkingMinutes(m_case.dispatchedAt, 100);
        QCOMPARE(told(m_unitStaff, halfway, &supervisors), QStringLiteral("warning"));
        QCOMPARE(told(m_unitStaff, halfway), QString());
    }

    void reworkAsksForANewAcknowledgement()
    {
        QVERIFY(m_cases->take(m_case.uuid, CaseStep::Feedback, m_unitStaff, at(23, 10)));
        // handled: the clock stops, nobody is warned
        QCOMPARE(told(m_unitStaff, moment(Overdue)), QString());
        QCOMPARE(told(QStringLiteral("sl01"), moment(Overdue)), QString());
        QVERIFY(m_cases->take(m_case.uuid, CaseStep::VerifyFail, QStringLiteral("ins01"),
                              at(23, 10, 30)));
        // back with the unit: not acknowledged since, so the dispatcher hears nothing of it
        QCOMPARE(told(QStringLiteral("dp01"), at(23, 10, 40)), QString());
        const CaseAlerts alerts(m_store->db(), m_catalogues.calendar, m_catalogues.alerts);
        QCOMPARE(alerts.counts(at(23, 10, 40)).value().unacknowledged, 1);
        QVERIFY(m_cases->take(m_case.uuid, CaseStep::Acknowledge, m_unitStaff, at(23, 10, 45)));
        QCOMPARE(told(QStringLiteral("dp01"), at(23, 10, 50)), QStringLiteral("acknowledged"));
        QCOMPARE(alerts.counts(at(23, 10, 50)).value().unacknowledged, 0);
    }
};

QTEST_GUILESS_MAIN(TestCaseAlerts)
#include "tst_casealerts.moc"
