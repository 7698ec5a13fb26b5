/*
 * test_coverage.c - the coverage report (report.h, report_coverage) on a
 * small organisation built by hand (tests/support/rules_fixture.c; today is
 * 2026-11-28 in Europe/Amsterdam). k is 3. Every expected count is worked
 * out in the comment of organisation() from the records it adds.
 */
#include "rules_fixture.h"
#include "plan/report.h"

/* Days from today to date, for the fixture's offsets. */
static int off(const char *date)
{
	return (int)tu_days_between(TODAY, date);
}

/* A coachee of w's coach from starts_on; ended on ends_on (or NULL), or paused. */
static int64_t coachee_from(struct fixture *fx, struct world *w, int n, const char *starts_on)
{
	return coachee(fx, w, n, off(starts_on), NULL);
}

static void session_at(struct fixture *fx, int64_t asg, const char *when, const char *status)
{
	session(fx, asg, "one_to_one", when, 60, status);
}

/*
 * Team A, manager model (k = 3), from 2026-08 to 2026-11:
 *   Rep A    from 07-01: held 08-10, 09-05; cancelled 10-07; held 11-01 00:30
 *            Amsterdam (10-31 23:30 UTC: November here); planned 12-05.
 *   Rep A 2  from 09-15: held 09-20 and 09-25; no-show 10-15.
 *   Rep A 3  08-01 .. 09-30, ended: held 08-12.
 *   Rep A 4  from 08-20, paused: held 09-10, never counted.
 *   Rep A 5  from 10-01: held 11-10.
 *   coached / with a session: Aug 2 / 2 (A, A3), Sep 3 / 2 (A2 twice counts once),
 *   Oct 3 / 0, Nov 3 / 2.
 * Team B, senior model:
 *   Rep B    from 08-01: held 10-20.     Rep B 2 from 08-01: held 11-02; planned 12-05.
 *   Rep B 3  from 10-10: held 10-25.     Rep B 4 from 11-15: held 11-20.
 *   coached / with: Aug 2 / 0, Sep 2 / 0, Oct 3 / 2, Nov 4 / 2.
 */
static void organisation(struct fixture *fx, struct world *a, struct world *b)
{
	struct sc_error err;
	sc_error_init(&err);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "3", &err), SC_OK);

	world(fx, "A", "manager", "3", off("2026-07-01"), a);
	session_at(fx, a->asg, "2026-08-10T10:00", "held");
	session_at(fx, a->asg, "2026-09-05T10:00", "held");
	session_at(fx, a->asg, "2026-10-07T10:00", "cancelled");
	session_at(fx, a->asg, "2026-11-01T00:30", "held");
	session_at(fx, a->asg, "2026-12-05T10:00", "planned");
	int64_t a2 = coachee_from(fx, a, 2, "2026-09-15");
	session_at(fx, a2, "2026-09-20T10:00", "held");
	session_at(fx, a2, "2026-09-25T10:00", "held");
	session_at(fx, a2, "2026-10-15T10:00", "no_show");
	int64_t a3 = coachee_from(fx, a, 3, "2026-08-01");
	session_at(fx, a3, "2026-08-12T10:00", "held");
	update(fx, E_ASSIGNMENT, a3, "ends_on", "2026-09-30", "status", "ended", NULL);
	int64_t a4 = coachee_from(fx, a, 4, "2026-08-20");
	session_at(fx, a4, "2026-09-10T10:00", "held");
	update(fx, E_ASSIGNMENT, a4, "status", "paused", NULL);
	int64_t a5 = coachee_from(fx, a, 5, "2026-10-01");
	session_at(fx, a5, "2026-11-10T10:00", "held");

	world(fx, "B", "senior", "3", off("2026-08-01"), b);
	session_at(fx, b->asg, "2026-10-20T10:00", "held");
	int64_t b2 = coachee_from(fx, b, 2, "2026-08-01");
	session_at(fx, b2, "2026-11-02T10:00", "held");
	session_at(fx, b2, "2026-12-05T10:00", "planned");
	int64_t b3 = coachee_from(fx, b, 3, "2026-10-10");
	session_at(fx, b3, "2026-10-25T10:00", "held");
	int64_t b4 = coachee_from(fx, b, 4, "2026-11-15");
	session_at(fx, b4, "2026-11-20T10:00", "held");
}

