/*
 * test_coaches.c - the coaches report (report.h, report_coaches) on a small
 * organisation built by hand (tests/support/rules_fixture.c; today is
 * 2026-11-28 in Europe/Amsterdam, so of 2026-08..2026-11 the months August
 * to October are over and November is not). k is 3. Every expected figure
 * is worked out in the comment of organisation() from the records it adds.
 */
#include "rules_fixture.h"
#include "domain/account.h"
#include "plan/report.h"

/* Days from today to date, for the fixture's offsets. */
static int off(const char *date)
{
	return (int)tu_days_between(TODAY, date);
}

/* A held session of minutes at when (local time), with the coachee's feedback (0: none). */
static void held_fb(struct fixture *fx, int64_t asg, const char *when, int minutes, int feedback)
{
	if (feedback)
		add(fx, E_SESSION, "assignment", num(asg), "kind", "one_to_one", "at", when,
		    "minutes", num(minutes), "status", "held", "feedback", num(feedback), NULL);
	else
		held(fx, asg, when, minutes);
}

struct cworld {
	struct world a, b;
	int64_t idle, idle_person, dormant;
};

/*
 * Range 2026-08..2026-11. Targets 3 h (180 min) a month; a part of a month
 * owes its share: days run / days of the month.
 *
 * Manager A (capacity 10, manager model):
 *   Rep A    from 07-01: held 07-15 (fb 1, before the range), 08-10 180 min
 *            (fb 4), 09-05 120 min (fb 5); 10-07 180 min cancelled.
 *   Rep A 2  from 09-16 (15 of 30 days: owes 90 min): held 09-20 90 min
 *            (fb 3); 10-15 60 min and 10-20 120 min (fb 4).
 *   Rep A 3  08-01 .. 09-30, ended: held 08-12 60 min (fb 2).
 *   Rep A 4  from 08-20, paused: held 09-10 180 min (fb 1): not in the
 *            load or the cadence, but its feedback counts.
 *   Rep A 5  from 10-01: held 11-01 00:30 Amsterdam (10-31 23:30 UTC: in
 *            November), 180 min (fb 5).
 *   coachees: Aug 2 (A, A3) 20 %, Sep 3 (A, A2, A3) 30 %, Oct 3 (A, A2, A5)
 *   30 %, Nov 3 (A, A2, A5) 30 %.
 *   cadence Aug-Oct: Aug A kept, A3 not (60 < 180): 1/2; Sep A not (120),
 *   A2 kept (90 = 90), A3 not (0): 1/3; Oct A not (cancelled), A2 kept
 *   (180), A5 not (its session is November's): 1/3. 3 of 8 = 37.5 %.
 *   feedback: A 4.5 (4, 5), A2 3.5 (3, 4), A3 2, A4 1, A5 5: 5 people,
 *   mean (4.5 + 3.5 + 2 + 1 + 5) / 5 = 3.2.
 * Senior B (capacity 3, senior model):
 *   Rep B    from 08-01: held 08-20 60 min (fb 4).
 *   Rep B 2  from 08-01: held 09-12 180 min (fb 2).
 *   Rep B 3  from 10-10 (22 of 31 days: owes 180 * 22 / 31 = 127.7 min):
 *            held 10-25 130 min (fb 5).
 *   coachees: Aug 2 66.7 %, Sep 2 66.7 %, Oct 3 100 %, Nov 3 100 %.
 *   cadence: Aug 0/2, Sep 1/2 (B2), Oct 1/3 (B3): 2 of 7 = 28.6 %.
 *   feedback: 3 people, (4 + 2 + 5) / 3 = 3.67 -> 3.7; over Aug-Sep only
 *   2 people (B, B2): below k, no mean.
 * Intern C (capacity 8, active, no relationship): listed with nothing.
 * Intern D (inactive, no relationship): not listed.
 */
