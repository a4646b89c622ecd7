// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "app/demowindow.h"
#include "cases/caselistmodel.h"
#include "cases/caselistpanel.h"
#include "cases/casequery.h"
#include "cases/caseworkspace.h"
#include "map/mapcanvas.h"
#include "supervision/casefacts.h"
#include "supervision/dashboardwindow.h"

#include <QAction>
#include <QComboBox>
#include <QLocale>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace citygrid;

/// The wall display: opened from the main window it shows the facts' own numbers for today,
/// the overdue cases longest past their deadline first, the hot cells and the hot spot map; a
/// new case reported counts in "new today" without anyone touching the display.
class TestDashboard : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    QDateTime m_now = QDateTime::currentDateTime().toOffsetFromUtc(8 * 3600);
    QString m_path;
    DashboardWindow *m_wall = nullptr;

    int tile(DashboardWindow::Tile t) { return QLocale().toInt(m_wall->tileText(t)); }

private slots:
    void initTestCase()
    {
        m_path = m_dir.filePath(QStringLiteral("d.gpkg"));
        m_window = testutil::demoWindow(m_path, 3000, 4, m_now);
        QVERIFY(m_window);
        m_wall = m_window->showDashboard();
        QVERIFY(m_wall && m_wall->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(m_wall->isReady(), 20000);
    }
    void numbersAreTheFacts()
    {
        auto db = SqliteDb::open(m_path, SqliteDb::Mode::ReadOnly);
        auto facts = CaseFacts::load(*db.value(), m_now, testutil::bundledCatalogues().calendar);
        QVERIFY(facts);
        const AreaTally all = facts.value().total({});
        QCOMPARE(tile(DashboardWindow::Open), all.open);
        QCOMPARE(tile(DashboardWindow::Overdue), all.overdue);
        QVERIFY(all.overdue > 0);
        FactFilter today;
        today.fromDay = m_now.date().toJulianDay();
        today.toDay = today.fromDay + 1;
        QCOMPARE(tile(DashboardWindow::NewToday), facts.value().total(today).cases);
        QCOMPARE(tile(DashboardWindow::ClosedToday), facts.value().closedIn(today).cases);
        // deadline warnings and cases their unit has not acknowledged, from the cases themselves:
        // amber under a quarter of the time or two working hours left (alerts.json), not overdue
        const WorkingCalendar calendar = testutil::bundledCatalogues().calendar;
        CaseFilter dispatchedCases;
        dispatchedCases.states = {QStringLiteral("dispatched")};
        int warnings = 0, dispatched = 0;
        QVERIFY(CaseQuery(*db.value(), dispatchedCases, m_now).forEach([&](const CaseRecord &r) {
            if (!r.dueAt.isValid())
                return;
            ++dispatched;
            const qint64 left = calendar.workingMinutesBetween(m_now, r.dueAt);
            const qint64 total = calendar.workingMinutesBetween(r.dispatchedAt, r.dueAt);
            warnings +=
                left >= 0 && !(left == 0 && m_now > r.dueAt) && (left * 4 < total || left < 120);
        }));
        QVERIFY(dispatched > 0);
        QCOMPARE(tile(DashboardWindow::Warnings), warnings);
        // not acknowledged: the case's latest arrival at its unit has no acknowledgement after it
        auto unacknowledged = Statement::prepare(
            *db.value(),
            QStringLiteral(
                "SELECT count(*) FROM cases c WHERE c.state = 'dispatched' AND c.due_at != ''"
                " AND (SELECT e.step FROM case_events e WHERE e.case_uuid = c.uuid AND e.step IN"
                " ('dispatch', 'verify_fail', 'resume', 'acknowledge')"
                " ORDER BY e.at DESC, e.id DESC LIMIT 1) != 'acknowledge'"));
        QVERIFY(unacknowledged && unacknowledged.value().step().value());
        const int notYet = int(unacknowledged.value().integer(0));
        QVERIFY(notYet > 0 && notYet < dispatched); // the demo's units opened most, not all
        QCOMPARE(tile(DashboardWindow::Unacknowledged), notYet);
        // the overdue list: most days over first
        QTableWidget *overdue = m_wall->overdueTable();
        QVERIFY(overdue->rowCount() > 0);
        for (int r = 1; r < overdue->rowCount(); ++r)
            QVERIFY(overdue->item(r - 1, 3)->text().toInt() >= overdue->item(r, 3)->text().toInt());
        // the demo's markets and hubs make hot cells; the map is coloured by them
        QVERIFY(m_wall->hotTable()->rowCount() > 0);
        QVERIFY(m_wall->canvas()->scene().passes.first().legend.size() >= 7);
    }
    void overdueListMatchesTheWall()
    {
        // Cases ▸ Overdue lists every case overdue now, not only those reported in the list's
        // default last 30 days; the period says so, and comes back when the chip is turned off.
        CaseListPanel *list = m_window->cases()->listPanel();
        auto *period = list->findChild<QComboBox *>(QStringLiteral("periodFilter"));
        QVERIFY(period);
        const QString before = period->currentText();
        QAction *overdue = nullptr;
        for (QAction *a : m_window->findChildren<QAction *>())
            if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_O))
                overdue = a;
        QVERIFY(overdue);
        overdue->trigger();
        QTRY_COMPARE(int(list->model()->totalCount()), tile(DashboardWindow::Overdue));
        QVERIFY(period->currentText() != before);
        list->setOverdueOnly(false);
        QCOMPARE(period->currentText(), before);
    }
    void newCaseCountsWithoutTouchingIt()
    {
        const int before = tile(DashboardWindow::NewToday);
        CaseSession &session = m_window->cases()->session();
        session.setUserId(QStringLiteral("op01"));
        const MapFeature &cell = m_window->canvas()->gridMap().cells->features.first();
        NewCase input;
        input.categoryId = QStringLiteral("E0101");
        input.cellCode = cell.code;
        input.channel = QStringLiteral("hotline");
        input.description = QStringLiteral("wall display test");
        input.lonLat = QPointF(114.05, 22.54);
        auto reported = session.report(input);
        QVERIFY2(reported, reported ? "" : qPrintable(reported.error().message));
        QTRY_COMPARE_WITH_TIMEOUT(tile(DashboardWindow::NewToday), before + 1, 10000);
    }
};

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
