/*
 * test_hours.c - the hours report (report.h, report_hours) on a small
 * organisation built by hand (tests/support/rules_fixture.c; today is
 * 2026-11-28 in Europe/Amsterdam). k is 3. Every expected figure is worked
 * out in the comment of organisation() from the records it adds.
 */
#include "rules_fixture.h"
#include "plan/report.h"

/* Days from today to date, for the fixture's offsets. */
static int off(const char *date)
{
	return (int)tu_days_between(TODAY, date);
}

static void sess(struct fixture *fx, int64_t asg, const char *when, int minutes, const char *status)
{
	session(fx, asg, "one_to_one", when, minutes, status);
}

/*
 * k = 3; the months October and November 2026 (Amsterdam: CET from 25 October).
 * Programme A, manager model, target 3 h (180 min):
 *   Rep A    from 07-01. Oct: held 90 + 60, cancelled 60 (nothing), held 30 on
 *            10-31 23:30 = 180 min (at the target). Nov: held 45 on 11-01 00:30
 *            Amsterdam (10-31 23:30 UTC: November here) + 60 = 105 min (below).
 *   Rep A 2  from 09-01. Oct: held 120, no-show 60 = 120 (below). Nov: 120 + 90 = 210 (on).
 *   Rep A 3  two assignments: 08-01 .. 10-15 (ended) held 60 on 10-02; from 10-16 held
 *            120 on 10-27: Oct 180 (on; one person). Nov: held 30 (below).
 *   Rep A 4  from 09-01, paused: held 240 in October, never counted.
 *   Oct: 3 coached, 480 min = 8.0 h, 2.7 h each (480 / 180), 2 on target (66.7 %).
 *   Nov: 3 coached, 345 min = 5.75 -> 5.8 h, 1.9 h each (345 / 180 = 1.92), 1 on (33.3 %).
 * Programme B, senior model, target 2 h (120 min):
 *   Rep B    from 08-01. Oct held 120 (at the target). Nov held 60.
 *   Rep B 2  from 08-01. Oct held 60. Nov held 150 (on).
 *   Rep B 3  from 10-20. Oct held 180 (on). Nov nothing (0 h, still coached).
 *   Rep B 4  from 11-10. Nov held 45.
 *   Oct: 3 coached, 360 min = 6.0 h, 2.0 h each, 2 on (66.7 %).
 *   Nov: 4 coached, 255 min = 4.25 -> 4.3 h, 1.1 h each (255 / 240 = 1.06), 1 on (25.0 %).
 * Programme C, internal model, target 3 h: 2 people, always below k.
 *   Rep C    from 08-01. Oct held 200 (on). Nov held 60.
 *   Rep C 2  from 08-01. Oct held 100. Nov nothing.
 * Suppression: C (2 people) is withheld, and with it the smallest shown programme until
 * the withheld hold 3 people: A (3; B is not smaller) in both months. B is shown.
 * Totals: Oct 8 coached, 1140 min = 19.0 h, 2.4 h each (1140 / 480 = 2.375), on target
 * 2 + 2 + 1 = 5 (62.5 %). Nov 9 coached, 660 min = 11.0 h, 1.2 h each (660 / 540 = 1.22),
 * on 1 + 1 + 0 = 2 (22.2 %).
 */
