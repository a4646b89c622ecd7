// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"
#include "cases/casevocabulary.h"
#include "catalogues/rolecatalogue.h"

#include <QCoreApplication>

namespace citygrid {

/// The workflow state of one case: what the projection of its events keeps about the loop.
struct CaseStatus
{
    CaseState state = CaseState::Reported;
    PendingRequest pending = PendingRequest::None;
    int reworkCount = 0;
    bool urgent = false;
    bool supervised = false;
    bool operator==(const CaseStatus &) const = default;
};

/// The rules of the closed loop: which step may follow which state, and who may take it. Every
/// refusal says why in one sentence, in the user's language, whatever the GUI offers. Value type
/// holding the role catalogue; any thread.
class CaseWorkflow
{
    Q_DECLARE_TR_FUNCTIONS(CaseWorkflow)
public:
    explicit CaseWorkflow(RoleCatalogue roles) : m_roles(std::move(roles)) {}

    /// The status after `step` taken by someone in `roleId`, or why it is refused:
    /// "workflow.role" (the role may not take it) or "workflow.state" (not allowed now).
    Result<CaseStatus> apply(const CaseStatus &status, CaseStep step, const QString &roleId) const;
    /// The steps `roleId` may take on a case in `status` now (what the case view offers).
    QList<CaseStep> allowedSteps(const CaseStatus &status, const QString &roleId) const;
    /// A step the case's state allows but the role may not take, and why ("Only Dispatcher may
    /// dispatch"): what the case view shows disabled, the reason as its tooltip.
    struct Refusal
    {
        CaseStep step;
        QString reason;
    };
    QList<Refusal> refusedSteps(const CaseStatus &status, const QString &roleId) const;
    /// Why `roleId` has no step on a case in `status`: the case is closed or voided, or the
    /// steps it waits for belong to other roles (named). Empty when the role has a step.
    QString whyNoStep(const CaseStatus &status, const QString &roleId) const;
    /// The status a step leads to by the rules of the loop alone, ignoring roles; nullopt if
    /// the step does not apply in that status.
    static std::optional<CaseStatus> transition(const CaseStatus &status, CaseStep step);
    const RoleCatalogue &roles() const { return m_roles; }

private:
    RoleCatalogue m_roles;
};

} // namespace citygrid
