#!/usr/bin/env python3
"""Two `salescoach serve` processes on one database: what one ends, the other refuses at once.

usage: test_revoke_elsewhere.py SOURCE_ROOT SALESCOACH_BIN sqlite|postgresql

Each server remembers its callers for 5 seconds (API_AUTH_TTL). Each case below makes server A
remember a caller (a request answered 200), ends that caller's access through server B or the
command line, and asks A again well within those 5 seconds: the answer must be 401. The cases:
a logout, a revoked API token, a changed password, an account reset (`salescoach account
setup`), a person erased (`salescoach person erase`), a person made inactive. Then the same new
person's e-mail address is added through both servers at the same moment, many times: one is
stored and the other answered 409, never two rows and never a 500.

Before those, what one server changes the other answers at once: server A answers a coach's
GET /api/me/coachees (which a PostgreSQL server then gives from memory while the organisation's
data version stands, src/api/api_memo.c); a coachee renamed through server B, their next session
changed on the command line and the assignment paused through B each show in A's very next
answer; on PostgreSQL, after a simulated crash of the database (every connection ended, a change
whose data version was lost), A does not give what it remembered.

sqlite: both servers on one SQLite file. postgresql: a throwaway cluster
(tests/support/pg_cluster.sh), a database owned by a role that is not a superuser, the demo
loaded into it with the program itself.
"""

import functools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

SRC, BIN, KIND = sys.argv[1], sys.argv[2], sys.argv[3]
CLUSTER = os.path.join(SRC, "tests", "support", "pg_cluster.sh")
INSTALL = "run ./scripts/install-deps.sh --test"
PASSWORD = "demo-password"
ADMIN = "admin@salescoach.example"
TTL = 5  # API_AUTH_TTL in src/api/api.h
NAME = "revoke_elsewhere" + ("_pg" if KIND == "postgresql" else "")

failures = []
print = functools.partial(print, flush=True)


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(base, method, path, body=None, cookie=None, csrf=None, token=None):
    """(status, JSON answer or None) of one call."""
    headers = {"Content-Type": "application/json"}
    if cookie:
        headers["Cookie"] = cookie
    if csrf:
        headers["X-CSRF-Token"] = csrf
    if token:
        headers["Authorization"] = "Bearer " + token
    req = urllib.request.Request(base + path, method=method, headers=headers,
                                 data=json.dumps(body).encode() if body is not None else None)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            status, raw = r.status, r.read()
    except urllib.error.HTTPError as e:
        status, raw = e.code, e.read()
    return status, json.loads(raw) if raw else None


