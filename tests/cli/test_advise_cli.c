/*
 * test_advise_cli.c - `salescoach advise` as a user meets it: the real
 * program (SALESCOACH_BIN) with the worked examples of docs/advisor.md as
 * --answers files, and with answers typed on stdin (defaults taken by an
 * empty line, invalid answers explained and asked again, the end of the
 * input an error), in English and in Dutch, with and without a database.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "cli_harness.h"

#ifndef SOURCE_DIR
#error "SOURCE_DIR must name the source tree (tests/meson.build sets it)"
#endif

#define EXAMPLES SOURCE_DIR "/docs/advisor/"

struct fixture {
	char dir[512];
	struct harness_run last; /* the program, run in dir */
};

/*
 * Run the program with args (NULL-terminated) and input on stdin (NULL:
 * /dev/null), without SALESCOACH_DB in its environment. Returns the exit code.
 */
#define run(fx, input, ...) harness_run(&(fx)->last, NULL, input, __VA_ARGS__)

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	if (!fx || harness_run_init(&fx->last, fx->dir, sizeof(fx->dir), "salescoach-advise")) {
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	harness_run_release(&fx->last);
	free(fx);
	return 0;
}

/* A path in the fixture's directory: a database that does not exist. */
static const char *no_db(struct fixture *fx)
{
	static char path[700];
	snprintf(path, sizeof(path), "%s/none/never.db", fx->dir);
	return path;
}

/* Count the occurrences of needle in hay. */
static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

#define assert_contains(hay, needle)                                                               \
	do {                                                                                       \
		if (!strstr((hay), (needle)))                                                      \
			fail_msg("expected \"%s\" in:\n%s", (needle), (hay));                      \
	} while (0)

/* The scores of a --json result: manager, senior, internal, external; and the best model. */
static void json_scores(const char *out, int scores[4], char best[16])
{
	json_error_t jerr;
	json_t *root = json_loads(out, 0, &jerr);
	const char *names[] = { "manager", "senior", "internal", "external" };

	if (!root)
		fail_msg("not JSON (%s):\n%s", jerr.text, out);
	for (int m = 0; m < 4; m++) {
		json_t *s = json_object_get(json_object_get(root, "scores"), names[m]);
		assert_true(json_is_integer(s));
		scores[m] = (int)json_integer_value(s);
	}
	snprintf(best, 16, "%s", json_string_value(json_object_get(root, "best")));
	json_decref(root);
}

/* ---- answers from a file ------------------------------------------------------------------- */

static void test_examples_from_files(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		const char *file;
		int scores[4];
		const char *best;
	} ex[] = {
		{ EXAMPLES "example-1.json", { 100, 40, 0, 10 }, "manager" },
		{ EXAMPLES "example-2.json", { 25, 85, 25, 40 }, "senior" },
		{ EXAMPLES "example-3.json", { 0, 45, 0, 95 }, "external" },
		{ EXAMPLES "example-4.json", { 45, 40, 90, 10 }, "internal" },
	};
	for (size_t i = 0; i < sizeof(ex) / sizeof(ex[0]); i++) {
		int scores[4];
		char best[16];
		assert_int_equal(run(fx, NULL, "--db", no_db(fx), "advise", "--answers", ex[i].file,
		                     "--json", NULL),
		                 0);
		json_scores(fx->last.out, scores, best);
		assert_memory_equal(scores, ex[i].scores, sizeof(scores));
		assert_string_equal(best, ex[i].best);
		assert_string_equal(fx->last.err, "");
	}
	/* no database is needed, and none is created */
	struct stat sb;
	assert_int_not_equal(stat(no_db(fx), &sb), 0);
}

