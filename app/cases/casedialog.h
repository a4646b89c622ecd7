// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "cases/caserecord.h"

#include <QDialog>

class QLabel;
class QHBoxLayout;
class QTreeWidget;

namespace citygrid {

class AttachmentStrip;
class CaseSession;

/// The case view: what was reported and where, where it stands against its deadline, the
/// timeline of every event, the photos, and a button for exactly each step the signed-in user's
/// role may take now, each opening its form. Follows the case as it changes. GUI thread.
class CaseDialog : public QDialog
{
    Q_OBJECT
public:
    CaseDialog(CaseSession &session, const QString &caseUuid, QWidget *parent = nullptr);

    QString caseUuid() const { return m_uuid; }
    const CaseRecord &record() const { return m_record; }
    /// The step buttons shown now, by step id (for tests).
    QStringList offeredSteps() const;
    QTreeWidget *timeline() const { return m_timeline; }
    /// Opens the form of `step` (modal) and takes the step if the form is accepted.
    void startStep(CaseStep step);

signals:
    /// "Show on map".
    void locateRequested(const QString &caseUuid);

private:
    void reload();
    void fillHeader();
    void fillTimeline(const QList<CaseEvent> &events);
    void fillSteps();

    CaseSession &m_session;
    QString m_uuid;
    CaseRecord m_record;
    QString m_acknowledgeFailed; ///< why opening the case did not acknowledge it
    QLabel *m_title;
    QLabel *m_timing;
    QLabel *m_details;
    QTreeWidget *m_timeline;
    AttachmentStrip *m_photos;
    QLabel *m_stepsLabel;
    QHBoxLayout *m_steps;
    QList<QWidget *> m_stepButtons;
    QList<QWidget *> m_refusedButtons; ///< disabled, their tooltips say who may
};

} // namespace citygrid
