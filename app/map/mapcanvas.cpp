// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "map/mapcanvas.h"

#include "map/maptool.h"
#include "render/mapdecorations.h"
#include "render/maprenderjob.h"
#include "services/threadpools.h"

#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>
#include <QThreadPool>
#include <QWheelEvent>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace citygrid {

MapCanvas::MapCanvas(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(200, 150);
    // Requests within one event-loop turn become one render.
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(0);
    connect(&m_coalesce, &QTimer::timeout, this, &MapCanvas::startRender);
    connect(&m_watcher, &QFutureWatcher<QImage>::finished, this, &MapCanvas::jobFinished);
}

MapCanvas::~MapCanvas()
{
    if (m_cancel)
        m_cancel->store(true);
    m_watcher.waitForFinished();
}

void MapCanvas::setGridMap(const GridMap &map)
{
    m_map = map;
    m_selection = {};
    m_hover = {};
    if (!m_viewInitialised)
        zoomToFullExtent();
    scheduleRender();
}

void MapCanvas::setLayerDisplay(const QHash<QString, LayerDisplay> &display)
{
    m_display = display;
    scheduleRender();
}

MapScene MapCanvas::scene() const
{
    QHash<QString, LayerDisplay> display = m_display;
    for (const MapLayerPtr &layer : m_map.layers())
        if (layer && !display.contains(layer->id))
            display.insert(layer->id, LayerDisplay{});
    MapScene scene = MapScene::standard(m_map, display, m_thematic ? &*m_thematic : nullptr);
    for (const auto &overlay : m_overlays)
        if (overlay)
            if (MarkLayerPtr marks = overlay->marks())
                scene.marks.append(std::move(marks));
    return scene;
}

void MapCanvas::setThematic(std::optional<LayerPass> pass)
{
    m_thematic = std::move(pass);
    scheduleRender();
}

void MapCanvas::setView(const MapView &requested, bool remember)
{
    MapView view = requested;
    view.size = size();
    view.devicePixelRatio = devicePixelRatioF();
    if (!(view.unitsPerPixel > 0) || !std::isfinite(view.unitsPerPixel))
        return;
    m_view = view;
    m_viewInitialised = true;
    m_pendingFit = QRectF();
    if (remember) {
        m_history.push(m_view);
        emit historyChanged();
    }
    emit viewChanged(m_view);
    scheduleRender();
    update();
}

void MapCanvas::zoomToExtent(const QRectF &rect, bool remember)
{
    if (rect.isNull())
        return;
    setView(MapView::fitting(rect, size(), devicePixelRatioF()), remember);
    // Until the window is laid out the size is a guess: fit again when the real one arrives.
    m_pendingFit = isVisible() ? QRectF() : rect;
}

void MapCanvas::zoomToFullExtent()
{
    zoomToExtent(m_map.extent());
}

void MapCanvas::zoomBy(double factor)
{
    setView(m_view.zoomedBy(factor, QPointF(width() / 2.0, height() / 2.0)));
}

void MapCanvas::goBack()
{
    if (m_history.canGoBack()) {
        setView(m_history.back(), false);
        emit historyChanged();
    }
}

void MapCanvas::goForward()
{
    if (m_history.canGoForward()) {
        setView(m_history.forward(), false);
        emit historyChanged();
    }
}

void MapCanvas::setTool(MapTool *tool)
{
    if (m_tool)
        m_tool->cancel();
    m_tool = tool;
    setCursor(tool ? tool->cursor() : Qt::ArrowCursor);
}

MapItem MapCanvas::itemAt(QPointF widgetPos) const
{
    const QPointF map = m_view.toMap(widgetPos);
    for (const MapLayerPtr &layer : {m_map.cells, m_map.communities, m_map.subdistricts}) {
        if (!layer || !m_display.value(layer->id).visible)
            continue;
        const int id = layer->featureAt(map);
        if (id >= 0)
            return {layer->id, layer->features[id].code};
    }
    return {};
}

void MapCanvas::setSelection(const MapItem &item)
{
    if (m_selection == item)
        return;
    m_selection = item;
    update();
}

void MapCanvas::setHover(const MapItem &item)
{
    if (m_hover == item)
        return;
    m_hover = item;
    update();
}

void MapCanvas::setRubberBand(const QRect &rect)
{
    m_rubberBand = rect;
    update();
}

void MapCanvas::scheduleRender()
{
    m_coalesce.start();
}

void MapCanvas::startRender()
{
    if (!m_viewInitialised || !m_map.cells)
        return;
    if (m_watcher.isRunning()) {
        // Cancel the outdated job; jobFinished() starts the next one.
        m_cancel->store(true);
        m_pending = true;
        return;
    }
    m_pending = false;
    m_jobRunning = true;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_jobView = m_view;
    // The job holds copies of the scene (shared layer pointers) and view: no locks on any thread.
    const MapRenderJob job(scene(), m_view);
    const auto cancel = m_cancel;
    m_watcher.setFuture(
        QtConcurrent::run(threadpools::render(), [job, cancel] { return job.run(cancel.get()); }));
}

void MapCanvas::jobFinished()
{
    m_jobRunning = false;
    const QImage image = m_watcher.result();
    if (!image.isNull()) {
        m_image = image;
        m_imageView = m_jobView;
        update();
        emit renderFinished();
    }
    if (m_pending || !(m_jobView == m_view))
        scheduleRender();
}

const MapFeature *MapCanvas::featureOf(const MapItem &item) const
{
    for (const MapLayerPtr &layer : m_map.layers()) {
        if (layer && layer->id == item.layerId) {
            const int index = layer->indexOf(item.code);
            return index >= 0 ? &layer->features[index] : nullptr;
        }
    }
    return nullptr;
}

