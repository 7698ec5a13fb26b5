/*
 * test_coverage_cli.c - `salescoach report coverage` as a user meets it: the
 * real program (SALESCOACH_BIN) on the demo organisation, loaded once into a
 * temporary database on the reference day (SALESCOACH_NOW, in November 2026):
 * the table per programme, the current month marked partial, the JSON, and
 * the refusals. The figures themselves are worked out by hand in
 * tests/plan/test_coverage.c.
 */
#include "cli_fixture.h"

#define expect_out(fx, text) harness_expect_out(&(fx)->last, (text))

static void test_table(void **state)
{
	struct fixture *fx = *state;
	sc(fx, "--lang", "en", "report", "coverage", "--from", "2026-10", "--to", "2026-11", NULL);
	expect_out(fx, "Coverage per month from 2026-10 to 2026-11: per programme");
	expect_out(fx, "Programme");
	/* Programme 1 of Team Amsterdam; Utrecht's small senior programme is withheld. */
	expect_out(fx, "2026-10   1          manager   Team Amsterdam (2)");
	expect_out(fx, "withheld");
	/* November is this month: marked, with the footnote. */
	expect_out(fx, "2026-11*  total");
	expect_out(fx, "* this month is not over yet: its figures are partial.");
	sc(fx, "--lang", "nl", "report", "coverage", "--from", "2026-11", NULL);
	expect_out(fx, "per programma");
	expect_out(fx, "achtergehouden");
	expect_out(fx, "deze maand is nog niet voorbij");
	/* October alone is whole: no mark. */
	sc(fx, "--lang", "en", "report", "coverage", "--from", "2026-10", "--to", "2026-10", NULL);
	if (strstr(fx->last.out, "*"))
		fail_msg("a month that is over is marked partial:\n%s", fx->last.out);
}

static void test_json(void **state)
{
	struct fixture *fx = *state;
	sc(fx, "report", "coverage", "--from", "2026-10", "--json", NULL);
	json_t *rep = harness_json(&fx->last, "report coverage --json"), *m, *g;
	size_t i, j;
	json_array_foreach(json_object_get(rep, "months"), i, m)
	{
		const char *ym = json_string_value(json_object_get(m, "month"));
		assert_int_equal(json_is_true(json_object_get(m, "partial")),
		                 !strcmp(ym, "2026-11"));
		json_array_foreach(json_object_get(m, "groups"), j, g)
		{
			assert_true(json_integer_value(json_object_get(g, "programme")) > 0);
			if (json_is_false(json_object_get(g, "suppressed")))
				assert_true(json_integer_value(json_object_get(g, "coached")) >= 5);
		}
	}
	json_decref(rep);
}

static void test_refusals(void **state)
{
	struct fixture *fx = *state;
	sc(fx, "--lang", "en", "report", "coverage", "--to", "2026-12", NULL);
	harness_expect_refused(&fx->last, "a month not begun",
	                       "give this month (2026-11) or an earlier one");
	sc(fx, "--lang", "en", "report", "coverage", "--to", "1900-05", NULL);
	harness_expect_refused(&fx->last, "a default from before 1900", "1900-01");
	sc(fx, "--lang", "en", "--as", "lotte.mulder@vandijk.example", "report", "coverage", NULL);
	harness_expect_refused(&fx->last, "report coverage as a rep", "administrators");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, setup_demo_db, teardown);
}
