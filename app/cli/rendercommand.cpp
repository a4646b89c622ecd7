// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cli/cli.h"
#include "cli/renderlayers.h"
#include "cli/signin.h"
#include "grid/gridmaploader.h"
#include "render/mapdecorations.h"
#include "render/mapexport.h"
#include "reports/maptitle.h"
#include "services/appcontext.h"
#include "services/language.h"

namespace citygrid::cli {

namespace {

Result<QRectF> parseExtent(const QString &text)
{
    const QStringList parts = text.split(u',');
    QList<double> values;
    for (const QString &part : parts) {
        bool ok = false;
        values.append(part.trimmed().toDouble(&ok));
        if (!ok)
            values.clear();
    }
    if (values.size() != 4 || values[2] <= values[0] || values[3] <= values[1])
        return Error{
            QStringLiteral("cli.extent"),
            tr("--extent takes minx,miny,maxx,maxy in the map CRS, with max greater than min "
               "(got \"%1\")")
                .arg(text),
            {}};
    return QRectF(QPointF(values[0], values[1]), QPointF(values[2], values[3]));
}

} // namespace

int render(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Renders the map to a PNG or PDF file, as the main window draws it, with scale bar, "
           "north arrow and legend: the grid, and if asked the cases, their heat map or a "
           "thematic map."));
    addCommonOptions(parser);
    addSignInOptions(parser);
    parser.addOptions({
        {QStringLiteral("out"), tr("Output file (.png or .pdf)."), QStringLiteral("file")},
        {QStringLiteral("width"), tr("Width in pixels (default 1600)."), QStringLiteral("w"),
         QStringLiteral("1600")},
        {QStringLiteral("height"), tr("Height in pixels (default 1000)."), QStringLiteral("h"),
         QStringLiteral("1000")},
        {QStringLiteral("extent"),
         tr("Area to show: minx,miny,maxx,maxy in the map CRS (default: the whole district)."),
         QStringLiteral("box")},
        {QStringLiteral("crs"), tr("Map CRS (default EPSG:4547)."), QStringLiteral("crs"),
         QStringLiteral("EPSG:4547")},
        {QStringLiteral("dpi"),
         tr("Dots per inch of a PNG (default 96: one pixel per pixel of --width; 300 for print "
            "makes the image 300/96 times as large with text and lines to match). A PDF is "
            "vector."),
         QStringLiteral("dpi"), QStringLiteral("96")},
    });
    addRenderLayerOptions(parser);
    if (!parse(parser, arguments))
        return parser.isSet(QStringLiteral("help")) ? Ok : Usage;
    const QString outPath = parser.value(QStringLiteral("out"));
    if (outPath.isEmpty())
        return fail({QStringLiteral("cli.usage"),
                     tr("Say where to write the map with --out FILE.png or FILE.pdf"),
                     {}});
    bool okW = false, okH = false;
    const int width = parser.value(QStringLiteral("width")).toInt(&okW);
    const int height = parser.value(QStringLiteral("height")).toInt(&okH);
    if (!okW || !okH || width < 16 || height < 16 || width > 20000 || height > 20000)
        return fail({QStringLiteral("cli.size"),
                     tr("--width and --height take whole numbers from 16 to 20000"),
                     {}});

    bool okDpi = false;
    const int dpi = parser.value(QStringLiteral("dpi")).toInt(&okDpi);
    if (!okDpi || dpi < 72 || dpi > 1200)
        return fail(
            {QStringLiteral("cli.dpi"), tr("--dpi takes a whole number from 72 to 1200"), {}});

    auto context = openStore(parser);
    if (!context)
        return fail(context.error());
    if (!mayRead(*context.value(), parser))
        return Failed;
    auto map = GridMapLoader::load(context.value()->storePath(),
                                   parser.value(QStringLiteral("crs")), language::isEnglish());
    if (!map)
        return fail(map.error());
    QRectF extent = map.value().extent();
    if (parser.isSet(QStringLiteral("extent"))) {
        auto parsed = parseExtent(parser.value(QStringLiteral("extent")));
        if (!parsed)
            return fail(parsed.error());
        extent = parsed.value();
    }
    const MapView view = MapView::fitting(extent, QSize(width, height), 1,
                                          parser.isSet(QStringLiteral("extent")) ? 0 : 0.04);
    auto layers = renderLayers(parser, *context.value(), map.value());
    if (!layers)
        return fail(layers.error());
    const MapScene &scene = layers.value().scene;
    const QString title = maptitle::forGrid(context.value()->catalogue());
    if (auto r = MapExport::write(outPath, scene, view, title, dpi); !r)
        return fail(r.error());
    out() << tr("Wrote %1 (%2 x %3, scale %4)")
                 .arg(outPath)
                 .arg(width)
                 .arg(height)
                 .arg(mapdecorations::formatScale(view.scaleDenominator(scene.metresPerUnit)));
    if (!layers.value().drawn.isEmpty())
        out() << QStringLiteral(": ") << layers.value().drawn.join(QStringLiteral("; "));
    out() << Qt::endl;
    return Ok;
}

} // namespace citygrid::cli
