// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/indicators.h"

#include "base/jsonfile.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace citygrid {

namespace {

double percentOf(int part, int whole)
{
    return whole > 0 ? 100.0 * part / whole : qQNaN();
}

} // namespace

Indicators &Indicators::operator+=(const Indicators &o)
{
    filed += o.filed;
    due += o.due;
    closed += o.closed;
    closedOnTime += o.closedOnTime;
    deferred += o.deferred;
    deferredOnTime += o.deferredOnTime;
    extended += o.extended;
    handled += o.handled;
    reworked += o.reworked;
    overdueNow += o.overdueNow;
    handlingMinutes += o.handlingMinutes;
    for (auto it = o.categories.cbegin(); it != o.categories.cend(); ++it)
        categories[it.key()] += it.value();
    return *this;
}

double Indicators::closureRate() const
{
    return percentOf(closed, due);
}

double Indicators::onTimeRate() const
{
    return percentOf(closedOnTime, due);
}

double Indicators::onTimeRateExcludingDeferred() const
{
    return percentOf(closedOnTime - deferredOnTime, due - deferred);
}

double Indicators::reworkRate() const
{
    return percentOf(reworked, handled);
}

double Indicators::extensionRate() const
{
    return percentOf(extended, due);
}

double Indicators::averageHandlingHours() const
{
    if (handlingMinutes.isEmpty())
        return qQNaN();
    double sum = 0;
    for (int m : handlingMinutes)
        sum += m;
    return sum / handlingMinutes.size() / 60.0;
}

double Indicators::p90HandlingHours() const
{
    if (handlingMinutes.isEmpty())
        return qQNaN();
    QList<int> sorted = handlingMinutes;
    const auto rank = qsizetype(std::ceil(0.9 * double(sorted.size()))) - 1;
    std::nth_element(sorted.begin(), sorted.begin() + rank, sorted.end());
    return sorted[rank] / 60.0;
}

QList<std::pair<QString, int>> Indicators::topCategories(int n) const
{
    QList<std::pair<QString, int>> all;
    for (auto it = categories.cbegin(); it != categories.cend(); ++it)
        all.append({it.key(), it.value()});
    std::sort(all.begin(), all.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    return all.mid(0, n);
}

QStringList IndicatorWeights::indicatorIds()
{
    return {QStringLiteral("closure_rate"), QStringLiteral("on_time_rate"),
            QStringLiteral("on_time_rate_excluding_deferred"), QStringLiteral("rework_rate"),
            QStringLiteral("extension_rate")};
}

double IndicatorWeights::rate(const Indicators &v, const QString &indicator)
{
    switch (indicatorIds().indexOf(indicator)) {
    case 0:
        return v.closureRate();
    case 1:
        return v.onTimeRate();
    case 2:
        return v.onTimeRateExcludingDeferred();
    case 3:
        return v.reworkRate();
    case 4:
        return v.extensionRate();
    default:
        return qQNaN();
    }
}

Result<IndicatorWeights> IndicatorWeights::fromJson(const QByteArray &json)
{
    const auto parsed = parseJsonObject(json, QStringLiteral("indicators.json"),
                                        tr("The indicator weights are not valid JSON"));
    if (!parsed)
        return parsed.error();
    IndicatorWeights result;
    const QJsonArray list = parsed.value()[QLatin1String("score_weights")].toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject o = list[i].toObject();
        Weight w{o[QLatin1String("indicator")].toString(), o[QLatin1String("weight")].toDouble(-1),
                 o[QLatin1String("lower_is_better")].toBool()};
        if (!indicatorIds().contains(w.indicator))
            return Error{QStringLiteral("indicators.invalid"),
                         tr("Score weight %1 names an unknown indicator \"%2\"; known are: %3")
                             .arg(i + 1)
                             .arg(w.indicator, indicatorIds().join(QStringLiteral(", "))),
                         {}};
        if (!(w.weight > 0) || !std::isfinite(w.weight))
            return Error{
                QStringLiteral("indicators.invalid"),
                tr("Score weight %1 (%2) must be a number above zero").arg(i + 1).arg(w.indicator),
                {}};
        result.m_weights.append(w);
    }
    if (result.m_weights.isEmpty())
        return Error{QStringLiteral("indicators.invalid"),
                     tr("The indicator catalogue gives no score weights"),
                     {}};
    return result;
}

double IndicatorWeights::score(const Indicators &values) const
{
    double sum = 0, weights = 0;
    for (const Weight &w : m_weights) {
        const double r = rate(values, w.indicator);
        if (std::isnan(r))
            continue;
        sum += w.weight * (w.lowerIsBetter ? 100.0 - r : r);
        weights += w.weight;
    }
    return weights > 0 ? sum / weights : qQNaN();
}

} // namespace citygrid
