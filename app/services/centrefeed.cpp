// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "services/centrefeed.h"

#include "assessment/assessmentevidence.h"
#include "assessment/assessmentkinds.h"
#include "assessment/assessmentmonthdoc.h"
#include "services/casesession.h"
#include "store/storeschema.h"

namespace citygrid {

namespace {

/// Past this many cases at once, everything re-reads rather than case by case.
constexpr int manyCases = 50;

} // namespace

CentreFeed::CentreFeed(CaseSession &session, QObject *parent)
    : QObject(parent), m_session(session), m_listener(session.context().centre()->listener(this))
{
    connect(m_listener.get(), &CentreListener::changed, this, &CentreFeed::catchUp);
    connect(m_listener.get(), &CentreListener::connectionChanged, this,
            [this](bool connected, const QString &why) {
                m_problem = connected ? QString() : why;
                if (connected)
                    m_lostSince = {};
                else if (!m_lostSince.isValid())
                    m_lostSince = QDateTime::currentDateTime();
                emit stateChanged();
            });
    m_listener->start();
}

QString CentreFeed::stateText() const
{
    const QString centre = m_session.context().store().meta(storeschema::keyCentre());
    if (isConnected() && m_problem.isEmpty())
        return tr("Centre %1 · live").arg(centre);
    if (m_lostSince.isValid())
        return tr("Centre %1 out of reach since %2: showing this workstation's copy, steps are "
                  "not saved until it is back")
            .arg(centre, m_lostSince.toString(QStringLiteral("HH:mm:ss")));
    return tr("Centre %1: %2").arg(centre, m_problem);
}

Result<void> CentreFeed::catchUp()
{
    auto pulled = m_session.context().pullCentre();
    if (!pulled) {
        m_problem = pulled.error().message;
        emit stateChanged();
        return pulled.error();
    }
    if (!m_problem.isEmpty() && m_listener->isConnected()) {
        m_problem.clear();
        emit stateChanged();
    }
    const QSet<QString> &cases = pulled.value().cases;
    m_lastCaught = int(cases.size());
    if (cases.size() > manyCases || !pulled.value().changedKinds.isEmpty())
        m_session.notifyAllChanged(); // an edited category or unit: every case may read anew
    if (pulled.value().changedKinds.contains(assessmentkinds::population()))
        emit m_session.populationChanged();
    for (const QString &kind : {assessmentkinds::scheme(), assessmentmonthdoc::kind(),
                                AssessmentEvidence::documentKind()})
        if (pulled.value().changedKinds.contains(kind)) {
            emit m_session.assessmentChanged();
            break;
        }
    if (cases.size() <= manyCases && pulled.value().changedKinds.isEmpty())
        for (const QString &uuid : cases)
            m_session.notifyChanged(uuid);
    if (pulled.value().gridReplaced)
        emit m_session.gridReplaced();
    emit caughtUp(m_lastCaught);
    return {};
}

} // namespace citygrid