static void organisation(struct fixture *fx, struct cworld *g)
{
	struct sc_error err;
	sc_error_init(&err);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "3", &err), SC_OK);
	struct world *a = &g->a, *b = &g->b;

	world(fx, "A", "manager", "3", off("2026-07-01"), a);
	held_fb(fx, a->asg, "2026-07-15T10:00", 60, 1);
	held_fb(fx, a->asg, "2026-08-10T10:00", 180, 4);
	held_fb(fx, a->asg, "2026-09-05T10:00", 120, 5);
	session(fx, a->asg, "one_to_one", "2026-10-07T10:00", 180, "cancelled");
	int64_t a2 = coachee(fx, a, 2, off("2026-09-16"), NULL);
	held_fb(fx, a2, "2026-09-20T10:00", 90, 3);
	held_fb(fx, a2, "2026-10-15T10:00", 60, 0);
	held_fb(fx, a2, "2026-10-20T10:00", 120, 4);
	int64_t a3 = coachee(fx, a, 3, off("2026-08-01"), NULL);
	held_fb(fx, a3, "2026-08-12T10:00", 60, 2);
	update(fx, E_ASSIGNMENT, a3, "ends_on", "2026-09-30", "status", "ended", NULL);
	int64_t a4 = coachee(fx, a, 4, off("2026-08-20"), NULL);
	held_fb(fx, a4, "2026-09-10T10:00", 180, 1);
	update(fx, E_ASSIGNMENT, a4, "status", "paused", NULL);
	int64_t a5 = coachee(fx, a, 5, off("2026-10-01"), NULL);
	held_fb(fx, a5, "2026-11-01T00:30", 180, 5);

	world(fx, "B", "senior", "3", off("2026-08-01"), b);
	held_fb(fx, b->asg, "2026-08-20T10:00", 60, 4);
	int64_t b2 = coachee(fx, b, 2, off("2026-08-01"), NULL);
	held_fb(fx, b2, "2026-09-12T10:00", 180, 2);
	int64_t b3 = coachee(fx, b, 3, off("2026-10-10"), NULL);
	held_fb(fx, b3, "2026-10-25T10:00", 130, 5);

	g->idle_person = person(fx, "Intern C", 0);
	g->idle = coach(fx, g->idle_person, "internal", 8, "16");
	g->dormant = coach(fx, person(fx, "Intern D", 0), "internal", 4, "8");
	update(fx, E_COACH, g->dormant, "active", "false", NULL);
}

static json_t *coaches(struct fixture *fx, const struct report_opts *o)
{
	json_t *out = NULL;
	struct sc_error err;
	sc_error_init(&err);
	if (report_coaches(&fx->d, o, &out, &err) != SC_OK)
		fail_msg("the coaches report was refused: %s", err.message);
	return out;
}

/* The entry of coach profile id; NULL when not listed. */
static json_t *entry(json_t *rep, int64_t id)
{
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(rep, "coaches"), i, e)
	{
		if (json_integer_value(json_object_get(json_object_get(e, "coach"), "id")) == id)
			return e;
	}
	return NULL;
}

static long tenths(json_t *v)
{
	if (!json_is_number(v))
		fail_msg("expected a number, got %s", json_is_null(v) ? "null" : "nothing");
	return lround(json_number_value(v) * 10);
}

/* The coachees and load (tenths of a per cent) of each month, from the first. */
static void load_is(json_t *e, const long *coachees, const long *load, size_t n, long capacity)
{
	json_t *months = json_object_get(e, "months");
	assert_int_equal(json_array_size(months), n);
	for (size_t m = 0; m < n; m++) {
		json_t *mo = json_array_get(months, m);
		if (json_integer_value(json_object_get(mo, "coachees")) != coachees[m] ||
		    tenths(json_object_get(mo, "load_pct")) != load[m])
			fail_msg("month %s: expected %ld coachees, load %.1f %%; got %lld, %.2f",
			         json_string_value(json_object_get(mo, "month")), coachees[m],
			         load[m] / 10.0,
			         (long long)json_integer_value(json_object_get(mo, "coachees")),
			         json_number_value(json_object_get(mo, "load_pct")));
		assert_int_equal(json_integer_value(json_object_get(mo, "capacity")), capacity);
	}
}

/* The cadence: kept of coachee-months, pct in tenths (-1: null). */
static void cadence_is(json_t *e, long kept, long months, long pct)
{
	json_t *c = json_object_get(e, "cadence");
	assert_int_equal(json_integer_value(json_object_get(c, "kept")), kept);
	assert_int_equal(json_integer_value(json_object_get(c, "coachee_months")), months);
	if (pct < 0)
		assert_true(json_is_null(json_object_get(c, "pct")));
	else
		assert_int_equal(tenths(json_object_get(c, "pct")), pct);
}

