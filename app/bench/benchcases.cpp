// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "bench/benchutil.h"
#include "cases/casedemo.h"
#include "grid/gridmaploader.h"
#include "io/caseexchange.h"
#include "render/casemarks.h"
#include "render/maprenderjob.h"
#include "render/thematicmap.h"
#include "store/storeschema.h"
#include "supervision/casefacts.h"
#include "supervision/thematicmeasure.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>

namespace citygrid::cli {

namespace {

CaseExchange::CellAt locator(const MapLayerPtr &cells)
{
    return [cells](QPointF p) {
        const int id = cells->featureAt(p);
        return id < 0 ? QString() : cells->features[id].code;
    };
}

/// A CSV of `count` reports at random places inside the grid over the past year.
Result<void> writeReports(const QString &path, qint64 count, const MapLayerData &cells,
                          const CategoryCatalogue &categories, const QDateTime &now)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{QStringLiteral("bench.write"), tr("Could not write %1").arg(path), {}};
    QRandomGenerator random(42);
    const QList<CategoryCatalogue::Category> all = categories.categories();
    QByteArray chunk = "category_id,reported_at,lon,lat,channel,description\n";
    for (qint64 i = 0; i < count; ++i) {
        QPointF p;
        do {
            const MapFeature &cell = cells.features[random.bounded(int(cells.features.size()))];
            p = cell.labelPoint +
                QPointF(random.bounded(0.002) - 0.001, random.bounded(0.002) - 0.001);
        } while (cells.featureAt(p) < 0);
        const QDateTime at = now.addSecs(-qint64(random.bounded(365 * 86400)));
        chunk += all[random.bounded(int(all.size()))].id.toLatin1() + ',' +
                 at.toString(Qt::ISODate).toLatin1() + ',' + QByteArray::number(p.x(), 'f', 6) +
                 ',' + QByteArray::number(p.y(), 'f', 6) + ",inspector,bench\n";
        if (chunk.size() > (1 << 20)) {
            file.write(chunk);
            chunk.clear();
        }
    }
    file.write(chunk);
    return {};
}

/// How long SQLite alone takes to write the rows an import wrote: the cases and their events
/// copied table to table into fresh tables with the same columns, constraints and indexes, in one
/// transaction. The floor under any import into this schema; the copies are dropped after.
Result<double> sqliteCopyMs(SqliteDb &db)
{
    const QStringList tables{storeschema::casesTable(), storeschema::caseEventsTable()};
    QStringList ddl;
    for (const QString &table : tables) {
        auto schema = Statement::prepare(
            db, QStringLiteral("SELECT type, sql FROM sqlite_master WHERE tbl_name = ?1 AND sql "
                               "IS NOT NULL ORDER BY type = 'index'"));
        if (!schema)
            return schema.error();
        schema.value().bind(1, table);
        const QString on = QStringLiteral(" ON %1 ").arg(table);
        auto read = schema.value().forEachRow([&](const Statement &row) {
            QString sql = row.text(1);
            if (row.text(0) == QLatin1String("table"))
                sql.replace(QStringLiteral("CREATE TABLE %1 ").arg(table),
                            QStringLiteral("CREATE TABLE copy_%1 ").arg(table));
            else
                sql.replace(QStringLiteral("CREATE INDEX "), QStringLiteral("CREATE INDEX copy_"))
                    .replace(on, QStringLiteral(" ON copy_%1 ").arg(table));
            ddl << sql;
        });
        if (!read)
            return read.error();
    }
    for (const QString &sql : std::as_const(ddl))
        if (auto r = db.exec(sql); !r)
            return r.error();
    QElapsedTimer timer;
    timer.start();
    QString copy = QStringLiteral("BEGIN;");
    for (const QString &table : tables)
        copy += QStringLiteral("INSERT INTO copy_%1 SELECT * FROM %1;").arg(table);
    if (auto r = db.exec(copy + QStringLiteral("COMMIT;")); !r)
        return r.error();
    const double ms = double(timer.elapsed());
    for (const QString &table : tables)
        (void)db.exec(QStringLiteral("DROP TABLE copy_%1").arg(table));
    return ms;
}

/// A supervisor changes the thematic map's filter on a year of Futian cases: count per cell,
/// work out the measure, class the cells and render the frame with them.
Result<void> benchThematicFutian(AppContext &context, const QDateTime &now, bool quick)
{
    auto facts = CaseFacts::load(context.store().db(), now, context.catalogues().calendar);
    if (!facts)
        return facts.error();
    auto map = GridMapLoader::load(context.storePath(), QStringLiteral("EPSG:4547"), false);
    if (!map)
        return map.error();
    const qint64 today = now.toOffsetFromUtc(8 * 3600).date().toJulianDay();
    QHash<QString, double> areaKm2;
    for (const GridUnit &u : context.catalogue().units())
        areaKm2.insert(u.code, u.areaKm2);
    const MapView full = MapView::fitting(map.value().extent(), QSize(1920, 1080));
    const QStringList groups{QString(), QStringLiteral("E01"), QStringLiteral("C01")};
    int turn = 0;
    const double ms = timeMedian(quick ? 2 : 9, [&] {
        FactFilter year;
        year.fromDay = today - 364;
        year.toDay = today + 1;
        year.categoryPrefix = groups[turn++ % groups.size()];
        const auto tallies = facts.value().perArea(year, GridLevel::Cell);
        QHash<QString, double> values;
        for (const MapFeature &f : map.value().cells->features)
            values.insert(f.code, thematicValue(ThematicMeasure::PerKm2, tallies.value(f.code),
                                                {areaKm2.value(f.code), 0}));
        const ThematicMap themed =
            thematicmap::classify(map.value().cells, values, classbreaks::Method::NaturalBreaks, 5,
                                  ColourScheme::YellowOrangeRed);
        const LayerPass pass{themed.layer, themed.style, {}};
        MapRenderJob(MapScene::standard(map.value(), {}, &pass), full).run();
    });
    row(tr("Thematic map: filter change to redrawn frame, a year of %1 Futian cases")
            .arg(facts.value().size()),
        ms, QStringLiteral("ms"), tr("target %1 ms").arg(50));
    QHash<QString, double> counts;
    for (const auto &[code, tally] : facts.value().perArea({}, GridLevel::Cell).asKeyValueRange())
        counts.insert(code, tally.cases);
    row(tr("Thematic map: Gi* hot spots of the %1 Futian cells")
            .arg(map.value().cells->features.size()),
        timeMedian(quick ? 2 : 9,
                   [&] { (void)thematicmap::hotSpots(map.value().cells, counts, false, true); }),
        QStringLiteral("ms"));
    return {};
}

/// A year of demo cases written, the thematic map over them, and single steps as an operator
/// takes them.
Result<void> benchDemoAndSteps(AppContext &context, const MapLayerPtr &cellsLonLat,
                               const QDateTime &now, bool quick)
{
    const CaseCatalogues &catalogues = context.catalogues();
    QElapsedTimer timer;
    timer.start();
    // A year of demo cases: what scripts/run starts on.
    auto settings = AppContext::demoSettings();
    if (!settings)
        return settings.error();
    const CaseDemo demo(catalogues, settings.value(), locator(cellsLonLat), cellsLonLat->extent);
    CaseDemo::Options options;
    options.cases = quick ? 2000 : 20000;
    options.now = now;
    if (auto r = demo.fill(context.store().db(), options); !r)
        return r.error();
    row(tr("Cases: demo history of %1 cases, generate and write").arg(options.cases),
        double(timer.elapsed()), QStringLiteral("ms"));
    if (auto r = benchThematicFutian(context, now, quick); !r)
        return r;

    // One step as an operator takes it: read the history, check, append, project, commit.
    CaseStore &store = context.cases();
    QList<double> steps;
    const NewCase report{QStringLiteral("E0102"),
                         cellsLonLat->features[10].labelPoint,
                         cellsLonLat->features[10].code,
                         QStringLiteral("inspector"),
                         QStringLiteral("bench"),
                         {},
                         {}};
    for (int i = 0; i < (quick ? 5 : 50); ++i) {
        timer.restart();
        auto created = store.report(report, QStringLiteral("op01"), now);
        if (!created)
            return created.error();
        steps.append(double(timer.nsecsElapsed()) / 1e6);
        timer.restart();
        if (auto r = store.take(created.value().uuid, CaseStep::File, QStringLiteral("op01"), now);
            !r)
            return r.error();
        steps.append(double(timer.nsecsElapsed()) / 1e6);
    }
    row(tr("Cases: one step (report or file), median"), median(steps), QStringLiteral("ms"));

    return {};
}

/// `many` reports read from `csv` into a fresh store in `tempDir`, which is returned.
Result<std::unique_ptr<AppContext>> benchImport(const QString &csv, const QString &tempDir,
                                                qint64 many, const MapLayerPtr &cellsLonLat,
                                                const CaseCatalogues &catalogues,
                                                const QDateTime &now)
{
    QElapsedTimer timer;
    if (auto r = writeReports(csv, many, *cellsLonLat, catalogues.categories, now); !r)
        return r.error();
    auto target = AppContext::open(tempDir + QStringLiteral("/many.gpkg"));
    if (!target)
        return target.error();
    if (auto r = target.value()->seedDemoPeople(); !r)
        return r.error();
    timer.start();
    auto reports = CaseExchange::readReports(csv, catalogues, locator(cellsLonLat), now, nullptr);
    if (!reports)
        return reports.error();
    const double readMs = double(timer.elapsed());
    timer.restart();
    if (auto r = target.value()->cases().reportMany(reports.value(), QStringLiteral("op01")); !r)
        return r.error();
    const double writeMs = double(timer.elapsed());
    row(tr("Cases: import %1 reports from CSV (read, check, write)").arg(many), readMs + writeMs,
        QStringLiteral("ms"), tr("target 3000 ms at 1,000,000"));
    row(tr("  of which reading and checking the rows"), readMs, QStringLiteral("ms"));
    row(tr("  of which writing cases and events"), writeMs, QStringLiteral("ms"));
    auto floor = sqliteCopyMs(target.value()->store().db());
    if (!floor)
        return floor.error();
    row(tr("  SQLite alone writing the same rows (table-to-table copy)"), floor.value(),
        QStringLiteral("ms"));

    return std::move(target).value();
}

/// The case list over them: a page of 200 and the count, as the list asks.
void benchList(const SqliteDb &db, qint64 many, const QDateTime &now, bool quick)
{
    CaseFilter group;
    group.categoryPrefix = QStringLiteral("E01");
    CaseFilter area;
    area.areaCode = QStringLiteral("440304011");
    CaseFilter text;
    text.text = QStringLiteral("2026");
    for (const auto &[filter, sort, title] :
         {std::tuple{CaseFilter(), CaseQuery::Sort::Reported, "newest first, no filter"},
          std::tuple{group, CaseQuery::Sort::Due, "group E01, by deadline"},
          std::tuple{area, CaseQuery::Sort::CaseNo, "one subdistrict, by number"},
          std::tuple{text, CaseQuery::Sort::Reported, "text search"}}) {
        const CaseQuery query(db, filter, now);
        row(tr("Cases: list page of 200 over %1, %2").arg(many).arg(QLatin1String(title)),
            timeMedian(quick ? 2 : 5, [&] { (void)query.page(sort, false, 0, 200); }),
            QStringLiteral("ms"), tr("target 100 ms"));
        row(tr("Cases: count over %1, %2").arg(many).arg(QLatin1String(title)),
            timeMedian(quick ? 2 : 5, [&] { (void)query.count(); }), QStringLiteral("ms"));
    }
}

/// Thematic counts and the cases drawn on the map, over the imported store.
Result<void> benchFactsAndMap(AppContext &target, qint64 many, const QDateTime &now, bool quick)
{
    const SqliteDb &db = target.store().db();
    QElapsedTimer timer;
    // Thematic maps count cases per area for a period and a filter, from the in-memory facts.
    timer.start();
    auto facts = CaseFacts::load(db, now, target.catalogues().calendar);
    if (!facts)
        return facts.error();
    row(tr("Cases: load facts of %1 cases for thematic maps").arg(facts.value().size()),
        double(timer.elapsed()), QStringLiteral("ms"));
    const qint64 today = now.toOffsetFromUtc(8 * 3600).date().toJulianDay();
    FactFilter month;
    month.fromDay = today - 29;
    month.toDay = today + 1;
    FactFilter year;
    year.fromDay = today - 364;
    year.toDay = today + 1;
    year.categoryPrefix = QStringLiteral("E01");
    for (const auto &[filter, title, target] :
         {std::tuple{month, "last 30 days", 10}, std::tuple{year, "a year, group E01", 20}}) {
        qsizetype areas = 0;
        const double ms = timeMedian(
            quick ? 2 : 9, [&] { areas = facts.value().perArea(filter, GridLevel::Cell).size(); });
        row(tr("Cases: counts per cell over %1, %2 (%3 cells)")
                .arg(many)
                .arg(QLatin1String(title))
                .arg(areas),
            ms, QStringLiteral("ms"), tr("target %1 ms").arg(target));
    }

    // Drawing them on the map: loading the points, then a frame at full extent (counts per
    // community) and at street scale (symbols).
    auto map = GridMapLoader::load(target.storePath(), QStringLiteral("EPSG:4547"), false);
    if (!map)
        return map.error();
    timer.restart();
    auto loaded = CaseMarks::load(target.storePath(), CaseFilter(), now, map.value());
    if (!loaded)
        return loaded.error();
    const CaseMarks &marks = *loaded.value();
    row(tr("Cases: load %1 case points for the map").arg(marks.size()),
        double(timer.elapsed()), QStringLiteral("ms"));
    QImage image(1920, 1080, QImage::Format_ARGB32_Premultiplied);
    const MapView full = MapView::fitting(map.value().extent(), image.size());
    MapView street = full;
    street.unitsPerPixel = 2.0 / map.value().metresPerUnit;
    for (const auto &[view, title] :
         {std::pair{full, "full extent (counts)"},
          std::pair{street, "street scale (symbols, counts where crowded)"}})
        row(tr("Cases: draw %1 cases, 1920x1080, %2").arg(marks.size()).arg(QLatin1String(title)),
            timeMedian(quick ? 2 : 9,
                       [&] {
                           image.fill(Qt::transparent);
                           QPainter painter(&image);
                           painter.setRenderHint(QPainter::Antialiasing);
                           marks.paint(painter, view, {});
                       }),
            QStringLiteral("ms"), tr("target 50 ms"));
    return {};
}

} // namespace

Result<void> benchCases(AppContext &context, const QString &tempDir, bool quick)
{
    const QDateTime now = QDateTime::currentDateTime().toOffsetFromUtc(8 * 3600);
    auto cellsLonLat = GridMapLoader::loadLayer(context.storePath(), storeschema::cellsTable(),
                                                QStringLiteral("EPSG:4326"));
    if (!cellsLonLat)
        return cellsLonLat.error();
    if (auto r = benchDemoAndSteps(context, cellsLonLat.value(), now, quick); !r)
        return r;
    // Importing many reports from a CSV file into a fresh store.
    const qint64 many = quick ? 20000 : 1000000;
    const QString csv = tempDir + QStringLiteral("/reports.csv");
    auto target = benchImport(csv, tempDir, many, cellsLonLat.value(), context.catalogues(), now);
    if (!target)
        return target.error();
    benchList(target.value()->store().db(), many, now, quick);
    auto drawn = benchFactsAndMap(*target.value(), many, now, quick);
    QFile::remove(csv);
    return drawn;
}

} // namespace citygrid::cli
