/*
 * test_impact.c - the impact report (report.h, report_impact) on a small
 * organisation built by hand (tests/support/rules_fixture.c; today is
 * 2026-11-28, so this month is 2026-11). k is 3 and impact_months (N) 2.
 * Every expected figure is worked out in the comments from the results
 * the organisation holds; t values are calc_t975's.
 */
#include "rules_fixture.h"
#include "plan/report.h"

/* Days from today to date, for the fixture's offsets. */
static int off(const char *date)
{
	return (int)tu_days_between(TODAY, date);
}

/* A sales result of rep in month: quota, revenue, deals won and lost. */
static void res(struct fixture *fx, int64_t rep, const char *month, int quota, int revenue, int won,
                int lost)
{
	char q[16], r[16], w[16], l[16];
	snprintf(q, sizeof(q), "%d", quota);
	snprintf(r, sizeof(r), "%d", revenue);
	snprintf(w, sizeof(w), "%d", won);
	snprintf(l, sizeof(l), "%d", lost);
	add(fx, E_RESULT, "rep", num(rep), "month", month, "quota", q, "revenue", r, "deals_won", w,
	    "deals_lost", l, NULL);
}

/* Quota 100 and this revenue in before1, before2, after1, after2 (a revenue < 0: no result). */
static void four(struct fixture *fx, int64_t rep, int b1, int b2, int a1, int a2)
{
	static const char *const months[4] = { "2026-04", "2026-05", "2026-07", "2026-08" };
	int rev[4] = { b1, b2, a1, a2 };
	for (int i = 0; i < 4; i++)
		if (rev[i] >= 0)
			res(fx, rep, months[i], 100, rev[i], 0, 0);
}

/*
 * Relationships begun in June 2026 (M = 2026-06): before = April and May,
 * after = July and August (June itself is left out). Attainment change in
 * points, after - before:
 *   Team A, manager model:
 *     Rep A    (from 06-10) Apr 100/100, May 80/100 = 90; Jul 110, Aug 110 = 110: +20.
 *              June 0/100 is not counted. Deals: Apr 1 won 1 lost, Jul 3 won 1 lost:
 *              win rate 50 -> 75: +25.
 *     Rep A 2  (from 06-01) Apr 150/200, May 50 of quota 0 (left out, revenue too) = 75;
 *              Jul 85/100, no August = 85: +10. Deals: May 0 won 2 lost, Aug 1 won 1
 *              lost: 0 -> 50: +50.
 *     Rep A 3  (from 06-30) 100, 100 -> 115, 115: +15. No deals: no win rate.
 *   Team B, senior model:
 *     Rep B    (from 06-15) 100, 100 -> 115, 115: +15. No deals.
 * Not coached from April to August (the controls of June):
 *     Rep C 1  100, 100 -> 100, 100: 0.  Deals Apr 1/1, Jul 1/1: 50 -> 50: 0.
 *     Rep C 2  100, 100 -> 105, 105: +5. Deals Apr 2/0, Jul 1/1: 100 -> 50: -50.
 *     Rep C 3  100, 100 -> 95, 95: -5.
 *     Rep A 4  100, 100 -> 100, 100: 0; coached from 09-05 only (after August): a
 *              control of June, and a relationship of September whose months after
 *              (October, November) are not over: waiting, no figure.
 * Not controls:
 *     Rep X    coached from 03-01, paused: 100, 100 -> 200, 200 (+100 would show).
 *     Rep Y    April and May only: no change.
 *
 * Manager model: treated 20, 10, 15: mean 15, s^2 = (25 + 25 + 0) / 2 = 25;
 * controls 0, 5, -5, 0: mean 0, s^2 = (0 + 25 + 25 + 0) / 3 = 50/3.
 * a = 25/3 = 8.3333, b = (50/3)/4 = 4.1667, se = sqrt(12.5) = 3.5355;
 * df = 12.5^2 / (8.3333^2/2 + 4.1667^2/3) = 156.25 / 40.509 = 3.86 -> 3,
 * t = 3.182446, half = 11.2516: effect 15.0 [3.7, 26.3].
 * Total (Rep B too): treated 20, 10, 15, 15: mean 15, s^2 = 50/3; a = b =
 * 4.1667, se = 2.8868, df = (2a)^2 / (2 a^2 / 3) = 6, t = 2.446912, half =
 * 7.0637: effect 15.0 [7.9, 22.1].
 * Win rate: treated 2 (Rep A, Rep A 2), controls 2 (Rep C 1, 2): below k.
 */
