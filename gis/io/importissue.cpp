// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "io/importissue.h"

#include <QCoreApplication>

#include <algorithm>

namespace citygrid {

QString ImportIssue::toText() const
{
    const QString prefix = severity == Severity::Error
                               ? QCoreApplication::translate("ImportIssue", "error")
                               : QCoreApplication::translate("ImportIssue", "warning");
    QString where;
    if (!layer.isEmpty())
        where += layer;
    if (fid >= 0)
        where += QCoreApplication::translate("ImportIssue", " feature %1").arg(fid);
    if (!code.isEmpty())
        where += QCoreApplication::translate("ImportIssue", " (code %1)").arg(code);
    return where.isEmpty()
               ? prefix + QStringLiteral(": ") + message
               : prefix + QStringLiteral(": ") + where.trimmed() + QStringLiteral(": ") + message;
}

bool hasErrors(const ImportIssues &issues)
{
    return std::any_of(issues.cbegin(), issues.cend(), [](const ImportIssue &i) {
        return i.severity == ImportIssue::Severity::Error;
    });
}

} // namespace citygrid
