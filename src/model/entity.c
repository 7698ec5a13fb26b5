/*
 * entity.c - the definitions of every record kind (see entity.h).
 *
 * Column names avoid SQL keywords (starts_on, not start) so that every
 * store can use them unquoted.
 */
#include "model/entity.h"
#include "base/util.h"

#include <string.h>

#define REQ  FF_REQUIRED
#define PRIV FF_PRIVATE
#define LIST FF_LIST

static const char *const models[] = { "manager", "senior", "internal", "external", NULL };
static const char *const assignment_states[] = { "active", "paused", "ended", NULL };
static const char *const session_kinds[] = { "one_to_one",  "ride_along", "call_review",
	                                     "deal_review", "team",       NULL };
static const char *const session_states[] = { "planned", "held", "cancelled", "no_show", NULL };
static const char *const sale_stages[] = { "prospecting", "qualification", "proposal",
	                                   "negotiation", "closing",       "after_sales",
	                                   NULL };
static const char *const ride_roles[] = { "observer", "co_pilot", NULL };
static const char *const decisions[] = { "ready", "not_ready", NULL };
static const char *const presence_kinds[] = { "sales_floor", "team_meeting", "team_activity",
	                                      "customer_appointment", NULL };
static const char *const activity_kinds[] = { "team_meeting", "training", "event", "other", NULL };
static const char *const respondents[] = { "coachee", "management", NULL };
static const char *const apart[] = { "yes", "partly", "no", NULL };

#define TEXT(n, fl, len, h)                                                                        \
	{                                                                                          \
		n, FT_TEXT, fl, 0, len, NULL, 0, NULL, h                                           \
	}
#define INT(n, fl, lo, hi, d, h)                                                                   \
	{                                                                                          \
		n, FT_INT, fl, lo, hi, NULL, 0, d, h                                               \
	}
#define REAL(n, fl, lo, hi, d, h)                                                                  \
	{                                                                                          \
		n, FT_REAL, fl, lo, hi, NULL, 0, d, h                                              \
	}
#define BOOL(n, fl, d, h)                                                                          \
	{                                                                                          \
		n, FT_BOOL, fl, 0, 0, NULL, 0, d, h                                                \
	}
#define DATE(n, fl, d, h)                                                                          \
	{                                                                                          \
		n, FT_DATE, fl, 0, 0, NULL, 0, d, h                                                \
	}
#define MONTH(n, fl, h)                                                                            \
	{                                                                                          \
		n, FT_MONTH, fl, 0, 0, NULL, 0, NULL, h                                            \
	}
#define INSTANT(n, fl, h)                                                                          \
	{                                                                                          \
		n, FT_DATETIME, fl, 0, 0, NULL, 0, NULL, h                                         \
	}
#define EMAIL(n, fl, h)                                                                            \
	{                                                                                          \
		n, FT_EMAIL, fl, 0, 254, NULL, 0, NULL, h                                          \
	}
#define ENUM(n, fl, c, d, h)                                                                       \
	{                                                                                          \
		n, FT_ENUM, fl, 0, 0, c, 0, d, h                                                   \
	}
#define REF(n, fl, e, h)                                                                           \
	{                                                                                          \
		n, FT_REF, fl, 0, 0, NULL, e, NULL, h                                              \
	}
#define SKILLS(n, fl, h)                                                                           \
	{                                                                                          \
		n, FT_SKILLS, fl, 0, 1000, NULL, 0, NULL, h                                        \
	}
#define CODE(n, fl, h)                                                                             \
	{                                                                                          \
		n, FT_CODE, fl, 0, 40, NULL, 0, NULL, h                                            \
	}

static const struct field_def person_fields[] = {
	TEXT("name", REQ | LIST, 120, "full name"),
	EMAIL("email", REQ | LIST | FF_UNIQUE, "e-mail address, unique in the organisation"),
	TEXT("title", LIST, 120, "job title"),
	BOOL("active", LIST, "true", "still working here (true/false)"),
	REF("superior", LIST, E_PERSON, "id of the direct superior (reporting line)"),
	INT("years_experience", 0, 0, 60, "0", "years of sales experience"),
	TEXT("track_record", 0, 2000, "sales track record in a few sentences"),
};

