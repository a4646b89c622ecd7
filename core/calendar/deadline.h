// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"

#include <QCoreApplication>
#include <QString>

namespace citygrid {

/// A time limit as the category catalogue states it: "4 working hours", "20 working days",
/// "3 natural days", or for emergencies, which the centre handles round the clock, "2 hours"
/// (natural hours). Plain value.
struct Deadline
{
    enum class Unit { WorkingHours, WorkingDays, NaturalDays, NaturalHours };
    double value = 0;
    Unit unit = Unit::WorkingHours;

    /// "working_hours" / "working_days" / "natural_days" / "natural_hours", as the catalogues write
    /// them.
    static Result<Unit> parseUnit(const QString &text);
    static QString unitKey(Unit unit);
    /// "4 working hours", "20 working days", "3 days", "2 hours", in the user's language.
    QString text() const;
    bool operator==(const Deadline &) const = default;
};

} // namespace citygrid
