// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"

#include <QCoreApplication>
#include <QStringList>
#include <QVariant>

namespace citygrid {

/// A table on screen (a ranking, indicators) to a file a spreadsheet opens: XLSX or CSV (UTF-8
/// with a byte order mark, as Excel wants it), written by GDAL. A column whose values are all
/// numbers is written as numbers, so the sheet sums and sorts them; NaN is an empty cell.
class TableExport
{
    Q_DECLARE_TR_FUNCTIONS(TableExport)
public:
    /// "xlsx" or "csv" from the file name, empty for anything else.
    static QString formatOf(const QString &path);
    static Result<void> write(const QString &path, const QString &sheet, const QStringList &header,
                              const QList<QVariantList> &rows);
};

} // namespace citygrid
