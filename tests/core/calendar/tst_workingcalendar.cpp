// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "calendar/workingcalendar.h"

#include <QFile>
#include <QTest>

using namespace citygrid;

namespace {

QDateTime at(const char *text) // "2026-11-27 16:30", China time
{
    return QDateTime(
        QDateTime::fromString(QString::fromLatin1(text), QStringLiteral("yyyy-MM-dd HH:mm")).date(),
        QDateTime::fromString(QString::fromLatin1(text), QStringLiteral("yyyy-MM-dd HH:mm")).time(),
        Qt::OffsetFromUTC, 8 * 3600);
}

} // namespace

/// Deadlines across nights, weekends, public holidays and make-up working days, on the calendar
/// CityGrid ships (office hours 09:00-12:00 and 14:00-18:00).
class TestWorkingCalendar : public QObject
{
    Q_OBJECT
private:
    WorkingCalendar m_calendar;

private slots:
    void initTestCase()
    {
        QFile file(QStringLiteral(CITYGRID_TEST_DATA "/../../data/catalogues/calendar.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        auto calendar = WorkingCalendar::fromJson(file.readAll());
        QVERIFY2(calendar.ok(), qPrintable(calendar.ok() ? QString() : calendar.error().toText()));
        m_calendar = calendar.value();
        QCOMPARE(m_calendar.minutesPerDay(), 7 * 60);
    }
    void workingDays_data()
    {
        QTest::addColumn<QDate>("date");
        QTest::addColumn<bool>("working");
        QTest::newRow("ordinary Friday") << QDate(2026, 11, 27) << true;
        QTest::newRow("ordinary Saturday") << QDate(2026, 11, 28) << false;
        QTest::newRow("Spring Festival Monday") << QDate(2026, 2, 16) << false;
        QTest::newRow("make-up Saturday before Spring Festival") << QDate(2026, 2, 14) << true;
        QTest::newRow("make-up Sunday before National Day 2025") << QDate(2025, 9, 28) << true;
        QTest::newRow("National Day 2025, Wednesday") << QDate(2025, 10, 8) << false;
        QTest::newRow("Mid-Autumn 2026, Friday") << QDate(2026, 9, 25) << false;
        QTest::newRow("New Year 2027 (provisional)") << QDate(2027, 1, 1) << false;
        QTest::newRow("a Monday of a year not in the calendar") << QDate(2028, 1, 3) << true;
    }
    void workingDays()
    {
        QFETCH(QDate, date);
        QFETCH(bool, working);
        QCOMPARE(m_calendar.isWorkingDay(date), working);
    }
    void yearsKnown()
    {
        QVERIFY(m_calendar.coversYear(2025) && m_calendar.coversYear(2026) &&
                m_calendar.coversYear(2027));
        QVERIFY(!m_calendar.coversYear(2028));
        QVERIFY(m_calendar.isProvisional(2027));
        QVERIFY(!m_calendar.isProvisional(2026));
    }
    void due_data()
    {
        QTest::addColumn<QDateTime>("start");
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("unit");
        QTest::addColumn<QDateTime>("expected");
        const int hours = int(Deadline::Unit::WorkingHours);
        const int days = int(Deadline::Unit::WorkingDays);
        const int natural = int(Deadline::Unit::NaturalDays);
        QTest::newRow("4 h across lunch")
            << at("2026-11-25 10:00") << 4.0 << hours << at("2026-11-25 16:00");
        QTest::newRow("4 h across a weekend")
            << at("2026-11-27 16:30") << 4.0 << hours << at("2026-11-30 11:30");
        QTest::newRow("2 h starting in the lunch break")
            << at("2026-11-25 12:30") << 2.0 << hours << at("2026-11-25 16:00");
        QTest::newRow("1 h reported on a Saturday")
            << at("2026-11-28 10:00") << 1.0 << hours << at("2026-11-30 10:00");
        QTest::newRow("exactly to closing time")
            << at("2026-11-25 17:00") << 1.0 << hours << at("2026-11-25 18:00");
        QTest::newRow("into a make-up Saturday")
            << at("2026-02-13 17:00") << 2.0 << hours << at("2026-02-14 10:00");
        QTest::newRow("over the whole Spring Festival")
            << at("2026-02-14 17:00") << 2.0 << hours << at("2026-02-24 10:00");
        QTest::newRow("2 days over Mid-Autumn")
            << at("2026-09-24 10:00") << 2.0 << days << at("2026-09-29 10:00");
        QTest::newRow("1 day over National Day 2025")
            << at("2025-09-30 15:00") << 1.0 << days << at("2025-10-09 15:00");
        QTest::newRow("1 day onto a make-up Saturday")
            << at("2025-10-10 15:00") << 1.0 << days << at("2025-10-11 15:00");
        QTest::newRow("1 day reported in the evening")
            << at("2026-11-25 20:00") << 1.0 << days << at("2026-11-27 09:00");
        QTest::newRow("20 days, illegal structure demolition")
            << at("2026-11-02 09:00") << 20.0 << days << at("2026-11-30 09:00");
        QTest::newRow("half a working day")
            << at("2026-11-25 09:00") << 0.5 << days << at("2026-11-25 14:30");
        QTest::newRow("2 natural hours through the night (emergencies)")
            << at("2026-11-27 23:30") << 2.0 << int(Deadline::Unit::NaturalHours)
            << at("2026-11-28 01:30");
        QTest::newRow("3 natural days ignore weekends")
            << at("2026-11-27 16:00") << 3.0 << natural << at("2026-11-30 16:00");
    }
    void due()
    {
        QFETCH(QDateTime, start);
        QFETCH(double, value);
        QFETCH(int, unit);
        QFETCH(QDateTime, expected);
        const QDateTime got = m_calendar.due(start, {value, Deadline::Unit(unit)});
        QVERIFY2(got == expected, qPrintable(got.toString(Qt::ISODate)));
    }
    void workingTimeBetween_data()
    {
        QTest::addColumn<QDateTime>("from");
        QTest::addColumn<QDateTime>("to");
        QTest::addColumn<qint64>("minutes");
        QTest::newRow("over a weekend")
            << at("2026-11-27 16:30") << at("2026-11-30 11:30") << qint64(240);
        QTest::newRow("backwards is negative (overdue)")
            << at("2026-11-30 11:30") << at("2026-11-27 16:30") << qint64(-240);
        QTest::newRow("within a weekend")
            << at("2026-11-28 08:00") << at("2026-11-29 20:00") << qint64(0);
        QTest::newRow("a whole working week")
            << at("2026-11-23 00:00") << at("2026-11-28 00:00") << qint64(5 * 420);
        QTest::newRow("Spring Festival fortnight: two make-up Saturdays, four weekdays")
            << at("2026-02-14 00:00") << at("2026-03-01 00:00") << qint64(6 * 420);
    }
    void workingTimeBetween()
    {
        QFETCH(QDateTime, from);
        QFETCH(QDateTime, to);
        QFETCH(qint64, minutes);
        QCOMPARE(m_calendar.workingMinutesBetween(from, to), minutes);
    }
    void dueAndBetweenAgree()
    {
        const QDateTime start = at("2026-02-12 11:20");
        for (int minutes : {1, 40, 419, 420, 421, 2000, 10000}) {
            const QDateTime end = m_calendar.addWorkingMinutes(start, minutes);
            QCOMPARE(m_calendar.workingMinutesBetween(start, end), qint64(minutes));
        }
    }
    void badCalendarsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("code");
        QTest::newRow("not JSON") << QByteArray("{") << "calendar.json";
        QTest::newRow("no office hours")
            << QByteArray(R"({"office_hours": []})") << "calendar.invalid";
        QTest::newRow("overlapping hours")
            << QByteArray(R"({"office_hours": [["09:00","13:00"],["12:00","18:00"]]})")
            << "calendar.invalid";
        QTest::newRow("reversed holiday")
            << QByteArray(
                   R"({"office_hours": [["09:00","18:00"]], "years": {"2026": {"holidays": [["2026-02-23","2026-02-15","x"]]}}})")
            << "calendar.invalid";
        QTest::newRow("make-up day inside a holiday")
            << QByteArray(
                   R"({"office_hours": [["09:00","18:00"]], "years": {"2026": {"holidays": [["2026-02-15","2026-02-23","x"]], "makeup_workdays": ["2026-02-16"]}}})")
            << "calendar.invalid";
    }
    void badCalendarsAreRefused()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, code);
        auto calendar = WorkingCalendar::fromJson(json);
        QVERIFY(!calendar.ok());
        QCOMPARE(calendar.error().code, code);
        QVERIFY(!calendar.error().message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestWorkingCalendar)
#include "tst_workingcalendar.moc"
