// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "centre/centrelink.h"
#include "grid/gridimport.h"

namespace citygrid {

/// A grid imported at a workstation of the centre: read and checked as every import is, its
/// effect on the cases worked out on the workstation's copy (and confirmed when it must be),
/// then put in place on the centre's server (CentreGrid::replace), which places every case
/// again; the workstations, this one too, take it from there as they catch up.
class CentreGridImport
{
    Q_DECLARE_TR_FUNCTIONS(CentreGridImport)
public:
    /// `storePath`: the workstation's copy; `centre`: its link to the server, through which a
    /// connection of the import's own is opened (so this runs on a worker thread). `who` must
    /// hold Right::ImportGrid, here and at the server.
    static Result<ImportReport> run(const QString &file, const GridReadOptions &options,
                                    const QString &storePath, const CentreLink &centre,
                                    const ActingUser &who, const Progress &progress = {},
                                    GridImport::Replace replace = GridImport::Replace::IfHarmless);
};

} // namespace citygrid
