// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "supervision/classbreaks.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace citygrid::classbreaks {

namespace {

/// Fisher's exact optimal partition of sorted `x` into k contiguous classes minimising the sum
/// of squared deviations from the class means; returns the upper bounds of the first k - 1.
QList<double> fisherJenks(const QList<double> &x, int k)
{
    const qsizetype n = x.size();
    // prefix sums give any class's squared deviation in constant time
    std::vector<double> sum(n + 1, 0.0), squares(n + 1, 0.0);
    for (qsizetype i = 0; i < n; ++i) {
        sum[i + 1] = sum[i] + x[i];
        squares[i + 1] = squares[i] + x[i] * x[i];
    }
    const auto cost = [&](qsizetype from, qsizetype to) { // x[from..to), to > from
        const double s = sum[to] - sum[from];
        return squares[to] - squares[from] - s * s / double(to - from);
    };
    constexpr double infinite = std::numeric_limits<double>::infinity();
    // best[c][j]: least cost of the first j values in c + 1 classes; cut[c][j]: where the last
    // of those classes starts (plain vectors: this loop runs k n² / 2 times)
    std::vector<std::vector<double>> best(k, std::vector<double>(n + 1, infinite));
    std::vector<std::vector<qsizetype>> cut(k, std::vector<qsizetype>(n + 1, 0));
    for (qsizetype j = 1; j <= n; ++j)
        best[0][j] = cost(0, j);
    for (int c = 1; c < k; ++c) {
        const std::vector<double> &before = best[c - 1];
        for (qsizetype j = c + 1; j <= n; ++j) {
            double least = infinite;
            qsizetype at = 0;
            for (qsizetype start = c; start < j; ++start) {
                const double total = before[start] + cost(start, j);
                if (total < least) {
                    least = total;
                    at = start;
                }
            }
            best[c][j] = least;
            cut[c][j] = at;
        }
    }
    QList<double> upper;
    qsizetype end = n;
    for (int c = k - 1; c > 0; --c) {
        end = cut[c][end];
        upper.prepend(x[end - 1]);
    }
    return upper;
}

} // namespace

QList<double> breaks(QList<double> values, int classes, Method method)
{
    values.erase(
        std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }),
        values.end());
    if (values.isEmpty() || classes < 1)
        return {};
    std::sort(values.begin(), values.end());
    QList<double> distinct = values;
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    // Quantiles and natural breaks cannot make more classes than there are distinct values.
    const int k = method == Method::EqualInterval
                      ? classes
                      : int(std::min<qsizetype>(classes, distinct.size()));
    const double min = values.first(), max = values.last();
    QList<double> inner;
    switch (method) {
    case Method::EqualInterval:
        for (int c = 1; c < k; ++c)
            inner << min + (max - min) * c / k;
        break;
    case Method::Quantile:
        for (int c = 1; c < k; ++c)
            inner << values[qsizetype(std::ceil(double(c) * values.size() / k)) - 1];
        break;
    case Method::NaturalBreaks: {
        constexpr qsizetype sampleSize = 4000;
        QList<double> sample = values;
        if (values.size() > sampleSize) {
            sample.clear();
            for (qsizetype i = 0; i < sampleSize; ++i)
                sample << values[i * (values.size() - 1) / (sampleSize - 1)];
        }
        inner = fisherJenks(sample, k);
        break;
    }
    }
    QList<double> bounds{min};
    for (double b : inner)
        if (b > bounds.last() && b < max)
            bounds << b;
    if (max > bounds.last() || bounds.size() == 1)
        bounds << max;
    return bounds;
}

QList<double> manualBounds(const QList<double> &values, const QList<double> &typed)
{
    double low = std::numeric_limits<double>::infinity(), high = -low;
    for (double v : values)
        if (std::isfinite(v)) {
            low = std::min(low, v);
            high = std::max(high, v);
        }
    if (typed.isEmpty() || !std::isfinite(low))
        return {};
    QList<double> bounds{std::min(low, typed.first())};
    for (double b : typed)
        if (b > bounds.last())
            bounds << b;
    if (high > bounds.last())
        bounds << high;
    return bounds;
}

std::optional<QList<double>> parseBounds(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[,，;；\\s]+"));
    QList<double> result;
    for (const QString &word : text.split(separators, Qt::SkipEmptyParts)) {
        bool ok = false;
        const double value = word.toDouble(&ok);
        if (!ok || !std::isfinite(value) || (!result.isEmpty() && value <= result.last()))
            return std::nullopt;
        result << value;
    }
    if (result.isEmpty())
        return std::nullopt;
    return result;
}

int classOf(double value, const QList<double> &bounds)
{
    const int classes = int(bounds.size()) - 1;
    for (int c = 0; c < classes; ++c)
        if (value <= bounds[c + 1])
            return c;
    return std::max(0, classes - 1);
}

} // namespace citygrid::classbreaks