static void organisation(struct fixture *fx, struct world *a, struct world *b, struct world *c)
{
	struct sc_error err;
	int64_t p;
	sc_error_init(&err);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "3", &err), SC_OK);

	world(fx, "A", "manager", "3", off("2026-07-01"), a);
	sess(fx, a->asg, "2026-10-05T10:00", 90, "held");
	sess(fx, a->asg, "2026-10-12T10:00", 60, "held");
	sess(fx, a->asg, "2026-10-19T10:00", 60, "cancelled");
	sess(fx, a->asg, "2026-10-31T23:30", 30, "held");
	sess(fx, a->asg, "2026-11-01T00:30", 45, "held");
	sess(fx, a->asg, "2026-11-10T10:00", 60, "held");
	sess(fx, a->asg, "2026-12-05T10:00", 60, "planned");
	int64_t a2 = coachee(fx, a, 2, off("2026-09-01"), NULL);
	sess(fx, a2, "2026-10-07T10:00", 120, "held");
	sess(fx, a2, "2026-10-20T10:00", 60, "no_show");
	sess(fx, a2, "2026-11-03T10:00", 120, "held");
	sess(fx, a2, "2026-11-17T10:00", 90, "held");
	int64_t a3 = coachee(fx, a, 3, off("2026-08-01"), &p);
	sess(fx, a3, "2026-10-02T10:00", 60, "held");
	update(fx, E_ASSIGNMENT, a3, "ends_on", "2026-10-15", "status", "ended", NULL);
	int64_t a3b = assign(fx, a->prog, a->coach, p, off("2026-10-16"));
	sess(fx, a3b, "2026-10-27T10:00", 120, "held");
	sess(fx, a3b, "2026-11-05T10:00", 30, "held");
	int64_t a4 = coachee(fx, a, 4, off("2026-09-01"), NULL);
	sess(fx, a4, "2026-10-09T10:00", 240, "held");
	update(fx, E_ASSIGNMENT, a4, "status", "paused", NULL);

	world(fx, "B", "senior", "2", off("2026-08-01"), b);
	sess(fx, b->asg, "2026-10-10T10:00", 120, "held");
	sess(fx, b->asg, "2026-11-11T10:00", 60, "held");
	int64_t b2 = coachee(fx, b, 2, off("2026-08-01"), NULL);
	sess(fx, b2, "2026-10-14T10:00", 60, "held");
	sess(fx, b2, "2026-11-12T10:00", 150, "held");
	int64_t b3 = coachee(fx, b, 3, off("2026-10-20"), NULL);
	sess(fx, b3, "2026-10-28T10:00", 180, "held");
	int64_t b4 = coachee(fx, b, 4, off("2026-11-10"), NULL);
	sess(fx, b4, "2026-11-20T10:00", 45, "held");

	world(fx, "C", "internal", "3", off("2026-08-01"), c);
	sess(fx, c->asg, "2026-10-15T10:00", 200, "held");
	sess(fx, c->asg, "2026-11-16T10:00", 60, "held");
	int64_t c2 = coachee(fx, c, 2, off("2026-08-01"), NULL);
	sess(fx, c2, "2026-10-16T10:00", 100, "held");
}

static json_t *hours(struct fixture *fx, const struct report_opts *o)
{
	json_t *out = NULL;
	struct sc_error err;
	sc_error_init(&err);
	if (report_hours(&fx->d, o, &out, &err) != SC_OK)
		fail_msg("the hours report was refused: %s", err.message);
	return out;
}

/* The month's programme of this id, or its total when prog is 0; fails when absent. */
static json_t *group(json_t *rep, const char *month, int64_t prog)
{
	size_t i, j;
	json_t *m, *g;
	json_array_foreach(json_object_get(rep, "months"), i, m)
	{
		if (strcmp(json_string_value(json_object_get(m, "month")), month))
			continue;
		if (!prog)
			return json_object_get(m, "total");
		json_array_foreach(json_object_get(m, "programmes"), j, g)
		{
			if (json_integer_value(json_object_get(g, "id")) == prog)
				return g;
		}
	}
	fail_msg("no programme %lld in %s", (long long)prog, month);
	return NULL;
}

static long tenths(json_t *g, const char *key)
{
	json_t *v = json_object_get(g, key);
	if (!json_is_number(v))
		fail_msg("%s is not a number", key);
	return lround(json_number_value(v) * 10);
}

