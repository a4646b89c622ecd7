// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"

#include <QCoreApplication>
#include <QStringList>

namespace citygrid {

/// When a case warns and when it escalates, as data (alerts.json): a deadline warning once
/// `warningShareUsed` of the time limit is used or fewer than `warningMinutesLeft` working
/// minutes are left; an escalation to `escalateToRoles` once it is overdue. Value type.
class AlertRules
{
    Q_DECLARE_TR_FUNCTIONS(AlertRules)
public:
    static Result<AlertRules> fromJson(const QByteArray &json);

    double warningShareUsed() const { return m_share; }
    qint64 warningMinutesLeft() const { return m_minutesLeft; }
    const QStringList &escalateToRoles() const { return m_escalateTo; }

    /// Whether a case with `left` of `total` working minutes left is in its warning time.
    bool warns(qint64 left, qint64 total) const
    {
        return double(left) < double(total) * (1.0 - m_share) || left < m_minutesLeft;
    }

private:
    double m_share = 0.75;
    qint64 m_minutesLeft = 120;
    QStringList m_escalateTo{QStringLiteral("shift_leader")};
};

} // namespace citygrid
