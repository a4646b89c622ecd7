// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "app/demowindow.h"
#include "map/identifypanel.h"
#include "map/mapoverlay.h"
#include "render/maplabeler.h"
#include "services/appcontext.h"
#include "shell/mainwindow.h"
#include "shell/openstoredialog.h"
#include "store/storeschema.h"
#include "widgets/searchbox.h"

#include <QApplication>
#include <QCheckBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace citygrid;

namespace {

/// Symbols everywhere: marks that paint the whole view red, under the names as counts are.
class RedMarks : public MarkLayer
{
public:
    void paint(QPainter &painter, const MapView &view, const QList<QRectF> &) const override
    {
        painter.fillRect(QRect(QPoint(0, 0), view.size), Qt::red);
    }
};

class Cover : public MapOverlay
{
public:
    using MapOverlay::MapOverlay;
    MarkLayerPtr marks() const override { return std::make_shared<RedMarks>(); }
};

} // namespace

/// The main window as an operator uses it, offscreen.
class TestMainWindow : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;

    MapCanvas *canvas() const { return m_window->canvas(); }
    void waitForFrame()
    {
        QTRY_VERIFY_WITH_TIMEOUT(!canvas()->isRendering() && !canvas()->renderedImage().isNull(),
                                 10000);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // as the application starts: the map read on a worker while the rest is built
        MainWindow::MapFuture firstMap;
        auto context = testutil::openWithDemoAccounts(
            m_dir.filePath(QStringLiteral("gui.gpkg")),
            [&firstMap](const QString &path) { firstMap = MainWindow::startMapLoad(path); });
        QVERIFY2(context.ok(), qPrintable(context.ok() ? QString() : context.error().toText()));
        QVERIFY(firstMap.isValid());
        m_window = std::make_unique<MainWindow>(std::move(context).value(), firstMap);
        m_window->resize(1280, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        canvas()->zoomToFullExtent();
        waitForFrame();
    }
    void opensOnTheDistrict()
    {
        QCOMPARE(canvas()->gridMap().cells->features.size(), 202);
        QCOMPARE(canvas()->gridMap().crs, QStringLiteral("EPSG:4547"));
        QVERIFY(canvas()->view().extent().contains(canvas()->gridMap().extent()));
        QVERIFY(m_window->windowTitle().contains(QStringLiteral("福田区")));
    }
    void mapReadOnAWorkerIsTheMapReadHere()
    {
        auto context = AppContext::open(m_window->storePath());
        QVERIFY(context.ok());
        const MainWindow second(std::move(context).value());
        const GridMap &here = second.canvas()->gridMap();
        const GridMap &early = canvas()->gridMap();
        QCOMPARE(early.crs, here.crs);
        QCOMPARE(early.extent(), here.extent());
        QCOMPARE(early.metresPerUnit, here.metresPerUnit);
        for (const auto &[a, b] :
             {std::pair(early.subdistricts, here.subdistricts),
              std::pair(early.communities, here.communities), std::pair(early.cells, here.cells)}) {
            QCOMPARE(a->features.size(), b->features.size());
            for (qsizetype i = 0; i < a->features.size(); ++i) {
                QCOMPARE(a->features[i].code, b->features[i].code);
                QCOMPARE(a->features[i].label, b->features[i].label);
                QCOMPARE(a->features[i].rings, b->features[i].rings);
            }
        }
    }
    void searchGivesTheKeyboardBackToTheMap()
    {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        SearchBox *box = m_window->searchBox();
        const QString code = canvas()->gridMap().cells->features.at(7).code;
        box->setFocus();
        box->clear();
        QTest::keyClicks(box, code);
        // keys go where the application sends them: to the completions while they show
        const auto keyTarget = [box] {
            return QApplication::activePopupWidget() ? QApplication::activePopupWidget()
                                                     : static_cast<QWidget *>(box);
        };
        QTest::keyClick(keyTarget(), Qt::Key_Return);
        QCOMPARE(canvas()->selection().code, code);
        QTRY_VERIFY(canvas()->hasFocus()); // the next "Z" picks the zoom tool, not the box
        box->setFocus();
        QTest::keyClicks(box, QStringLiteral("4403"));
        for (int i = 0; i < 2 && box->hasFocus(); ++i) // the first Esc closes the completions
            QTest::keyClick(keyTarget(), Qt::Key_Escape);
        QTRY_VERIFY(canvas()->hasFocus());
    }
    void everyPanelHasAKey()
    {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        const QList<QDockWidget *> docks = m_window->findChildren<QDockWidget *>();
        QCOMPARE(docks.size(), 9);
        QSet<QString> keys;
        for (QDockWidget *dock : docks) {
            // the key the Panels menu names beside the panel, pressed as the user reads it
            const QString key = dock->toggleViewAction()->text().section(u'\t', 1);
            QVERIFY2(key.startsWith(QStringLiteral("Alt+")), qPrintable(dock->windowTitle()));
            keys.insert(key);
            dock->hide();
            QTest::keySequence(m_window.get(), QKeySequence(key));
            QTRY_VERIFY2(dock->isVisible() && !dock->visibleRegion().isEmpty(),
                         qPrintable(dock->windowTitle())); // shown and in front of its tabs
        }
        QCOMPARE(keys.size(), docks.size());
    }
    void openAStoreChecksWhatIsTyped()
    {
        // File ▸ Open is in the menu; its dialog says what is wrong before anything starts
        QVERIFY(m_window->findChild<QAction *>(QStringLiteral("openStore")));
        OpenStoreDialog dialog(m_window.get());
        QVERIFY(!dialog.problem().isEmpty()); // nothing chosen yet
        dialog.fileEdit()->setText(QStringLiteral("/nowhere/futian.gpkg"));
        QVERIFY(dialog.problem().startsWith(QStringLiteral("There is no file")));
        dialog.fileEdit()->setText(QStringLiteral(CITYGRID_TEST_DATA "/grids/good_cells.geojson"));
        QVERIFY(dialog.problem().contains(QStringLiteral("is not a GeoPackage")));
        dialog.fileEdit()->setText(m_window->storePath());
        QCOMPARE(dialog.problem(), QString());
        QCOMPARE(dialog.target(), m_window->storePath());
        const QList<std::pair<const char *, const char *>> centres{
            {"mysql://op01@host/db", "starts with postgresql://"},
            {"postgresql://op01@host:99999/citygrid", ""},
            {"postgresql://host:5432/citygrid", "Name your account"},
            {"postgresql://op01:secret@host:5432/citygrid", "Leave the password out"},
        };
        for (const auto &[uri, why] : centres) {
            dialog.centreEdit()->setText(QLatin1String(uri));
            dialog.centreChoice()->setChecked(true);
            QVERIFY2(!dialog.problem().isEmpty(), uri);
            QVERIFY2(dialog.problem().contains(QLatin1String(why)), qPrintable(dialog.problem()));
        }
        dialog.centreEdit()->setText(QStringLiteral("postgresql://op01@10.0.0.5:5432/citygrid"));
        QCOMPARE(dialog.problem(), QString());
        QCOMPARE(dialog.target(), QStringLiteral("postgresql://op01@10.0.0.5:5432/citygrid"));
        QVERIFY(!dialog.keepAtStart()); // only when asked
    }
    void storeAtStartIsTheOneRule()
    {
        QVERIFY(m_window->findChild<QAction *>(QStringLiteral("storeAtStart")));
        const QString centre = QStringLiteral("postgresql://op01@10.0.0.5:5432/citygrid");
        {
            // Settings ▸ Store at start: starts from this computer's own file; a centre chosen
            OpenStoreDialog dialog(m_window.get(), OpenStoreDialog::Purpose::AtStart);
            QCOMPARE(dialog.target(), AppContext::defaultStorePath());
            QVERIFY(dialog.atStartBox()->isHidden());
            dialog.centreEdit()->setText(centre);
            dialog.centreChoice()->setChecked(true);
            QPushButton *save = nullptr;
            for (QPushButton *b : dialog.findChildren<QPushButton *>())
                if (b->text() == QLatin1String("Save"))
                    save = b;
            QVERIFY(save && save->isEnabled());
            save->click();
            QVERIFY(dialog.keepAtStart());
            AppContext::saveStore(dialog.target());
        }
        // the window and every command open it when no store is named, a named one wins
        QCOMPARE(AppContext::storeToOpen({}), centre);
        QCOMPARE(AppContext::storeToOpen(QStringLiteral("other.gpkg")),
                 QStringLiteral("other.gpkg"));
        {
            OpenStoreDialog dialog(m_window.get(), OpenStoreDialog::Purpose::AtStart);
            QCOMPARE(dialog.target(), centre); // what is kept is shown
            QPushButton *own = nullptr;
            for (QPushButton *b : dialog.findChildren<QPushButton *>())
                if (b->text() == QLatin1String("This computer's own file"))
                    own = b;
            QVERIFY(own);
            own->click();
            QVERIFY(dialog.keepAtStart());
            QCOMPARE(dialog.target(), QString());
            AppContext::saveStore(dialog.target());
        }
        QCOMPARE(AppContext::storeToOpen({}), QString());
    }
    void newCaseModeSaysWhatToDoAndEscLeavesIt()
    {
        QAction *newCase = nullptr;
        for (QAction *a : m_window->findChildren<QAction *>())
            if (a->shortcut() == QKeySequence(Qt::Key_N))
                newCase = a;
        QVERIFY(newCase);
        newCase->trigger();
        QVERIFY(newCase->isChecked());
        QVERIFY(!m_window->statusBar()->currentMessage().isEmpty());
        QCOMPARE(canvas()->cursor().shape(), Qt::CrossCursor);
        canvas()->setFocus();
        QTest::keyClick(canvas(), Qt::Key_Escape);
        QVERIFY(!newCase->isChecked()); // browsing again
        QVERIFY(m_window->statusBar()->currentMessage().isEmpty());
        QCOMPARE(canvas()->cursor().shape(), Qt::ArrowCursor);
    }
    void selectionIsAnOutlineInItsOwnColour()
    {
        // A filled selection looked like one more hot-spot class: it is a haloed outline now.
        canvas()->setSelection({});
        canvas()->zoomToFullExtent();
        waitForFrame();
        const MapFeature &cell = canvas()->gridMap().cells->features.at(60);
        const QPoint inside = canvas()->view().toScreen(cell.labelPoint).toPoint();
        const QImage before = canvas()->grab().toImage();
        canvas()->setSelection({storeschema::cellsTable(), cell.code});
        const QImage after = canvas()->grab().toImage();
        QCOMPARE(after.pixelColor(inside * after.devicePixelRatio()),
                 before.pixelColor(inside * before.devicePixelRatio()));
        int outline = 0;
        const QColor line = MapCanvas::selectionColor();
        for (int y = 0; y < after.height(); ++y)
            for (int x = 0; x < after.width(); ++x) {
                const QColor c = after.pixelColor(x, y);
                outline += qAbs(c.red() - line.red()) + qAbs(c.green() - line.green()) +
                               qAbs(c.blue() - line.blue()) <
                           30;
            }
        QVERIFY2(outline > 40, qPrintable(QString::number(outline)));
        canvas()->setSelection({});
    }
    void namesStayAboveTheSymbols()
    {
        // case badges once hid 华强北街道 and 莲花街道: the names are painted above every overlay
        canvas()->zoomToFullExtent();
        waitForFrame();
        Cover cover;
        canvas()->addOverlay(&cover);
        waitForFrame();
        const QList<MapLabeler::Placed> placed =
            MapLabeler::place(canvas()->scene(), canvas()->view());
        QVERIFY(placed.size() >= 3);
        const QImage image = canvas()->grab().toImage();
        for (const MapLabeler::Placed &label : placed) {
            int ink = 0;
            const QRect r = label.rect.toAlignedRect();
            for (int y = r.top(); y <= r.bottom(); ++y)
                for (int x = r.left(); x <= r.right(); ++x)
                    ink += image.pixelColor(QPoint(x, y) * image.devicePixelRatio()) != Qt::red;
            QVERIFY2(ink > r.width() * r.height() / 10, qPrintable(label.text));
        }
    }
    void clickingACellSelectsIt()
    {
        canvas()->zoomToFullExtent();
        waitForFrame();
        const MapFeature &cell = canvas()->gridMap().cells->features.at(40);
        const QPoint pos = canvas()->view().toScreen(cell.labelPoint).toPoint();
        QSignalSpy clicked(canvas(), &MapCanvas::itemClicked);
        QTest::mouseClick(canvas(), Qt::LeftButton, {}, pos);
        QCOMPARE(clicked.size(), 1);
        QCOMPARE(canvas()->selection().code, cell.code);
        QCOMPARE(canvas()->selection().layerId, storeschema::cellsTable());
        const QString panel = m_window->identifyPanel()->toPlainText();
        QVERIFY2(panel.contains(cell.code), qPrintable(panel));
        QVERIFY(panel.contains(cell.code.left(12))); // its community
        QVERIFY(panel.contains(QStringLiteral("km²")));
    }
    void searchFindsACode()
    {
        const QString code = canvas()->gridMap().cells->features.at(100).code;
        QVERIFY(m_window->searchBox()->searchAndChoose(code));
        QCOMPARE(canvas()->selection().code, code);
        // zoomed onto it
        const QRectF box = canvas()->gridMap().cells->features.at(100).bbox;
        QVERIFY(canvas()->view().extent().contains(box));
        QVERIFY(canvas()->view().extent().width() < canvas()->gridMap().extent().width() / 2);
        // partial names work too
        QVERIFY(m_window->searchBox()->searchAndChoose(QStringLiteral("梅林")));
        QCOMPARE(canvas()->selection().code, QStringLiteral("440304007"));
        QVERIFY(!m_window->searchBox()->searchAndChoose(QStringLiteral("不存在的地方")));
    }
    void keyboardNavigation()
    {
        canvas()->setFocus();
        canvas()->zoomToFullExtent();
        const MapView start = canvas()->view();
        QTest::keyClick(canvas(), Qt::Key_Plus);
        QVERIFY(canvas()->view().unitsPerPixel < start.unitsPerPixel * 0.7);
        const QPointF centre = canvas()->view().center;
        QTest::keyClick(canvas(), Qt::Key_Right);
        QVERIFY(canvas()->view().center.x() > centre.x());
        canvas()->goBack();
        QCOMPARE(canvas()->view().center, centre);
        canvas()->goForward();
        QVERIFY(canvas()->view().center.x() > centre.x());
        QTest::keyClick(canvas(), Qt::Key_Home);
        QCOMPARE(canvas()->view().unitsPerPixel, start.unitsPerPixel);
    }
    void wheelZoomKeepsThePointUnderTheCursor()
    {
        canvas()->zoomToFullExtent();
        const QPointF cursor(300, 250);
        const QPointF before = canvas()->view().toMap(cursor);
        QWheelEvent wheel(cursor, canvas()->mapToGlobal(cursor), {}, QPoint(0, 120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(canvas(), &wheel);
        const QPointF after = canvas()->view().toMap(cursor);
        QVERIFY(qAbs(before.x() - after.x()) < 1e-3 && qAbs(before.y() - after.y()) < 1e-3);
    }
    void dragPansAndShowsTheOldImageAtOnce()
    {
        canvas()->zoomToFullExtent();
        waitForFrame();
        const QPointF centre = canvas()->view().center;
        QTest::mousePress(canvas(), Qt::LeftButton, {}, QPoint(400, 300));
        QTest::mouseMove(canvas(), QPoint(420, 310));
        QTest::mouseMove(canvas(), QPoint(500, 350));
        QTest::mouseRelease(canvas(), Qt::LeftButton, {}, QPoint(500, 350));
        const double upp = canvas()->view().unitsPerPixel;
        QVERIFY(qAbs(canvas()->view().center.x() - (centre.x() - 100 * upp)) < upp);
        QVERIFY(qAbs(canvas()->view().center.y() - (centre.y() + 50 * upp)) < upp);
        // The canvas paints straight away from the previous image, before the new one arrives.
        QImage grab = canvas()->grab().toImage();
        QVERIFY(!grab.isNull());
        waitForFrame();
    }
    void hiddenLayersAreNotIdentified()
    {
        canvas()->zoomToFullExtent();
        const MapFeature &cell = canvas()->gridMap().cells->features.at(5);
        const QPointF pos = canvas()->view().toScreen(cell.labelPoint);
        QCOMPARE(canvas()->itemAt(pos).layerId, storeschema::cellsTable());
        auto *visible = m_window->findChild<QCheckBox *>(QStringLiteral("visible_cells"));
        QVERIFY(visible);
        visible->setChecked(false);
        QCOMPARE(canvas()->itemAt(pos).layerId, storeschema::communitiesTable());
        QCOMPARE(canvas()->itemAt(pos).code, cell.code.left(12));
        QVERIFY(!canvas()->scene().passes.isEmpty());
        for (const LayerPass &pass : canvas()->scene().passes)
            QVERIFY(pass.layer->id != storeschema::cellsTable());
        visible->setChecked(true);
    }
    void changingTheCrsKeepsThePlace()
    {
        const QString code = canvas()->gridMap().cells->features.at(10).code;
        m_window->selectArea(code);
        m_window->setMapCrs(QStringLiteral("EPSG:3857"));
        QCOMPARE(canvas()->gridMap().crs, QStringLiteral("EPSG:3857"));
        const int index = canvas()->gridMap().cells->indexOf(code);
        QVERIFY(canvas()->view().extent().contains(
            canvas()->gridMap().cells->features[index].labelPoint));
        m_window->setMapCrs(QStringLiteral("EPSG:4547"));
        waitForFrame();
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