static json_t *coverage(struct fixture *fx, const struct report_opts *o)
{
	json_t *out = NULL;
	struct sc_error err;
	sc_error_init(&err);
	if (report_coverage(&fx->d, o, &out, &err) != SC_OK)
		fail_msg("the coverage report was refused: %s", err.message);
	return out;
}

/* The month's group of model, or its total when model is NULL; fails when absent. */
static json_t *group(json_t *rep, const char *month, const char *model)
{
	size_t i, j;
	json_t *m, *g;
	json_array_foreach(json_object_get(rep, "months"), i, m)
	{
		if (strcmp(json_string_value(json_object_get(m, "month")), month))
			continue;
		if (!model)
			return json_object_get(m, "total");
		json_array_foreach(json_object_get(m, "groups"), j, g)
		{
			if (!strcmp(json_string_value(json_object_get(g, "model")), model))
				return g;
		}
	}
	fail_msg("no %s in %s", model ? model : "total", month);
	return NULL;
}

/* Shown with these figures (share in tenths of a per cent). */
static void shown(json_t *g, long coached, long with, long share_tenths, const char *what)
{
	if (!json_is_false(json_object_get(g, "suppressed")))
		fail_msg("%s: expected shown, it is suppressed", what);
	json_t *c = json_object_get(g, "coached"), *w = json_object_get(g, "with_session");
	if (json_integer_value(c) != coached || json_integer_value(w) != with)
		fail_msg("%s: expected %ld coached, %ld with a session; got %lld, %lld", what,
		         coached, with, (long long)json_integer_value(c),
		         (long long)json_integer_value(w));
	if (lround(json_number_value(json_object_get(g, "share_pct")) * 10) != share_tenths)
		fail_msg("%s: expected a share of %.1f%%, got %.2f", what, share_tenths / 10.0,
		         json_number_value(json_object_get(g, "share_pct")));
}

/* Suppressed: no figure at all. */
static void suppressed(json_t *g, const char *what)
{
	if (!json_is_true(json_object_get(g, "suppressed")))
		fail_msg("%s: expected suppressed", what);
	if (json_object_get(g, "coached") || json_object_get(g, "with_session") ||
	    json_object_get(g, "share_pct"))
		fail_msg("%s: a suppressed group shows a figure", what);
}

static void test_counts_per_month_model_and_team(void **state)
{
	struct fixture *fx = *state;
	struct world a, b;
	organisation(fx, &a, &b);
	struct report_opts o = { .from = "2026-08", .to = "2026-11" };
	json_t *rep = coverage(fx, &o);

	assert_int_equal(json_integer_value(json_object_get(rep, "k")), 3);
	assert_int_equal(json_array_size(json_object_get(rep, "months")), 4);
	/* August: both below k; together 4 people, so the total is shown. */
	suppressed(group(rep, "2026-08", "manager"), "Aug manager");
	suppressed(group(rep, "2026-08", "senior"), "Aug senior");
	shown(group(rep, "2026-08", NULL), 4, 2, 500, "Aug total");
	/* September: A at k, but B (2) alone would be the total less A: A is withheld too. */
	suppressed(group(rep, "2026-09", "manager"), "Sep manager");
	suppressed(group(rep, "2026-09", "senior"), "Sep senior");
	shown(group(rep, "2026-09", NULL), 5, 2, 400, "Sep total");
	/* October: both at k, shown; the cancelled and no-show sessions count for nothing. */
	shown(group(rep, "2026-10", "manager"), 3, 0, 0, "Oct manager");
	shown(group(rep, "2026-10", "senior"), 3, 2, 667, "Oct senior");
	shown(group(rep, "2026-10", NULL), 6, 2, 333, "Oct total");
	/* November: Rep A's session of 1 November 00:30 Amsterdam counts here. */
	shown(group(rep, "2026-11", "manager"), 3, 2, 667, "Nov manager");
	shown(group(rep, "2026-11", "senior"), 4, 2, 500, "Nov senior");
	shown(group(rep, "2026-11", NULL), 7, 4, 571, "Nov total");
	/* November, this month, is not over: partial; October is whole. */
	assert_true(json_is_true(
	        json_object_get(json_array_get(json_object_get(rep, "months"), 3), "partial")));
	assert_true(json_is_false(
	        json_object_get(json_array_get(json_object_get(rep, "months"), 2), "partial")));
	/* The group is a programme: its id. */
	assert_int_equal(
	        json_integer_value(json_object_get(group(rep, "2026-11", "senior"), "programme")),
	        b.prog);
	/* The team is named with its id. */
	json_t *team = json_object_get(group(rep, "2026-11", "manager"), "team");
	assert_int_equal(json_integer_value(json_object_get(team, "id")), a.team);
	assert_string_equal(json_string_value(json_object_get(team, "name")), "Team A");
	json_decref(rep);
}

