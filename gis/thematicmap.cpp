// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "thematicmap.h"

#include "spatialstats.h"

#include <cmath>

namespace citygrid::thematicmap {

namespace {

QList<QColor> ramp(ColourScheme scheme)
{
    QList<const char *> hex;
    switch (scheme) {
    case ColourScheme::YellowOrangeRed:
        hex = {"#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"};
        break;
    case ColourScheme::Blues:
        hex = {"#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"};
        break;
    case ColourScheme::Viridis:
        hex = {"#fde725", "#90d743", "#35b779", "#21918c", "#31688e", "#443983", "#440154"};
        break;
    }
    QList<QColor> result;
    for (const char *h : hex)
        result << QColor(QLatin1String(h));
    return result;
}

/// The copy of `layer` whose features carry `valueOf(feature)`, with its style.
ThematicMap paint(const MapLayerPtr &layer, const QList<double> &classOfFeature,
                  const QList<QColor> &palette)
{
    auto copy = std::make_shared<MapLayerData>(*layer);
    ThematicMap map;
    for (qsizetype i = 0; i < copy->features.size(); ++i) {
        copy->features[i].value = classOfFeature[i];
        map.noData += std::isnan(classOfFeature[i]);
    }
    map.layer = copy;
    map.style.fill = LayerStyle::Fill::Graduated;
    map.style.palette = palette;
    map.style.minValue = 0;
    map.style.maxValue = double(std::max<qsizetype>(1, palette.size() - 1));
    map.style.fillColor = QColor(0xdd, 0xdd, 0xdd); // no data
    map.style.antialias = false;                    // the outlines drawn above cover the edges
    return map;
}

} // namespace

QList<QColor> colours(ColourScheme scheme, int classes)
{
    const QList<QColor> anchors = ramp(scheme);
    if (classes <= 1)
        return {anchors[anchors.size() / 2]};
    // evenly along the ramp, blending neighbouring anchors
    QList<QColor> result;
    for (int c = 0; c < classes; ++c) {
        const double t = double(c) * double(anchors.size() - 1) / double(classes - 1);
        const auto i = qsizetype(std::floor(t));
        const double f = t - double(i);
        const QColor &a = anchors[i];
        const QColor &b = anchors[std::min(i + 1, anchors.size() - 1)];
        result << QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * f),
                                   float(a.greenF() + (b.greenF() - a.greenF()) * f),
                                   float(a.blueF() + (b.blueF() - a.blueF()) * f));
    }
    return result;
}

ThematicMap classify(const MapLayerPtr &layer, const QHash<QString, double> &values,
                     classbreaks::Method method, int classes, ColourScheme scheme)
{
    QList<double> present;
    for (const MapFeature &f : layer->features)
        if (const double v = values.value(f.code, qQNaN()); !std::isnan(v))
            present << v;
    const QList<double> bounds = classbreaks::breaks(present, classes, method);
    const int k = int(std::max<qsizetype>(0, bounds.size() - 1));
    const QList<QColor> palette = colours(scheme, std::max(1, k));
    QList<double> classOf;
    QList<ThematicClass> legend;
    for (int c = 0; c < k; ++c)
        legend.append({bounds[c], bounds[c + 1], 0, palette[c]});
    for (const MapFeature &f : layer->features) {
        const double v = values.value(f.code, qQNaN());
        if (std::isnan(v) || k == 0) {
            classOf << qQNaN();
            continue;
        }
        const int c = classbreaks::classOf(v, bounds);
        ++legend[c].areas;
        classOf << double(c);
    }
    ThematicMap map = paint(layer, classOf, palette);
    map.classes = legend;
    return map;
}

ThematicMap hotSpots(const MapLayerPtr &layer, const QHash<QString, double> &counts, bool queen,
                     bool fdr)
{
    const qsizetype n = layer->features.size();
    QList<double> values;
    spatialstats::Neighbours neighbours(n);
    // A hundredth of the median area's size finds shared edges despite small digitising gaps.
    const double tolerance = layer->medianSize * 0.01;
    for (qsizetype i = 0; i < n; ++i) {
        values << counts.value(layer->features[i].code, 0);
        neighbours[i] = layer->neighbours(int(i), tolerance, queen);
    }
    const auto gi = spatialstats::getisOrdGiStar(values, neighbours);
    const QList<double> confidence = spatialstats::hotSpotConfidence(gi, fdr);
    const QList<QColor> palette{QColor(0x21, 0x66, 0xac), QColor(0x67, 0xa9, 0xcf),
                                QColor(0xd1, 0xe5, 0xf0), QColor(0xf2, 0xf2, 0xf2),
                                QColor(0xfd, 0xdb, 0xc7), QColor(0xef, 0x8a, 0x62),
                                QColor(0xb2, 0x18, 0x2b)};
    QList<ThematicClass> legend;
    const double levels[] = {-0.99, -0.95, -0.90, 0, 0.90, 0.95, 0.99};
    for (int c = 0; c < 7; ++c)
        legend.append({levels[c], levels[c], 0, palette[c]});
    QList<double> classOf;
    for (qsizetype i = 0; i < n; ++i) {
        int c = 3;
        if (confidence[i] > 0) {
            const int step = confidence[i] >= 0.99 ? 3 : confidence[i] >= 0.95 ? 2 : 1;
            c = gi[i].z > 0 ? 3 + step : 3 - step;
        }
        ++legend[c].areas;
        classOf << double(c);
    }
    ThematicMap map = paint(layer, classOf, palette);
    map.classes = legend;
    return map;
}

} // namespace citygrid::thematicmap
