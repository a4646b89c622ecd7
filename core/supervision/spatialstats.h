// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QList>
#include <QtGlobal>

/// Local spatial statistics on areas (grid cells): which cells are hot or cold spots, and which
/// form clusters or stand out from their neighbours. The areas' adjacency comes from the caller
/// (queen or rook contiguity); values are case counts or rates per area.
namespace citygrid::spatialstats {

/// For each area, the indexes of its neighbours (never itself).
using Neighbours = QList<QList<int>>;

/// Getis-Ord Gi* (Getis and Ord 1992; Ord and Getis 1995) with binary weights and the area itself
/// included (w_ii = 1):
///   Gi* = (sum_j w_ij x_j - mean * W_i) / (S * sqrt((n * W_i - W_i^2) / (n - 1)))
/// where W_i = sum_j w_ij (1 + its neighbour count), S = sqrt(sum x^2 / n - mean^2). Gi* is a
/// z-score; p is its two-sided normal probability.
struct GiStar
{
    double z = 0;
    double p = 1;
};
QList<GiStar> getisOrdGiStar(const QList<double> &values, const Neighbours &neighbours);

/// Benjamini-Hochberg false discovery rate: which tests stay significant at level `q` when all
/// of `pValues` are tested together.
QList<bool> significantAfterFdr(const QList<double> &pValues, double q);

/// The confidence (0.99, 0.95, 0.90) a hot or cold spot reaches, 0 for none; with `fdr` the
/// threshold of each level is corrected for the number of areas tested.
QList<double> hotSpotConfidence(const QList<GiStar> &gi, bool fdr);

/// Local Moran's I (Anselin 1995) with row-standardised weights:
///   I_i = (z_i / m2) * sum_j w_ij z_j,  z = x - mean,  m2 = sum z^2 / n.
/// p is a pseudo p-value from conditional permutations (the area's value held, the others
/// shuffled among its neighbours): (M + 1) / (R + 1), M the permutations at least as extreme on
/// the observed side. Areas without neighbours get I = 0, p = 1.
enum class LisaType { None, HighHigh, LowLow, HighLow, LowHigh };
struct Lisa
{
    double i = 0;
    double p = 1;
    LisaType quadrant = LisaType::None; ///< by the signs of z_i and its spatial lag
};
QList<Lisa> localMoran(const QList<double> &values, const Neighbours &neighbours, int permutations,
                       quint64 seed);

/// Normal distribution's two-sided tail probability of a z-score.
double twoSidedP(double z);

} // namespace citygrid::spatialstats
