/*
 * test_msg.c - numbers as people read them (src/base/msg.c): whole numbers
 * grouped by thousands in each language, and sums of money, whose grouping
 * is the same.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/msg.h"

static const char *whole(enum msg_lang lang, int64_t v)
{
	static char buf[32];
	return msg_int(lang, v, buf, sizeof(buf));
}

static void test_whole_numbers_grouped_by_thousands(void **state)
{
	(void)state;
	assert_string_equal(whole(MSG_EN, 100000), "100,000");
	assert_string_equal(whole(MSG_NL, 100000), "100.000");
	assert_string_equal(whole(MSG_EN, 100002), "100,002");
	assert_string_equal(whole(MSG_NL, 1234567), "1.234.567");
	assert_string_equal(whole(MSG_EN, 999), "999");
	assert_string_equal(whole(MSG_NL, 1000), "1.000");
	assert_string_equal(whole(MSG_EN, 0), "0");
	assert_string_equal(whole(MSG_EN, -1250), "-1,250");
	assert_string_equal(whole(MSG_NL, INT64_MIN), "-9.223.372.036.854.775.808");
	/* A buffer too small is cut, never overrun. */
	char small[4];
	assert_string_equal(msg_int(MSG_EN, 100000, small, sizeof(small)), "100");
}

static void test_money_grouped_alike(void **state)
{
	(void)state;
	char buf[32];
	assert_string_equal(msg_money(MSG_EN, 70000, buf, sizeof(buf)), "€70,000");
	assert_string_equal(msg_money(MSG_NL, 1234.5, buf, sizeof(buf)), "€ 1.234,50");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole_numbers_grouped_by_thousands),
		cmocka_unit_test(test_money_grouped_alike),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
