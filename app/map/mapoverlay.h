// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "render/marklayer.h"

#include <QObject>
#include <QPointF>

namespace citygrid {

/// Keeps a mark layer of the map up to date (reads cases, computes a surface) and answers clicks
/// on it. The canvas puts its marks() in each scene it renders; owned by whoever adds it to the
/// canvas, it calls changed() when they are new. GUI thread.
class MapOverlay : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    /// The marks to draw now; null: nothing.
    virtual MarkLayerPtr marks() const = 0;
    /// A click at a widget position; true if the overlay used it.
    virtual bool click(QPointF widgetPos, const MapView &view)
    {
        Q_UNUSED(widgetPos);
        Q_UNUSED(view);
        return false;
    }

signals:
    void changed();
};

} // namespace citygrid
