/*
 * test_rules_every_model.c - the pitfall monitor: the rules of every model: no-recent-session,
 * below-cadence, coach-untrained, coach-overloaded, overdue-actions,
 * coaching-mixed-with-appraisal and session-not-recorded.
 * For each, a case where it fires, one where it does not and one at its
 * threshold, with the mitigation figures against hand-computed values.
 * The fixture is tests/support/rules_fixture.h.
 */
#include "rules_fixture.h"

/* ---- no-recent-session -------------------------------------------------------------------- */

static void test_no_recent_session_fires(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "manager", "3", -200, &w);
	held(fx, w.asg, at(-45, "10:00"), 60);
	session(fx, w.asg, "one_to_one", at(-20, "10:00"), 60, "cancelled");
	session(fx, w.asg, "one_to_one", at(-10, "10:00"), 60, "no_show");
	session(fx, w.asg, "one_to_one", at(3, "10:00"), 60, "planned");
	const struct alert *a = fired(eval(fx, NULL), "no-recent-session", w.rep);
	assert_int_equal(a->severity, SEV_WARNING);
	assert_string_equal(a->model, "manager");
	assert_int_equal(a->team, w.team);
	assert_int_equal(a->programme, w.prog);
	assert_true(names(a, w.manager));
	fact_is_text(a, "last_held_on", day(-45));
	fact_is_int(a, "days_without_session", 45);
	fact_is_int(a, "threshold_days", 30);
	fact_is_text(a, "next_planned_on", day(3));
	fact_is_int(a, "coach_active_coachees", 1);
	fact_is_int(a, "coach_capacity", 10);
	/* The mitigation names the planned session and the coach's load. */
	contains(a->mitigation, "Manager A");
	contains(a->mitigation, day(3));
	contains(a->mitigation, "1 active coachee for a capacity of 10");
}

static void test_no_recent_session_quiet(void **state)
{
	struct fixture *fx = *state;
	struct world w;
	int64_t old;

	world(fx, "A", "senior", "3", -200, &w);
	held(fx, w.asg, at(-3, "10:00"), 60);
	session(fx, w.asg, "one_to_one", at(-1, "10:00"), 60, "cancelled");
	int64_t a2 = coachee(fx, &w, 2, -200, &old);
	fired(eval(fx, NULL), "no-recent-session", old);
	quiet(&fx->list, "no-recent-session", w.rep);
	/* An ended relationship is no longer watched. */
	update(fx, E_ASSIGNMENT, a2, "status", "ended", "ends_on", day(-1), NULL);
	quiet(eval(fx, NULL), "no-recent-session", old);
}

/* 30 days fires, 29 does not; days are counted between local dates. */
static void test_no_recent_session_boundary(void **state)
{
	struct fixture *fx = *state;
	struct world w;
	int64_t p29, p30, p_local, p_never30, p_never29;

	world(fx, "A", "manager", "3", -200, &w);
	int64_t a30 = w.asg;
	p30 = w.rep;
	int64_t a29 = coachee(fx, &w, 2, -200, &p29);
	/* 00:30 local on day -29 is 23:30 UTC on day -30: still 29 local days. */
	int64_t al = coachee(fx, &w, 3, -200, &p_local);
	coachee(fx, &w, 4, -30, &p_never30);
	coachee(fx, &w, 5, -29, &p_never29);
	held(fx, a30, at(-30, "16:00"), 60);
	held(fx, a29, at(-29, "09:00"), 60);
	held(fx, al, at(-29, "00:30"), 60);

	const struct alert_list *l = eval(fx, NULL);
	const struct alert *a = fired(l, "no-recent-session", p30);
	fact_is_int(a, "days_without_session", 30);
	fact_is_text(a, "last_held_on", day(-30));
	quiet(l, "no-recent-session", p29);
	quiet(l, "no-recent-session", p_local);
	/* Never a held session: counted from the start of the relationship. */
	a = fired(l, "no-recent-session", p_never30);
	fact_is_int(a, "days_without_session", 30);
	contains(a->summary, "since the relationship with Manager A started 30 days ago");
	quiet(l, "no-recent-session", p_never29);

	/* The threshold is the organisation's setting. */
	struct sc_error err;
	assert_int_equal(settings_set(fx->st, fx->org, "no_recent_session_days", "29", &err),
	                 SC_OK);
	l = eval(fx, NULL);
	fact_is_int(fired(l, "no-recent-session", p29), "threshold_days", 29);
	fired(l, "no-recent-session", p_local);
}

