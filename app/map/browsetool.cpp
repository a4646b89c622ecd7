// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "map/browsetool.h"

#include "map/mapcanvas.h"

#include <QMouseEvent>

namespace citygrid {

BrowseTool::BrowseTool(MapCanvas *canvas, QObject *parent, bool zoomBoxOnly)
    : MapTool(canvas, parent), m_zoomBoxOnly(zoomBoxOnly)
{
}

Qt::CursorShape BrowseTool::cursor() const
{
    return m_zoomBoxOnly ? Qt::CrossCursor : Qt::ArrowCursor;
}

bool BrowseTool::mousePress(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return false;
    m_drag = Drag::Pending;
    m_start = event->position().toPoint();
    m_startView = canvas()->view();
    return true;
}

bool BrowseTool::mouseMove(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (m_drag == Drag::None) {
        canvas()->setHover(canvas()->itemAt(pos));
        return true;
    }
    if (m_drag == Drag::Pending && (pos - m_start).manhattanLength() >= 4) {
        const bool box = m_zoomBoxOnly || (event->modifiers() & Qt::ShiftModifier);
        m_drag = box ? Drag::Box : Drag::Pan;
        if (!box)
            canvas()->setCursor(Qt::ClosedHandCursor);
    }
    if (m_drag == Drag::Pan)
        canvas()->setView(m_startView.pannedBy(pos - m_start), false);
    else if (m_drag == Drag::Box)
        canvas()->setRubberBand(QRect(m_start, pos).normalized());
    return true;
}

bool BrowseTool::mouseRelease(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_drag == Drag::None)
        return false;
    const QPoint pos = event->position().toPoint();
    const Drag drag = m_drag;
    m_drag = Drag::None;
    canvas()->setCursor(cursor());
    switch (drag) {
    case Drag::Pending: {
        if (canvas()->clickOverlays(pos))
            break;
        const MapItem item = canvas()->itemAt(pos);
        canvas()->setSelection(item);
        emit canvas()->itemClicked(item);
        break;
    }
    case Drag::Pan:
        canvas()->setView(canvas()->view(), true);
        break;
    case Drag::Box: {
        canvas()->setRubberBand({});
        const QRect box = QRect(m_start, pos).normalized();
        if (box.width() > 4 && box.height() > 4) {
            const QPointF a = canvas()->view().toMap(box.topLeft());
            const QPointF b = canvas()->view().toMap(box.bottomRight());
            canvas()->zoomToExtent(QRectF(a, b).normalized());
        }
        break;
    }
    case Drag::None:
        break;
    }
    return true;
}

void BrowseTool::cancel()
{
    if (m_drag == Drag::Pan)
        canvas()->setView(m_startView, false);
    m_drag = Drag::None;
    canvas()->setRubberBand({});
}

} // namespace citygrid
