// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "geometry/geometryops.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace citygrid::geometryops {

double distanceToSegment(QPointF p, QPointF a, QPointF b)
{
    const QPointF d = b - a;
    const double len2 = d.x() * d.x() + d.y() * d.y();
    double t = len2 > 0 ? ((p.x() - a.x()) * d.x() + (p.y() - a.y()) * d.y()) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    const QPointF q = a + t * d;
    return std::hypot(p.x() - q.x(), p.y() - q.y());
}

namespace {

void douglasPeucker(const QPolygonF &pts, int first, int last, double tol, std::vector<bool> &keep)
{
    // Iterative with an explicit stack: rings of tens of thousands of points must not recurse deep.
    std::vector<std::pair<int, int>> stack{{first, last}};
    while (!stack.empty()) {
        const auto [a, b] = stack.back();
        stack.pop_back();
        double worst = -1;
        int index = -1;
        for (int i = a + 1; i < b; ++i) {
            const double d = distanceToSegment(pts[i], pts[a], pts[b]);
            if (d > worst) {
                worst = d;
                index = i;
            }
        }
        if (index >= 0 && worst > tol) {
            keep[size_t(index)] = true;
            stack.push_back({a, index});
            stack.push_back({index, b});
        }
    }
}

double signedArea(const QPolygonF &ring)
{
    double sum = 0;
    for (qsizetype i = 0, n = ring.size(); i < n; ++i) {
        const QPointF &a = ring[i];
        const QPointF &b = ring[(i + 1) % n];
        sum += a.x() * b.y() - b.x() * a.y();
    }
    return sum / 2;
}

} // namespace

QPolygonF simplifyRing(const QPolygonF &ring, double tolerance)
{
    const int n = int(ring.size());
    if (n <= 4 || tolerance <= 0)
        return ring;
    // Split the ring at its first point and the point farthest from it, so both halves are open.
    int far = 0;
    double farDist = -1;
    for (int i = 1; i < n; ++i) {
        const double d = std::hypot(ring[i].x() - ring[0].x(), ring[i].y() - ring[0].y());
        if (d > farDist) {
            farDist = d;
            far = i;
        }
    }
    std::vector<bool> keep(size_t(n), false);
    keep[0] = keep[size_t(far)] = keep[size_t(n - 1)] = true;
    douglasPeucker(ring, 0, far, tolerance, keep);
    douglasPeucker(ring, far, n - 1, tolerance, keep);
    QPolygonF out;
    for (int i = 0; i < n; ++i)
        if (keep[size_t(i)])
            out.append(ring[i]);
    // A closed triangle needs 4 points: below that, the original. Nothing dropped: the original
    // too, which shares its points instead of holding a second copy.
    if (out.size() < 4 || out.size() == n)
        return ring;
    return out;
}

bool contains(const QList<QPolygonF> &rings, QPointF p)
{
    bool inside = false;
    for (const QPolygonF &ring : rings) {
        const qsizetype n = ring.size();
        for (qsizetype i = 0, j = n - 1; i < n; j = i++) {
            const QPointF &a = ring[i];
            const QPointF &b = ring[j];
            if ((a.y() > p.y()) != (b.y() > p.y()) &&
                p.x() < (b.x() - a.x()) * (p.y() - a.y()) / (b.y() - a.y()) + a.x())
                inside = !inside;
        }
    }
    return inside;
}

double area(const QList<QPolygonF> &rings)
{
    // Outer rings and holes are told apart by nesting, not by orientation, which sources disagree
    // on.
    double total = 0;
    for (const QPolygonF &ring : rings) {
        const double a = std::abs(signedArea(ring));
        const bool hole =
            !ring.isEmpty() && std::count_if(
                                   rings.cbegin(), rings.cend(),
                                   [&](const QPolygonF &other) {
                                       return &other != &ring && contains({other}, ring.first());
                                   }) % 2 ==
                                   1;
        total += hole ? -a : a;
    }
    return total;
}

QPointF labelPoint(const QList<QPolygonF> &rings)
{
    if (rings.isEmpty())
        return {};
    // The area-weighted centroid of the largest ring.
    const QPolygonF *largest = &rings.first();
    for (const QPolygonF &ring : rings)
        if (std::abs(signedArea(ring)) > std::abs(signedArea(*largest)))
            largest = &ring;
    double cx = 0, cy = 0, a = 0;
    for (qsizetype i = 0, n = largest->size(); i < n; ++i) {
        const QPointF &p = (*largest)[i];
        const QPointF &q = (*largest)[(i + 1) % n];
        const double cross = p.x() * q.y() - q.x() * p.y();
        a += cross;
        cx += (p.x() + q.x()) * cross;
        cy += (p.y() + q.y()) * cross;
    }
    QPointF centroid =
        a != 0 ? QPointF(cx / (3 * a), cy / (3 * a)) : largest->boundingRect().center();
    if (contains(rings, centroid))
        return centroid;
    // Widest horizontal run at the centroid's height.
    std::vector<double> xs;
    for (const QPolygonF &ring : rings) {
        for (qsizetype i = 0, n = ring.size(), j = n - 1; i < n; j = i++) {
            const QPointF &p = ring[i];
            const QPointF &q = ring[j];
            if ((p.y() > centroid.y()) != (q.y() > centroid.y()))
                xs.push_back((q.x() - p.x()) * (centroid.y() - p.y()) / (q.y() - p.y()) + p.x());
        }
    }
    std::sort(xs.begin(), xs.end());
    double best = -1;
    for (size_t i = 0; i + 1 < xs.size(); i += 2) {
        if (xs[i + 1] - xs[i] > best) {
            best = xs[i + 1] - xs[i];
            centroid.setX((xs[i] + xs[i + 1]) / 2);
        }
    }
    return centroid;
}

} // namespace citygrid::geometryops
