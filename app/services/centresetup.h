// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "accounts/account.h"
#include "base/result.h"
#include "centre/centreschema.h"
#include "grid/gridsource.h"

namespace citygrid {

class PgConnection;

namespace centresetup {

/// Makes CityGrid's centre in the empty database `conn` is connected to (as the role that owns
/// it): the schema, the bundled district's grid and catalogues, and the first administrator
/// `admin` with `password`. One transaction: a refusal (the database not empty, a weak password)
/// leaves the database as it was. Returns the district loaded.
Result<GridSource> init(PgConnection &conn, const Account &admin, const QString &password);
/// Brings the centre `conn` holds to this CityGrid's schema and rules (as the role that owns
/// it), in one transaction.
Result<CentreSchema::Upgraded> upgrade(PgConnection &conn);

} // namespace centresetup
} // namespace citygrid