/* Shown with these figures (hours and shares in tenths). */
static void shown(json_t *g, long coached, long hours10, long per10, long on, long pct10,
                  const char *what)
{
	if (!json_is_false(json_object_get(g, "suppressed")))
		fail_msg("%s: expected shown, it is suppressed", what);
	long got[5] = { (long)json_integer_value(json_object_get(g, "coached")), tenths(g, "hours"),
		        tenths(g, "hours_per_coachee"),
		        (long)json_integer_value(json_object_get(g, "on_target")),
		        tenths(g, "on_target_pct") };
	long want[5] = { coached, hours10, per10, on, pct10 };
	for (int i = 0; i < 5; i++)
		if (got[i] != want[i])
			fail_msg("%s: expected coached %ld, hours %ld, per coachee %ld, on target "
			         "%ld "
			         "(%ld); got %ld, %ld, %ld, %ld (%ld) (hours and shares in tenths)",
			         what, want[0], want[1], want[2], want[3], want[4], got[0], got[1],
			         got[2], got[3], got[4]);
}

/* Suppressed: no figure at all. */
static void suppressed(json_t *g, const char *what)
{
	static const char *const keys[] = { "coached", "hours", "hours_per_coachee", "on_target",
		                            "on_target_pct" };
	if (!json_is_true(json_object_get(g, "suppressed")))
		fail_msg("%s: expected suppressed", what);
	for (size_t i = 0; i < 5; i++)
		if (json_object_get(g, keys[i]))
			fail_msg("%s: a suppressed programme shows %s", what, keys[i]);
}

static void test_hours_per_month_and_programme(void **state)
{
	struct fixture *fx = *state;
	struct world a, b, c;
	organisation(fx, &a, &b, &c);
	struct report_opts o = { .from = "2026-10", .to = "2026-11" };
	json_t *rep = hours(fx, &o);

	assert_int_equal(json_integer_value(json_object_get(rep, "k")), 3);
	assert_int_equal(json_array_size(json_object_get(rep, "months")), 2);
	/* B is shown; C is below k and A is withheld with it (3 + 2 hidden, not 2). */
	shown(group(rep, "2026-10", b.prog), 3, 60, 20, 2, 667, "Oct B");
	suppressed(group(rep, "2026-10", c.prog), "Oct C");
	suppressed(group(rep, "2026-10", a.prog), "Oct A");
	shown(group(rep, "2026-10", 0), 8, 190, 24, 5, 625, "Oct total");
	shown(group(rep, "2026-11", b.prog), 4, 43, 11, 1, 250, "Nov B");
	suppressed(group(rep, "2026-11", c.prog), "Nov C");
	suppressed(group(rep, "2026-11", a.prog), "Nov A");
	shown(group(rep, "2026-11", 0), 9, 110, 12, 2, 222, "Nov total");
	/* The programme is named with its model, team and target. */
	json_t *g = group(rep, "2026-10", b.prog), *team = json_object_get(g, "team");
	assert_string_equal(json_string_value(json_object_get(g, "model")), "senior");
	assert_int_equal(json_integer_value(json_object_get(team, "id")), b.team);
	assert_string_equal(json_string_value(json_object_get(team, "name")), "Team B");
	assert_int_equal(tenths(g, "target"), 20);
	assert_int_equal(tenths(group(rep, "2026-10", a.prog), "target"), 30);
	json_decref(rep);
}

