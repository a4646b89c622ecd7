// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "cases/caserecord.h"
#include "catalogues/casecatalogues.h"
#include "grid/gridcatalogue.h"

#include <QJsonObject>

namespace citygrid {

/// A case as an Open311 GeoReport v2 service request: the minor category is the service_code, its
/// group the group, the unit the agency_responsible, the deadline the expected_datetime, the state
/// open/closed with the state itself in status_notes, the cell the address_id. What an export
/// file and the Open311 service both write. Pure.
namespace open311 {

QJsonObject request(const CaseRecord &record, const CaseCatalogues &catalogues,
                    const GridCatalogue &grid, bool english);

/// W3C date-time as GeoReport writes it (ISO 8601 with the offset), empty for none.
QString time(const QDateTime &t);

} // namespace open311

} // namespace citygrid