/* The JSON names for every reason the answer it comes from and the points it moved. */
static void test_json_reasons_pitfalls_checklist(void **state)
{
	struct fixture *fx = *state;
	json_error_t jerr;
	json_t *root, *x;
	size_t i;

	assert_int_equal(run(fx, NULL, "--db", no_db(fx), "advise", "--answers",
	                     EXAMPLES "example-3.json", "--json", NULL),
	                 0);
	root = json_loads(fx->last.out, 0, &jerr);
	assert_non_null(root);
	int external = 0;
	json_array_foreach(json_object_get(root, "reasons"), i, x)
	{
		assert_true(json_is_string(json_object_get(x, "answer")));
		assert_true(json_is_string(json_object_get(x, "text")));
		if (!strcmp(json_string_value(json_object_get(x, "model")), "external"))
			external += (int)json_integer_value(json_object_get(x, "points"));
	}
	assert_int_equal(50 + external, 95); /* base + the external coach's reasons */
	bool spy = false;
	json_array_foreach(json_object_get(root, "pitfalls"), i, x)
	{
		if (!strcmp(json_string_value(json_object_get(x, "rule")), "seen-as-spy") &&
		    !strcmp(json_string_value(json_object_get(x, "model")), "external")) {
			spy = true;
			assert_string_equal(
			        json_string_value(json_array_get(json_object_get(x, "answers"), 0)),
			        "trust");
		}
	}
	assert_true(spy);
	x = json_array_get(json_object_get(root, "checklist"), 2);
	assert_string_equal(json_string_value(json_object_get(x, "rule")), "below-cadence");
	assert_int_equal(
	        json_integer_value(json_object_get(json_object_get(x, "facts"), "budget_needed")),
	        64800);
	json_decref(root);
}

static void test_text_in_both_languages(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(run(fx, NULL, "--db", no_db(fx), "advise", "--answers",
	                     EXAMPLES "example-2.json", "--lang", "en", NULL),
	                 0);
	assert_contains(fx->last.out, "   85  senior    coaching by senior reps - best fit");
	assert_contains(fx->last.out, "   +20  develop_managers: The organisation wants to develop "
	                              "future managers");
	assert_contains(fx->last.out,
	                "manager-no-time (from manager_hours_per_week, managers, "
	                "team_size): Each manager needs 60 h a month for 20 reps but can "
	                "free only 8.67 h");
	assert_contains(fx->last.out, "Checklist against the pitfalls of the senior model");
	assert_contains(fx->last.out,
	                "  [ ] Lower each senior's target for the coaching time: 9 h of "
	                "coaching out of 140 selling hours a month is 6.4 % of the quota. "
	                "(no-incentive)");

	assert_int_equal(run(fx, NULL, "--db", no_db(fx), "advise", "--answers",
	                     EXAMPLES "example-2.json", "--lang", "nl", NULL),
	                 0);
	assert_contains(fx->last.out,
	                "   85  senior    coaching door senior verkopers - past het best");
	assert_contains(fx->last.out,
	                "Elke manager heeft 60 u per maand nodig voor 20 verkopers maar "
	                "kan maar 8,67 u vrijmaken");
	assert_contains(fx->last.out, "Checklist tegen de valkuilen van het model senior");
	assert_contains(fx->last.out, "9 u coaching van 140 verkoopuren per maand is 6,4 % van het "
	                              "target");
	assert_null(strstr(fx->last.out, "advise."));

	/* Example 1: the managers' own sales record, the article's argument for the model. */
	assert_int_equal(run(fx, NULL, "--db", no_db(fx), "advise", "--answers",
	                     EXAMPLES "example-1.json", "--lang", "en", NULL),
	                 0);
	assert_contains(fx->last.out, "   +10  managers_sales_record: The managers sold "
	                              "successfully themselves before they led: they can give "
	                              "their team many tips and tricks.");
	assert_contains(fx->last.out, "115, shown as 100");
	assert_int_equal(run(fx, NULL, "--db", no_db(fx), "advise", "--answers",
	                     EXAMPLES "example-1.json", "--lang", "nl", NULL),
	                 0);
	assert_contains(fx->last.out, "verkooprecord van de managers: De managers hebben zelf "
	                              "succesvol verkocht");
	assert_null(strstr(fx->last.out, "managers_sales_record"));
}

