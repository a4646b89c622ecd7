// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "map/mapoverlay.h"
#include "supervision/kerneldensity.h"

#include <QFutureWatcher>
#include <QImage>

namespace citygrid {

class CaseLayer;

/// A heat layer over the map: the kernel density of the cases the case layer holds (the case
/// list's filter), computed on a worker over the grid's extent and drawn translucent, light
/// yellow to dark red. The bandwidth is the user's, in metres, or 0 for the rule of
/// kerneldensity::suggestedBandwidth(). GUI thread.
class HeatLayer : public MapOverlay
{
    Q_OBJECT
public:
    HeatLayer(CaseLayer &cases, QObject *parent = nullptr);

    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    /// In metres; 0: by the rule.
    void setBandwidth(double metres);
    void setGrid(const QRectF &extent, double metresPerUnit);
    bool isComputing() const { return m_watcher.isRunning(); }
    /// The bandwidth of the surface shown, in metres.
    double bandwidthUsed() const { return m_used; }
    const kerneldensity::Surface &surface() const { return m_surface; }

    void paint(QPainter &painter, const MapView &view, const QList<QRectF> &labels) const override;
    bool click(QPointF, const MapView &) override { return false; }

signals:
    void computed();

private:
    void recompute();

    CaseLayer &m_cases;
    bool m_enabled = false;
    bool m_again = false;
    double m_bandwidth = 0;
    double m_used = 0;
    QRectF m_extent;
    double m_metresPerUnit = 1;
    QFutureWatcher<kerneldensity::Surface> m_watcher;
    kerneldensity::Surface m_surface;
    QImage m_image;
};

} // namespace citygrid