static void organisation(struct fixture *fx, struct world *a, struct world *b)
{
	struct sc_error err;
	int64_t p;
	sc_error_init(&err);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "3", &err), SC_OK);
	assert_int_equal(store_setting_put(fx->st, fx->org, "impact_months", "2", &err), SC_OK);

	world(fx, "A", "manager", "3", off("2026-06-10"), a);
	res(fx, a->rep, "2026-04", 100, 100, 1, 1);
	res(fx, a->rep, "2026-05", 100, 80, 0, 0);
	res(fx, a->rep, "2026-06", 100, 0, 0, 0);
	res(fx, a->rep, "2026-07", 100, 110, 3, 1);
	res(fx, a->rep, "2026-08", 100, 110, 0, 0);
	coachee(fx, a, 2, off("2026-06-01"), &p);
	res(fx, p, "2026-04", 200, 150, 0, 0);
	res(fx, p, "2026-05", 0, 50, 0, 2);
	res(fx, p, "2026-07", 100, 85, 0, 0);
	res(fx, p, "2026-08", 0, 0, 1, 1);
	coachee(fx, a, 3, off("2026-06-30"), &p);
	four(fx, p, 100, 100, 115, 115);
	coachee(fx, a, 4, off("2026-09-05"), &p);
	four(fx, p, 100, 100, 100, 100);
	int64_t x = coachee(fx, a, 9, off("2026-03-01"), &p);
	update(fx, E_ASSIGNMENT, x, "status", "paused", NULL);
	four(fx, p, 100, 100, 200, 200);

	world(fx, "B", "senior", "3", off("2026-06-15"), b);
	four(fx, b->rep, 100, 100, 115, 115);

	p = person(fx, "Rep C 1", a->manager);
	res(fx, p, "2026-04", 100, 100, 1, 1);
	res(fx, p, "2026-05", 100, 100, 0, 0);
	res(fx, p, "2026-07", 100, 100, 1, 1);
	res(fx, p, "2026-08", 100, 100, 0, 0);
	p = person(fx, "Rep C 2", a->manager);
	res(fx, p, "2026-04", 100, 100, 2, 0);
	res(fx, p, "2026-05", 100, 100, 0, 0);
	res(fx, p, "2026-07", 100, 105, 1, 1);
	res(fx, p, "2026-08", 100, 105, 0, 0);
	four(fx, person(fx, "Rep C 3", a->manager), 100, 100, 95, 95);
	four(fx, person(fx, "Rep Y", a->manager), 100, 100, -1, -1);
}

static json_t *impact(struct fixture *fx, const struct report_opts *o)
{
	json_t *out = NULL;
	struct sc_error err;
	sc_error_init(&err);
	if (report_impact(&fx->d, o, &out, &err) != SC_OK)
		fail_msg("the impact report was refused: %s", err.message);
	return out;
}

/* The impact of model, or the total when model is NULL. */
static json_t *of(json_t *rep, const char *model)
{
	size_t i;
	json_t *m;
	if (!model)
		return json_object_get(rep, "total");
	json_array_foreach(json_object_get(rep, "models"), i, m)
	{
		if (!strcmp(json_string_value(json_object_get(m, "model")), model))
			return json_object_get(m, "impact");
	}
	fail_msg("no model %s", model);
	return NULL;
}

static long tenths(json_t *f, const char *name)
{
	json_t *v = json_object_get(f, name);
	if (!json_is_number(v))
		fail_msg("%s is not shown", name);
	return lround(json_number_value(v) * 10);
}