static void test_bad_answers_files(void **state)
{
	struct fixture *fx = *state;
	char path[700];

	snprintf(path, sizeof(path), "%s/answers.json", fx->dir);
	harness_write_file(path, "{\"team_size\": 12, \"trust\": \"very low\"}");
	assert_int_equal(run(fx, NULL, "--db", no_db(fx), "advise", "--answers", path, NULL), 2);
	assert_contains(fx->last.err, "salescoach: ");
	assert_contains(fx->last.err, "trust must be one of low, medium, high, not \"very low\".");
	assert_string_equal(fx->last.out, "");

	harness_write_file(path, "{\"teamsize\": 12}");
	assert_int_equal(
	        run(fx, NULL, "--db", no_db(fx), "advise", "--answers", path, "--lang", "nl", NULL),
	        2);
	assert_contains(fx->last.err, "onbekende sleutel 'teamsize'; de sleutels zijn: team_size");

	harness_write_file(path, "{\"team_size\": 4, \"managers\": 5}");
	assert_int_equal(run(fx, NULL, "--db", no_db(fx), "advise", "--answers", path, NULL), 2);
	assert_contains(fx->last.err, "managers: 5 is more than team_size (4); give at most 4.");

	assert_int_equal(run(fx, NULL, "--db", no_db(fx), "advise", "--answers",
	                     EXAMPLES "missing.json", NULL),
	                 2);
	assert_contains(fx->last.err, "missing.json: cannot be read");

	assert_int_equal(run(fx, NULL, "advise", "--lang", "de", NULL), 2);
	assert_contains(fx->last.err, "--lang: 'de' is not a language here; use en or nl");
	assert_int_equal(run(fx, NULL, "advise", "--answerz", "x.json", NULL), 2);
	assert_contains(fx->last.err, "unknown option '--answerz'");
}

static void test_help(void **state)
{
	struct fixture *fx = *state;
	const char *ids[] = { "team_size",
		              "managers",
		              "manager_hours_per_week",
		              "managers_trained_pct",
		              "managers_sales_record",
		              "superiors_can_supervise",
		              "seniors",
		              "develop_managers",
		              "coach_fte",
		              "coach_budget",
		              "internal_candidate",
		              "objective_view",
		              "trust",
		              "target_hours",
		              NULL };

	assert_int_equal(run(fx, NULL, "advise", "--help", NULL), 0);
	assert_contains(fx->last.out, "usage: salescoach advise [--answers FILE] [--json]");
	assert_null(strstr(fx->last.out, "--lang"));
	for (size_t i = 0; ids[i]; i++)
		assert_contains(fx->last.out, ids[i]);
	assert_contains(fx->last.out,
	                "coach_budget             whole number 0-10000000, default 0");
	assert_int_equal(run(fx, NULL, "--help", NULL), 0);
	assert_contains(fx->last.out, "  advise ");
}

/* ---- answers typed on stdin ---------------------------------------------------------------- */

/* Example 3 typed in English, with an empty line for managers (default 1). */
#define EXAMPLE_3_EN "12\n\n2\n0\nno\nno\n2\nno\n0\n70000\nnone\nyes\nlow\n3\n"

static void test_typed_example_gives_same_result(void **state)
{
	struct fixture *fx = *state;
	int scores[4];
	char best[16];

	assert_int_equal(run(fx, EXAMPLE_3_EN, "--db", no_db(fx), "advise", "--json", NULL), 0);
	json_scores(fx->last.out, scores, best);
	assert_int_equal(scores[0], 0);
	assert_int_equal(scores[1], 45);
	assert_int_equal(scores[2], 0);
	assert_int_equal(scores[3], 95);
	assert_string_equal(best, "external");
	/* with --json the questions go to stderr, so stdout is the JSON alone */
	assert_contains(fx->last.err, "How many reps does the team have (the people to coach)? "
	                              "(1–1000) [10]: 12");
	assert_contains(fx->last.err, "How many sales managers lead them? (1–12) [1]: \n");
}

