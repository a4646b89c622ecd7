// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "io/open311request.h"

#include "cases/casevocabulary.h"

namespace citygrid::open311 {

QString time(const QDateTime &t)
{
    return t.isValid() ? t.toString(Qt::ISODate) : QString();
}

QJsonObject request(const CaseRecord &r, const CaseCatalogues &catalogues,
                    const GridCatalogue &grid, bool english)
{
    const auto *c = catalogues.categories.find(r.categoryId);
    const auto *g = c ? catalogues.categories.group(c->kind, c->major) : nullptr;
    const auto *u = catalogues.units.find(r.unitId);
    const bool closed = r.status.state == CaseState::Closed || r.status.state == CaseState::Voided;
    const auto name = [english](const QString &zh, const QString &en) {
        return english && !en.isEmpty() ? en : zh;
    };
    return {
        {QStringLiteral("service_request_id"), r.caseNo},
        {QStringLiteral("status"), closed ? QStringLiteral("closed") : QStringLiteral("open")},
        {QStringLiteral("status_notes"), CaseVocabulary::id(r.status.state)},
        {QStringLiteral("service_name"), c ? name(c->name, c->nameEn) : QString()},
        {QStringLiteral("service_code"), r.categoryId},
        {QStringLiteral("group"), g ? name(g->name, g->nameEn) : QString()},
        {QStringLiteral("description"), r.description},
        {QStringLiteral("agency_responsible"), u ? name(u->name, u->nameEn) : QString()},
        {QStringLiteral("requested_datetime"), time(r.reportedAt)},
        {QStringLiteral("updated_datetime"), time(r.updatedAt)},
        {QStringLiteral("expected_datetime"), time(r.dueAt)},
        {QStringLiteral("address"),
         QStringLiteral("%1 %2").arg(grid.displayName(r.cellCode.left(9), english),
                                     grid.displayName(r.cellCode.left(12), english))},
        {QStringLiteral("address_id"), r.cellCode},
        {QStringLiteral("lat"), r.lonLat.y()},
        {QStringLiteral("long"), r.lonLat.x()},
    };
}

} // namespace citygrid::open311
