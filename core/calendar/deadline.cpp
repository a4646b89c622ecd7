// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "calendar/deadline.h"

namespace citygrid {

Result<Deadline::Unit> Deadline::parseUnit(const QString &text)
{
    if (text == QLatin1String("working_hours"))
        return Unit::WorkingHours;
    if (text == QLatin1String("working_days"))
        return Unit::WorkingDays;
    if (text == QLatin1String("natural_days"))
        return Unit::NaturalDays;
    if (text == QLatin1String("natural_hours"))
        return Unit::NaturalHours;
    return Error{QStringLiteral("deadline.unit"),
                 QCoreApplication::translate("Deadline",
                                             "Unknown deadline unit \"%1\" (use working_hours, "
                                             "working_days, natural_days or natural_hours)")
                     .arg(text),
                 {}};
}

QString Deadline::unitKey(Unit unit)
{
    switch (unit) {
    case Unit::WorkingHours:
        return QStringLiteral("working_hours");
    case Unit::WorkingDays:
        return QStringLiteral("working_days");
    case Unit::NaturalDays:
        return QStringLiteral("natural_days");
    case Unit::NaturalHours:
        return QStringLiteral("natural_hours");
    }
    return {};
}

QString Deadline::text() const
{
    const QString amount = QString::number(value);
    switch (unit) {
    case Unit::WorkingHours:
        return QCoreApplication::translate("Deadline", "%1 working hours").arg(amount);
    case Unit::WorkingDays:
        return QCoreApplication::translate("Deadline", "%1 working days").arg(amount);
    case Unit::NaturalDays:
        return QCoreApplication::translate("Deadline", "%1 days").arg(amount);
    case Unit::NaturalHours:
        return QCoreApplication::translate("Deadline", "%1 hours").arg(amount);
    }
    return amount;
}

} // namespace citygrid