class Server:
    """`salescoach serve` on db, on a port of its own."""

    def __init__(self, db):
        self.port = free_port()
        self.base = "http://127.0.0.1:%d" % self.port
        self.proc = subprocess.Popen([BIN, "--db", db, "serve", "--listen",
                                      "127.0.0.1:%d" % self.port, "--threads", "4"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(300):
            try:
                urllib.request.urlopen(self.base + "/api/health", timeout=5).read()
                return
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.1)
        raise RuntimeError("salescoach serve on port %d did not start" % self.port)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Caller:
    """Someone logged in: their session cookie and CSRF token (good on either server)."""

    def __init__(self, email, person, cookie, csrf):
        self.email, self.person, self.cookie, self.csrf = email, person, cookie, csrf

    def call(self, server, method, path, body=None):
        return request(server.base, method, path, body, cookie=self.cookie, csrf=self.csrf)


def login(server, email, password=PASSWORD):
    """A Caller logged in through server."""
    req = urllib.request.Request(server.base + "/api/login", method="POST",
                                 headers={"Content-Type": "application/json"},
                                 data=json.dumps({"email": email, "password": password}).encode())
    with urllib.request.urlopen(req, timeout=30) as r:
        cookie = r.headers["Set-Cookie"].split(";")[0]
        answer = json.loads(r.read())
    return Caller(email, answer["person"]["id"], cookie, answer["csrf_token"])


def remembered_then_refused(what, a, ask, end):
    """ask() on server A answers 200 (A now remembers the caller); end() ends the access
    elsewhere; ask() again at once answers 401, well within A's memory of TTL seconds."""
    status = ask()
    if status != 200:
        fail("%s: the caller was not accepted by server A to begin with (%d)" % (what, status))
        return
    t0 = time.monotonic()
    end()
    status = ask()
    elapsed = time.monotonic() - t0
    if elapsed >= TTL - 1:
        fail("%s: ending the access took %.1f s, too long to show that server A does not "
             "trust its %d-second memory" % (what, elapsed, TTL))
    elif status != 401:
        fail("%s: server A still answered %d (not 401) %.2f s after the access ended "
             "elsewhere" % (what, status, elapsed))
    else:
        print("ok: %s: refused by server A %.2f s after it ended elsewhere" % (what, elapsed))


def expect(what, got, want):
    if got != want:
        fail("%s: %s, expected %s" % (what, got, want))


def check_revocations(a, b, db):
    me = "/api/me"
    # A logout through server B.
    lotte = login(a, "lotte.mulder@vandijk.example")
    remembered_then_refused(
        "a logout on the other server", a, lambda: lotte.call(a, "GET", me)[0],
        lambda: expect("logout on B", lotte.call(b, "POST", "/api/logout")[0], 204))

    # An API token revoked through server B.
    erik = login(b, "erik.vanleeuwen@vandijk.example")
    status, tok = erik.call(b, "POST", "/api/me/tokens", {"name": "reporting script"})
    expect("token made on B", status, 201)
    secret, tid = tok["token"], tok["id"]
    remembered_then_refused(
        "an API token revoked on the other server", a,
        lambda: request(a.base, "GET", me, token=secret)[0],
        lambda: expect("revoke on B", erik.call(b, "DELETE", "/api/me/tokens/%d" % tid)[0], 204))
    expect("erik's own session on B after revoking a token", erik.call(b, "GET", me)[0], 200)

    # A password changed through server B: the session on A ends, the one on B is kept.
    sandra_a = login(a, "sandra.visser@vandijk.example")
    sandra_b = login(b, "sandra.visser@vandijk.example")
    remembered_then_refused(
        "a password changed on the other server", a, lambda: sandra_a.call(a, "GET", me)[0],
        lambda: expect("password change on B",
                       sandra_b.call(b, "POST", "/api/me/password",
                                     {"current_password": PASSWORD,
                                      "new_password": "a new password of hers"})[0], 204))
    expect("sandra's session on B, where she changed it", sandra_b.call(b, "GET", me)[0], 200)
    expect("sandra's session on B seen from A", sandra_b.call(a, "GET", me)[0], 200)

    # An account reset from the command line, on the same database.
    jeroen = login(a, "jeroen.bakker@vandijk.example")
    def reset():
        run = subprocess.run([BIN, "--db", db, "account", "setup", "--email",
                              "jeroen.bakker@vandijk.example"], capture_output=True, text=True)
        expect("account setup on the command line (%s)" % run.stderr.strip(), run.returncode, 0)
    remembered_then_refused("an account reset on the command line", a,
                            lambda: jeroen.call(a, "GET", me)[0], reset)

    # A person erased on request from the command line (exit 3: erased, the SQLite file not
    # scrubbed yet because the servers hold it open).
    linda = login(a, "linda.smit@vandijk.example")
    def erase():
        run = subprocess.run([BIN, "--db", db, "person", "erase", str(linda.person), "--reason",
                              "asked by the person", "--yes"], capture_output=True, text=True)
        if run.returncode not in (0, 3):
            fail("person erase on the command line: exit %d (%s)"
                 % (run.returncode, run.stderr.strip()))
    remembered_then_refused("a person erased on the command line", a,
                            lambda: linda.call(a, "GET", me)[0], erase)

    # A person made inactive by an administrator through server B.
    admin = login(b, ADMIN)
    kees = login(a, "kees.mulder@kompas-coaching.example")
    remembered_then_refused(
        "a person made inactive on the other server", a, lambda: kees.call(a, "GET", me)[0],
        lambda: expect("person made inactive on B",
                       admin.call(b, "PATCH", "/api/people/%d" % kees.person,
                                  {"active": False})[0], 200))
    return admin


def check_coachees_elsewhere(a, b, db):
    """A's answer of /api/me/coachees after each change made elsewhere is the new one."""
    linda = login(a, "linda.smit@vandijk.example")
    admin = login(b, ADMIN)
    failed = len(failures)

    def coachees():
        status, got = linda.call(a, "GET", "/api/me/coachees")
        expect("the coach's coachees on A", status, 200)
        return got["items"] if status == 200 else []

    first = coachees()
    if not first or coachees() != first:
        fail("the coach's coachees on A: %r, then a different answer with nothing changed"
             % first)
        return
    item = next((i for i in first if i["next_session"] is None), first[0])
    who, asg = item["coachee"]["id"], item["assignment"]

    def shown():
        return next((i for i in coachees() if i["assignment"] == asg), None)

    expect("the coachee renamed on B", admin.call(b, "PATCH", "/api/people/%d" % who,
                                                  {"name": "Renamed Elsewhere"})[0], 200)
    got = shown()
    expect("the coachee's name on A right after the rename on B",
           got and got["coachee"]["name"], "Renamed Elsewhere")

    # The next session given another length on the command line, or one planned there.
    nxt = item["next_session"]
    if nxt:
        minutes = 45 if nxt["minutes"] != 45 else 60
        args = ["update", str(nxt["id"]), "--minutes", str(minutes)]
        want = (nxt["at"][:16], minutes)
    else:
        args = ["add", "--assignment", str(asg), "--kind", "one_to_one", "--at",
                "2027-01-14T10:15", "--minutes", "45"]
        want = ("2027-01-14T09:15", 45)
    run = subprocess.run([BIN, "--db", db, "session"] + args, capture_output=True, text=True)
    expect("session %s on the command line (%s)" % (args[0], run.stderr.strip()),
           run.returncode, 0)
    nxt = (shown() or {}).get("next_session")
    expect("the next session on A right after the command line's change",
           nxt and (nxt["at"][:16], nxt["minutes"]), want)

    expect("the assignment paused on B", admin.call(b, "PATCH", "/api/assignments/%d" % asg,
                                                    {"status": "paused"})[0], 200)
    expect("the paused assignment among the coachees on A", shown(), None)
    if len(failures) == failed:
        print("ok: a coachee renamed, a session changed and an assignment paused elsewhere "
              "show in server A's next answer")


def check_same_address_at_once(a, b, admin, rounds):
    """The same new address POSTed (/api/people) through both servers at once: one 201, one 409."""
    for i in range(rounds):
        email = "new.rep%d@vandijk.example" % i
        answers = [None, None]
        go = threading.Barrier(2)

        def add(k, server):
            go.wait()
            answers[k] = admin.call(server, "POST", "/api/people",
                                    {"name": "New Rep %d" % i, "email": email})

        threads = [threading.Thread(target=add, args=(k, s)) for k, s in enumerate((a, b))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        statuses = sorted(s for s, _ in answers)
        if statuses != [201, 409]:
            fail("round %d: the same address through both servers answered %s, expected one "
                 "201 and one 409 (%s)" % (i, statuses, answers))
        status, found = admin.call(a, "GET", "/api/people?email=" + email)
        n = len(found["items"]) if status == 200 else -1
        if n != 1:
            fail("round %d: %d people with %s stored (%d), expected exactly 1"
                 % (i, n, email, status))
    print("ok: %d rounds of the same address through both servers at once" % rounds)


def psql(url, sql):
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url], input=sql,
                   check=True, capture_output=True, text=True)


