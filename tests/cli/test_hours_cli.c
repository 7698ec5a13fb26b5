/*
 * test_hours_cli.c - `salescoach report hours` as a user meets it: the real
 * program (SALESCOACH_BIN) on the demo organisation, loaded once into a
 * temporary database on the reference day (SALESCOACH_NOW): the table, the
 * JSON as a manager reads it, and the refusals. The figures themselves are
 * worked out by hand in tests/plan/test_hours.c.
 */
#include <math.h>

#include "cli_fixture.h"

#define expect_out(fx, text) harness_expect_out(&(fx)->last, (text))

static void test_table(void **state)
{
	struct fixture *fx = *state;
	sc(fx, "--lang", "en", "report", "hours", "--from", "2026-10", "--to", "2026-11", NULL);
	expect_out(fx, "Coaching hours per month from 2026-10 to 2026-11");
	expect_out(fx, "fewer than 5 people is not shown");
	expect_out(fx, "Hours per coachee");
	/* Amsterdam's programme has a target of 3.25 h; Utrecht's senior programme is small. */
	expect_out(fx, "Team Amsterdam (2)");
	expect_out(fx, "3.25 h");
	expect_out(fx, "withheld");
	expect_out(fx, "2026-11*  total");
	expect_out(fx, "this month is not over yet");
	/* In Dutch, with a decimal comma. */
	sc(fx, "--lang", "nl", "report", "hours", "--from", "2026-11", NULL);
	expect_out(fx, "Coachingsuren per maand van 2026-11 tot en met 2026-11");
	expect_out(fx, "3,25 h");
	expect_out(fx, "achtergehouden");
}

/* The programme of this id in the month m of rep. */
static json_t *programme(json_t *m, json_int_t id)
{
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(m, "programmes"), i, p)
	{
		if (json_integer_value(json_object_get(p, "id")) == id)
			return p;
	}
	fail_msg("no programme %lld", (long long)id);
	return NULL;
}

static void test_json_as_a_manager(void **state)
{
	struct fixture *fx = *state;
	sc(fx, "report", "hours", "--from", "2026-11", "--json", NULL);
	json_t *admin = harness_json(&fx->last, "report hours --json");
	sc(fx, "--as", "jeroen.bakker@vandijk.example", "report", "hours", "--from", "2026-11",
	   "--json", NULL);
	json_t *mgr = harness_json(&fx->last, "report hours --json as a manager");
	assert_true(json_equal(admin, mgr));

	json_t *m = json_array_get(json_object_get(mgr, "months"), 0);
	assert_string_equal(json_string_value(json_object_get(m, "month")), "2026-11");
	/* Amsterdam's programme is shown: its hours per coachee are its hours over its people. */
	json_t *ams = programme(m, 1);
	assert_true(json_is_false(json_object_get(ams, "suppressed")));
	double hours = json_number_value(json_object_get(ams, "hours"));
	long coached = (long)json_integer_value(json_object_get(ams, "coached"));
	assert_true(coached >= 5);
	assert_true(fabs(json_number_value(json_object_get(ams, "hours_per_coachee")) -
	                 hours / (double)coached) <= 0.051);
	assert_true(json_integer_value(json_object_get(ams, "on_target")) <= coached);
	/* Utrecht's senior programme has fewer than k = 5 people: no figure at all. */
	json_t *utr = programme(m, 3);
	assert_true(json_is_true(json_object_get(utr, "suppressed")));
	assert_null(json_object_get(utr, "coached"));
	assert_null(json_object_get(utr, "hours"));
	json_decref(admin);
	json_decref(mgr);
}

static void test_refusals(void **state)
{
	struct fixture *fx = *state;
	/* A rep: the report describes everyone's coaching. */
	sc(fx, "--lang", "en", "--as", "lotte.mulder@vandijk.example", "report", "hours", NULL);
	harness_expect_refused(&fx->last, "report hours as a rep", "administrators");
	sc(fx, "--lang", "en", "report", "hours", "--from", "2026-13", NULL);
	harness_expect_refused(&fx->last, "a month 13", "'2026-13' is not a month");
	sc(fx, "--lang", "en", "report", "hours", "--model", "boss", NULL);
	harness_expect_refused(&fx->last, "an unknown model", "'boss'");
	sc(fx, "--lang", "en", "report", "hours", "--team", "abc", NULL);
	harness_expect_refused(&fx->last, "a team that is no id", "abc");
	/* Its usage names what it shows. */
	sc(fx, "--lang", "en", "report", "hours", "--help", NULL);
	expect_out(fx, "usage: salescoach report hours");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_json_as_a_manager),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, setup_demo_db, teardown);
}
