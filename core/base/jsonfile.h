// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace citygrid {

/// The top-level object of a JSON catalogue, or an Error that names the catalogue (`what`,
/// translated) and carries the parser's own text as detail.
inline Result<QJsonObject> parseJsonObject(const QByteArray &json, const QString &code,
                                           const QString &what)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject())
        return Error{code, what,
                     parseError.error == QJsonParseError::NoError
                         ? QStringLiteral("the top level is not an object")
                         : parseError.errorString()};
    return doc.object();
}

} // namespace citygrid