static void test_filters_and_default_range(void **state)
{
	struct fixture *fx = *state;
	struct world a, b;
	organisation(fx, &a, &b);

	/* Senior only: September's 2 people are suppressed, and so is the total of them. */
	struct report_opts o = { .model = "senior", .from = "2026-08", .to = "2026-11" };
	json_t *rep = coverage(fx, &o);
	suppressed(group(rep, "2026-09", "senior"), "senior Sep");
	suppressed(group(rep, "2026-09", NULL), "senior Sep total");
	shown(group(rep, "2026-11", NULL), 4, 2, 500, "senior Nov total");
	assert_int_equal(json_array_size(json_object_get(
	                         json_array_get(json_object_get(rep, "months"), 3), "groups")),
	                 1);
	json_decref(rep);

	/* Team A's programme, by team and by programme: the same figures. In September A
	 * stays hidden (it protects B, as without a filter), and so does its total: the
	 * total of every team (5) less this one (3), less the shown groups outside (none),
	 * would give B's 2 back. */
	struct report_opts t = { .team = a.team, .from = "2026-09", .to = "2026-10" };
	struct report_opts p = { .programme = a.prog, .from = "2026-09", .to = "2026-10" };
	json_t *by_team = coverage(fx, &t), *by_prog = coverage(fx, &p);
	suppressed(group(by_team, "2026-09", "manager"), "team A Sep");
	suppressed(group(by_team, "2026-09", NULL), "team A Sep total");
	shown(group(by_team, "2026-10", "manager"), 3, 0, 0, "team A Oct");
	shown(group(by_team, "2026-10", NULL), 3, 0, 0, "team A Oct total");
	assert_true(
	        json_equal(json_object_get(by_team, "months"), json_object_get(by_prog, "months")));
	json_decref(by_team);
	json_decref(by_prog);

	/* No range: the twelve months up to this month. */
	struct report_opts none = { 0 };
	rep = coverage(fx, &none);
	assert_string_equal(json_string_value(json_object_get(rep, "from")), "2025-12");
	assert_string_equal(json_string_value(json_object_get(rep, "to")), "2026-11");
	assert_int_equal(json_array_size(json_object_get(rep, "months")), 12);
	json_decref(rep);
}

/* The refusal of o: SC_INVALID naming field, in Dutch a text containing dutch. */
static void refused(struct fixture *fx, const struct report_opts *o, const char *field,
                    const char *dutch)
{
	json_t *out = NULL;
	struct sc_error err;
	sc_error_init(&err);
	assert_int_equal(report_coverage(&fx->d, o, &out, &err), SC_INVALID);
	assert_null(out);
	assert_string_equal(err.field, field);
	fx->d.lang = MSG_NL;
	sc_error_init(&err);
	assert_int_equal(report_coverage(&fx->d, o, &out, &err), SC_INVALID);
	fx->d.lang = MSG_EN;
	if (!strstr(err.message, dutch))
		fail_msg("expected '%s' in the Dutch message: %s", dutch, err.message);
}

