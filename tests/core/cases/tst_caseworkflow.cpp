// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/caseworkflow.h"

#include <QLocale>
#include <QTest>

using namespace citygrid;

namespace {

/// The test's own role catalogue, so the rules are tested apart from the shipped data.
const QByteArray rolesJson = R"({
  "roles": [
    {"id": "operator", "name": "操作员", "name_en": "Operator",
     "steps": ["report", "file", "void", "dispatch", "close", "link_duplicate", "request_return", "set_urgent"]},
    {"id": "shift_leader", "name": "值班长", "name_en": "Shift leader",
     "steps": ["report", "file", "void", "dispatch", "close", "link_duplicate", "request_return", "set_urgent",
               "approve_return", "approve_extension", "approve_deferral", "resume", "set_supervised"]},
    {"id": "unit_staff", "name": "处置单位人员", "name_en": "Unit staff",
     "steps": ["acknowledge", "feedback", "request_extension", "request_deferral", "request_return"]},
    {"id": "inspector", "name": "信息采集员", "name_en": "Inspector", "steps": ["report", "verify_pass", "verify_fail"]},
    {"id": "leader", "name": "领导", "name_en": "Leader", "steps": [],
     "rights": ["edit_catalogues", "decide_assessment", "score_assessment"]},
    {"id": "supervisor", "name": "督查员", "name_en": "Supervisor", "steps": [],
     "rights": ["score_assessment"]}
  ],
  "users": [{"id": "op01", "name": "张敏", "role": "operator"}]
})";

CaseStatus status(CaseState state, PendingRequest pending = PendingRequest::None)
{
    CaseStatus s;
    s.state = state;
    s.pending = pending;
    return s;
}

/// The loop as the standards describe it, written out once more, independently of the code:
/// the status a step leads to, or nothing where it does not apply.
std::optional<CaseStatus> expected(const CaseStatus &from, CaseStep step)
{
    using S = CaseState;
    using P = PendingRequest;
    CaseStatus to = from;
    const bool idle = from.pending == P::None;
    const bool open = from.state != S::Closed && from.state != S::Voided;
    const auto go = [&](S state, P pending = P::None, int rework = 0) {
        to.state = state;
        to.pending = pending;
        to.reworkCount += rework;
        return std::optional<CaseStatus>(to);
    };
    const QList<std::pair<S, S>> back = {{S::Filed, S::Reported},
                                         {S::Dispatched, S::Filed},
                                         {S::Handled, S::Dispatched},
                                         {S::Verified, S::Handled}};
    switch (step) {
    case CaseStep::File:
        return from.state == S::Reported && idle ? go(S::Filed) : std::nullopt;
    case CaseStep::Void:
        return (from.state == S::Reported || from.state == S::Filed) && idle ? go(S::Voided)
                                                                             : std::nullopt;
    case CaseStep::LinkDuplicate:
        return from.state == S::Reported && idle ? go(S::Voided) : std::nullopt;
    case CaseStep::Dispatch:
        return from.state == S::Filed && idle ? go(S::Dispatched) : std::nullopt;
    case CaseStep::Feedback:
        return from.state == S::Dispatched && idle ? go(S::Handled) : std::nullopt;
    case CaseStep::VerifyPass:
        return from.state == S::Handled && idle ? go(S::Verified) : std::nullopt;
    case CaseStep::VerifyFail:
        return from.state == S::Handled && idle ? go(S::Dispatched, P::None, 1) : std::nullopt;
    case CaseStep::Close:
        return from.state == S::Verified && idle ? go(S::Closed) : std::nullopt;
    case CaseStep::RequestReturn:
        for (const auto &[a, b] : back)
            if (from.state == a && idle)
                return go(a, P::Return);
        return std::nullopt;
    case CaseStep::ApproveReturn:
        for (const auto &[a, b] : back)
            if (from.state == a && from.pending == P::Return)
                return go(b);
        return std::nullopt;
    case CaseStep::RequestExtension:
        return from.state == S::Dispatched && idle ? go(S::Dispatched, P::Extension) : std::nullopt;
    case CaseStep::RequestDeferral:
        return from.state == S::Dispatched && idle ? go(S::Dispatched, P::Deferral) : std::nullopt;
    case CaseStep::ApproveExtension:
        return from.state == S::Dispatched && from.pending == P::Extension ? go(S::Dispatched)
                                                                           : std::nullopt;
    case CaseStep::ApproveDeferral:
        return from.state == S::Dispatched && from.pending == P::Deferral ? go(S::Deferred)
                                                                          : std::nullopt;
    case CaseStep::Resume:
        return from.state == S::Deferred && idle ? go(S::Dispatched) : std::nullopt;
    case CaseStep::SetUrgent:
        if (!open || from.urgent)
            return std::nullopt;
        to.urgent = true;
        return to;
    case CaseStep::SetSupervised:
        if (!open || from.supervised)
            return std::nullopt;
        to.supervised = true;
        return to;
    case CaseStep::Acknowledge:
        return from.state == S::Dispatched && idle ? go(S::Dispatched) : std::nullopt;
    case CaseStep::Report:
        return std::nullopt;
    }
    return std::nullopt;
}

