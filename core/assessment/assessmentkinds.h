// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentrows.h"
#include "sync/refkinds.h"

/// The assessment's reference data that sync carries:
///
/// - population: key year/subdistrict code; {registered, nonregistered}; assessment_population.
/// - scheme: key the version's id; {scheme, saved_at, saved_by, note}; assessment_schemes.
namespace citygrid::assessmentkinds {

inline QString population()
{
    return QStringLiteral("population");
}
inline QString scheme()
{
    return QStringLiteral("scheme");
}

QString populationKey(int year, const QString &subdistrict);
QJsonValue populationValue(const Population &population);
QJsonValue schemeValue(const assessmentrows::SchemeRow &row);

/// Registers population and scheme, and the documents a centre's workstations share through
/// the server: a month (assessmentmonthdoc) and its evidence (AssessmentEvidence).
void addTo(RefKinds &kinds);

} // namespace citygrid::assessmentkinds
