// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cli/renderlayers.h"

#include "calendar/districttime.h"
#include "cli/casefilteroptions.h"
#include "cli/cli.h"
#include "render/casemarks.h"
#include "render/heatsurface.h"
#include "render/thematicmaker.h"
#include "reports/thematiclegend.h"
#include "services/appcontext.h"
#include "services/monthtext.h"

namespace citygrid::cli {

namespace {

struct Period
{
    ThematicPeriod kind = ThematicPeriod::Months12;
    QDate month;
    QString text; ///< translated
};

Result<Period> periodFrom(const QString &text)
{
    if (text == QLatin1String("30d"))
        return Period{ThematicPeriod::Days30, {}, tr("last 30 days")};
    if (text == QLatin1String("90d"))
        return Period{ThematicPeriod::Days90, {}, tr("last 90 days")};
    if (text == QLatin1String("12m"))
        return Period{ThematicPeriod::Months12, {}, tr("last 12 months")};
    if (text == QLatin1String("all"))
        return Period{ThematicPeriod::AllTime, {}, tr("all cases")};
    auto month = MonthText::parse(text);
    if (!month)
        return Error{QStringLiteral("cli.period"),
                     tr("--period takes a month (YYYY-MM), 30d, 90d, 12m or all (got \"%1\")")
                         .arg(text),
                     {}};
    return Period{ThematicPeriod::OneMonth, month.value(), MonthText::name(month.value())};
}

Result<ThematicSettings> settingsFrom(const QCommandLineParser &parser)
{
    ThematicSettings settings;
    const QString id = parser.value(QStringLiteral("thematic"));
    const auto measure = ThematicLegend::measureFromId(id);
    if (!measure)
        return Error{QStringLiteral("cli.thematic"),
                     tr("--thematic takes one of %1 (got \"%2\")")
                         .arg(ThematicLegend::measureIds().join(QStringLiteral(", ")), id),
                     {}};
    settings.measure = *measure;
    const QString level = parser.value(QStringLiteral("level"));
    const QStringList levels{QStringLiteral("cells"), QStringLiteral("communities"),
                             QStringLiteral("subdistricts")};
    if (!levels.contains(level))
        return Error{QStringLiteral("cli.level"),
                     tr("--level takes cells, communities or subdistricts (got \"%1\")").arg(level),
                     {}};
    settings.level = level == levels[0]   ? GridLevel::Cell
                     : level == levels[1] ? GridLevel::Community
                                          : GridLevel::Subdistrict;
    bool ok = false;
    settings.classes = parser.value(QStringLiteral("classes")).toInt(&ok);
    if (!ok || settings.classes < 3 || settings.classes > 7)
        return Error{QStringLiteral("cli.classes"), tr("--classes takes 3 to 7"), {}};
    const QString method = parser.value(QStringLiteral("method"));
    const QStringList methods{QStringLiteral("jenks"), QStringLiteral("quantile"),
                              QStringLiteral("equal")};
    if (!methods.contains(method))
        return Error{QStringLiteral("cli.method"),
                     tr("--method takes jenks, quantile or equal (got \"%1\")").arg(method),
                     {}};
    settings.method = method == methods[0]   ? classbreaks::Method::NaturalBreaks
                      : method == methods[1] ? classbreaks::Method::Quantile
                                             : classbreaks::Method::EqualInterval;
    return settings;
}

/// The thematic map the options ask for, as a pass of the scene, and what it shows.
Result<std::pair<LayerPass, QString>> thematicPass(const QCommandLineParser &parser,
                                                    const AppContext &context, const GridMap &map,
                                                    const QDateTime &at)
{
    auto settings = settingsFrom(parser);
    if (!settings)
        return settings.error();
    auto period = periodFrom(parser.value(QStringLiteral("period")));
    if (!period)
        return period.error();
    auto facts = context.facts(at);
    if (!facts)
        return facts.error();
    const ThematicMaker maker(facts.value(), [&context](int year) {
        auto read = context.population(year);
        return read ? std::move(read).value() : QHash<QString, Population>();
    });
    const QDate today = districttime::local(at).date();
    const FactFilter filter =
        ThematicMaker::periodFilter(period.value().kind, today, period.value().month);
    const auto made = maker.make(map, context.catalogue(), settings.value(), filter, today);
    if (!made)
        return Error{QStringLiteral("cli.level"), tr("The grid has no layer at that --level"), {}};
    const ThematicMeasure measure = settings.value().measure;
    const QString title = tr("%1, %2").arg(ThematicLegend::measureName(measure), period.value().text);
    return std::pair{LayerPass{made->layer, made->style, title,
                               ThematicLegend::entries(measure, *made)},
                     title};
}

} // namespace

void addRenderLayerOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("cases"),
         tr("Draw the cases: a symbol each at street scale, counts per cell or community when "
            "zoomed out. Without --from or --to, those reported in the last 30 days, as the "
            "case list shows them.")},
        {QStringLiteral("heat"), tr("Draw the heat map (kernel density) of those cases.")},
        {QStringLiteral("bandwidth"),
         tr("Search radius of the heat map in metres (default: by rule)."), QStringLiteral("m"),
         QStringLiteral("0")},
        {QStringLiteral("thematic"),
         tr("Colour the areas by a measure: %1.")
             .arg(ThematicLegend::measureIds().join(QStringLiteral(", "))),
         QStringLiteral("measure")},
        {QStringLiteral("period"),
         tr("Cases the thematic map counts: a month (YYYY-MM), 30d, 90d, 12m (default) or all."),
         QStringLiteral("period"), QStringLiteral("12m")},
        {QStringLiteral("level"),
         tr("Areas of the thematic map: cells (default), communities or subdistricts."),
         QStringLiteral("level"), QStringLiteral("cells")},
        {QStringLiteral("classes"), tr("Classes of the thematic map, 3 to 7 (default 5)."),
         QStringLiteral("n"), QStringLiteral("5")},
        {QStringLiteral("method"),
         tr("How the classes are bounded: jenks (natural breaks, default), quantile or equal."),
         QStringLiteral("method"), QStringLiteral("jenks")},
        {QStringLiteral("at"),
         tr("The moment the map shows (ISO 8601; default now): what is overdue, and the periods "
            "up to it."),
         QStringLiteral("time")},
    });
    addCaseFilterOptions(parser, true);
}