/* A figure shown: counts, changes, effect, interval, in tenths. */
static void shown(json_t *f, long treated, long control, long t_change, long c_change, long effect,
                  long low, long high)
{
	assert_true(json_is_true(json_object_get(f, "enough")));
	assert_int_equal(json_integer_value(json_object_get(f, "treated")), treated);
	assert_int_equal(json_integer_value(json_object_get(f, "control")), control);
	assert_int_equal(tenths(f, "treated_change"), t_change);
	assert_int_equal(tenths(f, "control_change"), c_change);
	assert_int_equal(tenths(f, "effect"), effect);
	assert_int_equal(tenths(f, "low"), low);
	assert_int_equal(tenths(f, "high"), high);
}

/* Not enough data: the counts, and no figure at all. */
static void not_enough(json_t *f, long treated, long control)
{
	assert_true(json_is_false(json_object_get(f, "enough")));
	assert_int_equal(json_integer_value(json_object_get(f, "treated")), treated);
	assert_int_equal(json_integer_value(json_object_get(f, "control")), control);
	static const char *const figures[] = { "treated_change", "control_change", "effect", "low",
		                               "high" };
	for (size_t i = 0; i < 5; i++)
		if (json_object_get(f, figures[i]))
			fail_msg("%s is shown without enough data", figures[i]);
}

static void counts(json_t *im, long people, long controls, long waiting)
{
	assert_int_equal(json_integer_value(json_object_get(im, "people")), people);
	assert_int_equal(json_integer_value(json_object_get(im, "controls")), controls);
	assert_int_equal(json_integer_value(json_object_get(im, "waiting")), waiting);
}

static void test_difference_in_differences(void **state)
{
	struct fixture *fx = *state;
	struct world a, b;
	organisation(fx, &a, &b);
	struct report_opts o = { .from = "2026-06", .to = "2026-11" };
	json_t *rep = impact(fx, &o);

	assert_int_equal(json_integer_value(json_object_get(rep, "k")), 3);
	assert_int_equal(json_integer_value(json_object_get(rep, "months_before_after")), 2);
	/* Total: four coachees (Rep A 4's September relationship is waiting), four controls. */
	counts(of(rep, NULL), 4, 4, 1);
	shown(json_object_get(of(rep, NULL), "attainment"), 4, 4, 150, 0, 150, 79, 221);
	not_enough(json_object_get(of(rep, NULL), "win_rate"), 2, 2);
	/* Senior: one coachee, not enough. Manager: 3 coachees, enough, but the total less it
	 * would give Rep B's change back: withheld too. */
	not_enough(json_object_get(of(rep, "senior"), "attainment"), 1, 4);
	not_enough(json_object_get(of(rep, "manager"), "attainment"), 3, 4);
	counts(of(rep, "manager"), 3, 4, 1);
	counts(of(rep, "internal"), 0, 0, 0);
	json_decref(rep);

	/* The manager model alone: the figures worked out above. */
	o.model = "manager";
	rep = impact(fx, &o);
	shown(json_object_get(of(rep, NULL), "attainment"), 3, 4, 150, 0, 150, 37, 263);
	shown(json_object_get(of(rep, "manager"), "attainment"), 3, 4, 150, 0, 150, 37, 263);
	not_enough(json_object_get(of(rep, "senior"), "attainment"), 0, 0);
	json_decref(rep);
}

