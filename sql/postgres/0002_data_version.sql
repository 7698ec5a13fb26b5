-- 0002: each organisation's data version.
--
-- A number that every committed change to an organisation's records raises.
-- A server that remembers an answer together with the number it was read at
-- may give the answer again while the number stands: one primary-key read
-- instead of the query, and no server ever gives an answer older than the
-- last change any server, the command line or a copy made
-- (src/api/api_memo.c, docs/scaling.md).
--
-- * The writer's lock. A transaction of store_begin raises the number at
--   its first statement (sc_writer_lock), and holds the row's lock until it
--   ends: an organisation's writers take turns on it, on every server, as
--   on SQLite's single writer, and organisations never wait for each other.
-- * Nothing escapes it. A trigger on every table with org_id raises it
--   before a statement that changes rows outside such a transaction (once
--   per transaction and organisation), whichever code or door wrote. It
--   takes the lock before any row of the change, so two writers never
--   deadlock on it. A change rolled back, also to a savepoint, takes its
--   raise back with it.
-- * Four tables are left out: the access log and the security log (which
--   reads and refused logins write) and the sign-ins (login_session and
--   api_token: a session's end and a token's last use, written while a
--   caller is recognised). Their changes would otherwise make every read
--   wait for the organisation's writer. No remembered answer may be made
--   from them; test_pg_schema.py holds the list.

CREATE TABLE data_version (
    org_id bigint PRIMARY KEY,
    version bigint NOT NULL
);
ALTER TABLE data_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE data_version FORCE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON data_version
    USING (org_id = nullif(current_setting('salescoach.org_id', true), '')::bigint)
    WITH CHECK (org_id = nullif(current_setting('salescoach.org_id', true), '')::bigint);

-- Raise the version of the connection's organisation, once per transaction.
CREATE FUNCTION sc_raise_version() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    org text := nullif(current_setting('salescoach.org_id', true), '');
BEGIN
    IF org IS NULL OR current_setting('salescoach.raised', true) = org THEN
        RETURN;
    END IF;
    INSERT INTO data_version AS d (org_id, version) VALUES (org::bigint, 1)
        ON CONFLICT (org_id) DO UPDATE SET version = d.version + 1;
    PERFORM set_config('salescoach.raised', org, true);
END
$$;

-- Make org the connection's organisation and take its writer's lock.
CREATE FUNCTION sc_writer_lock(org bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('salescoach.org_id', org::text, false);
    PERFORM sc_raise_version();
END
$$;

CREATE FUNCTION sc_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM sc_raise_version();
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOR t IN
        SELECT c.relname FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped
         WHERE n.nspname = current_schema() AND c.relkind = 'r'
           AND c.relname NOT IN ('data_version', 'access_log', 'security_event',
                                 'login_session', 'api_token')
         ORDER BY c.relname
    LOOP
        EXECUTE format('CREATE TRIGGER data_changed BEFORE INSERT OR UPDATE OR DELETE ON %I'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION sc_data_changed()', t);
    END LOOP;
END
$$;
