/*
 * test_api_import.c - POST /api/imports in memory on the demo organisation:
 * a CSV body imported by an administrator, the report of bad lines with a
 * 422 when nothing was imported, dry runs and skip_bad, refused media types,
 * a missing CSRF token, and roles that may not import.
 */
#include "api_fixture.h"

#define PEOPLE                                                                                     \
	"naam;e-mail;functie\n"                                                                    \
	"Eva Visser;eva.visser@vandijk.example;Accountmanager\n"                                   \
	"Tim Smit;tim.smit@vandijk.example;\"Accountmanager; key accounts\"\n"

#define BAD_RESULTS                                                                                \
	"rep,month,quota,revenue\n"                                                                \
	"lotte.mulder@vandijk.example,2026-08,12500,13000\n"                                       \
	"lotte.mulder@vandijk.example,2026-09,twelve,13000\n"                                      \
	"nobody@vandijk.example,2026-09,12500,13000\n"

#define CSV "text/csv; charset=utf-8"

static void test_an_administrator_imports_a_csv_body(void **state)
{
	struct fixture *fx = *state;
	struct answer a;
	int64_t before = org1_rows(fx, E_PERSON);

	assert_int_equal(send_as(fx, ADMIN, "POST", "/api/imports?kind=people", CSV, PEOPLE, &a),
	                 200);
	assert_int_equal(json_num(a.body, "added"), 2);
	assert_int_equal(json_num(a.body, "bad"), 0);
	assert_true(json_is_true(json_object_get(a.body, "committed")));
	assert_int_equal(json_array_size(json_object_get(a.body, "bad_lines")), 0);
	answer_release(&a);
	assert_int_equal(org1_rows(fx, E_PERSON), before + 2);

	/* Again: the same people, not twice. */
	assert_int_equal(send_as(fx, ADMIN, "POST", "/api/imports?kind=people", CSV, PEOPLE, &a),
	                 200);
	assert_int_equal(json_num(a.body, "added"), 0);
	assert_int_equal(json_num(a.body, "unchanged"), 2);
	answer_release(&a);
	assert_int_equal(org1_rows(fx, E_PERSON), before + 2);
}

static void test_bad_lines_import_nothing(void **state)
{
	struct fixture *fx = *state;
	struct answer a;
	int64_t before = org1_rows(fx, E_RESULT), audits = org1_rows(fx, E_AUDIT);

	assert_int_equal(send_as(fx, ADMIN, "POST", "/api/imports?kind=results&lang=en", CSV,
	                         BAD_RESULTS, &a),
	                 422);
	assert_string_equal(error_field(a.body), "");
	assert_non_null(strstr(error_text(a.body), "Nothing was imported"));
	assert_int_equal(json_num(a.body, "bad"), 2);
	assert_false(json_is_true(json_object_get(a.body, "committed")));
	json_t *lines = json_object_get(a.body, "bad_lines");
	assert_int_equal(json_array_size(lines), 2);
	json_t *first = json_array_get(lines, 0), *second = json_array_get(lines, 1);
	assert_int_equal(json_num(first, "line"), 3);
	assert_string_equal(json_string_value(json_object_get(first, "column")), "quota");
	assert_non_null(strstr(json_string_value(json_object_get(first, "reason")),
	                       "'twelve' is not a number"));
	assert_int_equal(json_num(second, "line"), 4);
	assert_non_null(strstr(json_string_value(json_object_get(second, "reason")),
	                       "nobody here has the e-mail address 'nobody@vandijk.example'"));
	answer_release(&a);
	assert_int_equal(org1_rows(fx, E_RESULT), before);
	assert_int_equal(org1_rows(fx, E_AUDIT), audits);

	/* A dry run of the same file: the same report, nothing stored. */
	assert_int_equal(send_as(fx, ADMIN, "POST", "/api/imports?kind=results&dry_run=true", CSV,
	                         BAD_RESULTS, &a),
	                 422);
	assert_true(json_is_true(json_object_get(a.body, "dry_run")));
	answer_release(&a);
	assert_int_equal(org1_rows(fx, E_RESULT), before);

	/* skip_bad: the good line is imported, the bad ones reported, in Dutch by default. */
	assert_int_equal(send_as(fx, ADMIN, "POST", "/api/imports?kind=results&skip_bad=true", CSV,
	                         BAD_RESULTS, &a),
	                 200);
	assert_int_equal(json_num(a.body, "added") + json_num(a.body, "updated"), 1);
	assert_int_equal(json_num(a.body, "bad"), 2);
	assert_non_null(
	        strstr(json_string_value(json_object_get(
	                       json_array_get(json_object_get(a.body, "bad_lines"), 0), "reason")),
	               "'twelve' is geen getal"));
	json_int_t added = json_num(a.body, "added");
	answer_release(&a);
	assert_int_equal(org1_rows(fx, E_RESULT), before + added);
}

