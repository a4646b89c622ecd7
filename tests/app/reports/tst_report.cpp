// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "app/demowindow.h"
#include "map/mapcanvas.h"
#include "render/mapdecorations.h"
#include "reports/monthlyreport.h"
#include "reports/pdfpages.h"
#include "reports/reportcontent.h"
#include "services/casefactssource.h"
#include "services/language.h"
#include "services/monthtext.h"
#include "supervision/reportdialog.h"
#include "testutil.h"

#include <QApplication>
#include <QComboBox>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTimer>

using namespace citygrid;

/// The monthly report: `citygrid report` and Reports > Monthly report… write an A4 PDF whose
/// pages hold every section, in English and in Chinese, for the district or one area; a bad
/// month or area writes nothing and says what to give instead.
class TestReport : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    QDateTime m_now = QDateTime::currentDateTime().toOffsetFromUtc(8 * 3600);
    QString m_store;

    QString lastMonth() const
    {
        return m_now.date().addMonths(-1).toString(QStringLiteral("yyyy-MM"));
    }
    using Run = citygrid::testutil::CitygridRun;
    Run citygrid(const QStringList &arguments)
    {
        return citygrid::testutil::runCitygrid(QStringLiteral(CITYGRID_EXECUTABLE), arguments,
                                               m_dir.path());
    }

    /// What last month's report of the whole district holds.
    Result<ReportContent> lastMonthContent()
    {
        CaseFactsSource source(m_window->cases()->session());
        source.request();
        if (!QTest::qWaitFor([&] { return source.facts() != nullptr; }, 20000))
            return Error{QStringLiteral("test.facts"), QStringLiteral("no facts"), {}};
        const QDate month(m_now.date().year(), m_now.date().month(), 1);
        return ReportContent::gather(m_window->cases()->session().context(),
                                     m_window->canvas()->gridMap(), *source.facts(),
                                     {month.addMonths(-1), {}}, m_now);
    }