static void test_programme_alone(void **state)
{
	struct fixture *fx = *state;
	struct world a, b, c;
	organisation(fx, &a, &b, &c);

	/* A alone stays hidden (it protects C, as without a filter), and so does its total:
	 * the whole total (8) less A's (3), less B (3, shown), would give C's 2 back. */
	struct report_opts o = { .programme = a.prog, .from = "2026-10", .to = "2026-11" };
	json_t *rep = hours(fx, &o);
	suppressed(group(rep, "2026-10", a.prog), "Oct A");
	suppressed(group(rep, "2026-10", 0), "Oct A's total");
	suppressed(group(rep, "2026-11", a.prog), "Nov A");
	json_decref(rep);

	/* With k = 2 nothing is hidden. A alone: the cancelled and no-show sessions, the
	 * paused assignment and the planned session count for nothing; Rep A 3 once;
	 * 1 November 00:30 is November's. */
	struct sc_error err;
	sc_error_init(&err);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "2", &err), SC_OK);
	rep = hours(fx, &o);
	shown(group(rep, "2026-10", a.prog), 3, 80, 27, 2, 667, "Oct A");
	shown(group(rep, "2026-10", 0), 3, 80, 27, 2, 667, "Oct A's total");
	shown(group(rep, "2026-11", a.prog), 3, 58, 19, 1, 333, "Nov A");
	json_decref(rep);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "3", &err), SC_OK);

	/* Team A's programme by team: the same figures. */
	struct report_opts t = { .team = a.team, .from = "2026-10", .to = "2026-11" };
	json_t *by_team = hours(fx, &t), *by_prog = hours(fx, &o);
	assert_true(
	        json_equal(json_object_get(by_team, "months"), json_object_get(by_prog, "months")));
	json_decref(by_team);
	json_decref(by_prog);

	/* C alone: below k, and its total with it. */
	o = (struct report_opts){ .programme = c.prog, .from = "2026-10", .to = "2026-10" };
	rep = hours(fx, &o);
	suppressed(group(rep, "2026-10", c.prog), "C alone");
	suppressed(group(rep, "2026-10", 0), "C's total");
	json_decref(rep);

	/* Senior only: B, one programme in the month. */
	o = (struct report_opts){ .model = "senior", .from = "2026-11", .to = "2026-11" };
	rep = hours(fx, &o);
	shown(group(rep, "2026-11", 0), 4, 43, 11, 1, 250, "senior total");
	json_t *m = json_array_get(json_object_get(rep, "months"), 0);
	assert_int_equal(json_array_size(json_object_get(m, "programmes")), 1);
	assert_string_equal(
	        json_string_value(json_object_get(json_object_get(rep, "filters"), "model")),
	        "senior");
	json_decref(rep);
}

/*
 * A person coached in two programmes, November 2026, k = 3:
 *   D, manager, target 3 h: Rep D 180 min (on), Rep D 2 180 (on), Rep D 3 60.
 *     3 coached, 420 min = 7.0 h, 2.3 h each (420 / 180), 2 on target (66.7 %).
 *   E, external, target 1 h: Rep E 60 (on), Rep E 2 30, and Rep D 2 30 (below E's target).
 *     3 coached, 120 min = 2.0 h, 0.7 h each (120 / 180), 1 on target (33.3 %).
 *   Total: 5 people (Rep D 2 once), 540 min = 9.0 h, 1.8 h each; on target Rep D and Rep E:
 *   Rep D 2 reached D's target but not E's, so not both (2, 40.0 %).
 */
static void test_a_person_in_two_programmes(void **state)
{
	struct fixture *fx = *state;
	struct world d, e;
	struct sc_error err;
	int64_t d2;
	sc_error_init(&err);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "3", &err), SC_OK);
	world(fx, "D", "manager", "3", off("2026-08-01"), &d);
	sess(fx, d.asg, "2026-11-05T10:00", 180, "held");
	sess(fx, coachee(fx, &d, 2, off("2026-08-01"), &d2), "2026-11-06T10:00", 180, "held");
	sess(fx, coachee(fx, &d, 3, off("2026-08-01"), NULL), "2026-11-07T10:00", 60, "held");
	world(fx, "E", "external", "1", off("2026-08-01"), &e);
	sess(fx, e.asg, "2026-11-08T10:00", 60, "held");
	sess(fx, coachee(fx, &e, 2, off("2026-08-01"), NULL), "2026-11-09T10:00", 30, "held");
	sess(fx, assign(fx, e.prog, e.coach, d2, off("2026-08-01")), "2026-11-10T10:00", 30,
	     "held");

	struct report_opts o = { .from = "2026-11", .to = "2026-11" };
	json_t *rep = hours(fx, &o);
	shown(group(rep, "2026-11", d.prog), 3, 70, 23, 2, 667, "D");
	shown(group(rep, "2026-11", e.prog), 3, 20, 7, 1, 333, "E");
	shown(group(rep, "2026-11", 0), 5, 90, 18, 2, 400, "total");
	json_decref(rep);
}