/* ---- below-cadence ------------------------------------------------------------------------ */

static void test_below_cadence_fires(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "manager", "3", -200, &w);
	held(fx, w.asg, "2026-10-06T10:00", 75);
	held(fx, w.asg, "2026-10-20T10:00", 75);
	session(fx, w.asg, "one_to_one", "2026-10-27T10:00", 60, "cancelled");
	const struct alert *a = fired(eval(fx, NULL), "below-cadence", w.rep);
	assert_int_equal(a->severity, SEV_WARNING);
	fact_is_text(a, "month", "2026-10");
	fact_is_real(a, "held_hours", 2.5);
	fact_is_real(a, "target_hours", 3);
	fact_is_real(a, "shortfall_hours", 0.5);
	fact_is_int(a, "sessions_held", 2);
	fact_is_real(a, "coach_hours_per_week", 5);
	contains(a->summary, "2.5 h");
	contains(a->mitigation, "plans 0.5 h more with Rep A");
	struct alert_list nl = { 0 };
	contains(dutch(fx, a->id, &nl)->mitigation, "0,5");
	alert_list_release(&nl);
}

static void test_below_cadence_quiet(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "internal", "3", -200, &w);
	held(fx, w.asg, "2026-10-05T10:00", 60);
	held(fx, w.asg, "2026-10-12T10:00", 60);
	held(fx, w.asg, "2026-10-19T10:00", 60);
	held(fx, w.asg, "2026-10-26T10:00", 60);
	/* This month's sessions do not count for last month. */
	quiet(eval(fx, NULL), "below-cadence", w.rep);
}

/*
 * Held hours equal to the target do not fire, a minute less does. The month
 * is the local one: 00:30 on 1 October is still 30 September in UTC, 00:30 on
 * 1 November is still 31 October in UTC.
 */
static void test_below_cadence_boundary(void **state)
{
	struct fixture *fx = *state;
	struct world w;
	int64_t p_minute, p_next;

	world(fx, "A", "manager", "3", -200, &w);
	held(fx, w.asg, "2026-10-01T00:30", 60);
	held(fx, w.asg, "2026-10-15T10:00", 60);
	held(fx, w.asg, "2026-10-31T23:30", 60);
	int64_t a_minute = coachee(fx, &w, 2, -200, &p_minute);
	held(fx, a_minute, "2026-10-05T10:00", 60);
	held(fx, a_minute, "2026-10-12T10:00", 60);
	held(fx, a_minute, "2026-10-19T10:00", 59);
	int64_t a_next = coachee(fx, &w, 3, -200, &p_next);
	held(fx, a_next, "2026-10-05T10:00", 60);
	held(fx, a_next, "2026-10-12T10:00", 60);
	held(fx, a_next, "2026-11-01T00:30", 60);

	const struct alert_list *l = eval(fx, NULL);
	quiet(l, "below-cadence", w.rep);
	const struct alert *a = fired(l, "below-cadence", p_minute);
	fact_is_real(a, "held_hours", 2.98);
	fact_is_real(a, "shortfall_hours", 0.02);
	a = fired(l, "below-cadence", p_next);
	fact_is_real(a, "held_hours", 2);
	fact_is_int(a, "sessions_held", 2);
}

/* A relationship that ran part of last month owes that part of the target. */
static void test_below_cadence_part_of_month(void **state)
{
	struct fixture *fx = *state;
	struct world w;
	int64_t p_low, p_ok;

	world(fx, "A", "manager", "3", -200, &w);
	held(fx, w.asg, "2026-10-05T10:00", 180);
	p_low = person(fx, "Rep A 2", w.manager);
	p_ok = person(fx, "Rep A 3", w.manager);
	int64_t a_low = add(fx, E_ASSIGNMENT, "programme", num(w.prog), "coach", num(w.coach),
	                    "coachee", num(p_low), "starts_on", "2026-10-17", NULL);
	int64_t a_ok = add(fx, E_ASSIGNMENT, "programme", num(w.prog), "coach", num(w.coach),
	                   "coachee", num(p_ok), "starts_on", "2026-10-17", NULL);
	held(fx, a_low, "2026-10-20T10:00", 60);
	held(fx, a_ok, "2026-10-20T10:00", 90);
	/* 15 of October's 31 days: 3 x 15 / 31 = 1.45 h owed. */
	const struct alert_list *l = eval(fx, NULL);
	const struct alert *a = fired(l, "below-cadence", p_low);
	fact_is_real(a, "target_hours", 1.45);
	fact_is_real(a, "held_hours", 1);
	fact_is_real(a, "shortfall_hours", 0.45);
	contains(a->summary, "for the part of the month");
	quiet(l, "below-cadence", p_ok);
	quiet(l, "below-cadence", w.rep);
}

