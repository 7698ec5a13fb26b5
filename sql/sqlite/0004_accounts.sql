-- 0004: accounts of the HTTP API. An account belongs to a person; its role is
-- admin, executive or member (manager, coach and rep follow from the data).
-- Secrets are stored only as hashes: passwords as Argon2id strings, session
-- cookies and API tokens as BLAKE2b hex digests, so a copy of the database
-- lets nobody log in.

CREATE TABLE account (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    person INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'executive', 'member')),
    password_hash TEXT NOT NULL,
    password_changed_at TEXT,
    UNIQUE (org_id, person)
);

CREATE TABLE login_session (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    account INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    csrf TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    remote TEXT
);
CREATE INDEX login_session_account ON login_session(account);

CREATE TABLE api_token (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    account INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    last_used_at TEXT
);
CREATE INDEX api_token_account ON api_token(account);
