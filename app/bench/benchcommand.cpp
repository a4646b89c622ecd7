// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "bench/benchcommand.h"

#include "bench/benchutil.h"
#include "bench/processclock.h"
#include "cli/cli.h"
#include "grid/gridimport.h"
#include "grid/gridmaploader.h"
#include "grid/storewriter.h"
#include "grid/syntheticgrid.h"
#include "render/maprenderjob.h"
#include "render/thematiccounter.h"
#include "render/thematicmap.h"
#include "services/appcontext.h"
#include "store/storeschema.h"
#include "supervision/casefacts.h"
#include "supervision/thematicmeasure.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <functional>

namespace citygrid::cli {

namespace {

double firstFrameMs(const QString &storePath, int runs)
{
    QList<double> times;
    for (int i = 0; i < runs; ++i) {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(env);
        process.start(
            QCoreApplication::applicationFilePath(),
            {QStringLiteral("--store"), storePath, QStringLiteral("--quit-after-first-frame")});
        if (!process.waitForFinished(60000))
            return -1;
        const QString output = QString::fromUtf8(process.readAllStandardOutput());
        const qsizetype at = output.indexOf(QLatin1String("first-frame-ms "));
        if (at < 0)
            return -1;
        times.append(output.mid(at + 15).split(u'\n').first().toDouble());
    }
    return median(times);
}

struct Settings
{
    int runs;
    bool quick;
    QString crs;
    QSize size;
};

Result<void> benchFutian(const QString &storePath, const Settings &settings)
{
    Result<GridMap> futian = Error{};
    const double loadMs =
        timeMedian(settings.runs, [&] { futian = GridMapLoader::load(storePath, settings.crs); });
    if (!futian)
        return futian.error();
    row(tr("Futian: load grid from store and reproject"), loadMs, QStringLiteral("ms"));
    const MapScene scene = MapScene::standard(futian.value());
    const MapView full = MapView::fitting(futian.value().extent(), settings.size);
    row(tr("Futian: render 1920x1080, full extent"),
        timeMedian(settings.runs, [&] { MapRenderJob(scene, full).run(); }), QStringLiteral("ms"),
        tr("target 10 ms"));
    const MapView close =
        full.zoomedBy(6, QPointF(settings.size.width() / 2.0, settings.size.height() / 2.0));
    row(tr("Futian: render 1920x1080, zoomed 6x (cell labels)"),
        timeMedian(settings.runs, [&] { MapRenderJob(scene, close).run(); }), QStringLiteral("ms"));
    return {};
}

/// `count` cases over the cells of `layer` in the year to today: a random cell (a quarter of them
/// in one cell in fifty, the hot ones), one of a few categories, most closed.
CaseFacts syntheticFacts(const MapLayerData &layer, qsizetype count)
{
    QRandomGenerator random(11);
    const QStringList categories{QStringLiteral("E0101"), QStringLiteral("E0102"),
                                 QStringLiteral("C0101"), QStringLiteral("E0301")};
    const qsizetype cells = layer.features.size();
    const QDate today = QDate::currentDate();
    CaseFacts::Builder builder;
    CaseOutcome o;
    o.channel = QStringLiteral("inspector");
    o.unit = QStringLiteral("U001");
    for (qsizetype i = 0; i < count; ++i) {
        qsizetype cell = qsizetype(random.bounded(quint64(cells)));
        if (random.bounded(4) == 0)
            cell = cell / 50 * 50; // the hot cells
        o.cell = layer.features[cell].code;
        o.category = categories[random.bounded(int(categories.size()))];
        o.reported = today.addDays(-random.bounded(365));
        o.deadline = o.reported.addDays(1);
        const bool closed = random.bounded(10) != 0;
        o.state = closed ? CaseState::Closed : CaseState::Dispatched;
        o.closed = closed ? o.reported.addDays(random.bounded(3)) : QDate();
        o.onTime = closed && o.closed <= o.deadline;
        o.filed = true;
        o.handlingMinutes = int(random.bounded(600));
        builder.add(o);
    }
    return builder.finish();
}

/// A whole city cut into 万米 cells: 500 x 400 = 200,000 cells of about 100 m.
Result<void> benchCity(const QString &cityPath, const Settings &settings)
{
    const int columns = settings.quick ? 50 : 500, rows = settings.quick ? 40 : 400;
    const double rssBefore = processclock::residentMiB();
    QElapsedTimer timer;
    timer.start();
    const GridSource city = syntheticCityGrid(columns, rows, QPointF(113.76, 22.45));
    if (auto r = StoreWriter::create(cityPath, city); !r)
        return r;
    row(tr("City %1 cells: generate and write store").arg(city.cells.size()),
        double(timer.elapsed()), QStringLiteral("ms"));
    timer.restart();
    auto loaded = GridMapLoader::loadLayer(cityPath, storeschema::cellsTable(), settings.crs);
    if (!loaded)
        return loaded.error();
    row(tr("City %1 cells: load, reproject, index").arg(city.cells.size()), double(timer.elapsed()),
        QStringLiteral("ms"));
    row(tr("City: resident memory added by the loaded layer"),
        processclock::residentMiB() - rssBefore, QStringLiteral("MiB"));

    // Hot spots at city scale: the neighbours once (then kept), Gi* with FDR on every change.
    timer.restart();
    (void)thematicmap::contiguity(loaded.value(), false);
    row(tr("City: rook neighbours of %1 cells (once per layer)").arg(city.cells.size()),
        double(timer.elapsed()), QStringLiteral("ms"));
    {
        QHash<QString, double> counts;
        QRandomGenerator random(3);
        for (const MapFeature &f : loaded.value()->features)
            counts.insert(f.code, random.bounded(30));
        row(tr("City: Gi* hot spots of %1 cells, FDR, classed").arg(city.cells.size()),
            timeMedian(settings.runs,
                       [&] { (void)thematicmap::hotSpots(loaded.value(), counts, false, true); }),
            QStringLiteral("ms"));
    }

    // A supervisor's filter change at city scale: counts per cell over millions of cases,
    // cases per km², natural breaks, the classed layer, the frame.
    {
        timer.restart();
        const CaseFacts facts = syntheticFacts(*loaded.value(), settings.quick ? 50000 : 5000000);
        row(tr("City: %1 synthetic cases as facts (setup)").arg(facts.size()),
            double(timer.elapsed()), QStringLiteral("ms"));
        const qint64 today = QDate::currentDate().toJulianDay();
        const QStringList groups{QString(), QStringLiteral("E01"), QStringLiteral("C01")};
        const MapView full = MapView::fitting(loaded.value()->extent, settings.size);
        // made once per facts and layer, as the thematic panel does
        const ThematicCounter counter(facts, loaded.value(),
                                      QList<AreaSize>(loaded.value()->features.size(), {0.01, 0}));
        int turn = 0;
        row(tr("City: thematic filter change to redrawn frame, a year of %1 cases over %2 cells")
                .arg(facts.size())
                .arg(loaded.value()->features.size()),
            timeMedian(settings.runs,
                       [&] {
                           FactFilter year;
                           year.fromDay = today - 364;
                           year.toDay = today + 1;
                           year.categoryPrefix = groups[turn++ % groups.size()];
                           const ThematicMap themed = thematicmap::classify(
                               loaded.value(), counter.values(ThematicMeasure::PerKm2, year),
                               classbreaks::Method::NaturalBreaks, 5,
                               ColourScheme::YellowOrangeRed);
                           MapScene scene;
                           scene.passes = {LayerPass{themed.layer, themed.style, {}}};
                           scene.labels = false;
                           MapRenderJob(scene, full).run();
                       }),
            QStringLiteral("ms"), tr("target 300 ms"));
    }

    // Graduated colours on a value per cell, as a hotspot theme would draw it.
    auto themed = std::make_shared<MapLayerData>(*loaded.value());
    QRandomGenerator random(7);
    for (MapFeature &f : themed->features)
        f.value = random.bounded(100);
    LayerPass pass{themed, {}, {}};
    pass.style.fill = LayerStyle::Fill::Graduated;
    pass.style.palette = {QColor(0xff, 0xff, 0xb2), QColor(0xfe, 0xcc, 0x5c),
                          QColor(0xfd, 0x8d, 0x3c), QColor(0xe3, 0x1a, 0x1c)};
    pass.style.maxValue = 100;
    pass.style.stroke = QColor(0x60, 0x60, 0x60);
    pass.style.strokeWidth = 0.5;
    MapScene scene;
    scene.passes = {pass};
    scene.labels = false;
    const MapView full = MapView::fitting(themed->extent, settings.size);
    row(tr("City: render 1920x1080 full extent, graduated"),
        timeMedian(settings.runs, [&] { MapRenderJob(scene, full).run(); }), QStringLiteral("ms"),
        tr("target 100 ms"));
    for (const auto &[metres, title] :
         {std::pair{10000.0, QT_TRANSLATE_NOOP("citygrid::cli",
                                               "City: render 1920x1080 district window (10 km)")},
          std::pair{2000.0, QT_TRANSLATE_NOOP("citygrid::cli",
                                              "City: render 1920x1080 street window (2 km)")}}) {
        MapView window = full;
        window.unitsPerPixel = metres / settings.size.width();
        row(tr(title), timeMedian(settings.runs, [&] { MapRenderJob(scene, window).run(); }),
            QStringLiteral("ms"));
    }
    return {};
}

} // namespace

int bench(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Measures start-up, rendering and a city-scale grid, and prints "
           "the figures (medians)."));
    addCommonOptions(parser);
    parser.addOption(
        {QStringLiteral("quick"), tr("Small sizes and few runs, to check that it works.")});
    parser.addOption(
        {QStringLiteral("only"),
         tr("Run one part only: futian, startup, city, cases, sync, accounts, audit, open311 or "
            "centre."),
         QStringLiteral("part")});
    parser.addOption({QStringLiteral("centre"),
                      tr("centre: a PostgreSQL + PostGIS cluster to run on (the URI scripts/centre "
                         "start prints; else CITYGRID_BENCH_CENTRE); without one the part is "
                         "skipped."),
                      QStringLiteral("uri")});
    if (!parse(parser, arguments))
        return parser.isSet(QStringLiteral("help")) ? Ok : Usage;
    const bool quick = parser.isSet(QStringLiteral("quick"));
    const QString only = parser.value(QStringLiteral("only"));
    const auto part = [&only](const char *name) {
        return only.isEmpty() || only == QLatin1String(name);
    };
    const int runs = quick ? 2 : 15;
    QTemporaryDir temp;
    const QString storePath = parser.isSet(QStringLiteral("store"))
                                  ? parser.value(QStringLiteral("store"))
                                  : temp.filePath(QStringLiteral("futian.gpkg"));
    out() << tr("CityGrid benchmark on %1, %2 logical cores; medians of %3 runs")
                 .arg(QSysInfo::prettyProductName())
                 .arg(QThread::idealThreadCount())
                 .arg(runs)
          << Qt::endl;

    auto context = AppContext::open(storePath);
    if (!context)
        return fail(context.error());
    const Settings settings{runs, quick, QStringLiteral("EPSG:4547"), QSize(1920, 1080)};
    if (part("futian"))
        if (auto r = benchFutian(storePath, settings); !r)
            return fail(r.error());
    if (part("startup")) {
        row(tr("Start to first map frame (offscreen, new process)"),
            firstFrameMs(storePath, quick ? 1 : 5), QStringLiteral("ms"), tr("target 300 ms"));
        // the store scripts/run opens, and a district the size of a big city's grid
        const QString demo = temp.filePath(QStringLiteral("demo.gpkg"));
        QProcess filler;
        filler.start(QCoreApplication::applicationFilePath(),
                     {QStringLiteral("demo"), QStringLiteral("--cases"),
                      QString::number(quick ? 2000 : 20000), QStringLiteral("--store"), demo});
        if (filler.waitForFinished(300000) && filler.exitCode() == 0)
            row(tr("Start to first map frame, store with %1 demo cases").arg(quick ? 2000 : 20000),
                firstFrameMs(demo, quick ? 1 : 5), QStringLiteral("ms"), tr("target 300 ms"));
        const GridSource district = syntheticCityGrid(quick ? 50 : 209, quick ? 40 : 209,
                                                      QPointF(113.76, 22.45));
        const QString big = temp.filePath(QStringLiteral("district.gpkg"));
        if (auto r = StoreWriter::create(big, district); !r)
            return fail(r.error());
        row(tr("Start to first map frame, district of %1 cells").arg(district.cells.size()),
            firstFrameMs(big, quick ? 1 : 5), QStringLiteral("ms"), tr("target 600 ms"));
    }
    if (part("city"))
        if (auto r = benchCity(temp.filePath(QStringLiteral("city.gpkg")), settings); !r)
            return fail(r.error());
    if (part("cases"))
        if (auto r = benchCases(*context.value(), temp.path(), quick); !r)
            return fail(r.error());
    if (part("sync"))
        if (auto r = benchSync(temp.path(), quick); !r)
            return fail(r.error());
    if (part("accounts"))
        if (auto r = benchAccounts(*context.value(), quick); !r)
            return fail(r.error());
    if (part("audit"))
        if (auto r = benchAudit(temp.path(), quick); !r)
            return fail(r.error());
    if (part("open311"))
        if (auto r = benchOpen311(temp.path(), quick); !r)
            return fail(r.error());
    if (part("centre")) {
        const QString centre = parser.isSet(QStringLiteral("centre"))
                                   ? parser.value(QStringLiteral("centre"))
                                   : qEnvironmentVariable("CITYGRID_BENCH_CENTRE");
        if (auto r = benchCentre(centre, quick); !r)
            return fail(r.error());
    }
    row(tr("Peak resident memory of the benchmark"), processclock::peakResidentMiB(),
        QStringLiteral("MiB"));
    return Ok;
}

} // namespace citygrid::cli