/* ---- coach-untrained ---------------------------------------------------------------------- */

static void test_coach_untrained_fires(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "senior", "3", -200, &w);
	int64_t bas = person(fx, "Bas Dekker", w.manager);
	assessment(fx, bas, w.manager, 4, 4, 4, 4, "ready", "2026-01-05");
	int64_t c = coach(fx, bas, "senior", 2, "2");
	coachee(fx, &w, 2, -100, NULL);
	int64_t p3 = person(fx, "Rep A 3", w.manager);
	assign(fx, w.prog, c, p3, -100);
	const struct alert *a = fired(eval(fx, NULL), "coach-untrained", bas);
	/* Senior coaches without training: an error. */
	assert_int_equal(a->severity, SEV_ERROR);
	assert_string_equal(a->model, "senior");
	fact_is_int(a, "trainings_completed", 0);
	fact_is_int(a, "active_coachees", 1);
	contains(a->mitigation, "Enrol Bas Dekker in a coaching training");
	quiet(&fx->list, "coach-untrained", w.coach_person);
}

static void test_coach_untrained_quiet(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "internal", "3", -200, &w);
	/* An inactive profile without training coaches nobody. */
	int64_t mark = person(fx, "Mark Jansen", w.boss);
	add(fx, E_COACH, "person", num(mark), "kind", "manager", "active", "false", NULL);
	const struct alert_list *l = eval(fx, NULL);
	quiet(l, "coach-untrained", w.coach_person);
	quiet(l, "coach-untrained", mark);
	assert_int_equal(count_rule(l, "coach-untrained"), 0);
}

/* Enrolled is not trained; completed today is trained. Severity error for senior only. */
static void test_coach_untrained_boundary(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "internal", "3", -200, &w);
	int64_t nina = add(fx, E_PERSON, "name", "Nina Intern", "email", "nina@example.com",
	                   "track_record", "Eight years of inside sales", NULL);
	int64_t c = coach(fx, nina, "internal", 8, "16");
	int64_t tr = trained(fx, c, NULL);
	const struct alert *a = fired(eval(fx, NULL), "coach-untrained", nina);
	assert_int_equal(a->severity, SEV_WARNING);
	assert_string_equal(a->model, "internal");
	fact_is_text(a, "training_in_progress", "Coaching basics");
	contains(a->mitigation, "completes the training in progress (Coaching basics)");
	update(fx, E_TRAINING, tr, "completed_on", TODAY, NULL);
	quiet(eval(fx, NULL), "coach-untrained", nina);
}

/* ---- coach-overloaded --------------------------------------------------------------------- */

static void test_coach_overloaded_fires(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "internal", "3", -200, &w);
	update(fx, E_COACH, w.coach, "capacity", "2", "hours_per_week", "2", NULL);
	coachee(fx, &w, 2, -100, NULL);
	coachee(fx, &w, 3, -50, NULL); /* refused at input: recorded with an override */
	const struct alert *a = fired(eval(fx, NULL), "coach-overloaded", w.coach_person);
	assert_int_equal(a->severity, SEV_WARNING);
	fact_is_int(a, "active_coachees", 3);
	fact_is_int(a, "capacity", 2);
	fact_is_int(a, "excess", 1);
	/* 3 coachees x 3 h = 9 h needed; 2 h/week x 52 / 12 = 8.67 h available. */
	fact_is_real(a, "needed_hours", 9);
	fact_is_real(a, "available_hours", 8.67);
	fact_is_real(a, "hours_per_week", 2);
	contains(a->mitigation, "Reassign 1 of Intern A's coachees");
	contains(a->mitigation, "9 h a month");
	contains(a->mitigation, "8.67 h a month");
	struct alert_list nl = { 0 };
	contains(dutch(fx, a->id, &nl)->mitigation, "8,67");
	alert_list_release(&nl);
}

