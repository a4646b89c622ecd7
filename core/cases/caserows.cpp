// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/caserows.h"

#include "audit/recordchain.h"

#include "store/storeschema.h"

#include <QJsonDocument>
#include <QtEndian>

#include <cstdio>

namespace citygrid {

namespace caserows {

Result<QList<CaseEvent>> readHistory(const SqliteDb &db, const QString &caseUuid)
{
    auto query = Statement::prepare(
        db, QStringLiteral("SELECT uuid, step, actor, role, at, site_id, note, payload FROM %1 "
                           "WHERE case_uuid = ?1 ORDER BY at, uuid")
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
    return events;
}

QStringList eventValues(const CaseEvent &e)
{
    return {e.uuid,
            e.caseUuid,
            e.step,
            e.actor,
            e.role,
            storedTime(e.at),
            e.siteId,
            e.note,
            QString::fromUtf8(QJsonDocument(e.payload).toJson(QJsonDocument::Compact))};
}

QString storedTime(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    // "2026-11-27T09:30:00.000+08:00", written by hand: QDateTime::toString() was a tenth of a
    // bulk import's time.
    const QDateTime t = time.toOffsetFromUtc(8 * 3600);
    const QDate d = t.date();
    const QTime c = t.time();
    char buffer[32];
    const int n =
        std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03d+08:00", d.year(),
                      d.month(), d.day(), c.hour(), c.minute(), c.second(), c.msec());
    return QString::fromLatin1(buffer, n);
}

QByteArray gpkgPoint(QPointF p, qint32 srid)
{
    // "GP", version 0, flags (little endian, no envelope), the SRS id, then ISO WKB.
    QByteArray blob(8 + 21, '\0');
    char *d = blob.data();
    d[0] = 'G';
    d[1] = 'P';
    d[2] = 0;
    d[3] = 0x01;
    qToLittleEndian<qint32>(srid, d + 4);
    d[8] = 0x01;
    qToLittleEndian<quint32>(1, d + 9);
    qToLittleEndian<double>(p.x(), d + 13);
    qToLittleEndian<double>(p.y(), d + 21);
    return blob;
}

std::optional<QPointF> pointFromGpkg(const QByteArray &blob)
{
    // Only the layout gpkgPoint() writes (and GDAL writes for points without an envelope).
    if (blob.size() < 29 || blob[0] != 'G' || blob[1] != 'P' || (blob[3] & 0x0e) != 0 ||
        blob[8] != 0x01)
        return std::nullopt;
    return QPointF(qFromLittleEndian<double>(blob.constData() + 13),
                   qFromLittleEndian<double>(blob.constData() + 21));
}

QString columns()
{
    return QStringLiteral(
        "uuid, case_no, category_id, cell_code, channel, description, reporter, state, pending, "
        "urgent, supervised, rework_count, unit_id, reported_at, dispatched_at, due_at, "
        "handled_at, closed_at, on_time, updated_at, geom");
}

CaseRecord readRecord(const Statement &q)
{
    const auto time = [&q](int column) {
        return QDateTime::fromString(q.text(column), Qt::ISODateWithMs);
    };
    CaseRecord r;
    r.uuid = q.text(0);
    r.caseNo = q.text(1);
    r.categoryId = q.text(2);
    r.cellCode = q.text(3);
    r.channel = q.text(4);
    r.description = q.text(5);
    r.reporter = q.text(6);
    r.status.state = CaseVocabulary::stateFromId(q.text(7)).value_or(CaseState::Reported);
    r.status.pending = PendingRequest(q.integer(8));
    r.status.urgent = q.integer(9) != 0;
    r.status.supervised = q.integer(10) != 0;
    r.status.reworkCount = int(q.integer(11));
    r.unitId = q.text(12);
    r.reportedAt = time(13);
    r.dispatchedAt = time(14);
    r.dueAt = time(15);
    r.handledAt = time(16);
    r.closedAt = time(17);
    if (!q.isNull(18))
        r.onTime = q.integer(18) != 0;
    r.updatedAt = time(19);
    r.lonLat = pointFromGpkg(q.blob(20)).value_or(QPointF(qQNaN(), qQNaN()));
    return r;
}

} // namespace caserows

namespace {

// The columns the writer fills, in the order of its parameters (?1, ?2, ...).
const char *const eventColumns = "uuid, case_uuid, step, actor, role, at, site_id, note, payload";
const char *const rowColumns =
    "geom, uuid, case_no, category_id, cell_code, community_code, subdistrict_code, channel, "
    "description, reporter, state, pending, urgent, supervised, rework_count, unit_id, "
    "reported_at, dispatched_at, due_at, closed_at, on_time, updated_at, handled_at";

QString parameters(int count)
{
    QStringList list;
    for (int i = 1; i <= count; ++i)
        list << QStringLiteral("?%1").arg(i);
    return list.join(QStringLiteral(", "));
}

} // namespace

Result<CaseRowWriter> CaseRowWriter::prepare(const SqliteDb &db)
{
    return prepare(db, storeschema::caseEventsTable(), storeschema::casesTable(), true);
}

Result<CaseRowWriter> CaseRowWriter::prepare(const SqliteDb &db, const QString &eventsTable,
                                             const QString &rowsTable, bool merge)
{
    auto insert =
        Statement::prepare(db, QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                                   .arg(eventsTable, QLatin1String(eventColumns), parameters(9)));
    if (!insert)
        return insert.error();
    QString sql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                      .arg(rowsTable, QLatin1String(rowColumns), parameters(23));
    if (merge)
        sql += QStringLiteral(
            " ON CONFLICT (uuid) DO UPDATE SET cell_code = excluded.cell_code, community_code = "
            "excluded.community_code, subdistrict_code = excluded.subdistrict_code, state = "
            "excluded.state, pending = "
            "excluded.pending, urgent = excluded.urgent, supervised = excluded.supervised, "
            "rework_count = excluded.rework_count, unit_id = excluded.unit_id, dispatched_at = "
            "excluded.dispatched_at, due_at = excluded.due_at, closed_at = excluded.closed_at, "
            "on_time = excluded.on_time, updated_at = excluded.updated_at, handled_at = "
            "excluded.handled_at");
    auto upsert = Statement::prepare(db, sql);
    if (!upsert)
        return upsert.error();
    return CaseRowWriter(std::move(insert.value()), std::move(upsert.value()));
}

Result<CaseBulkWriter> CaseBulkWriter::begin(SqliteDb &db)
{
    const QStringList sql{
        QStringLiteral("DROP TABLE IF EXISTS temp.staged_events"),
        QStringLiteral("DROP TABLE IF EXISTS temp.staged_cases"),
        QStringLiteral("CREATE TEMP TABLE staged_events AS SELECT %1 FROM main.%2 WHERE 0")
            .arg(QLatin1String(eventColumns), storeschema::caseEventsTable()),
        QStringLiteral("CREATE TEMP TABLE staged_cases AS SELECT %1 FROM main.%2 WHERE 0")
            .arg(QLatin1String(rowColumns), storeschema::casesTable())};
    for (const QString &statement : sql)
        if (auto r = db.exec(statement); !r)
            return r.error();
    auto writer = CaseRowWriter::prepare(db, QStringLiteral("temp.staged_events"),
                                         QStringLiteral("temp.staged_cases"), false);
    if (!writer)
        return writer.error();
    return CaseBulkWriter(db, std::move(writer.value()));
}

Result<void> CaseBulkWriter::finish()
{
    const QString copy = QStringLiteral("INSERT INTO main.%1 (%2) SELECT %2 FROM temp.%3 ORDER BY "
                                        "rowid");
    if (auto r = m_db.exec(copy.arg(storeschema::caseEventsTable(), QLatin1String(eventColumns),
                                    QStringLiteral("staged_events")));
        !r)
        return r;
    // the events just copied, sealed once their cases are stored (a link names the case number)
    const qint64 lastEvent = m_db.lastInsertId();
    const qint64 firstEvent = lastEvent - m_db.changes() + 1;
    const QStringList sql{copy.arg(storeschema::casesTable(), QLatin1String(rowColumns),
                                   QStringLiteral("staged_cases")),
                          QStringLiteral("DROP TABLE temp.staged_events"),
                          QStringLiteral("DROP TABLE temp.staged_cases")};
    for (const QString &statement : sql)
        if (auto r = m_db.exec(statement); !r)
            return r.error();
    return RecordChain(m_db).sealRows(recordstreams::cases(), firstEvent, lastEvent);
}

Result<void> CaseRowWriter::appendEvent(const CaseEvent &e)
{
    const QStringList values = caserows::eventValues(e);
    for (int i = 0; i < values.size(); ++i)
        m_insertEvent.bind(i + 1, values[i]);
    return m_insertEvent.run();
}

Result<void> CaseRowWriter::saveRow(const CaseRecord &r)
{
    using caserows::storedTime;
    Statement &q = m_upsertRow;
    q.bindBlob(1, caserows::gpkgPoint(r.lonLat, storeschema::storageSrid));
    q.bind(2, r.uuid).bind(3, r.caseNo).bind(4, r.categoryId).bind(5, r.cellCode);
    q.bind(6, r.cellCode.left(12)).bind(7, r.cellCode.left(9)).bind(8, r.channel);
    q.bind(9, r.description).bind(10, r.reporter).bind(11, CaseVocabulary::id(r.status.state));
    q.bind(12, QString::number(int(r.status.pending))).bind(13, qint64(r.status.urgent));
    q.bind(14, qint64(r.status.supervised))
        .bind(15, qint64(r.status.reworkCount))
        .bind(16, r.unitId);
    q.bind(17, storedTime(r.reportedAt))
        .bind(18, storedTime(r.dispatchedAt))
        .bind(19, storedTime(r.dueAt));
    q.bind(20, storedTime(r.closedAt));
    if (r.onTime)
        q.bind(21, qint64(*r.onTime));
    else
        q.bindNull(21);
    q.bind(22, storedTime(r.updatedAt)).bind(23, storedTime(r.handledAt));
    return q.run();
}

} // namespace citygrid
