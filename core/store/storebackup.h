// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/progress.h"
#include "base/result.h"
#include "store/sqlitedb.h"

#include <QCoreApplication>

namespace citygrid {

/// A copy of the store taken through its open connection with SQLite's online backup, so other
/// workstations and commands may go on writing: the copy is the store as of one moment. Written
/// beside the target, checked (integrity), made readable by its owner only, then moved over the
/// target in one rename; a failure leaves no file and the store untouched.
class StoreBackup
{
    Q_DECLARE_TR_FUNCTIONS(StoreBackup)
public:
    struct Written
    {
        qint64 pages = 0;
        qint64 bytes = 0;
    };
    static Result<Written> write(const SqliteDb &store, const QString &target,
                                 const Progress &progress = {});
};

} // namespace citygrid
