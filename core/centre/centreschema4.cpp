// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "centre/centreschema4.h"

namespace citygrid::centreschema4 {

// What schema 4 adds: shared documents (the "7+1" months and their evidence). A document is
// replaced whole; each write names the version it was made on, so of two workstations that
// changed the same month without seeing each other's change, the second is refused. {staff} and
// {owner} are replaced by the quoted role names.
const char *const sql = R"sql(
CREATE TABLE citygrid.document_kinds (kind text PRIMARY KEY, right_id text NOT NULL);
GRANT SELECT ON citygrid.document_kinds TO {staff};
CREATE SEQUENCE citygrid.documents_seq;
CREATE TABLE citygrid.documents (kind text NOT NULL, key text NOT NULL,
    version integer NOT NULL, value jsonb NOT NULL, actor text NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    seq bigint NOT NULL DEFAULT nextval('citygrid.documents_seq'), PRIMARY KEY (kind, key));
CREATE INDEX documents_by_seq ON citygrid.documents (seq);
GRANT SELECT ON citygrid.documents TO {staff};

-- The enabled CityGrid account the session signed in as; refused (SQLSTATE 42501) without one.
CREATE FUNCTION citygrid.me() RETURNS citygrid.accounts
LANGUAGE plpgsql STABLE SET search_path = citygrid, pg_temp AS $$
DECLARE
    me citygrid.accounts;
BEGIN
    SELECT * INTO me FROM citygrid.accounts WHERE login_role = session_user AND enabled;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no enabled CityGrid account signs in as %', session_user
            USING ERRCODE = '42501', HINT = 'citygrid.account';
    END IF;
    RETURN me;
END
$$;
REVOKE ALL ON FUNCTION citygrid.me() FROM PUBLIC;

-- Why a "7+1" month may not be written as p_value by account p_actor of role p_role when the
-- server holds p_old (null: none yet); null when it may. The month's life is draft → under
-- review → published, back from review to draft; scores and surveys change only in a draft (the
-- scoring right, which the kind itself asks for), and returning, publishing and correcting a
-- published month need the deciding right. Its history only grows, each new entry and each
-- score entered or changed in the writer's name; the frozen figures change only at submission
-- and the rankings only with the deciding right.
CREATE FUNCTION citygrid.month_refusal(p_old jsonb, p_value jsonb, p_role text, p_actor text)
    RETURNS text
LANGUAGE plpgsql STABLE SET search_path = citygrid, pg_temp AS $$
DECLARE
    v_from text := coalesce(p_old ->> 'state', 'draft');
    v_to text := p_value ->> 'state';
    v_history jsonb := coalesce(p_old -> 'events', '[]');
BEGIN
    IF v_to IS NULL OR v_to NOT IN ('draft', 'review', 'published')
       OR jsonb_typeof(p_value -> 'scheme') IS DISTINCT FROM 'object' THEN
        RETURN 'a month needs a state (draft, review or published) and its scheme';
    END IF;
    IF EXISTS (SELECT 1 FROM (VALUES ('scores', 9), ('surveys', 5), ('events', 6),
                                     ('results', 7), ('figures', 3)) AS p(part, width)
               CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(p_value -> p.part)
                   = 'array' THEN p_value -> p.part ELSE '[null]' END) AS e(item)
               WHERE CASE WHEN jsonb_typeof(e.item) = 'array'
                          THEN jsonb_array_length(e.item) <> p.width ELSE true END) THEN
        RETURN 'a month''s scores, surveys, events, results and figures are rows of its columns';
    END IF;
    IF NOT (v_from, v_to) IN (('draft', 'draft'), ('draft', 'review'), ('review', 'draft'),
                              ('review', 'published'), ('published', 'published')) THEN
        RETURN format('a month does not go from %s to %s', v_from, v_to);
    END IF;
    IF v_from <> 'draft' AND NOT EXISTS (SELECT 1 FROM citygrid.role_rights
                                         WHERE role = p_role AND right_id = 'decide_assessment')
    THEN
        RETURN 'right';
    END IF;
    IF jsonb_array_length(p_value -> 'events') < jsonb_array_length(v_history)
       OR EXISTS (SELECT 1 FROM jsonb_array_elements(v_history) WITH ORDINALITY AS o(e, i)
                  WHERE p_value -> 'events' -> (o.i::integer - 1) IS DISTINCT FROM o.e)
       OR EXISTS (SELECT 1 FROM jsonb_array_elements(p_value -> 'events') WITH ORDINALITY
                      AS n(e, i)
                  WHERE n.i > jsonb_array_length(v_history) AND n.e ->> 2 IS DISTINCT FROM p_actor)
    THEN
        RETURN 'a month''s history only grows, each new entry in the name of who writes it';
    END IF;
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_value -> 'scores') AS n(row)
               WHERE n.row ->> 7 IS DISTINCT FROM p_actor
                 AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(p_old -> 'scores',
                                     '[]')) AS o(row) WHERE o.row = n.row)) THEN
        RETURN 'a score entered or changed is in the name of who writes it';
    END IF;
    IF v_to <> 'published' AND p_value -> 'results' IS DISTINCT FROM
                                   coalesce(p_old -> 'results', '[]') THEN
        RETURN 'a month''s rankings change only when it is published or corrected';
    END IF;
    IF v_to = 'draft' AND p_value -> 'figures' IS DISTINCT FROM coalesce(p_old -> 'figures', '[]')
    THEN
        RETURN 'a month''s frozen figures change only when it is submitted';
    END IF;
    RETURN NULL;
