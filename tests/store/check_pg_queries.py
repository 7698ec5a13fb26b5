#!/usr/bin/env python3
"""The named queries of store.h in PostgreSQL (src/store/postgres/store_pg_queries.c), checked
against a real, throwaway PostgreSQL and against the SQLite texts (store_sqlite_query.c).

usage: check_pg_queries.py [--conn URL] [--verbose]

Without --conn a cluster is started with tests/support/pg_cluster.sh and stopped at the end;
with it, a database pgq_check is made (and dropped first) on that server. A developer's tool,
run by hand from the source root (or give it any directory as cwd: it finds the root itself).

(1) Every text prepares (PREPARE with untyped parameters, as libpq's text parameters are) and
    executes on the empty schema with plausible parameters sent as text; its number of result
    columns is the one of store.c's query_columns; no column is boolean (SQLite gives 0/1);
    no parameter is left of unknown type, and $1 is bigint.
(2) On one small organisation (and a second one that no query may reach), every query gives
    the same rows in PostgreSQL as the SQLite text on the same data in an SQLite database made
    from sql/sqlite/*.sql: the same values (numbers compared as numbers), in the same order
    (as a multiset where store.h leaves the order open).
"""

import argparse
import glob
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PG_FILE = os.path.join(ROOT, "src", "store", "postgres", "store_pg_queries.c")
SQLITE_FILE = os.path.join(ROOT, "src", "store", "sqlite", "store_sqlite_query.c")
STORE_H = os.path.join(ROOT, "src", "store", "store.h")
STORE_C = os.path.join(ROOT, "src", "store", "store.c")
CLUSTER = os.path.join(ROOT, "tests", "support", "pg_cluster.sh")
PG_SCHEMA = os.path.join(ROOT, "sql", "postgres", "0001_schema.sql")

TODAY = "2026-12-07"
NOW = "2026-12-07T10:00:00Z"
NOV = "2026-11-01T00:00:00Z"
TOMORROW = "2026-12-08T00:00:00Z"
JAN27 = "2027-01-01T00:00:00Z"

# Parameter sets per query ($2... / ?2...): text as str, whole numbers as int.
PARAMS = {
    "SQ_ACTIVE_ASSIGNMENTS": [(TODAY, NOW)],
    "SQ_HELD_MINUTES": [(TODAY, NOV, TOMORROW)],
    "SQ_COACHES": [(TODAY,)],
    "SQ_OVERDUE_ACTIONS": [(TODAY,)],
    "SQ_UNRECORDED_SESSIONS": [(TODAY, NOW)],
    "SQ_MIXED_APPRAISALS": [("2025-12-07", 2), ("2025-12-07", 0), ("2025-12-07", 20)],
    "SQ_SUPERVISION": [(4,), (0,)],
    "SQ_MANAGER_TASKS": [()],
    "SQ_TEAM_SPANS": [(TODAY, "manager"), (TODAY, "external")],
    "SQ_READINESS": [()],
    "SQ_INCENTIVES": [(TODAY,)],
    "SQ_SENIOR_QUOTAS": [()],
    "SQ_SENIOR_SESSIONS": [("2025-01-01T00:00:00Z",)],
    "SQ_SURVEY_MEANS": [("2026-01-01",)],
    "SQ_PRESENCE": [("2026-11-01", TODAY)],
    "SQ_APPOINTMENTS": [(NOV, TOMORROW, "2026-11-01", TODAY)],
    "SQ_TEAM_ATTENDANCE": [(TODAY, NOV, TOMORROW)],
    "SQ_ONBOARDING": [(TODAY, TOMORROW), (TODAY, "2026-12-07T12:00:00Z")],
    "SQ_SESSION_SCAN": [()],
    "SQ_TEAMS": [(TODAY,)],
    "SQ_COACHEES": [(1,), (5,), (100,)],
    "SQ_ROLES": [(1,), (4,), (2,), (100,)],
    "SQ_ACCESS_REREAD": [(2, 2, "session", 1, "notes", "2026-12-07T09:00:00Z", NOW),
                         (2, 2, "session", 1, "notes", "2026-12-07T09:45:00Z", NOW)],
    "SQ_SESSION_CHANGES": [(2, "2026-01-01T00:00:00Z"), (5, "2026-01-01T00:00:00Z")],
    "SQ_COVERAGE": [("2026-11-01", "2026-12-31", NOV, JAN27)],
    "SQ_HOURS": [("2026-11-01", "2026-12-31", NOV, JAN27), ("2025-01-01", "2026-12-31",
                                                           "2025-01-01T00:00:00Z", JAN27)],
    "SQ_COACH_LOAD": [("2026-11-01", "2026-12-31", NOV, JAN27, 0),
                      ("2026-11-01", "2026-12-31", NOV, JAN27, 5),
                      ("2020-01-01", "2020-12-31", NOV, JAN27, 0)],
    "SQ_IMPACT_ASSIGNMENTS": [("2026-01-01", "2026-12-31")],
    "SQ_IMPACT_RESULTS": [("2026-10", "2026-12")],
    "SQ_ACCEPTANCE": [("2026-10-01", "2026-12-31", 0, 0), ("2026-10-01", "2026-12-31", 2, 0),
                      ("2026-10-01", "2026-12-31", 0, 1), ("2026-10-01", "2026-12-31", 1, 2),
                      ("2026-10-01", "2026-12-31", 1, 1)],
    "SQ_SURVEY_BY_KIND": [("2026-01-01", "2026-12-31")],
    "SQ_PROGRAMME_HELD": [("2026-01-01T00:00:00Z",)],
}

