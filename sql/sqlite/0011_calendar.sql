-- 0011: calendar feeds. A person may subscribe their calendar (Outlook,
-- Google, Apple) to the sessions they are party to, at an address that
-- carries a secret: the secret is the credential, shown once when it is
-- made, and only its BLAKE2b digest is kept here, so a copy of the database
-- opens no feed. One feed per person; making a new one replaces the old
-- (the old address stops working), removing it stops the feed.

CREATE TABLE calendar_feed (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    person INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    UNIQUE (org_id, person)
);
