/*
 * test_rules_manager_senior.c - the pitfall monitor: the rules of the manager and senior
 * models: no-supervision, manager-no-time, span-too-wide, coach-not-assessed,
 * no-incentive and target-not-reduced.
 * For each, a case where it fires, one where it does not and one at its
 * threshold, with the mitigation figures against hand-computed values.
 * The fixture is tests/support/rules_fixture.h.
 */
#include "rules_fixture.h"

/* ---- no-supervision ----------------------------------------------------------------------- */

static void test_no_supervision_fires(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "manager", "3", -200, &w);
	review(fx, w.manager, w.boss, -120, -30);
	const struct alert *a = fired(eval(fx, NULL), "no-supervision", w.manager);
	assert_int_equal(a->severity, SEV_WARNING);
	assert_string_equal(a->model, "manager");
	assert_true(names(a, w.boss));
	fact_is_text(a, "last_review_on", day(-120));
	fact_is_int(a, "days_since", 120);
	fact_is_int(a, "threshold_days", 90);
	fact_is_text(a, "next_review_on", day(-30));
	fact_is_int(a, "has_superior", 1);
	contains(a->mitigation, "Boss A plans a coach-the-coach review with Manager A");
}

static void test_no_supervision_quiet(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "manager", "3", -200, &w);
	review(fx, w.manager, w.boss, -10, 80);
	/* A manager profile that has never coached needs no review yet. */
	int64_t mark = person(fx, "Mark Jansen", w.boss);
	coach(fx, mark, "manager", 8, "4");
	const struct alert_list *l = eval(fx, NULL);
	quiet(l, "no-supervision", w.manager);
	quiet(l, "no-supervision", mark);
}

/*
 * 90 days fires, 89 does not; only a review by the current superior counts;
 * without a superior it fires, and without any review the days count from
 * the first coaching start.
 */
static void test_no_supervision_boundary(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "manager", "3", -200, &w);
	int64_t nora = person(fx, "Nora Zonder", 0);
	int64_t nc = coach(fx, nora, "manager", 8, "4");
	trained(fx, nc, "2025-06-01");
	int64_t np = person(fx, "Rep N", nora);
	assign(fx, w.prog, nc, np, -20);

	const struct alert_list *l = eval(fx, NULL);
	const struct alert *a = fired(l, "no-supervision", w.manager);
	contains(a->summary, "coached for 200 days without a coach-the-coach review");
	fact_is_int(a, "days_since", 200);
	a = fired(l, "no-supervision", nora);
	fact_is_int(a, "has_superior", 0);
	contains(a->mitigation, "Record Nora Zonder's superior");

	review(fx, w.manager, w.boss, -90, NO_DAY);
	/* Not the superior: recorded only with an override, and it does not count. */
	int64_t peer = person(fx, "Peer A", w.boss);
	add(fx, E_SUPERVISION, "manager", num(w.manager), "reviewer", num(peer), "reviewed_on",
	    day(-5), "override_reason", "the director was on leave", NULL);
	a = fired(eval(fx, NULL), "no-supervision", w.manager);
	fact_is_int(a, "days_since", 90);
	fact_is_text(a, "last_review_on", day(-90));
	review(fx, w.manager, w.boss, -89, NO_DAY);
	quiet(eval(fx, NULL), "no-supervision", w.manager);
}

