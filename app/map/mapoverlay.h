// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "render/mapview.h"

#include <QList>
#include <QObject>
#include <QRectF>

class QPainter;

namespace citygrid {

/// Something drawn over the rendered map on the GUI thread (cases, ...), in the canvas's view,
/// and clickable. Owned by whoever adds it to the canvas; it calls changed() to be repainted.
class MapOverlay : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    /// `labels`: where the map's labels lie on screen; an overlay keeps its symbols clear of them
    /// (a name is worth more than a badge).
    virtual void paint(QPainter &painter, const MapView &view,
                       const QList<QRectF> &labels) const = 0;
    /// Whether the map's names are painted above this overlay in `view` (counts, densities),
    /// or it above them (single symbols, each one a thing to click).
    virtual bool belowLabels(const MapView &view) const
    {
        Q_UNUSED(view);
        return true;
    }
    /// A click at a widget position; true if the overlay used it.
    virtual bool click(QPointF widgetPos, const MapView &view) = 0;

signals:
    void changed();
};

} // namespace citygrid