/// Every status a case can really be in: any state while idle, a return request in the states
/// that have a previous step, extension and deferral requests while dispatched.
QList<CaseStatus> reachable()
{
    QList<CaseStatus> all;
    for (CaseState s : CaseVocabulary::states())
        all.append(status(s));
    for (CaseState s :
         {CaseState::Filed, CaseState::Dispatched, CaseState::Handled, CaseState::Verified})
        all.append(status(s, PendingRequest::Return));
    all.append(status(CaseState::Dispatched, PendingRequest::Extension));
    all.append(status(CaseState::Dispatched, PendingRequest::Deferral));
    return all;
}

} // namespace

class TestCaseWorkflow : public QObject
{
    Q_OBJECT
private:
    CaseWorkflow workflow() const
    {
        return CaseWorkflow(RoleCatalogue::fromJson(rolesJson).value());
    }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English)); }
    void roleNamesFollowTheLanguage()
    {
        const CaseWorkflow flow = workflow();
        QCOMPARE(flow.roles().rolesThatMay(CaseStep::ApproveExtension),
                 QStringLiteral("Shift leader"));
        QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
        QCOMPARE(flow.roles().rolesThatMay(CaseStep::ApproveExtension), QStringLiteral("值班长"));
        QVERIFY(flow.roles().rolesThatMay(CaseStep::Report).contains(QStringLiteral("、")));
        QLocale::setDefault(QLocale(QLocale::English));
    }
    void vocabularyRoundTrips()
    {
        for (CaseState s : CaseVocabulary::states())
            QCOMPARE(CaseVocabulary::stateFromId(CaseVocabulary::id(s)), s);
        for (CaseStep s : CaseVocabulary::steps())
            QCOMPARE(CaseVocabulary::stepFromId(CaseVocabulary::id(s)), s);
        QCOMPARE(CaseVocabulary::steps().size(), 19);
        QVERIFY(!CaseVocabulary::stepFromId(QStringLiteral("teleport")));
    }
    void everyStateAndStep()
    {
        // state × pending request × step, against the table above
        int allowed = 0, refused = 0;
        for (const CaseStatus &from : reachable()) {
            for (CaseStep step : CaseVocabulary::steps()) {
                const auto got = CaseWorkflow::transition(from, step);
                const auto want = expected(from, step);
                const QByteArray where =
                    (CaseVocabulary::id(from.state) + u'/' + QString::number(int(from.pending)) +
                     u' ' + CaseVocabulary::id(step))
                        .toUtf8();
                QVERIFY2(got.has_value() == want.has_value(), where.constData());
                if (got) {
                    QVERIFY2(*got == *want, where.constData());
                    ++allowed;
                } else {
                    ++refused;
                }
            }
        }
        QVERIFY(allowed > 30 && refused > 150);
    }
    void everyRoleAndStep()
    {
        const CaseWorkflow flow = workflow();
        for (const RoleCatalogue::Role &role : flow.roles().roles()) {
            for (const CaseStatus &from : reachable()) {
                for (CaseStep step : CaseVocabulary::steps()) {
                    const auto result = flow.apply(from, step, role.id);
                    const bool rulesAllow = CaseWorkflow::transition(from, step).has_value();
                    const bool voidingFiled =
                        step == CaseStep::Void && from.state == CaseState::Filed;
                    const bool roleAllows =
                        role.steps.contains(step) &&
                        (!voidingFiled || role.steps.contains(CaseStep::ApproveReturn));
                    QCOMPARE(result.ok(), rulesAllow && roleAllows);
                    if (!roleAllows) {
                        QCOMPARE(result.error().code, QStringLiteral("workflow.role"));
                        QVERIFY(result.error().message.startsWith(QStringLiteral("Only")) ||
                                result.error().message.startsWith(QStringLiteral("No role")));
                    } else if (!rulesAllow) {
                        QCOMPARE(result.error().code, QStringLiteral("workflow.state"));
                    }
                }
            }
        }
    }
    void refusalsSayWhy()
    {
        const CaseWorkflow flow = workflow();
        const auto extension = flow.apply(status(CaseState::Dispatched, PendingRequest::Extension),
                                          CaseStep::ApproveExtension, QStringLiteral("operator"));
        QCOMPARE(extension.error().message,
                 QStringLiteral("Only Shift leader may approve the extension"));
        const auto voidFiled =
            flow.apply(status(CaseState::Filed), CaseStep::Void, QStringLiteral("operator"));
        QCOMPARE(voidFiled.error().message,
                 QStringLiteral("Only Shift leader may void a case that has been filed"));
        QVERIFY(flow.apply(status(CaseState::Filed), CaseStep::Void, QStringLiteral("shift_leader"))
                    .ok());
        const auto closeEarly =
            flow.apply(status(CaseState::Dispatched), CaseStep::Close, QStringLiteral("operator"));
        QCOMPARE(closeEarly.error().code, QStringLiteral("workflow.state"));
        QVERIFY(closeEarly.error().message.contains(QStringLiteral("Dispatched")));
        const auto waiting = flow.apply(status(CaseState::Dispatched, PendingRequest::Deferral),
                                        CaseStep::Feedback, QStringLiteral("unit_staff"));
        QVERIFY(waiting.error().message.contains(QStringLiteral("approved")));
        const auto unknownRole =
            flow.apply(status(CaseState::Reported), CaseStep::File, QStringLiteral("nobody"));
        QCOMPARE(unknownRole.error().code, QStringLiteral("workflow.role"));
    }
    void theWholeLoopWithRework()
    {
        const CaseWorkflow flow = workflow();
        CaseStatus s = status(CaseState::Reported);
        const QList<std::pair<CaseStep, const char *>> steps = {
            {CaseStep::File, "operator"},       {CaseStep::Dispatch, "operator"},
            {CaseStep::Feedback, "unit_staff"}, {CaseStep::VerifyFail, "inspector"},
            {CaseStep::Feedback, "unit_staff"}, {CaseStep::VerifyPass, "inspector"},
            {CaseStep::Close, "operator"}};
        for (const auto &[step, role] : steps) {
            auto next = flow.apply(s, step, QString::fromLatin1(role));
            QVERIFY2(next.ok(), qPrintable(next.ok() ? QString() : next.error().message));
            s = next.value();
        }
        QCOMPARE(s.state, CaseState::Closed);
        QCOMPARE(s.reworkCount, 1);
    }
    void offeredStepsFollowRoleAndState()
    {
        const CaseWorkflow flow = workflow();
        QCOMPARE(flow.allowedSteps(status(CaseState::Reported), QStringLiteral("operator")),
                 (QList<CaseStep>{CaseStep::File, CaseStep::Void, CaseStep::SetUrgent,
                                  CaseStep::LinkDuplicate}));
        QCOMPARE(flow.allowedSteps(status(CaseState::Dispatched), QStringLiteral("unit_staff")),
                 (QList<CaseStep>{CaseStep::Feedback, CaseStep::RequestReturn,
                                  CaseStep::RequestExtension, CaseStep::RequestDeferral,
                                  CaseStep::Acknowledge}));
        QVERIFY(
            flow.allowedSteps(status(CaseState::Dispatched), QStringLiteral("leader")).isEmpty());
        QVERIFY(
            flow.allowedSteps(status(CaseState::Closed), QStringLiteral("shift_leader")).isEmpty());
    }
    void refusedStepsAndWhyNone_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<int>("pending");
        QTest::addColumn<QByteArray>("roleId");
        QTest::addColumn<QByteArray>("refused"); // the steps shown disabled, in order
        QTest::addColumn<QByteArray>("whyNone"); // empty: the role has a step
        using S = CaseState;
        using P = PendingRequest;
        QTest::newRow("operator, dispatched")
            << int(S::Dispatched) << int(P::None) << QByteArray("operator")
            << QByteArray("feedback,request_extension,request_deferral,set_supervised")
            << QByteArray();
        QTest::newRow("unit staff, filed: may ask for a return")
            << int(S::Filed) << int(P::None) << QByteArray("unit_staff")
            << QByteArray("void,dispatch,set_urgent,set_supervised") << QByteArray();
        QTest::newRow("leader, handled")
            << int(S::Handled) << int(P::None) << QByteArray("leader")
            << QByteArray("verify_pass,verify_fail,request_return,set_urgent,set_supervised")
            << QByteArray("The case is Handled and waits for steps of other roles: Only Inspector "
                          "may pass verification; Only Inspector may fail verification; Only "
                          "Operator, Shift leader, Unit staff may ask to return; Only Operator, "
                          "Shift leader may mark urgent; Only Shift leader may put under "
                          "supervision.");
        QTest::newRow("anyone, closed")
            << int(S::Closed) << int(P::None) << QByteArray("shift_leader") << QByteArray("")
            << QByteArray("The case is Closed: no step is left.");
        QTest::newRow("operator, waiting for approval")
            << int(S::Dispatched) << int(P::Extension) << QByteArray("unit_staff")
            << QByteArray("approve_extension,set_urgent,set_supervised")
            << QByteArray(
                   "The case is Dispatched and waits for steps of other roles: Only Shift leader "
                   "may approve the extension; Only Operator, Shift leader may mark urgent; "
                   "Only "
                   "Shift leader may put under supervision.");
    }
    void refusedStepsAndWhyNone()
    {
        QFETCH(int, state);
        QFETCH(int, pending);
        QFETCH(QByteArray, roleId);
        QFETCH(QByteArray, refused);
        QFETCH(QByteArray, whyNone);
        const QString role = QString::fromUtf8(roleId);
        const CaseWorkflow flow = workflow();
        const CaseStatus s = status(CaseState(state), PendingRequest(pending));
        QStringList ids;
        for (const CaseWorkflow::Refusal &r : flow.refusedSteps(s, role)) {
            ids << CaseVocabulary::id(r.step);
            // the reason is the one the workflow refuses the step with
            QCOMPARE(r.reason, flow.apply(s, r.step, role).error().message);
            // and no step the role may take is among them
            QVERIFY(!flow.allowedSteps(s, role).contains(r.step));
        }
        QCOMPARE(ids.join(u','), QString::fromUtf8(refused));
        QCOMPARE(flow.whyNoStep(s, role), QString::fromUtf8(whyNone));
    }
    void rightsComeFromTheTable()
    {
        const RoleCatalogue roles = RoleCatalogue::fromJson(rolesJson).value();
        QVERIFY(roles.may(QStringLiteral("leader"), Right::EditCatalogues));
        QVERIFY(roles.may(QStringLiteral("supervisor"), Right::ScoreAssessment));
        QVERIFY(!roles.may(QStringLiteral("supervisor"), Right::DecideAssessment));
        QVERIFY(!roles.may(QStringLiteral("operator"), Right::ScoreAssessment));
        QVERIFY(!roles.may(QStringLiteral("nobody"), Right::EditCatalogues));
        QCOMPARE(roles.onlyWho(Right::EditCatalogues),
                 QStringLiteral("Only Leader may edit the catalogues"));
        QCOMPARE(roles.onlyWho(Right::ScoreAssessment),
                 QStringLiteral("Only Leader, Supervisor may score the assessment"));
        QCOMPARE(roles.onlyWho(CaseStep::Report),
                 QStringLiteral("Only Operator, Shift leader, Inspector may report"));
    }
    void badRoleCatalogues_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("not JSON") << QByteArray("[");
        QTest::newRow("no roles") << QByteArray(R"({"roles": []})");
        QTest::newRow("unknown step")
            << QByteArray(R"({"roles": [{"id": "x", "steps": ["fly"]}]})");
        QTest::newRow("duplicate role") << QByteArray(R"({"roles": [{"id": "x"}, {"id": "x"}]})");
        QTest::newRow("unknown right")
            << QByteArray(R"({"roles": [{"id": "x", "rights": ["fly"]}]})");
    }
    void badRoleCatalogues()
    {
        QFETCH(QByteArray, json);
        auto catalogue = RoleCatalogue::fromJson(json);
        QVERIFY(!catalogue.ok());
        QVERIFY(!catalogue.error().message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCaseWorkflow)
#include "tst_caseworkflow.moc"
