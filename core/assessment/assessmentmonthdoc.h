// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"
#include "store/sqlitedb.h"

#include <QJsonObject>

/// A "7+1" month as one document, the form in which a workstation's copy of the centre shares
/// it through the server (shareddocuments): {state, revision, scheme: {uuid, scheme, saved_at,
/// saved_by, note}, scores, surveys, events, results, figures}, each of the last five an array
/// of rows of the month's table (its columns in a fixed order, the month itself left out).
namespace citygrid::assessmentmonthdoc {

inline QString kind()
{
    return QStringLiteral("assessment.month");
}

/// The month (yyyy-MM) as this store holds it; a month never written: a draft without rows.
Result<QJsonObject> read(SqliteDb &db, const QString &month);
/// Puts `document` in place of the month's rows: scores and surveys that changed and events
/// new here are sealed into the record chain as any local write is; a scheme version the store
/// lacks is added. In the caller's transaction.
Result<void> write(SqliteDb &db, const QString &month, const QJsonObject &document);
/// Why `document` is not a month this CityGrid can take (translated); empty: it is.
QString problem(const QString &month, const QJsonObject &document);

} // namespace citygrid::assessmentmonthdoc
