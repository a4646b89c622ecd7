// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "app/demowindow.h"
#include "cases/caselistmodel.h"
#include "cases/caselistpanel.h"
#include "supervision/casefacts.h"
#include "supervision/trendpanel.h"

#include <QBarSet>
#include <QChart>
#include <QComboBox>
#include <QStackedBarSeries>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

using namespace citygrid;

/// The trend chart in the main window: twelve monthly bars of components and events that add up
/// to the facts' counts, and a click on a bar that lists that month's cases.
class TestTrendPanel : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    QDateTime m_now = QDateTime::currentDateTime().toOffsetFromUtc(8 * 3600);
    QString m_path;

    TrendPanel *panel() { return m_window->trend(); }
    QStackedBarSeries *bars()
    {
        for (QAbstractSeries *s : panel()->chart()->series())
            if (auto *b = qobject_cast<QStackedBarSeries *>(s))
                return b;
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        m_path = m_dir.filePath(QStringLiteral("t.gpkg"));
        m_window = testutil::demoWindow(m_path, 3000, 13, m_now);
        QVERIFY(m_window);
        QVERIFY(m_window->showPanel(QStringLiteral("trends")));
    }
    void twelveMonthsAddUp()
    {
        QTRY_VERIFY(bars());
        QCOMPARE(bars()->count(), 2); // components, events
        QCOMPARE(bars()->barSets()[0]->count(), 12);
        const QList<QDate> starts = panel()->periodStarts();
        QCOMPARE(starts.size(), 13);
        auto db = SqliteDb::open(m_path, SqliteDb::Mode::ReadOnly);
        auto facts = CaseFacts::load(*db.value(), m_now, testutil::bundledCatalogues().calendar);
        for (int i = 0; i < 12; ++i) {
            FactFilter month;
            month.fromDay = starts[i].toJulianDay();
            month.toDay = starts[i + 1].toJulianDay();
            QCOMPARE(int(bars()->barSets()[0]->at(i) + bars()->barSets()[1]->at(i)),
                     facts.value().total(month).cases);
        }
    }
    void aBarListsItsMonth()
    {
        const QList<QDate> starts = panel()->periodStarts();
        panel()->areaBox()->setCurrentIndex(1); // one subdistrict
        const QString area = panel()->areaBox()->currentData().toString();
        QTRY_VERIFY(bars());
        const int expected = int(bars()->barSets()[0]->at(10) + bars()->barSets()[1]->at(10));
        QVERIFY(expected > 0);
        panel()->activate(10);
        CaseListPanel *list = m_window->cases()->listPanel();
        const CaseFilter filter = list->filter();
        QCOMPARE(filter.areaCode, area);
        QCOMPARE(filter.reportedFrom.date(), starts[10]);
        QCOMPARE(filter.reportedTo.date(), starts[11]);
        QTRY_COMPARE(list->model()->totalCount(), qint64(expected));
    }
    void axisTitleIsWholeOrAbsent()
    {
        QTRY_VERIFY(bars());
        QChart *chart = panel()->chart();
        QValueAxis *count = nullptr;
        for (QAbstractAxis *axis : chart->axes(Qt::Vertical))
            if (axis->alignment() == Qt::AlignLeft)
                count = qobject_cast<QValueAxis *>(axis);
        QVERIFY(count);
        const qreal title = QFontMetricsF(count->titleFont()).horizontalAdvance(count->titleText());
        // a panel as short as on a 1366×768 screen: no title rather than a cut one
        chart->resize(900, 160);
        QTRY_VERIFY(chart->plotArea().height() < title);
        QTRY_VERIFY(!count->isTitleVisible());
        // tall enough: the title, whole
        chart->resize(900, 500);
        QTRY_VERIFY(count->isTitleVisible());
        QVERIFY(chart->plotArea().height() >= title);
    }
};

QTEST_MAIN(TestTrendPanel)
#include "tst_trendpanel.moc"
