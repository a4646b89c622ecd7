// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <functional>

#include "base/result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace citygrid {

class SqliteDb;

/// Brings a store's schema forward, one version at a time, after copying the file aside, inside one
/// transaction so that a store is never half-migrated. Used by Store::open; any thread.
class StoreMigrator
{
    Q_DECLARE_TR_FUNCTIONS(StoreMigrator)
public:
    struct Step
    {
        int fromVersion; ///< applies to a store at this version and leaves it at fromVersion + 1
        QString sql;
        /// What SQL cannot do, run after `sql` in the same transaction (may be empty).
        std::function<Result<void>(SqliteDb &)> then = {};
    };
    explicit StoreMigrator(QList<Step> steps) : m_steps(std::move(steps)) {}
    /// The steps of this build, from the first released schema on.
    static QList<Step> builtinSteps();

    /// Migrates `db` from `current` to `target`; on success returns the backup file's path.
    Result<QString> migrate(SqliteDb &db, int current, int target) const;
    /// The steps alone, in one transaction, without a backup (a store being created has nothing
    /// to lose).
    Result<void> applySteps(SqliteDb &db, int current, int target) const;

private:
    QList<Step> m_steps;
};

} // namespace citygrid
