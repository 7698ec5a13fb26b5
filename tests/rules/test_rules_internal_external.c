/*
 * test_rules_internal_external.c - the pitfall monitor: the rules of the internal and external
 * coach models: low-acceptance, seen-as-spy, not-on-floor,
 * misses-team-activities, no-ride-alongs, no-sales-background and
 * acceptance-not-built.
 * For each, a case where it fires, one where it does not and one at its
 * threshold, with the mitigation figures against hand-computed values.
 * The fixture is tests/support/rules_fixture.h.
 */
#include "rules_fixture.h"

/* ---- low-acceptance ----------------------------------------------------------------------- */

static void answers(struct fixture *fx, int64_t coach_id, const char *who, int on, int n,
                    const int *respect, const int *trust, const int *not_reporting)
{
	for (int i = 0; i < n; i++)
		survey(fx, coach_id, who, on - i, respect[i], trust[i],
		       not_reporting ? not_reporting[i] : 0);
}

static void test_low_acceptance_fires(void **state)
{
	struct fixture *fx = *state;
	struct world w;
	static const int respect[] = { 4, 4, 4, 3 }, trust[] = { 3, 3, 4, 3 };

	world(fx, "A", "internal", "3", -200, &w);
	answers(fx, w.coach, "management", -20, 4, respect, trust, NULL);
	const struct alert *a = fired(eval(fx, NULL), "low-acceptance", w.coach_person);
	assert_int_equal(a->severity, SEV_WARNING);
	assert_string_equal(a->model, "internal");
	assert_true(names(a, w.manager)); /* the sponsor */
	fact_is_real(a, "management_trust", 3.25);
	fact_is_real(a, "management_respect", 3.75);
	fact_is_real(a, "threshold", 3.5);
	contains(a->summary, "trust according to management: 3.25");
	contains(a->mitigation, "Manager A, as sponsor");
	contains(a->mitigation, "Team A");
}

static void test_low_acceptance_quiet(void **state)
{
	struct fixture *fx = *state;
	struct world w;
	static const int high[] = { 4, 5, 4, 5 };

	world(fx, "A", "external", "3", -200, &w);
	answers(fx, w.coach, "management", -20, 4, high, high, NULL);
	answers(fx, w.coach, "coachee", -20, 4, high, high, high);
	/* Low answers from long ago are outside the survey window. */
	static const int low[] = { 1, 1, 1 };
	answers(fx, w.coach, "management", -200, 3, low, low, NULL);
	quiet(eval(fx, NULL), "low-acceptance", w.coach_person);
}

/* A mean of exactly 3.5 does not fire; fewer than k_survey answers never fire. */
static void test_low_acceptance_boundary(void **state)
{
	struct fixture *fx = *state;
	struct world w, v;
	static const int respect[] = { 3, 4, 3, 4 }, trust[] = { 4, 4, 4, 4 };
	static const int low[] = { 1, 1 }, high[] = { 5, 5, 5 };

	world(fx, "A", "internal", "3", -200, &w);
	world(fx, "B", "external", "3", -200, &v);
	answers(fx, w.coach, "management", -30, 4, respect, trust, NULL);
	answers(fx, v.coach, "coachee", -30, 2, low, low, high);
	const struct alert_list *l = eval(fx, NULL);
	quiet(l, "low-acceptance", w.coach_person);
	quiet(l, "low-acceptance", v.coach_person);
	/* A third answer makes the group large enough to count: (1 + 1 + 5) / 3 = 2.33. */
	survey(fx, v.coach, "coachee", -5, 5, 5, 5);
	const struct alert *a = fired(eval(fx, NULL), "low-acceptance", v.coach_person);
	fact_is_real(a, "coachee_respect", 2.33);
	fact_is_real(a, "coachee_trust", 2.33);
	assert_string_equal(a->model, "external");
}

