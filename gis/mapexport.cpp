// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "mapexport.h"

#include "mapdecorations.h"
#include "maprenderjob.h"

#include <QFileInfo>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

namespace citygrid {

QImage MapExport::image(const MapScene &scene, const MapView &view, const QString &legendTitle)
{
    QImage image = MapRenderJob(scene, view).run();
    QPainter painter(&image);
    mapdecorations::paintScaleBar(painter, view, scene.metresPerUnit);
    mapdecorations::paintNorthArrow(painter, view);
    mapdecorations::paintLegend(painter, scene, view, legendTitle);
    return image;
}

Result<void> MapExport::write(const QString &path, const MapScene &scene, const MapView &view,
                              const QString &legendTitle)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("pdf")) {
        // The map at twice its pixel size keeps lines and labels crisp on paper.
        MapView sharp = view;
        sharp.devicePixelRatio = 2;
        const QImage map = image(scene, sharp, legendTitle);
        QPdfWriter pdf(path);
        pdf.setResolution(144);
        pdf.setPageSize(QPageSize(QSizeF(view.size) / 144.0 * 2, QPageSize::Inch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setTitle(legendTitle);
        pdf.setCreator(QStringLiteral("CityGrid"));
        QPainter painter;
        if (!painter.begin(&pdf))
            return Error{QStringLiteral("export.write"), tr("Cannot write %1").arg(path), {}};
        painter.drawImage(QRectF(QPointF(0, 0), QSizeF(pdf.width(), pdf.height())), map);
        painter.end();
        return {};
    }
    if (suffix.isEmpty())
        return Error{QStringLiteral("export.format"),
                     tr("Give the file a suffix (.png or .pdf) so CityGrid knows the format"),
                     {}};
    if (!image(scene, view, legendTitle).save(path))
        return Error{
            QStringLiteral("export.write"),
            tr("Cannot write %1 (is the folder writable and the format .png, .jpg or .pdf?)")
                .arg(path),
            {}};
    return {};
}

} // namespace citygrid