static void test_coach_overloaded_quiet(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "external", "3", -200, &w);
	coachee(fx, &w, 2, -100, NULL);
	assert_int_equal(count_rule(eval(fx, NULL), "coach-overloaded"), 0);
}

/* At capacity does not fire; paused, ended and future relationships do not count. */
static void test_coach_overloaded_boundary(void **state)
{
	struct fixture *fx = *state;
	struct world w;
	int64_t p;

	world(fx, "A", "internal", "3", -200, &w);
	update(fx, E_COACH, w.coach, "capacity", "2", NULL);
	coachee(fx, &w, 2, -100, NULL);
	add(fx, E_ASSIGNMENT, "programme", num(w.prog), "coach", num(w.coach), "coachee",
	    num(person(fx, "Rep A 3", w.manager)), "starts_on", day(-100), "status", "paused",
	    NULL);
	add(fx, E_ASSIGNMENT, "programme", num(w.prog), "coach", num(w.coach), "coachee",
	    num(person(fx, "Rep A 4", w.manager)), "starts_on", day(-100), "ends_on", day(-10),
	    "status", "ended", NULL);
	coachee(fx, &w, 5, 7, NULL); /* starts next week */
	quiet(eval(fx, NULL), "coach-overloaded", w.coach_person);
	coachee(fx, &w, 6, -1, &p);
	const struct alert *a = fired(eval(fx, NULL), "coach-overloaded", w.coach_person);
	fact_is_int(a, "active_coachees", 3);
	fact_is_int(a, "excess", 1);
}

/*
 * A session still planned after its time, with none planned ahead: the
 * mitigation says it was planned but not recorded, not "none is planned".
 */
static void test_no_recent_session_unrecorded(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "manager", "3", -200, &w);
	held(fx, w.asg, at(-45, "10:00"), 60);
	session(fx, w.asg, "one_to_one", at(-9, "10:00"), 60, "planned");
	session(fx, w.asg, "one_to_one", at(-5, "10:00"), 60, "planned");
	const struct alert *a = fired(eval(fx, NULL), "no-recent-session", w.rep);
	fact_is_text(a, "unrecorded_on", day(-5));
	contains(a->mitigation, "The session of Manager A with Rep A on");
	contains(a->mitigation, day(-5));
	contains(a->mitigation, "was planned but not recorded as held or cancelled");
	contains(a->mitigation, "records it (held or cancelled), plans the next one");
	assert_null(strstr(a->mitigation, "none is planned"));
	struct alert_list nl = { 0 };
	contains(dutch(fx, a->id, &nl)->mitigation,
	         "stond gepland maar is niet vastgelegd als gehouden of geannuleerd");
	alert_list_release(&nl);
	/* With a session planned ahead, that one is named instead. */
	session(fx, w.asg, "one_to_one", at(2, "10:00"), 60, "planned");
	a = fired(eval(fx, NULL), "no-recent-session", w.rep);
	fact_is_text(a, "next_planned_on", day(2));
	assert_null(strstr(a->mitigation, "not recorded"));
}

/* ---- overdue-actions ---------------------------------------------------------------------- */

static void test_overdue_actions_fires(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "manager", "3", -200, &w);
	action(fx, w.asg, w.rep, -20, NO_DAY);
	action(fx, w.asg, w.rep, -12, NO_DAY);
	action(fx, w.asg, w.rep, -5, NO_DAY);
	const struct alert *a = fired(eval(fx, NULL), "overdue-actions", w.rep);
	assert_int_equal(a->severity, SEV_INFO);
	fact_is_int(a, "overdue", 3);
	fact_is_text(a, "oldest_due_on", day(-20));
	fact_is_int(a, "threshold", 3);
	contains(a->summary, "3 action items");
	contains(a->mitigation, "none is planned yet");
	session(fx, w.asg, "one_to_one", at(4, "10:00"), 60, "planned");
	a = fired(eval(fx, NULL), "overdue-actions", w.rep);
	fact_is_text(a, "next_planned_on", day(4));
	contains(a->mitigation, day(4));
}