/* Answers of `who` about a coach with respect and trust 5 and the given helps / part_of_team. */
static void items(struct fixture *fx, int64_t coach_id, const char *who, int on, int n,
                  const int *helps, const int *part_of_team)
{
	for (int i = 0; i < n; i++) {
		int64_t id =
		        survey(fx, coach_id, who, on - i, 5, 5, strcmp(who, "coachee") ? 0 : 5);
		update(fx, E_SURVEY, id, "helps", num(helps[i]), "part_of_team",
		       num(part_of_team[i]), NULL);
	}
}

/* "This coach is part of our team" feeds low-acceptance, with its own figures in the facts. */
static void test_low_acceptance_part_of_team(void **state)
{
	struct fixture *fx = *state;
	struct world w;
	struct alert_list nl = { 0 };
	static const int helps[] = { 4, 5, 4 }, part[] = { 3, 3, 4 };

	world(fx, "A", "internal", "3", -200, &w);
	items(fx, w.coach, "coachee", -20, 3, helps, part);
	const struct alert *a = fired(eval(fx, NULL), "low-acceptance", w.coach_person);
	fact_is_real(a, "coachee_part_of_team", 3.33);
	fact_is_real(a, "coachee_helps", 4.33);
	fact_is_real(a, "coachee_respect", 5);
	fact_is_real(a, "coachee_trust", 5);
	fact_is_int(a, "coachee_answers", 3);
	contains(a->summary, "part of the team according to coachees: 3.33");
	lacks(a->summary, "helps me improve");
	const struct alert *d = dutch(fx, a->id, &nl);
	contains(d->summary, "deel van het team volgens coachees: 3,33");
	alert_list_release(&nl);
	/* A fourth answer of 5 lifts the mean to exactly 3.75: quiet. */
	items(fx, w.coach, "coachee", -2, 1, (const int[]){ 5 }, (const int[]){ 5 });
	quiet(eval(fx, NULL), "low-acceptance", w.coach_person);
}

/* "This coach helps me improve" feeds it too, from management as from the coachees. */
static void test_low_acceptance_helps(void **state)
{
	struct fixture *fx = *state;
	struct world w;
	static const int helps[] = { 3, 4, 3, 4 }, part[] = { 4, 4, 4, 4 };

	world(fx, "B", "external", "3", -200, &w);
	items(fx, w.coach, "management", -30, 4, helps, part);
	/* Exactly 3.5 does not fire. */
	quiet(eval(fx, NULL), "low-acceptance", w.coach_person);
	items(fx, w.coach, "management", -3, 1, (const int[]){ 2 }, (const int[]){ 4 });
	const struct alert *a = fired(eval(fx, NULL), "low-acceptance", w.coach_person);
	assert_string_equal(a->model, "external");
	fact_is_real(a, "management_helps", 3.2); /* 16 / 5 */
	fact_is_real(a, "management_part_of_team", 4);
	contains(a->summary, "helps me improve according to management: 3.2 ");
}

/* ---- seen-as-spy -------------------------------------------------------------------------- */

static void test_seen_as_spy_fires(void **state)
{
	struct fixture *fx = *state;
	struct world w;
	static const int five[] = { 5, 5, 5 }, nr[] = { 3, 4, 3 };

	world(fx, "A", "external", "3", -200, &w);
	answers(fx, w.coach, "coachee", -20, 3, five, five, nr);
	const struct alert *a = fired(eval(fx, NULL), "seen-as-spy", w.coach_person);
	assert_int_equal(a->severity, SEV_ERROR);
	assert_string_equal(a->model, "external");
	fact_is_real(a, "mean", 3.33);
	fact_is_real(a, "threshold", 3.5);
	contains(a->summary, "3.33");
	contains(a->mitigation, "confidentiality charter");
	contains(a->mitigation, "Manager A");
	quiet(&fx->list, "low-acceptance", w.coach_person);
}

static void test_seen_as_spy_quiet(void **state)
{
	struct fixture *fx = *state;
	struct world w;
	static const int five[] = { 5, 5, 5 }, nr[] = { 4, 5, 5 };

	world(fx, "A", "internal", "3", -200, &w);
	answers(fx, w.coach, "coachee", -20, 3, five, five, nr);
	quiet(eval(fx, NULL), "seen-as-spy", w.coach_person);
}

