#!/usr/bin/env python3
"""The PostgreSQL schema (sql/postgres/0001_schema.sql) on a real, throwaway PostgreSQL.

usage: test_pg_schema.py SOURCE_ROOT SALESCOACH_BIN

(a) The catalogue: every primary key, unique constraint, unique index and foreign key of a
    table with org_id includes org_id (so Citus can distribute every table on org_id), every
    table but organisation and schema_version has org_id, and every table with org_id has
    row-level security enabled and forced, with a policy.
(b) Row-level security as the application's role (not a superuser, not BYPASSRLS, not the
    owner): a query without any org_id filter sees only the transaction's organisation, nothing
    when no organisation is set, and a row of another organisation is refused. The survey
    answer keeps its coach's kind (SQLite's 0015) whatever the statement says.
(c) The same tables and columns as the SQLite schema of a demo database, name for name, so that
    a copy maps 1:1 (but data_version, PostgreSQL's own).
(d) The data version (0002_data_version.sql): every table with org_id but the logs and sign-ins
    renews it at each committed change, whatever the statement; a rolled-back change, a change
    of another organisation or of the logs does not; an operator's statement without an
    organisation, and any TRUNCATE, renews every organisation's; a TRUNCATE by a role that
    row-level security binds is refused.
"""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile

SRC, BIN = sys.argv[1], sys.argv[2]
CLUSTER = os.path.join(SRC, "tests", "support", "pg_cluster.sh")
SCHEMAS = sorted(os.path.join(SRC, "sql", "postgres", f)
                 for f in os.listdir(os.path.join(SRC, "sql", "postgres")) if f.endswith(".sql"))
# The tables whose changes leave the data version as it is (0002_data_version.sql).
UNVERSIONED = {"access_log", "security_event", "login_session", "api_token"}
INSTALL = "run ./scripts/install-deps.sh --test"

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


def psql(url, sql, ok=True):
    """Runs sql with psql; returns (rows as lists of fields, stderr). ok: must succeed."""
    p = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1",
                        "-d", url], input=sql, capture_output=True, text=True)
    if ok and p.returncode != 0:
        raise RuntimeError("psql failed: %s\n--- sql:\n%s" % (p.stderr, sql))
    rows = [line.split("\t") for line in p.stdout.splitlines() if line != ""]
    return rows, p.returncode, p.stderr


def catalogue_problems(url, schema):
    """Every constraint or table of schema that would keep it from being distributed on
    org_id, or that lacks row-level security; as sentences."""
    problems = []
    q = """
SELECT c.relname, con.conname, con.contype,
       bool_or(a.attname = 'org_id') AS has_org,
       coalesce((SELECT bool_or(ra.attname = 'org_id' OR (rc.relname = 'organisation' AND ra.attname = 'id'))
                   FROM unnest(con.conkey, con.confkey) AS k(l, r)
                   JOIN pg_attribute la ON la.attrelid = con.conrelid AND la.attnum = k.l
                   JOIN pg_attribute ra ON ra.attrelid = con.confrelid AND ra.attnum = k.r
                   JOIN pg_class rc ON rc.oid = con.confrelid
                  WHERE la.attname = 'org_id'), false) AS org_to_org
  FROM pg_constraint con
  JOIN pg_class c ON c.oid = con.conrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (con.conkey)
 WHERE n.nspname = '%s' AND con.contype IN ('p', 'u', 'f')
   AND EXISTS (SELECT 1 FROM pg_attribute o WHERE o.attrelid = c.oid AND o.attname = 'org_id'
                AND NOT o.attisdropped)
 GROUP BY c.relname, con.conname, con.contype, con.conkey, con.confkey, con.conrelid, con.confrelid
 ORDER BY 1, 2;
""" % schema
    kinds = {"p": "primary key", "u": "unique constraint", "f": "foreign key"}
    for table, name, kind, has_org, org_to_org in psql(url, q)[0]:
        if has_org != "t":
            problems.append("%s: %s %s does not include org_id" % (table, kinds[kind], name))
        elif kind == "f" and org_to_org != "t":
            problems.append("%s: foreign key %s does not match org_id with the referenced "
                            "table's org_id" % (table, name))
    q = """
SELECT c.relname, i.relname
  FROM pg_index x
  JOIN pg_class c ON c.oid = x.indrelid
  JOIN pg_class i ON i.oid = x.indexrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = '%s' AND x.indisunique
   AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = x.indexrelid)
   AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid
                    AND a.attnum = ANY (x.indkey) AND a.attname = 'org_id')
   AND EXISTS (SELECT 1 FROM pg_attribute o WHERE o.attrelid = c.oid AND o.attname = 'org_id')
 ORDER BY 1, 2;
""" % schema
    for table, index in psql(url, q)[0]:
        problems.append("%s: unique index %s does not include org_id" % (table, index))
    q = """
SELECT c.relname,
       EXISTS (SELECT 1 FROM pg_attribute o WHERE o.attrelid = c.oid AND o.attname = 'org_id'
                AND NOT o.attisdropped),
       c.relrowsecurity, c.relforcerowsecurity,
       EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polcmd = '*'
                AND p.polpermissive AND p.polqual IS NOT NULL
                AND pg_get_expr(p.polqual, c.oid) LIKE '%%salescoach.org_id%%'
                AND (p.polwithcheck IS NULL
                     OR pg_get_expr(p.polwithcheck, c.oid) LIKE '%%salescoach.org_id%%'))
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = '%s' AND c.relkind IN ('r', 'p')
 ORDER BY 1;
""" % schema
    for table, has_org, rls, forced, policy in psql(url, q)[0]:
        if has_org != "t":
            if table not in ("organisation", "schema_version"):
                problems.append("%s: no org_id column, so it cannot be distributed on it" % table)
            continue
        if rls != "t":
            problems.append("%s: row-level security not enabled" % table)
        if forced != "t":
            problems.append("%s: row-level security not forced" % table)
        if policy != "t":
            problems.append("%s: no policy for every command keyed by salescoach.org_id" % table)
    return problems