/* The feedback: people, mean in tenths (-1: null). */
static void feedback_is(json_t *e, long people, long mean)
{
	json_t *f = json_object_get(e, "feedback");
	assert_int_equal(json_integer_value(json_object_get(f, "people")), people);
	if (mean < 0)
		assert_true(json_is_null(json_object_get(f, "mean")));
	else
		assert_int_equal(tenths(json_object_get(f, "mean")), mean);
}

static void test_load_cadence_and_feedback(void **state)
{
	struct fixture *fx = *state;
	struct cworld g;
	organisation(fx, &g);
	struct report_opts o = { .from = "2026-08", .to = "2026-11" };
	json_t *rep = coaches(fx, &o);

	assert_int_equal(json_integer_value(json_object_get(rep, "k")), 3);
	/* Manager A, Senior B and the idle Intern C; the inactive Intern D is left out. */
	assert_int_equal(json_array_size(json_object_get(rep, "coaches")), 3);
	assert_null(entry(rep, g.dormant));

	json_t *a = entry(rep, g.a.coach);
	assert_non_null(a);
	json_t *who = json_object_get(a, "coach");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(who, "person"), "id")),
	                 g.a.manager);
	assert_string_equal(
	        json_string_value(json_object_get(json_object_get(who, "person"), "name")),
	        "Manager A");
	assert_string_equal(json_string_value(json_object_get(who, "kind")), "manager");
	assert_true(json_is_true(json_object_get(who, "active")));
	static const long a_n[] = { 2, 3, 3, 3 }, a_load[] = { 200, 300, 300, 300 };
	load_is(a, a_n, a_load, 4, 10);
	cadence_is(a, 3, 8, 375);
	feedback_is(a, 5, 32);

	json_t *b = entry(rep, g.b.coach);
	static const long b_n[] = { 2, 2, 3, 3 }, b_load[] = { 667, 667, 1000, 1000 };
	load_is(b, b_n, b_load, 4, 3);
	cadence_is(b, 2, 7, 286);
	feedback_is(b, 3, 37);

	/* Intern C: no one coached, nothing to keep, no feedback. */
	json_t *c = entry(rep, g.idle);
	static const long c_n[] = { 0, 0, 0, 0 }, c_load[] = { 0, 0, 0, 0 };
	load_is(c, c_n, c_load, 4, 8);
	cadence_is(c, 0, 0, -1);
	feedback_is(c, 0, -1);
	/* An entry holds these figures and nothing else (no session, no coachee named). */
	static const char *const keys[] = { "coach", "months", "cadence", "feedback", "impact" };
	assert_int_equal(json_object_size(a), 5);
	for (size_t i = 0; i < 5; i++)
		assert_non_null(json_object_get(a, keys[i]));
	char *text = json_dumps(rep, 0);
	lacks(text, "Rep A");
	free(text);
	json_decref(rep);
}

static void test_feedback_needs_k_coachees(void **state)
{
	struct fixture *fx = *state;
	struct cworld g;
	organisation(fx, &g);

	/* August and September: B and B 2 gave feedback, two people: no mean. */
	struct report_opts o = { .from = "2026-08", .to = "2026-09" };
	json_t *rep = coaches(fx, &o);
	feedback_is(entry(rep, g.b.coach), 2, -1);
	/* Manager A: A (4, 5), A 2 (3), A 3 (2), A 4 (1): (4.5 + 3 + 2 + 1) / 4 = 2.625 -> 2.6. */
	feedback_is(entry(rep, g.a.coach), 4, 26);
	/* The cadence of these two months: A 1/2 and 1/3; B 0/2 and 1/2. */
	cadence_is(entry(rep, g.a.coach), 2, 5, 400);
	cadence_is(entry(rep, g.b.coach), 1, 4, 250);
	json_decref(rep);

	/* November alone: not over, so no cadence; A 5's feedback alone: no mean. */
	o = (struct report_opts){ .from = "2026-11", .to = "2026-11" };
	rep = coaches(fx, &o);
	cadence_is(entry(rep, g.a.coach), 0, 0, -1);
	feedback_is(entry(rep, g.a.coach), 1, -1);
	json_decref(rep);
}