/* The reviewer the organisation names counts as the superior does. */
static void test_no_supervision_named_reviewer(void **state)
{
	struct fixture *fx = *state;
	struct world w;
	struct sc_error err;

	world(fx, "A", "manager", "3", -200, &w);
	coachees(fx, &w, 2);
	int64_t hr = person(fx, "Coach Trainer A", w.boss);
	review(fx, w.manager, w.boss, -120, NO_DAY);
	assert_int_equal(settings_set(fx->st, fx->org, "supervision_reviewer", num(hr), &err),
	                 SC_OK);
	review(fx, w.manager, hr, -10, 80);
	quiet(eval(fx, NULL), "no-supervision", w.manager);
	/* Naming nobody again: the trainer's review no longer counts, the superior's is old. */
	assert_int_equal(settings_set(fx->st, fx->org, "supervision_reviewer", "0", &err), SC_OK);
	const struct alert *a = fired(eval(fx, NULL), "no-supervision", w.manager);
	fact_is_text(a, "last_review_on", day(-120));
	/* A person who does not exist cannot be named; nothing changes. */
	assert_int_equal(settings_set(fx->st, fx->org, "supervision_reviewer", "999999", &err),
	                 SC_INVALID);
	assert_non_null(strstr(err.message, "there is no person with id 999999"));
	fact_is_text(fired(eval(fx, NULL), "no-supervision", w.manager), "last_review_on",
	             day(-120));
}

/* ---- manager-no-time ---------------------------------------------------------------------- */

/* docs/demo.md, Sandra Visser: 10 coachees x 3 h, 5 h a week. */
static void test_manager_no_time_fires(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "manager", "3", -200, &w);
	coachees(fx, &w, 10);
	int64_t kim = person(fx, "Kim de Boer", w.manager);
	task(fx, w.manager, "Forecast and pipeline report", "3", true, 0);
	task(fx, w.manager, "CRM clean-up", "1.5", true, 0);
	task(fx, w.manager, "Quotes", "2.5", true, kim);
	task(fx, w.manager, "Hiring interviews", "4", false, 0);
	const struct alert *a = fired(eval(fx, NULL), "manager-no-time", w.manager);
	assert_int_equal(a->severity, SEV_ERROR);
	assert_string_equal(a->model, "manager");
	fact_is_int(a, "coachees", 10);
	fact_is_real(a, "target_hours", 3);
	fact_is_real(a, "needed_hours", 30);
	fact_is_real(a, "available_hours", 21.67);
	fact_is_real(a, "shortfall_hours", 8.33);
	fact_is_real(a, "hours_per_week", 5);
	fact_is_int(a, "delegable_tasks", 2);
	fact_is_text(a, "delegate", "Forecast and pipeline report (3 h/week)");
	fact_is_real(a, "freed_hours", 13);
	fact_is_int(a, "max_span", 7);
	fact_is_real(a, "needed_hours_per_week", 6.92);
	contains(a->summary, "21.67 h");
	contains(a->summary, "8.33 h short");
	contains(a->mitigation, "Manager A delegates Forecast and pipeline report (3 h/week)");
	contains(a->mitigation, "frees 13 h a month");
	contains(a->mitigation, "at most 7");
	lacks(a->mitigation, "CRM");
	lacks(a->mitigation, "Quotes");
	struct alert_list nl = { 0 };
	const struct alert *d = dutch(fx, a->id, &nl);
	contains(d->summary, "21,67");
	contains(d->summary, "8,33");
	contains(d->mitigation, "Forecast and pipeline report (3 uur");
	contains(d->mitigation, "13 uur");
	alert_list_release(&nl);
}

/* When no set of delegable tasks closes the gap, the mitigation says so. */
static void test_manager_no_time_no_delegation(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "manager", "3", -200, &w);
	coachees(fx, &w, 10);
	int64_t kim = person(fx, "Kim de Boer", w.manager);
	task(fx, w.manager, "CRM clean-up", "1.5", true, 0);
	task(fx, w.manager, "Quotes", "2.5", true, kim);
	task(fx, w.manager, "Hiring interviews", "4", false, 0);
	const struct alert *a = fired(eval(fx, NULL), "manager-no-time", w.manager);
	fact_is_int(a, "delegable_tasks", 1);
	fact_is_text(a, "delegate", "");
	fact_is_real(a, "freed_hours", 6.5);
	fact_is_int(a, "max_span", 7);
	contains(a->mitigation, "No set of delegable tasks closes the gap");
	contains(a->mitigation, "1 delegable task frees 6.5 h a month");
	contains(a->mitigation, "at most 7");
	contains(a->mitigation, "6.92 h a week");
	lacks(a->mitigation, "CRM");
	struct alert_list nl = { 0 };
	const struct alert *d = dutch(fx, a->id, &nl);
	contains(d->mitigation, "6,5");
	contains(d->mitigation, "6,92");
	alert_list_release(&nl);
}