# Where store.h leaves the order of the rows open (or only partly fixed): compared as multisets.
# (Where SQLite's text leaves the order among equal keys open, the fixture has no such ties:
# the PostgreSQL texts break them by id, SQLite by the index it happens to read; see TIES.)
UNORDERED = {"SQ_IMPACT_RESULTS", "SQ_APPOINTMENTS", "SQ_SESSION_CHANGES"}

# Where the two differ on purpose: PostgreSQL's rows instead of SQLite's.
KNOWN = {
    # SQLite's text does not limit person, team and assignment to the organisation (its ids
    # are unique across organisations, so only a person of another organisation shows it).
    ("SQ_ROLES", (100,)): [(None, 0, 0, 0, 0)],
}

# Then, in PostgreSQL only, a held session at the same instant as session 18 (assignment 9):
# both lists of SQ_HOURS and SQ_COACH_LOAD in the order (at, id), and the latest held session
# of SQ_COACHEES the one of the higher id.
TIE = dict(id=19, org_id=1, assignment=9, kind="one_to_one", at="2026-11-19T10:00:00Z",
           minutes=20, status="held", feedback=1)
TIES = [
    ("SQ_HOURS", PARAMS["SQ_HOURS"][0], 0, 9, 9,
     "2026-11-19T10:00:00Z,2026-11-19T10:00:00Z;45,20"),
    ("SQ_COACH_LOAD", PARAMS["SQ_COACH_LOAD"][0], 6, 9, 15,
     "2026-11-19T10:00:00Z,2026-11-19T10:00:00Z;363,161"),
    ("SQ_COACHEES", (1,), 0, 9, 6, "19"),
]

# Organisation 1 and, to be reached by no query of organisation 1, organisation 2 (ids 100+).
# Each row: table, columns..., in an order the foreign keys accept. created_at/updated_at are
# added where the table has them.
FIXTURE = [
    ("organisation", dict(id=1, name="Org", slug="org")),
    ("organisation", dict(id=2, name="Other", slug="other")),
]


def add(table, **cols):
    FIXTURE.append((table, cols))


def person(pid, name, superior=None, org=1, active=1):
    add("person", id=pid, org_id=org, name=name, email="p%d@x" % pid, superior=superior,
        active=active, years_experience=pid, track_record="tr%d" % pid)


person(1, "Anna")
person(2, "Bert", 1)
person(3, "Carla", 1)
person(4, "Dirk", 1)
person(5, "Eva")
person(6, "Frank", 1)
person(7, "Gina", 4)
person(8, "bob", 1)  # bytewise after every capital
person(9, "Bert", 4, active=0)
person(100, "Zed", org=2)
person(101, "Yves", 100, org=2)
add("team", id=1, org_id=1, name="North", manager=1)
add("team", id=2, org_id=1, name="South", manager=4)
add("team", id=3, org_id=1, name="West", manager=None)
add("team", id=100, org_id=2, name="Far", manager=100)
add("programme", id=1, org_id=1, team=1, model="manager", starts_on="2026-01-01",
    ends_on="2027-06-30", target_hours=3)
add("programme", id=2, org_id=1, team=2, model="external", starts_on="2026-06-01",
    ends_on="2026-12-31", target_hours=2.5)
