// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QList>
#include <QPointF>
#include <QPolygonF>
#include <QRectF>
#include <QString>

#include <limits>

namespace citygrid {

/// One area on the map, already in the map CRS. Plain value; shared read-only by render threads.
struct MapFeature
{
    QString code;
    QString label;           ///< text drawn on the map at the label level of its layer
    QList<QPolygonF> rings;  ///< every ring of every part, filled with the odd-even rule
    QList<QPolygonF> coarse; ///< the same simplified by coarseTolerance, for small scales
    double coarseTolerance = 0;
    /// The stretches of this feature's boundary not already drawn for a feature before it in the
    /// layer: an outline-only pass draws a shared edge once instead of twice.
    QList<QPolygonF> ownEdges;
    QRectF bbox;
    QPointF labelPoint;
    double value = std::numeric_limits<double>::quiet_NaN(); ///< thematic value, NaN if none
};

} // namespace citygrid

// A layer's list grows by moving memory, not by moving each feature's strings and lists.
Q_DECLARE_TYPEINFO(citygrid::MapFeature, Q_RELOCATABLE_TYPE);