private slots:
    void initTestCase()
    {
        m_store = m_dir.filePath(QStringLiteral("r.gpkg"));
        m_window = testutil::demoWindow(m_store, 4000, 3, m_now);
        QVERIFY(m_window);
    }
    void commandWritesEverySectionInEnglish()
    {
        const QString pdf = m_dir.filePath(QStringLiteral("en.pdf"));
        // whatever this machine's zone (UTC here), the report's time is the district's, written
        // as 2026-12-04 20:16 and not in a US short form
        const QTimeZone china(QByteArrayLiteral("Asia/Shanghai"));
        const QDateTime before = QDateTime::currentDateTimeUtc().toTimeZone(china);
        const Run r =
            citygrid({QStringLiteral("report"), QStringLiteral("--store"), m_store,
                      QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--period"),
                      lastMonth(), QStringLiteral("--out"), pdf});
        const QDateTime after = QDateTime::currentDateTimeUtc().toTimeZone(china);
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("cases filed")));
        const QString text = testutil::pdfText(pdf);
        for (const char *section :
             {"City management monthly report", "1. Summary", "On-time closure rate",
              "Composite score", "2. Hot spots", "Hot spot, 99% confidence", "3. Rankings",
              "Subdistricts", "Units", "4. Trends", "5. Top categories", "Minor category",
              "6. Longest overdue cases", "Days over"})
            QVERIFY2(text.contains(QLatin1String(section)), section);
        QVERIFY2(!text.contains(QChar(0x2026)), qPrintable(text)); // nothing cut with "…"
        // the raw text as pdftotext gives it: a line may break between any two words
        const auto asOf =
            QRegularExpression(QStringLiteral("indicators\\s+as\\s+of\\s+"
                                              "(\\d{4}-\\d{2}-\\d{2})\\s+(\\d{2}:\\d{2})"))
                .match(text);
        QVERIFY2(asOf.hasMatch(), qPrintable(text.left(800)));
        const QString stamp = asOf.captured(1) + u' ' + asOf.captured(2);
        QVERIFY2(stamp == before.toString(QStringLiteral("yyyy-MM-dd HH:mm")) ||
                     stamp == after.toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                 qPrintable(stamp));
        // the cover, then summary, map, rankings and the rest: at least five A4 pages
        QVERIFY(text.count(QChar(u'\f')) >= 5);
        QProcess info;
        info.start(QStringLiteral("pdfinfo"), {pdf});
        QVERIFY(info.waitForFinished(30000));
        QVERIFY(
            QString::fromUtf8(info.readAllStandardOutput()).contains(QStringLiteral("pts (A4)")));
    }
    void commandWritesChineseForOneSubdistrict()
    {
        const QString pdf = m_dir.filePath(QStringLiteral("zh.pdf"));
        const Run r = citygrid({QStringLiteral("report"), QStringLiteral("--store"), m_store,
                                QStringLiteral("--lang"), QStringLiteral("zh_CN"),
                                QStringLiteral("--period"), lastMonth(), QStringLiteral("--area"),
                                QStringLiteral("440304001"), QStringLiteral("--out"), pdf});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        const QString text = testutil::pdfText(pdf);
        for (const QString &words :
             {QStringLiteral("城市管理月度报告"), QStringLiteral("概况"),
              QStringLiteral("按期结案率"), QStringLiteral("热点"), QStringLiteral("排名"),
              QStringLiteral("社区"), QStringLiteral("趋势"), QStringLiteral("高发问题"),
              QStringLiteral("超期")})
            QVERIFY2(text.contains(words), qPrintable(words));
        // the raw text a user searches and copies: no radicals standing in for 田 or 月
        QVERIFY2(testutil::firstRadical(text).isNull(),
                 qPrintable(QStringLiteral("U+%1 in the text")
                                .arg(testutil::firstRadical(text).unicode(), 4, 16)));
        QVERIFY(text.contains(QStringLiteral("福田区")));
        QVERIFY(text.contains(QStringLiteral("月")));
        // the subdistrict's name (the first of Futian's: 园岭街道)
        QVERIFY2(text.contains(m_window->cases()->session().grid().displayName(
                     QStringLiteral("440304001"), false)),
                 qPrintable(text.left(400)));
    }
    void badMonthOrAreaWritesNothing_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("says");
        QTest::newRow("month 13") << QStringList{QStringLiteral("--period"),
                                                 QStringLiteral("2026-13")}
                                  << QStringLiteral("2026-10");
        QTest::newRow("not a month")
            << QStringList{QStringLiteral("--period"), QStringLiteral("October")}
            << QStringLiteral("YYYY-MM");
        QTest::newRow("unknown area")
            << QStringList{QStringLiteral("--period"), lastMonth(), QStringLiteral("--area"),
                           QStringLiteral("440304999")}
            << QStringLiteral("440304999");
        QTest::newRow("no period") << QStringList{} << QStringLiteral("--period");
    }
    void badMonthOrAreaWritesNothing()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, says);
        const QString pdf = m_dir.filePath(QStringLiteral("bad.pdf"));
        const Run r = citygrid(QStringList{QStringLiteral("report"), QStringLiteral("--store"),
                                           m_store, QStringLiteral("--lang"), QStringLiteral("en"),
                                           QStringLiteral("--out"), pdf} +
                               arguments);
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains(says) || r.err.contains(QStringLiteral("e.g. 2026-10")),
                 qPrintable(r.err));
        QVERIFY(!QFile::exists(pdf));
    }
    void hotSpotTableListsCellsWithCases()
    {
        const auto content = lastMonthContent();
        QVERIFY(content.ok());
        QVERIFY(!content.value().hotCells.isEmpty());
        // a supervisor reads the table as cells that had cases: every listed cell had some
        for (const auto &cell : std::as_const(content.value().hotCells))
            QVERIFY2(cell.second > 0, qPrintable(cell.first));
        qInfo("%lld hot cells with cases, %d hot through their neighbours only",
              qint64(content.value().hotCells.size()), content.value().hotCellsWithoutCases);
    }
    void hotSpotLegendLiesBesideTheMap()
    {
        const auto content = lastMonthContent();
        QVERIFY(content.ok());
        const ReportContent &c = content.value();
        const QSizeF legend = mapdecorations::legendSize(
            c.hotSpotScene, MapView::fitting(c.hotSpotExtent, QSize(642, 506), 1, 0.03),
            c.areaName);
        QVERIFY(legend.width() > 100);
        // the report's map box (A4 text width, 380 pt tall, in logical pixels) and narrower ones
        for (const QSize size : {QSize(642, 506), QSize(500, 506), QSize(400, 300)}) {
            const MapView view =
                PdfPages::mapView(size, c.hotSpotScene, c.hotSpotExtent, c.areaName);
            // the extent's west and east edges where the page draws them (x grows eastward)
            const QRectF e = c.hotSpotExtent;
            const double west = view.toScreen(QPointF(e.left(), e.center().y())).x();
            const double east = view.toScreen(QPointF(e.right(), e.center().y())).x();
            const double legendLeft = size.width() - legend.width() - mapdecorations::legendMargin;
            QVERIFY2(east <= legendLeft,
                     qPrintable(QStringLiteral("%1 wide: map to %2, legend from %3")
                                    .arg(size.width())
                                    .arg(east)
                                    .arg(legendLeft)));
            QVERIFY(west >= 0);
        }
    }
    void dialogWritesTheChosenMonthAndArea()
    {
        CaseFactsSource facts(m_window->cases()->session());
        ReportDialog dialog(m_window->cases()->session(), facts, m_window->canvas()->gridMap());
        QCOMPARE(dialog.monthBox()->currentData().toDate(),
                 QDate(m_now.date().year(), m_now.date().month(), 1).addMonths(-1));
        dialog.areaBox()->setCurrentIndex(2); // the second subdistrict
        const QString name = dialog.areaBox()->currentText();
        const QString pdf = m_dir.filePath(QStringLiteral("dialog.pdf"));
        dialog.setPath(pdf);
        QVERIFY(dialog.write().ok());
        const QString text = testutil::pdfText(pdf);
        QVERIFY2(text.contains(name), qPrintable(name));
        QVERIFY(text.contains(MonthText::name(dialog.monthBox()->currentData().toDate())));
        // writing over a file asks first; Cancel leaves it as it was
        const QByteArray before = testutil::fileDigest(pdf);
        QString asked;
        QTimer cancel;
        connect(&cancel, &QTimer::timeout, this, [&] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                asked = box->text();
                box->button(QMessageBox::Cancel)->click();
            }
        });
        cancel.start(20);
        dialog.findChild<QPushButton *>(QStringLiteral("writeButton"))->click();
        cancel.stop();
        QVERIFY2(asked.contains(QDir::toNativeSeparators(pdf)), qPrintable(asked));
        QCOMPARE(testutil::fileDigest(pdf), before);
        // the name it offers carries the month, the area and the language
        dialog.areaBox()->setCurrentIndex(0);
        dialog.monthBox()->setCurrentIndex(1);
        const QString offered = QFileInfo(dialog.path()).fileName();
        QCOMPARE(
            offered,
            QStringLiteral("citygrid-report-%1-%2.pdf")
                .arg(dialog.monthBox()->currentData().toDate().toString(QStringLiteral("yyyy-MM")),
                     language::isEnglish() ? QStringLiteral("en") : QStringLiteral("zh")));
        // a name without .pdf is refused before anything is written
        dialog.setPath(m_dir.filePath(QStringLiteral("report.txt")));
        QCOMPARE(dialog.write().error().code, QStringLiteral("report.path"));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("report.txt"))));
    }
};

QTEST_MAIN(TestReport)
#include "tst_report.moc"
