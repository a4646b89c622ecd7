// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "cases/caserecord.h"
#include "store/sqlitedb.h"

#include <QByteArray>
#include <QPointF>

#include <optional>

namespace citygrid {

/// Writes cases into the store: an event appended to `case_events`, the projected row upserted
/// into `cases`. The statements are prepared once, so one step and a bulk load of a million cases
/// go through the same code. The caller owns the transaction. One thread at a time.
class CaseRowWriter
{
public:
    static Result<CaseRowWriter> prepare(const SqliteDb &db);
    /// Into other tables of the same columns; `merge`: a row with a known uuid updates it.
    static Result<CaseRowWriter> prepare(const SqliteDb &db, const QString &eventsTable,
                                         const QString &rowsTable, bool merge);

    Result<void> appendEvent(const CaseEvent &event);
    Result<void> saveRow(const CaseRecord &record);

private:
    CaseRowWriter(Statement insertEvent, Statement upsertRow)
        : m_insertEvent(std::move(insertEvent)), m_upsertRow(std::move(upsertRow))
    {
    }
    Statement m_insertEvent;
    Statement m_upsertRow;
};

/// Writes many new cases at once (an import, the demo). Row by row, SQLite opens and closes every
/// index of both tables for each statement; here the rows go first to temporary tables with no
/// index, then into the store's tables in one statement each, several times faster. Only for
/// cases not yet in the store. The caller owns the transaction and calls finish() before commit.
class CaseBulkWriter
{
public:
    static Result<CaseBulkWriter> begin(SqliteDb &db);

    Result<void> appendEvent(const CaseEvent &event) { return m_writer.appendEvent(event); }
    Result<void> saveRow(const CaseRecord &record) { return m_writer.saveRow(record); }
    /// Moves the staged rows into the store.
    Result<void> finish();

private:
    CaseBulkWriter(SqliteDb &db, CaseRowWriter writer) : m_db(db), m_writer(std::move(writer)) {}
    SqliteDb &m_db;
    CaseRowWriter m_writer;
};

/// Reading the `cases` table: the columns every reader selects, in order, and the record they
/// make (the row is the projection of the case's events, so no replay is needed to list cases).
namespace caserows {

/// "uuid, case_no, ..., geom": the select list readRecord() expects, for `SELECT %1 FROM cases`.
QString columns();
CaseRecord readRecord(const Statement &row);
/// The events of one case in the order every site replays them: by time, then by id (ids are
/// time-ordered and the same at every site, so two stores order a merged history alike).
Result<QList<CaseEvent>> readHistory(const SqliteDb &db, const QString &caseUuid);
/// ISO 8601 with milliseconds in the store's fixed offset (UTC+8), as every time is stored, so
/// stored times compare as text.
QString storedTime(const QDateTime &time);
/// An event's columns as case_events stores them (uuid, case_uuid, step, actor, role, at,
/// site_id, note, payload): what the writer binds and the record chain seals.
QStringList eventValues(const CaseEvent &event);

/// A GeoPackage geometry blob of a point (no envelope) and back.
QByteArray gpkgPoint(QPointF point, qint32 srid);
std::optional<QPointF> pointFromGpkg(const QByteArray &blob);

} // namespace caserows

} // namespace citygrid
