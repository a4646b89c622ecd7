// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "centre/pgconnection.h"

#include <QMap>

namespace citygrid {

/// What a centre database holds: its schema and district, the server, and how many rows of each
/// kind (as the connected account may see them). Plain value.
struct CentreStatus
{
    int schema = 0; ///< 0: no CityGrid centre in this database
    QString districtCode, districtName, createdAt;
    /// the grid replaced at the centre since it was made: when (UTC), by whom, from which file
    QString gridAt, gridBy, gridSource;
    QString serverVersion, postgisVersion;
    QString database, endpoint, user;
    /// "cells", "cases", "events", "accounts" …; "months" and "published" ("7+1", schema 4 on)
    QMap<QString, qint64> counts;
    qint64 lastEvent = 0;         ///< the newest event's number

    /// Reads it through `conn`.
    static Result<CentreStatus> read(PgConnection &conn);
};

} // namespace citygrid