static const struct field_def team_fields[] = {
	TEXT("name", REQ | LIST | FF_UNIQUE, 120, "team name, unique in the organisation"),
	REF("manager", LIST, E_PERSON, "id of the team's sales manager"),
	REF("parent", LIST, E_TEAM, "id of the team this team is part of"),
};

static const struct field_def programme_fields[] = {
	REF("team", REQ | LIST, E_TEAM, "id of the team the programme coaches"),
	ENUM("model", REQ | LIST, models, NULL, "coaching model"),
	DATE("starts_on", REQ | LIST, NULL, "first day of the programme"),
	DATE("ends_on", REQ | LIST, NULL, "last day of the programme"),
	REAL("target_hours", LIST, 0.5, 40, "3",
	     "target coaching hours per coachee per month (research: 3-5)"),
	TEXT("name", LIST, 120, "a name for the programme"),
};

static const struct field_def coach_fields[] = {
	REF("person", REQ | LIST | FF_UNIQUE | FF_FIXED, E_PERSON, "id of the person who coaches"),
	ENUM("kind", REQ | LIST, models, NULL, "kind of coach"),
	TEXT("company", LIST, 120, "company of an external coach"),
	INT("capacity", LIST, 1, 100, "8", "maximum number of active coachees"),
	REAL("hours_per_week", LIST, 0, 40, "2", "hours per week available for coaching"),
	TEXT("certification", 0, 200, "coaching certification held"),
	BOOL("active", LIST, "true", "currently coaching (true/false)"),
};

static const struct field_def training_fields[] = {
	REF("coach", REQ | LIST | FF_OWNER | FF_FIXED, E_COACH, "id of the coach profile"),
	TEXT("course", REQ | LIST, 200, "name of the coaching course"),
	TEXT("provider", LIST, 120, "who gave the course"),
	DATE("completed_on", LIST, NULL, "date the course was completed (empty: enrolled)"),
};

static const struct field_def assignment_fields[] = {
	REF("programme", REQ | LIST | FF_FIXED, E_PROGRAMME, "id of the programme"),
	REF("coach", REQ | LIST | FF_FIXED, E_COACH, "id of the coach profile"),
	REF("coachee", REQ | LIST | FF_FIXED, E_PERSON, "id of the person coached"),
	DATE("starts_on", REQ | LIST, NULL, "first day, inside the programme"),
	DATE("ends_on", LIST, NULL, "last day, inside the programme (empty: programme end)"),
	ENUM("status", LIST, assignment_states, "active", "state of the relationship"),
	TEXT("override_reason", 0, 1000,
	     "why it was recorded despite a pitfall refusal (set with --override)"),
};

static const struct field_def session_fields[] = {
	REF("assignment", REQ | LIST | FF_FIXED, E_ASSIGNMENT, "id of the coaching assignment"),
	ENUM("kind", REQ | LIST, session_kinds, NULL, "kind of session"),
	INSTANT("at", REQ | LIST, "planned time, YYYY-MM-DDTHH:MM in the organisation's zone"),
	INT("minutes", REQ | LIST, 1, 480, NULL, "duration in minutes"),
	ENUM("status", LIST, session_states, "planned", "state of the session"),
	TEXT("agenda", PRIV, 4000, "agenda (private to coach and coachee)"),
	TEXT("notes", PRIV, 20000, "session notes (private to coach and coachee)"),
	SKILLS("skills", LIST, "focus skills, comma-separated skill codes"),
	INT("feedback", 0, 1, 5, NULL,
	    "the coachee's feedback on the coaching, 1-5 (never a rating of the coachee)"),
	BOOL("intro", 0, "false", "an introductory session of a new coach"),
	TEXT("customer", 0, 200, "ride-along: customer reference"),
	ENUM("stage", 0, sale_stages, NULL, "ride-along: stage of the sale"),
	ENUM("role", 0, ride_roles, NULL, "ride-along: role agreed with the rep beforehand"),
	TEXT("follow_up", PRIV, 4000, "ride-along: agreed follow-up (private)"),
	TEXT("override_reason", 0, 1000,
	     "why it was recorded despite a pitfall refusal (set with --override)"),
};

