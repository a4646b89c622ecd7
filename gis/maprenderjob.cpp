// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "maprenderjob.h"

#include "maplabeler.h"

#include <QPainter>
#include <QPainterPath>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <cmath>
#include <functional>

namespace citygrid {

namespace {

bool cancelled(const std::atomic_bool *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

QSize deviceSize(const MapView &view)
{
    return {int(std::lround(view.size.width() * view.devicePixelRatio)),
            int(std::lround(view.size.height() * view.devicePixelRatio))};
}

} // namespace

MapRenderJob::PassImage MapRenderJob::renderPass(const LayerPass &pass, const MapView &view,
                                                 const std::atomic_bool *cancel, const QColor &background)
{
    QImage image(deviceSize(view), QImage::Format_ARGB32_Premultiplied);
    image.fill(background.isValid() ? background : QColor(Qt::transparent));
    const MapLayerData &layer = *pass.layer;
    const LayerStyle &style = pass.style;
    const qreal dpr = view.devicePixelRatio;
    const double deviceUnits = view.unitsPerPixel / dpr; // map units per device pixel
    const QRectF extent = view.extent();
    const FillColors fills(style);
    const bool outlines = style.stroke.isValid();

    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setTransform(view.transform() * QTransform::fromScale(dpr, dpr));
    QPen pen(style.stroke, style.strokeWidth * dpr);
    pen.setCosmetic(true);
    pen.setJoinStyle(Qt::MiterJoin); // round joins multiply the vertices the stroker makes

    auto *bits = reinterpret_cast<QRgb *>(image.bits());
    const qsizetype stride = image.bytesPerLine() / qsizetype(sizeof(QRgb));
    const int width = image.width(), height = image.height();
    int visited = 0;
    bool stop = false;

    // What the pass touched, in device map units; composing then copies only that part.
    QRectF touched;
    layer.index.query(extent, [&](int id) {
        if (stop || ((++visited & 255) == 0 && (stop = cancelled(cancel))))
            return;
        const MapFeature &f = layer.features[id];
        touched = touched.isNull() ? f.bbox : touched.united(f.bbox);
        const double pixels = std::max(f.bbox.width(), f.bbox.height()) / deviceUnits;
        const QRgb color = fills.at(id, f.value);
        if (pixels < 4) {
            // A few pixels: the feature's box in its fill colour is all the eye can see, and
            // writing it straight into the image is a hundred times faster than a polygon.
            if (!color)
                return;
            const int x0 = std::max(0, int(std::floor((f.bbox.left() - extent.left()) / deviceUnits)));
            const int x1 = std::min(width - 1, int(std::ceil((f.bbox.right() - extent.left()) / deviceUnits)) - 1);
            const int y0 = std::max(0, int(std::floor((extent.bottom() - f.bbox.bottom()) / deviceUnits)));
            const int y1 = std::min(height - 1, int(std::ceil((extent.bottom() - f.bbox.top()) / deviceUnits)) - 1);
            const QRgb rgb = color | 0xff000000u;
            for (int y = y0; y <= std::max(y0, y1) && y < height; ++y)
                for (int x = x0; x <= std::max(x0, x1) && x < width; ++x)
                    bits[y * stride + x] = rgb;
            return;
        }
        const bool outline = outlines && pixels >= style.minOutlinePixels * dpr;
        if (!color && !outline)
            return;
        // Small shapes need no antialiasing: their edges are a pixel or two long.
        painter.setRenderHint(QPainter::Antialiasing, pixels >= 12);
        if (!color) {
            // Outline only, at full detail: each shared edge once, from the feature that owns it.
            painter.setPen(pen);
            for (const QPolygonF &run : f.ownEdges)
                painter.drawPolyline(run);
            return;
        }
        painter.setPen(outline ? pen : QPen(Qt::NoPen));
        painter.setBrush(QBrush(QColor::fromRgba(color)));
        // Simplified geometry while its error stays under a device pixel.
        const QList<QPolygonF> &rings = f.coarseTolerance < deviceUnits * 0.75 ? f.coarse : f.rings;
        if (rings.size() == 1) {
            painter.drawPolygon(rings.first());
        } else {
            QPainterPath path;
            path.setFillRule(Qt::OddEvenFill);
            for (const QPolygonF &ring : rings)
                path.addPolygon(ring);
            painter.drawPath(path);
        }
    });
    painter.end();
    if (stop)
        return {};
    const int margin = int(std::ceil(style.strokeWidth * dpr)) + 2; // half a line sticks out
    const QRect drawn = touched.isNull()
                            ? QRect()
                            : QRect(QPoint(int(std::floor((touched.left() - extent.left()) / deviceUnits)),
                                           int(std::floor((extent.bottom() - touched.bottom()) / deviceUnits))),
                                    QPoint(int(std::ceil((touched.right() - extent.left()) / deviceUnits)),
                                           int(std::ceil((extent.bottom() - touched.top()) / deviceUnits))))
                                  .adjusted(-margin, -margin, margin, margin)
                                  .intersected(image.rect());
    return {image, drawn};
}

QImage MapRenderJob::run(const std::atomic_bool *cancel) const
{
    const MapView view = m_view;
    // An opaque bottom pass is drawn straight onto the background: one full-size image less to
    // clear and to compose.
    const bool baseOnBackground = !m_scene.passes.isEmpty() && m_scene.passes.first().style.opacity >= 1;
    QList<int> order;
    for (int i = 0; i < m_scene.passes.size(); ++i)
        order.append(i);
    const std::function<PassImage(const int &)> render = [this, view, cancel, baseOnBackground](const int &i) {
        return renderPass(m_scene.passes[i], view, cancel,
                          i == 0 && baseOnBackground ? m_scene.background : QColor());
    };
    const QList<PassImage> passes = QtConcurrent::blockingMapped(order, render);
    if (cancelled(cancel))
        return {};

    QImage out = baseOnBackground ? passes.first().image
                                  : QImage(deviceSize(m_view), QImage::Format_ARGB32_Premultiplied);
    if (!baseOnBackground)
        out.fill(m_scene.background);
    QPainter painter(&out);
    for (qsizetype i = baseOnBackground ? 1 : 0; i < passes.size(); ++i) {
        painter.setOpacity(m_scene.passes[i].style.opacity);
        const QRect &drawn = passes[i].drawn;
        painter.drawImage(drawn.topLeft(), passes[i].image, drawn);
    }
    painter.end();
    out.setDevicePixelRatio(m_view.devicePixelRatio);
    if (m_scene.labels) {
        QPainter labels(&out);
        MapLabeler::paint(labels, m_scene, m_view);
    }
    return out;
}

} // namespace citygrid
