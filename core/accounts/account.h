// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QDateTime>
#include <QString>

namespace citygrid {

/// Someone who may log in at this site: the account's name (what they type), the name shown, a
/// role of the role catalogue, and where the role's rights reach. Plain value, any thread.
struct Account
{
    QString name;        ///< "op01": letters, digits, '.', '_' or '-', starting with a letter
    QString displayName; ///< "张敏"
    QString roleId;
    QString unitId; ///< the responsible unit a unit's staff work for, else empty
    QString area;   ///< a subdistrict or community code the account is bound to, else empty
    bool enabled = true;
    QDateTime lockedUntil; ///< after five wrong passwords in 15 minutes; invalid when not locked
};

} // namespace citygrid
