// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/caserecord.h"

namespace citygrid {

namespace {

QDateTime time(const QJsonObject &payload, const char *key)
{
    return QDateTime::fromString(payload[QLatin1String(key)].toString(), Qt::ISODate);
}

} // namespace

CaseRecord CaseRecord::project(const QList<CaseEvent> &events, QList<qsizetype> *passedOver)
{
    CaseRecord record;
    if (events.isEmpty() || events.first().step != QLatin1String("report"))
        return record;
    const CaseEvent &report = events.first();
    const QJsonObject &p = report.payload;
    record.uuid = report.caseUuid;
    record.caseNo = p[QLatin1String("case_no")].toString();
    record.categoryId = p[QLatin1String("category_id")].toString();
    record.cellCode = p[QLatin1String("cell_code")].toString();
    record.channel = p[QLatin1String("channel")].toString();
    record.description = p[QLatin1String("description")].toString();
    record.reporter = p[QLatin1String("reporter")].toString();
    record.lonLat = QPointF(p[QLatin1String("lon")].toDouble(), p[QLatin1String("lat")].toDouble());
    record.status.urgent = p[QLatin1String("urgent")].toBool();
    record.reportedAt = report.at;
    record.updatedAt = report.at;
    for (qsizetype i = 1; i < events.size(); ++i) {
        const CaseEvent &e = events[i];
        if (e.step == QLatin1String("relocate")) {
            // a new grid placed the case in another cell; not a workflow step
            record.cellCode = e.payload[QLatin1String("cell_code")].toString();
            continue;
        }
        const auto step = CaseVocabulary::stepFromId(e.step);
        if (!step)
            continue;
        const auto next = CaseWorkflow::transition(record.status, *step);
        if (!next) {
            if (passedOver)
                passedOver->append(i);
            continue;
        }
        record.status = *next;
        record.updatedAt = e.at;
        // The moments that matter for timing travel in the payloads, computed when the step was
        // taken.
        if (e.payload.contains(QLatin1String("due_at")))
            record.dueAt = time(e.payload, "due_at");
        switch (*step) {
        case CaseStep::Dispatch:
            record.dispatchedAt = e.at;
            record.unitId = e.payload[QLatin1String("unit_id")].toString();
            break;
        case CaseStep::Feedback:
            record.handledAt = e.at;
            break;
        case CaseStep::Close:
            // On time when the unit finished its (last) handling within the limit.
            record.closedAt = e.at;
            record.onTime = !record.dueAt.isValid() || record.handledAt <= record.dueAt;
            break;
        default:
            break;
        }
    }
    return record;
}

} // namespace citygrid
