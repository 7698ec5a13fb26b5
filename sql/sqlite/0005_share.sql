-- 0005: a coachee's consent to show one session's summary (agenda, notes,
-- follow-up) to a named person. Removing the row revokes it; it goes with
-- its session.

CREATE TABLE session_share (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    session INTEGER NOT NULL REFERENCES coaching_session(id) ON DELETE CASCADE,
    person INTEGER NOT NULL REFERENCES person(id),
    shared_on TEXT NOT NULL,
    UNIQUE (session, person)
);
CREATE INDEX session_share_person ON session_share(person);
