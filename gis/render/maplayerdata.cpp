// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "render/maplayerdata.h"

#include "geometry/geometryops.h"

#include <QSet>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cstring>
#include <span>

namespace citygrid {

namespace {

/// An undirected edge by the exact bits of its end points (shared edges of a tessellation have
/// identical vertices; where they do not, the edge is simply drawn twice).
struct EdgeKey
{
    quint64 a[4];
    bool operator==(const EdgeKey &o) const { return std::equal(a, a + 4, o.a); }
};

size_t qHash(const EdgeKey &key, size_t seed = 0)
{
    return qHashRange(key.a, key.a + 4, seed);
}

EdgeKey edgeKey(QPointF p, QPointF q)
{
    if (std::pair(p.x(), p.y()) > std::pair(q.x(), q.y()))
        std::swap(p, q);
    EdgeKey key;
    const double v[4] = {p.x(), p.y(), q.x(), q.y()};
    std::memcpy(key.a, v, sizeof v);
    return key;
}

/// Fills each feature's ownEdges: the stretches of its boundary no feature before it has.
void splitSharedEdges(std::span<MapFeature> features)
{
    QSet<EdgeKey> drawn;
    qsizetype edges = 0;
    for (const MapFeature &f : features)
        for (const QPolygonF &ring : f.rings)
            edges += ring.size();
    drawn.reserve(edges / 2 + 1); // most edges of a tessellation are shared by two features
    for (MapFeature &f : features) {
        f.ownEdges.clear();
        for (const QPolygonF &ring : std::as_const(f.rings)) {
            QPolygonF run;
            for (qsizetype i = 0; i + 1 < ring.size(); ++i) {
                const qsizetype before = drawn.size();
                drawn.insert(edgeKey(ring[i], ring[i + 1]));
                if (drawn.size() != before) { // not drawn before
                    if (run.isEmpty())
                        run.append(ring[i]);
                    run.append(ring[i + 1]);
                } else if (!run.isEmpty()) {
                    f.ownEdges.append(run);
                    run.clear();
                }
            }
            if (!run.isEmpty())
                f.ownEdges.append(run);
        }
    }
}

} // namespace

void MapLayerData::finish()
{
    // The list detaches here, once: the two threads below then write other members of the same
    // features (own edges there; box, label point and outline here) through plain pointers.
    const std::span<MapFeature> all(features.data(), size_t(features.size()));
    // A city-size layer has its shared edges found on another thread meanwhile.
    QFuture<void> edges = QtConcurrent::run([all] { splitSharedEdges(all); });
    std::vector<QRectF> boxes;
    boxes.reserve(all.size());
    std::vector<double> sizes;
    extent = QRectF();
    for (MapFeature &f : all) {
        QRectF box;
        for (const QPolygonF &ring : std::as_const(f.rings))
            box = box.isNull() ? ring.boundingRect() : box.united(ring.boundingRect());
        f.bbox = box;
        f.labelPoint = geometryops::labelPoint(f.rings);
        // A twentieth of the feature's size keeps its shape recognisable wherever it is drawn
        // smaller than about 40 pixels.
        f.coarseTolerance = std::max(box.width(), box.height()) / 40;
        f.coarse.clear();
        for (const QPolygonF &ring : std::as_const(f.rings))
            f.coarse.append(geometryops::simplifyRing(ring, f.coarseTolerance));
        boxes.push_back(box);
        sizes.push_back(std::max(box.width(), box.height()));
        extent = extent.isNull() ? box : extent.united(box);
    }
    index.build(boxes);
    byCode.clear();
    byCode.reserve(features.size());
    for (qsizetype i = 0; i < qsizetype(all.size()); ++i)
        byCode.insert(all[size_t(i)].code, int(i));
    if (!sizes.empty()) {
        std::nth_element(sizes.begin(), sizes.begin() + long(sizes.size() / 2), sizes.end());
        medianSize = sizes[sizes.size() / 2];
    }
    edges.waitForFinished(); // runs it here if the pool had no thread free for it
}

int MapLayerData::featureAt(QPointF p) const
{
    int found = -1;
    const QRectF probe(p.x() - 1e-9, p.y() - 1e-9, 2e-9, 2e-9);
    index.query(probe, [&](int id) {
        if (found < 0 && geometryops::contains(features[id].rings, p))
            found = id;
    });
    return found;
}

int MapLayerData::indexOf(const QString &code) const
{
    // The canvas asks for the selected and hovered feature on every paint: a scan of 200,000
    // codes each time would make hovering a city-scale grid stutter.
    return byCode.value(code, -1);
}

QList<int> MapLayerData::neighbours(int id, double tolerance, bool corners) const
{
    const MapFeature &f = features[id];
    QList<int> result;
    const int needed = corners ? 1 : 2;
    const QRectF near = f.bbox.adjusted(-tolerance, -tolerance, tolerance, tolerance);
    index.query(near, [&](int other) {
        if (other == id)
            return;
        // Two vertices of one lying on the other's boundary make a shared edge; one, a corner.
        int touching = 0;
        for (const QPolygonF &ring : features[other].rings) {
            for (QPointF p : ring) {
                if (!near.contains(p))
                    continue;
                for (const QPolygonF &own : f.rings) {
                    for (qsizetype i = 0; i + 1 < own.size(); ++i) {
                        if (geometryops::distanceToSegment(p, own[i], own[i + 1]) <= tolerance) {
                            ++touching;
                            break;
                        }
                    }
                }
                if (touching >= needed)
                    break;
            }
            if (touching >= needed)
                break;
        }
        if (touching >= needed)
            result.append(other);
    });
    std::sort(result.begin(), result.end(),
              [&](int a, int b) { return features[a].code < features[b].code; });
    return result;
}

void GridMap::setLayer(const MapLayerPtr &layer)
{
    switch (layer->level) {
    case GridLevel::Subdistrict:
        subdistricts = layer;
        break;
    case GridLevel::Community:
        communities = layer;
        break;
    default:
        cells = layer;
        break;
    }
}

QRectF GridMap::extent() const
{
    QRectF e;
    for (const MapLayerPtr &layer : layers())
        if (layer && !layer->extent.isNull())
            e = e.isNull() ? layer->extent : e.united(layer->extent);
    return e;
}

} // namespace citygrid
