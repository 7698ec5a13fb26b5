/*
 * test_report_export_cli.c - `salescoach report NAME --format csv|xlsx [-o
 * FILE]` on the demo organisation (today 2026-11-28): every report as a file
 * for a spreadsheet, with the columns of docs/export.md, a withheld figure an
 * empty cell in a row that says so (never a 0), the XLSX read back, and the
 * refusals (no file left behind). The rows themselves are worked out by hand
 * in tests/plan/test_report_export.c.
 */
#include <sys/stat.h>

#include "cli_fixture.h"
#include "zip_read.h"

/* The fields of one CSV line (the demo's Dutch ';'; no field of these reports is quoted). */
static size_t fields(char *line, char **out, size_t max)
{
	size_t n = 0;
	for (char *p = line; n < max; p++) {
		out[n++] = p;
		if (!(p = strchr(p, ';')))
			break;
		*p = '\0';
	}
	return n;
}

static size_t column(char **heads, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(heads[i], name))
			return i;
	fail_msg("no column %s", name);
	return 0;
}

/*
 * Every row of csv whose column flag is want has the columns named in empty
 * (a space-separated list) empty; returns how many rows had it.
 */
static size_t withheld_rows_are_empty(const char *csv, const char *flag, const char *want,
                                      const char *empty)
{
	char *text = strdup(csv + 3), *save = NULL, *heads[64], *cells[64], names[512];
	size_t nh = 0, hits = 0;
	assert_memory_equal(csv, "\xEF\xBB\xBF", 3);
	for (char *line = strtok_r(text, "\r\n", &save); line;
	     line = strtok_r(NULL, "\r\n", &save)) {
		if (!nh) {
			nh = fields(line, heads, 64);
			continue;
		}
		assert_int_equal(fields(line, cells, 64), nh);
		if (strcmp(cells[column(heads, nh, flag)], want))
			continue;
		hits++;
		snprintf(names, sizeof(names), "%s", empty);
		char *s2 = NULL;
		for (char *name = strtok_r(names, " ", &s2); name; name = strtok_r(NULL, " ", &s2))
			if (*cells[column(heads, nh, name)])
				fail_msg("a withheld row shows %s = %s", name,
				         cells[column(heads, nh, name)]);
	}
	free(text);
	return hits;
}

static void test_every_report_as_csv(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "report", "coverage", "--from", "2026-09", "--format", "csv", NULL);
	harness_expect_ok(&fx->last, "report coverage --format csv");
	harness_expect_out(&fx->last, "month;partial;total;programme;model;team.id;team.name;"
	                              "coached;with_session;share_pct;withheld\r\n");
	/* Utrecht's small senior programme: no figure, withheld. */
	harness_expect_out(&fx->last, "2026-09;false;false;3;senior;4;Team Utrecht;;;;true\r\n");
	assert_true(withheld_rows_are_empty(fx->last.out, "withheld", "true",
	                                    "coached with_session share_pct") >= 3);

	sc(fx, "report", "hours", "--from", "2026-09", "--format", "csv", NULL);
	harness_expect_out(&fx->last, "target;coached;hours;hours_per_coachee;on_target;");
	assert_true(withheld_rows_are_empty(fx->last.out, "withheld", "true",
	                                    "coached hours hours_per_coachee on_target "
	                                    "on_target_pct") >= 3);

	sc(fx, "report", "impact", "--from", "2026-09", "--format", "csv", NULL);
	harness_expect_out(&fx->last,
	                   "model;total;figure;people;controls;waiting;treated;control;");
	harness_expect_out(&fx->last, "\r\n;true;win_rate;");
	assert_true(withheld_rows_are_empty(fx->last.out, "enough", "false",
	                                    "treated_change control_change effect low high") >= 2);

	sc(fx, "report", "coaches", "--from", "2026-09", "--format", "csv", NULL);
	harness_expect_out(&fx->last, "coach;person;name;kind;active;last_month;coachees;capacity;"
	                              "load_pct;mean_load_pct;coachee_months;kept;kept_pct;");
	harness_expect_out(&fx->last, ";Linda Smit;internal;true;2026-11;");
	assert_true(withheld_rows_are_empty(fx->last.out, "feedback_withheld", "true",
	                                    "feedback_mean") >= 1);

	sc(fx, "report", "acceptance", "--from", "2026-09", "--format", "csv", NULL);
	harness_expect_out(&fx->last, "model;coach;name;month;open;group;answers;withheld;mean;"
	                              "respect;trust;helps;part_of_team;");
	/* This month's round is open: withheld for everyone. */
	assert_true(withheld_rows_are_empty(fx->last.out, "open", "true",
	                                    "mean respect trust helps part_of_team") >= 2);
	assert_true(withheld_rows_are_empty(fx->last.out, "withheld", "true",
	                                    "mean respect trust helps part_of_team") >= 1);
}

