// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "map/maptool.h"
#include "render/mapview.h"

#include <QPoint>

namespace citygrid {

/// The everyday tool: click selects the feature under the cursor (identify), hovering highlights,
/// dragging pans, Shift+drag zooms to a box. With `zoomBoxOnly` every drag draws a zoom box.
class BrowseTool : public MapTool
{
    Q_OBJECT
public:
    BrowseTool(MapCanvas *canvas, QObject *parent, bool zoomBoxOnly = false);

    bool mousePress(QMouseEvent *event) override;
    bool mouseMove(QMouseEvent *event) override;
    bool mouseRelease(QMouseEvent *event) override;
    void cancel() override;
    Qt::CursorShape cursor() const override;

private:
    enum class Drag { None, Pending, Pan, Box };
    bool m_zoomBoxOnly;
    Drag m_drag = Drag::None;
    QPoint m_start;
    MapView m_startView;
};

} // namespace citygrid