/* Exactly 3.5 does not fire; fewer than k_survey answers never fire. */
static void test_seen_as_spy_boundary(void **state)
{
	struct fixture *fx = *state;
	struct world w, v;
	static const int five[] = { 5, 5, 5, 5 }, nr[] = { 3, 4, 3, 4 }, one[] = { 1, 1 };

	world(fx, "A", "external", "3", -200, &w);
	world(fx, "B", "external", "3", -200, &v);
	answers(fx, w.coach, "coachee", -20, 4, five, five, nr);
	answers(fx, v.coach, "coachee", -20, 2, five, five, one);
	const struct alert_list *l = eval(fx, NULL);
	quiet(l, "seen-as-spy", w.coach_person);
	quiet(l, "seen-as-spy", v.coach_person);
	survey(fx, v.coach, "coachee", -2, 5, 5, 5); /* (1 + 1 + 5) / 3 = 2.33 */
	fact_is_real(fired(eval(fx, NULL), "seen-as-spy", v.coach_person), "mean", 2.33);
}

/* An error for an external coach, a warning for an internal one. */
static void test_seen_as_spy_severity(void **state)
{
	struct fixture *fx = *state;
	struct world e, i;
	static const int five[] = { 5, 5, 5 }, nr[] = { 2, 3, 3 };

	world(fx, "E", "external", "3", -200, &e);
	world(fx, "I", "internal", "3", -200, &i);
	answers(fx, e.coach, "coachee", -10, 3, five, five, nr);
	answers(fx, i.coach, "coachee", -10, 3, five, five, nr);
	const struct alert_list *l = eval(fx, NULL);
	assert_int_equal(fired(l, "seen-as-spy", e.coach_person)->severity, SEV_ERROR);
	assert_int_equal(fired(l, "seen-as-spy", i.coach_person)->severity, SEV_WARNING);
}

/* ---- not-on-floor ------------------------------------------------------------------------- */

static void floor_days(struct fixture *fx, int64_t coach_id, int n)
{
	for (int i = 0; i < n; i++)
		presence(fx, coach_id, -2 - 3 * i, "sales_floor", 0);
}

static void test_not_on_floor_fires(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "external", "3", -200, &w);
	floor_days(fx, w.coach, 6);
	presence(fx, w.coach, -5, "sales_floor", 0); /* a second presence the same day */
	const struct alert *a = fired(eval(fx, NULL), "not-on-floor", w.coach_person);
	assert_int_equal(a->severity, SEV_WARNING);
	fact_is_int(a, "floor_days", 6);
	fact_is_int(a, "target_days", 8);
	fact_is_int(a, "window_days", 30);
	contains(a->mitigation, "at least 8 floor days per 30 days with Team A");
}

static void test_not_on_floor_quiet(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "internal", "3", -200, &w);
	floor_days(fx, w.coach, 9);
	/* A coach without coachees is not expected on the floor. */
	int64_t idle = add(fx, E_PERSON, "name", "Ivo Idle", "email", "ivo@example.com",
	                   "track_record", "Ten years of field sales", NULL);
	trained(fx, coach(fx, idle, "internal", 8, "16"), "2025-06-01");
	const struct alert_list *l = eval(fx, NULL);
	quiet(l, "not-on-floor", w.coach_person);
	quiet(l, "not-on-floor", idle);
}

/* 7 days fire, 8 do not; the window is the last 30 local days, today included. */
static void test_not_on_floor_boundary(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "internal", "3", -200, &w);
	floor_days(fx, w.coach, 7); /* days -2 .. -20 */
	presence(fx, w.coach, -30, "sales_floor", 0);
	presence(fx, w.coach, -24, "team_meeting", 0); /* not the floor */
	fact_is_int(fired(eval(fx, NULL), "not-on-floor", w.coach_person), "floor_days", 7);
	presence(fx, w.coach, -29, "sales_floor", 0);
	quiet(eval(fx, NULL), "not-on-floor", w.coach_person);
}

/* ---- misses-team-activities --------------------------------------------------------------- */

