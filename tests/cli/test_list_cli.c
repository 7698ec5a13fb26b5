/*
 * test_list_cli.c - the order and date range of `NOUN list` on the real
 * program and the demo organisation: --order, --desc, --from and --to
 * answer what the API's order, desc, from and to answer (tests/api), with
 * the same refusals.
 */
#include "cli_fixture.h"
#include "range_check.h"

/* `--as Jeroen session list --json ARGS...`: the sessions Jeroen (a manager who coaches) sees. */
static json_t *jeroens_sessions(struct fixture *fx, ...)
{
	char *argv[HARNESS_MAX_ARGS + 1] = {
		(char *)"--as",    (char *)"jeroen.bakker@vandijk.example",
		(char *)"session", (char *)"list",
		(char *)"--json",  (char *)"--limit",
		(char *)"0"
	};
	va_list ap;

	va_start(ap, fx);
	harness_args_va(argv, 7, ap);
	va_end(ap);
	harness_run_argv(&fx->last, fx->db, NULL, NULL, argv);
	json_t *arr = harness_json(&fx->last, "session list --json");
	assert_true(json_is_array(arr));
	return arr;
}

/*
 * A coach's sessions of a week, newest first, as they ask for them: those
 * of the whole list whose local day is in the week, both ends included, in
 * that order. The week ends on the day of a session of the list.
 */
static void test_sessions_of_a_week_newest_first(void **state)
{
	struct fixture *fx = *state;
	char from[TU_DATE_LEN], to[TU_DATE_LEN];

	json_t *all = jeroens_sessions(fx, NULL);
	range_week_of_middle(all, from, to);
	json_t *week =
	        jeroens_sessions(fx, "--from", from, "--to", to, "--order", "at", "--desc", NULL);
	range_assert_exactly_the_week(all, week, from, to);
	json_decref(week);
	json_decref(all);
}

/* Each refusal exits 2, says what was wrong (in Dutch, the demo's language) and lists nothing. */
static void test_a_wrong_range_or_order_is_refused(void **state)
{
	static const struct {
		const char *noun, *option, *value, *mentions;
	} wrong[] = {
		{ "session", "--from", "2026-11-31", "geen datum" },
		{ "session", "--to", "2026-11", "YYYY-MM-DD" },
		{ "session", "--order", "notes", "vertrouwelijke coachinginhoud" },
		{ "session", "--order", "nothing", "hebben geen veld 'nothing'" },
		{ "result", "--from", "2026-11-01", "YYYY-MM" },
		{ "person", "--from", "2026-11-01", "--from" },
	};
	struct fixture *fx = *state;

	for (size_t i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
		harness_run(&fx->last, fx->db, NULL, wrong[i].noun, "list", wrong[i].option,
		            wrong[i].value, NULL);
		harness_expect_refused(&fx->last, wrong[i].option, wrong[i].mentions);
	}
	harness_run(&fx->last, fx->db, NULL, "session", "list", "--from", "2026-11-08", "--to",
	            "2026-11-01", NULL);
	harness_expect_refused(&fx->last, "to before from", "vóór from");
	/* A list dated by month takes months, both included. */
	json_t *results = list(fx, "result", "--from", "2026-09", "--to", "2026-10", NULL);
	json_t *item;
	size_t i;
	assert_true(json_array_size(results) > 0);
	json_array_foreach(results, i, item)
	{
		const char *m = json_string_value(json_object_get(item, "month"));
		assert_true(strcmp(m, "2026-09") == 0 || strcmp(m, "2026-10") == 0);
	}
	json_decref(results);
}

/* --help tells the options, and which field the range is on. */
static void test_help_names_the_field_of_the_range(void **state)
{
	struct fixture *fx = *state;

	harness_run(&fx->last, fx->db, NULL, "--lang", "en", "action", "list", "--help", NULL);
	harness_expect_ok(&fx->last, "action list --help");
	assert_non_null(strstr(fx->last.out, "--order FIELD"));
	assert_non_null(strstr(fx->last.out, "--desc"));
	assert_non_null(strstr(fx->last.out, "--from DATE        due_on on or after DATE"));
	harness_run(&fx->last, fx->db, NULL, "--lang", "en", "person", "list", "--help", NULL);
	harness_expect_ok(&fx->last, "person list --help");
	assert_null(strstr(fx->last.out, "--from"));
}

/* The line of a table that begins with the id given, or fail. */
static const char *row_of(const char *out, const char *id)
{
	for (const char *line = out; line && *line;
	     line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
		if (strncmp(line, id, strlen(id)) == 0 && line[strlen(id)] == ' ')
			return line;
	fail_msg("no row %s in:\n%s", id, out);
	return NULL;
}

/*
 * A table names what its references point at, beside the id: an
 * assignment's coach (a coach profile) and coachee by the people's names, a
 * session's assignment as coach and coachee, a coach profile's person, a
 * programme's team. JSON keeps the bare ids.
 */
static void test_tables_show_names_beside_ids(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		const char *noun, *row, *shows;
	} tables[] = {
		{ "assignment", "1", "1 Jeroen Bakker  3 Lotte Mulder" },
		{ "session", "1", "1 Jeroen Bakker \xe2\x86\x92 Lotte Mulder" },
		{ "coach", "1", "2 Jeroen Bakker" },
		{ "programme", "1", "2 Team Amsterdam" },
	};

	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		harness_run(&fx->last, fx->db, NULL, tables[i].noun, "list", "--limit", "3", NULL);
		harness_expect_ok(&fx->last, tables[i].noun);
		const char *row = row_of(fx->last.out, tables[i].row);
		const char *end = strchr(row, '\n');
		char line[400];
		snprintf(line, sizeof(line), "%.*s", (int)(end ? end - row : (long)strlen(row)),
		         row);
		if (!strstr(line, tables[i].shows))
			fail_msg("%s list: row %s is '%s', without '%s'", tables[i].noun,
			         tables[i].row, line, tables[i].shows);
	}
	json_t *asg = list(fx, "assignment", "--limit", "1", NULL);
	assert_true(json_is_integer(json_object_get(json_array_get(asg, 0), "coach")));
	json_decref(asg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sessions_of_a_week_newest_first),
		cmocka_unit_test(test_a_wrong_range_or_order_is_refused),
		cmocka_unit_test(test_help_names_the_field_of_the_range),
		cmocka_unit_test(test_tables_show_names_beside_ids),
	};
	return cmocka_run_group_tests(tests, setup_demo_db, teardown);
}