static const struct field_def observation_fields[] = {
	REF("session", REQ | LIST | FF_OWNER | FF_FIXED, E_SESSION, "id of the ride-along session"),
	CODE("skill", REQ | LIST, "skill code observed"),
	TEXT("strengths", PRIV, 4000, "what went well (private)"),
	TEXT("improvement", PRIV, 4000, "the one improvement agreed (private)"),
};

static const struct field_def action_fields[] = {
	REF("assignment", REQ | LIST | FF_FIXED, E_ASSIGNMENT, "id of the coaching assignment"),
	REF("session", LIST, E_SESSION, "id of the session it came from"),
	REF("owner", REQ | LIST, E_PERSON, "id of the person who will do it: coach or coachee"),
	TEXT("text", REQ | PRIV, 2000, "what is to be done (private)"),
	DATE("due_on", REQ | LIST, NULL, "due date"),
	DATE("done_on", LIST, NULL, "date it was done"),
};

static const struct field_def skill_fields[] = {
	CODE("code", REQ | LIST | FF_UNIQUE | FF_FIXED, "short code, e.g. handling_objections"),
	TEXT("name", REQ | LIST, 120, "name shown to users"),
	TEXT("description", 0, 1000, "what the skill covers"),
};

static const struct field_def plan_fields[] = {
	REF("assignment", REQ | LIST | FF_UNIQUE | FF_FIXED, E_ASSIGNMENT,
	    "id of the coaching assignment (one plan each)"),
	TEXT("goals", PRIV, 4000, "coaching goals (private)"),
	SKILLS("skills", PRIV, "focus skills, comma-separated skill codes (private)"),
	DATE("review_on", LIST, NULL, "next review of the plan"),
};

static const struct field_def self_assessment_fields[] = {
	REF("plan", REQ | LIST | FF_OWNER | FF_FIXED, E_PLAN, "id of the coaching plan"),
	CODE("skill", REQ | LIST | PRIV, "skill code"),
	DATE("assessed_on", REQ | LIST, "@today", "date of the self-assessment"),
	INT("score", REQ | LIST | PRIV, 1, 5, NULL, "the coachee's own score, 1-5 (private)"),
};

static const struct field_def appraisal_fields[] = {
	REF("rep", REQ | LIST | FF_FIXED, E_PERSON, "id of the rep appraised"),
	REF("manager", REQ | LIST, E_PERSON, "id of the manager who appraises"),
	DATE("period_from", REQ | LIST, NULL, "first day of the period appraised"),
	DATE("period_to", REQ | LIST, NULL, "last day of the period appraised"),
	DATE("recorded_on", REQ | LIST, "@today", "date of the appraisal conversation"),
	INT("rating", REQ | LIST, 1, 5, NULL, "performance rating, 1-5"),
	TEXT("text", 0, 4000, "the appraisal text"),
	TEXT("override_reason", 0, 1000,
	     "why it was recorded despite a pitfall refusal (set with --override)"),
};

static const struct field_def assessment_fields[] = {
	REF("candidate", REQ | LIST | FF_FIXED, E_PERSON, "id of the candidate coach"),
	REF("assessor", REQ | LIST, E_PERSON, "id of the person who assesses"),
	DATE("assessed_on", REQ | LIST, "@today", "date of the assessment"),
	INT("motivation", REQ | LIST, 1, 5, NULL, "motivated to coach, 1-5"),
	INT("traits", REQ | LIST, 1, 5, NULL, "listening, empathy, patience, credibility, 1-5"),
	INT("ability", REQ | LIST, 1, 5, NULL, "ability or potential to coach, 1-5"),
	INT("track_record", REQ | LIST, 1, 5, NULL, "sales track record, 1-5"),
	ENUM("decision", REQ | LIST, decisions, NULL, "the assessor's decision"),
	TEXT("notes", 0, 4000, "the assessor's notes"),
};

