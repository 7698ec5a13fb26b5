/*
 * test_acceptance_cli.c - `salescoach report acceptance` on the demo
 * organisation through the real program: the administrator's tables (every
 * line within 100 columns) and the same figures as --json, a coach's own
 * rows only, and who is refused.
 */
#include "cli_fixture.h"

#define LINDA "linda.smit@vandijk.example"   /* an internal coach (coach profile 7) */
#define LOTTE "lotte.mulder@vandijk.example" /* a rep */

/* Every line of text at most 100 columns (the tables hold ASCII only). */
static void fits_100_columns(const char *text)
{
	for (const char *at = text; *at;) {
		size_t n = strcspn(at, "\n");
		if (n > 100)
			fail_msg("a line of %zu columns: %.*s", n, (int)n, at);
		at += n + (at[n] == '\n');
	}
}

/*
 * The demo's November (today is 2026-11-28): Jeroen's coachees gave 8 answers and
 * Sandra's 10, so the manager model holds 18; min_answers is 5 (k 5, k_survey 3).
 */
static void test_the_administrators_tables(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(sc(fx, "--lang", "en", "report", "acceptance", "--from", "2026-09", NULL),
	                 0);
	const char *out = fx->last.out;
	assert_non_null(strstr(out, "Acceptance per month from 2026-09 to 2026-11"));
	assert_non_null(strstr(out, "No mean of fewer than 5 answers is shown (<5)"));
	assert_non_null(strstr(out, "Model     By        Month    Ans.  Mean"));
	assert_non_null(strstr(out, "manager   coachees  2026-11  18"));
	assert_non_null(strstr(out, "\nPer coach:\n"));
	assert_non_null(strstr(out, "Sandra Visser (2)"));
	fits_100_columns(out);

	assert_int_equal(sc(fx, "report", "acceptance", "--from", "2026-09", "--json", NULL), 0);
	json_t *rep = harness_json(&fx->last, "report acceptance --json");
	assert_int_equal(json_integer_value(json_object_get(rep, "min_answers")), 5);
	json_t *manager = json_array_get(json_object_get(rep, "models"), 0);
	assert_string_equal(json_string_value(json_object_get(manager, "model")), "manager");
	json_t *nov =
	        json_object_get(json_array_get(json_object_get(manager, "months"), 2), "coachee");
	assert_int_equal(json_integer_value(json_object_get(nov, "answers")), 18);
	assert_true(json_is_number(json_object_get(nov, "mean")));
	json_decref(rep);

	/* In Dutch, too, within 100 columns. */
	assert_int_equal(sc(fx, "report", "acceptance", "--from", "2026-09", NULL), 0);
	assert_non_null(
	        strstr(fx->last.out, "Acceptatie per maand van 2026-09 tot en met 2026-11"));
	fits_100_columns(fx->last.out);
}

static void test_a_coach_sees_their_own_rows(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(sc(fx, "--lang", "en", "--as", LINDA, "report", "acceptance", NULL), 0);
	assert_non_null(strstr(fx->last.out, "Linda Smit (7)"));
	assert_null(strstr(fx->last.out, "Sandra Visser"));
	assert_null(strstr(fx->last.out, "Model "));
	assert_int_equal(sc(fx, "--as", LINDA, "report", "acceptance", "--json", NULL), 0);
	json_t *rep = harness_json(&fx->last, "a coach's report --json");
	assert_int_equal(json_array_size(json_object_get(rep, "models")), 0);
	assert_int_equal(json_array_size(json_object_get(rep, "coaches")), 1);
	assert_int_equal(json_integer_value(json_object_get(
	                         json_array_get(json_object_get(rep, "coaches"), 0), "coach")),
	                 7);
	json_decref(rep);
}

static void test_who_is_refused(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "--as", LOTTE, "report", "acceptance", NULL);
	harness_expect_refused(&fx->last, "a rep", "het acceptatierapport is voor beheerders");
	sc(fx, "--lang", "en", "report", "acceptance", "--from", "2026-13", NULL);
	harness_expect_refused(&fx->last, "a bad month", "from");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_administrators_tables),
		cmocka_unit_test(test_a_coach_sees_their_own_rows),
		cmocka_unit_test(test_who_is_refused),
	};
	return cmocka_run_group_tests(tests, setup_demo_db, teardown);
}