static void test_what_is_refused_before_reading(void **state)
{
	struct fixture *fx = *state;
	struct answer a;
	int64_t before = org1_rows(fx, E_PERSON);

	/* The body must be CSV... */
	assert_int_equal(send_as(fx, ADMIN, "POST", "/api/imports?kind=people", "application/json",
	                         "{\"name\":\"x\"}", &a),
	                 415);
	answer_release(&a);
	assert_int_equal(send_as(fx, ADMIN, "POST", "/api/imports?kind=people",
	                         "text/csv; charset=latin1", PEOPLE, &a),
	                 415);
	answer_release(&a);
	/* ...of a kind we import... */
	assert_int_equal(send_as(fx, ADMIN, "POST", "/api/imports?kind=customers", CSV, PEOPLE, &a),
	                 422);
	assert_string_equal(error_field(a.body), "kind");
	answer_release(&a);
	assert_int_equal(send_as(fx, ADMIN, "POST", "/api/imports?kind=people&dry_run=maybe", CSV,
	                         PEOPLE, &a),
	                 422);
	assert_string_equal(error_field(a.body), "dry_run");
	answer_release(&a);
	/* ...with a header naming what we need. */
	assert_int_equal(send_as(fx, ADMIN, "POST", "/api/imports?kind=people&lang=en", CSV,
	                         "name;title\nEva;Accountmanager\n", &a),
	                 422);
	assert_non_null(strstr(error_text(a.body), "the header has no column email"));
	answer_release(&a);
	/* A cookie session without its CSRF token is refused. */
	char token[sizeof(fx->csrf[ADMIN])];
	snprintf(token, sizeof(token), "%s", fx->csrf[ADMIN]);
	fx->csrf[ADMIN][0] = '\0';
	assert_int_equal(send_as(fx, ADMIN, "POST", "/api/imports?kind=people", CSV, PEOPLE, &a),
	                 403);
	answer_release(&a);
	snprintf(fx->csrf[ADMIN], sizeof(fx->csrf[ADMIN]), "%s", token);
	assert_int_equal(org1_rows(fx, E_PERSON), before);
}

static void test_only_administrators_import(void **state)
{
	struct fixture *fx = *state;
	struct answer a;
	int64_t before = org1_rows(fx, E_PERSON);

	for (int w = ANON; w < NWHO; w++) {
		int want = w == ANON ? 401 : (w == ADMIN || w == FOREIGN) ? 200 : 403;
		int got = send_as(fx, (enum who)w, "POST", "/api/imports?kind=people&dry_run=true",
		                  CSV, PEOPLE, &a);
		if (got != want)
			fail_msg("POST /api/imports as %s: %d, expected %d",
			         w == ANON ? "anonymous" : emails[w], got, want);
		answer_release(&a);
	}
	assert_int_equal(org1_rows(fx, E_PERSON), before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_an_administrator_imports_a_csv_body),
		cmocka_unit_test(test_bad_lines_import_nothing),
		cmocka_unit_test(test_what_is_refused_before_reading),
		cmocka_unit_test(test_only_administrators_import),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