static void test_overdue_actions_quiet(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "senior", "3", -200, &w);
	action(fx, w.asg, w.rep, -20, NO_DAY);
	action(fx, w.asg, w.rep, -12, -13); /* done */
	action(fx, w.asg, w.coach_person, -5, -1);
	action(fx, w.asg, w.rep, 5, NO_DAY); /* not due yet */
	quiet(eval(fx, NULL), "overdue-actions", w.rep);
}

static void test_overdue_actions_unrecorded(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "manager", "3", -200, &w);
	action(fx, w.asg, w.rep, -20, NO_DAY);
	action(fx, w.asg, w.rep, -12, NO_DAY);
	action(fx, w.asg, w.rep, -5, NO_DAY);
	session(fx, w.asg, "one_to_one", at(-3, "10:00"), 60, "planned");
	const struct alert *a = fired(eval(fx, NULL), "overdue-actions", w.rep);
	fact_is_text(a, "unrecorded_on", day(-3));
	contains(a->mitigation, day(-3));
	contains(a->mitigation, "was planned but not recorded as held or cancelled");
	assert_null(strstr(a->mitigation, "none is planned"));
	struct alert_list nl = { 0 };
	contains(dutch(fx, a->id, &nl)->mitigation, "legt het vast (gehouden of geannuleerd)");
	alert_list_release(&nl);
}

/* Exactly 3 fires; an item due today is not yet overdue. */
static void test_overdue_actions_boundary(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "manager", "3", -200, &w);
	action(fx, w.asg, w.rep, -14, NO_DAY);
	action(fx, w.asg, w.rep, -6, NO_DAY);
	action(fx, w.asg, w.rep, 0, NO_DAY);
	quiet(eval(fx, NULL), "overdue-actions", w.rep);
	action(fx, w.asg, w.coach_person, -1, NO_DAY);
	const struct alert *a = fired(eval(fx, NULL), "overdue-actions", w.rep);
	fact_is_int(a, "overdue", 3);
	fact_is_text(a, "oldest_due_on", day(-14));
}

/* ---- coaching-mixed-with-appraisal -------------------------------------------------------- */

static void test_mixed_fires(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "manager", "3", -200, &w);
	held(fx, w.asg, at(-10, "10:00"), 60);
	int64_t ap = appraisal(fx, w.rep, w.manager, day(-9)); /* refused; overridden */
	const struct alert *a = fired(eval(fx, NULL), "coaching-mixed-with-appraisal", w.rep);
	char id[96];
	snprintf(id, sizeof(id), "coaching-mixed-with-appraisal:appraisal-%lld", (long long)ap);
	assert_string_equal(a->id, id);
	assert_int_equal(a->severity, SEV_ERROR);
	assert_string_equal(a->model, "manager");
	assert_true(names(a, w.manager));
	assert_true(names(a, w.boss));
	fact_is_text(a, "appraisal_on", day(-9));
	fact_is_text(a, "session_on", day(-10));
	fact_is_int(a, "days_apart", 1);
	fact_is_int(a, "window_days", 2);
	fact_is_int(a, "days_needed", 3);
	/* The override is recorded and shown; it does not silence the alert. */
	fact_is_int(a, "overridden", 1);
	contains(a->mitigation, "at least 3 days apart");
	contains(a->mitigation, "Boss A follows this up with Manager A");
}

static void test_mixed_quiet(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "manager", "3", -200, &w);
	held(fx, w.asg, at(-25, "10:00"), 60);
	appraisal(fx, w.rep, w.manager, day(-22)); /* 3 days apart */
	/* The same day, but the appraiser does not coach the rep. */
	held(fx, w.asg, at(-40, "10:00"), 60);
	appraisal(fx, w.rep, w.boss, day(-40));
	/* Cancelled sessions are no coaching. */
	session(fx, w.asg, "one_to_one", at(-60, "10:00"), 60, "cancelled");
	appraisal(fx, w.rep, w.manager, day(-60));
	assert_int_equal(count_rule(eval(fx, NULL), "coaching-mixed-with-appraisal"), 0);
}