/* Team activities in the window: four weekly meetings and an event. */
static void team_month(struct fixture *fx, struct world *w, int64_t ids[5])
{
	ids[0] = activity(fx, w->team, -27, "team_meeting", 0);
	ids[1] = activity(fx, w->team, -20, "team_meeting", 0);
	ids[2] = activity(fx, w->team, -15, "event", 0);
	ids[3] = activity(fx, w->team, -13, "team_meeting", 0);
	ids[4] = activity(fx, w->team, -6, "team_meeting", 0);
}

static void attend(struct fixture *fx, struct world *w, const int64_t ids[5], int n)
{
	static const int days[] = { -27, -20, -15, -13, -6 };
	for (int i = 0; i < n; i++)
		presence(fx, w->coach, days[i], i == 2 ? "team_activity" : "team_meeting", ids[i]);
}

static void test_misses_team_activities_fires(void **state)
{
	struct fixture *fx = *state;
	struct world w;
	int64_t ids[5];

	world(fx, "A", "internal", "3", -200, &w);
	team_month(fx, &w, ids);
	attend(fx, &w, ids, 3);
	const struct alert *a = fired(eval(fx, NULL), "misses-team-activities", w.coach_person);
	assert_int_equal(a->severity, SEV_INFO);
	assert_int_equal(a->team, w.team);
	assert_true(names(a, w.manager));
	fact_is_int(a, "attended", 3);
	fact_is_int(a, "activities", 5);
	fact_is_real(a, "share_pct", 60);
	fact_is_real(a, "target_pct", 100);
	contains(a->summary, "3 of Team A's 5 team activities");
	contains(a->mitigation, "Manager A adds Intern A to Team A's calendar");
}

static void test_misses_team_activities_quiet(void **state)
{
	struct fixture *fx = *state;
	struct world w, v;
	int64_t ids[5];

	world(fx, "A", "external", "3", -200, &w);
	team_month(fx, &w, ids);
	attend(fx, &w, ids, 5);
	/* A team without activities in the window has nothing to miss. */
	world(fx, "B", "internal", "3", -200, &v);
	activity(fx, v.team, -40, "team_meeting", 0);
	const struct alert_list *l = eval(fx, NULL);
	quiet(l, "misses-team-activities", w.coach_person);
	quiet(l, "misses-team-activities", v.coach_person);
}

/*
 * The article: the coach takes part in *all* team activities, so by default every one missed
 * fires; activities outside the window do not count.
 */
static void test_misses_team_activities_boundary(void **state)
{
	struct fixture *fx = *state;
	struct world w;
	int64_t ids[5];

	world(fx, "A", "internal", "3", -200, &w);
	team_month(fx, &w, ids);
	attend(fx, &w, ids, 5);
	activity(fx, w.team, -30, "team_meeting", 0);
	activity(fx, w.team, 2, "team_meeting", 0);
	quiet(eval(fx, NULL), "misses-team-activities", w.coach_person);
	activity(fx, w.team, -29, "team_meeting", 0); /* inside: 5 of 6 = 83.33 % */
	const struct alert *a = fired(eval(fx, NULL), "misses-team-activities", w.coach_person);
	fact_is_int(a, "activities", 6);
	fact_is_int(a, "attended", 5);
	fact_is_real(a, "share_pct", 83.33);
	fact_is_real(a, "target_pct", 100);
	contains(a->summary, "5 of Team A's 6 team activities");
}

/* An organisation may lower the share: at 80 %, 4 of 5 is enough and 3 of 5 is not. */
static void test_misses_team_activities_lowered(void **state)
{
	struct fixture *fx = *state;
	struct world w, v;
	int64_t ids[5], more[5];
	struct sc_error err;

	world(fx, "A", "internal", "3", -200, &w);
	world(fx, "B", "external", "3", -200, &v);
	team_month(fx, &w, ids);
	team_month(fx, &v, more);
	attend(fx, &w, ids, 4);
	attend(fx, &v, more, 3);
	const struct alert_list *l = eval(fx, NULL);
	fact_is_real(fired(l, "misses-team-activities", w.coach_person), "share_pct", 80);
	fired(l, "misses-team-activities", v.coach_person);
	assert_int_equal(settings_set(fx->st, fx->org, "activity_share_pct", "80", &err), SC_OK);
	l = eval(fx, NULL);
	quiet(l, "misses-team-activities", w.coach_person);
	fact_is_real(fired(l, "misses-team-activities", v.coach_person), "target_pct", 80);
}

