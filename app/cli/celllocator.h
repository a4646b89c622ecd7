// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"

#include <QPointF>
#include <QString>

#include <functional>

namespace citygrid {
class AppContext;
}

namespace citygrid::cli {

/// The code of the cell a WGS 84 point lies in, empty outside the grid.
using CellLocator = std::function<QString(QPointF lonLat)>;

/// A locator over the store's cells as they are now; it keeps the cells it read alive.
Result<CellLocator> cellLocator(AppContext &context);

} // namespace citygrid::cli
