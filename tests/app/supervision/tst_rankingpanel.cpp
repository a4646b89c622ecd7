// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "app/demowindow.h"
#include "base/csvtable.h"
#include "map/mapcanvas.h"
#include "supervision/casefacts.h"
#include "supervision/rankingpanel.h"

#include <QComboBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace citygrid;

/// The rankings in the main window: shown, they read the cases and rank the ten subdistricts by
/// on-time closure rate; the figures add up to what the facts count; a click selects the area.
class TestRankingPanel : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    QDateTime m_now = QDateTime::currentDateTime().toOffsetFromUtc(8 * 3600);
    QString m_path;

    RankingPanel *panel() { return m_window->ranking(); }
    QTableWidget *table() { return panel()->table(); }
    double number(int row, int column)
    {
        QString text = table()->item(row, column)->text();
        return text.remove(u'%').remove(u'+').toDouble();
    }

private slots:
    void initTestCase()
    {
        m_path = m_dir.filePath(QStringLiteral("r.gpkg"));
        m_window = testutil::demoWindow(m_path, 3000, 9, m_now);
        QVERIFY(m_window);
        QVERIFY(m_window->showPanel(QStringLiteral("rankings")));
    }
    void subdistrictsRankedByScore()
    {
        panel()->periodBox()->setCurrentIndex(3); // last 12 months
        QTRY_COMPARE(table()->rowCount(), 10);
        int cases = 0;
        for (int r = 0; r < 10; ++r) {
            QCOMPARE(table()->item(r, RankingPanel::Rank)->text().toInt(), r + 1);
            if (r > 0)
                QVERIFY(number(r - 1, RankingPanel::Score) >= number(r, RankingPanel::Score));
            cases += table()->item(r, RankingPanel::Filed)->text().toInt();
        }
        // the same year counted straight from the store's facts
        auto db = SqliteDb::open(m_path, SqliteDb::Mode::ReadOnly);
        auto facts = CaseFacts::load(*db.value(), m_now, testutil::bundledCatalogues().calendar);
        FactFilter year;
        const QDate today = m_now.date();
        year.fromDay = today.addDays(-364).toJulianDay();
        year.toDay = today.addDays(1).toJulianDay();
        const auto total = facts.value().indicators(year, IndicatorKey::Total).value(QString());
        QCOMPARE(cases, total.filed);
        QVERIFY(cases > 2000);
        // the score is the weighted mean of the rates shown, with the bundled weights
        const double score =
            (40 * number(0, RankingPanel::OnTimeRate) + 30 * number(0, RankingPanel::ClosureRate) +
             15 * (100 - number(0, RankingPanel::ReworkRate)) +
             15 * (100 - number(0, RankingPanel::ExtensionRate))) /
            100;
        QVERIFY2(qAbs(score - number(0, RankingPanel::Score)) < 0.2,
                 qPrintable(QString::number(score)));
    }
    void exportsWhatItShows()
    {
        const QString csv = m_dir.filePath(QStringLiteral("ranking.csv"));
        QVERIFY(panel()->exportTo(csv).ok());
        auto sheet = CsvTable::read(csv);
        QVERIFY(sheet.ok());
        QCOMPARE(sheet.value().header().size(), RankingPanel::ColumnCount + 1);
        QCOMPARE(sheet.value().size(), 10);
        for (int r = 0; r < 10; ++r) {
            const QStringList fields = sheet.value().record(r);
            QCOMPARE(fields[0].toInt(), r + 1);
            QCOMPARE(fields[2].size(), 9); // the subdistrict code
            QCOMPARE(fields[RankingPanel::Filed + 1].toInt(),
                     table()->item(r, RankingPanel::Filed)->text().toInt());
            QVERIFY(qAbs(fields[RankingPanel::OnTimeRate + 1].toDouble() -
                         number(r, RankingPanel::OnTimeRate)) < 0.051);
        }
        const QString xlsx = m_dir.filePath(QStringLiteral("ranking.xlsx"));
        QVERIFY(panel()->exportTo(xlsx).ok());
        QFile file(xlsx);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.read(2), QByteArray("PK")); // a zip, as every workbook
        // a name that is neither refuses, writing nothing
        const QString odd = m_dir.filePath(QStringLiteral("ranking.txt"));
        QCOMPARE(panel()->exportTo(odd).error().code, QStringLiteral("table.format"));
        QVERIFY(!QFile::exists(odd));
    }
    void unitsPostsAndCommunities()
    {
        panel()->levelBox()->setCurrentIndex(2);
        QVERIFY(table()->rowCount() > 3);
        panel()->levelBox()->setCurrentIndex(3); // posts: "person (role)", the demo has few
        QVERIFY(table()->rowCount() >= 2);
        QVERIFY(table()->item(0, RankingPanel::Name)->text().contains(u'('));
        QVERIFY(table()->item(0, RankingPanel::AverageHours)->text().toDouble() > 0);
        panel()->levelBox()->setCurrentIndex(1);
        QCOMPARE(table()->rowCount(),
                 int(m_window->canvas()->gridMap().communities->features.size()));
    }
    void clickSelectsTheArea()
    {
        panel()->levelBox()->setCurrentIndex(0);
        const QString code = table()->item(0, RankingPanel::Name)->data(Qt::UserRole).toString();
        QCOMPARE(code.size(), 9);
        emit table()->cellClicked(0, RankingPanel::Name);
        QCOMPARE(m_window->canvas()->selection().code, code);
    }
};

QTEST_MAIN(TestRankingPanel)
#include "tst_rankingpanel.moc"
