// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "accounts/actinguser.h"
#include "cases/casetiming.h"
#include "services/appcontext.h"

#include <QObject>

#include <functional>

namespace citygrid {

/// The cases as the GUI works with them: who is signed in (a user of the role catalogue, picked
/// in the toolbar and remembered), the clock, and every report or step taken as that user, with
/// a signal so the list, the map and the panels refresh. The rules stay in core: whatever a
/// widget offers, CaseStore refuses what the user's role or the case's state does not allow.
/// GUI thread.
class CaseSession : public QObject
{
    Q_OBJECT
public:
    CaseSession(AppContext &context, QObject *parent = nullptr);

    AppContext &context() { return m_context; }
    CaseStore &store() { return m_context.cases(); }
    const CaseCatalogues &catalogues() const { return m_context.catalogues(); }
    const GridCatalogue &grid() const { return m_context.catalogue(); }

    QString userId() const { return m_userId; }
    /// The signed-in user with the permission table, as the core's writes outside the case loop
    /// take them (valid while the catalogues are not reloaded).
    ActingUser acting() const { return {m_userId, &m_context.catalogues().roles}; }
    /// `filter` kept to what the signed-in account may see: a unit's staff their unit's cases,
    /// an area-bound account the cases in its area.
    CaseFilter narrowed(CaseFilter filter) const;
    /// The cases of `filter` the signed-in account may see, as of now().
    CaseQuery caseQuery(const CaseFilter &filter) const;
    /// The account last signed in at this workstation (empty if none).
    static QString rememberedUserId();
    const Account *user() const;
    /// Whether the current user's role holds `right` (the role table decides, as everywhere).
    bool may(Right right) const;
    /// Why the current user may not, naming the roles that may ("Only Leader may …").
    QString onlyWho(Right right) const;
    bool may(CaseStep step) const;
    QString onlyWho(CaseStep step) const;
    void setUserId(const QString &userId);
    /// "张敏 · 操作员"
    QString userLabel(const QString &userId) const;

    QDateTime now() const { return m_clock(); }
    /// Tests set a fixed clock.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    Result<CaseRecord> report(const NewCase &input);
    Result<CaseRecord> take(const QString &caseUuid, CaseStep step, const StepInput &input = {});
    /// Many cases changed at once (an import): everything showing cases re-reads them.
    void notifyAllChanged() { emit caseChanged({}); }
    /// One case changed elsewhere (another workstation, through the centre).
    void notifyChanged(const QString &caseUuid) { emit caseChanged(caseUuid); }
    /// The steps the signed-in user may take on the case now.
    QList<CaseStep> allowedSteps(const CaseRecord &record) const;
    /// The steps the case's state allows but the current user's role may not take, with why.
    QList<CaseWorkflow::Refusal> refusedSteps(const CaseRecord &record) const;
    /// Whether the user signed in, of the unit a case was dispatched to, opens it for the first
    /// time since it came to the unit: then the case view acknowledges it (签收), which tells
    /// the dispatcher.
    bool owesAcknowledgement(const CaseRecord &record, const QList<CaseEvent> &history) const;
    /// Why the current user has no step on the case (empty when they have one).
    QString whyNoStep(const CaseRecord &record) const;

    // Names in the user's language.
    QString categoryName(const QString &categoryId) const;
    QString unitName(const QString &unitId) const;
    QString roleName(const QString &roleId) const;
    QString channelName(const QString &channel) const;
    /// "华强北街道 › 华强北第2社区 › 440304011002003"
    QString placeName(const QString &cellCode) const;
    CaseTiming::Level timing(const CaseRecord &record) const;
    /// "剩余 2工作日3小时" / "逾期 40分钟", empty when the clock does not run.
    QString timingText(const CaseRecord &record) const;

    static QStringList channels() { return CaseVocabulary::channels(); }

signals:
    /// A case was reported or took a step (empty uuid: many changed).
    void caseChanged(const QString &caseUuid);
    void userChanged();
    /// A year's population figures were edited (the rates per 10,000 residents change).
    void populationChanged();
    /// A "7+1" month, its evidence or a scheme version changed at another workstation of the
    /// centre.
    void assessmentChanged();
    /// The centre's grid was replaced (at another workstation, or this one's import) and is now
    /// the copy's: the map is drawn anew.
    void gridReplaced();

private:
    AppContext &m_context;
    QString m_userId;
    std::function<QDateTime()> m_clock = [] { return QDateTime::currentDateTime(); };
};

} // namespace citygrid