END
$$;

-- A document as the workstation now holds it, made on version p_seen of it (0: a new one).
-- The account must hold the right its kind asks for; a document another workstation wrote
-- since version p_seen is refused with who wrote it (SQLSTATE 40001). Returns the new version.
CREATE FUNCTION citygrid.put_document(p_kind text, p_key text, p_seen integer, p_value jsonb)
    RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = citygrid, pg_temp AS $$
DECLARE
    me citygrid.accounts := citygrid.me();
    old citygrid.documents;
    why text;
    n integer;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM citygrid.document_kinds k JOIN citygrid.role_rights r
                   ON r.right_id = k.right_id WHERE k.kind = p_kind AND r.role = me.role) THEN
        RAISE EXCEPTION 'role % may not write % documents', me.role, p_kind
            USING ERRCODE = '42501', HINT = 'citygrid.right';
    END IF;
    IF coalesce(p_key, '') = '' OR jsonb_typeof(p_value) IS DISTINCT FROM 'object' THEN
        RAISE EXCEPTION 'a document needs a key and an object'
            USING ERRCODE = '22023', HINT = 'citygrid.record';
    END IF;
    PERFORM pg_advisory_xact_lock(7310002);
    SELECT * INTO old FROM citygrid.documents WHERE kind = p_kind AND key = p_key;
    IF coalesce(old.version, 0) <> p_seen THEN
        RAISE EXCEPTION '% % was changed since version %', p_kind, p_key, p_seen
            USING ERRCODE = '40001', HINT = 'citygrid.stale',
                  DETAIL = json_build_object('actor', old.actor, 'at', old.at)::text;
    END IF;
    IF p_kind = 'assessment.month' THEN
        why := citygrid.month_refusal(old.value, p_value, me.role, me.name);
        IF why = 'right' THEN
            RAISE EXCEPTION 'role % may not return, publish or correct a month', me.role
                USING ERRCODE = '42501', HINT = 'citygrid.right';
        ELSIF why IS NOT NULL THEN
            RAISE EXCEPTION '%', why USING ERRCODE = '22023', HINT = 'citygrid.record';
        END IF;
    END IF;
    IF p_kind = 'assessment.evidence' AND old.kind IS NOT NULL THEN
        RAISE EXCEPTION 'evidence % is kept as it was added', p_key
            USING ERRCODE = '22023', HINT = 'citygrid.record';
    END IF;
    IF old.kind IS NULL THEN
        INSERT INTO citygrid.documents (kind, key, version, value, actor)
        VALUES (p_kind, p_key, 1, p_value, me.name) RETURNING version INTO n;
    ELSE
        UPDATE citygrid.documents SET version = version + 1, value = p_value, actor = me.name,
            at = now(), seq = nextval('citygrid.documents_seq')
        WHERE kind = p_kind AND key = p_key RETURNING version INTO n;
    END IF;
    PERFORM pg_notify('citygrid_events', 'document ' || p_kind || ' ' || p_key);
    RETURN n;
