// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QColor>
#include <QList>

#include <array>

namespace citygrid {

/// How one pass over a layer is drawn. Plain value, copied into each render job.
struct LayerStyle
{
    enum class Fill { None, Single, Categorical, Graduated };
    Fill fill = Fill::None;
    QColor fillColor;
    QList<QColor> palette; ///< Categorical: colour by feature index; Graduated: low..high ramp
    double minValue = 0;   ///< Graduated: value mapped to the first ramp colour
    double maxValue = 1;   ///< Graduated: value mapped to the last ramp colour
    /// Graduated: the value of each feature by index, in place of the features' own (a thematic
    /// map colours a shared layer without copying its 200,000 features); empty: their own.
    QList<double> values;
    QColor stroke;          ///< invalid: no outline
    double strokeWidth = 1; ///< logical pixels
    /// Outlines give way below this feature size in pixels (the fill alone reads better).
    double minOutlinePixels = 4;
    double opacity = 1;
    /// Off where a later pass strokes the same edges anyway: aliased fills are three times cheaper.
    bool antialias = true;

    QColor colorFor(qsizetype index, double value) const;
};

/// A LayerStyle's fill colours resolved into a lookup table once per render pass, so that a
/// feature's colour costs an array read (200,000 cells a frame at city scale). 0 means no fill.
class FillColors
{
public:
    explicit FillColors(const LayerStyle &style);
    QRgb at(qsizetype index, double value) const;

private:
    LayerStyle::Fill m_mode;
    QRgb m_single = 0;
    QList<QRgb> m_palette;
    QList<double> m_values; // LayerStyle::values
    std::array<QRgb, 256> m_ramp{};
    double m_min = 0;
    double m_scale = 0;
};

} // namespace citygrid
