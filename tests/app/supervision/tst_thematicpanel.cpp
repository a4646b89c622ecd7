// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "app/demowindow.h"
#include "assessment/assessmentpopulation.h"
#include "assessment/assessmentstore.h"
#include "cases/caseworkspace.h"
#include "map/caselayer.h"
#include "map/heatlayer.h"
#include "map/mapcanvas.h"
#include "render/mapdecorations.h"
#include "render/mapexport.h"
#include "services/appcontext.h"
#include "services/casesession.h"
#include "supervision/comparisonwindow.h"
#include "supervision/thematicpanel.h"
#include "testutil.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace citygrid;

/// The thematic map in the main window: ticked, it reads the cases on a worker and colours the
/// cells by class (the legend's counts add up, the pixels inside a cell are its class's colour);
/// hot spots give seven classes; unticked, the plain map returns.
class TestThematicPanel : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    QDateTime m_now = QDateTime::currentDateTime().toOffsetFromUtc(8 * 3600);

    ThematicPanel *panel() { return m_window->thematic(); }
    MapCanvas *canvas() { return m_window->canvas(); }

    int legendTotal()
    {
        int total = 0;
        for (int i = 0; i < panel()->legend()->topLevelItemCount(); ++i)
            total += panel()->legend()->topLevelItem(i)->text(1).toInt();
        return total;
    }