/*
 * The organisation's October under every filter (k = 3): A stays hidden wherever it is
 * shown at all (C's 2 and A's 3 hidden, as without a filter), C too, B shown.
 *   none: total 8 shown (as test_hours_per_month_and_programme).
 *   A (programme, team, model manager): total withheld, R_out = C's 2.
 *   B (programme, team, model senior): total = B: 3, R_in 0, R_out = A and C: 5; shown.
 *   C (programme, model internal): total 2, below k.
 */
static void test_hidden_under_every_filter(void **state)
{
	struct fixture *fx = *state;
	struct world a, b, c;
	organisation(fx, &a, &b, &c);
	struct report_opts cases[] = {
		{ 0 },
		{ .programme = a.prog },
		{ .team = a.team },
		{ .model = "manager" },
		{ .programme = b.prog },
		{ .team = b.team },
		{ .model = "senior" },
		{ .programme = c.prog },
		{ .model = "internal" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char what[32];
		snprintf(what, sizeof(what), "case %zu", i);
		cases[i].from = cases[i].to = "2026-10";
		json_t *rep = hours(fx, &cases[i]), *g;
		json_t *progs = json_object_get(json_array_get(json_object_get(rep, "months"), 0),
		                                "programmes");
		size_t j;
		json_array_foreach(progs, j, g)
		{
			if (json_integer_value(json_object_get(g, "id")) == b.prog)
				shown(g, 3, 60, 20, 2, 667, what);
			else
				suppressed(g, what);
		}
		if (i == 0)
			shown(group(rep, "2026-10", 0), 8, 190, 24, 5, 625, what);
		else if (i >= 4 && i <= 6)
			shown(group(rep, "2026-10", 0), 3, 60, 20, 2, 667, what);
		else
			suppressed(group(rep, "2026-10", 0), what);
		json_decref(rep);
	}
}

/*
 * People in two programmes, November 2026, k = 3, no sessions (0 h, none on target):
 *   D (manager): Rep D, Rep D 2                   - 2, below k: hidden.
 *   E (internal): Rep E, Rep E 2, and Rep D       - 3.
 *   F (external): Rep F, Rep F 2, Rep E, Rep E 2  - 4.
 * D hidden leaves R = {Rep D 2}: 1, so E is hidden; then R = {Rep D, Rep D 2} (Rep E and
 * Rep E 2 are in F): 2, and the total (6) less F (4) would give D's 2 back: F is hidden
 * too. Total: 6 coached, 0 h, 0 on target, shown.
 */
static void test_people_in_two_programmes_hide_more(void **state)
{
	struct fixture *fx = *state;
	struct world d, e, f;
	struct sc_error err;
	int64_t re2 = 0;
	sc_error_init(&err);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "3", &err), SC_OK);
	world(fx, "D", "manager", "3", off("2026-08-01"), &d);
	coachee(fx, &d, 2, off("2026-08-01"), NULL);
	world(fx, "E", "internal", "3", off("2026-08-01"), &e);
	coachee(fx, &e, 2, off("2026-08-01"), &re2);
	assign(fx, e.prog, e.coach, d.rep, off("2026-08-01"));
	world(fx, "F", "external", "3", off("2026-08-01"), &f);
	coachee(fx, &f, 2, off("2026-08-01"), NULL);
	assign(fx, f.prog, f.coach, e.rep, off("2026-08-01"));
	assign(fx, f.prog, f.coach, re2, off("2026-08-01"));

	struct report_opts o = { .from = "2026-11", .to = "2026-11" };
	json_t *rep = hours(fx, &o);
	suppressed(group(rep, "2026-11", d.prog), "D");
	suppressed(group(rep, "2026-11", e.prog), "E");
	suppressed(group(rep, "2026-11", f.prog), "F (its shared people would give D back)");
	shown(group(rep, "2026-11", 0), 6, 0, 0, 0, 0, "total");
	json_decref(rep);
}