/* ---- no-ride-alongs ----------------------------------------------------------------------- */

static void rides(struct fixture *fx, int64_t asg, int n)
{
	for (int i = 0; i < n; i++)
		session(fx, asg, "ride_along", at(-3 - 7 * i, "10:00"), 120, "held");
}

static void test_no_ride_alongs_fires(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "external", "3", -200, &w);
	rides(fx, w.asg, 2);
	session(fx, w.asg, "ride_along", at(-5, "10:00"), 120, "cancelled");
	session(fx, w.asg, "ride_along", at(5, "10:00"), 120, "planned");
	session(fx, w.asg, "one_to_one", at(-6, "10:00"), 60, "held");
	const struct alert *a = fired(eval(fx, NULL), "no-ride-alongs", w.coach_person);
	assert_int_equal(a->severity, SEV_INFO);
	fact_is_int(a, "ride_alongs", 2);
	fact_is_int(a, "target", 4);
	fact_is_int(a, "active_coachees", 1);
	contains(a->mitigation, "at least 4 in the next 30 days");
}

static void test_no_ride_alongs_quiet(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "internal", "3", -200, &w);
	rides(fx, w.asg, 4);
	quiet(eval(fx, NULL), "no-ride-alongs", w.coach_person);
}

/* 3 fire, 4 do not; day -30 is outside the window, day -29 inside. */
static void test_no_ride_alongs_boundary(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "internal", "3", -200, &w);
	rides(fx, w.asg, 3);
	session(fx, w.asg, "ride_along", at(-30, "10:00"), 120, "held");
	fact_is_int(fired(eval(fx, NULL), "no-ride-alongs", w.coach_person), "ride_alongs", 3);
	session(fx, w.asg, "ride_along", at(-29, "10:00"), 120, "held");
	quiet(eval(fx, NULL), "no-ride-alongs", w.coach_person);
}

/* A customer appointment logged as presence counts, like a held ride-along. */
static void test_no_ride_alongs_presence_counts(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "external", "3", -200, &w);
	rides(fx, w.asg, 2); /* days -3 and -10 */
	presence(fx, w.coach, -5, "customer_appointment", 0);
	presence(fx, w.coach, -6, "sales_floor", 0);           /* another kind: no appointment */
	presence(fx, w.coach, -30, "customer_appointment", 0); /* outside the window */
	fact_is_int(fired(eval(fx, NULL), "no-ride-alongs", w.coach_person), "ride_alongs", 3);
	presence(fx, w.coach, -29, "customer_appointment", 0); /* the window's first day */
	quiet(eval(fx, NULL), "no-ride-alongs", w.coach_person);
}

/*
 * A held ride-along and a customer_appointment presence of the same coach on the same local
 * day are one appointment, counted once: three ride-alongs with a presence on each of their days
 * make 3, not 6; a fourth presence on another day makes 4.
 */
static void test_no_ride_alongs_same_day_once(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "internal", "3", -200, &w);
	rides(fx, w.asg, 2); /* days -3 and -10, 10:00 */
	presence(fx, w.coach, -3, "customer_appointment", 0);
	presence(fx, w.coach, -10, "customer_appointment", 0);
	/* 00:30 local on day -17 is still day -18 in UTC: the local date decides. */
	session(fx, w.asg, "ride_along", at(-17, "00:30"), 120, "held");
	presence(fx, w.coach, -17, "customer_appointment", 0);
	const struct alert *a = fired(eval(fx, NULL), "no-ride-alongs", w.coach_person);
	fact_is_int(a, "ride_alongs", 3);
	contains(a->summary, "3 customer appointments");
	presence(fx, w.coach, -20, "customer_appointment", 0);
	quiet(eval(fx, NULL), "no-ride-alongs", w.coach_person);
}

