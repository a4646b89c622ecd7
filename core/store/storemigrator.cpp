// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "store/storemigrator.h"

#include "audit/recordchain.h"

#include "store/sqlitedb.h"
#include "store/storeschema.h"

#include <QFile>

#include <algorithm>

namespace citygrid {

QList<StoreMigrator::Step> StoreMigrator::builtinSteps()
{
    // Version 1 is the first schema (the grid); each later version appends its step here.
    return {
        // 2: cases. A case's history is the append-only case_events; the cases row is its
        // projection, a point feature table GIS tools open (no R-tree: CityGrid indexes in memory).
        {1,
         QStringLiteral(
             "CREATE TABLE cases (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT,"
             " uuid TEXT NOT NULL UNIQUE, case_no TEXT NOT NULL UNIQUE, category_id TEXT NOT NULL,"
             " cell_code TEXT, community_code TEXT, subdistrict_code TEXT, channel TEXT NOT NULL,"
             " description TEXT, reporter TEXT, state TEXT NOT NULL, pending TEXT NOT NULL,"
             " urgent INTEGER NOT NULL, supervised INTEGER NOT NULL, rework_count INTEGER NOT NULL,"
             " unit_id TEXT, reported_at TEXT NOT NULL, dispatched_at TEXT, due_at TEXT,"
             " closed_at TEXT, on_time INTEGER, updated_at TEXT NOT NULL);"
             "CREATE INDEX cases_state ON cases (state);"
             "CREATE INDEX cases_cell ON cases (cell_code);"
             "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)"
             " VALUES ('cases', 'features', 'cases', 'Cases (projection of case_events)', 4326);"
             "INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name,"
             " srs_id, z, m) VALUES ('cases', 'geom', 'POINT', 4326, 0, 0);"
             "CREATE TABLE case_events (id INTEGER PRIMARY KEY AUTOINCREMENT,"
             " uuid TEXT NOT NULL UNIQUE, case_uuid TEXT NOT NULL, step TEXT NOT NULL,"
             " actor TEXT NOT NULL, role TEXT NOT NULL, at TEXT NOT NULL, site_id TEXT NOT NULL,"
             " note TEXT, payload TEXT);"
             "CREATE INDEX case_events_case ON case_events (case_uuid, at);"
             "INSERT INTO gpkg_contents (table_name, data_type, identifier, description)"
             " VALUES ('case_events', 'attributes', 'case_events', 'Case history, append-only');")},
        // 3: the list reads the cases table alone (handled_at joins the projection), sorted by
        // report time and due time; photos and documents of a case live in case_attachments.
        {2, QStringLiteral(
                "ALTER TABLE cases ADD COLUMN handled_at TEXT;"
                "UPDATE cases SET handled_at = coalesce((SELECT max(at) FROM case_events e"
                " WHERE e.case_uuid = cases.uuid AND e.step = 'feedback'), '');"
                "CREATE INDEX cases_reported ON cases (reported_at);"
                "CREATE INDEX cases_due ON cases (state, due_at);"
                "CREATE INDEX cases_category ON cases (category_id, state);"
                "CREATE TABLE case_attachments (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                " uuid TEXT NOT NULL UNIQUE, case_uuid TEXT NOT NULL, event_uuid TEXT,"
                " name TEXT NOT NULL, mime TEXT NOT NULL, data BLOB NOT NULL, thumbnail BLOB);"
                "CREATE INDEX case_attachments_case ON case_attachments (case_uuid);"
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, description)"
                " VALUES ('case_attachments', 'attributes', 'case_attachments',"
                " 'Photos and documents of cases');")},
        // 4: the list sorted by deadline reads this index in order instead of sorting every case.
        {3, QStringLiteral("CREATE INDEX cases_deadline ON cases (due_at);")},
        // 5: the "7+1" assessment. Scheme versions are kept whole (a published month keeps the
        // version it was scored on); entries, surveys and evidence are the month's inputs; the
        // events are its history (submitted, published, corrected: who, when, why); results and
        // figures are frozen at publication, one revision per correction.
        {4,
         QStringLiteral(
             "CREATE TABLE assessment_schemes (version INTEGER PRIMARY KEY, scheme TEXT NOT NULL,"
             " saved_at TEXT NOT NULL, saved_by TEXT NOT NULL, note TEXT);"
             "CREATE TABLE assessment_months (id INTEGER PRIMARY KEY AUTOINCREMENT,"
             " month TEXT NOT NULL UNIQUE,"
             " scheme_version INTEGER NOT NULL REFERENCES assessment_schemes (version),"
             " state TEXT NOT NULL, revision INTEGER NOT NULL DEFAULT 0);"
             "CREATE TABLE assessment_scores (id INTEGER PRIMARY KEY AUTOINCREMENT,"
             " uuid TEXT NOT NULL UNIQUE, month TEXT NOT NULL, subdistrict_code TEXT NOT NULL,"
             " point_id TEXT NOT NULL, side TEXT NOT NULL, evaluator TEXT NOT NULL,"
             " score REAL NOT NULL, note TEXT, entered_by TEXT NOT NULL, entered_at TEXT NOT NULL,"
             " UNIQUE (month, subdistrict_code, point_id, side, evaluator));"
             "CREATE TABLE assessment_evidence (id INTEGER PRIMARY KEY AUTOINCREMENT,"
             " uuid TEXT NOT NULL UNIQUE, month TEXT NOT NULL, subdistrict_code TEXT NOT NULL,"
             " point_id TEXT NOT NULL, name TEXT NOT NULL, mime TEXT NOT NULL, data BLOB NOT NULL,"
             " added_by TEXT NOT NULL, added_at TEXT NOT NULL);"
             "CREATE INDEX assessment_evidence_month ON assessment_evidence (month);"
             "CREATE TABLE assessment_surveys (month TEXT NOT NULL, subdistrict_code TEXT NOT NULL,"
             " survey TEXT NOT NULL, satisfied INTEGER NOT NULL, basically INTEGER NOT NULL,"
             " dissatisfied INTEGER NOT NULL, PRIMARY KEY (month, subdistrict_code, survey));"
             "CREATE TABLE assessment_population (year INTEGER NOT NULL,"
             " subdistrict_code TEXT NOT NULL, registered INTEGER NOT NULL,"
             " nonregistered INTEGER NOT NULL, PRIMARY KEY (year, subdistrict_code));"
             "CREATE TABLE assessment_events (id INTEGER PRIMARY KEY AUTOINCREMENT,"
             " uuid TEXT NOT NULL UNIQUE, month TEXT NOT NULL, at TEXT NOT NULL,"
             " actor TEXT NOT NULL, action TEXT NOT NULL, reason TEXT, payload TEXT);"
             "CREATE INDEX assessment_events_month ON assessment_events (month, id);"
             "CREATE TABLE assessment_results (id INTEGER PRIMARY KEY AUTOINCREMENT,"
             " month TEXT NOT NULL, revision INTEGER NOT NULL,"
             " subdistrict_code TEXT NOT NULL, raw REAL NOT NULL, coefficient REAL NOT NULL,"
             " adjusted REAL NOT NULL, rank INTEGER NOT NULL, first_level TEXT NOT NULL,"
             " UNIQUE (month, revision, subdistrict_code));"
             "CREATE TABLE assessment_figures (month TEXT NOT NULL, subdistrict_code TEXT NOT NULL,"
             " figure TEXT NOT NULL, value REAL,"
             " PRIMARY KEY (month, subdistrict_code, figure));"
             "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES"
             " ('assessment_months', 'attributes', 'assessment_months',"
             " '7+1 assessment: months and their state'),"
             " ('assessment_results', 'attributes', 'assessment_results',"
             " '7+1 assessment: published rankings, one revision per correction');")},
        // 6: sync. Each peer this site exchanges packages with: its public key (from its card) and
        // how far each side has got (in the sender's own event numbering); the conflicts a merge
        // found, kept for review.
        {5, QStringLiteral(
                "CREATE TABLE sync_peers (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                " site_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, public_key TEXT NOT NULL,"
                " sent_ack INTEGER NOT NULL DEFAULT 0, received_upto INTEGER NOT NULL DEFAULT 0,"
                " registered_at TEXT NOT NULL, last_import_at TEXT, last_export_at TEXT);"
                "CREATE TABLE sync_conflicts (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                " event_uuid TEXT NOT NULL UNIQUE, case_uuid TEXT NOT NULL, step TEXT NOT NULL,"
                " event_site TEXT NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL,"
                " package_source TEXT NOT NULL, recorded_at TEXT NOT NULL);"
                "CREATE INDEX case_events_site ON case_events (site_id);")},
        // 7: reference data that travels in sync packages. One record per (kind, key) with its
        // last value, who wrote it where and when, a version clock and this store's sequence
        // number; edits two sites made without seeing each other's are kept in ref_conflicts.
        // Scheme versions get an id that is the same at every site. What this store already
        // holds (population figures, schemes saved by people) becomes its first records.
        {6,
         QStringLiteral(
             "CREATE TABLE ref_records (kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT,"
             " at TEXT NOT NULL, site_id TEXT NOT NULL, actor TEXT NOT NULL, clock TEXT NOT NULL,"
             " seq INTEGER NOT NULL, PRIMARY KEY (kind, key));"
             "CREATE INDEX ref_records_seq ON ref_records (seq);"
             "CREATE TABLE ref_conflicts (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL,"
             " key TEXT NOT NULL, kept_site TEXT NOT NULL, kept_at TEXT NOT NULL, kept_value TEXT,"
             " lost_site TEXT NOT NULL, lost_at TEXT NOT NULL, lost_value TEXT,"
             " package_source TEXT NOT NULL, recorded_at TEXT NOT NULL);"
             "ALTER TABLE sync_peers ADD COLUMN ref_sent_ack INTEGER NOT NULL DEFAULT 0;"
             "ALTER TABLE sync_peers ADD COLUMN ref_received_upto INTEGER NOT NULL DEFAULT 0;"
             "ALTER TABLE assessment_schemes ADD COLUMN uuid TEXT;"
             "UPDATE assessment_schemes SET uuid = lower(hex(randomblob(16)));"
             "CREATE UNIQUE INDEX assessment_schemes_uuid ON assessment_schemes (uuid);"
             "INSERT INTO ref_records (kind, key, value, at, site_id, actor, clock, seq)"
             " SELECT 'population', year || '/' || subdistrict_code,"
             " json_object('v', json_object('registered', registered, 'nonregistered',"
             " nonregistered)), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), m.value, '',"
             " json_object(m.value, 1), row_number() OVER (ORDER BY year, subdistrict_code)"
             " FROM assessment_population, citygrid_meta m WHERE m.key = 'site_id';"
             "INSERT INTO ref_records (kind, key, value, at, site_id, actor, clock, seq)"
             " SELECT 'scheme', uuid, json_object('v', json_object('scheme', json(scheme),"
             " 'saved_at', saved_at, 'saved_by', saved_by, 'note', coalesce(note, ''))),"
             " strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), m.value, saved_by, json_object(m.value, 1),"
             " (SELECT count(*) FROM ref_records) + row_number() OVER (ORDER BY version)"
             " FROM assessment_schemes, citygrid_meta m"
             " WHERE m.key = 'site_id' AND saved_by <> 'citygrid';")},
        // 8: accounts (password hashes, never passwords) and their history: made, enabled,
        // disabled, password reset, logged in, failed, locked.
        {7, QStringLiteral(
                "CREATE TABLE accounts (name TEXT PRIMARY KEY, display_name TEXT NOT NULL,"
                " role TEXT NOT NULL, unit_id TEXT, area TEXT, enabled INTEGER NOT NULL DEFAULT 1,"
                " password_hash TEXT NOT NULL, locked_until TEXT, created_at TEXT NOT NULL,"
                " updated_at TEXT NOT NULL);"
                "CREATE TABLE account_events (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                " uuid TEXT NOT NULL UNIQUE, account TEXT NOT NULL, kind TEXT NOT NULL,"
                " actor TEXT NOT NULL, role TEXT NOT NULL, at TEXT NOT NULL,"
                " site_id TEXT NOT NULL, detail TEXT);"
                "CREATE INDEX account_events_account ON account_events (account, kind, at);")},
        // 9: the record's hash chains (one per site and kind of record) and the signed head of
        // each. What the store holds when it is upgraded is sealed as this site's, as it stands,
        // by the next step.
        {8, QStringLiteral(
                "CREATE TABLE record_chain (site_id TEXT NOT NULL, stream TEXT NOT NULL,"
                " seq INTEGER NOT NULL, ref TEXT NOT NULL, about TEXT, content TEXT,"
                " prev TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (site_id, stream, seq));"
                "CREATE INDEX record_chain_ref ON record_chain (stream, ref);"
                "CREATE TABLE record_heads (site_id TEXT NOT NULL, stream TEXT NOT NULL,"
                " seq INTEGER NOT NULL, hash TEXT NOT NULL, signature TEXT,"
                " PRIMARY KEY (site_id, stream));")},
        // 10: each head of another site's chain is also signed by this site when it arrives
        // (vouch), so a chain of a site whose key this store does not know is still anchored to
        // a key the store file does not hold.
        {9, QStringLiteral("ALTER TABLE record_heads ADD COLUMN vouch TEXT;"),
         // what the store held before the chains is sealed here, once the heads have every column
         [](SqliteDb &db) {
             RecordChain chain(db);
             if (auto r = chain.adoptUnsealed(); !r)
                 return r;
             return chain.vouchForeignHeads();
         }},
        // 11: a report from another system (an Open311 request) is found by the id that system
        // gave it, without reading every report
        {10, QStringLiteral("CREATE INDEX IF NOT EXISTS case_events_origin ON case_events"
                            " (json_extract(payload, '$.origin.id')) WHERE step = 'report';")},
        // 12: a peer that receives one area's cases alone (a field office), and the cases held
        // back from it (sent whole should they come into its area: sent_in, the package's last
        // event number, until the peer acknowledges it)
        {11, QStringLiteral("ALTER TABLE sync_peers ADD COLUMN area TEXT;"
                            "CREATE TABLE sync_withheld (peer TEXT NOT NULL, case_uuid TEXT NOT "
                            "NULL, sent_in INTEGER, PRIMARY KEY (peer, case_uuid));")},
    };
}

