// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "supervision/spatialstats.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace citygrid::spatialstats {

double twoSidedP(double z)
{
    return std::erfc(std::abs(z) / std::sqrt(2.0));
}

QList<GiStar> getisOrdGiStar(const QList<double> &values, const Neighbours &neighbours)
{
    const qsizetype n = values.size();
    QList<GiStar> result(n);
    if (n < 2)
        return result;
    const double mean = std::accumulate(values.cbegin(), values.cend(), 0.0) / double(n);
    double squares = 0;
    for (double x : values)
        squares += x * x;
    const double s = std::sqrt(std::max(0.0, squares / double(n) - mean * mean));
    if (s == 0)
        return result; // every area alike: nothing is hot or cold
    for (qsizetype i = 0; i < n; ++i) {
        double sum = values[i];
        for (int j : neighbours[i])
            sum += values[j];
        const double w = double(neighbours[i].size() + 1);
        const double denominator = s * std::sqrt((double(n) * w - w * w) / double(n - 1));
        if (denominator <= 0)
            continue; // an area adjacent to all others carries no local signal
        result[i].z = (sum - mean * w) / denominator;
        result[i].p = twoSidedP(result[i].z);
    }
    return result;
}

QList<bool> significantAfterFdr(const QList<double> &pValues, double q)
{
    // Step-up: the largest rank k with p_(k) <= k/m * q; every test at or below it passes.
    const qsizetype m = pValues.size();
    QList<qsizetype> order(m);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](qsizetype a, qsizetype b) { return pValues[a] < pValues[b]; });
    qsizetype passing = 0;
    for (qsizetype k = 1; k <= m; ++k)
        if (pValues[order[k - 1]] <= double(k) / double(m) * q)
            passing = k;
    QList<bool> significant;
    significant.resize(m); // false; (m, false) trips a GCC 12 overflow warning
    for (qsizetype k = 0; k < passing; ++k)
        significant[order[k]] = true;
    return significant;
}

QList<double> hotSpotConfidence(const QList<GiStar> &gi, bool fdr)
{
    QList<double> p;
    for (const GiStar &g : gi)
        p << g.p;
    QList<double> confidence(gi.size(), 0.0);
    for (const double level : {0.90, 0.95, 0.99}) {
        QList<bool> passes;
        if (fdr) {
            passes = significantAfterFdr(p, 1 - level);
        } else {
            for (double value : p)
                passes << (value <= 1 - level);
        }
        for (qsizetype i = 0; i < gi.size(); ++i)
            if (passes[i])
                confidence[i] = level;
    }
    return confidence;
}

QList<Lisa> localMoran(const QList<double> &values, const Neighbours &neighbours, int permutations,
                       quint64 seed)
{
    const qsizetype n = values.size();
    QList<Lisa> result(n);
    if (n < 2)
        return result;
    const double mean = std::accumulate(values.cbegin(), values.cend(), 0.0) / double(n);
    QList<double> z(n);
    double m2 = 0;
    for (qsizetype i = 0; i < n; ++i) {
        z[i] = values[i] - mean;
        m2 += z[i] * z[i];
    }
    m2 /= double(n);
    if (m2 == 0)
        return result;
    std::mt19937_64 rng(seed);
    QList<int> others;
    for (qsizetype i = 0; i < n; ++i) {
        const QList<int> &near = neighbours[i];
        const qsizetype k = near.size();
        if (k == 0)
            continue;
        double lag = 0;
        for (int j : near)
            lag += z[j];
        lag /= double(k);
        Lisa &out = result[i];
        out.i = z[i] / m2 * lag;
        if (z[i] > 0)
            out.quadrant = lag > 0 ? LisaType::HighHigh : LisaType::HighLow;
        else if (z[i] < 0)
            out.quadrant = lag < 0 ? LisaType::LowLow : LisaType::LowHigh;
        if (permutations <= 0)
            continue;
        // Conditional randomisation: k values drawn without replacement from the other n - 1
        // (a partial Fisher-Yates shuffle of the indexes other than i).
        others.resize(n - 1);
        for (qsizetype j = 0, at = 0; j < n; ++j)
            if (j != i)
                others[at++] = int(j);
        int extreme = 0;
        for (int r = 0; r < permutations; ++r) {
            double permutedLag = 0;
            for (qsizetype d = 0; d < k; ++d) {
                std::uniform_int_distribution<qsizetype> pick(d, n - 2);
                std::swap(others[d], others[pick(rng)]);
                permutedLag += z[others[d]];
            }
            const double permuted = z[i] / m2 * permutedLag / double(k);
            if (out.i >= 0 ? permuted >= out.i : permuted <= out.i)
                ++extreme;
        }
        out.p = double(extreme + 1) / double(permutations + 1);
    }
    return result;
}

} // namespace citygrid::spatialstats