QColor MapCanvas::selectionColor()
{
    return QColor(0x00, 0xc8, 0xf0);
}

void MapCanvas::paintItem(QPainter &painter, const MapItem &item, const QPen &halo,
                          const QPen &line) const
{
    const MapFeature *feature = featureOf(item);
    if (!feature)
        return;
    QPainterPath path;
    path.setFillRule(Qt::OddEvenFill);
    const QTransform t = m_view.transform();
    for (const QPolygonF &ring : feature->rings)
        path.addPolygon(t.map(ring));
    painter.setBrush(Qt::NoBrush);
    for (const QPen &pen : {halo, line}) {
        QPen joined = pen;
        joined.setJoinStyle(Qt::RoundJoin);
        painter.setPen(joined);
        painter.drawPath(path);
    }
}

void MapCanvas::addOverlay(MapOverlay *overlay)
{
    m_overlays.append(overlay);
    connect(overlay, &MapOverlay::changed, this, &MapCanvas::scheduleRender);
    // gone: drawn no more
    connect(overlay, &QObject::destroyed, this, &MapCanvas::scheduleRender);
    scheduleRender();
}

bool MapCanvas::clickOverlays(QPointF widgetPos)
{
    for (auto it = m_overlays.crbegin(); it != m_overlays.crend(); ++it)
        if (*it && (*it)->click(widgetPos, m_view))
            return true;
    return false;
}

void MapCanvas::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    static const QColor background = MapScene().background; // no need to build a scene per paint
    painter.fillRect(rect(), background);
    if (!m_image.isNull()) {
        // The last image, placed where its extent lies in the current view.
        const QRectF e = m_imageView.extent();
        const QPointF topLeft = m_view.toScreen(QPointF(e.left(), e.bottom()));
        const QPointF bottomRight = m_view.toScreen(QPointF(e.right(), e.top()));
        const bool exact = m_imageView == m_view;
        painter.setRenderHint(QPainter::SmoothPixmapTransform, !exact);
        painter.drawImage(QRectF(topLeft, bottomRight), m_image);
    }
    painter.setRenderHint(QPainter::Antialiasing, true);
    // No fill: a fill would read as one more class of a thematic map. A white halo under a cyan
    // line, a colour no class ramp or case state uses, shows on any fill beneath.
    if (m_hover.isValid() && !(m_hover == m_selection))
        paintItem(painter, m_hover, QPen(QColor(255, 255, 255, 160), 4),
                  QPen(selectionColor(), 1.5, Qt::DashLine));
    if (m_selection.isValid())
        paintItem(painter, m_selection, QPen(QColor(255, 255, 255, 230), 7),
                  QPen(selectionColor(), 3));
    if (!m_rubberBand.isEmpty()) {
        painter.setPen(QPen(QColor(41, 128, 185), 1, Qt::DashLine));
        painter.setBrush(QColor(41, 128, 185, 40));
        painter.drawRect(m_rubberBand);
    }
    if (m_viewInitialised && m_map.cells) {
        mapdecorations::paintScaleBar(painter, m_view, m_map.metresPerUnit);
        mapdecorations::paintNorthArrow(painter, m_view);
        if (m_thematic && !m_thematic->legend.isEmpty()) { // what the colours mean, on the map
            MapScene legend;
            legend.passes = {*m_thematic};
            // top left: the scale bar and arrow hold the other corners' edges
            mapdecorations::paintLegend(painter, legend, m_view, QString(), Qt::TopLeftCorner);
        }
    }
}

void MapCanvas::resizeEvent(QResizeEvent *)
{
    if (!m_pendingFit.isNull()) {
        const QRectF fit = m_pendingFit;
        zoomToExtent(fit, false);
        return;
    }
    if (!m_viewInitialised && m_map.cells) {
        zoomToFullExtent();
        return;
    }
    MapView view = m_view;
    setView(view, false);
}

void MapCanvas::mousePressEvent(QMouseEvent *event)
{
    if (m_tool && m_tool->mousePress(event))
        return;
    QWidget::mousePressEvent(event);
}

void MapCanvas::mouseMoveEvent(QMouseEvent *event)
{
    emit cursorMoved(m_view.toMap(event->position()));
    if (m_tool && m_tool->mouseMove(event))
        return;
    QWidget::mouseMoveEvent(event);
}

void MapCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_tool && m_tool->mouseRelease(event))
        return;
    QWidget::mouseReleaseEvent(event);
}

void MapCanvas::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0)
        return;
    setView(m_view.zoomedBy(std::pow(1.25, steps), event->position()));
    event->accept();
}

void MapCanvas::keyPressEvent(QKeyEvent *event)
{
    const QPointF step(width() / 4.0, height() / 4.0);
    switch (event->key()) {
    case Qt::Key_Left:
        setView(m_view.pannedBy(QPointF(step.x(), 0)));
        break;
    case Qt::Key_Right:
        setView(m_view.pannedBy(QPointF(-step.x(), 0)));
        break;
    case Qt::Key_Up:
        setView(m_view.pannedBy(QPointF(0, step.y())));
        break;
    case Qt::Key_Down:
        setView(m_view.pannedBy(QPointF(0, -step.y())));
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.5);
        break;
    case Qt::Key_Minus:
        zoomBy(1 / 1.5);
        break;
    case Qt::Key_Home:
        zoomToFullExtent();
        break;
    case Qt::Key_Escape:
        if (m_tool)
            m_tool->cancel();
        setSelection({});
        emit itemClicked({});
        emit escapePressed();
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void MapCanvas::leaveEvent(QEvent *)
{
    setHover({});
}

} // namespace citygrid
