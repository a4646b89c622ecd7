// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QList>
#include <QString>

#include <optional>

/// Classes for a thematic map: the bounds that split values into k classes.
namespace citygrid::classbreaks {

enum class Method {
    Quantile,      ///< about the same number of areas in each class
    NaturalBreaks, ///< Jenks: least squared deviation within classes (Fisher's exact method)
    EqualInterval, ///< classes of the same width from the minimum to the maximum
};

/// k + 1 ascending bounds, from the minimum to the maximum; class c holds the values in
/// (bounds[c], bounds[c + 1]], the first class also its lower bound. Fewer classes come back
/// when there are fewer distinct values than `classes`; none for no values.
/// Natural breaks on more than 4,000 values are found on an even sample of 4,000 of them (the
/// exact method grows with the square of the count).
QList<double> breaks(QList<double> values, int classes, Method method);

/// Manual classes: the bounds a user typed ("5, 10, 20") between the lowest and highest of
/// `values` (or of the typed bounds, where those reach further), so class c holds
/// (bounds[c], bounds[c + 1]] as for the other methods. `typed` must be finite and strictly
/// increasing (parseBounds checks that).
QList<double> manualBounds(const QList<double> &values, const QList<double> &typed);
/// "5, 10, 20" (commas, Chinese commas, semicolons or spaces between) as increasing numbers;
/// nullopt for an empty text, a word that is not a number, or bounds not strictly increasing.
std::optional<QList<double>> parseBounds(const QString &text);

/// The class of `value` under `bounds` (0-based; values outside fall in the first or last).
int classOf(double value, const QList<double> &bounds);

} // namespace citygrid::classbreaks