static void test_manager_no_time_quiet(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "manager", "3", -200, &w);
	coachees(fx, &w, 7); /* 21 h of 21.67 */
	quiet(eval(fx, NULL), "manager-no-time", w.manager);
}

/* docs/demo.md, Jeroen Bakker: 8 x 3.25 = 26 needed, 6 x 52 / 12 = 26 available. */
static void test_manager_no_time_boundary(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "manager", "3.25", -200, &w);
	update(fx, E_COACH, w.coach, "hours_per_week", "6", NULL);
	coachees(fx, &w, 8);
	quiet(eval(fx, NULL), "manager-no-time", w.manager);
	coachee(fx, &w, 9, -10, NULL);
	const struct alert *a = fired(eval(fx, NULL), "manager-no-time", w.manager);
	fact_is_real(a, "needed_hours", 29.25);
	fact_is_real(a, "available_hours", 26);
	fact_is_real(a, "shortfall_hours", 3.25);
	fact_is_int(a, "max_span", 8);
	fact_is_int(a, "delegable_tasks", 0);
}

/*
 * A second team of the world's manager with a manager-model programme of target hours, in which
 * the manager also coaches the world's Rep: the Rep is then in two programmes of one coach.
 */
static int64_t second_programme(struct fixture *fx, struct world *w, const char *target)
{
	char name[64];
	snprintf(name, sizeof(name), "Team %s Key Accounts", w->tag);
	int64_t team = add(fx, E_TEAM, "name", name, "manager", num(w->manager), NULL);
	int64_t prog = add(fx, E_PROGRAMME, "team", num(team), "model", "manager", "starts_on",
	                   "2025-01-01", "ends_on", "2027-12-31", "target_hours", target, NULL);
	return assign(fx, prog, w->coach, w->rep, -50);
}

/*
 * A coachee in two programmes of one manager-coach counts once, at the higher target: Sandra's
 * 10 coachees at 3 h, one of them also in a 4 h programme, need 9 x 3 + 4 = 31 h, not 34.
 */
static void test_manager_no_time_coachee_in_two_programmes(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "manager", "3", -200, &w);
	coachees(fx, &w, 10);
	second_programme(fx, &w, "4");
	const struct alert *a = fired(eval(fx, NULL), "manager-no-time", w.manager);
	fact_is_int(a, "coachees", 10);
	fact_is_real(a, "needed_hours", 31);
	fact_is_real(a, "target_hours", 3.1);
	fact_is_real(a, "available_hours", 21.67);
	fact_is_real(a, "shortfall_hours", 9.33);
	fact_is_int(a, "max_span", 6); /* floor(21.67 / 3.1) = floor(6.99) */
	contains(a->summary, "31 h");
	/* coach-overloaded shows the same hours needed: capacity 9 makes it fire. */
	update(fx, E_COACH, w.coach, "capacity", "9", NULL);
	a = fired(eval(fx, NULL), "coach-overloaded", w.manager);
	fact_is_int(a, "active_coachees", 10);
	fact_is_real(a, "needed_hours", 31);
}

/* The higher target counts, not the sum: Jeroen's 8 x 3.25 = 26 h stays 26 h with a 3 h extra. */
static void test_manager_no_time_higher_target_only(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "manager", "3.25", -200, &w);
	update(fx, E_COACH, w.coach, "hours_per_week", "6", NULL);
	coachees(fx, &w, 8);
	second_programme(fx, &w, "3");
	quiet(eval(fx, NULL), "manager-no-time", w.manager);
	/* A ninth coachee in the 3.25 h programme tips it: 9 x 3.25 = 29.25 h. */
	coachee(fx, &w, 9, -10, NULL);
	const struct alert *a = fired(eval(fx, NULL), "manager-no-time", w.manager);
	fact_is_int(a, "coachees", 9);
	fact_is_real(a, "needed_hours", 29.25);
}

