// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "centre/centreschema3.h"

namespace citygrid::centreschema3 {

// What schema 3 adds: the field offices' sync packages taken in at the centre's package desk (a
// workstation whose account holds the sync right and sees the whole district) go to the server,
// so every workstation has them. {staff} and {owner} are replaced by the quoted role names.
const char *const sql = R"sql(
-- A sync package the desk took in, as the desk's copy then holds it: each case the package
-- touched, as the desk projected it from all its events, with all those events (each checked at
-- the desk against the chain and the accounts of the site that wrote it) and files, and the
-- reference records the package brought. The desk must have seen every event the server holds
-- of those cases: a case stepped meanwhile at a workstation refuses the whole package (SQLSTATE
-- 40001; the desk catches up and takes it in again). Events and files the server holds already
-- are skipped; a record the server holds newer is kept (the same rule as every site's merge).
CREATE FUNCTION citygrid.receive_package(p_events jsonb, p_cases jsonb, p_attachments jsonb,
    p_records jsonb) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = citygrid, public, pg_temp AS $$
DECLARE
    me citygrid.accounts;
    row_in citygrid.cases;
    ev citygrid.case_events;
    old citygrid.cases;
    rec citygrid.ref_records;
    e jsonb;
    c jsonb;
    r jsonb;
    v_clock jsonb;
    v_at timestamptz;
    added integer := 0;
    n bigint;
BEGIN
    SELECT * INTO me FROM citygrid.accounts WHERE login_role = session_user AND enabled;
    IF NOT FOUND OR NOT EXISTS (SELECT 1 FROM citygrid.role_rights
                                WHERE role = me.role AND right_id = 'sync') THEN
        RAISE EXCEPTION '% may not take in sync packages', session_user
            USING ERRCODE = '42501', HINT = 'citygrid.right';
    END IF;
    IF coalesce(me.unit_id, '') <> '' OR coalesce(me.area, '') <> '' THEN
        RAISE EXCEPTION '% does not see the whole district', me.name
            USING ERRCODE = '42501', HINT = 'citygrid.desk';
    END IF;
    PERFORM pg_advisory_xact_lock(7310001);
    SELECT * INTO old FROM citygrid.cases WHERE uuid = (
        SELECT x.case_uuid FROM citygrid.case_events x
        WHERE x.case_uuid IN (SELECT pc ->> 'uuid' FROM jsonb_array_elements(p_cases) pc)
          AND x.uuid NOT IN (SELECT pe ->> 'uuid' FROM jsonb_array_elements(p_events) pe)
        LIMIT 1);
    IF FOUND THEN
        RAISE EXCEPTION 'case % was changed since', old.case_no
            USING ERRCODE = '40001', HINT = 'citygrid.stale';
    END IF;
    -- the events first, each case's numbered on from the version it had
    FOR e IN SELECT * FROM jsonb_array_elements(p_events) ORDER BY value ->> 'at', value ->> 'uuid'
    LOOP
        ev := jsonb_populate_record(NULL::citygrid.case_events, e);
        CONTINUE WHEN EXISTS (SELECT 1 FROM citygrid.case_events WHERE uuid = ev.uuid);
        IF NOT EXISTS (SELECT 1 FROM jsonb_array_elements(p_cases) x
                       WHERE x ->> 'uuid' = ev.case_uuid)
           AND NOT EXISTS (SELECT 1 FROM citygrid.cases WHERE uuid = ev.case_uuid) THEN
            RAISE EXCEPTION 'event % is of case %, which neither the server nor the package holds',
                ev.uuid, ev.case_uuid USING ERRCODE = '22023', HINT = 'citygrid.mismatch';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM citygrid.cases WHERE uuid = ev.case_uuid) THEN
            SELECT * INTO row_in FROM jsonb_populate_record(NULL::citygrid.cases,
                (SELECT x FROM jsonb_array_elements(p_cases) x WHERE x ->> 'uuid' = ev.case_uuid
                 LIMIT 1));
            row_in.version := 0;
            row_in.fid := nextval(pg_get_serial_sequence('citygrid.cases', 'fid'));
            INSERT INTO citygrid.cases SELECT (row_in).*;
        END IF;
        UPDATE citygrid.cases SET version = version + 1 WHERE uuid = ev.case_uuid
            RETURNING version INTO ev.case_version;
        INSERT INTO citygrid.case_events (uuid, case_uuid, case_version, step, actor, role, at,
            site_id, note, payload)
        VALUES (ev.uuid, ev.case_uuid, ev.case_version, ev.step, ev.actor, ev.role, ev.at,
            ev.site_id, ev.note, ev.payload)
        RETURNING seq INTO n;
        PERFORM pg_notify('citygrid_events', n || ' ' || ev.case_uuid);
        added := added + 1;
    END LOOP;
    -- then each touched case as the desk projected it from all its events
    FOR c IN SELECT * FROM jsonb_array_elements(p_cases) LOOP
        row_in := jsonb_populate_record(NULL::citygrid.cases, c);
        UPDATE citygrid.cases SET
            case_no = row_in.case_no, category_id = row_in.category_id,
            cell_code = row_in.cell_code, community_code = row_in.community_code,
            subdistrict_code = row_in.subdistrict_code, channel = row_in.channel,
            description = row_in.description, reporter = row_in.reporter,
            state = row_in.state, pending = row_in.pending, urgent = row_in.urgent,
            supervised = row_in.supervised, rework_count = row_in.rework_count,
            unit_id = row_in.unit_id, reported_at = row_in.reported_at,
            dispatched_at = row_in.dispatched_at, due_at = row_in.due_at,
            handled_at = row_in.handled_at, closed_at = row_in.closed_at,
            on_time = row_in.on_time, updated_at = row_in.updated_at, geom = row_in.geom
        WHERE uuid = row_in.uuid;
    END LOOP;
    INSERT INTO citygrid.case_attachments (uuid, case_uuid, event_uuid, name, mime, data,
        thumbnail)
    SELECT a ->> 'uuid', a ->> 'case_uuid', a ->> 'event_uuid', a ->> 'name', a ->> 'mime',
        decode(a ->> 'data', 'base64'), decode(nullif(a ->> 'thumbnail', ''), 'base64')
    FROM jsonb_array_elements(p_attachments) a
    WHERE EXISTS (SELECT 1 FROM citygrid.case_events x WHERE x.uuid = a ->> 'event_uuid')
    ON CONFLICT (uuid) DO NOTHING;
    -- reference records: the newer copy kept; two written without seeing each other, the one
    -- written last (the site id breaking a tie), as every site merges them
    FOR r IN SELECT * FROM jsonb_array_elements(p_records) LOOP
        -- a grid is replaced at the server by its owner, never by a package
        CONTINUE WHEN NOT EXISTS (SELECT 1 FROM citygrid.ref_kinds WHERE kind = r ->> 'kind');
        v_clock := r -> 'clock';
        v_at := (r ->> 'at')::timestamptz;
        SELECT * INTO rec FROM citygrid.ref_records WHERE kind = r ->> 'kind' AND key = r ->> 'key';
        IF FOUND THEN
            CONTINUE WHEN citygrid.clock_covers(rec.clock::jsonb, v_clock);
            CONTINUE WHEN NOT citygrid.clock_covers(v_clock, rec.clock::jsonb)
                AND (rec.at, rec.site_id) > (v_at, r ->> 'site_id');
            UPDATE citygrid.ref_records SET
                value = CASE WHEN jsonb_typeof(r -> 'value') = 'null' THEN NULL
                             ELSE (r -> 'value')::text END,
                at = v_at, site_id = r ->> 'site_id', actor = r ->> 'actor',
                clock = v_clock::text, seq = DEFAULT
            WHERE kind = rec.kind AND key = rec.key RETURNING seq INTO n;
        ELSE
            INSERT INTO citygrid.ref_records (kind, key, value, at, site_id, actor, clock)
            VALUES (r ->> 'kind', r ->> 'key',
                    CASE WHEN jsonb_typeof(r -> 'value') = 'null' THEN NULL
                         ELSE (r -> 'value')::text END,
                    v_at, r ->> 'site_id', r ->> 'actor', v_clock::text)
            RETURNING seq INTO n;
        END IF;
        PERFORM pg_notify('citygrid_events', 'record ' || n);
    END LOOP;
    RETURN added;
END
$$;
REVOKE ALL ON FUNCTION citygrid.receive_package(jsonb, jsonb, jsonb, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION citygrid.receive_package(jsonb, jsonb, jsonb, jsonb)
    TO {staff};
)sql";

} // namespace citygrid::centreschema3
