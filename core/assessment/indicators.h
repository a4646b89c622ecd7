// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>

namespace citygrid {

/// The evaluation indicators of one area, unit or post over a period (CJ/T 292, DB4403/T 32;
/// domain.md section 4). A case "falls due" in the period that holds the earlier of its deadline
/// and its closure, so every dispatched case is due in exactly one period. Rates are percentages,
/// NaN when their denominator is zero.
struct Indicators
{
    int filed = 0;              ///< 立案数: reported in the period and filed
    int due = 0;                ///< 应结案数: falling due in the period
    int closed = 0;             ///< of the due, closed by the end of the period
    int closedOnTime = 0;       ///< of the due, closed by their deadline
    int deferred = 0;           ///< of the due, deferred (缓办) at least once
    int deferredOnTime = 0;     ///< of the deferred due, closed on time
    int extended = 0;           ///< of the due, given an extension (延期)
    int handled = 0;            ///< of the due, given feedback by the unit
    int reworked = 0;           ///< of the due handled, failed verification at least once (返工)
    int overdueNow = 0;         ///< open past their deadline now, whatever the period
    QList<int> handlingMinutes; ///< working minutes from dispatch to feedback, of the due handled
    QHash<QString, int> categories; ///< filed cases per minor category (高发)

    Indicators &operator+=(const Indicators &o);

    double closureRate() const; ///< 结案率 = closed / due
    double onTimeRate() const;  ///< 按期结案率 = closed on time / due
    /// The variant that removes deferred cases from numerator and denominator.
    double onTimeRateExcludingDeferred() const;
    double reworkRate() const;    ///< 返工率 = reworked / handled
    double extensionRate() const; ///< 延期率 = extended / due
    double averageHandlingHours() const;
    /// The 90th percentile by nearest rank (the smallest value with at least 90 % at or below).
    double p90HandlingHours() const;
    /// The minor categories with the most filed cases, most first (ties by id), at most `n`.
    QList<std::pair<QString, int>> topCategories(int n) const;
};

/// The composite score (综合指标值, 0–100) as data: a weighted mean of rates, each counted as
/// itself or as 100 minus itself where lower is better. A rate without a value (nothing due)
/// drops out and the other weights count in its place; with none left the score is NaN.
class IndicatorWeights
{
    Q_DECLARE_TR_FUNCTIONS(IndicatorWeights)
public:
    struct Weight
    {
        QString indicator; ///< closure_rate, on_time_rate, on_time_rate_excluding_deferred,
                           ///< rework_rate, extension_rate
        double weight = 0;
        bool lowerIsBetter = false;
    };
    static QStringList indicatorIds();
    /// Parses indicators.json; an Error names the entry that is wrong.
    static Result<IndicatorWeights> fromJson(const QByteArray &json);
    static double rate(const Indicators &values, const QString &indicator);

    QList<Weight> weights() const { return m_weights; }
    double score(const Indicators &values) const;

private:
    QList<Weight> m_weights;
};

} // namespace citygrid
