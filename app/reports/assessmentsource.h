// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentstore.h"
#include "services/appcontext.h"
#include "supervision/casefacts.h"

/// What every front end of the "7+1" assessment (its window, `citygrid assess`, the demo) reads for
/// a month: the store's entries, with the computed points' figures taken from the case facts.
namespace citygrid::assessmentsource {

/// The subdistrict codes of the grid, in code order.
QStringList subdistricts(const GridCatalogue &grid);
/// The figures of every subdistrict for the month; empty without facts (not read yet).
Result<QHash<QString, QHash<QString, double>>> figures(AppContext &context, const CaseFacts *facts,
                                                       QDate month);
/// The month put together (figures frozen once it was submitted).
Result<AssessmentSheet> sheet(AppContext &context, const CaseFacts *facts, QDate month);

} // namespace citygrid::assessmentsource
