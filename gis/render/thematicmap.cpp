// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "render/thematicmap.h"

#include "supervision/spatialstats.h"

#include <algorithm>
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
    ThematicMap map;
    map.layer = layer; // shared: the classes travel in the style
    map.classOf = classOfFeature;
    for (double c : classOfFeature)
        map.noData += std::isnan(c);
    map.style.fill = LayerStyle::Fill::Graduated;
    map.style.values = classOfFeature;
    map.style.palette = palette;
    map.style.minValue = 0;
    map.style.maxValue = double(std::max<qsizetype>(1, palette.size() - 1));
    map.style.fillColor = QColor(0xdd, 0xdd, 0xdd); // no data
    map.style.antialias = false;                    // the outlines drawn above cover the edges
    return map;
}

} // namespace

QList<double> byFeature(const MapLayerData &layer, const QHash<QString, double> &values,
                        double missing)
{
    QList<double> result;
    result.reserve(layer.features.size());
    for (const MapFeature &f : layer.features)
        result << values.value(f.code, missing);
    return result;
}

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

ThematicMap classify(const MapLayerPtr &layer, const QList<double> &values,
                     classbreaks::Method method, int classes, ColourScheme scheme, bool highIsGood)
{
    // breaks() drops the NaNs (no data) itself
    return classifyWith(layer, values, classbreaks::breaks(values, classes, method), scheme,
                        highIsGood);
}

ThematicMap classifyWith(const MapLayerPtr &layer, const QList<double> &values,
                         const QList<double> &bounds, ColourScheme scheme, bool highIsGood)
{
    const int k = int(std::max<qsizetype>(0, bounds.size() - 1));
    QList<QColor> palette = colours(scheme, std::max(1, k));
    if (highIsGood)
        std::reverse(palette.begin(), palette.end());
    QList<double> classOf;
    classOf.reserve(layer->features.size());
    QList<ThematicClass> legend;
    for (int c = 0; c < k; ++c)
        legend.append({bounds[c], bounds[c + 1], 0, palette[c]});
    for (qsizetype i = 0; i < layer->features.size(); ++i) {
        const double v = values.value(i, qQNaN());
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

spatialstats::Neighbours contiguity(const MapLayerPtr &layer, bool queen)
{
    // Finding the neighbours of 200,000 cells takes seconds; the layers are immutable, so the
    // last few answers are kept (per thread) for as long as their layer lives.
    struct Kept
    {
        std::weak_ptr<const MapLayerData> layer;
        bool queen;
        spatialstats::Neighbours neighbours;
    };
    thread_local QList<Kept> kept;
    for (const Kept &k : std::as_const(kept))
        if (k.queen == queen && k.layer.lock() == layer)
            return k.neighbours;
    spatialstats::Neighbours neighbours(layer->features.size());
    // A hundredth of the median area's size finds shared edges despite small digitising gaps.
    const double tolerance = layer->medianSize * 0.01;
    for (qsizetype i = 0; i < neighbours.size(); ++i)
        neighbours[i] = layer->neighbours(int(i), tolerance, queen);
    kept.prepend({layer, queen, neighbours});
    if (kept.size() > 4)
        kept.removeLast();
    return neighbours;
}

ThematicMap hotSpots(const MapLayerPtr &layer, const QList<double> &counts, bool queen, bool fdr)
{
    const qsizetype n = layer->features.size();
    const auto gi = spatialstats::getisOrdGiStar(counts, contiguity(layer, queen));
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

ThematicMap clusters(const MapLayerPtr &layer, const QList<double> &counts, bool queen, bool fdr,
                     int permutations, quint64 seed)
{
    const qsizetype n = layer->features.size();
    const auto lisa =
        spatialstats::localMoran(counts, contiguity(layer, queen), permutations, seed);
    QList<double> p;
    for (const auto &l : lisa)
        p << l.p;
    QList<bool> significant;
    if (fdr) {
        significant = spatialstats::significantAfterFdr(p, 0.05);
    } else {
        for (double value : p)
            significant << (value <= 0.05);
    }
    // legend order: high-high, low-low, high-low, low-high, not significant
    const QList<QColor> palette{QColor(0xd7, 0x19, 0x1c), QColor(0x2c, 0x7b, 0xb6),
                                QColor(0xfd, 0xae, 0x61), QColor(0xab, 0xd9, 0xe9),
                                QColor(0xf2, 0xf2, 0xf2)};
    QList<ThematicClass> legend;
    for (int c = 0; c < 5; ++c)
        legend.append({double(c), double(c), 0, palette[c]});
    QList<double> classOf;
    for (qsizetype i = 0; i < n; ++i) {
        int c = 4;
        if (significant[i]) {
            switch (lisa[i].quadrant) {
            case spatialstats::LisaType::HighHigh:
                c = 0;
                break;
            case spatialstats::LisaType::LowLow:
                c = 1;
                break;
            case spatialstats::LisaType::HighLow:
                c = 2;
                break;
            case spatialstats::LisaType::LowHigh:
                c = 3;
                break;
            case spatialstats::LisaType::None:
                break;
            }
        }
        ++legend[c].areas;
        classOf << double(c);
    }
    ThematicMap map = paint(layer, classOf, palette);
    map.classes = legend;
    return map;
}

} // namespace citygrid::thematicmap
