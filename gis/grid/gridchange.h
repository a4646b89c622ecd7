// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"
#include "grid/gridsource.h"
#include "store/sqlitedb.h"

#include <QCoreApplication>
#include <QDateTime>

namespace citygrid {

/// What replacing a store's grid would do to the district and its cases: every case is placed
/// again, by its position, in the new cells. Computed before an import writes anything, so the
/// user can be asked; applied in the import's transaction. One thread at a time.
class GridChange
{
    Q_DECLARE_TR_FUNCTIONS(GridChange)
public:
    /// A case whose cell changes.
    struct Move
    {
        QString caseUuid;
        QString caseNo;
        QString from;
        QString to;
    };

    /// Places the cases of the store open on `db` in the cells of `grid`.
    static Result<GridChange> assess(const SqliteDb &db, const GridSource &grid);

    /// True when the import must be confirmed: the district changes, cells that cases lie in
    /// disappear, or cases would lie in no cell at all.
    bool needsConfirmation() const;
    /// What happens, in a few lines for the user.
    QString describe() const;
    /// Records each move as a "relocate" event of its case and updates the case rows; the caller
    /// holds the transaction.
    Result<void> apply(SqliteDb &db, const QString &siteId, const QDateTime &now) const;

    QString districtBefore, districtAfter;         ///< "code name"
    bool districtChanges = false;
    qint64 cases = 0;                              ///< cases in the store
    QList<Move> moves;                             ///< cases placed in another (new) cell
    QStringList outside;                           ///< numbers of cases in no new cell
    QStringList droppedInUse;                      ///< old cells cases lie in, gone from the grid
};

} // namespace citygrid
