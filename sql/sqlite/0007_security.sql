-- 0007: nobody becomes somebody else.
--
-- account_setup: a one-time link with which a person chooses their own
-- password, issued by an administrator for a new account or a reset. Only
-- a BLAKE2b digest of the link's secret is stored; it is short-lived and
-- used once.
--
-- security_event: what was done to a person's account (password set or
-- reset, setup link issued, role changed, API token made), shown to that
-- person, so that a reset by an administrator never goes unseen.
--
-- survey_ballot: that a person answered the pulse survey about a coach in
-- a round (a calendar month), kept apart from the anonymous answer: one
-- answer per person per coach per round, and no link from ballot to
-- answer (created_at is the round's first day, not the moment).

CREATE TABLE account_setup (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    account INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    issued_by TEXT NOT NULL
);
CREATE INDEX account_setup_account ON account_setup(account);

CREATE TABLE security_event (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    person INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX security_event_person ON security_event(org_id, person, at);

CREATE TABLE survey_ballot (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    coach INTEGER NOT NULL REFERENCES coach(id) ON DELETE CASCADE,
    person INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    round TEXT NOT NULL,
    UNIQUE (org_id, coach, person, round)
);
