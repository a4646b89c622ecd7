// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "sync/refkinds.h"

/// The grid as sync carries it: key "grid"; {source: file name, gpkg: the grid as a GeoPackage,
/// base64}. It stays in its record when it arrives; GridImport::applyReceived puts it in place
/// with the same checks as any import.
namespace citygrid::gridkind {

inline QString id()
{
    return QStringLiteral("grid");
}

/// Registers the grid.
void addTo(RefKinds &kinds);

} // namespace citygrid::gridkind
