// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "layerstyle.h"

#include <algorithm>
#include <cmath>

namespace citygrid {

QColor LayerStyle::colorFor(qsizetype index, double value) const
{
    switch (fill) {
    case Fill::None: return {};
    case Fill::Single: return fillColor;
    case Fill::Categorical: return palette.isEmpty() ? fillColor : palette[index % palette.size()];
    case Fill::Graduated: {
        if (palette.isEmpty() || std::isnan(value))
            return fillColor;
        const double span = maxValue > minValue ? maxValue - minValue : 1;
        const double t = std::clamp((value - minValue) / span, 0.0, 1.0) * double(palette.size() - 1);
        const auto i = qsizetype(std::floor(t));
        if (i >= palette.size() - 1)
            return palette.last();
        const double f = t - double(i);
        const QColor &a = palette[i], &b = palette[i + 1];
        return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * f),
                                float(a.greenF() + (b.greenF() - a.greenF()) * f),
                                float(a.blueF() + (b.blueF() - a.blueF()) * f));
    }
    }
    return {};
}

} // namespace citygrid
