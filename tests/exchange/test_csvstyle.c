/*
 * test_csvstyle.c - src/exchange/csvstyle.c: the separator and decimal mark
 * a Dutch and an English organisation get, and fields written so that a
 * spreadsheet reads back exactly the text that went in.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "exchange/csvstyle.h"

static void test_style_follows_locale(void **state)
{
	(void)state;
	struct csv_style nl = csv_style_of("nl"), en = csv_style_of("en");
	assert_int_equal(nl.sep, ';');
	assert_int_equal(nl.decimal, ',');
	assert_int_equal(en.sep, ',');
	assert_int_equal(en.decimal, '.');
	assert_int_equal(csv_style_of(NULL).sep, ',');
}

static void check(const char *in, char sep, const char *want)
{
	char out[64];
	size_t len = csv_field(out, sizeof(out), in, sep);
	assert_string_equal(out, want);
	assert_int_equal(len, strlen(want));
}

static void test_fields_quoted_only_when_needed(void **state)
{
	(void)state;
	check("Jansen", ';', "Jansen");
	check("3,5", ',', "\"3,5\"");
	check("3,5", ';', "3,5");
	check("a;b", ';', "\"a;b\"");
	check("zei \"ja\"", ',', "\"zei \"\"ja\"\"\"");
	check("regel 1\nregel 2", ',', "\"regel 1\nregel 2\"");
	check(" spatie", ',', "\" spatie\"");
	check("", ',', "");
}

static void test_field_cut_off_is_reported(void **state)
{
	(void)state;
	char out[4];
	size_t len = csv_field(out, sizeof(out), "a,bcdef", ',');
	assert_int_equal(len, 9);
	assert_string_equal(out, "\"a,");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_style_follows_locale),
		cmocka_unit_test(test_fields_quoted_only_when_needed),
		cmocka_unit_test(test_field_cut_off_is_reported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