add("programme", id=3, org_id=1, team=1, model="senior", starts_on="2025-01-01",
    ends_on="2025-12-31", target_hours=4)
add("programme", id=4, org_id=1, team=2, model="internal", starts_on="2026-01-01",
    ends_on="2026-12-31", target_hours=1.5)
add("programme", id=100, org_id=2, team=100, model="manager", starts_on="2026-01-01",
    ends_on="2027-06-30")
add("coach", id=1, org_id=1, person=1, kind="manager", capacity=6, hours_per_week=2.5)
add("coach", id=2, org_id=1, person=4, kind="senior")
add("coach", id=3, org_id=1, person=5, kind="external", capacity=10, hours_per_week=4)
add("coach", id=4, org_id=1, person=6, kind="internal")
add("coach", id=5, org_id=1, person=7, kind="internal", active=0)
add("coach", id=100, org_id=2, person=100, kind="senior")
add("training", id=1, org_id=1, coach=3, course="Basics", completed_on="2026-05-01")
add("training", id=2, org_id=1, coach=3, course="Advanced", completed_on=None)
add("training", id=3, org_id=1, coach=3, course="Aaa", completed_on="2026-12-31")
add("training", id=4, org_id=1, coach=2, course="X", completed_on="2026-01-01")
add("training", id=100, org_id=2, coach=100, course="A", completed_on="2026-01-01")


def assignment(aid, programme, coach, coachee, starts, ends=None, status="active", org=1):
    add("assignment", id=aid, org_id=org, programme=programme, coach=coach, coachee=coachee,
        starts_on=starts, ends_on=ends, status=status)


assignment(1, 1, 1, 2, "2026-02-01")
assignment(2, 1, 1, 3, "2026-03-01", "2026-11-30", "ended")
assignment(3, 2, 3, 8, "2026-06-15")
assignment(4, 2, 3, 7, "2026-07-01", status="paused")
assignment(5, 3, 2, 3, "2025-02-01")
assignment(6, 4, 4, 8, "2026-12-01")
assignment(7, 2, 2, 2, "2026-06-01")
assignment(8, 4, 4, 9, "2026-12-20")
assignment(9, 1, 1, 8, "2026-04-01")
assignment(100, 100, 100, 101, "2026-02-01", org=2)


def session(sid, a, kind, at, minutes, status, feedback=None, intro=0, org=1):
    add("coaching_session", id=sid, org_id=org, assignment=a, kind=kind, at=at, minutes=minutes,
        status=status, feedback=feedback, intro=intro, notes="private %d" % sid)


session(1, 1, "one_to_one", "2026-11-02T09:00:00Z", 60, "held", 4)
session(2, 1, "ride_along", "2026-11-20T09:00:00Z", 90, "held")
session(3, 1, "one_to_one", "2026-11-20T09:30:00Z", 30, "held", 5)
session(4, 1, "one_to_one", "2026-12-01T09:00:00Z", 60, "planned")
session(5, 1, "one_to_one", "2026-12-10T09:00:00Z", 60, "planned")
session(6, 3, "one_to_one", "2026-07-01T10:00:00Z", 45, "held", 3, intro=1)
session(7, 3, "ride_along", "2026-12-03T08:00:00Z", 120, "held")
session(8, 5, "one_to_one", "2025-06-01T10:00:00Z", 60, "held")
session(9, 5, "one_to_one", "2026-12-05T10:00:00Z", 60, "held", 2)
session(10, 7, "one_to_one", "2026-12-06T23:30:00Z", 60, "cancelled")
session(11, 2, "one_to_one", "2026-10-10T10:00:00Z", 60, "held", 1)
session(12, 7, "ride_along", "2026-12-04T10:00:00Z", 50, "held")
session(13, 1, "one_to_one", "2026-11-25T09:00:00Z", 60, "no_show")
session(14, 6, "ride_along", "2026-12-02T10:00:00Z", 40, "held", 5)
session(15, 6, "one_to_one", "2026-12-04T10:00:00Z", 40, "planned")
session(16, 6, "one_to_one", "2026-12-04T10:00:00Z", 40, "planned")  # same instant as 15
session(17, 3, "one_to_one", "2026-11-22T10:00:00Z", 30, "planned")
session(18, 9, "one_to_one", "2026-11-19T10:00:00Z", 45, "held", 3)
session(100, 100, "one_to_one", "2026-11-20T09:00:00Z", 60, "held", 4, org=2)
session(101, 100, "one_to_one", "2026-12-01T09:00:00Z", 60, "planned", org=2)


