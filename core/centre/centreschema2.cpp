// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "centre/centreschema2.h"

namespace citygrid::centreschema2 {

// What schema 2 adds: reference edits (units, categories, the "7+1" population and schemes) and
// account changes settled on the server, as case steps are. {staff} and {owner} are replaced by
// the quoted role names.
const char *const sql = R"sql(
CREATE TABLE citygrid.ref_kinds (kind text PRIMARY KEY, right_id text NOT NULL);
GRANT SELECT ON citygrid.ref_kinds TO {staff};
CREATE INDEX ref_records_seq ON citygrid.ref_records (seq);

-- whether version clock a has seen every edit clock b counts
CREATE FUNCTION citygrid.clock_covers(a jsonb, b jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = citygrid, pg_temp AS $$
    SELECT NOT EXISTS (SELECT 1 FROM jsonb_each_text(b) e
                       WHERE coalesce((a ->> e.key)::bigint, 0) < e.value::bigint)
$$;

-- One edit of a reference record, as the workstation wrote it (kind, key, value as JSON text or
-- null, at, site_id, actor, clock). The account must hold the right the kind asks for, and its
-- copy must have seen the record as the server holds it (its clock covers the server's): an edit
-- made on an older copy, while another workstation saved, is refused with who saved first
-- (SQLSTATE 40001). The same edit sent again returns its number.
CREATE FUNCTION citygrid.put_record(p_record jsonb) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = citygrid, pg_temp AS $$
DECLARE
    me citygrid.accounts;
    old citygrid.ref_records;
    v_kind text := p_record ->> 'kind';
    v_key text := p_record ->> 'key';
    v_value text := CASE WHEN jsonb_typeof(p_record -> 'value') IN ('object', 'array', 'string',
                         'number', 'boolean') THEN (p_record -> 'value')::text END;
    v_clock jsonb := p_record -> 'clock';
    v_at timestamptz := (p_record ->> 'at')::timestamptz;
    n bigint;
BEGIN
    SELECT * INTO me FROM citygrid.accounts WHERE login_role = session_user;
    IF NOT FOUND OR NOT me.enabled THEN
        RAISE EXCEPTION 'no enabled CityGrid account signs in as %', session_user
            USING ERRCODE = '42501', HINT = 'citygrid.account';
    END IF;
    IF v_kind IS NULL OR v_key IS NULL OR v_at IS NULL OR p_record ->> 'site_id' IS NULL
       OR jsonb_typeof(v_clock) IS DISTINCT FROM 'object' THEN
        RAISE EXCEPTION 'a reference record needs a kind, a key, a time, a site and a clock'
            USING ERRCODE = '22023', HINT = 'citygrid.record';
    END IF;
    IF p_record ->> 'actor' IS DISTINCT FROM me.name THEN
        RAISE EXCEPTION 'the edit is in the name of %, not of %', p_record ->> 'actor', me.name
            USING ERRCODE = '42501', HINT = 'citygrid.actor';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM citygrid.ref_kinds k JOIN citygrid.role_rights r
                   ON r.right_id = k.right_id WHERE k.kind = v_kind AND r.role = me.role) THEN
        RAISE EXCEPTION 'role % may not write % records', me.role, v_kind
            USING ERRCODE = '42501', HINT = 'citygrid.right';
    END IF;
    PERFORM pg_advisory_xact_lock(7310001);
    SELECT * INTO old FROM citygrid.ref_records WHERE kind = v_kind AND key = v_key;
    IF FOUND THEN
        IF old.clock::jsonb = v_clock AND old.at = v_at AND old.site_id = p_record ->> 'site_id'
        THEN
            RETURN old.seq;
        END IF;
        IF old.clock::jsonb = v_clock OR NOT citygrid.clock_covers(v_clock, old.clock::jsonb) THEN
            RAISE EXCEPTION '% % was changed since', v_kind, v_key
                USING ERRCODE = '40001', HINT = 'citygrid.stale',
                      DETAIL = json_build_object('actor', old.actor, 'at', old.at)::text;
        END IF;
        UPDATE citygrid.ref_records SET value = v_value, at = v_at,
            site_id = p_record ->> 'site_id', actor = me.name, clock = v_clock::text,
            seq = DEFAULT
        WHERE kind = v_kind AND key = v_key RETURNING seq INTO n;
    ELSE
        INSERT INTO citygrid.ref_records (kind, key, value, at, site_id, actor, clock)
        VALUES (v_kind, v_key, v_value, v_at, p_record ->> 'site_id', me.name, v_clock::text)
        RETURNING seq INTO n;
    END IF;
    PERFORM pg_notify('citygrid_events', 'record ' || n);
    RETURN n;
END
$$;
REVOKE ALL ON FUNCTION citygrid.put_record(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION citygrid.put_record(jsonb) TO {staff};

-- An account enabled or disabled (p_enabled) or given a new password (p_verifier, the SCRAM
-- verifier the client computed, and p_hash, CityGrid's own hash): the login role follows (a
-- disabled account may not sign in to the server at all). Only an enabled account whose role
-- holds manage_accounts, never on itself to disable.
CREATE FUNCTION citygrid.change_account(p_name text, p_enabled boolean, p_verifier text,
    p_hash text, p_site text, p_at timestamptz) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = citygrid, pg_temp AS $$
DECLARE
    me citygrid.accounts;
    target citygrid.accounts;
BEGIN
    SELECT * INTO me FROM citygrid.accounts WHERE login_role = session_user AND enabled;
    IF NOT FOUND OR NOT EXISTS (SELECT 1 FROM citygrid.role_rights
                                WHERE role = me.role AND right_id = 'manage_accounts') THEN
        RAISE EXCEPTION '% may not change accounts', session_user
            USING ERRCODE = '42501', HINT = 'citygrid.right';
    END IF;
    SELECT * INTO target FROM citygrid.accounts WHERE name = p_name FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'there is no account %', p_name
            USING ERRCODE = 'P0002', HINT = 'citygrid.unknown';
    END IF;
    IF p_enabled IS NOT NULL AND p_enabled IS DISTINCT FROM target.enabled THEN
        IF NOT p_enabled AND target.name = me.name THEN
            RAISE EXCEPTION '% may not disable itself', me.name
                USING ERRCODE = '42501', HINT = 'citygrid.self';
        END IF;
        EXECUTE format('ALTER ROLE %I %s', target.login_role,
                       CASE WHEN p_enabled THEN 'LOGIN' ELSE 'NOLOGIN' END);
        UPDATE citygrid.accounts SET enabled = p_enabled, updated_at = p_at
            WHERE name = p_name;
        INSERT INTO citygrid.account_events (uuid, account, kind, actor, role, at, site_id)
        VALUES (gen_random_uuid()::text, p_name,
                CASE WHEN p_enabled THEN 'enabled' ELSE 'disabled' END, me.name, me.role, p_at,
                p_site);
    END IF;
    IF p_verifier IS NOT NULL THEN
        IF p_verifier NOT LIKE 'SCRAM-SHA-256$%' OR coalesce(p_hash, '') = '' THEN
            RAISE EXCEPTION 'a password reaches the server only as a SCRAM verifier'
                USING ERRCODE = '22023', HINT = 'citygrid.verifier';
        END IF;
        EXECUTE format('ALTER ROLE %I PASSWORD %L', target.login_role, p_verifier);
        UPDATE citygrid.accounts SET password_hash = p_hash, updated_at = p_at
            WHERE name = p_name;
        INSERT INTO citygrid.account_events (uuid, account, kind, actor, role, at, site_id)
        VALUES (gen_random_uuid()::text, p_name, 'password_reset', me.name, me.role, p_at,
                p_site);
    END IF;
END
$$;
REVOKE ALL ON FUNCTION citygrid.change_account(text, boolean, text, text, text, timestamptz)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION citygrid.change_account(text, boolean, text, text, text, timestamptz)
    TO {staff};
)sql";

} // namespace citygrid::centreschema2
