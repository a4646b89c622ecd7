// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>

namespace citygrid {

/// A month as people read and write it: every month menu, report, bulletin and command that
/// names a month goes through here.
class MonthText
{
    Q_DECLARE_TR_FUNCTIONS(MonthText)
public:
    /// The month of `first` in the user's language ("2026年10月", "October 2026").
    static QString name(QDate first);
    /// "2026-10" as the first day of the month; an Error says what a month looks like.
    static Result<QDate> parse(const QString &text);
};

} // namespace citygrid
