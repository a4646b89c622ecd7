// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "casefixture.h"
#include "cases/casestore.h"
#include "grid/gridimport.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace citygrid;

namespace {

QByteArray catalogue(const char *name)
{
    QFile file(QStringLiteral(CITYGRID_TEST_DATA "/../../data/catalogues/") + QLatin1String(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QDateTime at(int day, int hour, int minute = 0) // November 2026, China time
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), Qt::OffsetFromUTC, 8 * 3600);
}

qint64 eventCount(Store &store)
{
    auto q = Statement::prepare(store.db(), QStringLiteral("SELECT count(*) FROM case_events"));
    return q.value().step().value() ? q.value().integer(0) : -1;
}

} // namespace

/// Cases through the store: every step checked, recorded and projected in one transaction.
class TestCaseStore : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<CaseStore> m_cases;
    NewCase refuse() const
    {
        return {QStringLiteral("E0102"),
                QPointF(114.055, 22.54),
                QStringLiteral("440304008003001"),
                QStringLiteral("inspector"),
                QStringLiteral("路边暴露垃圾约2平方米"),
                QStringLiteral("采集员 李")};
    }

private slots:
    void initTestCase()
    {
        const QString path = m_dir.filePath(QStringLiteral("cases.gpkg"));
        QVERIFY(GridImport::ensureStore(path, QStringLiteral(":/data/futian")).ok());
        auto store = Store::open(path);
        QVERIFY(store.ok());
        m_store = std::move(store).value();
        QVERIFY(testutil::seedDemoAccounts(*m_store));
        auto roles = RoleCatalogue::fromJson(catalogue("roles.json"));
        auto calendar = WorkingCalendar::fromJson(catalogue("calendar.json"));
        auto categories = CategoryCatalogue::fromJson(catalogue("categories.json"));
        auto units = UnitCatalogue::fromJson(catalogue("units.json"));
        QVERIFY(roles.ok() && calendar.ok() && categories.ok() && units.ok());
        m_cases = std::make_unique<CaseStore>(*m_store, CaseWorkflow(roles.value()),
                                              calendar.value(), categories.value(), units.value());
    }
    void theWholeLoop()
    {
        auto reported = m_cases->report(refuse(), QStringLiteral("op01"), at(27, 10));
        QVERIFY2(reported.ok(), qPrintable(reported.ok() ? QString() : reported.error().message));
        const QString id = reported.value().uuid;
        QCOMPARE(reported.value().status.state, CaseState::Reported);
        QVERIFY(reported.value().caseNo.startsWith(QStringLiteral("20261127")));

        const QList<std::tuple<CaseStep, const char *, QDateTime>> steps = {
            {CaseStep::File, "op01", at(27, 10, 5)},
            {CaseStep::Dispatch, "op01", at(27, 10, 10)},
            {CaseStep::Feedback, "staff.U026", at(27, 11)},
            {CaseStep::VerifyFail, "ins01", at(27, 11, 30)},
            {CaseStep::Feedback, "staff.U026", at(27, 14, 20)},
            {CaseStep::VerifyPass, "ins01", at(27, 15)},
            {CaseStep::Close, "op01", at(27, 15, 10)}};
        for (const auto &[step, user, when] : steps) {
            StepInput input;
            if (step == CaseStep::Dispatch)
                input.unitId = QStringLiteral("U026");
            auto next = m_cases->take(id, step, QString::fromLatin1(user), when, input);
            QVERIFY2(next.ok(), qPrintable(CaseVocabulary::id(step) + u' ' + QLatin1String(user) +
                                           u' ' + (next.ok() ? QString() : next.error().message)));
        }
        auto closed = m_cases->find(id);
        QVERIFY(closed.ok());
        QCOMPARE(closed.value().status.state, CaseState::Closed);
        QCOMPARE(closed.value().status.reworkCount, 1);
        QCOMPARE(closed.value().unitId, QStringLiteral("U026"));
        // Exposed refuse: 4 working hours from dispatch at 10:10 -> 16:10 (lunch 12:00-14:00).
        QCOMPARE(closed.value().dueAt, at(27, 16, 10));
        QCOMPARE(closed.value().onTime, std::optional<bool>(true));
        auto history = m_cases->history(id);
        QCOMPARE(history.value().size(), 8);
        QCOMPARE(history.value().at(3).actor, QStringLiteral("staff.U026"));

        // The row in the table is the projection of the history.
        auto row = Statement::prepare(
            m_store->db(),
            QStringLiteral("SELECT state, rework_count, on_time, due_at, length(geom) "
                           "FROM cases WHERE uuid = ?1"));
        row.value().bind(1, id);
        QVERIFY(row.value().step().value());
        QCOMPARE(row.value().text(0), QStringLiteral("closed"));
        QCOMPARE(row.value().integer(1), 1);
        QCOMPARE(row.value().integer(2), 1);
        QCOMPARE(QDateTime::fromString(row.value().text(3), Qt::ISODateWithMs), at(27, 16, 10));
        QCOMPARE(row.value().integer(4), 29); // a GeoPackage point blob
    }
    void refusedStepsChangeNothing()
    {
        auto reported = m_cases->report(refuse(), QStringLiteral("op01"), at(27, 9));
        QVERIFY(reported.ok());
        const QString id = reported.value().uuid;
        const qint64 before = eventCount(*m_store);
        // close a case that was never dispatched; the unit staff may not file
        QCOMPARE(
            m_cases->take(id, CaseStep::Close, QStringLiteral("op01"), at(27, 9, 5)).error().code,
            QStringLiteral("workflow.state"));
        QCOMPARE(
            m_cases->take(id, CaseStep::File, QStringLiteral("us01"), at(27, 9, 5)).error().code,
            QStringLiteral("workflow.role"));
        QCOMPARE(
            m_cases->take(id, CaseStep::File, QStringLiteral("nobody"), at(27, 9, 5)).error().code,
            QStringLiteral("account.unknown"));
        QVERIFY(m_cases->take(id, CaseStep::File, QStringLiteral("op01"), at(27, 9, 5)).ok());
        // a dispatch needs a unit
        QCOMPARE(m_cases->take(id, CaseStep::Dispatch, QStringLiteral("op01"), at(27, 9, 6))
                     .error()
                     .code,
                 QStringLiteral("case.unit"));
        QCOMPARE(eventCount(*m_store), before + 1);
        QCOMPARE(m_cases->find(id).value().status.state, CaseState::Filed);
        QCOMPARE(m_cases->find(QStringLiteral("no-such-case")).error().code,
                 QStringLiteral("case.not-found"));
    }
    void unitsAreSuggestedAndChecked()
    {
        auto c = m_cases->report(refuse(), QStringLiteral("op01"), at(26, 9));
        QVERIFY(c.ok());
        // exposed refuse in 莲花 (440304008): the sanitation contractor of that area
        auto unit = m_cases->suggestedUnit(c.value());
        QVERIFY2(unit.ok(), qPrintable(unit.ok() ? QString() : unit.error().message));
        QVERIFY(unit.value()->types.contains(QStringLiteral("sanitation")));
        QVERIFY(m_cases->take(c.value().uuid, CaseStep::File, QStringLiteral("op01"), at(26, 9, 1))
                    .ok());
        StepInput bogus;
        bogus.unitId = QStringLiteral("U999");
        QCOMPARE(m_cases
                     ->take(c.value().uuid, CaseStep::Dispatch, QStringLiteral("op01"),
                            at(26, 9, 2), bogus)
                     .error()
                     .code,
                 QStringLiteral("case.unit"));
        // in 福保 two contractors claim sanitation: the operator is told, not given a guess
        NewCase fubao = refuse();
        fubao.cellCode = QStringLiteral("440304010001001");
        auto f = m_cases->report(fubao, QStringLiteral("op01"), at(26, 9, 3));
        QCOMPARE(m_cases->suggestedUnit(f.value()).error().code, QStringLiteral("unit.ambiguous"));
    }
    void duplicatesNearby()
    {
        NewCase first = refuse();
        first.lonLat = QPointF(114.0600, 22.5300);
        first.cellCode = QStringLiteral("440304004001001");
        QVERIFY(m_cases->report(first, QStringLiteral("op01"), at(25, 9)).ok());
        NewCase again = first;
        again.lonLat = QPointF(114.0603, 22.5301); // about 33 m east
        auto near = m_cases->possibleDuplicates(again);
        QVERIFY(near.ok());
        QCOMPARE(near.value().size(), 1);
        QVERIFY(near.value().first().metres > 25 && near.value().first().metres < 40);
        again.lonLat = QPointF(114.0610, 22.5300); // about 100 m
        QVERIFY(m_cases->possibleDuplicates(again).value().isEmpty());
        QCOMPARE(m_cases->possibleDuplicates(again, 150).value().size(), 1);
        again.lonLat = first.lonLat;
        again.categoryId = QStringLiteral("E0101"); // another category is not a duplicate
        QVERIFY(m_cases->possibleDuplicates(again).value().isEmpty());
    }
    void badReportsAreRefused()
    {
        NewCase unknown = refuse();
        unknown.categoryId = QStringLiteral("E9999");
        QCOMPARE(m_cases->report(unknown, QStringLiteral("op01"), at(27, 9)).error().code,
                 QStringLiteral("case.category"));
        NewCase outside = refuse();
        outside.cellCode.clear();
        QCOMPARE(m_cases->report(outside, QStringLiteral("op01"), at(27, 9)).error().code,
                 QStringLiteral("case.cell"));
        QCOMPARE(m_cases->report(refuse(), QStringLiteral("ld01"), at(27, 9)).error().code,
                 QStringLiteral("workflow.role"));
        NewCase channel = refuse();
        channel.channel = QStringLiteral("telepathy");
        QCOMPARE(m_cases->report(channel, QStringLiteral("op01"), at(27, 9)).error().code,
                 QStringLiteral("case.channel"));
    }
    void extensionAndDeferralMoveTheDeadline()
    {
        auto c = m_cases->report(refuse(), QStringLiteral("op01"), at(27, 9));
        const QString id = c.value().uuid;
        QVERIFY(m_cases->take(id, CaseStep::File, QStringLiteral("op01"), at(27, 9, 1)).ok());
        StepInput unit;
        unit.unitId = QStringLiteral("U026");
        QVERIFY(
            m_cases->take(id, CaseStep::Dispatch, QStringLiteral("op01"), at(27, 9, 2), unit).ok());
        QCOMPARE(m_cases->find(id).value().dueAt, at(27, 15, 2)); // 09:02 + 4 h over lunch
        // the staff of another unit may not answer for U026
        QCOMPARE(m_cases->take(id, CaseStep::RequestExtension, QStringLiteral("us01"), at(27, 10))
                     .error()
                     .code,
                 QStringLiteral("scope.unit"));
        QVERIFY(
            m_cases->take(id, CaseStep::RequestExtension, QStringLiteral("staff.U026"), at(27, 10))
                .ok());
        StepInput extension;
        extension.extensionHours = 3;
        QCOMPARE(m_cases
                     ->take(id, CaseStep::ApproveExtension, QStringLiteral("op01"), at(27, 10, 5),
                            extension)
                     .error()
                     .code,
                 QStringLiteral("workflow.role")); // only a shift leader approves
        QVERIFY(m_cases
                    ->take(id, CaseStep::ApproveExtension, QStringLiteral("sl01"), at(27, 10, 5),
                           extension)
                    .ok());
        QCOMPARE(m_cases->find(id).value().dueAt,
                 at(30, 9, 2)); // 15:02 + 3 h: Friday 18:00, Monday 09:02
    }
    void attachmentsTravelWithTheirStep()
    {
        NewCase input = refuse();
        input.attachments.append({{},
                                  {},
                                  {},
                                  QStringLiteral("before.jpg"),
                                  QStringLiteral("image/jpeg"),
                                  QByteArray(2048, 'x'),
                                  QByteArray("thumb")});
        auto c = m_cases->report(input, QStringLiteral("op01"), at(26, 9));
        QVERIFY(c.ok());
        auto listed = m_cases->attachments(c.value().uuid);
        QCOMPARE(listed.value().size(), 1);
        QCOMPARE(listed.value().first().name, QStringLiteral("before.jpg"));
        QVERIFY(listed.value().first().data.isEmpty()); // thumbnails only in the list
        QCOMPARE(listed.value().first().thumbnail, QByteArray("thumb"));
        auto full = CaseAttachments::find(m_store->db(), listed.value().first().uuid);
        QCOMPARE(full.value().data.size(), 2048);
        const auto events = m_cases->history(c.value().uuid).value();
        QCOMPARE(events.first().payload[QLatin1String("attachments")].toArray().size(), 1);
        QCOMPARE(listed.value().first().eventUuid, events.first().uuid);

        // an empty file is refused, and the report with it: nothing is written
        const qint64 before = eventCount(*m_store);
        input.attachments.first().data.clear();
        auto refused = m_cases->report(input, QStringLiteral("op01"), at(26, 10));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, QStringLiteral("attachment.empty"));
        QCOMPARE(eventCount(*m_store), before);
    }
    void aDuplicateIsLinkedToItsCase()
    {
        auto first = m_cases->report(refuse(), QStringLiteral("op01"), at(26, 11));
        auto second = m_cases->report(refuse(), QStringLiteral("op01"), at(26, 11, 5));
        QVERIFY(first.ok() && second.ok());
        StepInput noTarget;
        QCOMPARE(m_cases
                     ->take(second.value().uuid, CaseStep::LinkDuplicate, QStringLiteral("op01"),
                            at(26, 11, 6), noTarget)
                     .error()
                     .code,
                 QStringLiteral("case.duplicate"));
        StepInput link;
        link.duplicateOf = first.value().uuid;
        auto linked = m_cases->take(second.value().uuid, CaseStep::LinkDuplicate,
                                    QStringLiteral("op01"), at(26, 11, 6), link);
        QVERIFY(linked.ok());
        QCOMPARE(linked.value().status.state, CaseState::Voided);
        const auto events = m_cases->history(second.value().uuid).value();
        QCOMPARE(events.last().payload[QLatin1String("duplicate_of")].toString(),
                 first.value().uuid);
    }
};

QTEST_GUILESS_MAIN(TestCaseStore)
#include "tst_casestore.moc"
