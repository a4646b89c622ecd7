// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/casetiming.h"

#include <QTest>

using namespace citygrid;

namespace {

QDateTime at(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), Qt::OffsetFromUTC, 8 * 3600);
}

WorkingCalendar weekdays()
{
    return WorkingCalendar::fromJson(
               R"({"office_hours": [["09:00","12:00"],["14:00","18:00"]], "weekend": [6, 7]})")
        .value();
}

} // namespace

/// The deadline colours and words operators rely on (ux: green, amber under a quarter or under
/// 2 working hours, red overdue).
class TestCaseTiming : public QObject
{
    Q_OBJECT
private slots:
    void level_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<int>("level");
        // dispatched Monday 23rd 09:00, due Friday 27th 09:00 (four working days)
        const int dispatched = int(CaseState::Dispatched);
        QTest::newRow("plenty of time")
            << dispatched << at(24, 10) << int(CaseTiming::Level::OnTrack);
        QTest::newRow("under a quarter left")
            << dispatched << at(26, 11) << int(CaseTiming::Level::Warning);
        QTest::newRow("overdue") << dispatched << at(27, 11) << int(CaseTiming::Level::Overdue);
        QTest::newRow("overdue over the weekend")
            << dispatched << at(28, 11) << int(CaseTiming::Level::Overdue);
        QTest::newRow("handled in time, awaiting verification: no colour")
            << int(CaseState::Handled) << at(27, 10) << int(CaseTiming::Level::None);
        QTest::newRow("closed: no colour")
            << int(CaseState::Closed) << at(28, 11) << int(CaseTiming::Level::None);
        QTest::newRow("deferred: the clock stops")
            << int(CaseState::Deferred) << at(28, 11) << int(CaseTiming::Level::None);
    }
    void level()
    {
        QFETCH(int, state);
        QFETCH(QDateTime, now);
        QFETCH(int, level);
        CaseRecord record;
        record.status.state = CaseState(state);
        record.dispatchedAt = at(23, 9);
        record.dueAt = at(27, 9);
        record.handledAt = at(26, 15);
        QCOMPARE(int(CaseTiming::level(record, now, weekdays(), AlertRules())), level);
    }
    void handledLateStaysRed()
    {
        CaseRecord record;
        record.status.state = CaseState::Handled;
        record.dispatchedAt = at(23, 9);
        record.dueAt = at(27, 9);
        record.handledAt = at(27, 10);
        QCOMPARE(CaseTiming::level(record, at(27, 11), weekdays(), AlertRules()),
                 CaseTiming::Level::Overdue);
    }
    void shortLimitTurnsAmberUnderTwoHours()
    {
        CaseRecord record;
        record.status.state = CaseState::Dispatched;
        record.dispatchedAt = at(25, 9);
        record.dueAt = at(25, 16); // 5 working hours
        QCOMPARE(CaseTiming::level(record, at(25, 10), weekdays(), AlertRules()),
                 CaseTiming::Level::OnTrack);
        QCOMPARE(CaseTiming::level(record, at(25, 14, 30), weekdays(), AlertRules()),
                 CaseTiming::Level::Warning);
        QCOMPARE(CaseTiming::minutesLeft(record, at(25, 14, 30), weekdays()), 90);
    }
    void warningShareIsData_data()
    {
        // dispatched Monday 23rd 09:00, due Friday 27th 09:00: 4 x 420 = 1,680 working minutes
        QTest::addColumn<QByteArray>("rules");
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<int>("level");
        QTest::addColumn<QDateTime>("from");
        const QByteArray half =
            R"({"warning_share_used": 0.5, "warning_minutes_left": 0, "escalate_to_roles": []})";
        const QByteArray most =
            R"({"warning_share_used": 0.9, "warning_minutes_left": 60, "escalate_to_roles": []})";
        // half used: 840 minutes after Monday 09:00 is the end of Tuesday's office hours
        QTest::newRow("half: Tuesday 17:00")
            << half << at(24, 17) << int(CaseTiming::Level::OnTrack) << at(24, 18);
        QTest::newRow("half: Wednesday 09:30")
            << half << at(25, 9, 30) << int(CaseTiming::Level::Warning) << at(24, 18);
        // 90 % used: 1,512 minutes, Thursday 15:12 (from 09:00: 3 x 420 + 252)
        QTest::newRow("most: Thursday noon")
            << most << at(26, 12) << int(CaseTiming::Level::OnTrack) << at(26, 15, 12);
        QTest::newRow("most: Thursday 16:00")
            << most << at(26, 16) << int(CaseTiming::Level::Warning) << at(26, 15, 12);
    }
    void warningShareIsData()
    {
        QFETCH(QByteArray, rules);
        QFETCH(QDateTime, now);
        QFETCH(int, level);
        QFETCH(QDateTime, from);
        const AlertRules alerts = AlertRules::fromJson(rules).value();
        CaseRecord record;
        record.status.state = CaseState::Dispatched;
        record.dispatchedAt = at(23, 9);
        record.dueAt = at(27, 9);
        QCOMPARE(int(CaseTiming::level(record, now, weekdays(), alerts)), level);
        QCOMPARE(CaseTiming::warningFrom(record, weekdays(), alerts), from);
    }
    void alertRulesRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("not json") << QByteArray("{");
        QTest::newRow("share 1") << QByteArray(
            R"({"warning_share_used": 1, "warning_minutes_left": 0, "escalate_to_roles": []})");
        QTest::newRow("share text") << QByteArray(
            R"({"warning_share_used": "3/4", "warning_minutes_left": 0, "escalate_to_roles": []})");
        QTest::newRow("minutes negative") << QByteArray(
            R"({"warning_share_used": 0.5, "warning_minutes_left": -5, "escalate_to_roles": []})");
        QTest::newRow("roles not a list") << QByteArray(
            R"({"warning_share_used": 0.5, "warning_minutes_left": 5, "escalate_to_roles": "sl"})");
        QTest::newRow("role empty") << QByteArray(
            R"({"warning_share_used": 0.5, "warning_minutes_left": 5, "escalate_to_roles": [""]})");
    }
    void alertRulesRefused()
    {
        QFETCH(QByteArray, json);
        QVERIFY(!AlertRules::fromJson(json));
    }
    void describe_data()
    {
        QTest::addColumn<qint64>("minutes");
        QTest::addColumn<QString>("text");
        QTest::newRow("minutes") << qint64(40) << "40 min left";
        QTest::newRow("hours") << qint64(80) << "1 working h 20 min left";
        QTest::newRow("days") << qint64(2 * 420 + 130) << "2 working days 2 h left";
        QTest::newRow("one day") << qint64(420 + 60) << "1 working day 1 h left";
        QTest::newRow("overdue") << qint64(-2 * 420) << "overdue by 2 working days 0 h";
    }
    void describe()
    {
        QFETCH(qint64, minutes);
        QFETCH(QString, text);
        QCOMPARE(CaseTiming::describe(minutes, 420), text);
    }
    void describeARecord_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<QDateTime>("due");
        QTest::addColumn<QDateTime>("handled");
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<QString>("text");
        // dispatched Monday 23rd 09:00
        const int dispatched = int(CaseState::Dispatched);
        QTest::newRow("time left") << dispatched << at(24, 17) << QDateTime() << at(24, 16)
                                   << QStringLiteral("1 working h 0 min left");
        QTest::newRow("late by working time")
            << dispatched << at(24, 17) << QDateTime() << at(25, 10)
            << QStringLiteral("overdue by 2 working h 0 min");
        QTest::newRow("ran out at the end of Friday, now Saturday: late, by no working time yet")
            << dispatched << at(27, 18) << QDateTime() << at(28, 10) << QStringLiteral("overdue");
        QTest::newRow("a late feedback stays late by when it came")
            << int(CaseState::Handled) << at(24, 17) << at(25, 10) << at(26, 15)
            << QStringLiteral("overdue by 2 working h 0 min");
        QTest::newRow("closed: nothing to say")
            << int(CaseState::Closed) << at(24, 17) << at(24, 10) << at(26, 15) << QString();
    }
    void describeARecord()
    {
        QFETCH(int, state);
        QFETCH(QDateTime, due);
        QFETCH(QDateTime, handled);
        QFETCH(QDateTime, now);
        QFETCH(QString, text);
        CaseRecord record;
        record.status.state = CaseState(state);
        record.dispatchedAt = at(23, 9);
        record.dueAt = due;
        record.handledAt = handled;
        QCOMPARE(CaseTiming::describe(record, now, weekdays()), text);
    }
};

QTEST_GUILESS_MAIN(TestCaseTiming)
#include "tst_casetiming.moc"
