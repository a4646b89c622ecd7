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
    QString serverVersion, postgisVersion;
    QString database, endpoint, user;
    QMap<QString, qint64> counts; ///< "cells", "cases", "events", "accounts" …
    qint64 lastEvent = 0;         ///< the newest event's number

    /// Reads it through `conn`.
    static Result<CentreStatus> read(PgConnection &conn);
};

} // namespace citygrid