/* ---- span-too-wide ------------------------------------------------------------------------ */

/* Direct reports of Manager A beside Rep A: Rep A 2 .. Rep A n. */
static void reports(struct fixture *fx, struct world *w, int from, int to)
{
	char name[64];
	for (int i = from; i <= to; i++) {
		snprintf(name, sizeof(name), "Rep %s %d", w->tag, i);
		person(fx, name, w->manager);
	}
}

static void test_span_too_wide_fires(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "manager", "3", -200, &w);
	reports(fx, &w, 2, 12);
	const struct alert *a = fired(eval(fx, NULL), "span-too-wide", w.manager);
	assert_int_equal(a->severity, SEV_WARNING);
	assert_int_equal(a->team, w.team);
	fact_is_int(a, "span", 12);
	fact_is_int(a, "max_span", 10);
	fact_is_int(a, "excess", 2);
	fact_is_text(a, "team_name", "Team A");
	contains(a->mitigation, "Move 2 reps from Manager A to another manager");
}

static void test_span_too_wide_quiet(void **state)
{
	struct fixture *fx = *state;
	struct world m, s;

	world(fx, "M", "manager", "3", -200, &m);
	world(fx, "S", "senior", "3", -200, &s);
	reports(fx, &m, 2, 5);
	reports(fx, &s, 2, 14); /* wide, but not coached by the manager */
	const struct alert_list *l = eval(fx, NULL);
	quiet(l, "span-too-wide", m.manager);
	quiet(l, "span-too-wide", s.manager);
}

/* 10 does not fire, 11 does; people who left do not count. */
static void test_span_too_wide_boundary(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "manager", "3", -200, &w);
	reports(fx, &w, 2, 10);
	inactive_person(fx, "Rik Verhoeven", w.manager);
	quiet(eval(fx, NULL), "span-too-wide", w.manager);
	reports(fx, &w, 11, 11);
	const struct alert *a = fired(eval(fx, NULL), "span-too-wide", w.manager);
	fact_is_int(a, "span", 11);
	fact_is_int(a, "excess", 1);
	contains(a->mitigation, "Move 1 rep from Manager A");
}

/* ---- coach-not-assessed ------------------------------------------------------------------- */

static void test_coach_not_assessed_fires(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "senior", "3", -200, &w);
	int64_t bas = person(fx, "Bas Dekker", w.manager);
	int64_t c = coach(fx, bas, "senior", 2, "2");
	trained(fx, c, "2025-06-01");
	int64_t p = person(fx, "Rep A 2", w.manager);
	assign(fx, w.prog, c, p, -30); /* refused at input: recorded with an override */
	const struct alert *a = fired(eval(fx, NULL), "coach-not-assessed", bas);
	assert_int_equal(a->severity, SEV_ERROR);
	assert_string_equal(a->model, "senior");
	fact_is_int(a, "assessed", 0);
	fact_is_int(a, "active_coachees", 1);
	contains(a->summary, "without a readiness assessment");
	contains(a->mitigation, "Assess Bas Dekker");
	contains(a->mitigation, "no criterion below 3, a mean of at least 3.5");

	assessment(fx, bas, w.manager, 4, 2, 4, 4, "not_ready", day(-2));
	a = fired(eval(fx, NULL), "coach-not-assessed", bas);
	fact_is_int(a, "assessed", 1);
	fact_is_text(a, "assessed_on", day(-2));
	fact_is_int(a, "traits", 2);
	fact_is_int(a, "lowest", 2);
	fact_is_real(a, "mean", 3.5);
	fact_is_text(a, "decision", "not_ready");
	contains(a->mitigation, "Assign no (more) coachees to Bas Dekker");
}