static const struct field_def supervision_fields[] = {
	REF("manager", REQ | LIST, E_PERSON, "id of the manager-coach reviewed"),
	REF("reviewer", REQ | LIST, E_PERSON,
	    "id of the reviewer: the manager's superior, or the reviewer the organisation names "
	    "(setting supervision_reviewer)"),
	DATE("reviewed_on", REQ | LIST, "@today", "date of the review"),
	TEXT("notes", 0, 4000, "notes about the coaching practice (never session content)"),
	DATE("next_review_on", LIST, NULL, "date of the next review"),
	ENUM("keeps_appraisal_apart", LIST, apart, NULL,
	     "asked in every review: does the manager keep appraisal out of the coaching "
	     "conversations (yes, partly, no)? The coachees' pulse 'my sessions feel like an "
	     "assessment' is the evidence to discuss"),
	TEXT("override_reason", 0, 1000,
	     "why another reviewer did it despite the refusal (set with --override)"),
};

static const struct field_def task_fields[] = {
	REF("manager", REQ | LIST, E_PERSON, "id of the manager"),
	TEXT("name", REQ | LIST, 200, "the recurring task"),
	REAL("hours_per_week", REQ | LIST, 0.25, 80, NULL, "hours per week it takes"),
	BOOL("delegable", LIST, "false", "can be delegated to support staff (true/false)"),
	REF("delegated_to", LIST, E_PERSON, "id of the person it was delegated to"),
};

static const struct field_def incentive_fields[] = {
	REF("coach", REQ | LIST, E_COACH, "id of the senior coach profile"),
	DATE("starts_on", REQ | LIST, NULL, "first day the plan applies"),
	DATE("ends_on", LIST, NULL, "last day the plan applies (empty: open-ended)"),
	REAL("target_reduction_pct", LIST, 0, 100, NULL,
	     "fixed quota reduction in percent (empty: computed from coaching hours)"),
	REAL("bonus_share_pct", LIST, 0, 100, "0",
	     "percent of the bonus that depends on the coachees' results"),
	INT("base_bonus", LIST, 0, 10000000, "0", "the senior's base bonus in euros per year"),
	INT("selling_hours", LIST, 1, 300, "140", "selling hours in a month"),
};

static const struct field_def presence_fields[] = {
	REF("coach", REQ | LIST, E_COACH, "id of the internal or external coach profile"),
	DATE("present_on", REQ | LIST, "@today", "date"),
	ENUM("kind", REQ | LIST, presence_kinds, NULL, "where the coach was"),
	REF("activity", LIST, E_ACTIVITY, "id of the team activity attended"),
	TEXT("note", 0, 500, "short note"),
};

static const struct field_def activity_fields[] = {
	REF("team", REQ | LIST, E_TEAM, "id of the team"),
	INSTANT("at", REQ | LIST, "time, YYYY-MM-DDTHH:MM in the organisation's zone"),
	ENUM("kind", LIST, activity_kinds, "team_meeting", "kind of activity"),
	TEXT("title", REQ | LIST, 200, "what it is"),
	INT("minutes", LIST, 1, 1440, "60", "duration in minutes"),
	REF("introduces", LIST, E_COACH, "id of a coach introduced to the team at it"),
};

static const struct field_def survey_fields[] = {
	REF("coach", REQ | LIST, E_COACH, "id of the coach the survey is about"),
	ENUM("respondent", REQ | LIST, respondents, NULL, "who answered: coachee or management"),
	DATE("answered_on", REQ | LIST, "@today", "date of the answer"),
	INT("respect", REQ | LIST, 1, 5, NULL, "I respect this coach, 1-5"),
	INT("trust", REQ | LIST, 1, 5, NULL, "I trust this coach, 1-5"),
	INT("helps", REQ | LIST, 1, 5, NULL, "this coach helps me improve, 1-5"),
	INT("part_of_team", REQ | LIST, 1, 5, NULL, "this coach is part of our team, 1-5"),
	INT("not_reporting", LIST, 1, 5, NULL,
	    "this coach does not report on me to management, 1-5 (internal, external)"),
	INT("feels_like_assessment", LIST, 1, 5, NULL,
	    "my coaching sessions feel like an assessment, 1-5 (coachees only, every model)"),
};

