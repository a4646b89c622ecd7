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

-- Why a "7+1" month may not be written as p_value by an account of role p_role when the server
-- holds p_old (null: none yet); null when it may. The month's life is draft → under review →
-- published, back from review to draft; scores and surveys change only in a draft (the scoring
-- right, which the kind itself asks for), and returning, publishing and correcting a published
-- month need the deciding right.
CREATE FUNCTION citygrid.month_refusal(p_old jsonb, p_value jsonb, p_role text) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = citygrid, pg_temp AS $$
DECLARE
    v_from text := coalesce(p_old ->> 'state', 'draft');
    v_to text := p_value ->> 'state';
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
        why := citygrid.month_refusal(old.value, p_value, me.role);
        IF why = 'right' THEN
            RAISE EXCEPTION 'role % may not return, publish or correct a month', me.role
                USING ERRCODE = '42501', HINT = 'citygrid.right';
        ELSIF why IS NOT NULL THEN
            RAISE EXCEPTION '%', why USING ERRCODE = '22023', HINT = 'citygrid.record';
        END IF;
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
