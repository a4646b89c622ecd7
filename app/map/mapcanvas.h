// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "map/mapoverlay.h"
#include "map/maptool.h"
#include "map/viewhistory.h"
#include "render/mapscene.h"
#include "render/mapview.h"

#include <QFutureWatcher>
#include <QImage>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>

namespace citygrid {

/// A feature on the map by layer and code.
struct MapItem
{
    QString layerId;
    QString code;
    bool isValid() const { return !layerId.isEmpty(); }
    bool operator==(const MapItem &) const = default;
};

/// The map widget. Composes the scene (the grid, a thematic map, the marks of its overlays) and
/// renders it off the GUI thread as the export does: a changed view or overlay coalesces into one
/// render job, an outdated job is cancelled, and until the new image arrives the last one is
/// drawn transformed to the current view, so pan and zoom answer at once. Only what answers the
/// hand is painted on top directly: selection, hover, rubber band, scale bar and north arrow.
/// GUI thread only.
class MapCanvas : public QWidget
{
    Q_OBJECT
public:
    explicit MapCanvas(QWidget *parent = nullptr);
    ~MapCanvas() override;

    void setGridMap(const GridMap &map);
    const GridMap &gridMap() const { return m_map; }
    void setLayerDisplay(const QHash<QString, LayerDisplay> &display);
    const QHash<QString, LayerDisplay> &layerDisplay() const { return m_display; }
    MapScene scene() const;
    /// Areas coloured by a thematic map instead of the subdistrict fills; none: the plain map.
    void setThematic(std::optional<LayerPass> pass);

    const MapView &view() const { return m_view; }
    /// Shows `view` (sized to this widget); `remember` adds it to the back/forward history.
    void setView(const MapView &view, bool remember = true);
    void zoomToExtent(const QRectF &mapRect, bool remember = true);
    void zoomToFullExtent();
    void zoomBy(double factor); ///< about the centre
    bool canGoBack() const { return m_history.canGoBack(); }
    bool canGoForward() const { return m_history.canGoForward(); }
    void goBack();
    void goForward();

    void setTool(MapTool *tool);
    MapTool *tool() const { return m_tool; }

    /// The topmost feature (cell, then community, then subdistrict) under a widget position.
    MapItem itemAt(QPointF widgetPos) const;
    void setSelection(const MapItem &item);
    MapItem selection() const { return m_selection; }
    /// The colour of the selected area's outline: one no class ramp or case state uses.
    static QColor selectionColor();
    void setHover(const MapItem &item);
    void setRubberBand(const QRect &rect); ///< empty rect hides it
    /// Draws the marks of `overlay` over the map until it is destroyed.
    void addOverlay(MapOverlay *overlay);
    /// Offers a click to the overlays, topmost first; true if one used it.
    bool clickOverlays(QPointF widgetPos);

    /// The last finished image and whether a job is still running (for tests and benchmarks).
    QImage renderedImage() const { return m_image; }
    /// A frame is on its way: rendering, or asked for and about to start.
    bool isRendering() const { return m_jobRunning || m_coalesce.isActive() || m_pending; }
    double metresPerUnit() const { return m_map.metresPerUnit; }

signals:
    /// Esc on the map: what is in progress is abandoned (the window leaves a mode on it).
    void escapePressed();
    void viewChanged(const citygrid::MapView &view);
    void cursorMoved(QPointF mapPos);
    void itemClicked(const citygrid::MapItem &item);
    void renderFinished();
    void historyChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void scheduleRender();
    void startRender();
    void jobFinished();
    const MapFeature *featureOf(const MapItem &item) const;
    /// The outline of an item, `halo` under `line`, unfilled.
    void paintItem(QPainter &painter, const MapItem &item, const QPen &halo,
                   const QPen &line) const;

    GridMap m_map;
    QHash<QString, LayerDisplay> m_display;
    std::optional<LayerPass> m_thematic;
    MapView m_view;
    bool m_viewInitialised = false;
    QRectF m_pendingFit; // an extent asked for before the widget had its real size
    ViewHistory m_history;
    QPointer<MapTool> m_tool;
    MapItem m_selection;
    MapItem m_hover;
    QRect m_rubberBand;
    QList<QPointer<MapOverlay>> m_overlays;

    QImage m_image;      // last finished render
    MapView m_imageView; // the view it was rendered for
    QTimer m_coalesce;
    QFutureWatcher<QImage> m_watcher;
    MapView m_jobView;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_pending = false;
    /// From the start of a job until its image is taken (the future finishes before that).
    bool m_jobRunning = false;
};

} // namespace citygrid