def action(iid, a, due, done=None, org=1, owner=2):
    add("action_item", id=iid, org_id=org, assignment=a, owner=owner, text="t", due_on=due,
        done_on=done)


action(1, 1, "2026-12-01")
action(2, 1, "2026-11-15")
action(3, 1, "2026-11-01", "2026-11-02")
action(4, 3, "2026-12-10", owner=8)
action(5, 3, "2026-12-06", owner=8)
action(6, 2, "2026-11-01", owner=3)
action(100, 100, "2026-11-01", org=2, owner=101)


def appraisal(aid, rep, manager, recorded, override=None, org=1):
    add("appraisal", id=aid, org_id=org, rep=rep, manager=manager, period_from="2026-01-01",
        period_to="2026-06-30", recorded_on=recorded, rating=3, override_reason=override)


appraisal(1, 2, 1, "2026-11-21")
appraisal(2, 3, 4, "2026-12-06", "agreed")
appraisal(3, 2, 1, "2025-01-01")
appraisal(4, 8, 5, "2026-12-01", "")
appraisal(5, 2, 4, "2026-12-03")
appraisal(6, 8, 6, "2026-12-01")
appraisal(7, 8, 6, "2026-12-31")  # the turn of a month and a year
appraisal(100, 101, 100, "2026-11-21", org=2)


def review(rid, manager, reviewer, on, nxt=None, org=1):
    add("supervision_review", id=rid, org_id=org, manager=manager, reviewer=reviewer,
        reviewed_on=on, next_review_on=nxt)


review(1, 1, 4, "2026-06-01", "2026-12-01")
review(2, 4, 1, "2026-05-01", "2026-11-01")
review(3, 4, 1, "2026-09-01", "2027-03-01")
review(4, 6, 5, "2026-01-01", "2026-07-01")
review(5, 4, 1, "2026-09-02", "2027-04-01")
review(6, 1, 4, "2026-06-02", None)
review(100, 100, 100, "2026-06-01", "2026-12-01", org=2)
add("manager_task", id=1, org_id=1, manager=1, name="Forecast", hours_per_week=2.5, delegable=1,
    delegated_to=4)
add("manager_task", id=2, org_id=1, manager=1, name="Hiring", hours_per_week=1.0, delegable=0)
add("manager_task", id=3, org_id=1, manager=4, name="Review", hours_per_week=0.5, delegable=1)
add("manager_task", id=100, org_id=2, manager=100, name="X", hours_per_week=1.0)


def readiness(rid, candidate, on, org=1, assessor=1):
    add("readiness_assessment", id=rid, org_id=org, candidate=candidate, assessor=assessor,
        assessed_on=on, motivation=rid % 5, traits=2, ability=3, track_record=4,
        decision="d%d" % rid)


readiness(1, 6, "2026-01-01")
readiness(2, 6, "2026-06-01")
readiness(3, 7, "2026-03-01")
readiness(4, 7, "2026-03-01")
readiness(100, 101, "2026-03-01", org=2, assessor=100)
add("incentive_plan", id=1, org_id=1, coach=2, starts_on="2026-01-01", ends_on=None,
    target_reduction_pct=10.0, bonus_share_pct=5.5, selling_hours=140)
add("incentive_plan", id=2, org_id=1, coach=2, starts_on="2027-01-01", ends_on=None,
    bonus_share_pct=1, selling_hours=100)
add("incentive_plan", id=3, org_id=1, coach=4, starts_on="2026-12-01", ends_on="2026-12-31",
    target_reduction_pct=None, bonus_share_pct=0, selling_hours=120)
add("incentive_plan", id=4, org_id=1, coach=2, starts_on="2026-01-01", ends_on="2026-12-07",
    bonus_share_pct=2, selling_hours=90)
add("incentive_plan", id=100, org_id=2, coach=100, starts_on="2026-01-01")


def result(rid, rep, month, quota, org=1):
    add("sales_result", id=rid, org_id=org, rep=rep, month=month, quota=quota,
        revenue=quota * 2 + 1, deals_won=rid, deals_lost=1)


result(1, 4, "2026-10", 100)
result(2, 4, "2026-11", 110)
result(3, 2, "2026-11", 90)
result(4, 3, "2026-12", 80)
result(5, 3, "2026-09", 70)
result(100, 100, "2026-11", 50, org=2)