static void test_coach_not_assessed_quiet(void **state)
{
	struct fixture *fx = *state;
	struct world s, i;

	world(fx, "S", "senior", "3", -200, &s);
	world(fx, "I", "internal", "3", -200, &i); /* only seniors are assessed */
	const struct alert_list *l = eval(fx, NULL);
	quiet(l, "coach-not-assessed", s.coach_person);
	quiet(l, "coach-not-assessed", i.coach_person);
}

/*
 * 3/4/3/4 (lowest 3, mean exactly 3.5) is ready; 4/2/4/4 (mean 3.5, one
 * criterion below 3) is not, even when the assessor decided "ready";
 * 3/3/4/3 (mean 3.25) is not; the latest assessment counts.
 */
static void test_coach_not_assessed_boundary(void **state)
{
	struct fixture *fx = *state;
	struct world w;
	int64_t nicole, bas, hans, old;

	world(fx, "A", "senior", "3", -200, &w);
	nicole = person(fx, "Nicole Hendriks", w.manager);
	bas = person(fx, "Bas Dekker", w.manager);
	hans = person(fx, "Hans Drie", w.manager);
	old = person(fx, "Olaf Oud", w.manager);
	assessment(fx, nicole, w.manager, 3, 4, 3, 4, "ready", day(-100));
	assessment(fx, bas, w.manager, 4, 2, 4, 4, "ready", day(-100));
	assessment(fx, hans, w.manager, 3, 3, 4, 3, "ready", day(-100));
	assessment(fx, old, w.manager, 5, 5, 5, 5, "ready", day(-300));
	assessment(fx, old, w.manager, 3, 3, 3, 3, "not_ready", day(-20));
	coach(fx, nicole, "senior", 2, "2");
	coach(fx, bas, "senior", 2, "2");
	coach(fx, hans, "senior", 2, "2");
	coach(fx, old, "senior", 2, "2");
	const struct alert_list *l = eval(fx, NULL);
	quiet(l, "coach-not-assessed", nicole);
	const struct alert *a = fired(l, "coach-not-assessed", bas);
	fact_is_real(a, "mean", 3.5);
	fact_is_int(a, "lowest", 2);
	a = fired(l, "coach-not-assessed", hans);
	fact_is_real(a, "mean", 3.25);
	fact_is_int(a, "lowest", 3);
	a = fired(l, "coach-not-assessed", old);
	fact_is_text(a, "assessed_on", day(-20));
}

/* ---- no-incentive ------------------------------------------------------------------------- */

static void test_no_incentive_fires(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "senior", "3", -200, &w);
	const struct alert *a = fired(eval(fx, NULL), "no-incentive", w.coach_person);
	assert_int_equal(a->severity, SEV_WARNING);
	assert_string_equal(a->model, "senior");
	/* 2 h a week x 52 / 12 = 8.67 h a month of 140 selling hours: 6.19 %. */
	fact_is_real(a, "coaching_hours", 8.67);
	fact_is_real(a, "selling_hours", 140);
	fact_is_real(a, "suggested_reduction_pct", 6.19);
	fact_is_int(a, "active_coachees", 1);
	contains(a->mitigation, "suggests 6.19 %");
	contains(a->mitigation, "8.67 h of coaching a month out of 140 selling hours");
	struct alert_list nl = { 0 };
	contains(dutch(fx, a->id, &nl)->mitigation, "6,19");
	alert_list_release(&nl);
}

static void test_no_incentive_quiet(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "senior", "3", -200, &w);
	/* A bonus share alone, without a fixed reduction, is still a plan. */
	incentive(fx, w.coach, "2026-07-01", NULL, NULL, "15");
	quiet(eval(fx, NULL), "no-incentive", w.coach_person);
}

/* A plan must cover today: one that ended yesterday or starts tomorrow does not. */
static void test_no_incentive_boundary(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "senior", "3", -200, &w);
	incentive(fx, w.coach, "2026-01-01", day(-1), "10", NULL);
	fired(eval(fx, NULL), "no-incentive", w.coach_person);
	incentive(fx, w.coach, day(1), NULL, "10", NULL);
	fired(eval(fx, NULL), "no-incentive", w.coach_person);
	incentive(fx, w.coach, day(0), day(0), "10", NULL);
	quiet(eval(fx, NULL), "no-incentive", w.coach_person);
}