Result<QString> StoreMigrator::migrate(SqliteDb &db, int current, int target) const
{
    // The backup is a consistent copy taken by SQLite itself, so a WAL store is copied whole.
    const QString backup = db.path() + QStringLiteral(".v%1.bak").arg(current);
    QFile::remove(backup);
    // The copy holds what the store holds: owner-only from the start (SQLite writes into an
    // empty file that exists).
    if (QFile empty(backup); !empty.open(QIODevice::WriteOnly) ||
                             !empty.setPermissions(QFile::ReadOwner | QFile::WriteOwner))
        return Error{QStringLiteral("store.backup"),
                     tr("Could not back up the store before upgrading it; nothing was changed"),
                     empty.errorString()};
    QString quoted = backup;
    quoted.replace(u'\'', QStringLiteral("''"));
    if (auto r = db.exec(QStringLiteral("VACUUM INTO '%1'").arg(quoted)); !r)
        return Error{QStringLiteral("store.backup"),
                     tr("Could not back up the store before upgrading it; nothing was changed"),
                     r.error().detail};
    if (auto r = applySteps(db, current, target); !r)
        return r.error();
    return backup;
}

Result<void> StoreMigrator::applySteps(SqliteDb &db, int current, int target) const
{
    Transaction tx(db);
    if (auto r = tx.begin(); !r)
        return r.error();
    for (int v = current; v < target; ++v) {
        const auto step = std::find_if(m_steps.cbegin(), m_steps.cend(),
                                       [v](const Step &s) { return s.fromVersion == v; });
        if (step == m_steps.cend())
            return Error{QStringLiteral("store.no-migration"),
                         tr("This store has schema version %1, which this CityGrid cannot upgrade")
                             .arg(current),
                         {}};
        auto r = db.exec(step->sql);
        if (r && step->then)
            r = step->then(db);
        if (!r)
            return Error{
                QStringLiteral("store.migration"),
                tr("Upgrading the store from version %1 failed; it was left unchanged").arg(v),
                r.error().toText()};
    }
    auto update = Statement::prepare(
        db,
        QStringLiteral("UPDATE %1 SET value = ?1 WHERE key = ?2").arg(storeschema::metaTable()));
    if (!update)
        return update.error();
    update.value().bind(1, QString::number(target)).bind(2, storeschema::keySchemaVersion());
    if (auto r = update.value().run(); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return {};
}

} // namespace citygrid