def activity(aid, team, at, kind="team_meeting", introduces=None, org=1):
    add("team_activity", id=aid, org_id=org, team=team, at=at, kind=kind, title="a%d" % aid,
        introduces=introduces)


activity(1, 2, "2026-12-02T09:00:00Z", introduces=3)
activity(2, 2, "2026-12-07T15:00:00Z", introduces=3)
activity(3, 2, "2026-12-09T09:00:00Z", introduces=3)
activity(4, 1, "2026-12-03T09:00:00Z", kind="workshop")
activity(5, 1, "2026-11-10T09:00:00Z")
activity(6, 2, "2026-10-10T09:00:00Z", kind="workshop", introduces=3)
activity(100, 100, "2026-12-02T09:00:00Z", introduces=100, org=2)


def presence(pid, coach, on, kind, act=None, org=1):
    add("presence_log", id=pid, org_id=org, coach=coach, present_on=on, kind=kind, activity=act)


presence(1, 3, "2026-12-01", "sales_floor")
presence(2, 3, "2026-12-01", "sales_floor")
presence(3, 3, "2026-12-02", "sales_floor", 1)
presence(4, 4, "2026-12-03", "customer_appointment")
presence(5, 4, "2026-12-03", "customer_appointment")
presence(6, 3, "2026-12-04", "customer_appointment")
presence(7, 4, "2026-12-03", "sales_floor", 4)
presence(8, 4, "2026-12-03", "team_activity", 4)  # the same activity twice
presence(9, 2, "2026-11-30", "sales_floor")
presence(10, 3, "2026-10-31", "sales_floor")
presence(100, 100, "2026-12-01", "sales_floor", org=2)


def answer(aid, coach, who, on, r, t, h, p, nr=None, fla=None, org=1):
    add("survey_answer", id=aid, org_id=org, coach=coach, respondent=who, answered_on=on,
        respect=r, trust=t, helps=h, part_of_team=p, not_reporting=nr, feels_like_assessment=fla)


answer(1, 3, "coachee", "2026-11-01", 5, 4, 4, 3, None, 2)
answer(2, 3, "coachee", "2026-11-15", 5, 5, 5, 5, 1, None)
answer(3, 3, "management", "2026-12-01", 3, 3, 3, 3, 2, 4)
answer(4, 3, "coachee", "2026-11-15", 4, 4, 4, 4)
answer(5, 1, "coachee", "2026-10-01", 2, 3, 4, 5, 3, 1)
answer(6, 4, "coachee", "2026-10-05", 4, 4, 3, 3)
answer(7, 4, "coachee", "2026-12-05", 5, 5, 4, 4, 4, 5)
answer(8, 2, "management", "2026-12-02", 1, 2, 3, 4)
answer(9, 2, "coachee", "2025-12-02", 1, 2, 3, 4)
answer(100, 100, "coachee", "2026-11-01", 1, 1, 1, 1, org=2)
add("account", id=1, org_id=1, person=1, role="admin", password_hash="h")
add("account", id=2, org_id=1, person=4, role="member", password_hash="h")
add("account", id=100, org_id=2, person=100, role="admin", password_hash="h")


def audit(aid, record, action, entity="session", org=1):
    add("audit_log", id=aid, org_id=org, at="2026-12-01T00:00:00Z", actor="x", entity=entity,
        record_id=record, action=action)


audit(1, 5, "update")
audit(2, 5, "update")
audit(3, 4, "update")
audit(4, 5, "create")
audit(5, 5, "update", entity="assignment")
audit(100, 5, "update", org=2)


def access(lid, at, org=1, reader=2):
    add("access_log", id=lid, org_id=org, at=at, reader=reader, reader_name="Bert", subject=2,
        entity="session", record_id=1, fields="notes", reads=1, last_at=at)


access(1, "2026-12-07T08:00:00Z")
access(2, "2026-12-07T09:30:00Z")
access(3, "2026-12-07T09:30:00Z")  # same instant as 2: the higher id
access(100, "2026-12-07T09:50:00Z", org=2)

# After the rows: a coach whose kind changed (the answers keep the kind they were given under),
# and an answer of before 0015 (no kind kept: the coach's kind of today).
AFTER = [
    "UPDATE coach SET kind = 'external' WHERE id = 4",
    "UPDATE survey_answer SET coach_kind = NULL WHERE id = 5",
]
answer(10, 4, "coachee", "2026-12-06", 3, 3, 3, 3)  # inserted after the kind changed: below


