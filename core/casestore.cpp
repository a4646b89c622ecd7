// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "casestore.h"

#include "cellcode.h"
#include "geodesy.h"
#include "storeschema.h"

#include <QJsonDocument>
#include <QUuid>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace citygrid {

namespace {

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString iso(const QDateTime &t)
{
    return t.isValid() ? t.toString(Qt::ISODateWithMs) : QString();
}

/// A GeoPackage geometry blob of a point: "GP", version 0, flags (little endian, no envelope),
/// the SRS id, then the point as ISO WKB.
QByteArray gpkgPoint(QPointF p, qint32 srid)
{
    QByteArray blob(8 + 21, '\0');
    char *d = blob.data();
    d[0] = 'G';
    d[1] = 'P';
    d[2] = 0;
    d[3] = 0x01;
    qToLittleEndian<qint32>(srid, d + 4);
    d[8] = 0x01; // WKB little endian
    qToLittleEndian<quint32>(1, d + 9);
    qToLittleEndian<double>(p.x(), d + 13);
    qToLittleEndian<double>(p.y(), d + 21);
    return blob;
}

Error notFound(const QString &uuid)
{
    return {QStringLiteral("case.not-found"), CaseStore::tr("There is no case %1").arg(uuid), {}};
}

} // namespace

Result<const RoleCatalog::User *> CaseStore::user(const QString &userId) const
{
    const RoleCatalog::User *u = m_workflow.roles().user(userId);
    if (!u)
        return Error{QStringLiteral("case.user"), tr("Unknown user \"%1\"").arg(userId), {}};
    return u;
}