def check_catalogue(admin):
    for p in catalogue_problems(admin, "public"):
        fail(p)
    # The check itself finds what it is there to find.
    psql(admin, """
CREATE SCHEMA faulty;
CREATE TABLE faulty.thing (id bigint PRIMARY KEY, org_id bigint NOT NULL, code text UNIQUE,
                           other bigint REFERENCES faulty.thing (id));
CREATE UNIQUE INDEX thing_code_twice ON faulty.thing (code);
CREATE TABLE faulty.nothing (id bigint PRIMARY KEY);
""")
    found = catalogue_problems(admin, "faulty")
    for want in ("thing: primary key thing_pkey does not include org_id",
                 "thing: unique constraint thing_code_key does not include org_id",
                 "thing: foreign key thing_other_fkey does not include org_id",
                 "thing: unique index thing_code_twice does not include org_id",
                 "thing: row-level security not enabled",
                 "nothing: no org_id column, so it cannot be distributed on it"):
        if want not in found:
            fail("the catalogue check misses a faulty schema's problem: " + want)
    psql(admin, "DROP SCHEMA faulty CASCADE;")


def as_org(org, sql):
    return "BEGIN;\nSET LOCAL salescoach.org_id = %d;\n%s\nCOMMIT;\n" % (org, sql)


def person_sql(org, name):
    now = "2026-11-28T12:00:00Z"
    return """
INSERT INTO person (org_id, created_at, updated_at, name, email)
     VALUES (%(o)d, '%(n)s', '%(n)s', '%(p)s', '%(p)s@example.org');
INSERT INTO coach (org_id, created_at, updated_at, person, kind)
     SELECT %(o)d, '%(n)s', '%(n)s', id, 'manager' FROM person WHERE email = '%(p)s@example.org';
INSERT INTO survey_answer (org_id, created_at, updated_at, coach, respondent, answered_on,
                           respect, trust, helps, part_of_team, coach_kind)
     SELECT %(o)d, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', id, 'coachee', '2026-11-01',
            4, 4, 4, 4, 'external' FROM coach
      WHERE person = (SELECT id FROM person WHERE email = '%(p)s@example.org');
""" % {"o": org, "n": now, "p": name}