/*
 * A team of two programmes, November 2026, k = 3, target 1 h, one session of 60 min each
 * (all on target):
 *   PA, team A, manager: Rep A, Rep A 2, Rep A 3, Rep A 4 - 4: 4.0 h, 1.0 each, 4 (100 %).
 *   PX, team A, manager: Rep A 5, Rep A 6 - 2, hidden.
 *   PC, team C, external: Rep C, Rep C 2, Rep C 3 - 3, hidden with PX (R = 2 -> 5).
 *   programme PA: PA alone, total 4 shown (R_in 0, R_out 5).
 *   team A: PA and PX; total withheld: R_in = PX's 2 (the total less PA gives PX).
 *   programme PC: PC hidden; total withheld: R_out = PX's 2 (9 - 4 - 3).
 * PA ends 2026-10-15 in test_programme_end: not here.
 */
static void test_team_of_two_programmes(void **state)
{
	struct fixture *fx = *state;
	struct world a, c;
	struct sc_error err;
	sc_error_init(&err);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "3", &err), SC_OK);
	world(fx, "A", "manager", "1", off("2026-08-01"), &a);
	sess(fx, a.asg, "2026-11-05T10:00", 60, "held");
	for (int n = 2; n <= 4; n++)
		sess(fx, coachee(fx, &a, n, off("2026-08-01"), NULL), "2026-11-05T10:00", 60,
		     "held");
	int64_t px = add(fx, E_PROGRAMME, "team", num(a.team), "model", "manager", "starts_on",
	                 "2025-01-01", "ends_on", "2027-12-31", "target_hours", "1", NULL);
	for (int n = 5; n <= 6; n++) {
		char name[16];
		snprintf(name, sizeof(name), "Rep A %d", n);
		sess(fx, assign(fx, px, a.coach, person(fx, name, a.manager), off("2026-08-01")),
		     "2026-11-05T10:00", 60, "held");
	}
	world(fx, "C", "external", "1", off("2026-08-01"), &c);
	sess(fx, c.asg, "2026-11-05T10:00", 60, "held");
	for (int n = 2; n <= 3; n++)
		sess(fx, coachee(fx, &c, n, off("2026-08-01"), NULL), "2026-11-05T10:00", 60,
		     "held");

	struct report_opts o = { .programme = a.prog, .from = "2026-11", .to = "2026-11" };
	json_t *rep = hours(fx, &o);
	shown(group(rep, "2026-11", a.prog), 4, 40, 10, 4, 1000, "PA");
	shown(group(rep, "2026-11", 0), 4, 40, 10, 4, 1000, "PA's total");
	assert_int_equal(json_array_size(json_object_get(
	                         json_array_get(json_object_get(rep, "months"), 0), "programmes")),
	                 1);
	json_decref(rep);
	o = (struct report_opts){ .team = a.team, .from = "2026-11", .to = "2026-11" };
	rep = hours(fx, &o);
	shown(group(rep, "2026-11", a.prog), 4, 40, 10, 4, 1000, "PA in team A");
	suppressed(group(rep, "2026-11", px), "PX");
	suppressed(group(rep, "2026-11", 0), "team A's total");
	json_decref(rep);
	o = (struct report_opts){ .programme = c.prog, .from = "2026-11", .to = "2026-11" };
	rep = hours(fx, &o);
	suppressed(group(rep, "2026-11", c.prog), "PC");
	suppressed(group(rep, "2026-11", 0), "PC's total");
	json_decref(rep);
}