Result<void> CaseStore::append(const CaseEvent &e)
{
    auto insert = Statement::prepare(
        m_store.db(),
        QStringLiteral("INSERT INTO %1 (uuid, case_uuid, step, actor, role, at, site_id, "
                       "note, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
            .arg(storeschema::caseEventsTable()));
    if (!insert)
        return insert.error();
    insert.value()
        .bind(1, e.uuid)
        .bind(2, e.caseUuid)
        .bind(3, e.step)
        .bind(4, e.actor)
        .bind(5, e.role)
        .bind(6, iso(e.at))
        .bind(7, e.siteId)
        .bind(8, e.note)
        .bind(9, QString::fromUtf8(QJsonDocument(e.payload).toJson(QJsonDocument::Compact)));
    return insert.value().run();
}

Result<void> CaseStore::saveRow(const CaseRecord &r)
{
    auto upsert = Statement::prepare(
        m_store.db(),
        QStringLiteral(
            "INSERT INTO %1 (geom, uuid, case_no, category_id, cell_code, community_code, "
            "subdistrict_code, channel, description, reporter, state, pending, urgent, supervised, "
            "rework_count, unit_id, reported_at, dispatched_at, due_at, closed_at, on_time, "
            "updated_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
            "?18, "
            "?19, ?20, ?21, ?22) ON CONFLICT (uuid) DO UPDATE SET state = excluded.state, "
            "pending = excluded.pending, urgent = excluded.urgent, supervised = "
            "excluded.supervised, "
            "rework_count = excluded.rework_count, unit_id = excluded.unit_id, "
            "dispatched_at = excluded.dispatched_at, due_at = excluded.due_at, "
            "closed_at = excluded.closed_at, on_time = excluded.on_time, updated_at = "
            "excluded.updated_at")
            .arg(storeschema::casesTable()));
    if (!upsert)
        return upsert.error();
    Statement &q = upsert.value();
    const QByteArray point = gpkgPoint(r.lonLat, storeschema::storageSrid);
    q.bindBlob(1, point);
    q.bind(2, r.uuid).bind(3, r.caseNo).bind(4, r.categoryId).bind(5, r.cellCode);
    q.bind(6, r.cellCode.left(12)).bind(7, r.cellCode.left(9)).bind(8, r.channel);
    q.bind(9, r.description).bind(10, r.reporter).bind(11, CaseVocabulary::id(r.status.state));
    q.bind(12, QString::number(int(r.status.pending))).bind(13, qint64(r.status.urgent));
    q.bind(14, qint64(r.status.supervised))
        .bind(15, qint64(r.status.reworkCount))
        .bind(16, r.unitId);
    q.bind(17, iso(r.reportedAt)).bind(18, iso(r.dispatchedAt)).bind(19, iso(r.dueAt));
    q.bind(20, iso(r.closedAt));
    if (r.onTime)
        q.bind(21, qint64(*r.onTime));
    else
        q.bindNull(21);
    q.bind(22, iso(r.updatedAt));
    return q.run();
}

Result<CaseRecord> CaseStore::report(const NewCase &input, const QString &userId,
                                     const QDateTime &at)
{
    auto actor = user(userId);
    if (!actor)
        return actor.error();
    if (!m_workflow.roles().may(actor.value()->roleId, CaseStep::Report))
        return Error{
            QStringLiteral("workflow.role"),
            tr("Only %1 may report a case")
                .arg(m_workflow.roles().rolesThatMay(CaseStep::Report).join(QStringLiteral("、"))),
            {}};
    const auto *category = m_categories.find(input.categoryId);
    if (!category)
        return Error{QStringLiteral("case.category"),
                     tr("Choose a category: \"%1\" is not in the catalogue").arg(input.categoryId),
                     {}};
    const auto cell = CellCode::parse(input.cellCode);
    if (!cell || cell.value().level() != GridLevel::Cell)
        return Error{QStringLiteral("case.cell"),
                     tr("The case lies in no grid cell; place it inside the district"),
                     {}};
    if (!std::isfinite(input.lonLat.x()) || !std::isfinite(input.lonLat.y()))
        return Error{QStringLiteral("case.position"), tr("The case has no position"), {}};

    Transaction tx(m_store.db());
    if (auto r = tx.begin(); !r)
        return r.error();
    // Case numbers run per day: date and a four-digit sequence, as the centre reads them out.
    auto count = Statement::prepare(
        m_store.db(),
        QStringLiteral("SELECT count(*) FROM %1 WHERE substr(reported_at, 1, 10) = ?1")
            .arg(storeschema::casesTable()));
    if (!count)
        return count.error();
    const QDateTime local = at.toOffsetFromUtc(8 * 3600);
    count.value().bind(1, local.date().toString(Qt::ISODate));
    if (auto row = count.value().step(); !row)
        return row.error();
    const QString caseNo =
        local.date().toString(QStringLiteral("yyyyMMdd")) +
        QStringLiteral("%1").arg(count.value().integer(0) + 1, 4, 10, QLatin1Char('0'));

    CaseEvent event{newUuid(),
                    newUuid(),
                    QStringLiteral("report"),
                    userId,
                    actor.value()->roleId,
                    local,
                    m_store.meta(storeschema::keySiteId()),
                    {},
                    {}};
    event.payload = {{QStringLiteral("case_no"), caseNo},
                     {QStringLiteral("category_id"), input.categoryId},
                     {QStringLiteral("cell_code"), input.cellCode},
                     {QStringLiteral("channel"), input.channel},
                     {QStringLiteral("description"), input.description},
                     {QStringLiteral("reporter"), input.reporter},
                     {QStringLiteral("lon"), input.lonLat.x()},
                     {QStringLiteral("lat"), input.lonLat.y()},
                     {QStringLiteral("urgent"), category->urgent}};
    if (auto r = append(event); !r)
        return r.error();
    const CaseRecord record = CaseRecord::project({event});
    if (auto r = saveRow(record); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return record;
}

Result<CaseRecord> CaseStore::take(const QString &caseUuid, CaseStep step, const QString &userId,
                                   const QDateTime &at, const StepInput &input)
{
    auto actor = user(userId);
    if (!actor)
        return actor.error();
    auto events = history(caseUuid);
    if (!events)
        return events.error();
    const CaseRecord current = CaseRecord::project(events.value());
    auto next = m_workflow.apply(current.status, step, actor.value()->roleId);
    if (!next)
        return next.error();
    const auto *category = m_categories.find(current.categoryId);
    const QDateTime local = at.toOffsetFromUtc(8 * 3600);

    CaseEvent event{newUuid(),
                    caseUuid,
                    CaseVocabulary::id(step),
                    userId,
                    actor.value()->roleId,
                    local,
                    m_store.meta(storeschema::keySiteId()),
                    input.note,
                    {}};
    switch (step) {
    case CaseStep::Dispatch:
        if (input.unitId.isEmpty())
            return Error{
                QStringLiteral("case.unit"), tr("Choose the unit to dispatch the case to"), {}};
        if (!m_units.find(input.unitId))
            return Error{QStringLiteral("case.unit"),
                         tr("\"%1\" is not a unit of the catalogue").arg(input.unitId),
                         {}};
        event.payload.insert(QStringLiteral("unit_id"), input.unitId);
        // The clock starts at dispatch.
        if (category)
            event.payload.insert(QStringLiteral("due_at"),
                                 iso(m_calendar.due(local, category->deadline)));
        break;
    case CaseStep::ApproveExtension:
        if (input.extensionHours <= 0)
            return Error{QStringLiteral("case.extension"),
                         tr("Say by how many working hours to extend"),
                         {}};
        event.payload.insert(
            QStringLiteral("due_at"),
            iso(m_calendar.addWorkingMinutes(current.dueAt.isValid() ? current.dueAt : local,
                                             qint64(std::llround(input.extensionHours * 60)))));
        break;
    case CaseStep::ApproveDeferral:
        // The clock stops: what was left is kept and runs again on resumption.
        if (current.dueAt.isValid())
            event.payload.insert(QStringLiteral("remaining_minutes"),
                                 double(m_calendar.workingMinutesBetween(local, current.dueAt)));
        break;
    case CaseStep::Resume: {
        const auto paused =
            std::find_if(events.value().crbegin(), events.value().crend(), [](const CaseEvent &e) {
                return e.step == QLatin1String("approve_deferral");
            });
        if (paused != events.value().crend() &&
            paused->payload.contains(QLatin1String("remaining_minutes")))
            event.payload.insert(
                QStringLiteral("due_at"),
                iso(m_calendar.addWorkingMinutes(
                    local,
                    std::max<qint64>(
                        0,
                        qint64(paused->payload[QLatin1String("remaining_minutes")].toDouble())))));
        break;
    }
    default:
        break;
    }

    Transaction tx(m_store.db());
    if (auto r = tx.begin(); !r)
        return r.error();
    if (auto r = append(event); !r)
        return r.error();
    events.value().append(event);
    const CaseRecord record = CaseRecord::project(events.value());
    if (auto r = saveRow(record); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return record;
}

Result<QList<CaseEvent>> CaseStore::history(const QString &caseUuid) const
{
    auto query = Statement::prepare(
        m_store.db(),
        QStringLiteral("SELECT uuid, step, actor, role, at, site_id, note, payload FROM %1 "
                       "WHERE case_uuid = ?1 ORDER BY at, id")
            .arg(storeschema::caseEventsTable()));
    if (!query)
        return query.error();
    query.value().bind(1, caseUuid);
    QList<CaseEvent> events;
    const auto read = query.value().forEachRow([&](const Statement &q) {
        events.append({q.text(0), caseUuid, q.text(1), q.text(2), q.text(3),
                       QDateTime::fromString(q.text(4), Qt::ISODateWithMs), q.text(5), q.text(6),
                       QJsonDocument::fromJson(q.text(7).toUtf8()).object()});
    });
    if (!read)
        return read.error();
    if (events.isEmpty())
        return notFound(caseUuid);
    return events;
}

Result<CaseRecord> CaseStore::find(const QString &caseUuid) const
{
    auto events = history(caseUuid);
    if (!events)
        return events.error();
    return CaseRecord::project(events.value());
}

Result<QList<CaseStore::Nearby>> CaseStore::possibleDuplicates(const NewCase &input,
                                                               double radiusMetres) const
{
    auto query = Statement::prepare(
        m_store.db(),
        QStringLiteral("SELECT uuid, case_no, geom FROM %1 WHERE category_id = ?1 AND "
                       "state NOT IN ('closed', 'voided')")
            .arg(storeschema::casesTable()));
    if (!query)
        return query.error();
    query.value().bind(1, input.categoryId);
    QList<Nearby> nearby;
    const auto read = query.value().forEachRow([&](const Statement &q) {
        const QByteArray blob = q.blob(2);
        if (blob.size() < 29)
            return;
        // the point written by gpkgPoint(): little-endian doubles after the 8-byte header and WKB
        // type
        const double lon = qFromLittleEndian<double>(blob.constData() + 13);
        const double lat = qFromLittleEndian<double>(blob.constData() + 21);
        const double metres = sphericalDistance(input.lonLat, QPointF(lon, lat));
        if (metres <= radiusMetres)
            nearby.append({q.text(0), q.text(1), metres});
    });
    if (!read)
        return read.error();
    std::sort(nearby.begin(), nearby.end(),
              [](const Nearby &a, const Nearby &b) { return a.metres < b.metres; });
    return nearby;
}

Result<const UnitCatalog::Unit *> CaseStore::suggestedUnit(const CaseRecord &record) const
{
    const auto *category = m_categories.find(record.categoryId);
    if (!category)
        return Error{QStringLiteral("case.category"),
                     tr("Choose a category: \"%1\" is not in the catalogue").arg(record.categoryId),
                     {}};
    return m_units.resolve(*category, record.cellCode);
}

Result<QString> CaseStore::resolve(const QString &uuidOrNumber) const
{
    auto query = Statement::prepare(
        m_store.db(), QStringLiteral("SELECT uuid FROM %1 WHERE uuid = ?1 OR case_no = ?1")
                          .arg(storeschema::casesTable()));
    if (!query)
        return query.error();
    query.value().bind(1, uuidOrNumber.trimmed());
    auto row = query.value().step();
    if (!row)
        return row.error();
    if (!row.value())
        return notFound(uuidOrNumber);
    return query.value().text(0);
}

Result<QList<CaseRecord>> CaseStore::list(const QString &stateId, int limit) const
{
    auto query = Statement::prepare(
        m_store.db(), QStringLiteral("SELECT uuid FROM %1 WHERE ?1 = '' OR state = ?1 "
                                     "ORDER BY reported_at DESC, fid DESC LIMIT ?2")
                          .arg(storeschema::casesTable()));
    if (!query)
        return query.error();
    query.value().bind(1, stateId).bind(2, qint64(limit));
    QStringList uuids;
    const auto read =
        query.value().forEachRow([&](const Statement &q) { uuids.append(q.text(0)); });
    if (!read)
        return read.error();
    QList<CaseRecord> records;
    for (const QString &uuid : uuids) {
        auto record = find(uuid);
        if (!record)
            return record.error();
        records.append(record.value());
    }
    return records;
}

} // namespace citygrid
