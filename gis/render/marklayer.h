// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "render/mapview.h"

#include <QColor>
#include <QList>
#include <QRectF>
#include <QString>

#include <memory>

class QPainter;

namespace citygrid {

/// One line of a legend: a swatch and what it means.
struct LegendEntry
{
    QColor colour;
    QString label;  ///< translated ("12 – 30", "Hot spot, 99% confidence")
    int count = -1; ///< areas or cases in the class; -1: not shown
};

/// What a mark layer adds to a legend: a heading and its swatches.
struct MarkLegend
{
    QString title; ///< translated; empty: nothing in the legend
    QList<LegendEntry> entries;
};

/// Something drawn over the areas of a map that is not an area: case symbols and counts, a heat
/// surface. An immutable snapshot, shared by the scene that holds it and the render jobs that
/// paint it, so any thread may paint it while the GUI makes the next one.
class MarkLayer
{
public:
    virtual ~MarkLayer() = default;
    /// Paints in `view`'s logical pixels. `labels`: where the map's names lie; marks that can
    /// move keep clear of them (a name is worth more than a badge).
    virtual void paint(QPainter &painter, const MapView &view,
                       const QList<QRectF> &labels) const = 0;
    /// Whether the names are painted above this layer in `view` (counts, densities), or it above
    /// them (single symbols, each one a thing to click).
    virtual bool belowLabels(const MapView &view) const
    {
        Q_UNUSED(view);
        return true;
    }
    /// What the marks mean in `view`, for the legend of an exported map.
    virtual MarkLegend legend(const MapView &view) const
    {
        Q_UNUSED(view);
        return {};
    }
};

using MarkLayerPtr = std::shared_ptr<const MarkLayer>;

} // namespace citygrid
