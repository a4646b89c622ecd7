// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "cases/caseworkflow.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPointF>

#include <optional>

namespace citygrid {

/// One entry of a case's append-only history: who did what, when, from which site. The first
/// event of every case is its report, whose payload holds what was reported.
struct CaseEvent
{
    QString uuid;
    QString caseUuid;
    QString step; ///< a CaseStep id, "report" for the first event
    QString actor;
    QString role;
    QDateTime at;
    QString siteId;
    QString note;
    QJsonObject payload;
};

/// A case as the list shows it: the projection of its events, recomputed whenever one is added
/// (and after a sync merge), never edited on its own.
struct CaseRecord
{
    QString uuid;
    QString caseNo;
    QString categoryId;
    QString cellCode;
    QString channel;
    QString description;
    QString reporter;
    QPointF lonLat;
    CaseStatus status;
    QString unitId;
    QDateTime reportedAt;
    QDateTime dispatchedAt;
    QDateTime dueAt;
    QDateTime handledAt; ///< the unit's last feedback
    QDateTime closedAt;
    std::optional<bool> onTime; ///< known once closed
    QDateTime updatedAt;

    /// Replays the events in order. The rules of the loop, not the clock, decide: an event whose
    /// step does not apply any more (two sites acted on one case) is passed over.
    /// `passedOver`, if given, receives the indexes of the events passed over.
    static CaseRecord project(const QList<CaseEvent> &events,
                              QList<qsizetype> *passedOver = nullptr);
};

} // namespace citygrid