static void test_filters(void **state)
{
	struct fixture *fx = *state;
	struct cworld g;
	organisation(fx, &g);

	/* Team A: its coach only; the idle coach belongs to no team. */
	struct report_opts o = { .team = g.a.team, .from = "2026-08", .to = "2026-11" };
	json_t *rep = coaches(fx, &o);
	assert_int_equal(json_array_size(json_object_get(rep, "coaches")), 1);
	cadence_is(entry(rep, g.a.coach), 3, 8, 375);
	json_decref(rep);

	/* Programme B: Senior B alone, with the same figures. */
	o = (struct report_opts){ .programme = g.b.prog, .from = "2026-08", .to = "2026-11" };
	rep = coaches(fx, &o);
	assert_int_equal(json_array_size(json_object_get(rep, "coaches")), 1);
	feedback_is(entry(rep, g.b.coach), 3, 37);
	json_decref(rep);

	/* Model internal: the idle Intern C (of that kind), no one else. */
	o = (struct report_opts){ .model = "internal", .from = "2026-08", .to = "2026-11" };
	rep = coaches(fx, &o);
	assert_int_equal(json_array_size(json_object_get(rep, "coaches")), 1);
	assert_non_null(entry(rep, g.idle));
	json_decref(rep);

	/* A bad parameter is refused as by every report. */
	json_t *out = NULL;
	struct sc_error err;
	sc_error_init(&err);
	o = (struct report_opts){ .from = "2026-13" };
	assert_int_equal(report_coaches(&fx->d, &o, &out, &err), SC_INVALID);
	assert_string_equal(err.field, "from");
	assert_null(out);
}

/* Refused to name, in English and Dutch, saying who may read it. */
static void refused(struct fixture *fx, const char *name)
{
	struct report_opts o = { .from = "2026-08", .to = "2026-11" };
	json_t *out = NULL;
	struct sc_error err;
	act_as(fx, name);
	sc_error_init(&err);
	assert_int_equal(report_coaches(&fx->d, &o, &out, &err), SC_FORBIDDEN);
	assert_null(out);
	contains(err.message, "administrators read every coach");
	fx->d.lang = MSG_NL;
	sc_error_init(&err);
	assert_int_equal(report_coaches(&fx->d, &o, &out, &err), SC_FORBIDDEN);
	fx->d.lang = MSG_EN;
	contains(err.message, "beheerders");
}

static void test_who_reads_which_coaches(void **state)
{
	struct fixture *fx = *state;
	struct cworld g;
	struct sc_error err;
	int64_t account;
	organisation(fx, &g);
	int64_t director = person(fx, "Director Z", 0);
	assert_int_equal(account_global_init(&err), SC_OK);
	assert_int_equal(
	        account_set(&fx->d, director, "executive", "correct horse battery", &account, &err),
	        SC_OK);
	struct report_opts o = { .from = "2026-08", .to = "2026-11" };
	json_t *admin = coaches(fx, &o);

	/* A coach reads their own entry, as the administrator reads it, and no other. */
	static const char *const self[] = { "Manager A", "Senior B", "Intern C" };
	int64_t ids[] = { g.a.coach, g.b.coach, g.idle };
	for (size_t i = 0; i < 3; i++) {
		act_as(fx, self[i]);
		json_t *own = coaches(fx, &o);
		assert_int_equal(json_array_size(json_object_get(own, "coaches")), 1);
		assert_true(json_equal(entry(own, ids[i]), entry(admin, ids[i])));
		json_decref(own);
	}
	/* An executive who coaches no one, a rep and a manager who coaches no one: refused. */
	refused(fx, "Director Z");
	refused(fx, "Rep A");
	refused(fx, "Boss A");
	json_decref(admin);
}

