/*
 * test_report_held.c - the reader of a row's held sessions that the
 * coverage, hours and coaches reports share (plan/report_int.h,
 * report_held_next): each session in the month of the range it lies in,
 * whatever the order the query gives them in, those outside the range
 * left out, and the number that follows each instant.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "plan/report_int.h"

/* January to March 2026 in UTC: the months begin at these instants. */
static char starts[4][TU_INSTANT_LEN] = { "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z",
	                                  "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z" };

static struct report_range range(void)
{
	struct report_range rg = { .nmonths = 3, .starts = starts };
	return rg;
}

/* Every session of held: its month and number, in the order read; returns how many. */
static size_t read_all(const char *held, long months[], long numbers[], size_t max)
{
	struct report_range rg = range();
	struct report_held h;
	size_t n = 0;
	long month, number;
	report_held_open(&h, held);
	while (n < max && report_held_next(&rg, &h, &month, &number)) {
		months[n] = month;
		numbers[n++] = number;
	}
	return n;
}

static void test_no_session(void **state)
{
	(void)state;
	long months[4], numbers[4];
	assert_int_equal(read_all(NULL, months, numbers, 4), 0);
}

/* Out of order, on both sides of each boundary, before and after the range. */
static void test_sessions_in_any_order(void **state)
{
	(void)state;
	long months[8], numbers[8];
	size_t n = read_all("2026-03-05T10:00:00Z,2026-01-31T23:59:59Z,2026-02-01T00:00:00Z,"
	                    "2025-12-31T23:59:59Z,2026-04-01T00:00:00Z,2026-03-31T23:59:59Z,"
	                    "2026-01-01T00:00:00Z;30,45,60,15,90,120,480",
	                    months, numbers, 8);
	long want_months[] = { 2, 0, 1, -1, -1, 2, 0 };
	long want_numbers[] = { 30, 45, 60, 15, 90, 120, 480 };
	assert_int_equal(n, 7);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(months[i], want_months[i]);
		assert_int_equal(numbers[i], want_numbers[i]);
	}
}

/* The coverage report's column: instants only, every number 0. */
static void test_instants_only(void **state)
{
	(void)state;
	long months[4], numbers[4];
	size_t n = read_all("2026-02-14T09:00:00Z,2026-01-02T09:00:00Z", months, numbers, 4);
	assert_int_equal(n, 2);
	assert_int_equal(months[0], 1);
	assert_int_equal(months[1], 0);
	assert_int_equal(numbers[0], 0);
	assert_int_equal(numbers[1], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_session),
		cmocka_unit_test(test_sessions_in_any_order),
		cmocka_unit_test(test_instants_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
