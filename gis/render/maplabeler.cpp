// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "render/maplabeler.h"

#include "render/mapfonts.h"

#include <QFontMetricsF>
#include <QHash>
#include <QMutex>

#include <algorithm>

namespace citygrid {

namespace {

/// How big (median feature size on screen, px) a level must be before its labels show.
double threshold(GridLevel level)
{
    switch (level) {
    case GridLevel::Subdistrict:
        return 0;
    case GridLevel::Community:
        return 90;
    default:
        return 150;
    }
}

QFont labelFont(GridLevel level)
{
    switch (level) {
    case GridLevel::Subdistrict:
        return mapfonts::font(15, QFont::Bold);
    case GridLevel::Community:
        return mapfonts::font(12, QFont::Medium);
    default:
        return mapfonts::font(10, QFont::Normal);
    }
}

QColor labelColor(GridLevel level)
{
    switch (level) {
    case GridLevel::Subdistrict:
        return {0x1f, 0x2d, 0x3d};
    case GridLevel::Community:
        return {0x3b, 0x4a, 0x5c};
    default:
        return {0x55, 0x60, 0x6e};
    }
}

} // namespace

QList<MapLabeler::Placed> MapLabeler::place(const MapScene &scene, const MapView &view)
{
    // The finest level that is large enough, and the one above it.
    int finest = -1;
    for (int i = 0; i < scene.labelLayers.size(); ++i)
        if (scene.labelLayers[i]->medianSize / view.unitsPerPixel >=
            threshold(scene.labelLayers[i]->level))
            finest = i;
    QList<Placed> placed;
    if (finest < 0)
        return placed;
    const QRectF screen(QPointF(0, 0), QSizeF(view.size));
    for (int i = std::max(0, finest - 1); i <= finest; ++i) {
        const MapLayerData &layer = *scene.labelLayers[i];
        const QFontMetricsF metrics(labelFont(layer.level));
        // Bigger features first, so when two labels compete the more important one wins.
        QList<int> ids = layer.index.query(view.extent());
        std::sort(ids.begin(), ids.end(), [&](int a, int b) {
            const QRectF &ba = layer.features[a].bbox, &bb = layer.features[b].bbox;
            return ba.width() * ba.height() > bb.width() * bb.height();
        });
        for (int id : ids) {
            const MapFeature &f = layer.features[id];
            if (f.label.isEmpty())
                continue;
            const QSizeF textSize = metrics.size(Qt::TextSingleLine, f.label);
            const double featureWidth = f.bbox.width() / view.unitsPerPixel;
            const double featureHeight = f.bbox.height() / view.unitsPerPixel;
            // A label must fit its feature: a name spilling over its neighbours misleads.
            const double slack = i < finest ? 1.3 : 0.95;
            if (textSize.width() > featureWidth * slack ||
                textSize.height() > featureHeight * slack)
                continue;
            QRectF rect(QPointF(0, 0), textSize);
            rect.moveCenter(view.toScreen(f.labelPoint));
            if (!screen.contains(rect))
                continue;
            const QRectF padded = rect.adjusted(-4, -2, 4, 2);
            const bool free = std::none_of(placed.cbegin(), placed.cend(), [&](const Placed &p) {
                return p.rect.intersects(padded);
            });
            if (free)
                placed.append({f.label, rect, i});
        }
    }
    return placed;
}

namespace {

/// Labels drawn once with their halo into small images and kept: the same names are drawn frame
/// after frame, and a blit costs a fraction of the nine text draws a halo takes. Shared by every
/// render thread, hence the lock; bounded so that browsing a city cannot grow it without end.
QImage labelSprite(const QString &text, GridLevel level, qreal dpr)
{
    static QMutex mutex;
    static QHash<QString, QImage> cache;
    const QString key = QStringLiteral("%1|%2|%3").arg(int(level)).arg(dpr).arg(text);
    {
        QMutexLocker lock(&mutex);
        if (auto it = cache.constFind(key); it != cache.cend())
            return *it;
    }
    const QFont font = labelFont(level);
    const QFontMetricsF metrics(font);
    const QSizeF size = metrics.size(Qt::TextSingleLine, text) + QSizeF(4, 4);
    QImage sprite((size * dpr).toSize(), QImage::Format_ARGB32_Premultiplied);
    sprite.setDevicePixelRatio(dpr);
    sprite.fill(Qt::transparent);
    QPainter painter(&sprite);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    painter.setFont(font);
    const QPointF baseline(2, 2 + metrics.ascent());
    // A halo keeps the text legible over lines and fills.
    painter.setPen(QColor(255, 255, 255, 235));
    for (const QPointF offset :
         {QPointF(-1.2, 0), QPointF(1.2, 0), QPointF(0, -1.2), QPointF(0, 1.2), QPointF(-0.9, -0.9),
          QPointF(0.9, -0.9), QPointF(-0.9, 0.9), QPointF(0.9, 0.9)})
        painter.drawText(baseline + offset, text);
    painter.setPen(labelColor(level));
    painter.drawText(baseline, text);
    painter.end();
    QMutexLocker lock(&mutex);
    if (cache.size() > 20000)
        cache.clear();
    cache.insert(key, sprite);
    return sprite;
}

} // namespace

void MapLabeler::paint(QPainter &painter, const MapScene &scene, const MapView &view)
{
    paint(painter, scene, view, place(scene, view));
}

void MapLabeler::paint(QPainter &painter, const MapScene &scene, const MapView &view,
                       const QList<Placed> &placed)
{
    for (const Placed &label : placed) {
        const GridLevel level = scene.labelLayers[label.level]->level;
        painter.drawImage(label.rect.topLeft() - QPointF(2, 2),
                          labelSprite(label.text, level, view.devicePixelRatio));
    }
}

} // namespace citygrid
