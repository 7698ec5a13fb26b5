/*
 * test_options_cli.c - the command line's options as people type them, on
 * the demo organisation through the real program: global options anywhere
 * on the line, --lang, and long options only when typed whole.
 */
#include "cli_fixture.h"

/* `salescoach ARGS...` with no --db of the harness's own: the line exactly as typed. */
static int typed(struct fixture *fx, ...)
{
	char *argv[HARNESS_MAX_ARGS + 1] = { 0 };
	va_list ap;

	va_start(ap, fx);
	harness_args_va(argv, 0, ap);
	va_end(ap);
	return harness_run_argv(&fx->last, NULL, NULL, NULL, argv);
}

/* --db, --org, --as and --lang work after the command as before it (`overview --db X`). */
static void test_global_options_anywhere(void **state)
{
	struct fixture *fx = *state;
	char *before, *after;

	typed(fx, "--db", fx->db, "--as", "lotte.mulder@vandijk.example", "session", "list",
	      "--limit", "3", NULL);
	harness_expect_ok(&fx->last, "--as before the command");
	before = strdup(fx->last.out);
	typed(fx, "session", "list", "--limit", "3", "--as", "lotte.mulder@vandijk.example", "--db",
	      fx->db, NULL);
	harness_expect_ok(&fx->last, "--as and --db after the command");
	after = fx->last.out;
	assert_string_equal(after, before);
	free(before);
	typed(fx, "overview", "--db=" /* the = form too */, NULL);
	harness_expect_refused(&fx->last, "--db= with no path", "");
	char db[700];
	snprintf(db, sizeof(db), "--db=%s", fx->db);
	typed(fx, "overview", db, "--lang", "en", NULL);
	harness_expect_ok(&fx->last, "overview --db=X --lang en");
	assert_non_null(strstr(fx->last.out, "active people"));
}

/* --lang chooses the language of what is printed; the demo organisation's own is Dutch. */
static void test_lang_chooses_the_language(void **state)
{
	struct fixture *fx = *state;

	harness_run(&fx->last, fx->db, NULL, "--as", "lotte.mulder@vandijk.example", "agenda",
	            "--week", NULL);
	harness_expect_ok(&fx->last, "agenda");
	assert_non_null(strstr(fx->last.out, "Agenda van Lotte Mulder"));
	harness_run(&fx->last, fx->db, NULL, "--as", "lotte.mulder@vandijk.example", "agenda",
	            "--week", "--lang", "en", NULL);
	harness_expect_ok(&fx->last, "agenda --lang en");
	assert_non_null(strstr(fx->last.out, "Agenda of Lotte Mulder"));
	assert_null(strstr(fx->last.out, "Sessies"));
	harness_run(&fx->last, fx->db, NULL, "--lang", "fr", "overview", NULL);
	harness_expect_refused(&fx->last, "--lang fr", "'fr' is hier geen taal; gebruik en of nl");
}

/*
 * A long option counts only typed whole: `--min` is not `--minutes`, and
 * `--as` after a noun whose fields begin with "as" (assignment) is the
 * global option, never --assignment.
 */
static void test_abbreviations_are_refused(void **state)
{
	struct fixture *fx = *state;
	json_t *all = list(fx, "session", "--limit", "0", NULL);
	size_t sessions = json_array_size(all);
	json_decref(all);

	harness_run(&fx->last, fx->db, NULL, "--as", "jeroen.bakker@vandijk.example", "session",
	            "add", "--assignment", "1", "--kind", "one_to_one", "--at", "2026-12-14T10:00",
	            "--min", "30", NULL);
	harness_expect_refused(&fx->last, "--min", "onbekende optie '--min'");
	all = list(fx, "session", "--limit", "0", NULL);
	assert_int_equal(json_array_size(all), sessions);
	json_decref(all);
	harness_run(&fx->last, fx->db, NULL, "session", "list", "--assign", "1", NULL);
	harness_expect_refused(&fx->last, "--assign", "onbekende optie '--assign'");
	harness_run(&fx->last, fx->db, NULL, "alerts", "--summ", NULL);
	harness_expect_refused(&fx->last, "alerts --summ", "--summ");
	harness_run(&fx->last, fx->db, NULL, "--ver", NULL);
	harness_expect_refused(&fx->last, "--ver", "onbekende optie '--ver'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_global_options_anywhere),
		cmocka_unit_test(test_lang_chooses_the_language),
		cmocka_unit_test(test_abbreviations_are_refused),
	};
	return cmocka_run_group_tests(tests, setup_demo_db, teardown);
}
