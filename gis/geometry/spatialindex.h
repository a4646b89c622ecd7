// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QList>
#include <QRectF>

#include <vector>

namespace citygrid {

/// A static bucket-grid index over feature bounding boxes: each feature sits in the bucket of its
/// box's centre, and queries widen by the largest half-size, so no feature is reported twice.
/// Built once when a layer loads; read-only afterwards, so any number of threads may query it.
class SpatialIndex
{
public:
    void build(const std::vector<QRectF> &boxes);

    /// Calls visit(index) for every feature whose box intersects rect, in index order per bucket.
    template <typename Visit> void query(const QRectF &rect, Visit &&visit) const
    {
        if (m_boxes.empty())
            return;
        const QRectF wide = rect.adjusted(-m_maxHalf.width(), -m_maxHalf.height(),
                                          m_maxHalf.width(), m_maxHalf.height());
        const int x0 = column(wide.left()), x1 = column(wide.right());
        const int y0 = row(wide.top()), y1 = row(wide.bottom());
        for (int y = y0; y <= y1; ++y) {
            for (int x = x0; x <= x1; ++x) {
                const size_t bucket = size_t(y) * size_t(m_columns) + size_t(x);
                for (int i = m_starts[bucket]; i < m_starts[bucket + 1]; ++i) {
                    const int id = m_items[size_t(i)];
                    if (m_boxes[size_t(id)].intersects(rect) || rect.contains(m_boxes[size_t(id)]))
                        visit(id);
                }
            }
        }
    }
    QList<int> query(const QRectF &rect) const;

private:
    int column(double x) const;
    int row(double y) const;

    std::vector<QRectF> m_boxes;
    std::vector<int> m_starts; // bucket b holds m_items[m_starts[b] .. m_starts[b+1])
    std::vector<int> m_items;
    QRectF m_extent;
    QSizeF m_maxHalf;
    int m_columns = 0;
    int m_rows = 0;
};

} // namespace citygrid