static const struct field_def result_fields[] = {
	REF("rep", REQ | LIST | FF_FIXED, E_PERSON, "id of the rep"),
	MONTH("month", REQ | LIST | FF_FIXED, "month, YYYY-MM"),
	INT("quota", REQ | LIST, 0, 1e9, NULL, "quota in euros"),
	INT("revenue", REQ | LIST, 0, 1e9, NULL, "revenue in euros"),
	INT("deals_won", LIST, 0, 1e6, "0", "deals won"),
	INT("deals_lost", LIST, 0, 1e6, "0", "deals lost"),
	INT("activities", LIST, 0, 1e6, "0", "sales activities (calls, visits, ...)"),
};

/*
 * A coachee shares one session's summary (its agenda, notes and follow-up)
 * with a named person: explicit consent, revoked by removing the share.
 * Only the coachee of the session's relationship adds one; every read by
 * the person goes to the access log like any other.
 */
static const struct field_def share_fields[] = {
	REF("session", REQ | LIST | FF_FIXED | FF_OWNER, E_SESSION, "id of the session shared"),
	REF("person", REQ | LIST | FF_FIXED, E_PERSON, "id of the person it is shared with"),
	DATE("shared_on", REQ | LIST, "@today", "when the coachee shared it"),
};

static const struct field_def audit_fields[] = {
	INSTANT("at", LIST, "when the change was made (UTC)"),
	TEXT("actor", LIST, 300, "who made it"),
	TEXT("entity", LIST, 40, "kind of record changed"),
	INT("record_id", LIST, 0, 9.0e18, NULL, "id of the record changed"),
	TEXT("action", LIST, 20, "add, update or remove"),
	TEXT("before", 0, 1000000, "the record before, JSON (private content redacted)"),
	TEXT("after", 0, 1000000, "the record after, JSON (private content redacted)"),
};

static const struct field_def ack_fields[] = {
	TEXT("alert", REQ | LIST | FF_UNIQUE, 200, "the alert's id: rule and subject"),
	TEXT("facts", REQ, 64, "digest of the alert's facts when it was acknowledged"),
	TEXT("reason", REQ | LIST, 1000, "why the alert may stay quiet"),
	TEXT("acked_by", LIST, 300, "who acknowledged it"),
	INSTANT("acked_at", REQ | LIST, "when it was acknowledged (UTC)"),
};

static const struct field_def access_fields[] = {
	INSTANT("at", LIST, "when the private content was first read (UTC)"),
	INSTANT("last_at", LIST, "when it was last read (UTC): within an hour of at"),
	INT("reads", LIST, 1, 9.0e18, "1", "how often it was read from at to last_at"),
	INT("reader", LIST, 0, 9.0e18, NULL, "id of the person who read it"),
	TEXT("reader_name", LIST, 300, "who read it"),
	INT("subject", LIST, 0, 9.0e18, NULL, "id of the coachee whose content was read"),
	TEXT("entity", LIST, 40, "kind of record read"),
	INT("record_id", LIST, 0, 9.0e18, NULL, "id of the record read"),
	TEXT("fields", LIST, 1000, "the private fields read"),
};

static const char *const account_roles[] = { "admin", "executive", "member", NULL };

/*
 * Accounts, login sessions and API tokens: written only by the account
 * module (EF_INTERNAL), never listed as they are. Secrets are stored as
 * hashes: an Argon2id string for passwords, BLAKE2b for random tokens.
 */
static const struct field_def account_fields[] = {
	REF("person", REQ | LIST | FF_UNIQUE | FF_FIXED | FF_OWNER, E_PERSON,
	    "id of the person the account belongs to"),
	ENUM("role", REQ | LIST, account_roles, "member",
	     "admin, executive, or member (manager, coach and rep follow from the data)"),
	TEXT("password_hash", REQ | FF_SECRET, 256, "Argon2id hash of the password"),
	INSTANT("password_changed_at", LIST, "when the password was last set (UTC)"),
};

static const struct field_def login_fields[] = {
	REF("account", REQ | LIST | FF_FIXED | FF_OWNER, E_ACCOUNT, "id of the account"),
	TEXT("token_hash", REQ | FF_UNIQUE | FF_SECRET, 64, "BLAKE2b hash of the session cookie"),
	TEXT("csrf", REQ | FF_SECRET, 64, "the CSRF token of the session"),
	INSTANT("expires_at", REQ | LIST, "when the session ends (UTC)"),
	TEXT("remote", LIST, 64, "the address the login came from"),
};