private slots:
    void initTestCase()
    {
        m_window = testutil::demoWindow(m_dir.filePath(QStringLiteral("t.gpkg")), 3000, 5, m_now);
        QVERIFY(m_window);
        QTRY_VERIFY(!canvas()->renderedImage().isNull());
    }
    void offUntilTicked()
    {
        QVERIFY(!panel()->isActive());
        QVERIFY(!panel()->current());
        QCOMPARE(canvas()->scene().passes.first().layer, canvas()->gridMap().subdistricts);
    }
    void casesPerCell()
    {
        panel()->setActive(true);
        QTRY_VERIFY(!panel()->isLoading() && panel()->current());
        const ThematicMap &map = *panel()->current();
        QCOMPARE(map.layer->features.size(), canvas()->gridMap().cells->features.size());
        QCOMPARE(legendTotal(), int(map.layer->features.size()));
        QCOMPARE(map.classes.size(), 5);
        QCOMPARE(canvas()->scene().passes.first().layer, map.layer);

        // A cell of the top class, at street scale: most of the pixels inside it are its colour.
        int id = -1;
        for (qsizetype i = 0; i < map.layer->features.size(); ++i)
            if (map.classOf[i] == 4)
                id = int(i);
        QVERIFY(id >= 0);
        const MapFeature &cell = map.layer->features[id];
        QSignalSpy rendered(canvas(), &MapCanvas::renderFinished);
        canvas()->zoomToExtent(cell.bbox.adjusted(-cell.bbox.width(), -cell.bbox.height(),
                                                  cell.bbox.width(), cell.bbox.height()));
        QVERIFY(rendered.wait(10000));
        // the first frame to finish may be one started before the zoom (a loaded machine): wait
        // until nothing is pending, so the image is of the view the test asked for
        QTRY_VERIFY_WITH_TIMEOUT(!canvas()->isRendering(), 10000);
        const QImage shot = canvas()->grab().toImage();
        const QColor expected = map.classes[4].colour;
        int inside = 0, matching = 0;
        for (int y = 0; y < shot.height(); y += 7)
            for (int x = 0; x < shot.width(); x += 7) {
                const QPointF at = canvas()->view().toMap(QPointF(x, y) / shot.devicePixelRatio());
                if (canvas()->gridMap().cells->featureAt(at) != id)
                    continue;
                ++inside;
                const QColor pixel = shot.pixelColor(x, y);
                matching += qAbs(pixel.red() - expected.red()) < 10 &&
                            qAbs(pixel.green() - expected.green()) < 10 &&
                            qAbs(pixel.blue() - expected.blue()) < 10;
            }
        QVERIFY(inside > 50);
        QVERIFY2(matching > inside / 2,
                 qPrintable(QStringLiteral("%1 of %2").arg(matching).arg(inside)));
    }
    void hotSpotsHaveSevenClasses()
    {
        QComboBox *measure = panel()->measureBox();
        measure->setCurrentIndex(measure->findData(int(ThematicMeasure::HotSpots)));
        const ThematicMap &map = *panel()->current();
        QCOMPARE(map.classes.size(), 7);
        QCOMPARE(legendTotal(), int(map.layer->features.size()));
        // the demo's hotspots (markets, hubs) make at least one significant hot cell
        int hot = 0;
        for (int c = 4; c < 7; ++c)
            hot += map.classes[c].areas;
        QVERIFY(hot > 0);
    }
    void exportedMapCarriesTheClasses()
    {
        // A4 landscape at 200 dpi: 297 x 210 mm is 1123 x 794 logical pixels
        const QSize a4(1123, 794);
        const QString png = m_dir.filePath(QStringLiteral("hot.png"));
        QVERIFY(m_window->exportMapTo(png, a4, 200).ok());
        const QImage image(png);
        QCOMPARE(image.size(), QSize(qRound(1123 * 200 / 96.0), qRound(794 * 200 / 96.0)));
        QCOMPARE(qRound(image.dotsPerMeterX() * 0.0254), 200);
        // the PDF is vector: its text (legend title, classes) reads back
        const QString pdf = m_dir.filePath(QStringLiteral("hot.pdf"));
        QVERIFY(m_window->exportMapTo(pdf, a4, 96).ok());
        const QString text = testutil::pdfText(pdf);
        QVERIFY2(text.contains(QStringLiteral("Not significant")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Hot spot, ")));
        QVERIFY(text.contains(panel()->measureBox()->currentText()));
    }
    void clustersHaveFiveClasses()
    {
        QComboBox *measure = panel()->measureBox();
        measure->setCurrentIndex(measure->findData(int(ThematicMeasure::Clusters)));
        QCOMPARE(panel()->current()->classes.size(), 5);
        // at p <= 0.05 per cell (FDR off)
        auto *fdr = panel()->findChild<QCheckBox *>();
        QVERIFY(fdr && fdr->isChecked());
        const int withFdr = panel()->current()->classes[4].areas;
        fdr->setChecked(false);
        const ThematicMap &map = *panel()->current();
        QVERIFY(map.classes[4].areas <= withFdr); // fewer pass the corrected test
        QCOMPARE(legendTotal(), int(map.layer->features.size()));
        QVERIFY(map.classes[0].areas > 0); // the demo's hotspots form high-high clusters
        // the same seed, the same map
        const QList<int> first{map.classes[0].areas, map.classes[1].areas, map.classes[4].areas};
        panel()->levelBox()->setCurrentIndex(1);
        panel()->levelBox()->setCurrentIndex(0);
        const ThematicMap &again = *panel()->current();
        QCOMPARE(
            (QList<int>{again.classes[0].areas, again.classes[1].areas, again.classes[4].areas}),
            first);
    }
    void communitiesAndRates()
    {
        panel()->measureBox()->setCurrentIndex(
            panel()->measureBox()->findData(int(ThematicMeasure::OnTimeRate)));
        panel()->levelBox()->setCurrentIndex(
            panel()->levelBox()->findData(int(GridLevel::Community)));
        const ThematicMap &map = *panel()->current();
        QCOMPARE(map.layer->features.size(), canvas()->gridMap().communities->features.size());
        QCOMPARE(legendTotal(), int(map.layer->features.size()));
        for (const ThematicClass &c : map.classes)
            QVERIFY(c.from >= 0 && c.to <= 100);
        // a low on-time rate is what to look at: it gets the darkest colour
        QVERIFY(map.classes.first().colour.lightness() < map.classes.last().colour.lightness());
    }
    void ratesFollowTheEditedPopulation()
    {
        // the rate per 10,000 residents reads the population the assessment keeps: a figure
        // edited there changes the map (the grid's own figure is not a second source)
        panel()->levelBox()->setCurrentIndex(
            panel()->levelBox()->findData(int(GridLevel::Subdistrict)));
        const MapLayerPtr layer = canvas()->gridMap().subdistricts;
        const FactFilter filter = panel()->filter();
        const auto measure = [&](ThematicMeasure m) {
            panel()->measureBox()->setCurrentIndex(panel()->measureBox()->findData(int(m)));
            return panel()->values(layer, filter);
        };
        const QList<double> cases = measure(ThematicMeasure::Cases);
        const QList<double> before = measure(ThematicMeasure::Per10k);
        const int first = 0;
        QVERIFY(cases[first] > 0);
        CaseSession &session = m_window->cases()->session();
        const QString code = layer->features[first].code;
        const int year = m_now.date().year();
        auto population = session.context().population(year);
        QVERIFY(population);
        const Population was = population.value().value(code);
        QVERIFY(was.registered + was.nonRegistered > 0);
        QCOMPARE(before[first],
                 cases[first] * 10000.0 / double(was.registered + was.nonRegistered));
        const Population doubled{2 * was.registered, 2 * was.nonRegistered};
        QVERIFY(
            AssessmentPopulation(session.context().store())
                .set(year, {{code, doubled}},
                     ActingUser{QStringLiteral("ld01"), &session.context().catalogues().roles}));
        emit session.populationChanged();
        const QList<double> after = panel()->values(layer, filter);
        QCOMPARE(after[first], before[first] / 2);
        for (qsizetype i = 1; i < after.size(); ++i)
            QCOMPARE(after[i], before[i]);
    }
    void monthSliderAndPlayback()
    {
        panel()->measureBox()->setCurrentIndex(
            panel()->measureBox()->findData(int(ThematicMeasure::Cases)));
        panel()->levelBox()->setCurrentIndex(panel()->levelBox()->findData(int(GridLevel::Cell)));
        panel()->periodBox()->setCurrentIndex(panel()->periodBox()->count() - 1); // one month
        QVERIFY(panel()->monthSlider()->isVisible());
        panel()->monthSlider()->setValue(5);
        const FactFilter month = panel()->filter();
        const QDate first = QDate::fromJulianDay(month.fromDay);
        QCOMPARE(first.day(), 1);
        QCOMPARE(QDate::fromJulianDay(month.toDay), first.addMonths(1));
        const QDate thisMonth(m_now.date().year(), m_now.date().month(), 1);
        QCOMPARE(first, thisMonth.addMonths(-6));
        QCOMPARE(legendTotal(), int(panel()->current()->layer->features.size()));

        // playing steps a month a second and stops at this month
        panel()->monthSlider()->setValue(9);
        panel()->playButton()->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(!panel()->playButton()->isChecked(), 6000);
        QCOMPARE(panel()->monthSlider()->value(), 11);
        QCOMPARE(QDate::fromJulianDay(panel()->filter().fromDay), thisMonth);
    }
    void heatMapOfTheListedCases()
    {
        HeatLayer *heat = m_window->cases()->heatLayer();
        QSignalSpy computed(heat, &HeatLayer::computed);
        panel()->heatBox()->setChecked(true);
        QVERIFY(computed.wait(10000));
        QVERIFY(heat->surface().max > 0);
        QVERIFY(heat->bandwidthUsed() > 50); // by rule, from the points
        panel()->bandwidthBox()->setValue(300);
        QTRY_VERIFY(qAbs(heat->bandwidthUsed() - 300) < 1e-6 && !heat->isComputing());
        // a wider kernel spreads the same cases: its peak is lower
        const float narrow = heat->surface().max;
        panel()->bandwidthBox()->setValue(1200);
        QTRY_VERIFY(qAbs(heat->bandwidthUsed() - 1200) < 1e-6 && !heat->isComputing());
        QTRY_VERIFY(heat->surface().max < narrow);
        panel()->heatBox()->setChecked(false);
        QVERIFY(!heat->isEnabled());
    }
    void exportedMapIsTheCanvas()
    {
        // Every layer on: the thematic classes, the heat surface, the cases (counts at the
        // district's scale, symbols in a street). The export of the scene is the frame the
        // operator sees, pixel for pixel, but where each draws its legend.
        panel()->setActive(true);
        QTRY_VERIFY(!panel()->isLoading() && panel()->current());
        HeatLayer *heat = m_window->cases()->heatLayer();
        QSignalSpy computed(heat, &HeatLayer::computed);
        panel()->heatBox()->setChecked(true);
        QVERIFY(computed.wait(10000));
        // the thematic map hides the cases; the operator shows them again from the menu
        QVERIFY(!m_window->cases()->layer()->isVisible());
        m_window->cases()->showCasesAction()->setChecked(true);
        const QRectF full = canvas()->gridMap().extent();
        const QPointF centre = full.center();
        const double street = 400 / canvas()->metresPerUnit(); // a few hundred metres across
        for (const QRectF &extent :
             {full, QRectF(centre - QPointF(street, street), centre + QPointF(street, street))}) {
            canvas()->zoomToExtent(extent, false);
            QTRY_VERIFY(!canvas()->isRendering() && !m_window->cases()->layer()->isLoading() &&
                        !heat->isComputing());
            const QImage shown = canvas()->grab().toImage().convertToFormat(QImage::Format_RGB32);
            const MapScene scene = canvas()->scene();
            QCOMPARE(scene.marks.size(), 2); // heat, then cases
            const QString title = QStringLiteral("Title");
            const QImage exported = MapExport::image(scene, canvas()->view(), title)
                                        .convertToFormat(QImage::Format_RGB32);
            QCOMPARE(exported.size(), shown.size());
            // the export's legend at bottom right, the canvas's classes at top left
            const QSizeF paper = mapdecorations::legendSize(scene, canvas()->view(), title);
            MapScene classes;
            classes.passes = {scene.passes.first()};
            const QSizeF screen = mapdecorations::legendSize(classes, canvas()->view(), {});
            const double margin = mapdecorations::legendMargin + 2;
            const QRectF paperLegend(shown.width() - paper.width() - margin,
                                     shown.height() - 18 - paper.height() - 2,
                                     paper.width() + margin, paper.height() + 20);
            const QRectF screenLegend(0, 0, screen.width() + margin, screen.height() + margin);
            // the same without the marks: where they drew
            MapScene bare = scene;
            bare.marks.clear();
            const QImage unmarked = MapExport::image(bare, canvas()->view(), title)
                                        .convertToFormat(QImage::Format_RGB32);
            qsizetype compared = 0, differ = 0, marked = 0;
            for (int y = 0; y < shown.height(); ++y)
                for (int x = 0; x < shown.width(); ++x) {
                    if (paperLegend.contains(x, y) || screenLegend.contains(x, y))
                        continue;
                    ++compared;
                    const QRgb a = shown.pixel(x, y), b = exported.pixel(x, y);
                    differ += qAbs(qRed(a) - qRed(b)) + qAbs(qGreen(a) - qGreen(b)) +
                                  qAbs(qBlue(a) - qBlue(b)) >
                              6;
                    marked += a != unmarked.pixel(x, y);
                }
            // the heat and the cases are in the frame, and both agree
            QVERIFY2(marked > 300, qPrintable(QString::number(marked)));
            QVERIFY2(
                differ * 1000 < compared,
                qPrintable(QStringLiteral("%1 of %2 pixels differ").arg(differ).arg(compared)));
        }
        panel()->heatBox()->setChecked(false);
        m_window->cases()->showCasesAction()->setChecked(false);
        canvas()->zoomToFullExtent();
    }
    void unitAndStateFilters()
    {
        auto *unit = panel()->findChild<QComboBox *>(QStringLiteral("thematicUnit"));
        auto *state = panel()->findChild<QComboBox *>(QStringLiteral("thematicState"));
        QVERIFY(unit && state);
        state->setCurrentIndex(state->findData(CaseVocabulary::id(CaseState::Closed)));
        QCOMPARE(panel()->filter().states, QList<CaseState>{CaseState::Closed});
        state->setCurrentIndex(1); // open: every state but closed and voided
        QVERIFY(!panel()->filter().states.contains(CaseState::Closed));
        QVERIFY(panel()->filter().states.contains(CaseState::Dispatched));
        unit->setCurrentIndex(1);
        QCOMPARE(panel()->filter().unitId, unit->currentData().toString());
        QVERIFY(!panel()->filter().unitId.isEmpty());
        unit->setCurrentIndex(0);
        state->setCurrentIndex(0);
        QVERIFY(panel()->filter().states.isEmpty() && panel()->filter().unitId.isEmpty());
    }
    void manualBounds()
    {
        QComboBox *measure = panel()->measureBox();
        measure->setCurrentIndex(measure->findData(int(ThematicMeasure::Cases)));
        QComboBox *method = panel()->methodBox();
        const int natural = method->currentIndex();
        method->setCurrentIndex(method->count() - 1); // manual
        panel()->boundsEdit()->setText(QStringLiteral("5, 10, 20"));
        emit panel()->boundsEdit()->editingFinished();
        const QList<ThematicClass> classes = panel()->current()->classes;
        QVERIFY(classes.size() >= 3);
        QCOMPARE(classes[0].to, 5.0);
        QCOMPARE(classes[1].to, 10.0);
        QCOMPARE(classes[2].to, 20.0);
        QCOMPARE(legendTotal(), int(panel()->current()->layer->features.size()));
        // bounds that do not increase leave the map as it was and say so
        panel()->boundsEdit()->setText(QStringLiteral("10, 5"));
        emit panel()->boundsEdit()->editingFinished();
        QCOMPARE(panel()->current()->classes[1].to, 10.0);
        QVERIFY(panel()->statusLabel()->text().contains(QStringLiteral("10, 5")));
        method->setCurrentIndex(natural);
    }
    void twoMonthsSideBySide()
    {
        QComboBox *measure = panel()->measureBox();
        measure->setCurrentIndex(measure->findData(int(ThematicMeasure::Cases)));
        ComparisonWindow *compare = m_window->showComparison();
        QVERIFY(compare->isVisible());
        using Side = ComparisonWindow::Side;
        QVERIFY(compare->map(Side::Left) && compare->map(Side::Right));
        // one set of bounds for both months: the same legend reads both
        const auto &left = compare->map(Side::Left)->classes;
        const auto &right = compare->map(Side::Right)->classes;
        QCOMPARE(left.size(), right.size());
        for (qsizetype c = 0; c < left.size(); ++c) {
            QCOMPARE(left[c].from, right[c].from);
            QCOMPARE(left[c].to, right[c].to);
            QCOMPARE(left[c].colour, right[c].colour);
        }
        QCOMPARE(compare->canvas(Side::Left)->scene().passes.first().layer,
                 compare->map(Side::Left)->layer);
        // another month on the left recolours it
        compare->monthBox(Side::Left)->setCurrentIndex(6);
        int areas = 0;
        for (const ThematicClass &k : compare->map(Side::Left)->classes)
            areas += k.areas;
        QCOMPARE(areas + compare->map(Side::Left)->noData,
                 int(compare->map(Side::Left)->layer->features.size()));
        // panning one map moves the other
        MapCanvas *a = compare->canvas(Side::Left);
        a->setView(a->view().zoomedBy(2, QPointF(100, 100)));
        QCOMPARE(compare->canvas(Side::Right)->view().center, a->view().center);
        QCOMPARE(compare->canvas(Side::Right)->view().unitsPerPixel, a->view().unitsPerPixel);
        compare->close();
    }
    void untickedThePlainMapReturns()
    {
        panel()->setActive(false);
        QVERIFY(!panel()->current());
        QCOMPARE(canvas()->scene().passes.first().layer, canvas()->gridMap().subdistricts);
    }
};

QTEST_MAIN(TestThematicPanel)
#include "tst_thematicpanel.moc"
