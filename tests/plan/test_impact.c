/*
 * test_impact.c - the impact report (report.h, report_impact) on a small
 * organisation built by hand (tests/support/rules_fixture.c; today is
 * 2026-11-28, so this month is 2026-11). k is 3 and impact_months (N) 2.
 * Every expected figure is worked out in the comments from the results
 * the organisation holds; t values are calc_t975's. Each coachee counts
 * once, around their earliest relationship of the group, against the
 * people not coached around that same month (calc_did_cohorts; with one
 * month, Welch's interval).
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

	/* The manager model alone (15.0 [3.7, 26.3] worked out above) beside the total without
	 * the filter would give Rep B's change back: 4 x 15.0 - 3 x 15.0. The people of one and
	 * not the other are 1, below k: withheld. */
	o.model = "manager";
	rep = impact(fx, &o);
	counts(of(rep, NULL), 3, 4, 1);
	not_enough(json_object_get(of(rep, NULL), "attainment"), 3, 4);
	not_enough(json_object_get(of(rep, "manager"), "attainment"), 3, 4);
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
	o = (struct report_opts){ .from = "2026-06", .to = "2026-06" };
	rep = impact(fx, &o);
	assert_int_equal(json_integer_value(json_object_get(rep, "months_before_after")), 1);
	/* Rep A +30, Rep A 3 +15, Rep B +15: mean 20, s^2 = (100 + 25 + 25) / 2 = 75;
	 * controls May -> July: Rep C 1, 2, 3 and Rep A 4 as before, 0, 5, -5, 0, s^2 = 50/3
	 * (k = 2). a = 25, b = 4.1667, V = 29.1667, se = 5.4006, df = 850.69 / (625/2 +
	 * 17.36/3) = 2.67 -> 2, t = 4.302653, half = 23.237: effect 20.0 [-3.2, 43.2]. The
	 * manager model (Rep A, Rep A 3) would give Rep B back: withheld. */
	shown(json_object_get(of(rep, NULL), "attainment"), 3, 4, 200, 0, 200, -32, 432);
	not_enough(json_object_get(of(rep, "manager"), "attainment"), 2, 4);
	not_enough(json_object_get(of(rep, "senior"), "attainment"), 1, 4);
	json_decref(rep);
}

/*
 * The win rate, k = 2: Rep A +25, Rep A 2 +50 (mean 37.5, s^2 = 312.5)
 * against Rep C 1 0 and Rep C 2 -50 (mean -25, s^2 = 1250): effect 62.5;
 * a = 156.25, b = 625, V = 781.25, se = 27.951, df = 781.25^2 / (156.25^2
 * + 625^2) = 1.47 -> 1, t = 12.706205, half = 355.149: [-292.6, 417.6].
 * Both are of the manager model, the senior model has none: shown there too.
 */
