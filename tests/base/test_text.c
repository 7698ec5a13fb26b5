/*
 * test_text.c - src/base/text.c: what counts as UTF-8, how bad bytes are
 * repaired, and what counts as a decimal number; and that a record holding
 * bytes that are not UTF-8 is still written as JSON (recjson), not dropped.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/recjson.h"
#include "base/text.h"

#define FFFD "\xef\xbf\xbd"

static bool valid(const char *s)
{
	return text_utf8_valid(s, strlen(s));
}

static void test_utf8_is_strict(void **state)
{
	(void)state;
	assert_true(valid(""));
	assert_true(valid("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80")); /* é € 😀 */
	assert_true(valid("\xf4\x8f\xbf\xbf"));                          /* U+10FFFF */
	assert_false(valid("caf\xe9"));                                  /* Latin-1 */
	assert_false(valid("\xc0\xaf"));                                 /* overlong '/' */
	assert_false(valid("\xe0\x80\xaf"));                             /* overlong, 3 bytes */
	assert_false(valid("\xed\xa0\x80"));                             /* surrogate */
	assert_false(valid("\xf4\x90\x80\x80"));                         /* past U+10FFFF */
	assert_false(valid("\xe2\x82"));                                 /* cut short */
	assert_false(valid("\x80"));                                     /* lone continuation */
}

static void test_repair_replaces_each_maximal_bad_part(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "caf\xe9", "caf" FFFD },        { "Jan \xff", "Jan " FFFD },
		{ "\xe2\x82x", FFFD "x" }, /* a cut-short sequence is one replacement */
		{ "\xc0\xaf", FFFD FFFD }, /* an overlong lead is never valid: one per byte */
		{ "ok \xc3\xa9", "ok \xc3\xa9" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *out = text_utf8_repair(cases[i].in, strlen(cases[i].in));
		assert_string_equal(out, cases[i].out);
		assert_true(valid(out));
		free(out);
	}
}

static void test_check_names_the_problem_and_where(void **state)
{
	(void)state;
	size_t at = 99;
	assert_int_equal(text_check("Jan \xff", 5, true, &at), TEXT_NOT_UTF8);
	assert_int_equal(at, 4);
	assert_int_equal(text_check("a\x01", 2, true, &at), TEXT_CONTROL);
	assert_int_equal(text_check("a\x7f", 2, true, NULL), TEXT_CONTROL);
	assert_int_equal(text_check("a\xc2\x85", 3, true, NULL), TEXT_CONTROL); /* NEL, C1 */
	assert_int_equal(text_check("a\nb\tc\r\n", 7, true, NULL), TEXT_FINE);
	assert_int_equal(text_check("a\nb", 3, false, &at), TEXT_LINE_BREAK);
	assert_int_equal(at, 1);
	assert_int_equal(text_check("a\0b", 3, true, NULL), TEXT_CONTROL);
}

static void test_quote_is_always_utf8(void **state)
{
	(void)state;
	char out[8];
	assert_string_equal(text_quote("caf\xe9", out, sizeof(out)), "caf?");
	/* Never cut inside a character: é is two bytes, and 7 bytes of room hold three. */
	assert_string_equal(text_quote("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", out, sizeof(out)),
	                    "\xc3\xa9\xc3\xa9\xc3\xa9");
	assert_string_equal(text_quote("a\x1b[", out, sizeof(out)), "a?[");
}

static void test_numbers_are_decimal_only(void **state)
{
	(void)state;
	double v;
	int64_t w;
	assert_true(text_decimal("60", &v) && v == 60);
	assert_true(text_decimal("-1.25", &v) && v == -1.25);
	assert_true(text_decimal("0.5", &v) && v == 0.5);
	/* Whole numbers are read without strtod up to 15 digits: the same value either way. */
	static const char *const whole[] = { "0",
		                             "-0",
		                             "007",
		                             "999999999999999",
		                             "-123456789012345",
		                             "1000000000000000",
		                             "9007199254740993",
		                             "12345678901234567890" };
	for (size_t i = 0; i < sizeof(whole) / sizeof(whole[0]); i++) {
		assert_true(text_decimal(whole[i], &v));
		assert_true(v == strtod(whole[i], NULL));
		assert_true(signbit(v) == signbit(strtod(whole[i], NULL)));
	}
	static const char *const no[] = { "",    "0x3C",  "1e6",  " 60",     "60 ", "+60",
		                          ".5",  "60.",   "1,5",  "inf",     "nan", "-",
		                          "--1", "1.2.3", "0b11", "\xd9\xa6" };
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		assert_false(text_decimal(no[i], &v));
	char dir[16];
	text_folder_of("/var/backups/sc.db", dir, sizeof(dir));
	assert_string_equal(dir, "/var/backups");
	text_folder_of("sc.db", dir, sizeof(dir));
	assert_string_equal(dir, ".");
	text_folder_of("/sc.db", dir, sizeof(dir));
	assert_string_equal(dir, "/");
	assert_true(text_whole("42", 0, 100, &w) && w == 42);
	assert_true(text_whole("-3", -5, 5, &w) && w == -3);
	assert_false(text_whole("101", 0, 100, &w));
	assert_false(text_whole("4.0", 0, 100, &w));
	assert_false(text_whole("99999999999999999999999", 0, INT64_MAX, &w));
	assert_false(text_whole("0x10", 0, 100, &w));
}

/* A value that an earlier version stored without the check: shown repaired, not dropped. */
static void test_a_record_with_bad_bytes_is_still_json(void **state)
{
	(void)state;
	struct record *rec = record_new(entity_get(E_PERSON));
	assert_int_equal(record_put_text(rec, "name", "Jan \xff"), SC_OK);
	rec->id = 7;
	json_t *obj = recjson_object(rec, RJ_SHOW);
	assert_non_null(obj);
	assert_string_equal(json_string_value(json_object_get(obj, "name")), "Jan " FFFD);
	json_decref(obj);
	struct record_list list = { 0 };
	assert_int_equal(record_list_push(&list, rec), SC_OK);
	json_t *arr = recjson_array(&list, RJ_SHOW);
	assert_int_equal(json_array_size(arr), 1);
	json_decref(arr);
	record_list_release(&list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_is_strict),
		cmocka_unit_test(test_repair_replaces_each_maximal_bad_part),
		cmocka_unit_test(test_check_names_the_problem_and_where),
		cmocka_unit_test(test_quote_is_always_utf8),
		cmocka_unit_test(test_numbers_are_decimal_only),
		cmocka_unit_test(test_a_record_with_bad_bytes_is_still_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