static void test_bad_parameters(void **state)
{
	struct fixture *fx = *state;
	struct world a, b;
	organisation(fx, &a, &b);
	struct report_opts o = { .from = "2026-8" };
	refused(fx, &o, "from", "geen maand");
	o = (struct report_opts){ .to = "2026-13" };
	refused(fx, &o, "to", "geen maand");
	o = (struct report_opts){ .from = "2026-11", .to = "2026-10" };
	refused(fx, &o, "from", "ligt na");
	o = (struct report_opts){ .from = "2020-01", .to = "2026-10" };
	refused(fx, &o, "from", "ten hoogste 60");
	o = (struct report_opts){ .model = "boss" };
	refused(fx, &o, "model", "geen coachingsmodel");
	o = (struct report_opts){ .team = 999999 };
	refused(fx, &o, "team", "geen team 999999");
	o = (struct report_opts){ .programme = 999999 };
	refused(fx, &o, "programme", "geen programma 999999");
	/* After this month (2026-11): refused, saying the last month allowed. */
	o = (struct report_opts){ .to = "2026-12" };
	refused(fx, &o, "to", "(2026-11)");
	o = (struct report_opts){ .from = "2026-10", .to = "2027-01" };
	refused(fx, &o, "to", "nog niet begonnen");
	/* Without from, the twelve months up to 1900-05 would begin in 1899: refused. */
	o = (struct report_opts){ .to = "1900-05" };
	refused(fx, &o, "to", "1900-01");
	/* From 1900-01 on, the months can be computed. */
	o = (struct report_opts){ .to = "1900-12" };
	json_decref(coverage(fx, &o));
}

static void test_who_may_read_it(void **state)
{
	struct fixture *fx = *state;
	struct world a, b;
	organisation(fx, &a, &b);
	struct report_opts o = { .from = "2026-10", .to = "2026-11" };
	json_t *admin = coverage(fx, &o);

	/* A manager reads the same report. */
	act_as(fx, "Manager A");
	json_t *mgr = coverage(fx, &o);
	assert_true(json_equal(admin, mgr));
	json_decref(mgr);
	/* A rep, and a senior coach who manages no one, are refused. */
	static const char *const who[] = { "Rep A", "Senior B" };
	for (size_t i = 0; i < 2; i++) {
		json_t *out = NULL;
		struct sc_error err;
		act_as(fx, who[i]);
		sc_error_init(&err);
		assert_int_equal(report_coverage(&fx->d, &o, &out, &err), SC_FORBIDDEN);
		assert_null(out);
	}
	json_decref(admin);
}

/* The month's group of programme prog, or NULL when it has none. */
static json_t *prog_group(json_t *rep, const char *month, int64_t prog)
{
	size_t i, j;
	json_t *m, *g;
	json_array_foreach(json_object_get(rep, "months"), i, m)
	{
		if (strcmp(json_string_value(json_object_get(m, "month")), month))
			continue;
		json_array_foreach(json_object_get(m, "groups"), j, g)
		{
			if (json_integer_value(json_object_get(g, "programme")) == prog)
				return g;
		}
	}
	return NULL;
}

static json_t *must(json_t *g, const char *what)
{
	if (!g)
		fail_msg("%s: no such group", what);
	return g;
}

/*
 * People in two groups, November 2026, k = 3, no sessions:
 *   D (manager): Rep D, Rep D 2                   - 2, below k: hidden.
 *   E (internal): Rep E, Rep E 2, and Rep D       - 3.
 *   F (external): Rep F, Rep F 2, Rep E, Rep E 2  - 4.
 * D hidden leaves R = {Rep D 2} (Rep D is in E): 1, so E (the smallest shown) is hidden
 * too. The hidden groups now hold 4 people, but only Rep D and Rep D 2 are in no shown
 * group (Rep E and Rep E 2 are in F): R = 2, and the total (6) less F (4) would give D's
 * 2 back. So F is hidden as well: R = 6. The total, 6 coached, 0 with a session, shown.
 */