static void test_invalid_answer_is_asked_again(void **state)
{
	struct fixture *fx = *state;
	const char *q_hours =
	        "How many hours a week can each manager free for coaching? (0–40) [2]: ";

	/* "two" and "41" for the hours, "maybe" for supervision, then the rest by default */
	assert_int_equal(run(fx, "6\n1\ntwo\n41\n5\n100\nyes\nmaybe\nyes\n1\n\n\n\n\n\nhigh\n\n",
	                     "--db", no_db(fx), "advise", "--lang", "en", NULL),
	                 0);
	assert_contains(fx->last.out,
	                "manager_hours_per_week: 'two' is not a number; give one from 0 "
	                "to 40 (decimals after a point or a comma).");
	assert_contains(fx->last.out, "manager_hours_per_week: 41 is outside the range 0 to 40.");
	assert_int_equal(count(fx->last.out, q_hours), 3);
	assert_contains(fx->last.out, "superiors_can_supervise: 'maybe' is neither yes nor no.");
	/* these are the answers of example 1: the same scores */
	assert_contains(fx->last.out, "  100  manager   coaching by the manager - best fit\n"
	                              "   40  senior    coaching by senior reps\n"
	                              "   10  external  an external coach\n"
	                              "    0  internal  an internal coach\n");
	assert_string_equal(fx->last.err, "");
}

static void test_dutch_questionnaire(void **state)
{
	struct fixture *fx = *state;

	/* example 2 in Dutch: decimal comma, ja/nee, Dutch words; "veel" is re-asked */
	assert_int_equal(
	        run(fx,
	            "40\n2\n2,0\n50\nnee\nja\n10\nja\n1\n20000\nveel\ngeen\nnee\ngemiddeld\n"
	            "\n",
	            "--db", no_db(fx), "advise", "--lang", "nl", NULL),
	        0);
	assert_contains(fx->last.out, "Modeladviseur: 14 vragen over het team.");
	assert_contains(fx->last.out,
	                "Hoeveel verkopers telt het team (de mensen die gecoacht worden)? "
	                "(1–1000) [10]: 40");
	assert_contains(fx->last.out, "(geen, zonder-sales, met-sales) [geen]: veel\n"
	                              "internal_candidate: 'veel' is geen van: geen, zonder-sales, "
	                              "met-sales.\n");
	assert_contains(fx->last.out, "(ja/nee) [nee]: ja");
	assert_contains(fx->last.out,
	                "   85  senior    coaching door senior verkopers - past het best");
	assert_contains(fx->last.out, "   40  extern    een externe coach\n");
}

static void test_end_of_input_is_an_error(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(run(fx, "12\n", "--db", no_db(fx), "advise", NULL), 2);
	assert_contains(fx->last.err,
	                "salescoach: advise: the input ended before question managers "
	                "was answered");
	assert_null(strstr(fx->last.out, "Model advisor: how well"));

	assert_int_equal(run(fx, NULL, "--db", no_db(fx), "advise", "--lang", "nl", NULL), 2);
	assert_contains(fx->last.err, "de invoer hield op voordat vraag team_size beantwoord was");
}

/* Without --lang, the organisation's locale decides when a database exists. */
static void test_language_of_the_organisation(void **state)
{
	struct fixture *fx = *state;
	char db[700];

	snprintf(db, sizeof(db), "%s/org.db", fx->dir);
	assert_int_equal(run(fx, NULL, "--db", db, "org", "add", "--name", "Van Dijk", "--locale",
	                     "nl", NULL),
	                 0);
	assert_int_equal(
	        run(fx, NULL, "--db", db, "advise", "--answers", EXAMPLES "example-4.json", NULL),
	        0);
	assert_contains(fx->last.out, "   90  intern    een interne coach - past het best");
	assert_int_equal(run(fx, NULL, "--db", db, "advise", "--answers", EXAMPLES "example-4.json",
	                     "--lang", "en", NULL),
	                 0);
	assert_contains(fx->last.out, "   90  internal  an internal coach - best fit");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_examples_from_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_reasons_pitfalls_checklist, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_text_in_both_languages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_answers_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_help, setup, teardown),
		cmocka_unit_test_setup_teardown(test_typed_example_gives_same_result, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_invalid_answer_is_asked_again, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_dutch_questionnaire, setup, teardown),
		cmocka_unit_test_setup_teardown(test_end_of_input_is_an_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_language_of_the_organisation, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