static void test_k_and_months_not_over(void **state)
{
	struct fixture *fx = *state;
	struct world a, b;
	struct sc_error err;
	organisation(fx, &a, &b);
	sc_error_init(&err);

	/* k = 4: the total (4 and 4) still shown; k = 5: not enough on either side. */
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "4", &err), SC_OK);
	struct report_opts o = { .from = "2026-06", .to = "2026-11" };
	json_t *rep = impact(fx, &o);
	shown(json_object_get(of(rep, NULL), "attainment"), 4, 4, 150, 0, 150, 79, 221);
	json_decref(rep);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "5", &err), SC_OK);
	rep = impact(fx, &o);
	not_enough(json_object_get(of(rep, NULL), "attainment"), 4, 4);
	json_decref(rep);

	/* September only: Rep A 4's relationship waits for November to end; no one else. */
	o = (struct report_opts){ .from = "2026-09", .to = "2026-11" };
	rep = impact(fx, &o);
	counts(of(rep, NULL), 0, 0, 1);
	not_enough(json_object_get(of(rep, NULL), "attainment"), 0, 0);
	json_decref(rep);

	/* N = 1 (May against July): Rep A 80 -> 110: +30, Rep A 2 May has no quota: none. */
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "2", &err), SC_OK);
	assert_int_equal(store_setting_put(fx->st, fx->org, "impact_months", "1", &err), SC_OK);
	o = (struct report_opts){ .from = "2026-06", .to = "2026-06", .model = "manager" };
	rep = impact(fx, &o);
	assert_int_equal(json_integer_value(json_object_get(rep, "months_before_after")), 1);
	/* Rep A +30, Rep A 3 +15: mean 22.5, s^2 = 112.5; controls May -> July: Rep C 1, 2,
	 * 3 and Rep A 4 as before, 0, 5, -5, 0 (k = 2). a = 56.25, b = 4.1667, se = 7.7728,
	 * df = 3650.2 / (3164.1 + 5.787) = 1.15 -> 1, t = 12.706205, half = 98.763: effect
	 * 22.5 [-76.3, 121.3]. */
	shown(json_object_get(of(rep, NULL), "attainment"), 2, 4, 225, 0, 225, -763, 1213);
	json_decref(rep);
}

static void test_filters(void **state)
{
	struct fixture *fx = *state;
	struct world a, b;
	organisation(fx, &a, &b);

	/* Team B: Rep B alone against the same four controls. */
	struct report_opts o = { .team = b.team, .from = "2026-06", .to = "2026-11" };
	json_t *rep = impact(fx, &o);
	counts(of(rep, NULL), 1, 4, 0);
	not_enough(json_object_get(of(rep, NULL), "attainment"), 1, 4);
	json_decref(rep);

	/* Team A's programme: as the manager model. */
	o = (struct report_opts){ .programme = a.prog, .from = "2026-06", .to = "2026-11" };
	rep = impact(fx, &o);
	shown(json_object_get(of(rep, NULL), "attainment"), 3, 4, 150, 0, 150, 37, 263);
	json_decref(rep);

	/* From July: June's relationships are outside the range. */
	o = (struct report_opts){ .from = "2026-07", .to = "2026-11" };
	rep = impact(fx, &o);
	counts(of(rep, NULL), 0, 0, 1);
	json_decref(rep);
}

static void test_refusals_and_readers(void **state)
{
	struct fixture *fx = *state;
	struct world a, b;
	json_t *out = NULL;
	struct sc_error err;
	organisation(fx, &a, &b);

	struct report_opts bad = { .from = "2026-13" };
	sc_error_init(&err);
	assert_int_equal(report_impact(&fx->d, &bad, &out, &err), SC_INVALID);
	assert_string_equal(err.field, "from");
	assert_null(out);
	bad = (struct report_opts){ .model = "boss" };
	sc_error_init(&err);
	assert_int_equal(report_impact(&fx->d, &bad, &out, &err), SC_INVALID);
	assert_string_equal(err.field, "model");

	struct report_opts o = { .from = "2026-06", .to = "2026-11" };
	json_t *admin = impact(fx, &o);
	act_as(fx, "Manager A");
	json_t *mgr = impact(fx, &o);
	assert_true(json_equal(admin, mgr));
	json_decref(mgr);
	json_decref(admin);
	static const char *const who[] = { "Rep A", "Senior B" };
	for (size_t i = 0; i < 2; i++) {
		act_as(fx, who[i]);
		sc_error_init(&err);
		assert_int_equal(report_impact(&fx->d, &o, &out, &err), SC_FORBIDDEN);
		assert_null(out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_difference_in_differences, setup, teardown),
		cmocka_unit_test_setup_teardown(test_k_and_months_not_over, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals_and_readers, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
