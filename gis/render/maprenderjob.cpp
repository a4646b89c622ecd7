// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "render/maprenderjob.h"

#include "render/maplabeler.h"

#include <QPainter>
#include <QPainterPath>
#include <QThread>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <cmath>

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

bool MapRenderJob::paintPass(QImage &band, int top, const LayerPass &pass, const MapView &view,
                             const std::atomic_bool *cancel)
{
    const MapLayerData &layer = *pass.layer;
    const LayerStyle &style = pass.style;
    const qreal dpr = view.devicePixelRatio;
    const double deviceUnits = view.unitsPerPixel / dpr; // map units per device pixel
    const QRectF extent = view.extent();
    const FillColors fills(style);
    const bool outlines = style.stroke.isValid();
    // The band's part of the map, widened by a line's width so strokes crossing its edge are drawn.
    const double margin = (style.strokeWidth * dpr + 2) * deviceUnits;
    const double bandTop = extent.bottom() - top * deviceUnits; // map y of the band's first row
    const QRectF bandExtent(
        QPointF(extent.left() - margin, bandTop - band.height() * deviceUnits - margin),
        QPointF(extent.right() + margin, bandTop + margin));

    QPainter painter(&band);
    painter.setTransform(view.transform() * QTransform::fromScale(dpr, dpr) *
                         QTransform::fromTranslate(0, -top));
    QPen pen(style.stroke, style.strokeWidth * dpr);
    pen.setCosmetic(true);
    pen.setJoinStyle(Qt::MiterJoin); // round joins multiply the vertices the stroker makes

    auto *bits = reinterpret_cast<QRgb *>(band.bits());
    const qsizetype stride = band.bytesPerLine() / qsizetype(sizeof(QRgb));
    const int width = band.width(), height = band.height();
    int visited = 0;
    bool stop = false;

    layer.index.query(bandExtent, [&](int id) {
        if (stop || ((++visited & 255) == 0 && (stop = cancelled(cancel))))
            return;
        const MapFeature &f = layer.features[id];
        const double pixels = std::max(f.bbox.width(), f.bbox.height()) / deviceUnits;
        const QRgb color = fills.at(id, f.value);
        if (pixels < 4) {
            // A few pixels: the feature's box in its fill colour is all the eye can see, and
            // writing it straight into the image is a hundred times faster than a polygon.
            if (!color)
                return;
            const int x0 =
                std::max(0, int(std::floor((f.bbox.left() - extent.left()) / deviceUnits)));
            const int x1 = std::min(
                width - 1, int(std::ceil((f.bbox.right() - extent.left()) / deviceUnits)) - 1);
            const int y0 = std::max(0, int(std::floor((bandTop - f.bbox.bottom()) / deviceUnits)));
            const int y1 =
                std::min(height - 1, int(std::ceil((bandTop - f.bbox.top()) / deviceUnits)) - 1);
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
        painter.setRenderHint(QPainter::Antialiasing, pixels >= 12 && (style.antialias || !color));
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
    return !stop;
}

QImage MapRenderJob::run(const std::atomic_bool *cancel) const
{
    QImage out(deviceSize(m_view), QImage::Format_ARGB32_Premultiplied);
    out.fill(m_scene.background);
    // Bands view the frame's own memory: each worker paints its rows and no other.
    uchar *const bits = out.bits();
    const qsizetype bytesPerLine = out.bytesPerLine();
    const int bandCount =
        std::clamp(QThread::idealThreadCount(), 1, std::max(1, out.height() / 64));
    QList<int> bands;
    for (int i = 0; i < bandCount; ++i)
        bands.append(i);
    const MapView view = m_view;
    const int rows = out.height(), width = out.width();
    std::atomic_bool failed{false};
    QtConcurrent::blockingMap(bands, [&](const int &i) {
        const int top = rows * i / bandCount, bottom = rows * (i + 1) / bandCount;
        QImage band(bits + top * bytesPerLine, width, bottom - top, bytesPerLine,
                    QImage::Format_ARGB32_Premultiplied);
        for (const LayerPass &pass : m_scene.passes) {
            if (pass.style.opacity >= 1) {
                if (!paintPass(band, top, pass, view, cancel))
                    failed = true;
            } else if (pass.style.opacity > 0) {
                // A translucent layer is drawn whole, then laid over at its opacity, so that where
                // its shapes overlap they do not darken each other.
                QImage layer(band.size(), QImage::Format_ARGB32_Premultiplied);
                layer.fill(Qt::transparent);
                if (!paintPass(layer, top, pass, view, cancel))
                    failed = true;
                QPainter painter(&band);
                painter.setOpacity(pass.style.opacity);
                painter.drawImage(0, 0, layer);
            }
            if (failed)
                return;
        }
    });
    if (failed || cancelled(cancel))
        return {};
    out.setDevicePixelRatio(m_view.devicePixelRatio);
    if (m_scene.labels || !m_scene.marks.isEmpty()) {
        QPainter painter(&out);
        paintMarksAndLabels(painter, m_scene, m_view);
    }
    if (cancelled(cancel))
        return {};
    return out;
}

void MapRenderJob::paintVector(QPainter &painter, const MapScene &scene, const MapView &view)
{
    painter.save();
    const QRectF frame(QPointF(0, 0), QSizeF(view.size));
    painter.setClipRect(frame);
    painter.fillRect(frame, scene.background);
    painter.setRenderHint(QPainter::Antialiasing, true);
    const QTransform toPixels = view.transform();
    const QRectF extent = view.extent();
    for (const LayerPass &pass : scene.passes) {
        const LayerStyle &style = pass.style;
        if (style.opacity <= 0)
            continue;
        painter.setOpacity(style.opacity);
        const FillColors fills(style);
        QPen pen(style.stroke, style.strokeWidth);
        pen.setJoinStyle(Qt::RoundJoin);
        pass.layer->index.query(extent, [&](int id) {
            const MapFeature &f = pass.layer->features[id];
            const QRgb color = fills.at(id, f.value);
            if (!color) {
                if (!style.stroke.isValid())
                    return;
                painter.setPen(pen);
                painter.setBrush(Qt::NoBrush);
                for (const QPolygonF &run : f.ownEdges)
                    painter.drawPolyline(toPixels.map(run));
                return;
            }
            painter.setPen(style.stroke.isValid() ? pen : QPen(Qt::NoPen));
            painter.setBrush(QColor::fromRgba(color));
            QPainterPath path;
            path.setFillRule(Qt::OddEvenFill);
            for (const QPolygonF &ring : f.rings)
                path.addPolygon(toPixels.map(ring));
            painter.drawPath(path);
        });
    }
    painter.setOpacity(1);
    paintMarksAndLabels(painter, scene, view);
    painter.restore();
}

void MapRenderJob::paintMarksAndLabels(QPainter &painter, const MapScene &scene,
                                       const MapView &view)
{
    const QList<MapLabeler::Placed> placed =
        scene.labels ? MapLabeler::place(scene, view) : QList<MapLabeler::Placed>();
    QList<QRectF> labels;
    labels.reserve(placed.size());
    for (const MapLabeler::Placed &p : placed)
        labels.append(p.rect);
    for (const bool below : {true, false}) {
        for (const MarkLayerPtr &marks : scene.marks)
            if (marks && marks->belowLabels(view) == below)
                marks->paint(painter, view, labels);
        if (below && !placed.isEmpty())
            MapLabeler::paint(painter, scene, view, placed);
    }
}

} // namespace citygrid
