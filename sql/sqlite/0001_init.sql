-- 0001: the whole domain of PRODUCT.md.
-- Every row belongs to one organisation (org_id). Dates are 'YYYY-MM-DD',
-- months 'YYYY-MM', instants UTC 'YYYY-MM-DDTHH:MM:SSZ': text that sorts.
-- References default to ON DELETE RESTRICT: the domain says what blocks a
-- removal; parts of a record (observations, self-assessments, trainings)
-- go with it.

CREATE TABLE organisation (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE org_setting (
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (org_id, key)
);

CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    title TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    superior INTEGER REFERENCES person(id),
    years_experience INTEGER NOT NULL DEFAULT 0,
    track_record TEXT,
    UNIQUE (org_id, email)
);
CREATE INDEX person_superior ON person(superior);

CREATE TABLE team (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    name TEXT NOT NULL,
    manager INTEGER REFERENCES person(id),
    parent INTEGER REFERENCES team(id),
    UNIQUE (org_id, name)
);
CREATE INDEX team_manager ON team(manager);

CREATE TABLE programme (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    team INTEGER NOT NULL REFERENCES team(id),
    model TEXT NOT NULL CHECK (model IN ('manager', 'senior', 'internal', 'external')),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    target_hours REAL NOT NULL DEFAULT 3,
    name TEXT
);
CREATE INDEX programme_team ON programme(team);

CREATE TABLE coach (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    person INTEGER NOT NULL REFERENCES person(id),
    kind TEXT NOT NULL CHECK (kind IN ('manager', 'senior', 'internal', 'external')),
    company TEXT,
    capacity INTEGER NOT NULL DEFAULT 8,
    hours_per_week REAL NOT NULL DEFAULT 2,
    certification TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    UNIQUE (org_id, person)
);

CREATE TABLE training (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    coach INTEGER NOT NULL REFERENCES coach(id) ON DELETE CASCADE,
    course TEXT NOT NULL,
    provider TEXT,
    completed_on TEXT
);
CREATE INDEX training_coach ON training(coach);

CREATE TABLE assignment (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    programme INTEGER NOT NULL REFERENCES programme(id),
    coach INTEGER NOT NULL REFERENCES coach(id),
    coachee INTEGER NOT NULL REFERENCES person(id),
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'ended'))
);
CREATE INDEX assignment_programme ON assignment(programme);
CREATE INDEX assignment_coach ON assignment(coach);
CREATE INDEX assignment_coachee ON assignment(coachee);

CREATE TABLE coaching_session (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    assignment INTEGER NOT NULL REFERENCES assignment(id),
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 480),
    status TEXT NOT NULL DEFAULT 'planned',
    agenda TEXT,
    notes TEXT,
    skills TEXT,
    feedback INTEGER CHECK (feedback BETWEEN 1 AND 5),
    intro INTEGER NOT NULL DEFAULT 0,
    customer TEXT,
    stage TEXT,
    role TEXT,
    follow_up TEXT
);
CREATE INDEX coaching_session_assignment ON coaching_session(assignment, at);
CREATE INDEX coaching_session_at ON coaching_session(org_id, at);

