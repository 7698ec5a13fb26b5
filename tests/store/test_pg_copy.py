#!/usr/bin/env python3
"""`salescoach copy` and the program on a real, throwaway PostgreSQL.

usage: test_pg_copy.py SOURCE_ROOT SALESCOACH_BIN

(a) The demo's SQLite file copied to PostgreSQL and back to a new SQLite file compares equal,
    record for record and value for value (type included), in every table.
(b) On PostgreSQL the program answers as on SQLite: the same alerts, overview, reports and
    lists, word for word.
(c) A new record on PostgreSQL after the copy takes an id past the copied ones.
(d) A copy that meets an organisation the destination has already is refused and changes
    nothing; one that fails halfway (an id the SQLite destination uses already) leaves the
    destination as it was; --org copies that organisation only; an unknown --org says so, and
    leaves no new file behind.
(e) The program refuses to connect as a superuser (row-level security binds none), and no message
    shows the database's password.
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
INSTALL = "run ./scripts/install-deps.sh --test"
ENV = dict(os.environ, SALESCOACH_DURABILITY="normal")

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


def run(*args, ok=True):
    p = subprocess.run([BIN, *args], capture_output=True, text=True, env=ENV)
    if ok and p.returncode != 0:
        raise RuntimeError("salescoach %s: rc %d\n%s%s" % (" ".join(args), p.returncode,
                                                           p.stdout, p.stderr))
    return p


def psql(url, sql):
    p = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url],
                       input=sql, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("psql: %s\n%s" % (p.stderr, sql))
    return p.stdout.strip()


def dump(path):
    """Every table but schema_version: its rows in id order, each value with its type."""
    db = sqlite3.connect(path)
    out = {}
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name <> 'schema_version' ORDER BY name")]
    for t in tables:
        cols = sorted(r[1] for r in db.execute("PRAGMA table_info(%s)" % t))
        sel = ", ".join("quote(%s)" % c for c in cols)
        out[t] = (cols, list(db.execute("SELECT %s FROM %s ORDER BY 1, 2, 3" % (sel, t))))
    db.close()
    return out


def compare(a, b, what):
    if sorted(a) != sorted(b):
        fail("%s: the tables differ: %s" % (what, sorted(set(a) ^ set(b))))
    rows = 0
    for t in sorted(set(a) & set(b)):
        if a[t][0] != b[t][0]:
            fail("%s: %s has other columns" % (what, t))
            continue
        rows += len(a[t][1])
        if a[t][1] != b[t][1]:
            diff = [(x, y) for x, y in zip(a[t][1], b[t][1]) if x != y][:2]
            fail("%s: %s differs (%d and %d rows), first: %s" % (what, t, len(a[t][1]),
                                                                len(b[t][1]), diff))
    return rows


def database(admin, name):
    psql(admin, "CREATE DATABASE %s OWNER salescoach;" % name)
    return admin.replace("salescoach_admin@", "salescoach@").replace("/postgres?", "/%s?" % name)


def check_round_trip(admin, tmp):
    demo, back = os.path.join(tmp, "demo.db"), os.path.join(tmp, "back.db")
    # An answer given while its coach was of another kind: the kind it keeps (0015), which
    # both databases' triggers would otherwise set to the coach's kind of now.
    db = sqlite3.connect(demo)
    db.execute("UPDATE survey_answer SET coach_kind = CASE coach_kind WHEN 'external'"
               " THEN 'internal' ELSE 'external' END WHERE id = (SELECT min(id) FROM survey_answer)")
    db.commit()
    db.close()
    pg = database(admin, "copied")
    out = run("copy", "--from", demo, "--to", pg).stdout
    if "copied 1 organisation(s)" not in out or "coaching_session" not in out:
        fail("copy to PostgreSQL said: " + out)
    run("copy", "--from", pg, "--to", back)
    rows = compare(dump(demo), dump(back), "SQLite -> PostgreSQL -> SQLite")
    if rows < 5000:
        fail("the demo has only %d rows: the comparison proves little" % rows)
    return pg


def check_same_answers(pg, tmp):
    demo = os.path.join(tmp, "demo.db")
    for args in (["alerts"], ["overview"], ["report", "coverage"], ["report", "acceptance"],
                 ["report", "coaches"], ["person", "list"], ["coach", "list"],
                 ["--as", "lotte.mulder@vandijk.example", "agenda"],
                 ["--as", "jeroen.bakker@vandijk.example", "alerts"]):
        a = run("--db", demo, *args).stdout
        b = run("--db", pg, *args).stdout
        if a != b:
            fail("`salescoach %s` answers differently on PostgreSQL:\n%s\n---\n%s"
                 % (" ".join(args), a[:600], b[:600]))
        if len(a.splitlines()) < 2:
            fail("`salescoach %s` said almost nothing: %r" % (" ".join(args), a))


def check_new_ids(pg, admin):
    top = int(psql(admin.replace("/postgres?", "/copied?"), "SELECT max(id) FROM person;"))
    run("--db", pg, "person", "add", "--name", "Nieuwe Collega", "--email",
        "nieuw@vandijk.example")
    new = int(psql(admin.replace("/postgres?", "/copied?"),
                   "SELECT id FROM person WHERE email = 'nieuw@vandijk.example';"))
    if new <= top:
        fail("a person added after the copy got id %d, not past the copied %d" % (new, top))


def org_rows(path):
    db = sqlite3.connect(path)
    rows = list(db.execute("SELECT id, slug FROM organisation ORDER BY id"))
    people = db.execute("SELECT count(*) FROM person").fetchone()[0]
    db.close()
    return rows, people


def check_refusals(admin, pg, tmp):
    demo = os.path.join(tmp, "demo.db")
    before = psql(admin.replace("/postgres?", "/copied?"), "SELECT count(*) FROM audit_log;")
    p = run("copy", "--from", demo, "--to", pg, ok=False)
    if p.returncode == 0 or "already" not in p.stderr:
        fail("a second copy into the same database was not refused: %d %s" % (p.returncode,
                                                                             p.stderr))
    if psql(admin.replace("/postgres?", "/copied?"), "SELECT count(*) FROM audit_log;") != before:
        fail("a refused copy changed the destination")

    # Halfway: the destination's person 1 belongs to another organisation.
    half = os.path.join(tmp, "half.db")
    run("--db", half, "org", "add", "--name", "Ander Bedrijf", "--slug", "ander")
    db = sqlite3.connect(half)
    db.execute("UPDATE organisation SET id = 7")
    db.execute("INSERT INTO person (id, org_id, created_at, updated_at, name, email)"
               " VALUES (1, 7, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'X', 'x@ander.example')")
    db.commit()
    db.close()
    before = org_rows(half)
    p = run("copy", "--from", demo, "--to", half, ok=False)
    if p.returncode == 0:
        fail("a copy onto ids in use succeeded: " + p.stdout)
    if org_rows(half) != before:
        fail("a copy that failed halfway left rows behind: %s -> %s" % (before, org_rows(half)))

    # --org: only that one; an unknown one leaves no file.
    two = os.path.join(tmp, "two.db")
    run("copy", "--from", demo, "--to", two)
    run("--db", two, "org", "add", "--name", "Tweede", "--slug", "tweede")
    one = os.path.join(tmp, "one.db")
    run("copy", "--from", two, "--to", one, "--org", "tweede")
    orgs, people = org_rows(one)
    if [s for _, s in orgs] != ["tweede"] or people != 0:
        fail("--org tweede copied %s with %d people" % (orgs, people))
    none = os.path.join(tmp, "none.db")
    p = run("copy", "--from", two, "--to", none, "--org", "geen", ok=False)
    if p.returncode == 0 or "geen" not in p.stderr or os.path.exists(none):
        fail("an unknown --org: rc %d, %r, file left: %s" % (p.returncode, p.stderr,
                                                             os.path.exists(none)))


def check_password_hidden(admin):
    """A message about the database never shows its password, in the user part or a
    parameter (here the database does not exist, so the message names the URI)."""
    uri = admin.replace("salescoach_admin@", "salescoach:topsecret1@").replace(
        "/postgres?", "/nosuch?") + "&password=topsecret2"
    p = run("--db", uri, "org", "list", ok=False)
    if p.returncode == 0 or "nosuch" not in p.stderr:
        fail("a missing database was not refused by name: %d %s" % (p.returncode, p.stderr))
    if "topsecret" in p.stderr + p.stdout:
        fail("a message showed the database's password: " + p.stderr)


def check_superuser_refused(admin):
    p = run("--db", admin, "org", "list", ok=False)
    if p.returncode == 0 or "superuser" not in p.stderr:
        fail("a superuser connection was not refused: %d %s" % (p.returncode, p.stderr))


def main():
    if shutil.which("psql") is None:
        print("pg_copy: psql (postgresql-client) is not installed; " + INSTALL, file=sys.stderr)
        return 1
    tmp = tempfile.mkdtemp(prefix="salescoach-pgc-")
    os.chmod(tmp, 0o711)  # as root the server runs as postgres, which must reach the cluster
    cluster = os.path.join(tmp, "cluster")
    os.mkdir(cluster)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # a timeout stops the cluster too
    try:
        run("--db", os.path.join(tmp, "demo.db"), "demo")
        p = subprocess.run(["sh", CLUSTER, "start", cluster], capture_output=True, text=True)
        if p.returncode != 0:
            print("pg_copy: no PostgreSQL cluster could be started (%s); %s"
                  % (p.stderr.strip(), INSTALL), file=sys.stderr)
            return 1
        admin = p.stdout.strip()
        psql(admin, "CREATE ROLE salescoach LOGIN;")
        pg = check_round_trip(admin, tmp)
        check_same_answers(pg, tmp)
        check_new_ids(pg, admin)
        check_refusals(admin, pg, tmp)
        check_superuser_refused(admin)
        check_password_hidden(admin)
    finally:
        subprocess.run(["sh", CLUSTER, "stop", cluster], capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print("pg_copy: %d failure(s)" % len(failures), file=sys.stderr)
        return 1
    print("pg_copy: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
