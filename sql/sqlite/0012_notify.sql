-- 0012: e-mail reminders (salescoach notify, docs/email.md).
--
-- notify_sent: every e-mail sent, one row per recipient, kind and what it
-- was about ('session-12-2026-12-01' for the reminder of session 12 on that
-- day, '2026-W49' for a weekly e-mail). The UNIQUE key makes sending
-- idempotent: a second run finds the row and sends nothing again. Each
-- e-mail carries its own unsubscribe link; only a BLAKE2b digest of the
-- link's secret is kept (token_hash), as for API tokens.
--
-- notify_pref: a person's choices about e-mail, one row once they made one:
-- the language of their e-mails (NULL: the organisation's locale) and, per
-- kind, whether they still get it (an unsubscribe link sets it to 0).

CREATE TABLE notify_sent (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('session', 'actions', 'alerts')),
    person INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    about TEXT NOT NULL,
    sent_on TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    UNIQUE (org_id, kind, person, about)
);
CREATE INDEX notify_sent_person ON notify_sent(person);

CREATE TABLE notify_pref (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    person INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    lang TEXT CHECK (lang IN ('nl', 'en')),
    session INTEGER NOT NULL DEFAULT 1,
    actions INTEGER NOT NULL DEFAULT 1,
    alerts INTEGER NOT NULL DEFAULT 1,
    UNIQUE (org_id, person)
);