/*
 * An assignment without an end counts to its programme's end: G (manager, target 1 h)
 * ends 2026-10-15; Rep G, Rep G 2, Rep G 3 from 08-01, 60 min each on 10-10.
 * October: 3 coached, 3.0 h, 1.0 h each, 3 on target (100 %), not partial.
 * November (this month, partial): no programme, the total (0) below k.
 */
static void test_programme_end(void **state)
{
	struct fixture *fx = *state;
	struct world g;
	struct sc_error err;
	sc_error_init(&err);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "3", &err), SC_OK);
	world(fx, "G", "manager", "1", off("2026-08-01"), &g);
	update(fx, E_PROGRAMME, g.prog, "ends_on", "2026-10-15", NULL);
	sess(fx, g.asg, "2026-10-10T10:00", 60, "held");
	for (int n = 2; n <= 3; n++)
		sess(fx, coachee(fx, &g, n, off("2026-08-01"), NULL), "2026-10-10T10:00", 60,
		     "held");
	struct report_opts o = { .from = "2026-10", .to = "2026-11" };
	json_t *rep = hours(fx, &o), *months = json_object_get(rep, "months");
	shown(group(rep, "2026-10", g.prog), 3, 30, 10, 3, 1000, "October");
	assert_true(json_is_false(json_object_get(json_array_get(months, 0), "partial")));
	assert_int_equal(json_array_size(json_object_get(json_array_get(months, 1), "programmes")),
	                 0);
	assert_true(json_is_true(json_object_get(json_array_get(months, 1), "partial")));
	suppressed(group(rep, "2026-11", 0), "November's total");
	json_decref(rep);
}

/* The refusal of o: SC_INVALID naming field. */
static void refused(struct fixture *fx, const struct report_opts *o, const char *field)
{
	json_t *out = NULL;
	struct sc_error err;
	sc_error_init(&err);
	assert_int_equal(report_hours(&fx->d, o, &out, &err), SC_INVALID);
	assert_null(out);
	assert_string_equal(err.field, field);
}

static void test_refusals(void **state)
{
	struct fixture *fx = *state;
	struct world a, b, c;
	organisation(fx, &a, &b, &c);
	struct report_opts o = { .from = "2026-8" };
	refused(fx, &o, "from");
	o = (struct report_opts){ .from = "2026-11", .to = "2026-10" };
	refused(fx, &o, "from");
	o = (struct report_opts){ .model = "boss" };
	refused(fx, &o, "model");
	o = (struct report_opts){ .team = 999999 };
	refused(fx, &o, "team");
	o = (struct report_opts){ .programme = 999999 };
	refused(fx, &o, "programme");
	o = (struct report_opts){ .to = "2026-12" }; /* after this month */
	refused(fx, &o, "to");
	o = (struct report_opts){ .to = "1900-06" }; /* the default from would be in 1899 */
	refused(fx, &o, "to");

	/* A manager reads what the administrator reads; a rep is refused. */
	o = (struct report_opts){ .from = "2026-10", .to = "2026-11" };
	json_t *admin = hours(fx, &o);
	act_as(fx, "Manager A");
	json_t *mgr = hours(fx, &o);
	assert_true(json_equal(admin, mgr));
	json_decref(mgr);
	json_decref(admin);
	act_as(fx, "Rep A");
	json_t *out = NULL;
	struct sc_error err;
	sc_error_init(&err);
	assert_int_equal(report_hours(&fx->d, &o, &out, &err), SC_FORBIDDEN);
	assert_null(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_hours_per_month_and_programme, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_programme_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_person_in_two_programmes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hidden_under_every_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_people_in_two_programmes_hide_more, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_team_of_two_programmes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_programme_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