/* 2 days apart fires, 3 does not, counted between local dates. */
static void test_mixed_boundary(void **state)
{
	struct fixture *fx = *state;
	struct world w;
	int64_t p2, p3;

	world(fx, "A", "manager", "3", -200, &w);
	int64_t a2 = coachee(fx, &w, 2, -200, &p2);
	int64_t a3 = coachee(fx, &w, 3, -200, &p3);
	held(fx, w.asg, at(-30, "10:00"), 60);
	appraisal(fx, w.rep, w.manager, day(-28));
	/* 00:30 local on day -12 is day -13 in UTC: 2 local days from day -10 (3 in UTC). */
	held(fx, a2, at(-12, "00:30"), 60);
	appraisal(fx, p2, w.manager, day(-10));
	/* 00:30 local on day -3 is day -4 in UTC: 3 local days from day -6 (2 in UTC). */
	held(fx, a3, at(-3, "00:30"), 60);
	appraisal(fx, p3, w.manager, day(-6));

	const struct alert_list *l = eval(fx, NULL);
	const struct alert *a = fired(l, "coaching-mixed-with-appraisal", w.rep);
	fact_is_int(a, "days_apart", 2);
	a = fired(l, "coaching-mixed-with-appraisal", p2);
	fact_is_int(a, "days_apart", 2);
	fact_is_text(a, "session_on", day(-12));
	quiet(l, "coaching-mixed-with-appraisal", p3);
}

/* n coachees' anonymous answers about coach: "my sessions feel like an assessment". */
static void pulse(struct fixture *fx, int64_t coach_id, int on, int n, const int *feels)
{
	for (int i = 0; i < n; i++) {
		int64_t id = survey(fx, coach_id, "coachee", on - i, 4, 4, 0);
		update(fx, E_SURVEY, id, "feels_like_assessment", num(feels[i]), NULL);
	}
}

/*
 * Mixing is a matter of the conversation too: the coachees' pulse "my sessions feel like an
 * assessment" at or above 3.0 fires, with its own figures, even with no appraisal near a
 * session; an error for a manager-coach.
 */
static void test_mixed_in_the_pulse_fires(void **state)
{
	struct fixture *fx = *state;
	struct world w;
	struct alert_list nl = { 0 };
	static const int feels[] = { 3, 4, 2 };

	world(fx, "A", "manager", "3", -200, &w);
	coachees(fx, &w, 3);
	pulse(fx, w.coach, -20, 3, feels);
	const struct alert *a = fired(eval(fx, NULL), "coaching-mixed-with-appraisal", w.manager);
	char id[96];
	snprintf(id, sizeof(id), "coaching-mixed-with-appraisal:coach-%lld", (long long)w.coach);
	assert_string_equal(a->id, id);
	assert_int_equal(a->severity, SEV_ERROR);
	assert_string_equal(a->model, "manager");
	assert_true(names(a, w.boss));
	fact_is_real(a, "pulse_mean", 3);
	fact_is_int(a, "pulse_answers", 3);
	fact_is_real(a, "pulse_threshold", 3);
	fact_is_int(a, "survey_window_days", 90);
	contains(a->summary, "Manager A's coachees say their coaching sessions feel like an "
	                     "assessment: a mean of 3 from 3 anonymous answers");
	contains(a->mitigation, "Boss A raises it in the next coach-the-coach review");
	const struct alert *d = dutch(fx, a->id, &nl);
	contains(d->summary, "ervaren hun coachingsgesprekken als een beoordeling");
	alert_list_release(&nl);
}

/*
 * Just below the threshold does not fire; fewer than k_survey answers are never shown, however
 * high; management cannot answer the item; an internal coach gets a warning.
 */