def check_forgotten_after_a_crash(a, db, admin):
    """A crash of PostgreSQL may lose the last commits, and with them the data version they
    renewed: a number can then come again for other data. Simulated: the coachee's name is
    changed as the superuser with the triggers off (the version stays where server A read it),
    and every connection of the program is ended, as a crash ends them. Server A, which opens
    its connections again, must not give its remembered answer."""
    linda = login(a, "linda.smit@vandijk.example")
    status, got = linda.call(a, "GET", "/api/me/coachees")
    expect("the coach's coachees on A before the crash", status, 200)
    if status != 200 or not got["items"]:
        return
    who = got["items"][0]["coachee"]["id"]
    psql(admin.replace("/postgres?", "/sc?"),
         "SET session_replication_role = replica;\n"
         "UPDATE person SET name = 'Lost In A Crash' WHERE id = %d;\n"
         "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'salescoach';\n"
         % who)
    status, got = linda.call(a, "GET", "/api/me/coachees")
    names = [i["coachee"]["name"] for i in got["items"]] if status == 200 else []
    expect("the coachee's name on A after the crash", "Lost In A Crash" in names, True)


def run(db, env_note, admin=None):
    demo = subprocess.run([BIN, "--db", db, "demo"], capture_output=True, text=True,
                          env=dict(os.environ, SALESCOACH_DURABILITY="normal"))
    if demo.returncode != 0:
        raise RuntimeError("salescoach demo on %s failed: %s" % (env_note, demo.stderr))
    a = b = None
    try:
        a, b = Server(db), Server(db)
        check_coachees_elsewhere(a, b, db)
        if admin:
            check_forgotten_after_a_crash(a, db, admin)
        admin = check_revocations(a, b, db)
        check_same_address_at_once(a, b, admin, 50)
    finally:
        for s in (a, b):
            if s is not None:
                s.stop()


def main():
    tmp = tempfile.mkdtemp(prefix="salescoach-revoke-")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # a timeout stops the cluster too
    cluster = None
    try:
        if KIND == "sqlite":
            run(os.path.join(tmp, "demo.db"), "SQLite")
        else:
            if shutil.which("psql") is None:
                print("%s: psql (postgresql-client) is not installed; %s" % (NAME, INSTALL),
                      file=sys.stderr)
                return 1
            os.chmod(tmp, 0o711)  # as root the server runs as postgres, which must reach it
            cluster = os.path.join(tmp, "cluster")
            os.mkdir(cluster)
            p = subprocess.run(["sh", CLUSTER, "start", cluster], capture_output=True,
                               text=True)
            if p.returncode != 0:
                print("%s: no PostgreSQL cluster could be started (%s); %s"
                      % (NAME, p.stderr.strip(), INSTALL), file=sys.stderr)
                return 1
            admin = p.stdout.strip()
            # The program's role: no superuser (the program refuses one), owner of its database.
            psql(admin, "CREATE ROLE salescoach LOGIN;\nCREATE DATABASE sc OWNER salescoach;\n")
            url = admin.replace("salescoach_admin@/postgres", "salescoach@/sc")
            run(url, "PostgreSQL", admin)
    finally:
        if cluster is not None:
            subprocess.run(["sh", CLUSTER, "stop", cluster], capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print("%s: %d failure(s)" % (NAME, len(failures)), file=sys.stderr)
        return 1
    print("%s: ok" % NAME)
    return 0


if __name__ == "__main__":
    sys.exit(main())