/*
 * The coachee does not tell appointments apart (a presence names none): a presence on a day of a
 * ride-along with either coachee is that appointment. Two ride-alongs on one day, with two
 * coachees, stay two; so do two presences on one day.
 */
static void test_no_ride_alongs_any_coachee(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "external", "3", -200, &w);
	int64_t other = coachee(fx, &w, 2, -100, NULL);
	/* Day -4: 2 ride-alongs, 1 presence -> 2. */
	session(fx, w.asg, "ride_along", at(-4, "09:00"), 120, "held");
	session(fx, other, "ride_along", at(-4, "14:00"), 120, "held");
	presence(fx, w.coach, -4, "customer_appointment", 0);
	fact_is_int(fired(eval(fx, NULL), "no-ride-alongs", w.coach_person), "ride_alongs", 2);
	/* Day -8: 1 ride-along, 2 presences -> 2; 4 in all reach the target. */
	session(fx, other, "ride_along", at(-8, "11:00"), 120, "held");
	presence(fx, w.coach, -8, "customer_appointment", 0);
	presence(fx, w.coach, -8, "customer_appointment", 0);
	quiet(eval(fx, NULL), "no-ride-alongs", w.coach_person);
}

/* ---- no-sales-background ------------------------------------------------------------------ */

static void test_no_sales_background_fires(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "internal", "3", -200, &w);
	int64_t thomas = add(fx, E_PERSON, "name", "Thomas de Graaf", "email", "thomas@example.com",
	                     "title", "L&D trainer", NULL);
	int64_t c = coach(fx, thomas, "internal", 8, "16");
	trained(fx, c, "2025-06-01");
	int64_t p = person(fx, "Rep A 2", w.manager);
	assign(fx, w.prog, c, p, -100);
	const struct alert *a = fired(eval(fx, NULL), "no-sales-background", thomas);
	assert_int_equal(a->severity, SEV_INFO);
	assert_string_equal(a->model, "internal");
	fact_is_int(a, "years_experience", 0);
	fact_is_int(a, "track_record", 0);
	contains(a->mitigation, "Pair Thomas de Graaf with a senior rep of Team A");
	quiet(&fx->list, "no-sales-background", w.coach_person);
}

static void test_no_sales_background_quiet(void **state)
{
	struct fixture *fx = *state;
	struct world i, e;

	world(fx, "I", "internal", "3", -200, &i);
	world(fx, "E", "external", "3", -200, &e);
	const struct alert_list *l = eval(fx, NULL);
	quiet(l, "no-sales-background", i.coach_person);
	quiet(l, "no-sales-background", e.coach_person);
}

/* The article: the internal coach's points apply to an external coach as well. */
static void test_no_sales_background_external(void **state)
{
	struct fixture *fx = *state;
	struct world e;
	struct alert_list nl = { 0 };

	world(fx, "E", "external", "3", -200, &e);
	update(fx, E_PERSON, e.coach_person, "track_record", "", "years_experience", "0", NULL);
	const struct alert *a = fired(eval(fx, NULL), "no-sales-background", e.coach_person);
	assert_int_equal(a->severity, SEV_INFO);
	assert_string_equal(a->model, "external");
	fact_is_int(a, "years_experience", 0);
	contains(a->summary, "as an external coach without a recorded sales track record");
	contains(a->mitigation, "with a senior rep of Team E");
	const struct alert *d = dutch(fx, a->id, &nl);
	contains(d->summary, "als externe coach zonder vastgelegde verkoopervaring");
	alert_list_release(&nl);
	update(fx, E_PERSON, e.coach_person, "track_record", "Twenty years in office equipment",
	       NULL);
	quiet(eval(fx, NULL), "no-sales-background", e.coach_person);
}

/* Years of experience are no track record; recording one silences the rule. */
static void test_no_sales_background_boundary(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "internal", "3", -200, &w);
	update(fx, E_PERSON, w.coach_person, "track_record", "", NULL);
	const struct alert *a = fired(eval(fx, NULL), "no-sales-background", w.coach_person);
	fact_is_int(a, "years_experience", 12);
	contains(a->summary, "12 years of sales experience");
	update(fx, E_PERSON, w.coach_person, "track_record", "Account manager 2012-2024", NULL);
	quiet(eval(fx, NULL), "no-sales-background", w.coach_person);
}

