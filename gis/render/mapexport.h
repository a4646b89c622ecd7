// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"
#include "render/mapscene.h"
#include "render/mapview.h"

#include <QCoreApplication>
#include <QImage>

namespace citygrid {

/// A finished map as people get it on paper or in a file: the rendered layers and labels with the
/// scale bar, north arrow and legend. Shared by the GUI's export and `citygrid render`. Any thread.
class MapExport
{
    Q_DECLARE_TR_FUNCTIONS(MapExport)
public:
    /// The map raster: `view.size` logical pixels at `dpi` (96: one pixel each; 300: print).
    static QImage image(const MapScene &scene, const MapView &view, const QString &legendTitle,
                        int dpi = 96);
    /// The map as vector shapes and text on `painter`, in the view's logical pixels.
    static void paint(QPainter &painter, const MapScene &scene, const MapView &view,
                      const QString &legendTitle);
    /// Writes PNG (or any raster format Qt knows by suffix) at `dpi`, or a vector PDF page the
    /// size of the view at 96 logical pixels an inch, chosen by the file's suffix.
    static Result<void> write(const QString &path, const MapScene &scene, const MapView &view,
                              const QString &legendTitle, int dpi = 96);
};

} // namespace citygrid
