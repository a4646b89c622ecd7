// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "accounts/accountscope.h"

namespace citygrid {

bool AccountScope::reaches(const Account &actor, const QString &unitId, const QString &cellCode)
{
    return check(actor, unitId, cellCode).ok();
}

Result<void> AccountScope::check(const Account &actor, const QString &unitId,
                                 const QString &cellCode)
{
    if (!actor.unitId.isEmpty() && actor.unitId != unitId)
        return Error{QStringLiteral("scope.unit"),
                     unitId.isEmpty()
                         ? tr("%1 acts for unit %2, and this case is not dispatched to it")
                               .arg(actor.name, actor.unitId)
                         : tr("This case is unit %1's; %2 acts for unit %3 only")
                               .arg(unitId, actor.name, actor.unitId),
                     {}};
    if (!actor.area.isEmpty() && !cellCode.startsWith(actor.area))
        return Error{QStringLiteral("scope.area"),
                     tr("This case lies outside %1's area (%2)").arg(actor.name, actor.area),
                     {}};
    return {};
}

} // namespace citygrid
