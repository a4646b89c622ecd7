// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "render/heatsurface.h"

#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace citygrid {

QRgb HeatSurface::colourAt(double t)
{
    if (t <= 0.02)
        return 0;
    static const QColor stops[] = {QColor(0xff, 0xff, 0xb2), QColor(0xfe, 0xcc, 0x5c),
                                   QColor(0xfd, 0x8d, 0x3c), QColor(0xf0, 0x3b, 0x20),
                                   QColor(0xbd, 0x00, 0x26)};
    const double x = std::clamp(t, 0.0, 1.0) * 4;
    const int i = std::min(3, int(x));
    const double f = x - i;
    const QColor &a = stops[i], &b = stops[i + 1];
    const int alpha = int(90 + 140 * std::sqrt(std::min(t, 1.0)));
    return qPremultiply(qRgba(int(a.red() + (b.red() - a.red()) * f),
                              int(a.green() + (b.green() - a.green()) * f),
                              int(a.blue() + (b.blue() - a.blue()) * f), std::min(alpha, 230)));
}

HeatSurface::HeatSurface(kerneldensity::Surface surface, double bandwidthMetres)
    : m_surface(std::move(surface)), m_bandwidth(bandwidthMetres),
      m_image(m_surface.columns, m_surface.rows, QImage::Format_ARGB32_Premultiplied)
{
    m_image.fill(Qt::transparent);
    if (m_surface.max <= 0)
        return;
    for (int r = 0; r < m_surface.rows; ++r) {
        auto *line = reinterpret_cast<QRgb *>(m_image.scanLine(r));
        for (int c = 0; c < m_surface.columns; ++c)
            line[c] = colourAt(m_surface.values[qsizetype(r) * m_surface.columns + c] /
                               m_surface.max);
    }
}

std::shared_ptr<HeatSurface> HeatSurface::estimate(const QList<QPointF> &points,
                                                   const QRectF &extent, double metresPerUnit,
                                                   double bandwidthMetres)
{
    const double bandwidth = bandwidthMetres > 0 ? bandwidthMetres / metresPerUnit
                                                 : kerneldensity::suggestedBandwidth(points);
    // about 500 raster cells across the district: finer than the eye needs at full extent
    const double cell = std::max(extent.width(), extent.height()) / 500;
    const double used = bandwidth > 0 ? bandwidth : cell * 10;
    return std::make_shared<HeatSurface>(
        kerneldensity::estimate(points, extent, cell, used, metresPerUnit),
        used * metresPerUnit);
}

void HeatSurface::paint(QPainter &painter, const MapView &view, const QList<QRectF> &) const
{
    if (m_image.isNull() || m_surface.max <= 0)
        return;
    // the raster's top edge is the extent's north (largest y)
    const QRectF target = QRectF(
        view.toScreen(QPointF(m_surface.extent.left(), m_surface.extent.bottom())),
        view.toScreen(QPointF(m_surface.extent.left() + m_surface.columns * m_surface.cellSize,
                              m_surface.extent.bottom() - m_surface.rows * m_surface.cellSize)));
    painter.save();
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(target, m_image);
    painter.restore();
}

MarkLegend HeatSurface::legend(const MapView &) const
{
    if (m_surface.max <= 0)
        return {};
    MarkLegend legend;
    legend.title = tr("Case density, bandwidth %1 m").arg(qRound(m_bandwidth));
    const QLocale locale;
    for (const double t : {0.25, 0.5, 1.0})
        legend.entries.append(
            {QColor::fromRgba(qUnpremultiply(colourAt(t))),
             tr("%1 cases per km²").arg(locale.toString(m_surface.max * t, 'f', 0)), -1});
    return legend;
}

} // namespace citygrid
