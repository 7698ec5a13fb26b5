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

	/* Team A's programme, by team and by programme: the same figures. */
	struct report_opts t = { .team = a.team, .from = "2026-09", .to = "2026-09" };
	struct report_opts p = { .programme = a.prog, .from = "2026-09", .to = "2026-09" };
	json_t *by_team = coverage(fx, &t), *by_prog = coverage(fx, &p);
	shown(group(by_team, "2026-09", "manager"), 3, 2, 667, "team A Sep");
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_counts_per_month_model_and_team, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_filters_and_default_range, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_parameters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_who_may_read_it, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
