// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QLocale>
#include <QString>

#include <cmath>

/// Numbers as reports and tables print them, in the user's locale; "–" for NaN (nothing to
/// measure).
namespace citygrid::numbertext {

inline QString whole(double v)
{
    return std::isnan(v) ? QStringLiteral("–") : QLocale().toString(qint64(std::llround(v)));
}
inline QString decimals(double v, int places)
{
    return std::isnan(v) ? QStringLiteral("–") : QLocale().toString(v, 'f', places);
}
inline QString oneDecimal(double v)
{
    return decimals(v, 1);
}
inline QString percent(double v)
{
    return std::isnan(v) ? QStringLiteral("–") : oneDecimal(v) + QStringLiteral("%");
}
inline QString signedDecimal(double v)
{
    return std::isnan(v) ? QStringLiteral("–")
                         : (v > 0 ? QStringLiteral("+") : QString()) + oneDecimal(v);
}

} // namespace citygrid::numbertext
