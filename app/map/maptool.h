// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QObject>

class QKeyEvent;
class QMouseEvent;

namespace citygrid {

class MapCanvas;

/// A way of working with the map (browse and identify, zoom box, ...). The canvas forwards mouse
/// and key events to the one active tool; a handler returns true if it used the event. Wheel zoom
/// and keyboard navigation stay with the canvas whatever the tool. Owned by the main window.
class MapTool : public QObject
{
    Q_OBJECT
public:
    MapTool(MapCanvas *canvas, QObject *parent) : QObject(parent), m_canvas(canvas) {}

    virtual bool mousePress(QMouseEvent *) { return false; }
    virtual bool mouseMove(QMouseEvent *) { return false; }
    virtual bool mouseRelease(QMouseEvent *) { return false; }
    /// Esc: abandon what is in progress.
    virtual void cancel() {}
    virtual Qt::CursorShape cursor() const { return Qt::ArrowCursor; }

protected:
    MapCanvas *canvas() const { return m_canvas; }

private:
    MapCanvas *m_canvas;
};

} // namespace citygrid
