// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"
#include "render/mapscene.h"

#include <QCommandLineParser>

namespace citygrid {
class AppContext;
}

/// What `citygrid render` draws over the grid, with the window's meanings: the cases of a filter
/// (symbols or counts by scale), their heat surface, a thematic map. (In the namespace of the
/// command line, whose translations are looked up under its name.)
namespace citygrid::cli {

/// --cases, --heat, --bandwidth, --thematic, --period, --level, --classes, --method, --at and the
/// case filter's options.
void addRenderLayerOptions(QCommandLineParser &parser);

/// The scene of the grid `map` with what the options ask for, and a line saying what that is
/// (empty for the plain grid). An Error names the option that was wrong.
struct RenderLayers
{
    MapScene scene;
    QStringList drawn; ///< translated: "38 cases", "Cases per km², last 12 months"
};
Result<RenderLayers> renderLayers(const QCommandLineParser &parser, const AppContext &context,
                                  const GridMap &map);

} // namespace citygrid::cli
