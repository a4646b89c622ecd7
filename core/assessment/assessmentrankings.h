// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentranking.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QDate>

namespace citygrid {

/// The published rankings of the months: revision 1 at publication, one more for each
/// correction, every revision kept. Borrows the Store.
class AssessmentRankings
{
    Q_DECLARE_TR_FUNCTIONS(AssessmentRankings)
public:
    explicit AssessmentRankings(Store &store) : m_store(store) {}

    /// A published month's ranking: the newest revision, or the one asked for.
    Result<QList<AssessmentRank>> of(QDate month, int revision = 0) const;
    /// The ranks of the month before `month`, if it was published (its newest revision).
    Result<QHash<QString, int>> previousRanks(QDate month) const;
    /// Writes the ranking `sheet` makes as `revision` of `month` (in the caller's transaction).
    Result<void> write(QDate month, const AssessmentSheet &sheet, int revision);

private:
    Store &m_store;
};

} // namespace citygrid