END
$$;
REVOKE ALL ON FUNCTION citygrid.put_document(text, text, integer, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION citygrid.put_document(text, text, integer, jsonb) TO {staff};

-- The district's grid replaced (an account whose role holds import_grid): p_grid holds the
-- district {code, name, name_en, source} and its layers (subdistricts, communities, cells: each
-- feature {code, parent, name, name_en, area_km2, attributes, wkb in hex}). Every case is placed
-- again by its position: one whose cell changes takes a "relocate" step (as an import at a
-- site's own store writes it) and the next version; a case in no new cell keeps its old one.
-- Returns how many cases moved. Workstations see the new grid by citygrid.meta's grid_at.
CREATE FUNCTION citygrid.replace_grid(p_grid jsonb) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = citygrid, public, pg_temp AS $$
DECLARE
    me citygrid.accounts := citygrid.me();
    v_site text := (SELECT value FROM citygrid.meta WHERE key = 'site_id');
    moved integer;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM citygrid.role_rights WHERE role = me.role
                   AND right_id = 'import_grid') THEN
        RAISE EXCEPTION 'role % may not replace the grid', me.role
            USING ERRCODE = '42501', HINT = 'citygrid.right';
    END IF;
    IF coalesce(p_grid ->> 'code', '') = '' OR coalesce(jsonb_array_length(p_grid -> 'cells'), 0) = 0
    THEN
        RAISE EXCEPTION 'a grid needs its district''s code and cells'
            USING ERRCODE = '22023', HINT = 'citygrid.record';
    END IF;
    -- one writer of case events at a time, as every step
    PERFORM pg_advisory_xact_lock(7310001);
    DELETE FROM citygrid.cells;
    DELETE FROM citygrid.communities;
    DELETE FROM citygrid.subdistricts;
    INSERT INTO citygrid.subdistricts (code, name, name_en, area_km2, geom)
    SELECT code, name, name_en, area_km2, ST_Multi(ST_SetSRID(ST_GeomFromWKB(decode(wkb, 'hex')),
        4326))
    FROM jsonb_to_recordset(p_grid -> 'subdistricts') AS f(code text, name text, name_en text,
        area_km2 float8, wkb text);
    INSERT INTO citygrid.communities (code, subdistrict_code, name, name_en, area_km2, geom)
    SELECT code, parent, name, name_en, area_km2,
        ST_Multi(ST_SetSRID(ST_GeomFromWKB(decode(wkb, 'hex')), 4326))
    FROM jsonb_to_recordset(p_grid -> 'communities') AS f(code text, parent text, name text,
        name_en text, area_km2 float8, wkb text);
    INSERT INTO citygrid.cells (code, community_code, name, name_en, area_km2, attributes, geom)
    SELECT code, parent, name, name_en, area_km2, attributes,
        ST_Multi(ST_SetSRID(ST_GeomFromWKB(decode(wkb, 'hex')), 4326))
    FROM jsonb_to_recordset(p_grid -> 'cells') AS f(code text, parent text, name text,
        name_en text, area_km2 float8, attributes jsonb, wkb text);
    WITH placed AS (
        SELECT c.uuid, c.cell_code AS from_cell, n.code AS to_cell, n.community_code,
               m.subdistrict_code
        FROM citygrid.cases c
        CROSS JOIN LATERAL (SELECT s.code, s.community_code FROM citygrid.cells s
                            WHERE ST_Covers(s.geom, c.geom) ORDER BY s.code LIMIT 1) n
        JOIN citygrid.communities m ON m.code = n.community_code
        WHERE c.geom IS NOT NULL AND n.code IS DISTINCT FROM c.cell_code),
    moves AS (
        UPDATE citygrid.cases c SET cell_code = p.to_cell, community_code = p.community_code,
            subdistrict_code = p.subdistrict_code, version = c.version + 1, updated_at = now()
        FROM placed p WHERE c.uuid = p.uuid
        RETURNING c.uuid, c.version, p.from_cell, p.to_cell)
    INSERT INTO citygrid.case_events (uuid, case_uuid, case_version, step, actor, role, at,
        site_id, payload)
    SELECT gen_random_uuid()::text, uuid, version, 'relocate', 'grid-import', 'system', now(),
        v_site, json_build_object('cell_code', to_cell, 'from_cell_code', from_cell)::text
    FROM moves;
    GET DIAGNOSTICS moved = ROW_COUNT;
    INSERT INTO citygrid.meta (key, value) VALUES
        ('district_code', p_grid ->> 'code'), ('district_name', coalesce(p_grid ->> 'name', '')),
        ('district_name_en', coalesce(p_grid ->> 'name_en', '')),
        ('grid_source', coalesce(p_grid ->> 'source', '')), ('grid_by', me.name),
        ('grid_at', to_char(clock_timestamp() AT TIME ZONE 'UTC',
                            'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
    PERFORM pg_notify('citygrid_events', 'grid');
    RETURN moved;
END
$$;
REVOKE ALL ON FUNCTION citygrid.replace_grid(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION citygrid.replace_grid(jsonb) TO {staff};

-- The published "7+1" rankings, every revision, for readers other than CityGrid (join
-- subdistrict_code to citygrid.subdistricts for the map).
CREATE VIEW citygrid.assessment_rankings AS
SELECT d.key AS month, (r ->> 0)::integer AS revision, r ->> 1 AS subdistrict_code,
       (r ->> 2)::float8 AS raw, (r ->> 3)::float8 AS coefficient,
       (r ->> 4)::float8 AS adjusted, (r ->> 5)::integer AS rank,
       (r ->> 0)::integer = (d.value ->> 'revision')::integer AS current
FROM citygrid.documents d, jsonb_array_elements(d.value -> 'results') r
WHERE d.kind = 'assessment.month';
GRANT SELECT ON citygrid.assessment_rankings TO {staff};
)sql";

} // namespace citygrid::centreschema4
