// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/assessmentpopulation.h"

#include "assessment/assessmentkinds.h"
#include "assessment/assessmentrows.h"
#include "store/storeschema.h"
#include "sync/refrecords.h"

namespace citygrid {

Result<QHash<QString, Population>> AssessmentPopulation::of(int year) const
{
    QHash<QString, Population> result;
    auto grid = Statement::prepare(
        m_store.db(), QStringLiteral("SELECT code, pop_registered, pop_nonregistered FROM %1")
                          .arg(storeschema::subdistrictsTable()));
    if (!grid)
        return grid.error();
    if (auto r = grid.value().forEachRow([&](const Statement &s) {
            result.insert(s.text(0), {s.integer(1), s.integer(2)});
        });
        !r)
        return r.error();
    auto own = Statement::prepare(
        m_store.db(),
        QStringLiteral("SELECT subdistrict_code, registered, nonregistered FROM %1 WHERE year = ?1")
            .arg(storeschema::assessmentPopulationTable()));
    if (!own)
        return own.error();
    own.value().bind(1, qint64(year));
    if (auto r = own.value().forEachRow([&](const Statement &s) {
            result.insert(s.text(0), {s.integer(1), s.integer(2)});
        });
        !r)
        return r.error();
    return result;
}

Result<void> AssessmentPopulation::set(int year, const QHash<QString, Population> &population,
                                       const ActingUser &who, const QDateTime &at)
{
    for (const Population &p : population)
        if (p.registered < 0 || p.nonRegistered < 0 || p.registered + p.nonRegistered == 0)
            return Error{QStringLiteral("assessment.bad-population"),
                         tr("Population figures must not be negative, and not both zero"),
                         {}};
    Transaction tx(m_store.db());
    if (auto r = tx.begin(); !r)
        return r.error();
    if (auto account = who.check(m_store.db(), Right::DecideAssessment); !account)
        return account.error();
    auto current = of(year);
    if (!current)
        return current.error();
    RefRecords records(m_store.db(), m_store.meta(storeschema::keySiteId()), m_store.upstream());
    records.holdEdits(); // the year's figures reach the centre's server whole or not at all
    for (auto it = population.cbegin(); it != population.cend(); ++it) {
        // only what changed becomes an edit: a row saved unchanged must not overrule another
        // site's edit of it
        if (current.value().contains(it.key()) && current.value().value(it.key()) == *it)
            continue;
        if (auto r = assessmentrows::writePopulation(m_store.db(), year, it.key(), *it); !r)
            return r;
        if (auto r = records.put(assessmentkinds::population(),
                                 assessmentkinds::populationKey(year, it.key()),
                                 assessmentkinds::populationValue(*it), who.name, at);
            !r)
            return r.error();
    }
    if (auto r = records.publishHeld(tr("The population of %1").arg(year)); !r)
        return r;
    return tx.commit();
}

} // namespace citygrid