/* Quota 100 and revenue b1, b2 in April and May, a1, a2 in July and August 2026. */
static void four(struct fixture *fx, int64_t rep, int b1, int b2, int a1, int a2)
{
	static const char *const months[4] = { "2026-04", "2026-05", "2026-07", "2026-08" };
	int rev[4] = { b1, b2, a1, a2 };
	for (int i = 0; i < 4; i++)
		add(fx, E_RESULT, "rep", num(rep), "month", months[i], "quota", "100", "revenue",
		    num(rev[i]), NULL);
}

/*
 * The impact (the impact analysis: impact_months 2, k 3) of relationships
 * begun in June 2026: attainment in April and May against July and August.
 *   Manager A: Rep A (from 06-10) 90 -> 110: +20; Rep A 2 (06-01) 100 ->
 *   110: +10; Rep A 3 (06-30) 100 -> 115: +15. Mean +15.
 *   Senior B: Rep B (06-15) 100 -> 115: +15, one coachee: too few.
 *   Not coached: Rep C 1 0, Rep C 2 +5, Rep C 3 -5: mean 0.
 * Manager A: 3 coached and 3 controls, effect 15 - 0 = 15.0 points;
 * Senior B: 1 coached, not enough; no deals, so no win rate for anyone.
 */
static void test_impact_of_each_coach(void **state)
{
	struct fixture *fx = *state;
	struct world a, b;
	struct sc_error err;
	int64_t p;
	sc_error_init(&err);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "3", &err), SC_OK);
	assert_int_equal(store_setting_put(fx->st, fx->org, "impact_months", "2", &err), SC_OK);
	world(fx, "A", "manager", "3", off("2026-06-10"), &a);
	four(fx, a.rep, 100, 80, 110, 110);
	coachee(fx, &a, 2, off("2026-06-01"), &p);
	four(fx, p, 100, 100, 110, 110);
	coachee(fx, &a, 3, off("2026-06-30"), &p);
	four(fx, p, 100, 100, 115, 115);
	world(fx, "B", "senior", "3", off("2026-06-15"), &b);
	four(fx, b.rep, 100, 100, 115, 115);
	four(fx, person(fx, "Rep C 1", a.manager), 100, 100, 100, 100);
	four(fx, person(fx, "Rep C 2", a.manager), 100, 100, 105, 105);
	four(fx, person(fx, "Rep C 3", a.manager), 100, 100, 95, 95);

	struct report_opts o = { .from = "2026-06", .to = "2026-11" };
	json_t *rep = coaches(fx, &o);
	json_t *im = json_object_get(entry(rep, a.coach), "impact");
	json_t *att = json_object_get(im, "attainment");
	assert_int_equal(json_integer_value(json_object_get(im, "people")), 3);
	assert_int_equal(json_integer_value(json_object_get(att, "treated")), 3);
	assert_int_equal(json_integer_value(json_object_get(att, "control")), 3);
	assert_true(json_is_true(json_object_get(att, "enough")));
	assert_int_equal(tenths(json_object_get(att, "treated_change")), 150);
	assert_int_equal(tenths(json_object_get(att, "control_change")), 0);
	assert_int_equal(tenths(json_object_get(att, "effect")), 150);
	assert_true(json_number_value(json_object_get(att, "low")) < 15.0 &&
	            json_number_value(json_object_get(att, "high")) > 15.0);
	assert_true(json_is_false(json_object_get(json_object_get(im, "win_rate"), "enough")));

	im = json_object_get(entry(rep, b.coach), "impact");
	att = json_object_get(im, "attainment");
	assert_int_equal(json_integer_value(json_object_get(att, "treated")), 1);
	assert_true(json_is_false(json_object_get(att, "enough")));
	assert_null(json_object_get(att, "effect"));
	json_decref(rep);

	/* Filtered to team B: Manager A's relationships are out of it, and so is he. */
	o.team = b.team;
	rep = coaches(fx, &o);
	assert_null(entry(rep, a.coach));
	assert_int_equal(json_integer_value(json_object_get(
	                         json_object_get(json_object_get(entry(rep, b.coach), "impact"),
	                                         "attainment"),
	                         "treated")),
	                 1);
	json_decref(rep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_load_cadence_and_feedback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_feedback_needs_k_coachees, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_who_reads_which_coaches, setup, teardown),
		cmocka_unit_test_setup_teardown(test_impact_of_each_coach, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
