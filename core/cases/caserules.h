// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "calendar/workingcalendar.h"
#include "cases/caseattachment.h"
#include "cases/caserecord.h"
#include "catalogues/categorycatalogue.h"
#include "catalogues/unitcatalogue.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace citygrid {

/// What an operator enters for a new case.
struct NewCase
{
    QString categoryId;
    QPointF lonLat;   ///< WGS84
    QString cellCode; ///< the cell the point lies in (found by the map)
    QString channel;  ///< "inspector", "video", "hotline", "assigned"
    QString description;
    QString reporter;
    QList<CaseAttachment> attachments; ///< photos taken on site
    /// Where a report from another system came from ({"client", "id", "media_url"} of an Open311
    /// request), kept in its report event as "origin"; empty for one entered here.
    QJsonObject origin;
};

/// What some steps need besides the actor: the unit for a dispatch, the extra time of an
/// extension. Every step may carry a note.
struct StepInput
{
    QString note;
    QString unitId;
    double extensionHours = 0;
    QList<CaseAttachment> attachments; ///< e.g. the photo "after" with a feedback
    QString duplicateOf;               ///< the open case a duplicate report is linked to
};

/// Who acts, where and with which ids: what an event needs that the rules do not decide.
struct StepContext
{
    Account actor; ///< the enabled account that acts, as the store holds it
    QDateTime at;
    QString siteId;
    QString eventUuid;
};

/// The rules that turn a report or a step into the next event of a case's history: the workflow
/// (state and the actor's role), the catalogues, and the deadline arithmetic of the calendar
/// (the clock starts at dispatch; extensions move it; a deferral stops it). Pure: the same history
/// and input give the same event, so the store, the demo generator and a sync merge share it.
/// Value type; any thread.
class CaseRules
{
    Q_DECLARE_TR_FUNCTIONS(CaseRules)
public:
    CaseRules(CaseWorkflow workflow, WorkingCalendar calendar, CategoryCatalogue categories,
              UnitCatalogue units)
        : m_workflow(std::move(workflow)), m_calendar(std::move(calendar)),
          m_categories(std::move(categories)), m_units(std::move(units))
    {
    }

    /// The first event of a new case numbered `caseNo` with the id `caseUuid`.
    Result<CaseEvent> report(const NewCase &input, const QString &caseNo, const QString &caseUuid,
                             const StepContext &context) const;
    /// The event of `step` on the case whose events so far are `history`.
    Result<CaseEvent> step(const QList<CaseEvent> &history, CaseStep step,
                           const StepContext &context, const StepInput &input = {}) const;

    /// The unit the catalogue makes responsible for the case (gap and ambiguity are errors).
    Result<const UnitCatalogue::Unit *> suggestedUnit(const QString &categoryId,
                                                      const QString &cellCode) const;

    const CaseWorkflow &workflow() const { return m_workflow; }
    const WorkingCalendar &calendar() const { return m_calendar; }
    const CategoryCatalogue &categories() const { return m_categories; }
    const UnitCatalogue &units() const { return m_units; }
    /// After the catalogues were edited (here, or by a sync package).
    void setCatalogues(CategoryCatalogue categories, UnitCatalogue units)
    {
        m_categories = std::move(categories);
        m_units = std::move(units);
    }

private:
    CaseWorkflow m_workflow;
    WorkingCalendar m_calendar;
    CategoryCatalogue m_categories;
    UnitCatalogue m_units;
};

} // namespace citygrid