CREATE TABLE observation (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    session INTEGER NOT NULL REFERENCES coaching_session(id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    strengths TEXT,
    improvement TEXT
);
CREATE INDEX observation_session ON observation(session);

CREATE TABLE action_item (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    assignment INTEGER NOT NULL REFERENCES assignment(id),
    session INTEGER REFERENCES coaching_session(id),
    owner INTEGER NOT NULL REFERENCES person(id),
    text TEXT NOT NULL,
    due_on TEXT NOT NULL,
    done_on TEXT
);
CREATE INDEX action_item_assignment ON action_item(assignment);
CREATE INDEX action_item_session ON action_item(session);

CREATE TABLE skill (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    UNIQUE (org_id, code)
);

CREATE TABLE coaching_plan (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    assignment INTEGER NOT NULL REFERENCES assignment(id),
    goals TEXT,
    skills TEXT,
    review_on TEXT,
    UNIQUE (org_id, assignment)
);

CREATE TABLE self_assessment (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    plan INTEGER NOT NULL REFERENCES coaching_plan(id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    assessed_on TEXT NOT NULL,
    score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5)
);
CREATE INDEX self_assessment_plan ON self_assessment(plan);

-- Appraisal is its own module: no column refers to coaching content.
CREATE TABLE appraisal (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    rep INTEGER NOT NULL REFERENCES person(id),
    manager INTEGER NOT NULL REFERENCES person(id),
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    recorded_on TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    text TEXT,
    override_reason TEXT
);
CREATE INDEX appraisal_rep ON appraisal(rep, recorded_on);
CREATE INDEX appraisal_manager ON appraisal(manager);

CREATE TABLE readiness_assessment (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    candidate INTEGER NOT NULL REFERENCES person(id),
    assessor INTEGER NOT NULL REFERENCES person(id),
    assessed_on TEXT NOT NULL,
    motivation INTEGER NOT NULL,
    traits INTEGER NOT NULL,
    ability INTEGER NOT NULL,
    track_record INTEGER NOT NULL,
    decision TEXT NOT NULL,
    notes TEXT
);
CREATE INDEX readiness_assessment_candidate ON readiness_assessment(candidate);

CREATE TABLE supervision_review (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    manager INTEGER NOT NULL REFERENCES person(id),
    reviewer INTEGER NOT NULL REFERENCES person(id),
    reviewed_on TEXT NOT NULL,
    notes TEXT,
    next_review_on TEXT
);
CREATE INDEX supervision_review_manager ON supervision_review(manager);

CREATE TABLE manager_task (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    manager INTEGER NOT NULL REFERENCES person(id),
    name TEXT NOT NULL,
    hours_per_week REAL NOT NULL,
    delegable INTEGER NOT NULL DEFAULT 0,
    delegated_to INTEGER REFERENCES person(id)
);
CREATE INDEX manager_task_manager ON manager_task(manager);

CREATE TABLE incentive_plan (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    coach INTEGER NOT NULL REFERENCES coach(id),
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    target_reduction_pct REAL,
    bonus_share_pct REAL NOT NULL DEFAULT 0,
    base_bonus INTEGER NOT NULL DEFAULT 0,
    selling_hours INTEGER NOT NULL DEFAULT 140
);
CREATE INDEX incentive_plan_coach ON incentive_plan(coach);

CREATE TABLE team_activity (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    team INTEGER NOT NULL REFERENCES team(id),
    at TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'team_meeting',
    title TEXT NOT NULL,
    minutes INTEGER NOT NULL DEFAULT 60,
    introduces INTEGER REFERENCES coach(id)
);
CREATE INDEX team_activity_team ON team_activity(team, at);

CREATE TABLE presence_log (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    coach INTEGER NOT NULL REFERENCES coach(id),
    present_on TEXT NOT NULL,
    kind TEXT NOT NULL,
    activity INTEGER REFERENCES team_activity(id),
    note TEXT
);
CREATE INDEX presence_log_coach ON presence_log(coach, present_on);

-- Anonymous: no column names the respondent.
CREATE TABLE survey_answer (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    coach INTEGER NOT NULL REFERENCES coach(id),
    respondent TEXT NOT NULL CHECK (respondent IN ('coachee', 'management')),
    answered_on TEXT NOT NULL,
    respect INTEGER NOT NULL,
    trust INTEGER NOT NULL,
    helps INTEGER NOT NULL,
    part_of_team INTEGER NOT NULL,
    not_reporting INTEGER
);
CREATE INDEX survey_answer_coach ON survey_answer(coach, answered_on);

CREATE TABLE sales_result (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    rep INTEGER NOT NULL REFERENCES person(id),
    month TEXT NOT NULL,
    quota INTEGER NOT NULL,
    revenue INTEGER NOT NULL,
    deals_won INTEGER NOT NULL DEFAULT 0,
    deals_lost INTEGER NOT NULL DEFAULT 0,
    activities INTEGER NOT NULL DEFAULT 0,
    UNIQUE (org_id, rep, month)
);

-- Logs keep plain ids, not references: a person's removal or
-- anonymisation must not be blocked by the history of who did what.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    entity TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    before TEXT,
    after TEXT
);
CREATE INDEX audit_log_record ON audit_log(org_id, entity, record_id);

CREATE TABLE access_log (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisation(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    at TEXT NOT NULL,
    reader INTEGER,
    reader_name TEXT NOT NULL,
    subject INTEGER NOT NULL,
    entity TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    fields TEXT NOT NULL
);
CREATE INDEX access_log_subject ON access_log(org_id, subject, at);
