// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "services/monthtext.h"

#include "services/language.h"

#include <QLocale>
#include <QRegularExpression>

namespace citygrid {

QString MonthText::name(QDate first)
{
    return language::isEnglish()
               ? QLocale(QLocale::English).toString(first, QStringLiteral("MMMM yyyy"))
               : QStringLiteral("%1年%2月").arg(first.year()).arg(first.month());
}

Result<QDate> MonthText::parse(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})-(\\d{2})$"));
    const auto match = pattern.match(text.trimmed());
    const QDate first =
        match.hasMatch() ? QDate(match.captured(1).toInt(), match.captured(2).toInt(), 1) : QDate();
    if (!first.isValid() || first.year() < 2000)
        return Error{QStringLiteral("report.month"),
                     tr("\"%1\" is not a month: give it as year and month, e.g. 2026-10").arg(text),
                     {}};
    return first;
}

} // namespace citygrid
