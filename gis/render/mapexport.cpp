// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "render/mapexport.h"

#include "base/partialfile.h"
#include "render/mapdecorations.h"
#include "render/maprenderjob.h"

#include <QFileInfo>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <cmath>

namespace citygrid {

QImage MapExport::image(const MapScene &scene, const MapView &view, const QString &legendTitle,
                        int dpi)
{
    MapView sized = view;
    sized.devicePixelRatio = dpi / 96.0;
    QImage image = MapRenderJob(scene, sized).run();
    QPainter painter(&image);
    mapdecorations::paintScaleBar(painter, sized, scene.metresPerUnit);
    mapdecorations::paintNorthArrow(painter, sized);
    mapdecorations::paintLegend(painter, scene, sized, legendTitle);
    painter.end();
    image.setDotsPerMeterX(int(std::lround(dpi / 0.0254)));
    image.setDotsPerMeterY(int(std::lround(dpi / 0.0254)));
    return image;
}

void MapExport::paint(QPainter &painter, const MapScene &scene, const MapView &view,
                      const QString &legendTitle)
{
    MapRenderJob::paintVector(painter, scene, view);
    mapdecorations::paintScaleBar(painter, view, scene.metresPerUnit);
    mapdecorations::paintNorthArrow(painter, view);
    mapdecorations::paintLegend(painter, scene, view, legendTitle);
}

Result<void> MapExport::write(const QString &path, const MapScene &scene, const MapView &view,
                              const QString &legendTitle, int dpi)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix.isEmpty())
        return Error{QStringLiteral("export.format"),
                     tr("Give the file a suffix (.png or .pdf) so CityGrid knows the format"),
                     {}};
    // written beside the file and moved over it when whole: a failed or killed export leaves no
    // half a map under the name
    PartialFile partial(path);
    if (suffix == QLatin1String("pdf")) {
        QPdfWriter pdf(partial.path());
        pdf.setResolution(1200);
        pdf.setPageSize(QPageSize(QSizeF(view.size) / 96.0, QPageSize::Inch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setTitle(legendTitle);
        pdf.setCreator(QStringLiteral("CityGrid"));
        QPainter painter;
        if (!painter.begin(&pdf))
            return Error{QStringLiteral("export.write"), tr("Cannot write %1").arg(path), {}};
        painter.scale(pdf.resolution() / 96.0, pdf.resolution() / 96.0);
        paint(painter, scene, view, legendTitle);
        if (!painter.end() || !partial.commit())
            return Error{QStringLiteral("export.write"), tr("Cannot write %1").arg(path), {}};
        return {};
    }
    if (!image(scene, view, legendTitle, dpi).save(partial.path(), suffix.toLatin1().constData()) ||
        !partial.commit())
        return Error{
            QStringLiteral("export.write"),
            tr("Cannot write %1 (is the folder writable and the format .png, .jpg or .pdf?)")
                .arg(path),
            {}};
    return {};
}

} // namespace citygrid
