// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "services/casesession.h"

#include "accounts/accountscope.h"
#include "cases/casealerts.h"

#include "services/cataloguenames.h"

#include "services/language.h"

#include <QSettings>

#include <algorithm>

namespace citygrid {

namespace {

const QString userKey = QStringLiteral("cases/user");

} // namespace

CaseSession::CaseSession(AppContext &context, QObject *parent) : QObject(parent), m_context(context)
{
    // The last user of this workstation, else the first operator, else the first user.
    const RoleCatalogue &roles = catalogues().roles;
    m_userId = QSettings().value(userKey).toString();
    if (roles.account(m_userId))
        return;
    const QList<Account> accounts = roles.accounts();
    const auto op = std::find_if(accounts.cbegin(), accounts.cend(), [](const Account &a) {
        return a.roleId == QLatin1String("operator");
    });
    m_userId = op != accounts.cend() ? op->name
               : accounts.isEmpty()  ? QString()
                                     : accounts.first().name;
}

CaseFilter CaseSession::narrowed(CaseFilter filter) const
{
    const Account *u = user();
    return u ? filter.within(*u) : filter;
}

CaseQuery CaseSession::caseQuery(const CaseFilter &filter) const
{
    return m_context.caseQuery(narrowed(filter), now());
}

QString CaseSession::rememberedUserId()
{
    return QSettings().value(userKey).toString();
}

const Account *CaseSession::user() const
{
    return catalogues().roles.account(m_userId);
}

bool CaseSession::may(Right right) const
{
    const Account *u = user();
    return u && catalogues().roles.may(u->roleId, right);
}

QString CaseSession::onlyWho(Right right) const
{
    return catalogues().roles.onlyWho(right);
}

bool CaseSession::may(CaseStep step) const
{
    const Account *u = user();
    return u && catalogues().roles.may(u->roleId, step);
}

QString CaseSession::onlyWho(CaseStep step) const
{
    return catalogues().roles.onlyWho(step);
}

void CaseSession::setUserId(const QString &userId)
{
    if (userId == m_userId || !catalogues().roles.account(userId))
        return;
    m_userId = userId;
    QSettings().setValue(userKey, userId);
    emit userChanged();
}

QString CaseSession::userLabel(const QString &userId) const
{
    const Account *a = catalogues().roles.account(userId);
    if (!a)
        return userId;
    return QStringLiteral("%1 · %2").arg(a->displayName, roleName(a->roleId));
}

Result<CaseRecord> CaseSession::report(const NewCase &input)
{
    auto record = store().report(input, m_userId, now());
    if (record)
        emit caseChanged(record.value().uuid);
    return record;
}

Result<CaseRecord> CaseSession::take(const QString &caseUuid, CaseStep step, const StepInput &input)
{
    auto record = store().take(caseUuid, step, m_userId, now(), input);
    if (record)
        emit caseChanged(caseUuid);
    return record;
}

QList<CaseStep> CaseSession::allowedSteps(const CaseRecord &record) const
{
    const auto *u = user();
    if (!u || !AccountScope::reaches(*u, record.unitId, record.cellCode))
        return {};
    // an acknowledgement is taken by opening the case, not offered as a step
    QList<CaseStep> steps = m_context.cases().workflow().allowedSteps(record.status, u->roleId);
    steps.removeAll(CaseStep::Acknowledge);
    return steps;
}

bool CaseSession::owesAcknowledgement(const CaseRecord &record,
                                      const QList<CaseEvent> &history) const
{
    const auto *u = user();
    if (!u || record.status.state != CaseState::Dispatched || !may(CaseStep::Acknowledge) ||
        !AccountScope::reaches(*u, record.unitId, record.cellCode))
        return false;
    return !CaseAlerts::acknowledged(history);
}

QList<CaseWorkflow::Refusal> CaseSession::refusedSteps(const CaseRecord &record) const
{
    const auto *u = user();
    return m_context.cases().workflow().refusedSteps(record.status, u ? u->roleId : QString());
}

QString CaseSession::whyNoStep(const CaseRecord &record) const
{
    const auto *u = user();
    if (u)
        if (auto reach = AccountScope::check(*u, record.unitId, record.cellCode); !reach)
            return reach.error().message;
    return m_context.cases().workflow().whyNoStep(record.status, u ? u->roleId : QString());
}

QString CaseSession::categoryName(const QString &categoryId) const
{
    return cataloguenames::category(catalogues(), categoryId);
}

QString CaseSession::unitName(const QString &unitId) const
{
    return cataloguenames::unit(catalogues(), unitId);
}

QString CaseSession::roleName(const QString &roleId) const
{
    return cataloguenames::role(catalogues(), roleId);
}

QString CaseSession::channelName(const QString &channel) const
{
    if (channel == QLatin1String("inspector"))
        return tr("Inspector");
    if (channel == QLatin1String("video"))
        return tr("Video");
    if (channel == QLatin1String("hotline"))
        return tr("Public hotline");
    if (channel == QLatin1String("assigned"))
        return tr("Higher-level assignment");
    return channel;
}

QString CaseSession::placeName(const QString &cellCode) const
{
    const bool english = language::isEnglish();
    const GridCatalogue &g = grid();
    return QStringLiteral("%1 › %2 › %3")
        .arg(g.displayName(cellCode.left(9), english), g.displayName(cellCode.left(12), english),
             cellCode);
}

CaseTiming::Level CaseSession::timing(const CaseRecord &record) const
{
    return CaseTiming::level(record, now(), catalogues().calendar, catalogues().alerts);
}

QString CaseSession::timingText(const CaseRecord &record) const
{
    return CaseTiming::describe(record, now(), catalogues().calendar);
}

} // namespace citygrid
