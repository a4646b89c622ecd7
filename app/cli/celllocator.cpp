// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cli/celllocator.h"

#include "grid/gridmaploader.h"
#include "services/appcontext.h"
#include "store/storeschema.h"

namespace citygrid::cli {

Result<CellLocator> cellLocator(AppContext &context)
{
    auto cells = GridMapLoader::loadLayer(context.storePath(), storeschema::cellsTable(),
                                          QStringLiteral("EPSG:4326"));
    if (!cells)
        return cells.error();
    return CellLocator([layer = cells.value()](QPointF p) {
        const int id = layer->featureAt(p);
        return id < 0 ? QString() : layer->features[id].code;
    });
}

} // namespace citygrid::cli