/* ---- target-not-reduced ------------------------------------------------------------------- */

/* Senior A's coaching: 3 h in October, 5.25 h in November (docs/demo.md, Nicole). */
static void senior_hours(struct fixture *fx, struct world *w, bool november)
{
	held(fx, w->asg, "2026-10-05T10:00", 60);
	held(fx, w->asg, "2026-10-12T10:00", 60);
	held(fx, w->asg, "2026-10-19T10:00", 60);
	if (!november)
		return;
	held(fx, w->asg, "2026-11-02T10:00", 90);
	held(fx, w->asg, "2026-11-09T10:00", 90);
	held(fx, w->asg, "2026-11-16T10:00", 90);
	held(fx, w->asg, "2026-11-23T10:00", 45);
}

static void test_target_not_reduced_fires(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "senior", "3", -200, &w);
	incentive(fx, w.coach, "2026-07-01", NULL, NULL, "15");
	held(fx, w.asg, "2026-06-15T10:00", 300); /* before the plan: not counted */
	senior_hours(fx, &w, true);
	result(fx, w.coach_person, "2026-06", 70000);
	result(fx, w.coach_person, "2026-07", 70000);
	result(fx, w.coach_person, "2026-10", 70000);
	result(fx, w.coach_person, "2026-11", 70000);
	const struct alert *a = fired(eval(fx, NULL), "target-not-reduced", w.coach_person);
	assert_int_equal(a->severity, SEV_WARNING);
	/*
	 * The last complete month on the reference day (2026-11-28) is October: 70,000 x 3 / 140
	 * = 1,500 -> 68,500. November (5.25 h so far) is the month to date, whose figures
	 * change every day: not counted until it is over.
	 */
	fact_is_text(a, "month", "2026-10");
	fact_is_real(a, "quota", 70000);
	fact_is_real(a, "base_quota", 70000);
	fact_is_text(a, "base_month", "2026-06");
	fact_is_real(a, "coaching_hours", 3);
	fact_is_real(a, "reduction", 1500);
	fact_is_real(a, "implied_quota", 68500);
	fact_is_real(a, "lower_by", 1500);
	fact_is_int(a, "months_affected", 1);
	fact_is_text(a, "shortfalls", "2026-10=1500");
	assert_false(has_fact(a, "reduction_pct"));
	contains(a->summary, "quota for 2026-10 is €70,000, not below the €68,500 the incentive "
	                     "plan implies. 1 complete month affected: 2026-10 (€1,500 too high).");
	contains(a->mitigation, "by more than €1,500, to below €68,500");
	contains(a->mitigation, "3 h of coaching out of 140 selling hours");
	struct alert_list nl = { 0 };
	const struct alert *d = dutch(fx, a->id, &nl);
	contains(d->summary, "is € 70.000, niet lager dan de € 68.500");
	contains(d->summary, "1 volledige maand waarin dat zo is: 2026-10 (€ 1.500 te hoog).");
	alert_list_release(&nl);
}

/*
 * Every complete month that misses the plan is listed with its shortfall, the latest in full:
 * August (50 minutes: 70,000 - 416.67 = 69,583.33 implied), September (no quota: not known),
 * October (3 h: 68,500).
 */