static void test_win_rate(void **state)
{
	struct fixture *fx = *state;
	struct world a, b;
	struct sc_error err;
	organisation(fx, &a, &b);
	sc_error_init(&err);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "2", &err), SC_OK);
	struct report_opts o = { .from = "2026-06", .to = "2026-11" };
	json_t *rep = impact(fx, &o);
	shown(json_object_get(of(rep, NULL), "win_rate"), 2, 2, 375, -250, 625, -2926, 4176);
	shown(json_object_get(of(rep, "manager"), "win_rate"), 2, 2, 375, -250, 625, -2926, 4176);
	not_enough(json_object_get(of(rep, "senior"), "win_rate"), 0, 0);
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

	/* Team A's programme: as the manager model, withheld beside the total (Rep B apart). */
	o = (struct report_opts){ .programme = a.prog, .from = "2026-06", .to = "2026-11" };
	rep = impact(fx, &o);
	not_enough(json_object_get(of(rep, NULL), "attainment"), 3, 4);
	json_decref(rep);

	/* From July: June's relationships are outside the range. */
	o = (struct report_opts){ .from = "2026-07", .to = "2026-11" };
	rep = impact(fx, &o);
	counts(of(rep, NULL), 0, 0, 1);
	json_decref(rep);

	/* Three more of Senior B from June: Rep B 2 +15, Rep B 3 +25, Rep B 4 +5. Team A now
	 * differs from the total by 4 people and from the manager model by none: its figures,
	 * the manager model's worked out above, are shown. */
	int64_t p;
	static const int up[3] = { 115, 125, 105 };
	for (int i = 0; i < 3; i++) {
		coachee(fx, &b, i + 2, off("2026-06-15"), &p);
		four(fx, p, 100, 100, up[i], up[i]);
	}
	o = (struct report_opts){ .team = a.team, .from = "2026-06", .to = "2026-11" };
	rep = impact(fx, &o);
	shown(json_object_get(of(rep, NULL), "attainment"), 3, 4, 150, 0, 150, 37, 263);
	shown(json_object_get(of(rep, "manager"), "attainment"), 3, 4, 150, 0, 150, 37, 263);
	json_decref(rep);
	/* Team B: Rep B, 2, 3, 4: 15, 15, 25, 5, mean 15, s^2 = 200/3; a = 16.667, b = 4.1667,
	 * V = 20.833, df = 434.03 / (277.78/3 + 17.36/3) = 4.41 -> 4, t = 2.776445, half =
	 * 12.673: 15.0 [2.3, 27.7]. */
	o.team = b.team;
	rep = impact(fx, &o);
	shown(json_object_get(of(rep, NULL), "attainment"), 4, 4, 150, 0, 150, 23, 277);
	json_decref(rep);
}

/*
 * A second organisation, N = 1 and k = 3, with relationships begun in
 * two months: June (May against July) and September (August against
 * October). The market rose in autumn: the people not coached changed
 * little around June and by 20 points around September.
 *   Not coached:  Ctl 1  May 100 Jul 100 Aug 100 Oct 120: June 0,   Sept +20
 *                 Ctl 2  May 100 Jul 110 Aug 100 Oct 130: June +10, Sept +30
 *                 Ctl 3  May 100 Jul  90 Aug 100 Oct 110: June -10, Sept +10
 *     June: mean 0, s^2 = 100; September: mean 20, s^2 = 100 (3 each).
 *   Manager A (manager model) from June: Rep A 0 (100 -> 100), Rep A 2 +5, Rep A 3 -5;
 *     from July: Rep A 4, June 100 -> August 130: +30, but no one not coached has
 *     results in June: no controls for July.
 *   Senior B (senior model) from September: Rep B +20 (August 100 -> October 120) and
 *     Rep A, Rep A 2, Rep A 3 too (their second relationship): +40, +50, +60.
 *   Intern C (internal model) from September: Rep C +20.
 * Each coachee once, at their earliest relationship: Rep A, 2, 3 in June (0, 5, -5:
 * exactly the controls' 0 each), Rep B and Rep C in September (20 and 20: the controls'
 * 20 each). The coaching changed nothing: d = 0, 5, -5, 0, 0, effect 0. (Pooling the
 * six control values, mean 10, against the seven relationships would give 30 - 10.)
 * treated_change (0 + 5 - 5 + 20 + 20)/5 = 8.0, control_change (0+0+0+20+20)/5 = 8.0.
 * s_d^2 = 50/4 = 12.5, /5 = 2.5; June (3/5)^2 100/3 = 12, September (2/5)^2 100/3 =
 * 5.3333: V = 19.8333, sqrt 4.4535; df = 393.36 / (2.5^2/4 + 12^2/2 + 5.3333^2/2) =
 * 393.36 / 87.785 = 4.48 -> 4, t = 2.776445, half 12.365: 0.0 [-12.4, 12.4].
 */
