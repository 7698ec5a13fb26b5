-- 0002: each organisation's data version.
--
-- A number that every committed change to an organisation's records makes
-- new. A server that remembers an answer together with the number it was
-- read at may give the answer again while the number stands: one
-- primary-key read instead of the query, and no server ever gives an
-- answer older than the last change any server, the command line or a copy
-- made (src/api/api_memo.c, docs/scaling.md).
--
-- * Nothing escapes it. A trigger on every table with org_id gives the
--   organisation a new number before the first statement of a transaction
--   that changes the table, whichever code or door wrote. It takes the
--   row's lock before any row of the change, so writers never deadlock on
--   it, and a change rolled back, also to a savepoint, takes its number
--   back with it.
-- * The numbers come from one sequence: never the same twice, also after
--   the table is emptied.
-- * A statement run without an organisation (an operator's SQL as a role
--   that row-level security does not bind) renews every organisation's
--   number, and so does a TRUNCATE, which empties every organisation's rows
--   whatever the organisation set. A TRUNCATE by a role that row-level
--   security binds cannot renew the others' numbers, and is refused unless
--   the session says the servers are stopped (salescoach.servers_stopped).
-- * Four tables are left out: the access log and the security log (which
--   reads and refused logins write) and the sign-ins (login_session and
--   api_token: a session's end and a token's last use, written while a
--   caller is recognised, in a read's snapshot). Their changes would
--   otherwise make those reads wait for the organisation's writer. No
--   remembered answer may be made from them; test_pg_schema.py holds the
--   list.
-- * The writer's lock of store_begin stays the advisory lock it was: a
--   transaction that only writes the access log changes no number.

CREATE SEQUENCE data_version_numbers;
CREATE TABLE data_version (
    org_id bigint PRIMARY KEY,
    version bigint NOT NULL
);
ALTER TABLE data_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE data_version FORCE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON data_version
    USING (org_id = nullif(current_setting('salescoach.org_id', true), '')::bigint)
    WITH CHECK (org_id = nullif(current_setting('salescoach.org_id', true), '')::bigint);

CREATE FUNCTION sc_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    org text := coalesce(nullif(current_setting('salescoach.org_id', true), ''), '*');
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        IF current_setting('salescoach.servers_stopped', true) IS DISTINCT FROM 'on'
           AND NOT EXISTS (SELECT 1 FROM pg_roles
                            WHERE rolname = current_user AND (rolsuper OR rolbypassrls)) THEN
            RAISE EXCEPTION 'TRUNCATE % empties every organisation''s rows, and this role '
                            'cannot renew their data versions', TG_TABLE_NAME
                USING HINT = 'Run it as a superuser, or stop every salescoach server and '
                             'SET salescoach.servers_stopped = on first.';
        END IF;
        org := '*';
    END IF;
    -- Once per transaction and organisation (the flag is the transaction's, undone with it).
    IF current_setting('salescoach.raised', true) = org THEN
        RETURN NULL;
    END IF;
    IF org = '*' THEN
        UPDATE data_version SET version = nextval('data_version_numbers');
    ELSE
        INSERT INTO data_version AS d (org_id, version)
             VALUES (org::bigint, nextval('data_version_numbers'))
            ON CONFLICT (org_id) DO UPDATE SET version = excluded.version;
    END IF;
    PERFORM set_config('salescoach.raised', org, true);
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
        EXECUTE format('CREATE TRIGGER data_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE'
                       ' ON %I FOR EACH STATEMENT EXECUTE FUNCTION sc_data_changed()', t);
    END LOOP;
END
$$;