static void test_mixed_in_the_pulse_boundary(void **state)
{
	struct fixture *fx = *state;
	struct world w, v;
	struct sc_error err;
	static const int below[] = { 3, 3, 2 }, high[] = { 5, 5 }, old[] = { 5, 5, 5 };

	world(fx, "A", "manager", "3", -200, &w);
	world(fx, "B", "internal", "3", -200, &v);
	pulse(fx, w.coach, -20, 3, below); /* 2.67 */
	pulse(fx, v.coach, -20, 2, high);  /* 5.0 from 2 answers: not shown */
	const struct alert_list *l = eval(fx, NULL);
	quiet(l, "coaching-mixed-with-appraisal", w.manager);
	quiet(l, "coaching-mixed-with-appraisal", v.coach_person);
	pulse(fx, v.coach, -3, 1, (const int[]){ 2 }); /* (5 + 5 + 2) / 3 = 4 */
	const struct alert *a =
	        fired(eval(fx, NULL), "coaching-mixed-with-appraisal", v.coach_person);
	assert_int_equal(a->severity, SEV_WARNING);
	assert_string_equal(a->model, "internal");
	fact_is_real(a, "pulse_mean", 4);
	/* Answers before the survey window do not count. */
	pulse(fx, w.coach, -150, 3, old);
	quiet(eval(fx, NULL), "coaching-mixed-with-appraisal", w.manager);
	/* Management is not asked: refused, naming the item, and nothing is stored. */
	struct record *rec = build(E_SURVEY);
	put(fx, rec, "coach", num(w.coach));
	put(fx, rec, "respondent", "management");
	put(fx, rec, "respect", "4");
	put(fx, rec, "trust", "4");
	put(fx, rec, "helps", "4");
	put(fx, rec, "part_of_team", "4");
	put(fx, rec, "feels_like_assessment", "5");
	assert_int_equal(domain_add(&fx->d, rec, &err), SC_INVALID);
	assert_string_equal(err.field, "feels_like_assessment");
	contains(err.message, "asked of coachees only");
	record_free(&rec);
	/* Nobody but the administrator reads single answers: not the coach, not the superior. */
	struct record_list rows = { 0 };
	act_as(fx, "Manager A");
	assert_int_equal(domain_list(&fx->d, entity_get(E_SURVEY), NULL, &rows, &err),
	                 SC_FORBIDDEN);
	act_as(fx, "Boss A");
	assert_int_equal(domain_list(&fx->d, entity_get(E_SURVEY), NULL, &rows, &err),
	                 SC_FORBIDDEN);
	record_list_release(&rows);
}

/* An error in the manager model, a warning in the others. */
static void test_mixed_severity_by_model(void **state)
{
	struct fixture *fx = *state;
	struct world m, s, i;

	world(fx, "M", "manager", "3", -200, &m);
	world(fx, "S", "senior", "3", -200, &s);
	world(fx, "I", "internal", "3", -200, &i);
	held(fx, m.asg, at(-5, "10:00"), 60);
	held(fx, s.asg, at(-5, "10:00"), 60);
	held(fx, i.asg, at(-5, "10:00"), 60);
	appraisal(fx, m.rep, m.manager, day(-5));
	appraisal(fx, s.rep, s.coach_person, day(-5));
	appraisal(fx, i.rep, i.coach_person, day(-4));
	const struct alert_list *l = eval(fx, NULL);
	const struct alert *a = fired(l, "coaching-mixed-with-appraisal", m.rep);
	assert_int_equal(a->severity, SEV_ERROR);
	assert_string_equal(a->model, "manager");
	a = fired(l, "coaching-mixed-with-appraisal", s.rep);
	assert_int_equal(a->severity, SEV_WARNING);
	assert_string_equal(a->model, "senior");
	fact_is_int(a, "overridden", 0);
	a = fired(l, "coaching-mixed-with-appraisal", i.rep);
	assert_int_equal(a->severity, SEV_WARNING);
	assert_string_equal(a->model, "internal");
	fact_is_int(a, "days_apart", 1);
	/* The internal coach has no superior on record: the mitigation says to record one. */
	contains(a->mitigation, "record Intern I's superior");
}

/* ---- session-not-recorded ---------------------------------------------------------------- */

/*
 * A session still planned 2 local days after its day fires, to its coach, in
 * every model; one day after is inside; held, cancelled and no-show sessions
 * and those of an ended relationship are recorded or history.
 */