/* ---- acceptance-not-built ----------------------------------------------------------------- */

/* The intro one-to-one of the world's coach with Rep X on the first day. */
static void intro(struct fixture *fx, int64_t asg, int on)
{
	add(fx, E_SESSION, "assignment", num(asg), "kind", "one_to_one", "at", at(on, "10:00"),
	    "minutes", "60", "status", "held", "intro", "true", NULL);
}

/* docs/demo.md, Bram Hoekstra: day 45, intro held, day-30 survey, never introduced. */
static void test_acceptance_not_built_fires(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "external", "3", -45, &w);
	intro(fx, w.asg, -45);
	survey(fx, w.coach, "coachee", -15, 4, 4, 4);
	const struct alert *a = fired(eval(fx, NULL), "acceptance-not-built", w.coach_person);
	assert_int_equal(a->severity, SEV_WARNING);
	assert_string_equal(a->model, "external");
	assert_true(names(a, w.manager));
	fact_is_text(a, "onboarding_from", day(-45));
	fact_is_int(a, "onboarding_day", 45);
	fact_is_int(a, "introduced_at_team_meeting", 0);
	fact_is_int(a, "coachees_without_intro", 0);
	fact_is_text(a, "surveys_missing_at_days", "");
	contains(a->summary, "day 45");
	contains(a->mitigation, "Manager A introduces Extern A");
	lacks(a->mitigation, "introductory one-to-one");
	lacks(a->mitigation, "pulse survey");
}

/* docs/demo.md, Fatima El Amrani: day 75, every step done, the day-90 survey not due. */
static void test_acceptance_not_built_quiet(void **state)
{
	struct fixture *fx = *state;
	struct world w, old;

	world(fx, "A", "external", "3", -75, &w);
	activity(fx, w.team, -74, "team_meeting", w.coach);
	intro(fx, w.asg, -75);
	survey(fx, w.coach, "coachee", -45, 4, 4, 4);
	survey(fx, w.coach, "coachee", -15, 4, 4, 4);
	/* Past onboarding, nothing is checked any more. */
	world(fx, "B", "external", "3", -185, &old);
	const struct alert_list *l = eval(fx, NULL);
	quiet(l, "acceptance-not-built", w.coach_person);
	quiet(l, "acceptance-not-built", old.coach_person);
}

/* Day 89 is still onboarding, day 90 is past it. */
static void test_acceptance_not_built_boundary(void **state)
{
	struct fixture *fx = *state;
	struct world a89, a90;

	world(fx, "A", "external", "3", -89, &a89);
	world(fx, "B", "external", "3", -90, &a90);
	intro(fx, a89.asg, -89);
	intro(fx, a90.asg, -90);
	survey(fx, a89.coach, "coachee", -59, 4, 4, 4);
	survey(fx, a89.coach, "coachee", -29, 4, 4, 4);
	survey(fx, a90.coach, "coachee", -60, 4, 4, 4);
	survey(fx, a90.coach, "coachee", -30, 4, 4, 4);
	const struct alert_list *l = eval(fx, NULL);
	fact_is_int(fired(l, "acceptance-not-built", a89.coach_person), "onboarding_day", 89);
	quiet(l, "acceptance-not-built", a90.coach_person);
}

/*
 * The survey at day 30 may be taken from day 23 to 37 and is missing from
 * day 37 on; a coachee without an intro one-to-one is a missing step too.
 */
