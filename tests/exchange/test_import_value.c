/*
 * test_import_value.c - src/exchange/import_value.c: the numbers, dates and
 * months of real spreadsheets and CRM exports read as salescoach reads them,
 * and a date refused where the day and the month could swap places.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "exchange/import_int.h"

static void number(const char *in, char decimal, const char *want)
{
	char out[64];
	bool ok = import_number(in, decimal, out, sizeof(out));
	if (!want) {
		if (ok)
			fail_msg("'%s' read as %s, wanted a refusal", in, out);
		return;
	}
	if (!ok)
		fail_msg("'%s' refused, wanted %s", in, want);
	assert_string_equal(out, want);
}

static void test_numbers_with_either_mark(void **state)
{
	(void)state;
	/* A Dutch spreadsheet: decimal comma, thousands with a dot. */
	number("12.500,00", ',', "12500.00");
	number("1250,5", ',', "1250.5");
	number("1.500", ',', "1500");
	number("12.5", ',', "12.5"); /* not a group of three: a decimal point after all */
	number("€ 12.500", ',', "12500");
	number("11 900,00", ',', "11900.00");
	number("11\xc2\xa0"
	       "900,00",
	       ',', "11900.00"); /* a no-break space, as Excel writes */
	/* An English export: decimal point, thousands with a comma. */
	number("12,500.00", '.', "12500.00");
	number("1,500", '.', "1500");
	number("1.5", '.', "1.5");
	number("EUR 1,234,567.89", '.', "1234567.89");
	number("USD 950", '.', "950");
	number("-3", '.', "-3");
	number("42", ',', "42");
	/* Not numbers. */
	number("twaalf", ',', NULL);
	number("12,50,0", ',', NULL);
	number("1.2.3,4", ',', NULL);
	number("", ',', NULL);
	number(",5", ',', NULL);
	number("5,", ',', NULL);
}

static void date(const char *in, bool day_first, enum import_date want, const char *iso)
{
	char out[11] = "";
	enum import_date got = import_date(in, day_first, out);
	if (got != want)
		fail_msg("'%s' (day first: %d) gave %d, wanted %d", in, day_first, got, want);
	if (iso)
		assert_string_equal(out, iso);
}

static void test_dates_of_both_locales(void **state)
{
	(void)state;
	date("2026-11-05", true, IMPORT_DATE_OK, "2026-11-05");
	date("2026-11-05", false, IMPORT_DATE_OK, "2026-11-05");
	date("5-11-2026", true, IMPORT_DATE_OK, "2026-11-05");
	date("05/11/2026", true, IMPORT_DATE_OK, "2026-11-05");
	date("05.11.2026", true, IMPORT_DATE_OK, "2026-11-05");
	/* An English organisation: 05/11/2026 could be either. */
	date("05/11/2026", false, IMPORT_DATE_AMBIGUOUS, NULL);
	date("25/11/2026", false, IMPORT_DATE_OK, "2026-11-25");
	date("11/25/2026", false, IMPORT_DATE_OK, "2026-11-25");
	date("11/11/2026", false, IMPORT_DATE_OK, "2026-11-11");
	/* Not dates. */
	date("31-02-2026", true, IMPORT_DATE_BAD, NULL);
	date("13-13-2026", true, IMPORT_DATE_BAD, NULL);
	date("2026/11-05", true, IMPORT_DATE_BAD, NULL);
	date("gisteren", true, IMPORT_DATE_BAD, NULL);
	date("5-11-26", true, IMPORT_DATE_BAD, NULL);
}

static void month(const char *in, bool day_first, enum import_date want, const char *ym)
{
	char out[8] = "";
	enum import_date got = import_month(in, day_first, out);
	if (got != want)
		fail_msg("'%s' gave %d, wanted %d", in, got, want);
	if (ym)
		assert_string_equal(out, ym);
}

static void test_months_as_crms_write_them(void **state)
{
	(void)state;
	month("2026-11", true, IMPORT_DATE_OK, "2026-11");
	month("11-2026", true, IMPORT_DATE_OK, "2026-11");
	month("3/2026", false, IMPORT_DATE_OK, "2026-03");
	month("01-11-2026", true, IMPORT_DATE_OK, "2026-11");
	month("November 2026", false, IMPORT_DATE_OK, "2026-11");
	month("nov 2026", false, IMPORT_DATE_OK, "2026-11");
	month("mrt 2026", true, IMPORT_DATE_OK, "2026-03");
	month("oktober 2026", true, IMPORT_DATE_OK, "2026-10");
	month("Oct-2026", false, IMPORT_DATE_OK, "2026-10");
	month("2026-13", true, IMPORT_DATE_BAD, NULL);
	month("smarch 2026", true, IMPORT_DATE_BAD, NULL);
	month("05/11/2026", false, IMPORT_DATE_AMBIGUOUS, NULL);
}

static void test_instants_and_truth_values(void **state)
{
	(void)state;
	char out[40];
	assert_int_equal(import_instant("05-11-2026 9:30", true, out, sizeof(out)), IMPORT_DATE_OK);
	assert_string_equal(out, "2026-11-05T09:30");
	assert_int_equal(import_instant("2026-11-05T14:30", false, out, sizeof(out)),
	                 IMPORT_DATE_OK);
	assert_string_equal(out, "2026-11-05T14:30");
	assert_int_equal(import_instant("2026-11-05", true, out, sizeof(out)), IMPORT_DATE_BAD);
	assert_int_equal(import_instant("05/11/2026 14:30", false, out, sizeof(out)),
	                 IMPORT_DATE_AMBIGUOUS);
	assert_string_equal(import_bool("Ja"), "true");
	assert_string_equal(import_bool("nee"), "false");
	assert_string_equal(import_bool("TRUE"), "true");
	assert_null(import_bool("misschien"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers_with_either_mark),
		cmocka_unit_test(test_dates_of_both_locales),
		cmocka_unit_test(test_months_as_crms_write_them),
		cmocka_unit_test(test_instants_and_truth_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
