// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/casevocabulary.h"

namespace citygrid {

namespace {

struct StateEntry
{
    CaseState state;
    const char *id;
    const char *name;
};

struct StepEntry
{
    CaseStep step;
    const char *id;
    const char *name;
};

const StateEntry stateTable[] = {
    {CaseState::Reported, "reported", QT_TRANSLATE_NOOP("CaseVocabulary", "Reported")},
    {CaseState::Filed, "filed", QT_TRANSLATE_NOOP("CaseVocabulary", "Filed")},
    {CaseState::Dispatched, "dispatched", QT_TRANSLATE_NOOP("CaseVocabulary", "Dispatched")},
    {CaseState::Handled, "handled", QT_TRANSLATE_NOOP("CaseVocabulary", "Handled")},
    {CaseState::Verified, "verified", QT_TRANSLATE_NOOP("CaseVocabulary", "Verified")},
    {CaseState::Closed, "closed", QT_TRANSLATE_NOOP("CaseVocabulary", "Closed")},
    {CaseState::Voided, "voided", QT_TRANSLATE_NOOP("CaseVocabulary", "Voided")},
    {CaseState::Deferred, "deferred", QT_TRANSLATE_NOOP("CaseVocabulary", "Deferred")},
};

const StepEntry stepTable[] = {
    {CaseStep::Report, "report", QT_TRANSLATE_NOOP("CaseVocabulary", "report")},
    {CaseStep::File, "file", QT_TRANSLATE_NOOP("CaseVocabulary", "file")},
    {CaseStep::Void, "void", QT_TRANSLATE_NOOP("CaseVocabulary", "void")},
    {CaseStep::Dispatch, "dispatch", QT_TRANSLATE_NOOP("CaseVocabulary", "dispatch")},
    {CaseStep::Feedback, "feedback", QT_TRANSLATE_NOOP("CaseVocabulary", "report handling done")},
    {CaseStep::VerifyPass, "verify_pass", QT_TRANSLATE_NOOP("CaseVocabulary", "pass verification")},
    {CaseStep::VerifyFail, "verify_fail", QT_TRANSLATE_NOOP("CaseVocabulary", "fail verification")},
    {CaseStep::Close, "close", QT_TRANSLATE_NOOP("CaseVocabulary", "close")},
    {CaseStep::RequestReturn, "request_return",
     QT_TRANSLATE_NOOP("CaseVocabulary", "ask to return")},
    {CaseStep::ApproveReturn, "approve_return",
     QT_TRANSLATE_NOOP("CaseVocabulary", "approve the return")},
    {CaseStep::RequestExtension, "request_extension",
     QT_TRANSLATE_NOOP("CaseVocabulary", "ask for an extension")},
    {CaseStep::ApproveExtension, "approve_extension",
     QT_TRANSLATE_NOOP("CaseVocabulary", "approve the extension")},
    {CaseStep::RequestDeferral, "request_deferral",
     QT_TRANSLATE_NOOP("CaseVocabulary", "ask for a deferral")},
    {CaseStep::ApproveDeferral, "approve_deferral",
     QT_TRANSLATE_NOOP("CaseVocabulary", "approve the deferral")},
    {CaseStep::Resume, "resume", QT_TRANSLATE_NOOP("CaseVocabulary", "resume")},
    {CaseStep::SetUrgent, "set_urgent", QT_TRANSLATE_NOOP("CaseVocabulary", "mark urgent")},
    {CaseStep::SetSupervised, "set_supervised",
     QT_TRANSLATE_NOOP("CaseVocabulary", "put under supervision")},
    {CaseStep::LinkDuplicate, "link_duplicate",
     QT_TRANSLATE_NOOP("CaseVocabulary", "link as a duplicate")},
    {CaseStep::Acknowledge, "acknowledge",
     QT_TRANSLATE_NOOP("CaseVocabulary", "acknowledge receipt")},
};

} // namespace

QList<CaseState> CaseVocabulary::states()
{
    QList<CaseState> result;
    for (const StateEntry &e : stateTable)
        result.append(e.state);
    return result;
}

QList<CaseStep> CaseVocabulary::steps()
{
    QList<CaseStep> result;
    for (const StepEntry &e : stepTable)
        result.append(e.step);
    return result;
}

QStringList CaseVocabulary::channels()
{
    return {QStringLiteral("inspector"), QStringLiteral("video"), QStringLiteral("hotline"),
            QStringLiteral("assigned")};
}

QString CaseVocabulary::id(CaseState state)
{
    for (const StateEntry &e : stateTable)
        if (e.state == state)
            return QString::fromLatin1(e.id);
    return {};
}

QString CaseVocabulary::id(CaseStep step)
{
    for (const StepEntry &e : stepTable)
        if (e.step == step)
            return QString::fromLatin1(e.id);
    return {};
}

std::optional<CaseState> CaseVocabulary::stateFromId(const QString &id)
{
    for (const StateEntry &e : stateTable)
        if (id == QLatin1String(e.id))
            return e.state;
    return std::nullopt;
}

std::optional<CaseStep> CaseVocabulary::stepFromId(const QString &id)
{
    for (const StepEntry &e : stepTable)
        if (id == QLatin1String(e.id))
            return e.step;
    return std::nullopt;
}

QString CaseVocabulary::displayName(CaseState state)
{
    for (const StateEntry &e : stateTable)
        if (e.state == state)
            return tr(e.name);
    return {};
}

QString CaseVocabulary::displayName(CaseStep step)
{
    for (const StepEntry &e : stepTable)
        if (e.step == step)
            return tr(e.name);
    return {};
}

QString CaseVocabulary::label(CaseStep step)
{
    QString name = displayName(step);
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    return name;
}

QString CaseVocabulary::eventLabel(const QString &id)
{
    if (const auto step = stepFromId(id))
        return label(*step);
    if (id == QLatin1String("report"))
        return tr("Reported");
    if (id == QLatin1String("relocate"))
        return tr("Placed in another cell (new grid)");
    return id;
}

} // namespace citygrid