static void test_acceptance_not_built_steps(void **state)
{
	struct fixture *fx = *state;
	struct world d36, d37, early, late;
	int64_t p2;

	world(fx, "A", "external", "3", -36, &d36);
	world(fx, "B", "external", "3", -37, &d37);
	world(fx, "C", "external", "3", -40, &early);
	world(fx, "D", "external", "3", -40, &late);
	struct world *all[] = { &d36, &d37, &early, &late };
	for (size_t i = 0; i < 4; i++) {
		activity(fx, all[i]->team, -33, "team_meeting", all[i]->coach);
		intro(fx, all[i]->asg, i == 0 ? -36 : i == 1 ? -37 : -40);
	}
	survey(fx, early.coach, "coachee", -17, 4, 4, 4); /* day 23 */
	survey(fx, late.coach, "coachee", -18, 4, 4, 4);  /* day 22: too early */
	const struct alert_list *l = eval(fx, NULL);
	quiet(l, "acceptance-not-built", d36.coach_person);
	quiet(l, "acceptance-not-built", early.coach_person);
	const struct alert *a = fired(l, "acceptance-not-built", d37.coach_person);
	fact_is_text(a, "surveys_missing_at_days", "30");
	fact_is_int(a, "introduced_at_team_meeting", 1);
	contains(a->mitigation, "Run the pulse survey about Extern B now (it was due at day 30)");
	lacks(a->mitigation, "introduces");
	fact_is_text(fired(l, "acceptance-not-built", late.coach_person), "surveys_missing_at_days",
	             "30");

	/* A second coachee of Extern A without an intro one-to-one. */
	coachee(fx, &d36, 2, -10, &p2);
	a = fired(eval(fx, NULL), "acceptance-not-built", d36.coach_person);
	fact_is_int(a, "coachees_without_intro", 1);
	contains(a->mitigation, "introductory one-to-one with the 1 coachee who has not had one");
}

/*
 * A team meeting that has not happened yet has introduced nobody, also when
 * it is early tomorrow morning (00:30 local is still today in UTC).
 */
static void test_acceptance_not_built_meeting_tomorrow(void **state)
{
	struct fixture *fx = *state;
	struct world a, b;

	world(fx, "A", "external", "3", -45, &a);
	world(fx, "B", "external", "3", -45, &b);
	intro(fx, a.asg, -45);
	intro(fx, b.asg, -45);
	survey(fx, a.coach, "coachee", -15, 4, 4, 4);
	survey(fx, b.coach, "coachee", -15, 4, 4, 4);
	add(fx, E_ACTIVITY, "team", num(a.team), "at", at(1, "09:00"), "kind", "team_meeting",
	    "title", "Weekly sales meeting", "introduces", num(a.coach), NULL);
	add(fx, E_ACTIVITY, "team", num(b.team), "at", at(1, "00:30"), "kind", "team_meeting",
	    "title", "Early sales breakfast", "introduces", num(b.coach), NULL);
	const struct alert_list *l = eval(fx, NULL);
	fact_is_int(fired(l, "acceptance-not-built", a.coach_person), "introduced_at_team_meeting",
	            0);
	fact_is_int(fired(l, "acceptance-not-built", b.coach_person), "introduced_at_team_meeting",
	            0);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_low_acceptance_fires),
		T(test_low_acceptance_quiet),
		T(test_low_acceptance_boundary),
		T(test_low_acceptance_part_of_team),
		T(test_low_acceptance_helps),
		T(test_seen_as_spy_fires),
		T(test_seen_as_spy_quiet),
		T(test_seen_as_spy_boundary),
		T(test_seen_as_spy_severity),
		T(test_not_on_floor_fires),
		T(test_not_on_floor_quiet),
		T(test_not_on_floor_boundary),
		T(test_misses_team_activities_fires),
		T(test_misses_team_activities_quiet),
		T(test_misses_team_activities_boundary),
		T(test_misses_team_activities_lowered),
		T(test_no_ride_alongs_fires),
		T(test_no_ride_alongs_quiet),
		T(test_no_ride_alongs_boundary),
		T(test_no_ride_alongs_presence_counts),
		T(test_no_ride_alongs_same_day_once),
		T(test_no_ride_alongs_any_coachee),
		T(test_no_sales_background_fires),
		T(test_no_sales_background_quiet),
		T(test_no_sales_background_external),
		T(test_no_sales_background_boundary),
		T(test_acceptance_not_built_fires),
		T(test_acceptance_not_built_quiet),
		T(test_acceptance_not_built_boundary),
		T(test_acceptance_not_built_steps),
		T(test_acceptance_not_built_meeting_tomorrow),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