static void test_a_person_in_two_groups(void **state)
{
	struct fixture *fx = *state;
	struct world d, e, f;
	struct sc_error err;
	int64_t rd = 0, re2 = 0;
	sc_error_init(&err);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "3", &err), SC_OK);
	world(fx, "D", "manager", "3", off("2026-08-01"), &d);
	coachee_from(fx, &d, 2, "2026-08-01");
	rd = d.rep;
	world(fx, "E", "internal", "3", off("2026-08-01"), &e);
	coachee(fx, &e, 2, off("2026-08-01"), &re2);
	assign(fx, e.prog, e.coach, rd, off("2026-08-01"));
	world(fx, "F", "external", "3", off("2026-08-01"), &f);
	coachee_from(fx, &f, 2, "2026-08-01");
	assign(fx, f.prog, f.coach, e.rep, off("2026-08-01"));
	assign(fx, f.prog, f.coach, re2, off("2026-08-01"));

	struct report_opts o = { .from = "2026-11", .to = "2026-11" };
	json_t *rep = coverage(fx, &o);
	suppressed(group(rep, "2026-11", "manager"), "D");
	suppressed(group(rep, "2026-11", "internal"), "E");
	suppressed(group(rep, "2026-11", "external"), "F (its shared people would give D back)");
	shown(group(rep, "2026-11", NULL), 6, 0, 0, "total");
	json_decref(rep);
}

/*
 * Filters choose among groups formed and hidden on all of them; November 2026, k = 3,
 * no sessions:
 *   PA, team A, manager:   Rep A, Rep A 2, Rep A 3, Rep A 4 - 4.
 *   PX, team A, manager (a second programme of the team): Rep A 5, Rep A 6 - 2, hidden.
 *   PC, team C, external:  Rep C, Rep C 2, Rep C 3 - 3.
 * Without a filter: PX hidden (R = 2), then the smallest shown, PC (R = 5); PA shown;
 * total 9 shown.
 *   team A / model manager: PA 4 and PX hidden; total: R_in = 2 (PX's people, in no kept
 *     shown group): withheld (the total less PA gives PX).
 *   programme PC / team C / model external: PC hidden as without a filter; total: 3, R_in
 *     3, but R_out = 2 (PX's, left out, in no shown group): withheld (the whole total 9
 *     less PA 4 less this 3 gives PX's 2).
 *   programme PA: PA 4, total 4 (R_in 0, R_out 5).
 *   programme PX: hidden; total 2, below k.
 */
