// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "accounts/actinguser.h"
#include "base/progress.h"
#include "base/result.h"
#include "grid/gridchange.h"
#include "grid/gridreader.h"
#include "grid/gridsource.h"
#include "io/importissue.h"

#include <QCoreApplication>

namespace citygrid {

/// What an import found and did.
struct ImportReport
{
    ImportIssues issues;
    GridSource grid;      ///< the grid as validated (with dissolved parents and areas)
    bool written = false; ///< true only if the store's grid was replaced
    GridChange change;    ///< what the replacement did to the district and its cases (if written)
};

/// The one path every grid takes into a store: read, validate, and only if nothing is wrong write
/// it in one transaction. The command line, the import dialog and the first start all use it.
class GridImport
{
    Q_DECLARE_TR_FUNCTIONS(GridImport)
public:
    /// Reads and validates `file` without touching any store (the dialog's preview, --dry-run).
    static Result<ImportReport> check(const QString &file, const GridReadOptions &options,
                                      const Progress &progress = {});
    /// Whether a grid that would change the district or leave cases without their cell may
    /// replace the store's.
    enum class Replace { IfHarmless, Confirmed };
    /// check(), then, when the report has no error, replaces the grid of the store at `storePath`
    /// and keeps the new grid as a reference record, so sync packages carry it to the other sites.
    /// The store's cases are placed again in the new cells by their positions. A replacement
    /// that needs confirmation (GridChange::needsConfirmation) is refused unless confirmed. `who`
    /// must hold Right::ImportGrid, unless the store has no account yet (a new site).
    static Result<ImportReport> run(const QString &file, const GridReadOptions &options,
                                    const QString &storePath, const ActingUser &who,
                                    const Progress &progress = {},
                                    Replace replace = Replace::IfHarmless);
    /// What replacing the grid of the store at `storePath` with `grid` would do (for the dialog
    /// to ask before it imports).
    static Result<GridChange> assess(const QString &storePath, const GridSource &grid);
    /// Applies a grid another site imported and a sync package brought, if this store has not
    /// applied it yet: through the same checks as any import (it is read from the record's
    /// GeoPackage). Returns whether it replaced the grid. Safe to call at every start: a grid
    /// that could not be applied (say, the disk was full) is tried again.
    static Result<bool> applyReceived(const QString &storePath, const Progress &progress = {});
    /// What replacing the grid of the store open on `db` with `grid` (from `file`) does to its
    /// cases; refused (import.confirm, what it would do in the detail) when that needs
    /// confirmation and `replace` does not give it. A file of the store's district that names
    /// none takes the district's names, and an area it leaves unnamed the store's name for it.
    static Result<GridChange> placeIn(const SqliteDb &db, GridSource &grid, const QString &file,
                                      Replace replace);
    /// What an import stopped by its user answers.
    static Error cancelled();
    /// The bundled default district: the three GeoJSON layers in `dir` (a resource path works).
    static Result<GridSource> readBundled(const QString &dir);
    /// Creates the store at `path` from the bundled district if no file is there yet.
    /// Returns true if it created one.
    static Result<bool> ensureStore(const QString &path, const QString &bundledDir);

private:
    /// Gives each feature without a name the name (and, if the table has them, `english`, the
    /// English name) the store's `table` has for its code.
    static Result<void> keepNames(const SqliteDb &db, const QString &table, bool english,
                                  QList<SourceFeature> &features);
    static Result<ImportReport> write(const QString &file, const GridReadOptions &options,
                                      const QString &storePath, const Progress &progress,
                                      const ActingUser *importer, Replace replace);
};

} // namespace citygrid