Result<RenderLayers> renderLayers(const QCommandLineParser &parser, const AppContext &context,
                                  const GridMap &map)
{
    auto at = momentFrom(parser);
    if (!at)
        return at.error();
    RenderLayers layers;
    std::optional<LayerPass> thematic;
    if (parser.isSet(QStringLiteral("thematic"))) {
        auto pass = thematicPass(parser, context, map, at.value());
        if (!pass)
            return pass.error();
        thematic = pass.value().first;
        layers.drawn << pass.value().second;
    }
    layers.scene = MapScene::standard(map, {}, thematic ? &*thematic : nullptr);
    const bool cases = parser.isSet(QStringLiteral("cases"));
    const bool heat = parser.isSet(QStringLiteral("heat"));
    if (!cases && !heat)
        return layers;
    auto filter = caseFilterFrom(parser);
    if (!filter)
        return filter.error();
    if (!parser.isSet(QStringLiteral("from")) && !parser.isSet(QStringLiteral("to")))
        filter.value().reportedFrom = districttime::local(at.value()).addDays(-30);
    auto marks = CaseMarks::load(context.storePath(), filter.value(), at.value(), map);
    if (!marks)
        return marks.error();
    if (heat) {
        bool ok = false;
        const double bandwidth = parser.value(QStringLiteral("bandwidth")).toDouble(&ok);
        if (!ok || bandwidth < 0 || bandwidth > 3000)
            return Error{QStringLiteral("cli.bandwidth"),
                         tr("--bandwidth takes metres from 0 (by rule) to 3000"),
                         {}};
        auto surface = HeatSurface::estimate(marks.value()->mapPositions(), map.extent(),
                                             map.metresPerUnit, bandwidth);
        layers.drawn << tr("heat map, bandwidth %1 m").arg(qRound(surface->bandwidthMetres()));
        layers.scene.marks << surface;
    }
    if (cases)
        layers.scene.marks << marks.value();
    layers.drawn << tr("%n case(s)", nullptr, int(marks.value()->size()));
    return layers;
}

} // namespace citygrid::cli