/* The bytes of the file at path; *len its size. */
static char *file_bytes(const char *path, size_t *len)
{
	struct stat st;
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	assert_int_equal(fstat(fileno(fp), &st), 0);
	char *b = malloc((size_t)st.st_size + 1);
	assert_non_null(b);
	assert_int_equal(fread(b, 1, (size_t)st.st_size, fp), (size_t)st.st_size);
	fclose(fp);
	*len = (size_t)st.st_size;
	return b;
}

static void test_xlsx_to_a_file_and_refusals(void **state)
{
	struct fixture *fx = *state;
	char path[700];
	size_t len;

	snprintf(path, sizeof(path), "%s/coverage.xlsx", fx->dir);
	assert_int_equal(sc(fx, "report", "coverage", "--from", "2026-11", "-o", path, NULL), 0);
	assert_string_equal(fx->last.out, "");
	char *x = file_bytes(path, &len);
	assert_true(zip_read_holds(x, len, "xl/workbook.xml", "name=\"coverage\""));
	/* Row 4 is Utrecht's (after the header, programmes 1 and 2): no figure in H, I, J. */
	assert_true(zip_read_holds(x, len, "xl/worksheets/sheet1.xml", "Team Utrecht"));
	assert_true(zip_read_holds(x, len, "xl/worksheets/sheet1.xml", "r=\"H3\""));
	assert_false(zip_read_holds(x, len, "xl/worksheets/sheet1.xml", "r=\"H4\""));
	assert_false(zip_read_holds(x, len, "xl/worksheets/sheet1.xml", "r=\"J4\""));
	free(x);

	/* A reader the report is not for: refused, and no file. */
	snprintf(path, sizeof(path), "%s/refused.csv", fx->dir);
	sc(fx, "--lang", "en", "--as", "lotte.mulder@vandijk.example", "report", "hours", "-o",
	   path, NULL);
	harness_expect_refused(&fx->last, "report hours as a rep", "administrators");
	assert_int_equal(access(path, F_OK), -1);
	sc(fx, "--lang", "en", "report", "impact", "--format", "pdf", NULL);
	harness_expect_usage_error(&fx->last, "an unknown format", "pdf");
	/* The database itself, or its log, is never the file written (as any export's -o). */
	char wal[700];
	snprintf(wal, sizeof(wal), "%s-wal", fx->db);
	const char *own[] = { fx->db, wal };
	for (size_t i = 0; i < 2; i++) {
		sc(fx, "--lang", "en", "report", "coverage", "-o", own[i], NULL);
		harness_expect_usage_error(&fx->last, own[i], "is the database");
	}
	sc(fx, "--lang", "en", "person", "list", "--format", "csv", "-o", fx->db, NULL);
	harness_expect_usage_error(&fx->last, "a list's export over the database",
	                           "is the database");
	sc(fx, "person", "list", "--json", NULL);
	json_decref(harness_json(&fx->last, "the database after the refusals"));
	/* The table and the JSON are as before. */
	sc(fx, "--lang", "en", "report", "coverage", "--from", "2026-11", "--json", NULL);
	json_decref(harness_json(&fx->last, "report coverage --json"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_report_as_csv),
		cmocka_unit_test(test_xlsx_to_a_file_and_refusals),
	};
	return cmocka_run_group_tests(tests, setup_demo_db, teardown);
}