def die(msg):
    print("check_pg_queries: " + msg, file=sys.stderr)
    sys.exit(2)


def c_texts(path, array):
    """The initialisers [SQ_X] = "..." "..." of array in the C file at path, after the
    preprocessor (macros expanded, literals concatenated here): {name: text}. The file's
    #include lines are left out: the texts use only the file's own macros, and so no header
    (libpq's, the build's) needs to be found."""
    with open(path, encoding="utf-8") as fh:
        src = "".join(line for line in fh if not re.match(r"\s*#\s*include\b", line))
    p = subprocess.run(["cc", "-E", "-P", "-x", "c", "-"], input=src, capture_output=True,
                       text=True)
    if p.returncode != 0:
        die("the preprocessor failed on %s:\n%s" % (path, p.stderr))
    m = re.search(r"\b%s\s*\[\s*SQ_COUNT\s*\]\s*=\s*\{(.*?)\n\s*\};" % re.escape(array),
                  p.stdout, re.S)
    if not m:
        die("no array %s[SQ_COUNT] in %s" % (array, path))
    body, out = m.group(1), {}
    lit = r'"(?:[^"\\\n]|\\.)*"'
    for entry in re.finditer(r"\[\s*(SQ_\w+)\s*\]\s*=\s*((?:%s\s*)+)" % lit, body):
        parts = re.findall(lit, entry.group(2))
        out[entry.group(1)] = "".join(bytes(s[1:-1], "utf-8").decode("unicode_escape")
                                      for s in parts)
    return out


def enum_names():
    text = open(STORE_H).read()
    m = re.search(r"enum store_query \{(.*?)\};", text, re.S)
    body = re.sub(r"/\*.*?\*/", "", m.group(1), flags=re.S)
    names = re.findall(r"\b(SQ_\w+)\b", body)
    return [n for n in names if n != "SQ_COUNT"]


def query_columns():
    text = open(STORE_C).read()
    m = re.search(r"query_columns\[SQ_COUNT\]\s*=\s*\{(.*?)\};", text, re.S)
    return {k: int(v) for k, v in re.findall(r"\[(SQ_\w+)\]\s*=\s*(\d+)", m.group(1))}


def psql(url, sql):
    p = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url],
                       input=sql, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def lit(v):
    """v as an SQL literal of unknown type: what libpq's text parameter is."""
    if v is None:
        return "NULL"
    return "'" + str(v).replace("'", "''") + "'"


NULL = "\x01NULL"
APP = "pgq_check_app"  # a role of the application's kind: no superuser, no BYPASSRLS
FS, RS = "\x1f", "\x1e"


def pg_run(url, name, text, params, as_app=False):
    """PREPARE and EXECUTE text with organisation 1 and params: (ncols, result types,
    parameter types, rows) or raises with psql's words. as_app: as the role APP, bound by
    row-level security, with the transaction's organisation set as the store sets it."""
    args = ", ".join(lit(v) for v in (1,) + tuple(params))
    role = "SET LOCAL ROLE %s;\nSET LOCAL salescoach.org_id = '1';\n" % APP if as_app else ""
    sql = ("\\pset null '%s'\n\\pset fieldsep '%s'\n\\pset recordsep '%s'\n"
           "BEGIN;\n%sPREPARE q AS %s;\n"
           "SELECT array_to_string(parameter_types, ',') FROM pg_prepared_statements"
           " WHERE name = 'q';\n\\echo '%s==DESC=='\nEXECUTE q(%s) \\gdesc\n"
           "\\echo '%s==ROWS=='\nEXECUTE q(%s);\nCOMMIT;\n"
           % (NULL, FS, RS, role, text, RS, args, RS, args))
    rc, out, err = psql(url, sql)
    if rc != 0:
        raise RuntimeError(err.strip())
    head, _, rest = out.partition(RS + "==DESC==")
    desc, _, rows = rest.partition(RS + "==ROWS==")
    ptypes = head.strip(RS + "\n")
    rtypes = [d.strip("\n").split(FS)[1] for d in desc.split(RS) if d.strip("\n")]
    recs = [r for r in rows.strip("\n").split(RS) if r.strip("\n") != ""]
    rows = [tuple(None if f == NULL else f for f in r.strip("\n").split(FS)) for r in recs]
    return len(rtypes), rtypes, ptypes.split(","), rows


