// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "map/heatlayer.h"

#include "map/caselayer.h"

#include <QPainter>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace citygrid {

namespace {

/// Light yellow to dark red with rising opacity; nothing where there is no density.
QRgb heat(double t)
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
    const int alpha = int(90 + 140 * std::sqrt(t));
    return qPremultiply(qRgba(int(a.red() + (b.red() - a.red()) * f),
                              int(a.green() + (b.green() - a.green()) * f),
                              int(a.blue() + (b.blue() - a.blue()) * f), std::min(alpha, 230)));
}

} // namespace

HeatLayer::HeatLayer(CaseLayer &cases, QObject *parent) : MapOverlay(parent), m_cases(cases)
{
    connect(&m_cases, &CaseLayer::loaded, this, &HeatLayer::recompute);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        m_surface = m_watcher.result();
        m_image = QImage(m_surface.columns, m_surface.rows, QImage::Format_ARGB32_Premultiplied);
        m_image.fill(Qt::transparent);
        for (int r = 0; r < m_surface.rows; ++r) {
            auto *line = reinterpret_cast<QRgb *>(m_image.scanLine(r));
            for (int c = 0; c < m_surface.columns; ++c)
                line[c] = m_surface.max > 0
                              ? heat(m_surface.values[qsizetype(r) * m_surface.columns + c] /
                                     m_surface.max)
                              : 0;
        }
        emit changed();
        emit computed();
        if (m_again) {
            m_again = false;
            recompute();
        }
    });
}

void HeatLayer::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (enabled)
        recompute();
    emit changed();
}

void HeatLayer::setBandwidth(double metres)
{
    m_bandwidth = metres;
    recompute();
}

void HeatLayer::setGrid(const QRectF &extent, double metresPerUnit)
{
    m_extent = extent;
    m_metresPerUnit = metresPerUnit;
    recompute();
}

void HeatLayer::recompute()
{
    if (!m_enabled || m_extent.isEmpty())
        return;
    if (m_watcher.isRunning()) {
        m_again = true;
        return;
    }
    const QList<QPointF> points = m_cases.mapPositions();
    const double bandwidth =
        m_bandwidth > 0 ? m_bandwidth / m_metresPerUnit : kerneldensity::suggestedBandwidth(points);
    m_used = bandwidth * m_metresPerUnit;
    // about 500 raster cells across the district: finer than the eye needs at full extent
    const double cell = std::max(m_extent.width(), m_extent.height()) / 500;
    m_watcher.setFuture(
        QtConcurrent::run([points, extent = m_extent, cell, bandwidth, mpu = m_metresPerUnit] {
            return kerneldensity::estimate(points, extent, cell,
                                           bandwidth > 0 ? bandwidth : cell * 10, mpu);
        }));
}

void HeatLayer::paint(QPainter &painter, const MapView &view, const QList<QRectF> &) const
{
    if (!m_enabled || m_image.isNull())
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

} // namespace citygrid