static void test_filters_never_give_back(void **state)
{
	struct fixture *fx = *state;
	struct world a, c;
	struct sc_error err;
	sc_error_init(&err);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "3", &err), SC_OK);
	world(fx, "A", "manager", "3", off("2026-08-01"), &a);
	for (int n = 2; n <= 4; n++)
		coachee_from(fx, &a, n, "2026-08-01");
	int64_t px = add(fx, E_PROGRAMME, "team", num(a.team), "model", "manager", "starts_on",
	                 "2025-01-01", "ends_on", "2027-12-31", "target_hours", "3", NULL);
	for (int n = 5; n <= 6; n++) {
		char name[16];
		snprintf(name, sizeof(name), "Rep A %d", n);
		assign(fx, px, a.coach, person(fx, name, a.manager), off("2026-08-01"));
	}
	world(fx, "C", "external", "3", off("2026-08-01"), &c);
	for (int n = 2; n <= 3; n++)
		coachee_from(fx, &c, n, "2026-08-01");

	struct report_opts o = { .from = "2026-11", .to = "2026-11" };
	json_t *rep = coverage(fx, &o);
	shown(must(prog_group(rep, "2026-11", a.prog), "PA"), 4, 0, 0, "PA");
	suppressed(must(prog_group(rep, "2026-11", px), "PX"), "PX");
	suppressed(must(prog_group(rep, "2026-11", c.prog), "PC"), "PC");
	shown(group(rep, "2026-11", NULL), 9, 0, 0, "total");
	json_decref(rep);

	struct {
		struct report_opts o;
		bool total; /* shown */
		long n;     /* its people */
	} cases[] = {
		{ { .team = a.team }, false, 0 },      { { .model = "manager" }, false, 0 },
		{ { .programme = c.prog }, false, 0 }, { { .team = c.team }, false, 0 },
		{ { .model = "external" }, false, 0 }, { { .programme = a.prog }, true, 4 },
		{ { .programme = px }, false, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char what[32];
		cases[i].o.from = cases[i].o.to = "2026-11";
		rep = coverage(fx, &cases[i].o);
		snprintf(what, sizeof(what), "case %zu", i);
		json_t *g = prog_group(rep, "2026-11", a.prog);
		if (g)
			shown(g, 4, 0, 0, what);
		if ((g = prog_group(rep, "2026-11", px)))
			suppressed(g, what);
		if ((g = prog_group(rep, "2026-11", c.prog)))
			suppressed(g, what);
		if (cases[i].total)
			shown(group(rep, "2026-11", NULL), cases[i].n, 0, 0, what);
		else
			suppressed(group(rep, "2026-11", NULL), what);
		json_decref(rep);
	}
	/* The programme filter on team A keeps PA whole, and PA alone. */
	struct report_opts pa = { .programme = a.prog, .from = "2026-11", .to = "2026-11" };
	rep = coverage(fx, &pa);
	assert_int_equal(json_array_size(json_object_get(
	                         json_array_get(json_object_get(rep, "months"), 0), "groups")),
	                 1);
	json_decref(rep);
}

/*
 * Team E's programme (manager, k = 3) runs to 2026-10-15; Rep E, Rep E 2 and Rep E 3 from
 * 2026-03-01, no end of their own: they count to the programme's end.
 * Summer time begins 2026-03-29 (UTC+2):
 *   Rep E 2 held 03-31 23:30 Amsterdam = 03-31 21:30 UTC: March.
 *   Rep E   held 04-01 00:30 Amsterdam = 03-31 22:30 UTC: April (not March).
 *   Rep E 3 held 05-01 00:30 Amsterdam = 04-30 22:30 UTC: May.
 * March, April, May: 3 coached, 1 with a session (33.3 %). October: 3 (the programme ends
 * on the 15th), 0. November: nobody; no group, and the total (0) is below k.
 */
static void test_programme_end_and_summer_time(void **state)
{
	struct fixture *fx = *state;
	struct world e;
	struct sc_error err;
	sc_error_init(&err);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "3", &err), SC_OK);
	world(fx, "E", "manager", "3", off("2026-03-01"), &e);
	update(fx, E_PROGRAMME, e.prog, "ends_on", "2026-10-15", NULL);
	int64_t e2 = coachee_from(fx, &e, 2, "2026-03-01");
	int64_t e3 = coachee_from(fx, &e, 3, "2026-03-01");
	session_at(fx, e2, "2026-03-31T23:30", "held");
	session_at(fx, e.asg, "2026-04-01T00:30", "held");
	session_at(fx, e3, "2026-05-01T00:30", "held");

	struct report_opts o = { .from = "2026-03", .to = "2026-11" };
	json_t *rep = coverage(fx, &o);
	shown(group(rep, "2026-03", "manager"), 3, 1, 333, "March");
	shown(group(rep, "2026-04", "manager"), 3, 1, 333, "April");
	shown(group(rep, "2026-05", "manager"), 3, 1, 333, "May");
	shown(group(rep, "2026-10", "manager"), 3, 0, 0, "October");
	assert_null(prog_group(rep, "2026-11", e.prog));
	suppressed(group(rep, "2026-11", NULL), "November's total");
	json_decref(rep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_counts_per_month_model_and_team, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_filters_and_default_range, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_parameters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_who_may_read_it, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_person_in_two_groups, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters_never_give_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_programme_end_and_summer_time, setup,
		                                teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