def check_rls(admin, app):
    psql(admin, """
INSERT INTO organisation (id, name, slug, created_at) VALUES
    (1, 'Alpha', 'alpha', '2026-11-28T12:00:00Z'), (2, 'Beta', 'beta', '2026-11-28T12:00:00Z');
""")
    psql(app, as_org(1, person_sql(1, "ann")))
    psql(app, as_org(2, person_sql(2, "bob") + person_sql(2, "bea")))

    # No org_id filter anywhere: the organisation of the transaction only.
    rows = psql(app, as_org(1, "SELECT name FROM person ORDER BY name;"))[0]
    if rows != [["ann"]]:
        fail("organisation 1 reads person without a filter and gets %r, not [ann]" % rows)
    rows = psql(app, as_org(2, "SELECT name FROM person ORDER BY name;"))[0]
    if rows != [["bea"], ["bob"]]:
        fail("organisation 2 reads person without a filter and gets %r, not [bea, bob]" % rows)
    rows = psql(app, as_org(1, "SELECT count(*) FROM survey_answer;"))[0]
    if rows != [["1"]]:
        fail("organisation 1 counts %r survey answers, not 1" % rows)

    # No organisation set: nothing, never everything; also after a SET LOCAL has ended.
    rows = psql(app, "SELECT count(*) FROM person;\n" + as_org(1, "SELECT 1;") +
                "SELECT count(*) FROM person;\nSELECT count(*) FROM coach;\n")[0]
    if rows != [["0"], ["1"], ["0"], ["0"]]:
        fail("without an organisation set the application's role reads %r, not 0 rows" % rows)

    # Writing another organisation's row is refused, and so is moving a row there.
    for what, sql in (
            ("an INSERT of organisation 2's person",
             "INSERT INTO person (org_id, created_at, updated_at, name, email) VALUES "
             "(2, 'x', 'x', 'eve', 'eve@example.org');"),
            ("an UPDATE moving a person to organisation 2", "UPDATE person SET org_id = 2;"),
            ("an INSERT with no organisation set",
             "COMMIT; INSERT INTO person (org_id, created_at, updated_at, name, email) VALUES "
             "(1, 'x', 'x', 'eve', 'eve@example.org');")):
        _, rc, err = psql(app, as_org(1, sql), ok=False)
        if rc == 0 or "row-level security" not in err:
            fail("%s as organisation 1 was not refused by row-level security: %s" % (what, err))
    rows = psql(admin, "SELECT org_id, name FROM person ORDER BY id;")[0]
    if rows != [["1", "ann"], ["2", "bob"], ["2", "bea"]]:
        fail("after the refusals the people are %r" % rows)

    # The application's role cannot switch the protection off.
    for sql in ("ALTER TABLE person DISABLE ROW LEVEL SECURITY;",
                "DROP POLICY org_isolation ON person;", "SET row_security = off; "
                "SELECT count(*) FROM person;"):
        _, rc, err = psql(app, sql, ok=False)
        if rc == 0:
            fail("the application's role may run: " + sql)

    # The coach's kind kept on each answer (SQLite 0015), set by the database.
    rows = psql(app, as_org(1, "SELECT coach_kind FROM survey_answer;"))[0]
    if rows != [["manager"]]:
        fail("an answer stored with coach_kind 'external' for a manager coach keeps %r" % rows)
    rows = psql(app, as_org(2, """
UPDATE coach SET kind = 'senior' WHERE person = (SELECT id FROM person WHERE name = 'bob');
UPDATE survey_answer SET respect = 5;
SELECT p.name, a.coach_kind FROM survey_answer a JOIN coach c ON c.org_id = a.org_id
   AND c.id = a.coach JOIN person p ON p.org_id = c.org_id AND p.id = c.person ORDER BY 1;
UPDATE survey_answer SET coach = (SELECT c.id FROM coach c JOIN person p ON p.org_id = c.org_id
   AND p.id = c.person WHERE p.name = 'bob');
SELECT coach_kind FROM survey_answer;
"""))[0]
    if rows != [["bea", "manager"], ["bob", "manager"], ["senior"], ["senior"]]:
        fail("answers after their coach's kind changed and they moved to bob (senior): %r, "
             "not bea/bob manager then both senior" % rows)


def version(admin, org):
    rows = psql(admin, "SELECT version FROM data_version WHERE org_id = %d;" % org)[0]
    return int(rows[0][0]) if rows else 0


