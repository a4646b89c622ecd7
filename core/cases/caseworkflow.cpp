// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/caseworkflow.h"

namespace citygrid {

namespace {

std::optional<CaseState> previous(CaseState state)
{
    switch (state) {
    case CaseState::Filed:
        return CaseState::Reported;
    case CaseState::Dispatched:
        return CaseState::Filed;
    case CaseState::Handled:
        return CaseState::Dispatched;
    case CaseState::Verified:
        return CaseState::Handled;
    default:
        return std::nullopt;
    }
}

} // namespace

std::optional<CaseStatus> CaseWorkflow::transition(const CaseStatus &status, CaseStep step)
{
    CaseStatus next = status;
    const CaseState s = status.state;
    const bool idle = status.pending == PendingRequest::None;
    const bool open = s != CaseState::Closed && s != CaseState::Voided;
    const auto to = [&next](CaseState state) {
        next.state = state;
        return std::optional<CaseStatus>(next);
    };
    switch (step) {
    case CaseStep::Report:
        return std::nullopt; // a report makes a new case; it never applies to one
    case CaseStep::File:
        if (s == CaseState::Reported && idle)
            return to(CaseState::Filed);
        break;
    case CaseStep::Void:
        if ((s == CaseState::Reported || s == CaseState::Filed) && idle)
            return to(CaseState::Voided);
        break;
    case CaseStep::LinkDuplicate:
        if (s == CaseState::Reported && idle)
            return to(CaseState::Voided);
        break;
    case CaseStep::Dispatch:
        if (s == CaseState::Filed && idle)
            return to(CaseState::Dispatched);
        break;
    case CaseStep::Feedback:
        if (s == CaseState::Dispatched && idle)
            return to(CaseState::Handled);
        break;
    case CaseStep::VerifyPass:
        if (s == CaseState::Handled && idle)
            return to(CaseState::Verified);
        break;
    case CaseStep::VerifyFail:
        // Failed verification sends the case back to the unit: rework (返工).
        if (s == CaseState::Handled && idle) {
            ++next.reworkCount;
            return to(CaseState::Dispatched);
        }
        break;
    case CaseStep::Close:
        if (s == CaseState::Verified && idle)
            return to(CaseState::Closed);
        break;
    case CaseStep::RequestReturn:
        if (previous(s) && idle) {
            next.pending = PendingRequest::Return;
            return next;
        }
        break;
    case CaseStep::ApproveReturn:
        if (status.pending == PendingRequest::Return && previous(s)) {
            next.pending = PendingRequest::None;
            return to(*previous(s));
        }
        break;
    case CaseStep::RequestExtension:
    case CaseStep::RequestDeferral:
        if (s == CaseState::Dispatched && idle) {
            next.pending = step == CaseStep::RequestExtension ? PendingRequest::Extension
                                                              : PendingRequest::Deferral;
            return next;
        }
        break;
    case CaseStep::ApproveExtension:
        if (status.pending == PendingRequest::Extension) {
            next.pending = PendingRequest::None; // the deadline moves; the state stays
            return next;
        }
        break;
    case CaseStep::ApproveDeferral:
        if (status.pending == PendingRequest::Deferral) {
            next.pending = PendingRequest::None;
            return to(CaseState::Deferred);
        }
        break;
    case CaseStep::Resume:
        if (s == CaseState::Deferred)
            return to(CaseState::Dispatched);
        break;
    case CaseStep::SetUrgent:
        if (open && !status.urgent) {
            next.urgent = true;
            return next;
        }
        break;
    case CaseStep::SetSupervised:
        if (open && !status.supervised) {
            next.supervised = true;
            return next;
        }
        break;
    case CaseStep::Acknowledge:
        // The unit says it has the case; the clock and the state go on as they were.
        if (s == CaseState::Dispatched && idle)
            return next;
        break;
    }
    return std::nullopt;
}

Result<CaseStatus> CaseWorkflow::apply(const CaseStatus &status, CaseStep step,
                                       const QString &roleId) const
{
    if (!m_roles.may(roleId, step))
        return Error{QStringLiteral("workflow.role"), m_roles.onlyWho(step), {}};
    // Voiding a case that was already filed undoes a decision: it needs someone who approves.
    if (step == CaseStep::Void && status.state == CaseState::Filed &&
        !m_roles.may(roleId, CaseStep::ApproveReturn)) {
        return Error{QStringLiteral("workflow.role"),
                     tr("Only %1 may void a case that has been filed")
                         .arg(m_roles.rolesThatMay(CaseStep::ApproveReturn)),
                     {}};
    }
    const auto next = transition(status, step);
    if (!next) {
        if (status.pending != PendingRequest::None)
            return Error{QStringLiteral("workflow.state"),
                         tr("The case is waiting for a request to be approved; that comes first"),
                         {}};
        if (step == CaseStep::Report)
            return Error{QStringLiteral("workflow.state"), tr("A report makes a new case"), {}};
        return Error{
            QStringLiteral("workflow.state"),
            tr("A case that is %1 cannot %2")
                .arg(CaseVocabulary::displayName(status.state), CaseVocabulary::displayName(step)),
            {}};
    }
    return *next;
}

QList<CaseStep> CaseWorkflow::allowedSteps(const CaseStatus &status, const QString &roleId) const
{
    QList<CaseStep> steps;
    for (CaseStep step : CaseVocabulary::steps())
        if (apply(status, step, roleId).ok())
            steps.append(step);
    return steps;
}

QList<CaseWorkflow::Refusal> CaseWorkflow::refusedSteps(const CaseStatus &status,
                                                        const QString &roleId) const
{
    QList<Refusal> refused;
    for (CaseStep step : CaseVocabulary::steps()) {
        if (!transition(status, step) || step == CaseStep::Acknowledge)
            continue; // the state does not allow it, or nothing waits for it (an acknowledgement)
        if (const auto applied = apply(status, step, roleId); !applied)
            refused.append({step, applied.error().message});
    }
    return refused;
}

QString CaseWorkflow::whyNoStep(const CaseStatus &status, const QString &roleId) const
{
    QList<CaseStep> steps = allowedSteps(status, roleId);
    steps.removeAll(CaseStep::Acknowledge); // taken on opening the case, not a step it waits for
    if (!steps.isEmpty())
        return {};
    if (status.state == CaseState::Closed || status.state == CaseState::Voided)
        return tr("The case is %1: no step is left.")
            .arg(CaseVocabulary::displayName(status.state));
    QStringList reasons;
    for (const Refusal &r : refusedSteps(status, roleId))
        reasons.append(r.reason);
    if (reasons.isEmpty())
        return tr("A case that is %1 has no step open to anyone now.")
            .arg(CaseVocabulary::displayName(status.state));
    return tr("The case is %1 and waits for steps of other roles: %2.")
        .arg(CaseVocabulary::displayName(status.state), reasons.join(tr("; ")));
}

} // namespace citygrid