static void two_months(struct fixture *fx, struct world *a, struct world *b, struct world *c)
{
	struct sc_error err;
	int64_t p[4];
	sc_error_init(&err);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "3", &err), SC_OK);
	assert_int_equal(store_setting_put(fx->st, fx->org, "impact_months", "1", &err), SC_OK);

	world(fx, "A", "manager", "3", off("2026-06-10"), a);
	p[0] = a->rep;
	coachee(fx, a, 2, off("2026-06-01"), &p[1]);
	coachee(fx, a, 3, off("2026-06-20"), &p[2]);
	coachee(fx, a, 4, off("2026-07-05"), &p[3]);
	world(fx, "B", "senior", "3", off("2026-09-10"), b);
	world(fx, "C", "internal", "3", off("2026-09-10"), c);
	static const int jul[3] = { 100, 105, 95 }, oct[3] = { 140, 150, 160 };
	for (int i = 0; i < 3; i++) {
		assign(fx, b->prog, b->coach, p[i], off("2026-09-12"));
		res(fx, p[i], "2026-05", 100, 100, 0, 0);
		res(fx, p[i], "2026-07", 100, jul[i], 0, 0);
		res(fx, p[i], "2026-08", 100, 100, 0, 0);
		res(fx, p[i], "2026-10", 100, oct[i], 0, 0);
	}
	res(fx, p[3], "2026-06", 100, 100, 0, 0);
	res(fx, p[3], "2026-08", 100, 130, 0, 0);
	static const int cjul[3] = { 100, 110, 90 }, coct[3] = { 120, 130, 110 };
	for (int i = 0; i < 3; i++) {
		char name[16];
		snprintf(name, sizeof(name), "Ctl %d", i + 1);
		int64_t q = person(fx, name, a->manager);
		res(fx, q, "2026-05", 100, 100, 0, 0);
		res(fx, q, "2026-07", 100, cjul[i], 0, 0);
		res(fx, q, "2026-08", 100, 100, 0, 0);
		res(fx, q, "2026-10", 100, coct[i], 0, 0);
	}
	res(fx, b->rep, "2026-08", 100, 100, 0, 0);
	res(fx, b->rep, "2026-10", 100, 120, 0, 0);
	res(fx, c->rep, "2026-08", 100, 100, 0, 0);
	res(fx, c->rep, "2026-10", 100, 120, 0, 0);
}

static long no_controls(json_t *f)
{
	return (long)json_integer_value(json_object_get(f, "no_controls"));
}

static void test_months_weighed_apart(void **state)
{
	struct fixture *fx = *state;
	struct world a, b, c;
	two_months(fx, &a, &b, &c);
	struct report_opts o = { .from = "2026-06", .to = "2026-11" };
	json_t *rep = impact(fx, &o);

	/* Five coachees weighed once each (Rep A, 2, 3 have two relationships), three controls;
	 * Rep A 4 has a change but no controls in July: counted apart, not weighed. */
	json_t *t = json_object_get(of(rep, NULL), "attainment");
	counts(of(rep, NULL), 6, 3, 0);
	shown(t, 5, 3, 80, 80, 0, -124, 124);
	assert_int_equal(no_controls(t), 1);
	/* The manager model (Rep A, 2, 3; Rep A 4 without controls) and the senior model (Rep B,
	 * Rep A, 2, 3: 4 people) are each at least k, but together they hold 4 of the total's
	 * 5 people: Rep C, alone in the internal model, would come back from the total less
	 * them. Counted as people, not as 3 + 4 = 7, both are withheld. */
	not_enough(json_object_get(of(rep, "manager"), "attainment"), 3, 3);
	assert_int_equal(no_controls(json_object_get(of(rep, "manager"), "attainment")), 1);
	not_enough(json_object_get(of(rep, "senior"), "attainment"), 4, 3);
	not_enough(json_object_get(of(rep, "internal"), "attainment"), 1, 3);
	json_decref(rep);

	/* The senior model alone differs from the total by 1 person (Rep C): withheld. */
	o.model = "senior";
	rep = impact(fx, &o);
	not_enough(json_object_get(of(rep, NULL), "attainment"), 4, 3);
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
		cmocka_unit_test_setup_teardown(test_win_rate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_months_weighed_apart, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals_and_readers, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
