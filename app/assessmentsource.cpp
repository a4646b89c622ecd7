// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessmentsource.h"

#include "assessmentfigures.h"

namespace citygrid::assessmentsource {

QStringList subdistricts(const GridCatalog &grid)
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
    auto population = AssessmentStore(context.store()).population(month.year());
    if (!population)
        return population.error();
    return AssessmentFigures::compute(
        *facts, month, AssessmentFigures::areas(context.catalog(), population.value()));
}

Result<AssessmentSheet> sheet(AppContext &context, const CaseFacts *facts, QDate month)
{
    auto live = figures(context, facts, month);
    if (!live)
        return live.error();
    return AssessmentStore(context.store())
        .sheet(month, subdistricts(context.catalog()), live.value(),
               context.catalogues().assessment);
}

} // namespace citygrid::assessmentsource
