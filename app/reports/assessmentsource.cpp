// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "reports/assessmentsource.h"

#include "assessment/assessmentfigures.h"
#include "assessment/assessmentpopulation.h"

namespace citygrid::assessmentsource {

QStringList subdistricts(const GridCatalogue &grid)
{
    QStringList codes;
    for (const GridUnit *u : grid.children({}))
        codes.append(u->code);
    return codes;
}

Result<QHash<QString, QHash<QString, double>>> figures(AppContext &context, const CaseFacts *facts,
                                                       QDate month)
{
    if (!facts)
        return QHash<QString, QHash<QString, double>>{};
    auto population = AssessmentPopulation(context.store()).of(month.year());
    if (!population)
        return population.error();
    return AssessmentFigures::compute(
        *facts, month, AssessmentFigures::areas(context.catalogue(), population.value()));
}

Result<AssessmentSheet> sheet(AppContext &context, const CaseFacts *facts, QDate month)
{
    AssessmentStore store(context.store(), context.catalogues().roles);
    const AssessmentScheme &fallback = context.assessmentDefaults().scheme;
    auto state = store.month(month, fallback);
    if (!state)
        return state.error();
    // a submitted or published month reads its frozen figures: nothing to count
    QHash<QString, QHash<QString, double>> live;
    if (state.value().state == AssessmentStore::State::Draft) {
        auto counted = figures(context, facts, month);
        if (!counted)
            return counted.error();
        live = std::move(counted).value();
    }
    return store.sheet(month, subdistricts(context.catalogue()), live, fallback);
}

} // namespace citygrid::assessmentsource
