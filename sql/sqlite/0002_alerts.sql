-- 0002: acknowledged alerts, and indexes for the pitfall rules' queries.
-- An alert is identified by its rule and subject ("span-too-wide:person-12");
-- facts holds a digest of the facts it had when acknowledged, so that it
-- comes back when they change.

CREATE TABLE alert_ack (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    alert TEXT NOT NULL,
    facts TEXT NOT NULL,
    reason TEXT NOT NULL,
    acked_by TEXT,
    acked_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (org_id, alert)
);

CREATE INDEX action_item_open ON action_item(org_id, due_on) WHERE done_on IS NULL;
CREATE INDEX appraisal_recorded ON appraisal(org_id, recorded_on);
CREATE INDEX survey_answer_org ON survey_answer(org_id, answered_on);
CREATE INDEX presence_log_org ON presence_log(org_id, present_on);
CREATE INDEX team_activity_introduces ON team_activity(introduces);
-- Covering: the rules read a relationship's held sessions without the rows.
CREATE INDEX coaching_session_held ON coaching_session(assignment, status, at, minutes);
-- Whether a coach attended a team activity.
CREATE INDEX presence_log_activity ON presence_log(activity, coach);
