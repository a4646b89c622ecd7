// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QColor>
#include <QList>

namespace citygrid {

/// How one pass over a layer is drawn. Plain value, copied into each render job.
struct LayerStyle
{
    enum class Fill { None, Single, Categorical, Graduated };
    Fill fill = Fill::None;
    QColor fillColor;
    QList<QColor> palette;    ///< Categorical: colour by feature index; Graduated: low..high ramp
    double minValue = 0;      ///< Graduated: value mapped to the first ramp colour
    double maxValue = 1;      ///< Graduated: value mapped to the last ramp colour
    QColor stroke;            ///< invalid: no outline
    double strokeWidth = 1;   ///< logical pixels
    /// Outlines give way below this feature size in pixels (the fill alone reads better).
    double minOutlinePixels = 4;
    double opacity = 1;

    QColor colorFor(qsizetype index, double value) const;
};

} // namespace citygrid