static const struct field_def token_fields[] = {
	REF("account", REQ | LIST | FF_FIXED | FF_OWNER, E_ACCOUNT, "id of the account"),
	TEXT("name", REQ | LIST, 100, "what the token is for"),
	TEXT("token_hash", REQ | FF_UNIQUE | FF_SECRET, 64, "BLAKE2b hash of the token"),
	INSTANT("last_used_at", LIST, "when the token was last used (UTC)"),
};

static const struct field_def setup_fields[] = {
	REF("account", REQ | LIST | FF_FIXED | FF_OWNER, E_ACCOUNT, "id of the account"),
	TEXT("token_hash", REQ | FF_UNIQUE | FF_SECRET, 64, "BLAKE2b hash of the setup secret"),
	INSTANT("expires_at", REQ | LIST, "when the link stops working (UTC)"),
	INSTANT("used_at", LIST, "when the person chose their password with it (UTC)"),
	TEXT("issued_by", REQ | LIST, 300, "the administrator who issued it"),
};

static const struct field_def security_fields[] = {
	REF("person", REQ | LIST | FF_FIXED, E_PERSON, "whose account"),
	INSTANT("at", REQ | LIST, "when (UTC)"),
	TEXT("kind", REQ | LIST, 40, "what was done: setup_issued, password_reset, ..."),
	TEXT("actor", REQ | LIST, 300, "who did it"),
	TEXT("detail", LIST, 300, "more about it, e.g. the new role"),
};

static const struct field_def ballot_fields[] = {
	REF("coach", REQ | LIST | FF_FIXED, E_COACH, "the coach the survey was about"),
	REF("person", REQ | LIST | FF_FIXED, E_PERSON, "who answered"),
	MONTH("round", REQ | LIST, "the survey round (month)"),
};

static const struct field_def calendar_fields[] = {
	REF("person", REQ | LIST | FF_UNIQUE | FF_FIXED | FF_OWNER, E_PERSON,
	    "whose sessions the feed shows"),
	TEXT("token_hash", REQ | FF_UNIQUE | FF_SECRET, 64, "BLAKE2b hash of the feed's secret"),
};

static const char *const notice_kinds[] = { "session", "actions", "alerts", NULL };
static const char *const notice_langs[] = { "nl", "en", NULL };

/* E-mails (exchange/notify.c): what was sent, and each person's choices. */
static const struct field_def notice_fields[] = {
	ENUM("kind", REQ | LIST | FF_FIXED, notice_kinds, NULL, "session, actions or alerts"),
	REF("person", REQ | LIST | FF_FIXED | FF_OWNER, E_PERSON, "the recipient"),
	TEXT("about", REQ | LIST | FF_FIXED, 80, "what it was about: a session and day, or a week"),
	DATE("sent_on", REQ | LIST, NULL, "the day it was sent"),
	TEXT("token_hash", REQ | FF_UNIQUE | FF_SECRET, 64, "BLAKE2b hash of its unsubscribe link"),
};

static const struct field_def notify_pref_fields[] = {
	REF("person", REQ | LIST | FF_UNIQUE | FF_FIXED | FF_OWNER, E_PERSON, "whose choices"),
	ENUM("lang", LIST, notice_langs, NULL,
	     "language of the e-mails (empty: the organisation's)"),
	BOOL("session", LIST, "true", "gets the reminder the day before a session"),
	BOOL("actions", LIST, "true", "gets the weekly overdue action items"),
	BOOL("alerts", LIST, "true", "gets the weekly digest of open alerts"),
};

#define DEF(k, n, p, t, h, f, l) [k] = { k, n, p, t, h, f, ARRAY_SIZE(f), l, 0 }
#define LOG(k, n, p, t, h, f)    [k] = { k, n, p, t, h, f, ARRAY_SIZE(f), -1, EF_READONLY }

