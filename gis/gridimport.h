// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "gridreader.h"
#include "gridsource.h"
#include "importissue.h"
#include "progress.h"
#include "result.h"

#include <QCoreApplication>

namespace citygrid {

/// What an import found and did.
struct ImportReport
{
    ImportIssues issues;
    GridSource grid;      ///< the grid as validated (with dissolved parents and areas)
    bool written = false; ///< true only if the store's grid was replaced
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
    /// check(), then, when the report has no error, replaces the grid of the store at `storePath`.
    static Result<ImportReport> run(const QString &file, const GridReadOptions &options,
                                    const QString &storePath, const Progress &progress = {});
    /// The bundled default district: the three GeoJSON layers in `dir` (a resource path works).
    static Result<GridSource> readBundled(const QString &dir);
    /// Creates the store at `path` from the bundled district if no file is there yet.
    /// Returns true if it created one.
    static Result<bool> ensureStore(const QString &path, const QString &bundledDir);
};

} // namespace citygrid
