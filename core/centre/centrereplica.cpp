// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "centre/centrereplica.h"

#include "accounts/passwords.h"
#include "audit/recordchain.h"
#include "audit/recordstreams.h"
#include "cases/caseattachment.h"
#include "cases/caserecord.h"
#include "cases/caserows.h"
#include "cases/casevocabulary.h"
#include "store/shareddocuments.h"
#include "store/storeschema.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace citygrid {

namespace {

/// A timestamptz column as milliseconds since the epoch (what QDateTime reads exactly).
QString ms(const char *column)
{
    return QStringLiteral("(extract(epoch FROM %1) * 1000)::bigint").arg(QLatin1String(column));
}

QDateTime timeAt(const PgResult &r, int row, int column)
{
    return r.isNull(row, column) ? QDateTime()
                                 : QDateTime::fromMSecsSinceEpoch(r.integer(row, column), Qt::UTC);
}

QString textArray(const QSet<QString> &values)
{
    QStringList list(values.begin(), values.end());
    return u'{' + list.join(u',') + u'}';
}

/// Writes the events the store lacks; returns those written at the centre after `since` (a
/// case's older history, brought in because the case came within reach, is not among them).
Result<QStringList> storeEvents(SqliteDb &db, const PgResult &events, qint64 since)
{
    auto insert = Statement::prepare(
        db, QStringLiteral("INSERT OR IGNORE INTO %1 (uuid, case_uuid, step, actor, role, at, "
                           "site_id, note, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
                .arg(storeschema::caseEventsTable()));
    if (!insert)
        return insert.error();
    QStringList added;
    for (int i = 0; i < events.rows(); ++i) {
        CaseEvent e{events.text(i, 1),
                    events.text(i, 2),
                    events.text(i, 3),
                    events.text(i, 4),
                    events.text(i, 5),
                    timeAt(events, i, 6),
                    events.text(i, 7),
                    events.text(i, 8),
                    QJsonDocument::fromJson(events.text(i, 9).toUtf8()).object()};
        const QStringList values = caserows::eventValues(e);
        for (int v = 0; v < values.size(); ++v)
            insert.value().bind(v + 1, values[v]);
        if (auto r = insert.value().run(); !r)
            return r.error();
        if (db.changes() == 0)
            continue;
        // this copy's record of what it received, sealed like any step written here
        const qint64 row = db.lastInsertId();
        if (auto r = RecordChain(db).sealRows(recordstreams::cases(), row, row); !r)
            return r.error();
        if (events.integer(i, 0) > since)
            added.append(e.uuid);
    }
    return added;
}

Result<void> storeCases(SqliteDb &db, const PgResult &rows)
{
    auto writer = CaseRowWriter::prepare(db);
    if (!writer)
        return writer.error();
    for (int i = 0; i < rows.rows(); ++i) {
        CaseRecord c;
        c.uuid = rows.text(i, 0);
        c.caseNo = rows.text(i, 1);
        c.categoryId = rows.text(i, 2);
        c.cellCode = rows.text(i, 3);
        c.channel = rows.text(i, 4);
        c.description = rows.text(i, 5);
        c.reporter = rows.text(i, 6);
        c.status.state = CaseVocabulary::stateFromId(rows.text(i, 7)).value_or(CaseState::Reported);
        c.status.pending = PendingRequest(rows.integer(i, 8));
        c.status.urgent = rows.boolean(i, 9);
        c.status.supervised = rows.boolean(i, 10);
        c.status.reworkCount = int(rows.integer(i, 11));
        c.unitId = rows.text(i, 12);
        c.reportedAt = timeAt(rows, i, 13);
        c.dispatchedAt = timeAt(rows, i, 14);
        c.dueAt = timeAt(rows, i, 15);
        c.handledAt = timeAt(rows, i, 16);
        c.closedAt = timeAt(rows, i, 17);
        if (!rows.isNull(i, 18))
            c.onTime = rows.boolean(i, 18);
        c.updatedAt = timeAt(rows, i, 19);
        c.lonLat = rows.isNull(i, 20)
                       ? QPointF(qQNaN(), qQNaN())
                       : QPointF(rows.text(i, 20).toDouble(), rows.text(i, 21).toDouble());
        if (auto r = writer.value().saveRow(c); !r)
            return r;
    }
    return {};
}

Result<void> storeAttachments(PgConnection &conn, SqliteDb &db, const QSet<QString> &cases)
{
    auto listed = conn.exec(QStringLiteral("SELECT uuid FROM citygrid.case_attachments WHERE "
                                           "case_uuid = ANY($1::text[])"),
                            {textArray(cases)});
    if (!listed)
        return listed.error();
    auto known = Statement::prepare(db, QStringLiteral("SELECT 1 FROM %1 WHERE uuid = ?1")
                                            .arg(storeschema::caseAttachmentsTable()));
    if (!known)
        return known.error();
    QSet<QString> missing;
    for (int i = 0; i < listed.value().rows(); ++i) {
        known.value().bind(1, listed.value().text(i, 0));
        auto here = known.value().step();
        if (!here)
            return here.error();
        if (!here.value())
            missing.insert(listed.value().text(i, 0));
        known.value().reset();
    }
    if (missing.isEmpty())
        return {};
    auto files =
        conn.exec(QStringLiteral("SELECT uuid, case_uuid, coalesce(event_uuid, ''), name, "
                                 "mime, encode(data, 'base64'), encode(coalesce("
                                 "thumbnail, ''), 'base64') FROM citygrid.case_attachments "
                                 "WHERE uuid = ANY($1::text[])"),
                  {textArray(missing)});
    if (!files)
        return files.error();
    const PgResult &f = files.value();
    for (int i = 0; i < f.rows(); ++i) {
        const CaseAttachment file{f.text(i, 0),
                                  f.text(i, 1),
                                  f.text(i, 2),
                                  f.text(i, 3),
                                  f.text(i, 4),
                                  QByteArray::fromBase64(f.text(i, 5).toLatin1()),
                                  QByteArray::fromBase64(f.text(i, 6).toLatin1())};
        if (auto r = CaseAttachments::add(db, file); !r)
            return r;
    }
    return {};
}

Result<void> storeAccounts(SqliteDb &db, const PgResult &accounts)
{
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    // a stranger's password hash never leaves the server: "!" matches no password
    auto upsert = Statement::prepare(
        db, QStringLiteral("INSERT INTO accounts (name, display_name, role, unit_id, area, "
                           "enabled, password_hash, created_at, updated_at) VALUES (?1, ?2, ?3, "
                           "?4, ?5, ?6, '!', ?7, ?7) ON CONFLICT (name) DO UPDATE SET "
                           "display_name = excluded.display_name, role = excluded.role, unit_id "
                           "= excluded.unit_id, area = excluded.area, enabled = "
                           "excluded.enabled, updated_at = excluded.updated_at"));
    if (!upsert)
        return upsert.error();
    for (int i = 0; i < accounts.rows(); ++i) {
        upsert.value().bind(1, accounts.text(i, 0)).bind(2, accounts.text(i, 1));
        upsert.value().bind(3, accounts.text(i, 2));
        for (int c : {3, 4}) {
            if (accounts.text(i, c).isEmpty())
                upsert.value().bindNull(c + 1);
            else
                upsert.value().bind(c + 1, accounts.text(i, c));
        }
        upsert.value().bind(6, qint64(accounts.boolean(i, 5))).bind(7, now);
        if (auto r = upsert.value().run(); !r)
            return r;
        if (auto r = RecordChain(db).sealState(recordstreams::accounts(), accounts.text(i, 0)); !r)
            return r;
    }
    return {};
}

/// The server's reference records `rows` holds, as RefRecords keeps them.
Result<QList<RefRecords::Record>> recordsFrom(const PgResult &rows)
{
    QList<RefRecords::Record> records;
    for (int i = 0; i < rows.rows(); ++i) {
        const QString value = rows.text(i, 2);
        const QJsonObject o{
            {QStringLiteral("kind"), rows.text(i, 0)},
            {QStringLiteral("key"), rows.text(i, 1)},
            {QStringLiteral("value"),
             value.isEmpty() ? QJsonValue()
                             : QJsonDocument::fromJson("{\"v\":" + value.toUtf8() + '}')
                                   .object()
                                   .value(QLatin1String("v"))},
            {QStringLiteral("at"), rows.text(i, 3)},
            {QStringLiteral("site_id"), rows.text(i, 4)},
            {QStringLiteral("actor"), rows.text(i, 5)},
            {QStringLiteral("clock"), QJsonDocument::fromJson(rows.text(i, 6).toUtf8()).object()}};
        auto record = RefRecords::Record::fromJson(o);
        if (!record)
            return Error{QStringLiteral("centre.record"),
                         CentreReplica::tr("The centre holds a reference record without a kind, "
                                           "a key, a time or a version (%1 %2)")
                             .arg(rows.text(i, 0), rows.text(i, 1)),
                         {}};
        records.append(*record);
    }
    return records;
}

/// Puts each document the server sent (kind, key, version, value, seq) that is newer than the
/// store's in place of it; returns the kinds that changed. A kind this release does not know
/// (a newer one's) and a document it cannot read are left, with a warning: one bad document
/// must not stop every workstation's catch-up.
Result<QStringList> storeDocuments(Store &store, const RefKinds &kinds, const PgResult &rows)
{
    QStringList changed;
    for (int i = 0; i < rows.rows(); ++i) {
        const RefKind *kind = kinds.find(rows.text(i, 0));
        const QString key = rows.text(i, 1);
        const QString versionAt = shareddocuments::versionKey(rows.text(i, 0), key);
        const qint64 version = rows.integer(i, 2);
        if (!kind || !kind->document || store.meta(versionAt).toLongLong() >= version)
            continue;
        RefRecords::Record document;
        document.kind = kind->id;
        document.key = key;
        document.value = QJsonDocument::fromJson(rows.text(i, 3).toUtf8()).object();
        if (const QString why = kind->problem ? kind->problem(document) : QString();
            !why.isEmpty()) {
            qWarning("The centre's %s %s cannot be read here (%s); it is left out",
                     qPrintable(kind->id), qPrintable(key), qPrintable(why));
            continue;
        }
        if (auto r = kind->apply(store.db(), document); !r)
            return r.error();
        if (auto r = store.setMeta(versionAt, QString::number(version)); !r)
            return r.error();
        if (!changed.contains(kind->id))
            changed.append(kind->id);
    }
    return changed;
}

} // namespace

Result<CentreReplica::Pulled> CentreReplica::pull(PgConnection &conn, Store &store,
                                                  const RefKinds &kinds)
{
    const qint64 since = store.meta(keyLastEvent()).toLongLong();
    // one snapshot: the events, the rows and the accounts agree with each other. Rolled back on
    // every way out but the end, so a failure never leaves the connection inside an old snapshot
    // (the steps sent on it would fail as read-only).
    PgTransaction snapshot(conn);
    if (auto r = snapshot.begin(QStringLiteral("ISOLATION LEVEL REPEATABLE READ READ ONLY")); !r)
        return r.error();
    // how far the whole log goes, though this account sees only part of it
    auto last = conn.exec(QStringLiteral(
        "SELECT citygrid.last_event(), to_regclass('citygrid.documents') IS NOT NULL, "
        "coalesce((SELECT value FROM citygrid.meta WHERE key = 'grid_at'), '')"));
    if (!last)
        return last.error();
    auto events = conn.exec(
        QStringLiteral("SELECT e.seq, e.uuid, e.case_uuid, e.step, e.actor, e.role, %1, "
                       "e.site_id, coalesce(e.note, ''), coalesce(e.payload, '') FROM "
                       "citygrid.case_events e WHERE e.case_uuid IN (SELECT case_uuid FROM "
                       "citygrid.case_events WHERE seq > $1) ORDER BY e.seq")
            .arg(ms("e.at")),
        {since});
    if (!events)
        return events.error();
    Pulled pulled;
    pulled.lastEvent = std::max(since, last.value().integer(0, 0));
    pulled.gridAt = last.value().text(0, 2);
    for (int i = 0; i < events.value().rows(); ++i)
        pulled.cases.insert(events.value().text(i, 2));
    auto rows = conn.exec(
        QStringLiteral("SELECT uuid, case_no, category_id, coalesce(cell_code, ''), channel, "
                       "coalesce(description, ''), coalesce(reporter, ''), state, pending, "
                       "urgent, supervised, rework_count, coalesce(unit_id, ''), %1, %2, %3, %4, "
                       "%5, on_time, %6, ST_X(geom), ST_Y(geom) FROM citygrid.cases WHERE uuid = "
                       "ANY($1::text[])")
            .arg(ms("reported_at"), ms("dispatched_at"), ms("due_at"), ms("handled_at"),
                 ms("closed_at"), ms("updated_at")),
        {textArray(pulled.cases)});
    // the accounts only when they changed since the last catch-up (most catch-ups: a step)
    auto stamp = conn.exec(QStringLiteral("SELECT count(*) || '/' || coalesce(max(updated_at)::"
                                          "text, '') FROM citygrid.accounts"));
    const bool accountsChanged =
        stamp && stamp.value().text(0, 0) != store.meta(keyAccountsStamp());
    Result<PgResult> accounts = Error{};
    if (accountsChanged)
        accounts = conn.exec(QStringLiteral("SELECT name, display_name, role, coalesce(unit_id, "
                                            "''), coalesce(area, ''), enabled FROM "
                                            "citygrid.accounts ORDER BY name"));
    const qint64 recordsSince = store.meta(keyLastRecord()).toLongLong();
    auto records = conn.exec(
        QStringLiteral("SELECT kind, key, coalesce(value, ''), to_char(at AT TIME ZONE 'UTC', "
                       "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), site_id, actor, clock, seq FROM "
                       "citygrid.ref_records WHERE seq > $1 ORDER BY seq"),
        {recordsSince});
    // documents (a centre of schema 4 on): each written since the last catch-up, as it is now
    const qint64 documentsSince = store.meta(keyLastDocument()).toLongLong();
    const bool shared = last.value().boolean(0, 1);
    Result<PgResult> documents = Error{};
    if (shared)
        documents = conn.exec(QStringLiteral("SELECT kind, key, version, value::text, seq FROM "
                                             "citygrid.documents WHERE seq > $1 ORDER BY seq"),
                              {documentsSince});
    for (const Result<PgResult> *r : {&rows, &stamp, accountsChanged ? &accounts : &rows, &records,
                                      shared ? &documents : &rows})
        if (!*r)
            return r->error();
    auto incoming = recordsFrom(records.value());
    if (!incoming)
        return incoming.error();
    const qint64 lastRecord = records.value().rows()
                                  ? records.value().integer(records.value().rows() - 1, 7)
                                  : recordsSince;
    Transaction tx(store.db());
    if (auto r = tx.begin(); !r)
        return r.error();
    auto added = storeEvents(store.db(), events.value(), since);
    if (!added)
        return added.error();
    pulled.eventIds = std::move(added).value();
    if (auto r = storeCases(store.db(), rows.value()); !r)
        return r.error();
    if (auto r = storeAttachments(conn, store.db(), pulled.cases); !r)
        return r.error();
    if (accountsChanged) {
        if (auto r = storeAccounts(store.db(), accounts.value()); !r)
            return r.error();
        if (auto r = store.setMeta(keyAccountsStamp(), stamp.value().text(0, 0)); !r)
            return r.error();
    }
    if (!incoming.value().isEmpty()) {
        const QString centre = store.meta(storeschema::keyCentre());
        auto merged =
            kinds.merge(store.db(), store.meta(storeschema::keySiteId()), incoming.value(), centre,
                        centre, QDateTime::currentDateTimeUtc());
        if (!merged)
            return merged.error();
        pulled.changedKinds = merged.value().changedKinds;
        if (auto r = store.setMeta(keyLastRecord(), QString::number(lastRecord)); !r)
            return r.error();
    }
    if (shared && documents.value().rows()) {
        auto taken = storeDocuments(store, kinds, documents.value());
        if (!taken)
            return taken.error();
        for (const QString &kind : taken.value())
            if (!pulled.changedKinds.contains(kind))
                pulled.changedKinds.append(kind);
        std::sort(pulled.changedKinds.begin(), pulled.changedKinds.end());
        const PgResult &d = documents.value();
        if (auto r = store.setMeta(keyLastDocument(), d.text(d.rows() - 1, 4)); !r)
            return r.error();
    }
    (void)snapshot.commit(); // read only: nothing to lose if the commit fails
    if (pulled.lastEvent != since)
        if (auto r = store.setMeta(keyLastEvent(), QString::number(pulled.lastEvent)); !r)
            return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return pulled;
}

Result<bool> CentreReplica::keptPasswordMatches(const Store &store, const QString &account,
                                                const QString &password)
{
    auto kept = Statement::prepare(
        store.db(), QStringLiteral("SELECT password_hash FROM accounts WHERE name = ?1"));
    if (!kept)
        return kept.error();
    kept.value().bind(1, account);
    auto row = kept.value().step();
    if (!row)
        return row.error();
    return row.value() && Passwords::matches(kept.value().text(0).toLatin1(), password);
}

Result<void> CentreReplica::keepPassword(Store &store, const QString &account,
                                         const QString &password)
{
    auto matches = keptPasswordMatches(store, account, password);
    if (!matches)
        return matches.error();
    if (matches.value())
        return {};
    auto hash = Passwords::hash(password);
    if (!hash)
        return hash.error();
    auto update = Statement::prepare(
        store.db(), QStringLiteral("UPDATE accounts SET password_hash = ?1 WHERE name = ?2"));
    if (!update)
        return update.error();
    update.value().bind(1, QString::fromLatin1(hash.value())).bind(2, account);
    if (auto r = update.value().run(); !r)
        return r;
    return RecordChain(store.db()).sealState(recordstreams::accounts(), account);
}

} // namespace citygrid