static void test_target_not_reduced_lists_every_month(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "senior", "3", -200, &w);
	incentive(fx, w.coach, "2026-07-01", NULL, NULL, "15");
	held(fx, w.asg, "2026-08-10T10:00", 50);
	held(fx, w.asg, "2026-09-10T10:00", 60);
	senior_hours(fx, &w, true);
	result(fx, w.coach_person, "2026-06", 70000);
	result(fx, w.coach_person, "2026-08", 71234);
	result(fx, w.coach_person, "2026-10", 70000);
	result(fx, w.coach_person, "2026-11", 70000);
	const struct alert *a = fired(eval(fx, NULL), "target-not-reduced", w.coach_person);
	fact_is_text(a, "month", "2026-10");
	fact_is_int(a, "months_affected", 2);
	fact_is_text(a, "shortfalls", "2026-08=1650.67, 2026-10=1500");
	contains(a->summary, "2 complete months affected: 2026-08 (€1,650.67 too high), 2026-10 "
	                     "(€1,500 too high).");
	struct alert_list nl = { 0 };
	contains(dutch(fx, a->id, &nl)->summary, "2026-08 (€ 1.650,67 te hoog)");
	alert_list_release(&nl);
}

/* The fixed-percentage plan: 20 % of 80,000 = 16,000 -> 64,000. */
static void test_target_not_reduced_fixed_pct(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "senior", "3", -200, &w);
	incentive(fx, w.coach, "2026-07-01", NULL, "20", "10");
	senior_hours(fx, &w, false);
	result(fx, w.coach_person, "2026-06", 80000);
	int64_t oct = result(fx, w.coach_person, "2026-10", 64500);
	const struct alert *a = fired(eval(fx, NULL), "target-not-reduced", w.coach_person);
	fact_is_text(a, "month", "2026-10");
	fact_is_real(a, "quota", 64500);
	fact_is_real(a, "implied_quota", 64000);
	fact_is_real(a, "lower_by", 500);
	fact_is_real(a, "reduction", 16000);
	fact_is_real(a, "reduction_pct", 20);
	fact_is_int(a, "months_affected", 1);
	contains(a->mitigation, "by more than €500, to below €64,000");
	contains(a->mitigation, "fixed 20 %");
	/* Exactly the implied quota is not below it: still fires, with nothing left but "below". */
	update(fx, E_RESULT, oct, "quota", "64000", NULL);
	a = fired(eval(fx, NULL), "target-not-reduced", w.coach_person);
	fact_is_real(a, "quota", 64000);
	fact_is_real(a, "implied_quota", 64000);
	fact_is_real(a, "lower_by", 0);
	contains(a->mitigation, "to below €64,000");
	/* A euro below it is reduced enough. */
	update(fx, E_RESULT, oct, "quota", "63999", NULL);
	quiet(eval(fx, NULL), "target-not-reduced", w.coach_person);
}

/*
 * To the cent: 1 % of 64,699 is 646.99, so the plan implies 64,052.01. A quota of 64,052 is one
 * cent below it and does not fire; 64,053 does.
 */
static void test_target_not_reduced_one_cent_below(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "senior", "3", -200, &w);
	incentive(fx, w.coach, "2026-07-01", NULL, "1", NULL);
	senior_hours(fx, &w, false);
	result(fx, w.coach_person, "2026-06", 64699);
	int64_t oct = result(fx, w.coach_person, "2026-10", 64052);
	quiet(eval(fx, NULL), "target-not-reduced", w.coach_person);
	update(fx, E_RESULT, oct, "quota", "64053", NULL);
	const struct alert *a = fired(eval(fx, NULL), "target-not-reduced", w.coach_person);
	fact_is_real(a, "implied_quota", 64052.01);
	fact_is_real(a, "lower_by", 0.99);
}

static void test_target_not_reduced_quiet(void **state)
{
	struct fixture *fx = *state;
	struct world w, v;

	world(fx, "A", "senior", "3", -200, &w);
	incentive(fx, w.coach, "2026-07-01", NULL, "20", "10");
	senior_hours(fx, &w, true);
	result(fx, w.coach_person, "2026-06", 80000);
	result(fx, w.coach_person, "2026-10", 63500);
	result(fx, w.coach_person, "2026-11", 63500);
	/* Without a quota before the plan there is nothing to reduce from. */
	world(fx, "B", "senior", "3", -200, &v);
	incentive(fx, v.coach, "2026-07-01", NULL, NULL, NULL);
	senior_hours(fx, &v, false);
	result(fx, v.coach_person, "2026-10", 90000);
	const struct alert_list *l = eval(fx, NULL);
	quiet(l, "target-not-reduced", w.coach_person);
	quiet(l, "target-not-reduced", v.coach_person);
}