def norm(v):
    """A value as both databases can be compared on: numbers as numbers, text as text."""
    if v is None:
        return None
    if isinstance(v, (int, float)):
        x = float(v)
    else:
        try:
            x = float(v) if re.fullmatch(r"-?\d+(\.\d+)?(e[-+]?\d+)?", v) else None
        except ValueError:
            x = None
        if x is None:
            return v
    return int(x) if x == int(x) else round(x, 9)


def fixture_rows():
    rows = list(FIXTURE)
    late = [r for r in rows if r[0] == "survey_answer" and r[1]["id"] == 10]
    return [r for r in rows if r not in late], late


def columns_of(table, sqlite_db):
    return [r[1] for r in sqlite_db.execute("PRAGMA table_info(%s)" % table)]


def load(url, db):
    """The fixture into PostgreSQL (url) and SQLite (db), the same rows in both."""
    early, late = fixture_rows()
    stamp = "2026-01-01T00:00:00Z"
    stmts = []

    def both(table, cols):
        cols = dict(cols)
        have = columns_of(table, db)
        for c in ("created_at", "updated_at"):
            if c in have and c not in cols:
                cols[c] = stamp
        names = list(cols)
        db.execute("INSERT INTO %s (%s) VALUES (%s)" % (table, ", ".join(names),
                                                       ", ".join("?" * len(names))),
                   [cols[n] for n in names])
        vals = ", ".join("NULL" if cols[n] is None else
                         (repr(cols[n]) if isinstance(cols[n], (int, float)) else lit(cols[n]))
                         for n in names)
        stmts.append("INSERT INTO %s (%s) VALUES (%s);" % (table, ", ".join(names), vals))

    for table, cols in early:
        both(table, cols)
    for s in AFTER:
        db.execute(s)
        stmts.append(s + ";")
    for table, cols in late:
        both(table, cols)
    db.commit()
    rc, _, err = psql(url, "BEGIN;\n" + "\n".join(stmts) + "\nCOMMIT;\n")
    if rc != 0:
        die("loading the fixture into PostgreSQL failed: " + err)


def sqlite_db():
    db = sqlite3.connect(":memory:")
    for f in sorted(glob.glob(os.path.join(ROOT, "sql", "sqlite", "*.sql"))):
        db.executescript(open(f).read())
    return db


def compare(name, pg_rows, lite_rows):
    a = [tuple(norm(v) for v in r) for r in pg_rows]
    b = [tuple(norm(v) for v in r) for r in lite_rows]
    if name in UNORDERED:
        key = lambda r: tuple((x is not None, str(x)) for x in r)
        a, b = sorted(a, key=key), sorted(b, key=key)
    return a == b, a, b


