/*
 * test_report_export.c - the reports of a range of months as CSV and XLSX
 * (exchange/export.h, export_report_rows), the rows both the command line
 * and the API export, on the small organisation of test_coverage.c (k = 3,
 * today 2026-11-28): a withheld figure is an empty cell and "withheld" true,
 * never its number, in the CSV and in the XLSX read back.
 */
#include "rules_fixture.h"
#include "zip_read.h"
#include "exchange/export.h"
#include "plan/report.h"

static int off(const char *date)
{
	return (int)tu_days_between(TODAY, date);
}

static void held_at(struct fixture *fx, int64_t asg, const char *when)
{
	session(fx, asg, "one_to_one", when, 60, "held");
}

/*
 * Team A, manager model, target 3 hours; Team B, senior model:
 *   Rep A from 07-01: held 08-10, 09-05.   Rep A 2 from 09-15: held 09-20 and 09-25.
 *   Rep A 3 08-01 .. 09-30, ended: held 08-12.
 *   Rep B and Rep B 2 from 08-01: no session in August or September.
 * coached / with a session / share:
 *   Aug  A 2 / 2 / 100 %  (below k: withheld)    B 2 / 0 / 0 % (withheld)   total 4 / 2 / 50 %
 *   Sep  A 3 / 2 / 66.7 % (withheld: the total less A would give B's 2 back)
 *        B 2 / 0 / 0 %    (withheld)                                         total 5 / 2 / 40 %
 * Hours, Sep total: 3 sessions of an hour over 5 people, 0.6 an hour each; nobody on target.
 */
static void organisation(struct fixture *fx, struct world *a, struct world *b)
{
	struct sc_error err;
	sc_error_init(&err);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "3", &err), SC_OK);
	world(fx, "A", "manager", "3", off("2026-07-01"), a);
	held_at(fx, a->asg, "2026-08-10T10:00");
	held_at(fx, a->asg, "2026-09-05T10:00");
	int64_t a2 = coachee(fx, a, 2, off("2026-09-15"), NULL);
	held_at(fx, a2, "2026-09-20T10:00");
	held_at(fx, a2, "2026-09-25T10:00");
	int64_t a3 = coachee(fx, a, 3, off("2026-08-01"), NULL);
	held_at(fx, a3, "2026-08-12T10:00");
	update(fx, E_ASSIGNMENT, a3, "ends_on", "2026-09-30", "status", "ended", NULL);
	world(fx, "B", "senior", "3", off("2026-08-01"), b);
	coachee(fx, b, 2, off("2026-08-01"), NULL);
}

/* The report name from Aug to Sep as fmt in the style of locale: the bytes (owned). */
static char *exported(struct fixture *fx, const char *name, report_fn compute,
                      enum export_format fmt, const char *locale, size_t *len)
{
	struct report_opts o = { .from = "2026-08", .to = "2026-09" };
	struct sc_error err;
	json_t *rep = NULL, *rows = NULL;
	char *bytes = NULL;

	sc_error_init(&err);
	if (compute(&fx->d, &o, &rep, &err) != SC_OK)
		fail_msg("the %s report was refused: %s", name, err.message);
	assert_int_equal(export_report_rows(name, rep, &rows, &err), SC_OK);
	assert_int_equal(export_list_bytes(fmt, csv_style_of(locale), "Europe/Amsterdam", name,
	                                   NULL, NULL, rows, &bytes, len, &err),
	                 SC_OK);
	json_decref(rep);
	json_decref(rows);
	return bytes;
}

static void test_coverage_csv_withholds_as_empty_cells(void **state)
{
	struct fixture *fx = *state;
	struct world a, b;
	char want[1024];
	size_t len;

	organisation(fx, &a, &b);
	char *csv = exported(fx, "coverage", report_coverage, EXPORT_CSV, "en", &len);
	long long pa = a.prog, ta = a.team, pb = b.prog, tb = b.team;
	snprintf(want, sizeof(want),
	         "\xEF\xBB\xBF"
	         "month,partial,total,programme,model,team.id,team.name,coached,with_session,"
	         "share_pct,withheld\r\n"
	         "2026-08,false,false,%lld,manager,%lld,Team A,,,,true\r\n"
	         "2026-08,false,false,%lld,senior,%lld,Team B,,,,true\r\n"
	         "2026-08,false,true,,,,,4,2,50,false\r\n"
	         "2026-09,false,false,%lld,manager,%lld,Team A,,,,true\r\n"
	         "2026-09,false,false,%lld,senior,%lld,Team B,,,,true\r\n"
	         "2026-09,false,true,,,,,5,2,40,false\r\n",
	         pa, ta, pb, tb, pa, ta, pb, tb);
	assert_int_equal(len, strlen(csv));
	assert_string_equal(csv, want);
	free(csv);
	/* Dutch: ';' and the decimal comma. */
	csv = exported(fx, "hours", report_hours, EXPORT_CSV, "nl", &len);
	snprintf(want, sizeof(want), "2026-09;false;false;%lld;manager;%lld;Team A;3;;;;;;true\r\n",
	         pa, ta);
	if (!strstr(csv, want) || !strstr(csv, "2026-09;false;true;;;;;;5;3;0,6;0;0;false\r\n"))
		fail_msg("hours as CSV:\n%s", csv);
	free(csv);
}

/* Whether sheet1 of the XLSX has a cell at ref ("H2"). */
static bool has_cell(const char *xlsx, size_t len, const char *ref)
{
	char attr[24];
	snprintf(attr, sizeof(attr), "r=\"%s\"", ref);
	return zip_read_holds(xlsx, len, "xl/worksheets/sheet1.xml", attr);
}

static void test_coverage_xlsx_read_back(void **state)
{
	struct fixture *fx = *state;
	struct world a, b;
	size_t len;

	organisation(fx, &a, &b);
	char *xlsx = exported(fx, "coverage", report_coverage, EXPORT_XLSX, "en", &len);
	/* Rows 2, 3 (August's programmes) and 5, 6 (September's): no figure, withheld. */
	static const char *const empty[] = { "H2", "I2", "J2", "H3", "I3", "J3",
		                             "H5", "I5", "J5", "H6", "I6", "J6" };
	for (size_t i = 0; i < sizeof(empty) / sizeof(empty[0]); i++)
		if (has_cell(xlsx, len, empty[i]))
			fail_msg("the withheld cell %s has a value", empty[i]);
	assert_true(has_cell(xlsx, len, "K2"));
	/* The totals (rows 4 and 7) are shown: 4 / 2 / 50 and 5 / 2 / 40. */
	for (const char *ref = "H4\0I4\0J4\0H7\0I7\0J7\0"; *ref; ref += 3)
		assert_true(has_cell(xlsx, len, ref));
	assert_true(zip_read_holds(xlsx, len, "xl/worksheets/sheet1.xml", "<v>50</v>"));
	assert_true(zip_read_holds(xlsx, len, "xl/worksheets/sheet1.xml", "<v>40</v>"));
	/* September's withheld manager share, 66.7 %, is nowhere. */
	assert_false(zip_read_holds(xlsx, len, NULL, "66.7"));
	assert_true(zip_read_holds(xlsx, len, "xl/workbook.xml", "name=\"coverage\""));
	free(xlsx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_coverage_csv_withholds_as_empty_cells, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_coverage_xlsx_read_back, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
