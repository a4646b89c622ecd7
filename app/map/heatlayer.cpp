// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "map/heatlayer.h"

#include "map/caselayer.h"

#include <QtConcurrent/QtConcurrentRun>

namespace citygrid {

HeatLayer::HeatLayer(CaseLayer &cases, QObject *parent) : MapOverlay(parent), m_cases(cases)
{
    connect(&m_cases, &CaseLayer::loaded, this, &HeatLayer::recompute);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        m_surface = m_watcher.result();
        emit changed();
        emit computed();
        if (m_again) {
            m_again = false;
            recompute();
        }
    });
}

const kerneldensity::Surface &HeatLayer::surface() const
{
    static const kerneldensity::Surface none;
    return m_surface ? m_surface->surface() : none;
}

void HeatLayer::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (enabled)
        recompute();
    emit changed();
}

void HeatLayer::setBandwidth(double metres)
{
    m_bandwidth = metres;
    recompute();
}

void HeatLayer::setGrid(const QRectF &extent, double metresPerUnit)
{
    m_extent = extent;
    m_metresPerUnit = metresPerUnit;
    recompute();
}

void HeatLayer::recompute()
{
    if (!m_enabled || m_extent.isEmpty())
        return;
    if (m_watcher.isRunning()) {
        m_again = true;
        return;
    }
    m_watcher.setFuture(QtConcurrent::run(&HeatSurface::estimate, m_cases.mapPositions(), m_extent,
                                          m_metresPerUnit, m_bandwidth));
}

MarkLayerPtr HeatLayer::marks() const
{
    return m_enabled ? m_surface : nullptr;
}

} // namespace citygrid