def check_versioned_tables(admin):
    rows = psql(admin, """
SELECT c.relname, count(t.oid) FILTER (WHERE t.tgname = 'data_changed' AND t.tgenabled <> 'D'
                                        AND t.tgfoid = 'sc_data_changed'::regproc
                                        AND t.tgtype = 2 | 4 | 8 | 16 | 32)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped
  LEFT JOIN pg_trigger t ON t.tgrelid = c.oid AND NOT t.tgisinternal
 WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'data_version'
 GROUP BY 1 ORDER BY 1;""")[0]
    # tgtype: 2 BEFORE, 4 INSERT, 8 DELETE, 16 UPDATE, 32 TRUNCATE, and 1 (FOR EACH ROW) clear.
    if len(rows) < 30:
        fail("only %d tables with org_id were found for the data version" % len(rows))
    for table, triggers in rows:
        if table in UNVERSIONED and triggers != "0":
            fail("%s raises the data version, which every read would then wait for" % table)
        if table not in UNVERSIONED and triggers != "1":
            fail("%s: a change of it leaves the data version as it is (no enabled statement "
                 "trigger data_changed before INSERT, UPDATE, DELETE and TRUNCATE)" % table)


def check_data_version(admin, app):
    """Organisations 1 and 2 of check_rls exist; the changes are the application role's but
    the operator's (a superuser)."""
    check_versioned_tables(admin)
    team = ("INSERT INTO team (org_id, created_at, updated_at, name) "
            "VALUES (%d, 'x', 'x', '%s');")
    if version(admin, 1) < 1 or version(admin, 2) < 1:
        fail("the people check_rls added left organisation 1 or 2 without a data version")
    org2 = "SET LOCAL salescoach.org_id = 2;\n" + team % (2, "t9") + \
        "SET LOCAL salescoach.org_id = 1;\n"
    psql(admin, "GRANT TRUNCATE ON survey_answer TO salescoach_app;")
    # (what, as whom, SQL, renews organisation 1's number, renews 2's, fails)
    cases = (
        ("one change outside a transaction", app,
         "SET salescoach.org_id = 1;\n" + team % (1, "t1"), True, False, False),
        ("a transaction of three changes", app,
         as_org(1, team % (1, "t2") + team % (1, "t3") + "UPDATE team SET name = name || '!';"),
         True, False, False),
        ("an UPDATE that matches no row", app,
         as_org(1, "UPDATE team SET name = 'x' WHERE false;"), True, False, False),
        ("a rolled-back change", app,
         "BEGIN; SET LOCAL salescoach.org_id = 1;\n" + team % (1, "t4") + "ROLLBACK;",
         False, False, False),
        ("a change undone to its savepoint", app, "BEGIN; SET LOCAL salescoach.org_id = 1;\n"
         "SAVEPOINT s;\n" + team % (1, "t5") + "ROLLBACK TO SAVEPOINT s; COMMIT;",
         False, False, False),
        ("a change undone to its savepoint, then another", app,
         "BEGIN; SET LOCAL salescoach.org_id = 1;\nSAVEPOINT s;\n" + team % (1, "t6") +
         "ROLLBACK TO SAVEPOINT s;\n" + team % (1, "t7") + "COMMIT;", True, False, False),
        ("changes of organisations 1, 2 and 1 again in one transaction", app,
         as_org(1, team % (1, "t8") + org2 + team % (1, "t10")), True, True, False),
        ("a line of the access log", app,
         as_org(1, "INSERT INTO access_log (org_id, created_at, updated_at, at, reader, "
                   "reader_name, subject, entity, record_id, fields) SELECT 1, 'x', 'x', 'x', "
                   "id, 'x', id, 'x', 1, 'x' FROM person;"), False, False, False),
        ("a TRUNCATE by a role that row-level security binds", app,
         "SET salescoach.org_id = 1;\nTRUNCATE survey_answer;", False, False, True),
        ("an operator's change without an organisation", admin,
         "UPDATE team SET name = name WHERE false;", True, True, False),
        ("an operator's TRUNCATE", admin, "TRUNCATE survey_answer;", True, True, False),
        ("an operator's TRUNCATE with organisation 1 set", admin,
         "SET salescoach.org_id = 1;\nTRUNCATE survey_answer;", True, True, False),
    )
    for what, url, sql, renews1, renews2, fails in cases:
        before = version(admin, 1), version(admin, 2)
        _, rc, err = psql(url, sql, ok=False)
        if fails and (rc == 0 or "cannot renew their data versions" not in err):
            fail("%s was not refused for the data versions: %s" % (what, err))
        if not fails and rc != 0:
            fail("%s failed: %s" % (what, err))
        after = version(admin, 1), version(admin, 2)
        got = (after[0] != before[0], after[1] != before[1])
        if got != (renews1, renews2):
            fail("%s renewed the data versions of organisations 1 and 2: %s, not %s"
                 % (what, got, (renews1, renews2)))
        if after[0] < before[0] or after[1] < before[1]:
            fail("%s gave a data version a lower number" % what)


