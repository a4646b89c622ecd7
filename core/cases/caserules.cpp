// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/caserules.h"

#include "accounts/accountscope.h"

#include "cases/caserows.h"
#include "cases/casetext.h"
#include "grid/cellcode.h"

#include <algorithm>
#include <cmath>

namespace citygrid {

namespace {

QString iso(const QDateTime &t)
{
    return caserows::storedTime(t);
}

QDateTime local(const QDateTime &t)
{
    return t.toOffsetFromUtc(8 * 3600);
}

Error nobody()
{
    return {QStringLiteral("case.user"),
            CaseRules::tr("Say who takes the step (on the command line: --user NAME)"),
            {}};
}

} // namespace

Result<const UnitCatalogue::Unit *> CaseRules::suggestedUnit(const QString &categoryId,
                                                             const QString &cellCode) const
{
    const auto *category = m_categories.find(categoryId);
    if (!category)
        return Error{QStringLiteral("case.category"),
                     tr("Choose a category: \"%1\" is not in the catalogue").arg(categoryId),
                     {}};
    return m_units.resolve(*category, cellCode);
}

Result<CaseEvent> CaseRules::report(const NewCase &input, const QString &caseNo,
                                    const QString &caseUuid, const StepContext &context) const
{
    const Account &actor = context.actor;
    if (actor.name.isEmpty())
        return nobody();
    if (!m_workflow.roles().may(actor.roleId, CaseStep::Report))
        return Error{
            QStringLiteral("workflow.role"),
            tr("Only %1 may report a case").arg(m_workflow.roles().rolesThatMay(CaseStep::Report)),
            {}};
    const auto *category = m_categories.find(input.categoryId);
    if (!category)
        return Error{QStringLiteral("case.category"),
                     tr("Choose a category: \"%1\" is not in the catalogue").arg(input.categoryId),
                     {}};
    const auto cell = CellCode::parse(input.cellCode);
    if (!cell || cell.value().level() != GridLevel::Cell)
        return Error{QStringLiteral("case.cell"),
                     tr("The case lies in no grid cell; place it inside the district"),
                     {}};
    if (!CaseVocabulary::channels().contains(input.channel))
        return Error{QStringLiteral("case.channel"),
                     tr("Unknown channel \"%1\": use %2")
                         .arg(input.channel, CaseVocabulary::channels().join(QStringLiteral(", "))),
                     {}};
    if (!std::isfinite(input.lonLat.x()) || !std::isfinite(input.lonLat.y()))
        return Error{QStringLiteral("case.position"), tr("The case has no position"), {}};
    if (const QString why = CaseText::problem(input.description, CaseText::maxDescription);
        !why.isEmpty())
        return Error{QStringLiteral("case.text"), tr("The description %1").arg(why), {}};
    if (const QString why = CaseText::problem(input.reporter, CaseText::maxReporter);
        !why.isEmpty())
        return Error{QStringLiteral("case.text"), tr("The reporter %1").arg(why), {}};

    if (auto r = AccountScope::check(actor, {}, input.cellCode); !r)
        return r.error();

    CaseEvent event{context.eventUuid, caseUuid,     QStringLiteral("report"),
                    actor.name,        actor.roleId, local(context.at),
                    context.siteId,    {},           {}};
    event.payload = {{QStringLiteral("case_no"), caseNo},
                     {QStringLiteral("category_id"), input.categoryId},
                     {QStringLiteral("cell_code"), input.cellCode},
                     {QStringLiteral("channel"), input.channel},
                     {QStringLiteral("description"), input.description},
                     {QStringLiteral("reporter"), input.reporter},
                     {QStringLiteral("lon"), input.lonLat.x()},
                     {QStringLiteral("lat"), input.lonLat.y()},
                     {QStringLiteral("urgent"), category->urgent}};
    if (!input.origin.isEmpty())
        event.payload.insert(QStringLiteral("origin"), input.origin);
    return event;
}

Result<CaseEvent> CaseRules::step(const QList<CaseEvent> &history, CaseStep step,
                                  const StepContext &context, const StepInput &input) const
{
    const Account &actor = context.actor;
    if (actor.name.isEmpty())
        return nobody();
    const CaseRecord current = CaseRecord::project(history);
    auto next = m_workflow.apply(current.status, step, actor.roleId);
    if (!next)
        return next.error();
    if (auto r = AccountScope::check(actor, current.unitId, current.cellCode); !r)
        return r.error();
    const auto *category = m_categories.find(current.categoryId);
    const QDateTime at = local(context.at);

    CaseEvent event{context.eventUuid, current.uuid, CaseVocabulary::id(step),
                    actor.name,        actor.roleId, at,
                    context.siteId,    input.note,   {}};
    switch (step) {
    case CaseStep::Dispatch:
        if (input.unitId.isEmpty())
            return Error{
                QStringLiteral("case.unit"), tr("Choose the unit to dispatch the case to"), {}};
        if (!m_units.find(input.unitId))
            return Error{QStringLiteral("case.unit"),
                         tr("\"%1\" is not a unit of the catalogue").arg(input.unitId),
                         {}};
        event.payload.insert(QStringLiteral("unit_id"), input.unitId);
        // The clock starts at dispatch.
        if (category)
            event.payload.insert(QStringLiteral("due_at"),
                                 iso(m_calendar.due(at, category->deadline)));
        break;
    case CaseStep::ApproveExtension:
        if (input.extensionHours <= 0)
            return Error{QStringLiteral("case.extension"),
                         tr("Say by how many working hours to extend"),
                         {}};
        event.payload.insert(
            QStringLiteral("due_at"),
            iso(m_calendar.addWorkingMinutes(current.dueAt.isValid() ? current.dueAt : at,
                                             qint64(std::llround(input.extensionHours * 60)))));
        event.payload.insert(QStringLiteral("extension_hours"), input.extensionHours);
        break;
    case CaseStep::LinkDuplicate:
        if (input.duplicateOf.isEmpty() || input.duplicateOf == current.uuid)
            return Error{QStringLiteral("case.duplicate"),
                         tr("Say which other case this report repeats"),
                         {}};
        event.payload.insert(QStringLiteral("duplicate_of"), input.duplicateOf);
        break;
    case CaseStep::ApproveDeferral:
        // The clock stops: what was left is kept and runs again on resumption.
        if (current.dueAt.isValid())
            event.payload.insert(QStringLiteral("remaining_minutes"),
                                 double(m_calendar.workingMinutesBetween(at, current.dueAt)));
        break;
    case CaseStep::Resume: {
        const auto paused =
            std::find_if(history.crbegin(), history.crend(), [](const CaseEvent &e) {
                return e.step == QLatin1String("approve_deferral");
            });
        if (paused != history.crend() &&
            paused->payload.contains(QLatin1String("remaining_minutes")))
            event.payload.insert(
                QStringLiteral("due_at"),
                iso(m_calendar.addWorkingMinutes(
                    at,
                    std::max<qint64>(
                        0,
                        qint64(paused->payload[QLatin1String("remaining_minutes")].toDouble())))));
        break;
    }
    default:
        break;
    }
    return event;
}

} // namespace citygrid
