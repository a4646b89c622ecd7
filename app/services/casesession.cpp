// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "services/casesession.h"

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
    if (roles.user(m_userId))
        return;
    const QList<RoleCatalogue::User> users = roles.users();
    const auto op = std::find_if(users.cbegin(), users.cend(), [](const RoleCatalogue::User &u) {
        return u.roleId == QLatin1String("operator");
    });
    m_userId = op != users.cend() ? op->id : users.isEmpty() ? QString() : users.first().id;
}

const RoleCatalogue::User *CaseSession::user() const
{
    return catalogues().roles.user(m_userId);
}

bool CaseSession::may(Right right) const
{
    const RoleCatalogue::User *u = user();
    return u && catalogues().roles.may(u->roleId, right);
}

QString CaseSession::onlyWho(Right right) const
{
    return catalogues().roles.onlyWho(right);
}

bool CaseSession::may(CaseStep step) const
{
    const RoleCatalogue::User *u = user();
    return u && catalogues().roles.may(u->roleId, step);
}

QString CaseSession::onlyWho(CaseStep step) const
{
    return catalogues().roles.onlyWho(step);
}

void CaseSession::setUserId(const QString &userId)
{
    if (userId == m_userId || !catalogues().roles.user(userId))
        return;
    m_userId = userId;
    QSettings().setValue(userKey, userId);
    emit userChanged();
}

QString CaseSession::userLabel(const QString &userId) const
{
    const auto *u = catalogues().roles.user(userId);
    if (!u)
        return userId;
    return QStringLiteral("%1 · %2").arg(u->name, roleName(u->roleId));
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
    return u ? m_context.cases().workflow().allowedSteps(record.status, u->roleId)
             : QList<CaseStep>();
}

QList<CaseWorkflow::Refusal> CaseSession::refusedSteps(const CaseRecord &record) const
{
    const auto *u = user();
    return m_context.cases().workflow().refusedSteps(record.status, u ? u->roleId : QString());
}

QString CaseSession::whyNoStep(const CaseRecord &record) const
{
    const auto *u = user();
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
    return CaseTiming::level(record, now(), catalogues().calendar);
}

QString CaseSession::timingText(const CaseRecord &record) const
{
    return CaseTiming::describe(record, now(), catalogues().calendar);
}

} // namespace citygrid
