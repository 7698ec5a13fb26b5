/*
 * test_export_cli.c - `--format json|csv|xlsx` and `-o FILE` of the command
 * line's lists, alerts and team activity (docs/export.md), through the real
 * program on the demo organisation: CSV in the organisation's style, rows as
 * the JSON's, XLSX as a file, private content only for its coach, refusals
 * that say what to do and leave no file.
 */
#include "cli_fixture.h"

#define ERIK "erik.vanleeuwen@vandijk.example" /* a senior coach in Team Utrecht */
#define MARK "mark.jansen@vandijk.example"     /* the manager of Team Utrecht, not the coach */
#define BOM  "\xef\xbb\xbf"

/* The rows of CSV text (after the header), lines inside quotes not counted. */
static size_t csv_rows(const char *text)
{
	size_t rows = 0;
	bool quoted = false;
	for (const char *p = text; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && p[0] == '\r' && p[1] == '\n')
			rows++;
	}
	return rows ? rows - 1 : 0;
}

/* The first line of text, without its CRLF, into out. */
static const char *first_line(const char *text, char *out, size_t n)
{
	size_t len = strcspn(text, "\r\n");
	snprintf(out, n, "%.*s", (int)len, text);
	return out;
}

/* Some private text of Erik's sessions: the first line of the first note of some length. */
static void erik_note(struct fixture *fx, char *out, size_t n)
{
	assert_int_equal(sc(fx, "--as", ERIK, "session", "list", "--json", NULL), 0);
	json_t *arr = harness_json(&fx->last, "Erik's sessions"), *s;
	size_t i;
	out[0] = '\0';
	json_array_foreach(arr, i, s)
	{
		const char *notes = json_string_value(json_object_get(s, "notes"));
		if (notes && strlen(notes) > 20 && !out[0])
			first_line(notes, out, n);
	}
	json_decref(arr);
	assert_true(out[0] != '\0');
}

static void test_sessions_as_csv_with_and_without_private_content(void **state)
{
	struct fixture *fx = *state;
	char note[200], line[512];

	erik_note(fx, note, sizeof(note));
	assert_int_equal(sc(fx, "--as", ERIK, "session", "list", "--json", NULL), 0);
	json_t *arr = harness_json(&fx->last, "session list --json");
	size_t n = json_array_size(arr);
	json_decref(arr);

	assert_int_equal(sc(fx, "--as", ERIK, "session", "list", "--format", "csv", NULL), 0);
	const char *out = fx->last.out;
	assert_memory_equal(out, BOM, 3);
	assert_string_equal(first_line(out + 3, line, sizeof(line)),
	                    "id;assignment;kind;at;minutes;status;agenda;notes;skills;feedback;"
	                    "intro;customer;stage;role;follow_up;override_reason");
	assert_int_equal(csv_rows(out), n);
	assert_non_null(strstr(out, note)); /* the coach exports his own notes */
	/* Instants in the organisation's zone, truth values as words. */
	assert_non_null(strstr(out, ";one_to_one;2026-"));
	assert_non_null(strstr(out, ";true;"));

	/* His coachees' manager sees the sessions, never their content. */
	assert_int_equal(sc(fx, "--as", MARK, "session", "list", "--format", "csv", NULL), 0);
	assert_true(csv_rows(fx->last.out) >= n);
	assert_null(strstr(fx->last.out, note));
	assert_int_equal(sc(fx, "session", "list", "--format", "csv", NULL), 0);
	assert_null(strstr(fx->last.out, note)); /* nor does the local administrator */
}

static void test_xlsx_to_a_file_and_the_format_from_its_name(void **state)
{
	struct fixture *fx = *state;
	char path[700], line[512];

	snprintf(path, sizeof(path), "%s/sessions.xlsx", fx->dir);
	assert_int_equal(sc(fx, "session", "list", "--format", "xlsx", "-o", path, NULL), 0);
	assert_string_equal(fx->last.out, "");
	char *bytes = harness_slurp(path);
	assert_memory_equal(bytes, "PK\x03\x04", 4); /* a zip: the spreadsheet */
	free(bytes);

	/* -o people.csv is CSV without --format; --output p.json is JSON as --json prints it. */
	snprintf(path, sizeof(path), "%s/people.csv", fx->dir);
	assert_int_equal(sc(fx, "person", "list", "--active", "true", "-o", path, NULL), 0);
	char *csv = harness_slurp(path);
	assert_string_equal(first_line(csv + 3, line, sizeof(line)),
	                    "id;name;email;title;active;superior;years_experience;track_record");
	assert_non_null(strstr(csv, "\r\n2;Jeroen Bakker;jeroen.bakker@vandijk.example;"
	                            "Salesmanager Amsterdam;true;1;15;"));
	free(csv);
	assert_int_equal(sc(fx, "person", "list", "--json", NULL), 0);
	char *want = strdup(fx->last.out);
	snprintf(path, sizeof(path), "%s/people.json", fx->dir);
	assert_int_equal(sc(fx, "person", "list", "--output", path, "--format", "json", NULL), 0);
	char *got = harness_slurp(path);
	assert_string_equal(got, want);
	free(got);
	free(want);

	/* Another name gets the table, as printed. */
	snprintf(path, sizeof(path), "%s/people.txt", fx->dir);
	assert_int_equal(sc(fx, "person", "list", "-o", path, NULL), 0);
	char *table = harness_slurp(path);
	assert_non_null(strstr(table, "id  naam"));
	free(table);
}