static const struct entity_def defs[E_COUNT] = {
	DEF(E_PERSON, "person", "people", "person", "people of the organisation", person_fields, 0),
	DEF(E_TEAM, "team", "teams", "team", "sales teams", team_fields, 0),
	DEF(E_PROGRAMME, "programme", "programmes", "programme",
	    "a team's coaching programme and its model", programme_fields, 5),
	DEF(E_COACH, "coach", "coaches", "coach", "coach profiles", coach_fields, -1),
	DEF(E_TRAINING, "training", "trainings", "training", "coaching training records of a coach",
	    training_fields, 1),
	DEF(E_ASSIGNMENT, "assignment", "assignments", "assignment",
	    "coach and coachee within a programme", assignment_fields, -1),
	DEF(E_SESSION, "session", "sessions", "coaching_session",
	    "coaching sessions, ride-alongs included", session_fields, -1),
	DEF(E_OBSERVATION, "observation", "observations", "observation",
	    "a ride-along's observation of one skill", observation_fields, -1),
	DEF(E_ACTION, "action", "actions", "action_item", "action items of a coaching relationship",
	    action_fields, -1),
	DEF(E_SKILL, "skill", "skills", "skill", "the competency framework", skill_fields, 1),
	DEF(E_PLAN, "plan", "plans", "coaching_plan", "coaching plans", plan_fields, -1),
	DEF(E_SELF_ASSESSMENT, "self-assessment", "self-assessments", "self_assessment",
	    "the coachee's self-assessment of a skill", self_assessment_fields, -1),
	DEF(E_APPRAISAL, "appraisal", "appraisals", "appraisal",
	    "performance appraisals (separate from coaching)", appraisal_fields, -1),
	DEF(E_ASSESSMENT, "assessment", "assessments", "readiness_assessment",
	    "readiness assessments of candidate coaches", assessment_fields, -1),
	DEF(E_SUPERVISION, "supervision", "supervisions", "supervision_review",
	    "coach-the-coach reviews of manager-coaches", supervision_fields, -1),
	DEF(E_TASK, "task", "tasks", "manager_task", "a manager's recurring tasks", task_fields, 1),
	DEF(E_INCENTIVE, "incentive", "incentives", "incentive_plan",
	    "incentive plans of senior coaches", incentive_fields, -1),
	DEF(E_PRESENCE, "presence", "presences", "presence_log",
	    "presence of internal and external coaches", presence_fields, -1),
	DEF(E_ACTIVITY, "activity", "activities", "team_activity", "team meetings and events",
	    activity_fields, 3),
	/* Undated: the moment an answer was stored would tie it to its respondent's login. */
	[E_SURVEY] = { E_SURVEY, "survey", "surveys", "survey_answer",
	               "anonymous pulse survey answers", survey_fields, ARRAY_SIZE(survey_fields),
	               -1, EF_UNDATED },
	DEF(E_RESULT, "result", "results", "sales_result", "monthly sales results per rep",
	    result_fields, -1),
	DEF(E_SHARE, "share", "shares", "session_share",
	    "a coachee's consent to show one session's summary to a named person", share_fields,
	    -1),
	[E_ACK] = { E_ACK, "ack", "acks", "alert_ack", "acknowledged alerts", ack_fields,
	            ARRAY_SIZE(ack_fields), 0, EF_INTERNAL },
	LOG(E_AUDIT, "audit", "audits", "audit_log", "the audit log: every change", audit_fields),
	LOG(E_ACCESS, "access", "accesses", "access_log",
	    "who read private coaching content, and when", access_fields),
	[E_ACCOUNT] = { E_ACCOUNT, "account", "accounts", "account", "login accounts",
	                account_fields, ARRAY_SIZE(account_fields), -1, EF_INTERNAL },
	[E_LOGIN] = { E_LOGIN, "login", "logins", "login_session", "login sessions of the API",
	              login_fields, ARRAY_SIZE(login_fields), -1, EF_INTERNAL },
	[E_TOKEN] = { E_TOKEN, "token", "tokens", "api_token", "API tokens", token_fields,
	              ARRAY_SIZE(token_fields), 1, EF_INTERNAL },
	[E_SETUP] = { E_SETUP, "setup", "setups", "account_setup", "one-time password setup links",
	              setup_fields, ARRAY_SIZE(setup_fields), -1, EF_INTERNAL },
	[E_SECURITY] = { E_SECURITY, "security-event", "security-events", "security_event",
	                 "what was done to a person's account", security_fields,
	                 ARRAY_SIZE(security_fields), -1, EF_INTERNAL },
	[E_BALLOT] = { E_BALLOT, "ballot", "ballots", "survey_ballot",
	               "who answered a coach's survey in a round", ballot_fields,
	               ARRAY_SIZE(ballot_fields), -1, EF_INTERNAL | EF_UNDATED },
	[E_CALENDAR] = { E_CALENDAR, "calendar-feed", "calendar-feeds", "calendar_feed",
	                 "a person's calendar feed (only the digest of its secret)",
	                 calendar_fields, ARRAY_SIZE(calendar_fields), -1, EF_INTERNAL },
	[E_NOTICE] = { E_NOTICE, "notice", "notices", "notify_sent", "e-mails sent", notice_fields,
	               ARRAY_SIZE(notice_fields), -1, EF_INTERNAL },
	[E_NOTIFY_PREF] = { E_NOTIFY_PREF, "notify-pref", "notify-prefs", "notify_pref",
	                    "a person's e-mail choices", notify_pref_fields,
	                    ARRAY_SIZE(notify_pref_fields), -1, EF_INTERNAL },
};