def ties(url, pg):
    """The checks of TIES after adding TIE to PostgreSQL; problems as sentences."""
    names = ", ".join(TIE)
    vals = ", ".join(lit(v) for v in TIE.values())
    rc, _, err = psql(url, "INSERT INTO coaching_session (%s, created_at, updated_at)"
                      " VALUES (%s, 'x', 'x');" % (names, vals))
    if rc != 0:
        return ["adding a session at the same instant: " + err]
    out = []
    for n, params, key_col, key, col, want in TIES:
        _, _, _, rows = pg_run(url, n, pg[n], params)
        got = [r[col] for r in rows if r[key_col] == str(key)]
        ok = got == [want]
        print("tie      %-24s %s = %r: %s" % (n, key, got, "ok" if ok else "WRONG"))
        if not ok:
            out.append("%s: with two sessions at one instant, %r where %r" % (n, got, want))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--conn", help="a PostgreSQL server's connection string (superuser)")
    ap.add_argument("--verbose", action="store_true", help="print every query's rows")
    o = ap.parse_args()
    for tool in ("psql", "cc"):
        if not shutil.which(tool):
            die("%s is not installed; run ./scripts/install-deps.sh --test" % tool)

    names = enum_names()
    ncols = query_columns()
    pg = c_texts(PG_FILE, "pg_queries")
    lite = c_texts(SQLITE_FILE, "queries")
    problems = []
    for n in names:
        if n not in pg:
            problems.append("%s: no PostgreSQL text" % n)
        if n not in PARAMS:
            problems.append("%s: no parameters in this checker" % n)
    for n in pg:
        if n not in names:
            problems.append("%s: a PostgreSQL text for no query of store.h" % n)

    tmp, server = None, o.conn
    if not server:
        tmp = tempfile.mkdtemp(prefix="pgq.")
        os.chmod(tmp, 0o755)
        p = subprocess.run([CLUSTER, "start", os.path.join(tmp, "c")], capture_output=True,
                           text=True)
        if p.returncode != 0:
            shutil.rmtree(tmp, ignore_errors=True)
            die("could not start PostgreSQL: " + p.stderr)
        server = p.stdout.strip()
    try:
        rc, _, err = psql(server, "DROP DATABASE IF EXISTS pgq_check;\n"
                          "CREATE DATABASE pgq_check TEMPLATE template0 LOCALE 'C';\n")
        if rc != 0:
            die("could not make the database pgq_check: " + err)
        url = re.sub(r"(postgresql://[^/]*/)[^?]*", r"\1pgq_check", server)
        rc, _, err = psql(url, open(PG_SCHEMA).read())
        if rc != 0:
            die("the schema failed: " + err)
        rc, _, err = psql(url, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles"
                          " WHERE rolname = '%s') THEN CREATE ROLE %s NOLOGIN; END IF; END $$;\n"
                          "GRANT SELECT, UPDATE ON ALL TABLES IN SCHEMA public TO %s;\n"
                          % (APP, APP, APP))
        if rc != 0:
            die("could not make the role %s: %s" % (APP, err))
        psql(url, "INSERT INTO organisation (id, name, slug, created_at)"
             " VALUES (1, 'Org', 'org', 'x');")

        # (1) The empty schema: every text prepares and executes, with its columns.
        for n in names:
            if n not in pg or n not in PARAMS:
                continue
            try:
                cols, rtypes, ptypes, rows = pg_run(url, n, pg[n], PARAMS[n][0])
            except RuntimeError as e:
                problems.append("%s: %s" % (n, e))
                continue
            if cols != ncols.get(n):
                problems.append("%s: %d columns, store.c says %s" % (n, cols, ncols.get(n)))
            if o.verbose:
                print("   result types: " + ", ".join(rtypes))
            if "boolean" in rtypes:
                problems.append("%s: a boolean column (SQLite gives 0/1): %s" % (n, rtypes))
            if ptypes[0] != "bigint" or "unknown" in ptypes:
                problems.append("%s: parameter types %s" % (n, ptypes))
            print("prepared %-24s %2d columns  params (%s)" % (n, cols, ", ".join(ptypes)))
        psql(url, "DELETE FROM organisation;")

        # (2) The same rows as SQLite's texts on the same data.
        db = sqlite_db()
        load(url, db)
        for n in names:
            if n not in pg or n not in lite or n not in PARAMS:
                continue
            for params in PARAMS[n]:
                try:
                    _, _, _, pg_rows = pg_run(url, n, pg[n], params)
                    _, _, _, app_rows = pg_run(url, n, pg[n], params, as_app=True)
                except RuntimeError as e:
                    problems.append("%s%r: %s" % (n, params, e))
                    continue
                if app_rows != pg_rows:
                    problems.append("%s%r: other rows under row-level security" % (n, params))
                cur = db.execute(lite[n], (1,) + tuple(params))
                lite_rows = cur.fetchall()
                db.commit()
                same, a, b = compare(n, pg_rows, lite_rows)
                print("compared %-24s %r: %d rows %s" % (n, params, len(a),
                                                        "agree" if same else "DIFFER"))
                if o.verbose or not same:
                    for r in a:
                        print("   pg     ", r)
                    if not same:
                        for r in b:
                            print("   sqlite ", r)
                if not same and KNOWN.get((n, params)) == a:
                    print("   (as expected: PostgreSQL's rows are the right ones here)")
                elif not same:
                    problems.append("%s%r: rows differ from SQLite's" % (n, params))
        problems += ties(url, pg)
    finally:
        if not tmp:
            psql(server, "DROP DATABASE IF EXISTS pgq_check;\nDROP ROLE IF EXISTS %s;\n" % APP)
        if tmp:
            subprocess.run([CLUSTER, "stop", os.path.join(tmp, "c")], capture_output=True)
            shutil.rmtree(tmp, ignore_errors=True)
    for p in problems:
        print("FAIL: " + p, file=sys.stderr)
    print("%d queries, %s" % (len(names), "%d problems" % len(problems) if problems else "all ok"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