static void test_refusals_leave_no_file(void **state)
{
	struct fixture *fx = *state;
	char path[700];

	sc(fx, "session", "list", "--format", "pdf", NULL);
	harness_expect_refused(&fx->last, "--format pdf",
	                       "--format: 'pdf' is geen formaat; kies json, csv of xlsx");
	sc(fx, "--lang", "en", "alerts", "--format", "ods", NULL);
	harness_expect_refused(&fx->last, "alerts --format ods",
	                       "--format: 'ods' is not a format; use json, csv or xlsx");

	/* A list that is refused writes nothing, not even an empty file. */
	snprintf(path, sizeof(path), "%s/refused.csv", fx->dir);
	sc(fx, "session", "list", "--status", "someday", "-o", path, NULL);
	assert_int_equal(fx->last.status, 2);
	assert_int_equal(access(path, F_OK), -1);

	/* A file that cannot be made: said, exit 1. */
	assert_int_equal(sc(fx, "session", "list", "-o", "/nonexistent-dir/s.csv", NULL), 1);
	assert_non_null(strstr(fx->last.err, "salescoach: kan /nonexistent-dir/s.csv niet "
	                                     "schrijven: "));

	/* --format belongs to list, not to show. */
	sc(fx, "session", "show", "1", "--format", "csv", NULL);
	assert_int_equal(fx->last.status, 2);
}

static void test_alerts_and_team_as_csv(void **state)
{
	struct fixture *fx = *state;
	char line[512];

	assert_int_equal(sc(fx, "alerts", "--json", NULL), 0);
	json_t *j = harness_json(&fx->last, "alerts --json");
	size_t n = json_array_size(json_object_get(j, "alerts"));
	const char *first = json_string_value(
	        json_object_get(json_array_get(json_object_get(j, "alerts"), 0), "id"));
	char want[200];
	snprintf(want, sizeof(want), "\r\n%s;", first);
	assert_int_equal(sc(fx, "alerts", "--format", "csv", NULL), 0);
	json_decref(j);
	assert_string_equal(first_line(fx->last.out + 3, line, sizeof(line)),
	                    "id;rule;severity;model;team;programme;people;facts;summary;"
	                    "mitigation;acknowledged");
	assert_int_equal(csv_rows(fx->last.out), n);
	assert_non_null(strstr(fx->last.out, want));

	/* Sandra's team: Daan Smits held 4 sessions, 315 minutes (test_team_cli.c). */
	assert_int_equal(sc(fx, "team", "activity", "--manager", "14", "--format", "csv", NULL), 0);
	assert_string_equal(first_line(fx->last.out + 3, line, sizeof(line)),
	                    "id;name;title;team.id;team.name;coached;coaches;last_session.at;"
	                    "last_session.kind;last_session.minutes;next_session.at;"
	                    "next_session.kind;next_session.minutes;sessions_held;minutes_held");
	assert_non_null(strstr(fx->last.out, ";Daan Smits;Accountmanager;3;Team Rotterdam;true;"
	                                     "Sandra Visser;"));
	assert_non_null(strstr(fx->last.out, ";4;315\r\n"));
	assert_int_equal(csv_rows(fx->last.out), 11);
}

/* overview --format csv: the programme report's table, as GET /api/reports/programmes has it. */
static void test_programme_report_as_csv(void **state)
{
	struct fixture *fx = *state;
	char line[512];

	assert_int_equal(sc(fx, "--as", "annelies.devries@vandijk.example", "overview", "--format",
	                    "csv", NULL),
	                 0);
	assert_memory_equal(fx->last.out, BOM, 3);
	assert_string_equal(first_line(fx->last.out + 3, line, sizeof(line)),
	                    "id;model;team.id;team.name;starts_on;ends_on;suppressed;coachees;"
	                    "sessions_held;hours_held;mean_feedback");
	assert_non_null(strstr(fx->last.out, "\r\n1;manager;2;Team Amsterdam;"));
	/* A programme of fewer than k coachees shows no figures: empty cells. */
	assert_non_null(strstr(fx->last.out, ";true;;;;\r\n"));
	assert_int_equal(csv_rows(fx->last.out), 5);
}

static void test_help_names_the_formats(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(sc(fx, "session", "list", "--help", NULL), 0);
	assert_non_null(strstr(fx->last.out, "  --format F         json, csv of xlsx"));
	assert_non_null(strstr(fx->last.out, "  -o, --output BESTAND\n"));
	assert_int_equal(sc(fx, "--lang", "en", "alerts", "--help", NULL), 0);
	assert_non_null(strstr(fx->last.out, "\nExports:\n  --format F         json, csv or xlsx"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sessions_as_csv_with_and_without_private_content),
		cmocka_unit_test(test_xlsx_to_a_file_and_the_format_from_its_name),
		cmocka_unit_test(test_refusals_leave_no_file),
		cmocka_unit_test(test_alerts_and_team_as_csv),
		cmocka_unit_test(test_programme_report_as_csv),
		cmocka_unit_test(test_help_names_the_formats),
	};
	return cmocka_run_group_tests(tests, setup_demo_db, teardown);
}