const struct entity_def *entity_get(enum entity_kind kind)
{
	return kind < E_COUNT ? &defs[kind] : NULL;
}

const struct entity_def *entity_find(const char *name)
{
	for (size_t i = 0; i < E_COUNT; i++) {
		if (defs[i].eflags & EF_INTERNAL)
			continue;
		if (strcmp(defs[i].name, name) == 0 || strcmp(defs[i].plural, name) == 0)
			return &defs[i];
	}
	return NULL;
}

int entity_field(const struct entity_def *def, const char *name)
{
	for (size_t i = 0; i < def->nfields; i++)
		if (strcmp(def->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

int entity_when(const struct entity_def *def)
{
	for (size_t i = 0; i < def->nfields; i++) {
		const struct field_def *f = &def->fields[i];
		if ((f->flags & FF_LIST) && !(f->flags & (FF_PRIVATE | FF_SECRET)) &&
		    (f->type == FT_DATE || f->type == FT_DATETIME || f->type == FT_MONTH))
			return (int)i;
	}
	return -1;
}

bool entity_has_private(const struct entity_def *def)
{
	for (size_t i = 0; i < def->nfields; i++)
		if (def->fields[i].flags & FF_PRIVATE)
			return true;
	return false;
}

const char *entity_type_hint(const struct field_def *f)
{
	return entity_type_hint_in(f, MSG_EN);
}

/* The catalogue id of the hint of a field of type t (msg/LANG/errors.json). */
static const char *type_hint_id(enum field_type t)
{
	switch (t) {
	case FT_TEXT:
		return "err.type.text";
	case FT_INT:
		return "err.type.int";
	case FT_REAL:
		return "err.type.real";
	case FT_BOOL:
		return "err.type.bool";
	case FT_DATE:
		return "err.type.date";
	case FT_DATETIME:
		return "err.type.datetime";
	case FT_MONTH:
		return "err.type.month";
	case FT_EMAIL:
		return "err.type.email";
	case FT_ENUM:
		return "err.type.enum";
	case FT_REF:
		return "err.type.ref";
	case FT_SKILLS:
		return "err.type.skills";
	case FT_CODE:
		return "err.type.code";
	}
	return "err.type.value";
}

const char *entity_type_hint_in(const struct field_def *f, enum msg_lang lang)
{
	/* A person, or a coach by their person, is also named by e-mail address. */
	if (entity_ref_by_email(f))
		return msg_text(lang, "err.type.ref_email");
	return msg_text(lang, type_hint_id(f->type));
}

bool entity_ref_by_email(const struct field_def *f)
{
	return f->type == FT_REF && (f->ref == E_PERSON || f->ref == E_COACH);
}

bool entity_text_multiline(const struct field_def *f)
{
	return f->type == FT_TEXT && f->max >= 500;
}
