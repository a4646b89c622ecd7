// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "render/layerstyle.h"

#include <algorithm>
#include <cmath>

namespace citygrid {

QColor LayerStyle::colorFor(qsizetype index, double value) const
{
    switch (fill) {
    case Fill::None:
        return {};
    case Fill::Single:
        return fillColor;
    case Fill::Categorical:
        return palette.isEmpty() ? fillColor : palette[index % palette.size()];
    case Fill::Graduated: {
        if (palette.isEmpty() || std::isnan(value))
            return fillColor;
        const double span = maxValue > minValue ? maxValue - minValue : 1;
        const double t =
            std::clamp((value - minValue) / span, 0.0, 1.0) * double(palette.size() - 1);
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

FillColors::FillColors(const LayerStyle &style) : m_mode(style.fill), m_values(style.values)
{
    if (style.fillColor.isValid())
        m_single = style.fillColor.rgba();
    for (const QColor &c : style.palette)
        m_palette.append(c.rgba());
    if (m_mode == LayerStyle::Fill::Graduated) {
        for (size_t i = 0; i < m_ramp.size(); ++i) {
            const double value =
                style.minValue + (style.maxValue - style.minValue) * double(i) / 255.0;
            m_ramp[i] = style.colorFor(0, value).rgba();
        }
        m_min = style.minValue;
        m_scale = style.maxValue > style.minValue ? 255.0 / (style.maxValue - style.minValue) : 0;
    }
}

QRgb FillColors::at(qsizetype index, double value) const
{
    switch (m_mode) {
    case LayerStyle::Fill::None:
        return 0;
    case LayerStyle::Fill::Single:
        return m_single;
    case LayerStyle::Fill::Categorical:
        return m_palette.isEmpty() ? m_single : m_palette[index % m_palette.size()];
    case LayerStyle::Fill::Graduated:
        if (index < m_values.size())
            value = m_values[index];
        if (std::isnan(value))
            return m_single;
        return m_ramp[size_t(std::clamp((value - m_min) * m_scale, 0.0, 255.0) + 0.5)];
    }
    return 0;
}

} // namespace citygrid
