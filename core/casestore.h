// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "caserecord.h"
#include "categorycatalog.h"
#include "store.h"
#include "unitcatalog.h"
#include "workingcalendar.h"

#include <QCoreApplication>

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
};

/// What some steps need besides the actor: the unit for a dispatch, the extra time of an
/// extension. Every step may carry a note.
struct StepInput
{
    QString note;
    QString unitId;
    double extensionHours = 0;
};

/// Cases in the store: each step checked by the workflow (rules and the actor's role), appended to
/// the history and projected into the case row, in one transaction; a refused step changes
/// nothing. Deadlines come from the category and the working-time calendar. Owned by the
/// application context; one thread at a time.
class CaseStore
{
    Q_DECLARE_TR_FUNCTIONS(CaseStore)
public:
    CaseStore(Store &store, CaseWorkflow workflow, WorkingCalendar calendar,
              CategoryCatalog categories, UnitCatalog units)
        : m_store(store), m_workflow(std::move(workflow)), m_calendar(std::move(calendar)),
          m_categories(std::move(categories)), m_units(std::move(units))
    {
    }

    /// An open case near a new report of the same category, offered to link the report to.
    struct Nearby
    {
        QString uuid;
        QString caseNo;
        double metres;
    };
    /// Open cases of the same category within `radiusMetres` of the report, nearest first.
    Result<QList<Nearby>> possibleDuplicates(const NewCase &input, double radiusMetres = 50) const;
    /// The unit the catalogue makes responsible for the case (gap and ambiguity are errors).
    Result<const UnitCatalog::Unit *> suggestedUnit(const CaseRecord &record) const;

    Result<CaseRecord> report(const NewCase &input, const QString &userId, const QDateTime &at);
    Result<CaseRecord> take(const QString &caseUuid, CaseStep step, const QString &userId,
                            const QDateTime &at, const StepInput &input = {});
    Result<CaseRecord> find(const QString &caseUuid) const;
    /// The uuid of a case given by its uuid or its case number.
    Result<QString> resolve(const QString &uuidOrNumber) const;
    /// The newest cases first, optionally in one state only.
    Result<QList<CaseRecord>> list(const QString &stateId = {}, int limit = 200) const;
    Result<QList<CaseEvent>> history(const QString &caseUuid) const;
    const CaseWorkflow &workflow() const { return m_workflow; }

private:
    Result<const RoleCatalog::User *> user(const QString &userId) const;
    Result<void> append(const CaseEvent &event);
    Result<void> saveRow(const CaseRecord &record);

    Store &m_store;
    CaseWorkflow m_workflow;
    WorkingCalendar m_calendar;
    CategoryCatalog m_categories;
    UnitCatalog m_units;
};

} // namespace citygrid
