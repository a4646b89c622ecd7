// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "mapscene.h"
#include "mapview.h"
#include "result.h"

#include <QCoreApplication>
#include <QImage>

namespace citygrid {

/// A finished map as people get it on paper or in a file: the rendered layers and labels with the
/// scale bar, north arrow and legend. Shared by the GUI's export and `citygrid render`. Any thread.
class MapExport
{
    Q_DECLARE_TR_FUNCTIONS(MapExport)
public:
    static QImage image(const MapScene &scene, const MapView &view, const QString &legendTitle);
    /// Writes PNG (or any raster format Qt knows by suffix) or PDF, chosen by the file's suffix.
    static Result<void> write(const QString &path, const MapScene &scene, const MapView &view,
                              const QString &legendTitle);
};

} // namespace citygrid
