// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "map/mapcanvas.h"
#include "map/maptool.h"

#include <QMouseEvent>

namespace citygrid {

/// "New case": a click on the map says where the problem is. GUI thread.
class NewCaseTool : public MapTool
{
    Q_OBJECT
public:
    using MapTool::MapTool;
    bool mousePress(QMouseEvent *event) override { return event->button() == Qt::LeftButton; }
    bool mouseRelease(QMouseEvent *event) override
    {
        if (event->button() != Qt::LeftButton)
            return false;
        emit picked(canvas()->view().toMap(event->position()));
        return true;
    }
    Qt::CursorShape cursor() const override { return Qt::CrossCursor; }

signals:
    /// Where the user clicked, in the map CRS.
    void picked(QPointF mapPos);
};

} // namespace citygrid
