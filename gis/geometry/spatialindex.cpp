// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "geometry/spatialindex.h"

#include <algorithm>
#include <cmath>

namespace citygrid {

void SpatialIndex::build(const std::vector<QRectF> &boxes)
{
    m_boxes = boxes;
    m_extent = QRectF();
    m_maxHalf = QSizeF(0, 0);
    for (const QRectF &b : boxes) {
        m_extent = m_extent.isNull() ? b : m_extent.united(b);
        m_maxHalf = m_maxHalf.expandedTo(QSizeF(b.width() / 2, b.height() / 2));
    }
    // About four features a bucket, on a grid shaped like the extent.
    const double n = std::max<double>(1, double(boxes.size()) / 4);
    const double aspect = m_extent.height() > 0 ? m_extent.width() / m_extent.height() : 1;
    m_columns = std::clamp(int(std::ceil(std::sqrt(n * aspect))), 1, 2048);
    m_rows = std::clamp(int(std::ceil(n / m_columns)), 1, 2048);

    std::vector<int> bucketOf(boxes.size());
    m_starts.assign(size_t(m_columns) * size_t(m_rows) + 1, 0);
    for (size_t i = 0; i < boxes.size(); ++i) {
        const QPointF c = boxes[i].center();
        bucketOf[i] = row(c.y()) * m_columns + column(c.x());
        ++m_starts[size_t(bucketOf[i]) + 1];
    }
    for (size_t b = 1; b < m_starts.size(); ++b)
        m_starts[b] += m_starts[b - 1];
    m_items.assign(boxes.size(), 0);
    std::vector<int> fill(m_starts.begin(), m_starts.end() - 1);
    for (size_t i = 0; i < boxes.size(); ++i)
        m_items[size_t(fill[size_t(bucketOf[i])]++)] = int(i);
}

QList<int> SpatialIndex::query(const QRectF &rect) const
{
    QList<int> ids;
    query(rect, [&ids](int id) { ids.append(id); });
    return ids;
}

int SpatialIndex::column(double x) const
{
    if (m_extent.width() <= 0)
        return 0;
    return std::clamp(int((x - m_extent.left()) / m_extent.width() * m_columns), 0, m_columns - 1);
}

int SpatialIndex::row(double y) const
{
    if (m_extent.height() <= 0)
        return 0;
    return std::clamp(int((y - m_extent.top()) / m_extent.height() * m_rows), 0, m_rows - 1);
}

} // namespace citygrid