/*
 * Hours-based: the plan implies 68,500 (= 70,000 - 70,000 x 3 / 140). 68,499 is below it and does
 * not fire; 68,500 is not below it and fires, as does 68,501.
 */
static void test_target_not_reduced_boundary(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "senior", "3", -200, &w);
	incentive(fx, w.coach, "2026-07-01", NULL, NULL, NULL);
	senior_hours(fx, &w, false);
	result(fx, w.coach_person, "2026-06", 70000);
	int64_t oct = result(fx, w.coach_person, "2026-10", 68499);
	result(fx, w.coach_person, "2026-09", 70000); /* no coaching in September */
	quiet(eval(fx, NULL), "target-not-reduced", w.coach_person);
	update(fx, E_RESULT, oct, "quota", "68500", NULL);
	const struct alert *a = fired(eval(fx, NULL), "target-not-reduced", w.coach_person);
	fact_is_real(a, "implied_quota", 68500);
	fact_is_real(a, "lower_by", 0);
	update(fx, E_RESULT, oct, "quota", "68501", NULL);
	a = fired(eval(fx, NULL), "target-not-reduced", w.coach_person);
	fact_is_text(a, "month", "2026-10");
	fact_is_real(a, "implied_quota", 68500);
	fact_is_real(a, "reduction", 1500);
	fact_is_real(a, "lower_by", 1);
	fact_is_real(a, "coaching_hours", 3);
	fact_is_int(a, "months_affected", 1);
}

/*
 * A plan that started years ago (beyond the rules' day index), and a
 * session at 00:30 local on the first of a month, which is still the last
 * day of the month before in UTC: it counts for the local month.
 */
static void test_target_not_reduced_old_plan_local_month(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "senior", "3", -600, &w);
	update(fx, E_PROGRAMME, w.prog, "starts_on", "2023-01-01", NULL);
	update(fx, E_ASSIGNMENT, w.asg, "starts_on", "2023-01-01", NULL);
	incentive(fx, w.coach, "2023-01-01", NULL, NULL, NULL);
	held(fx, w.asg, "2024-03-01T00:30", 120);
	result(fx, w.coach_person, "2022-12", 70000);
	result(fx, w.coach_person, "2024-02", 70000);
	result(fx, w.coach_person, "2024-03", 70000);
	const struct alert *a = fired(eval(fx, NULL), "target-not-reduced", w.coach_person);
	fact_is_text(a, "month", "2024-03");
	fact_is_text(a, "base_month", "2022-12");
	fact_is_real(a, "coaching_hours", 2);
	fact_is_real(a, "implied_quota", 69000);
	fact_is_int(a, "months_affected", 1);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_no_supervision_fires),
		T(test_no_supervision_quiet),
		T(test_no_supervision_boundary),
		T(test_no_supervision_named_reviewer),
		T(test_manager_no_time_fires),
		T(test_manager_no_time_no_delegation),
		T(test_manager_no_time_quiet),
		T(test_manager_no_time_boundary),
		T(test_manager_no_time_coachee_in_two_programmes),
		T(test_manager_no_time_higher_target_only),
		T(test_span_too_wide_fires),
		T(test_span_too_wide_quiet),
		T(test_span_too_wide_boundary),
		T(test_coach_not_assessed_fires),
		T(test_coach_not_assessed_quiet),
		T(test_coach_not_assessed_boundary),
		T(test_no_incentive_fires),
		T(test_no_incentive_quiet),
		T(test_no_incentive_boundary),
		T(test_target_not_reduced_fires),
		T(test_target_not_reduced_lists_every_month),
		T(test_target_not_reduced_fixed_pct),
		T(test_target_not_reduced_one_cent_below),
		T(test_target_not_reduced_quiet),
		T(test_target_not_reduced_boundary),
		T(test_target_not_reduced_old_plan_local_month),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
