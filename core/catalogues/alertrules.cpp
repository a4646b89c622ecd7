// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "catalogues/alertrules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace citygrid {

Result<AlertRules> AlertRules::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject())
        return Error{QStringLiteral("catalogue.json"),
                     tr("not a JSON object (%1)").arg(parseError.errorString()),
                     {}};
    const QJsonObject o = doc.object();
    AlertRules rules;
    const QJsonValue share = o.value(QLatin1String("warning_share_used"));
    if (!share.isDouble() || share.toDouble() <= 0 || share.toDouble() >= 1)
        return Error{QStringLiteral("catalogue.alerts"),
                     tr("warning_share_used must be a number between 0 and 1 (0.75: warn once "
                        "three quarters of the time limit are used)"),
                     {}};
    rules.m_share = share.toDouble();
    const QJsonValue minutes = o.value(QLatin1String("warning_minutes_left"));
    if (!minutes.isDouble() || minutes.toDouble() < 0 || minutes.toDouble() > 100000)
        return Error{QStringLiteral("catalogue.alerts"),
                     tr("warning_minutes_left must be a number of working minutes, 0 or more"),
                     {}};
    rules.m_minutesLeft = qint64(minutes.toDouble());
    const QJsonValue roles = o.value(QLatin1String("escalate_to_roles"));
    if (!roles.isArray())
        return Error{QStringLiteral("catalogue.alerts"),
                     tr("escalate_to_roles must list the roles told of overdue cases"),
                     {}};
    rules.m_escalateTo.clear();
    for (const QJsonValue &role : roles.toArray()) {
        if (!role.isString() || role.toString().isEmpty())
            return Error{QStringLiteral("catalogue.alerts"),
                         tr("escalate_to_roles must list role ids, e.g. \"shift_leader\""),
                         {}};
        rules.m_escalateTo.append(role.toString());
    }
    return rules;
}

} // namespace citygrid
