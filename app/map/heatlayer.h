// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "map/mapoverlay.h"
#include "render/heatsurface.h"

#include <QFutureWatcher>

namespace citygrid {

class CaseLayer;

/// A heat layer over the map: the kernel density of the cases the case layer holds (the case
/// list's filter), computed on a worker over the grid's extent whenever they change and handed to
/// the canvas as a HeatSurface. The bandwidth is the user's, in metres, or 0 for the rule of
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
    double bandwidthUsed() const { return m_surface ? m_surface->bandwidthMetres() : 0; }
    /// The surface shown (empty before the first).
    const kerneldensity::Surface &surface() const;

    MarkLayerPtr marks() const override;

signals:
    void computed();

private:
    void recompute();

    CaseLayer &m_cases;
    bool m_enabled = false;
    bool m_again = false;
    double m_bandwidth = 0;
    QRectF m_extent;
    double m_metresPerUnit = 1;
    QFutureWatcher<std::shared_ptr<HeatSurface>> m_watcher;
    std::shared_ptr<const HeatSurface> m_surface;
};

} // namespace citygrid
