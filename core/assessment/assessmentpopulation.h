// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "accounts/actinguser.h"
#include "assessment/assessmentsheet.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QDateTime>

namespace citygrid {

/// Each year's population per subdistrict, the one source of residents: the difficulty
/// coefficient of the assessment and the rates per 10,000 residents. Borrows the Store.
class AssessmentPopulation
{
    Q_DECLARE_TR_FUNCTIONS(AssessmentPopulation)
public:
    explicit AssessmentPopulation(Store &store) : m_store(store) {}

    /// A year's population per subdistrict: the year's own figures where entered, else those of
    /// the grid (the subdistricts table).
    Result<QHash<QString, Population>> of(int year) const;
    /// Stores a year's figures for the subdistricts given, all or none; each changed figure is a
    /// reference edit that sync carries. The figures move the difficulty coefficients, so only
    /// an account holding Right::DecideAssessment sets them.
    Result<void> set(int year, const QHash<QString, Population> &population, const ActingUser &who,
                     const QDateTime &at = QDateTime::currentDateTime());

private:
    Store &m_store;
};

} // namespace citygrid