def sqlite_columns(db):
    con = sqlite3.connect(db)
    tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    cols = {}
    for t in tables:
        cols[t] = {r[1]: (r[3] == 1 or r[5] > 0) for r in con.execute("PRAGMA table_info(%s)" % t)}
    con.close()
    return cols


def start_demo(tmp):
    """The demo database, made while the cluster starts (no disk sync per change)."""
    env = dict(os.environ, SALESCOACH_DURABILITY="normal")
    return subprocess.Popen([BIN, "--db", os.path.join(tmp, "demo.db"), "demo"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def check_same_as_sqlite(admin, tmp, demo):
    db = os.path.join(tmp, "demo.db")
    _, err = demo.communicate()
    if demo.returncode != 0:
        raise RuntimeError("salescoach demo failed: " + err)
    lite = sqlite_columns(db)
    pg = {}
    for table, col, nullable in psql(admin, """
SELECT table_name, column_name, is_nullable FROM information_schema.columns
 WHERE table_schema = 'public' ORDER BY table_name, ordinal_position;""")[0]:
        pg.setdefault(table, {})[col] = nullable == "NO"
    for t in sorted(set(lite) - set(pg)):
        fail("table %s is in the SQLite schema, not in PostgreSQL's" % t)
    for t in sorted(set(pg) - set(lite) - {"data_version"}):
        fail("table %s is in the PostgreSQL schema, not in SQLite's" % t)
    for t in sorted(set(lite) & set(pg)):
        for c in sorted(set(lite[t]) - set(pg[t])):
            fail("column %s.%s is in the SQLite schema, not in PostgreSQL's" % (t, c))
        for c in sorted(set(pg[t]) - set(lite[t])):
            fail("column %s.%s is in the PostgreSQL schema, not in SQLite's" % (t, c))
        for c in sorted(set(lite[t]) & set(pg[t])):
            if lite[t][c] != pg[t][c]:
                fail("column %s.%s is NOT NULL in %s only" % (t, c,
                     "SQLite" if lite[t][c] else "PostgreSQL"))
    if len(lite) < 30:
        fail("the demo database has only %d tables" % len(lite))


def main():
    if shutil.which("psql") is None:
        print("pg_schema: psql (postgresql-client) is not installed; " + INSTALL, file=sys.stderr)
        return 1
    tmp = tempfile.mkdtemp(prefix="salescoach-pg-")
    os.chmod(tmp, 0o711)  # as root the server runs as postgres, which must reach the cluster
    cluster = os.path.join(tmp, "cluster")
    os.mkdir(cluster)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # a timeout stops the cluster too
    demo = None
    try:
        demo = start_demo(tmp)
        p = subprocess.run(["sh", CLUSTER, "start", cluster], capture_output=True, text=True)
        if p.returncode != 0:
            print("pg_schema: no PostgreSQL cluster could be started (%s); %s"
                  % (p.stderr.strip(), INSTALL), file=sys.stderr)
            return 1
        admin = p.stdout.strip()
        app = admin.replace("salescoach_admin@", "salescoach_app@")
        def migrate(n, schema):
            psql(admin, "\\i %s\nINSERT INTO schema_version VALUES (%d, '%s', "
                 "'2026-11-28T12:00:00Z');\n" % (schema, n, os.path.basename(schema)[:-4]))
        migrate(1, SCHEMAS[0])
        # The application's role: what the program needs, no more, given as docs/scaling.md
        # says, before the later migrations, whose tables it must get as well.
        psql(admin, """
CREATE ROLE salescoach_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
GRANT USAGE ON SCHEMA public TO salescoach_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO salescoach_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO salescoach_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO salescoach_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO salescoach_app;
""")
        for n, schema in enumerate(SCHEMAS[1:], 2):
            migrate(n, schema)
        check_catalogue(admin)
        check_rls(admin, app)
        check_same_as_sqlite(admin, tmp, demo)
        check_data_version(admin, app)
    finally:
        if demo is not None and demo.poll() is None:
            demo.kill()
            demo.wait()
        subprocess.run(["sh", CLUSTER, "stop", cluster], capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print("pg_schema: %d failure(s)" % len(failures), file=sys.stderr)
        return 1
    print("pg_schema: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