static void test_session_not_recorded_fires(void **state)
{
	static const char *const models[] = { "manager", "senior", "internal", "external" };
	struct fixture *fx = *state;
	struct world w[4];

	for (size_t m = 0; m < 4; m++) {
		char tag[2] = { (char)('A' + m), 0 };
		world(fx, tag, models[m], "3", -200, &w[m]);
		session(fx, w[m].asg, "one_to_one", at(-2, "16:30"), 60, "planned");
		session(fx, w[m].asg, "one_to_one", at(-1, "09:00"), 60, "planned");
		session(fx, w[m].asg, "one_to_one", at(-6, "10:00"), 60, "cancelled");
		session(fx, w[m].asg, "one_to_one", at(-7, "10:00"), 60, "no_show");
		held(fx, w[m].asg, at(-8, "10:00"), 60);
	}
	const struct alert_list *l = eval(fx, NULL);
	assert_int_equal(count_rule(l, "session-not-recorded"), 4);
	for (size_t m = 0; m < 4; m++) {
		const struct alert *a = fired(l, "session-not-recorded", w[m].rep);
		assert_int_equal(a->severity, SEV_INFO);
		assert_string_equal(a->model, models[m]);
		assert_true(names(a, w[m].coach_person));
		fact_is_int(a, "unrecorded_sessions", 1);
		fact_is_text(a, "oldest_unrecorded_on", day(-2));
		fact_is_int(a, "threshold_days", 2);
		contains(a->summary, day(-2));
		contains(a->summary, "is not recorded as held or cancelled");
	}
	struct alert_list nl = { 0 };
	const struct alert *a = fired(l, "session-not-recorded", w[0].rep);
	contains(dutch(fx, a->id, &nl)->summary, "is niet vastgelegd als gehouden of geannuleerd");
	alert_list_release(&nl);
}

static void test_session_not_recorded_counts_and_clears(void **state)
{
	struct fixture *fx = *state;
	struct world w;
	struct sc_error err;

	world(fx, "A", "senior", "3", -200, &w);
	int64_t old = session(fx, w.asg, "one_to_one", at(-9, "10:00"), 60, "planned");
	int64_t late = session(fx, w.asg, "ride_along", at(-3, "10:00"), 150, "planned");
	const struct alert *a = fired(eval(fx, NULL), "session-not-recorded", w.rep);
	fact_is_int(a, "unrecorded_sessions", 2);
	fact_is_text(a, "oldest_unrecorded_on", day(-9));
	fact_is_text(a, "latest_unrecorded_on", day(-3));
	fact_is_int(a, "latest_session", late);
	contains(a->summary, "2 sessions of ");
	/* Recorded, one as held and one as cancelled: nothing is open any more. */
	update(fx, E_SESSION, old, "status", "held", NULL);
	update(fx, E_SESSION, late, "status", "cancelled", NULL);
	quiet(eval(fx, NULL), "session-not-recorded", w.rep);
	/* An ended relationship's planned session is history, not an open end. */
	struct world e;
	world(fx, "E", "manager", "3", -200, &e);
	session(fx, e.asg, "one_to_one", at(-20, "10:00"), 60, "planned");
	update(fx, E_ASSIGNMENT, e.asg, "ends_on", day(-10), "status", "ended", NULL);
	quiet(eval(fx, NULL), "session-not-recorded", e.rep);
	/* The limit is a setting: at 1 day, yesterday's planned session fires. */
	session(fx, w.asg, "one_to_one", at(-1, "23:30"), 60, "planned");
	quiet(eval(fx, NULL), "session-not-recorded", w.rep);
	assert_int_equal(settings_set(fx->st, fx->org, "unrecorded_session_days", "1", &err),
	                 SC_OK);
	a = fired(eval(fx, NULL), "session-not-recorded", w.rep);
	fact_is_text(a, "oldest_unrecorded_on", day(-1));
	fact_is_int(a, "threshold_days", 1);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_no_recent_session_fires),
		T(test_no_recent_session_quiet),
		T(test_no_recent_session_boundary),
		T(test_no_recent_session_unrecorded),
		T(test_below_cadence_fires),
		T(test_below_cadence_quiet),
		T(test_below_cadence_boundary),
		T(test_below_cadence_part_of_month),
		T(test_coach_untrained_fires),
		T(test_coach_untrained_quiet),
		T(test_coach_untrained_boundary),
		T(test_coach_overloaded_fires),
		T(test_coach_overloaded_quiet),
		T(test_coach_overloaded_boundary),
		T(test_overdue_actions_fires),
		T(test_overdue_actions_quiet),
		T(test_overdue_actions_unrecorded),
		T(test_overdue_actions_boundary),
		T(test_mixed_fires),
		T(test_mixed_quiet),
		T(test_mixed_boundary),
		T(test_mixed_in_the_pulse_fires),
		T(test_mixed_in_the_pulse_boundary),
		T(test_mixed_severity_by_model),
		T(test_session_not_recorded_fires),
		T(test_session_not_recorded_counts_and_clears),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
