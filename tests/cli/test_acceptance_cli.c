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
 * The demo's surveys (today is 2026-11-28): November's round is still open, so
 * nothing of it is shown; the administrator sees its counts (Jeroen's coachees
 * gave 8 answers and Sandra's 10: the manager model holds 18). October's 5
 * answers about the external coaches are withheld with a coach's fewer.
 * min_answers is 5 (k 5, k_survey 3).
 */
static void test_the_administrators_tables(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(sc(fx, "--lang", "en", "report", "acceptance", "--from", "2026-09", NULL),
	                 0);
	const char *out = fx->last.out;
	assert_non_null(strstr(out, "Acceptance per month from 2026-09 to 2026-11"));
	assert_non_null(strstr(out, "No mean of fewer than 5 answers is shown (<5)"));
	assert_non_null(strstr(out, "2026-11 and later: round still open"));
	assert_non_null(strstr(out, "Model     By        Month    Ans.  Mean"));
	assert_non_null(strstr(out, "manager   coachees  2026-11  18    open  -"));
	assert_non_null(strstr(out, "external  coachees  2026-10  5*    -"));
	assert_non_null(strstr(out, "\nPer coach:\n"));
	assert_non_null(strstr(out, "Sandra Visser (2)      coachees  2026-11  10    open"));
	fits_100_columns(out);

	assert_int_equal(sc(fx, "report", "acceptance", "--from", "2026-09", "--json", NULL), 0);
	json_t *rep = harness_json(&fx->last, "report acceptance --json");
	assert_int_equal(json_integer_value(json_object_get(rep, "min_answers")), 5);
	json_t *manager = json_array_get(json_object_get(rep, "models"), 0);
	assert_string_equal(json_string_value(json_object_get(manager, "model")), "manager");
	json_t *month = json_array_get(json_object_get(manager, "months"), 2);
	assert_true(json_is_true(json_object_get(month, "open")));
	json_t *nov = json_object_get(month, "coachee");
	assert_int_equal(json_integer_value(json_object_get(nov, "answers")), 18);
	assert_true(json_is_true(json_object_get(nov, "withheld")));
	assert_true(json_is_null(json_object_get(nov, "mean")));
	json_decref(rep);

	/* In Dutch, too, within 100 columns. */
	assert_int_equal(sc(fx, "report", "acceptance", "--from", "2026-09", NULL), 0);
	assert_non_null(
	        strstr(fx->last.out, "Acceptatie per maand van 2026-09 tot en met 2026-11"));
	assert_non_null(strstr(fx->last.out, "2026-11 en later: ronde loopt nog"));
	fits_100_columns(fx->last.out);
}

/* The line of out that starts with start, copied into line (NUL-terminated). */
static void line_of(const char *out, const char *start, char *line, size_t size)
{
	const char *at = strstr(out, start);
	if (!at)
		fail_msg("no line starting %s in:\n%s", start, out);
	snprintf(line, size, "%.*s", (int)strcspn(at, "\n"), at);
}

/*
 * A generated organisation of 300 reps over 24 months: every line within
 * 100 columns (the per-coach table, the trends), October's means as the
 * JSON has them, and the trend from its first month shown to October, the
 * last closed one.
 */
static void test_a_generated_organisation(void **state)
{
	struct fixture *fx = *state;
	char db[700], line[256], want[64];

	snprintf(db, sizeof(db), "%s/gen.db", fx->dir);
	assert_int_equal(harness_run(&fx->last, db, NULL, "gen", "--reps", "300", "--months", "24",
	                             "--seed", "1", NULL),
	                 0);
	assert_int_equal(harness_run(&fx->last, db, NULL, "report", "acceptance", "--from",
	                             "2024-12", "--json", NULL),
	                 0);
	json_t *rep = harness_json(&fx->last, "report acceptance --json");
	json_t *in = json_array_get(json_object_get(rep, "models"), 2);
	assert_string_equal(json_string_value(json_object_get(in, "model")), "internal");
	json_t *oct = json_object_get(json_array_get(json_object_get(in, "months"), 22), "coachee");
	assert_true(json_is_integer(json_object_get(oct, "answers")));
	snprintf(want, sizeof(want), "internal  coachees  2026-10  %-4lld  %.1f   %.1f",
	         (long long)json_integer_value(json_object_get(oct, "answers")),
	         json_number_value(json_object_get(oct, "mean")),
	         json_number_value(json_object_get(oct, "respect")));
	json_t *t = json_object_get(json_object_get(in, "trend"), "coachee");
	assert_string_equal(json_string_value(json_object_get(t, "to")), "2026-10");

	assert_int_equal(harness_run(&fx->last, db, NULL, "--lang", "en", "report", "acceptance",
	                             "--from", "2024-12", NULL),
	                 0);
	fits_100_columns(fx->last.out);
	assert_non_null(strstr(fx->last.out, "\nPer coach:\n"));
	line_of(fx->last.out, "internal  coachees  2026-10", line, sizeof(line));
	if (strncmp(line, want, strlen(want)))
		fail_msg("October's line %s, not as the JSON: %s", line, want);
	line_of(fx->last.out, "internal  coachees  trend", line, sizeof(line));
	assert_non_null(strstr(line, json_string_value(json_object_get(t, "from"))));
	assert_non_null(strstr(line, "2026-10"));
	assert_non_null(strstr(fx->last.out, "internal  coachees  2026-11"));
	line_of(fx->last.out, "internal  coachees  2026-11", line, sizeof(line));
	assert_non_null(strstr(line, "open"));
	json_decref(rep);
	assert_int_equal(
	        harness_run(&fx->last, db, NULL, "report", "acceptance", "--from", "2024-12", NULL),
	        0);
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
		cmocka_unit_test(test_a_generated_organisation),
	};
	return cmocka_run_group_tests(tests, setup_demo_db, teardown);
}
