/*
 * test_timeutil.c - dates, months and instants as users type them and as
 * salescoach stores them (timeutil.h).
 *
 * Instants are typed in the organisation's zone (Europe/Amsterdam by
 * default), stored in UTC and shown in the zone again; a mistake here puts
 * a coaching session an hour off, or on another day.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/timeutil.h"

#define AMS "Europe/Amsterdam"

static void test_valid_dates(void **state)
{
	(void)state;
	assert_true(tu_valid_date("2026-11-28"));
	assert_true(tu_valid_date("2026-01-31"));
	assert_true(tu_valid_date("2026-12-31"));
	assert_true(tu_valid_date("2026-04-30"));
	assert_true(tu_valid_date("1900-01-01"));
	assert_true(tu_valid_date("2999-12-31"));
}

static void test_leap_years(void **state)
{
	(void)state;
	assert_true(tu_valid_date("2024-02-29"));  /* divisible by 4 */
	assert_true(tu_valid_date("2000-02-29"));  /* divisible by 400 */
	assert_false(tu_valid_date("2026-02-29")); /* not a leap year */
	assert_false(tu_valid_date("1900-02-29")); /* divisible by 100, not by 400 */
	assert_false(tu_valid_date("2100-02-29"));
	assert_true(tu_valid_date("2028-02-29"));
}

static void test_invalid_dates(void **state)
{
	(void)state;
	assert_false(tu_valid_date("2026-02-30"));
	assert_false(tu_valid_date("2026-04-31"));
	assert_false(tu_valid_date("2026-06-31"));
	assert_false(tu_valid_date("2026-13-01"));
	assert_false(tu_valid_date("2026-00-10"));
	assert_false(tu_valid_date("2026-11-00"));
	assert_false(tu_valid_date("2026-11-32"));
	assert_false(tu_valid_date("2026-1-01"));
	assert_false(tu_valid_date("2026-11-1"));
	assert_false(tu_valid_date("2026/11/28"));
	assert_false(tu_valid_date("28-11-2026"));
	assert_false(tu_valid_date("2026-11-28x"));
	assert_false(tu_valid_date("2026-11-28T10:00"));
	assert_false(tu_valid_date(" 2026-11-28"));
	assert_false(tu_valid_date("1899-12-31"));
	assert_false(tu_valid_date("3000-01-01"));
	assert_false(tu_valid_date(""));
	assert_false(tu_valid_date(NULL));
}

static void test_months(void **state)
{
	(void)state;
	assert_true(tu_valid_month("2026-11"));
	assert_true(tu_valid_month("2026-01"));
	assert_true(tu_valid_month("2026-12"));
	assert_false(tu_valid_month("2026-13"));
	assert_false(tu_valid_month("2026-00"));
	assert_false(tu_valid_month("2026-1"));
	assert_false(tu_valid_month("2026-11-01"));
	assert_false(tu_valid_month("26-11"));
	assert_false(tu_valid_month("2026/11"));
	assert_false(tu_valid_month(""));
	assert_false(tu_valid_month(NULL));
}

/* Parse s in zone tz and expect the stored UTC instant want. */
static void expect_instant(const char *s, const char *tz, const char *want)
{
	char out[TU_INSTANT_LEN];

	memset(out, 0, sizeof(out));
	if (!tu_parse_instant(s, tz, out))
		fail_msg("'%s' in %s was refused; expected %s", s, tz, want);
	assert_string_equal(out, want);
}

static void expect_refused(const char *s, const char *tz)
{
	char out[TU_INSTANT_LEN];

	if (tu_parse_instant(s, tz, out))
		fail_msg("'%s' in %s was accepted as %s", s ? s : "(null)", tz, out);
}

static void test_amsterdam_winter_time(void **state)
{
	(void)state;
	/* CET is UTC+1. */
	expect_instant("2026-11-03T10:00", AMS, "2026-11-03T09:00:00Z");
	expect_instant("2026-01-15T08:30", AMS, "2026-01-15T07:30:00Z");
	/* Just after midnight local is still the previous day in UTC. */
	expect_instant("2026-12-01T00:30", AMS, "2026-11-30T23:30:00Z");
	expect_instant("2027-01-01T00:00", AMS, "2026-12-31T23:00:00Z");
}

static void test_amsterdam_summer_time(void **state)
{
	(void)state;
	/* CEST is UTC+2. */
	expect_instant("2026-07-01T10:00", AMS, "2026-07-01T08:00:00Z");
	expect_instant("2026-06-15T01:15", AMS, "2026-06-14T23:15:00Z");
}

static void test_amsterdam_around_the_clock_changes(void **state)
{
	(void)state;
	/* 2026-03-29: clocks go from 02:00 CET to 03:00 CEST. */
	expect_instant("2026-03-29T01:59", AMS, "2026-03-29T00:59:00Z");
	expect_instant("2026-03-29T03:00", AMS, "2026-03-29T01:00:00Z");
	/* 2026-10-25: clocks go from 03:00 CEST back to 02:00 CET. */
	expect_instant("2026-10-25T01:30", AMS, "2026-10-24T23:30:00Z");
	expect_instant("2026-10-25T03:30", AMS, "2026-10-25T02:30:00Z");
}

/* Typed s in tz must be what the clocks skip (or pass twice) at the change from -> to. */
static void expect_change(const char *s, const char *tz, enum tu_exact want, const char *from,
                          const char *to, const char *before, const char *after)
{
	char out[TU_INSTANT_LEN] = "";
	struct tu_clock_change ch;
	enum tu_exact got = tu_parse_exact(s, tz, out, &ch);

	if (got != want)
		fail_msg("'%s' in %s: %d, expected %d (out %s)", s, tz, got, want, out);
	assert_string_equal(ch.from, from);
	assert_string_equal(ch.to, to);
	assert_string_equal(ch.offset_before, before);
	assert_string_equal(ch.offset_after, after);
}

/* Typed s in tz must be the one instant want. */
static void expect_exact(const char *s, const char *tz, const char *want)
{
	char out[TU_INSTANT_LEN] = "";
	struct tu_clock_change ch;

	if (tu_parse_exact(s, tz, out, &ch) != TU_EXACT_OK)
		fail_msg("'%s' in %s was refused; expected %s", s, tz, want);
	assert_string_equal(out, want);
	assert_string_equal(ch.from, "");
}

/*
 * A local time the clocks skip does not exist, and one they pass twice is
 * two instants: neither is guessed. 2027-03-28 Amsterdam goes from 02:00 to
 * 03:00; 2026-10-25 from 03:00 back to 02:00.
 */
static void test_exact_refuses_what_the_clocks_skip_or_repeat(void **state)
{
	(void)state;
	expect_change("2027-03-28T02:30", AMS, TU_EXACT_SKIPPED, "02:00", "03:00", "+01:00",
	              "+02:00");
	expect_change("2027-03-28T02:00", AMS, TU_EXACT_SKIPPED, "02:00", "03:00", "+01:00",
	              "+02:00");
	expect_change("2027-03-28 02:59:59", AMS, TU_EXACT_SKIPPED, "02:00", "03:00", "+01:00",
	              "+02:00");
	expect_exact("2027-03-28T01:59:59", AMS, "2027-03-28T00:59:59Z");
	expect_exact("2027-03-28T03:00", AMS, "2027-03-28T01:00:00Z");

	expect_change("2026-10-25T02:30", AMS, TU_EXACT_TWICE, "03:00", "02:00", "+02:00",
	              "+01:00");
	expect_change("2026-10-25T02:00", AMS, TU_EXACT_TWICE, "03:00", "02:00", "+02:00",
	              "+01:00");
	expect_change("2026-10-25T02:59:59", AMS, TU_EXACT_TWICE, "03:00", "02:00", "+02:00",
	              "+01:00");
	expect_exact("2026-10-25T01:59:59", AMS, "2026-10-24T23:59:59Z");
	expect_exact("2026-10-25T03:00", AMS, "2026-10-25T02:00:00Z");

	/* With an offset or Z the instant is exact whatever the zone does. */
	expect_exact("2026-10-25T02:30+02:00", AMS, "2026-10-25T00:30:00Z");
	expect_exact("2026-10-25T02:30+01:00", AMS, "2026-10-25T01:30:00Z");
	expect_exact("2027-03-28T02:30+01:00", AMS, "2027-03-28T01:30:00Z");
	expect_exact("2027-03-28T02:30Z", AMS, "2027-03-28T02:30:00Z");

	/* Another zone, west of UTC; and a zone without changes. */
	expect_change("2026-03-08T02:30", "America/New_York", TU_EXACT_SKIPPED, "02:00", "03:00",
	              "-05:00", "-04:00");
	expect_change("2026-11-01T01:30", "America/New_York", TU_EXACT_TWICE, "02:00", "01:00",
	              "-04:00", "-05:00");
	expect_exact("2027-03-28T02:30", "UTC", "2027-03-28T02:30:00Z");

	char out[TU_INSTANT_LEN];
	assert_int_equal(tu_parse_exact("2026-13-01T10:00", AMS, out, NULL), TU_EXACT_BAD);
	assert_int_equal(tu_parse_exact("2026-11-03T10:00", "Mars/Olympus", out, NULL),
	                 TU_EXACT_BAD);
	assert_int_equal(tu_parse_exact("2027-03-28T02:30", AMS, out, NULL), TU_EXACT_SKIPPED);
}

/* Every other hour of a year is the instant tu_parse_instant gives. */
static void test_exact_agrees_elsewhere(void **state)
{
	char typed[TU_DATE_LEN + 8], a[TU_INSTANT_LEN], b[TU_INSTANT_LEN], day[TU_DATE_LEN];
	size_t refused = 0;

	(void)state;
	for (int d = 0; d < 365; d++) {
		tu_date_add("2026-01-01", d, day);
		for (int h = 0; h < 24; h++) {
			snprintf(typed, sizeof(typed), "%sT%02d:15", day, h);
			assert_true(tu_parse_instant(typed, AMS, a));
			if (tu_parse_exact(typed, AMS, b, NULL) != TU_EXACT_OK) {
				refused++;
				continue;
			}
			if (strcmp(a, b) != 0)
				fail_msg("%s: %s and %s", typed, a, b);
		}
	}
	assert_int_equal(refused, 2); /* 2026-03-29T02:15 and 2026-10-25T02:15 */
}

static void test_instant_forms(void **state)
{
	(void)state;
	expect_instant("2026-11-03 10:00", AMS, "2026-11-03T09:00:00Z");
	expect_instant("2026-11-03T10:00:45", AMS, "2026-11-03T09:00:45Z");
	expect_instant("2026-11-03T10:00", "UTC", "2026-11-03T10:00:00Z");
}

static void test_explicit_offsets_win_over_zone(void **state)
{
	(void)state;
	expect_instant("2026-11-03T10:00Z", AMS, "2026-11-03T10:00:00Z");
	expect_instant("2026-11-03T10:00:30Z", AMS, "2026-11-03T10:00:30Z");
	expect_instant("2026-11-03T10:00+01:00", AMS, "2026-11-03T09:00:00Z");
	expect_instant("2026-07-01T10:00+01:00", AMS, "2026-07-01T09:00:00Z");
	expect_instant("2026-11-03T10:00-05:30", AMS, "2026-11-03T15:30:00Z");
	expect_instant("2026-11-03T01:00+02:00", "UTC", "2026-11-02T23:00:00Z");
	expect_instant("2026-12-31T23:00-02:00", AMS, "2027-01-01T01:00:00Z");
}

static void test_invalid_instants(void **state)
{
	(void)state;
	expect_refused("2026-02-30T10:00", AMS);
	expect_refused("2026-11-03T24:00", AMS);
	expect_refused("2026-11-03T10:60", AMS);
	expect_refused("2026-11-03T10:00:60", AMS);
	expect_refused("2026-11-03", AMS);
	expect_refused("2026-11-03T10", AMS);
	expect_refused("2026-11-03T1000", AMS);
	expect_refused("2026-11-03X10:00", AMS);
	expect_refused("2026-11-03T10:00 tomorrow", AMS);
	expect_refused("2026-11-03T10:00+1", AMS);
	expect_refused("2026-11-03T10:00+15:00", AMS);
	expect_refused("2026-11-03T10:00+01:60", AMS);
	expect_refused("2026-11-03T10:00Zulu", AMS);
	expect_refused("", AMS);
	expect_refused(NULL, AMS);
	expect_refused("2026-11-03T10:00", "Mars/Olympus_Mons");
	expect_refused("2026-11-03T10:00", "");
	/* Real times, but before 1900 or after 2999 in UTC: stored, they could not be read. */
	expect_refused("1900-01-01T00:30+01:00", AMS);
	expect_refused("2999-12-31T23:30-01:00", AMS);
	expect_refused("2999-12-31T23:30", "America/New_York");
	expect_instant("1900-01-01T00:30-01:00", AMS, "1900-01-01T01:30:00Z");
}

static void expect_local(const char *utc, const char *tz, const char *want)
{
	char out[TU_DISPLAY_LEN];

	memset(out, 0, sizeof(out));
	if (!tu_format_local(utc, tz, out))
		fail_msg("%s could not be shown in %s", utc, tz);
	assert_string_equal(out, want);
}

static void test_shown_in_local_time(void **state)
{
	(void)state;
	expect_local("2026-11-03T09:00:00Z", AMS, "2026-11-03 10:00");
	expect_local("2026-07-01T08:00:00Z", AMS, "2026-07-01 10:00");
	expect_local("2026-12-31T23:30:00Z", AMS, "2027-01-01 00:30");
	expect_local("2026-11-03T09:00:00Z", "UTC", "2026-11-03 09:00");
}

static void test_round_trip_through_utc(void **state)
{
	static const char *const typed[] = { "2026-01-05T09:15", "2026-03-29T04:00",
		                             "2026-06-30T23:45", "2026-10-25T04:00",
		                             "2026-11-03T10:00", "2026-12-31T23:59" };
	char utc[TU_INSTANT_LEN], shown[TU_DISPLAY_LEN], want[TU_DISPLAY_LEN];

	(void)state;
	for (size_t i = 0; i < sizeof(typed) / sizeof(typed[0]); i++) {
		assert_true(tu_parse_instant(typed[i], AMS, utc));
		assert_true(tu_format_local(utc, AMS, shown));
		snprintf(want, sizeof(want), "%.10s %.5s", typed[i], typed[i] + 11);
		assert_string_equal(shown, want);
	}
}

static void test_format_refuses_garbage(void **state)
{
	char out[TU_DISPLAY_LEN];

	(void)state;
	assert_false(tu_format_local("2026-11-03", AMS, out));
	assert_false(tu_format_local("2026-02-30T09:00:00Z", AMS, out));
	assert_false(tu_format_local("2026-11-03T09:00:00Z", "Nowhere/Special", out));
	assert_false(tu_format_local(NULL, AMS, out));
}

static void test_zone_names(void **state)
{
	(void)state;
	assert_true(tu_valid_zone("Europe/Amsterdam"));
	assert_true(tu_valid_zone("UTC"));
	assert_true(tu_valid_zone("America/New_York"));
	assert_false(tu_valid_zone("Nowhere/Special"));
	assert_false(tu_valid_zone(""));
	assert_false(tu_valid_zone(NULL));
	/* A zone name must not reach outside the zone database. */
	assert_false(tu_valid_zone("../../etc/passwd"));
	assert_false(tu_valid_zone("/etc/passwd"));
	/* Only zone files: the C library would read a folder or a table as UTC. */
	assert_false(tu_valid_zone("Europe"));
	assert_false(tu_valid_zone("zone.tab"));
	assert_false(tu_valid_zone("zone1970.tab"));
	/*
	 * A right/ zone counts leap seconds: 2026-11-03 in right/Europe/London would
	 * start at 23:00 the evening before and show as 23:59 of that day.
	 */
	assert_false(tu_valid_zone("right/Europe/London"));
}

static void test_zone_conversion_leaves_tz_alone(void **state)
{
	char out[TU_INSTANT_LEN];
	const char *tz;

	(void)state;
	setenv("TZ", "America/New_York", 1);
	assert_true(tu_parse_instant("2026-11-03T10:00", AMS, out));
	tz = getenv("TZ");
	assert_non_null(tz);
	assert_string_equal(tz, "America/New_York");
	unsetenv("TZ");
	assert_true(tu_parse_instant("2026-11-03T10:00", AMS, out));
	assert_null(getenv("TZ"));
	setenv("TZ", "UTC", 1);
}

static void expect_add(const char *date, int days, const char *want)
{
	char out[TU_DATE_LEN];

	tu_date_add(date, days, out);
	assert_string_equal(out, want);
}

static void test_date_arithmetic(void **state)
{
	(void)state;
	expect_add("2024-02-28", 1, "2024-02-29");
	expect_add("2026-02-28", 1, "2026-03-01");
	expect_add("2026-03-01", -1, "2026-02-28");
	expect_add("2024-03-01", -1, "2024-02-29");
	expect_add("2026-12-31", 1, "2027-01-01");
	expect_add("2027-01-01", -1, "2026-12-31");
	expect_add("2026-11-28", -30, "2026-10-29");
	expect_add("2026-11-28", 0, "2026-11-28");
	expect_add("2026-01-01", 365, "2027-01-01");
	expect_add("2024-01-01", 366, "2025-01-01");
	expect_add("2026-11-28", -180, "2026-06-01");
}

static void test_days_between(void **state)
{
	(void)state;
	assert_int_equal(tu_days_between("2026-01-01", "2027-01-01"), 365);
	assert_int_equal(tu_days_between("2024-01-01", "2025-01-01"), 366);
	assert_int_equal(tu_days_between("2026-11-28", "2026-11-28"), 0);
	assert_int_equal(tu_days_between("2026-11-28", "2026-10-29"), -30);
	assert_int_equal(tu_days_between("2026-02-28", "2026-03-01"), 1);
	assert_int_equal(tu_days_between("2024-02-28", "2024-03-01"), 2);
}

static void test_days_since_epoch(void **state)
{
	char out[TU_DATE_LEN];

	(void)state;
	assert_int_equal(tu_date_to_days("1970-01-01"), 0);
	assert_int_equal(tu_date_to_days("1970-01-02"), 1);
	assert_int_equal(tu_date_to_days("1969-12-31"), -1);
	assert_int_equal(tu_date_to_days("2000-01-01"), 10957);
	tu_days_to_date(10957, out);
	assert_string_equal(out, "2000-01-01");
	tu_days_to_date(-1, out);
	assert_string_equal(out, "1969-12-31");
	for (long d = tu_date_to_days("2023-12-25"); d < tu_date_to_days("2025-01-10"); d++) {
		tu_days_to_date(d, out);
		assert_true(tu_valid_date(out));
		assert_int_equal(tu_date_to_days(out), d);
	}
}

static void test_fixed_clock(void **state)
{
	char now[TU_INSTANT_LEN], today[TU_DATE_LEN];

	(void)state;
	setenv("SALESCOACH_NOW", "2026-11-28T12:00:00Z", 1);
	tu_now_instant(now);
	assert_string_equal(now, "2026-11-28T12:00:00Z");
	tu_today(AMS, today);
	assert_string_equal(today, "2026-11-28");

	/* Late in the evening in UTC is already tomorrow in Amsterdam. */
	setenv("SALESCOACH_NOW", "2026-11-28T23:30:00Z", 1);
	tu_today(AMS, today);
	assert_string_equal(today, "2026-11-29");
	tu_today("UTC", today);
	assert_string_equal(today, "2026-11-28");

	/* A bare date is that day. */
	setenv("SALESCOACH_NOW", "2026-03-01", 1);
	tu_today(AMS, today);
	assert_string_equal(today, "2026-03-01");
	setenv("SALESCOACH_NOW", "2026-11-28T12:00:00Z", 1);
}

/* Day starts across the spring change: the day of the change is 23 hours long. */
static void test_day_starts(void **state)
{
	char out[4][TU_INSTANT_LEN];

	(void)state;
	assert_true(tu_day_starts("2026-03-28", 4, "Europe/Amsterdam", out));
	assert_string_equal(out[0], "2026-03-27T23:00:00Z");
	assert_string_equal(out[1], "2026-03-28T23:00:00Z");
	assert_string_equal(out[2], "2026-03-29T22:00:00Z");
	assert_string_equal(out[3], "2026-03-30T22:00:00Z");
	/* Each is what the single conversion gives. */
	char one[TU_INSTANT_LEN];
	assert_true(tu_parse_instant("2026-03-30T00:00", "Europe/Amsterdam", one));
	assert_string_equal(out[2], one);
	/*
	 * A day the zone skipped (Samoa went from 2011-12-29 to 12-31) starts where the next
	 * begins, whatever was converted before: after a time in Kiritimati, the C library
	 * puts its midnight at the day before's.
	 */
	assert_true(tu_day_starts("2026-06-01", 1, "Pacific/Kiritimati", out));
	assert_true(tu_day_starts("2011-12-30", 2, "Pacific/Apia", out));
	assert_string_equal(out[0], "2011-12-30T10:00:00Z");
	assert_string_equal(out[1], "2011-12-30T10:00:00Z");
	/* Across a year end, and in UTC. */
	assert_true(tu_day_starts("2025-12-31", 2, "UTC", out));
	assert_string_equal(out[0], "2025-12-31T00:00:00Z");
	assert_string_equal(out[1], "2026-01-01T00:00:00Z");
	assert_false(tu_day_starts("2026-02-30", 2, "UTC", out));
	assert_false(tu_day_starts("2026-03-28", 2, "Mars/Olympus", out));
}

static void test_month_starts(void **state)
{
	char out[4][TU_INSTANT_LEN];

	(void)state;
	assert_true(tu_month_starts("2025-12", 4, "Europe/Amsterdam", out));
	assert_string_equal(out[0], "2025-11-30T23:00:00Z");
	assert_string_equal(out[1], "2025-12-31T23:00:00Z");
	assert_string_equal(out[2], "2026-01-31T23:00:00Z");
	assert_string_equal(out[3], "2026-02-28T23:00:00Z");
	assert_true(tu_month_starts("2026-03", 2, "Europe/Amsterdam", out));
	assert_string_equal(out[1], "2026-03-31T22:00:00Z");
	assert_false(tu_month_starts("2026-13", 2, "UTC", out));
	assert_false(tu_month_starts("2026-03", 2, "", out));
}

static void test_instant_from_time(void **state)
{
	char out[TU_INSTANT_LEN];

	(void)state;
	tu_instant_from_time(0, out);
	assert_string_equal(out, "1970-01-01T00:00:00Z");
	tu_instant_from_time((time_t)tu_date_to_days("2026-11-03") * 86400 + 9 * 3600, out);
	assert_string_equal(out, "2026-11-03T09:00:00Z");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_dates),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_invalid_dates),
		cmocka_unit_test(test_months),
		cmocka_unit_test(test_amsterdam_winter_time),
		cmocka_unit_test(test_amsterdam_summer_time),
		cmocka_unit_test(test_amsterdam_around_the_clock_changes),
		cmocka_unit_test(test_exact_refuses_what_the_clocks_skip_or_repeat),
		cmocka_unit_test(test_exact_agrees_elsewhere),
		cmocka_unit_test(test_instant_forms),
		cmocka_unit_test(test_explicit_offsets_win_over_zone),
		cmocka_unit_test(test_invalid_instants),
		cmocka_unit_test(test_shown_in_local_time),
		cmocka_unit_test(test_round_trip_through_utc),
		cmocka_unit_test(test_format_refuses_garbage),
		cmocka_unit_test(test_zone_names),
		cmocka_unit_test(test_zone_conversion_leaves_tz_alone),
		cmocka_unit_test(test_date_arithmetic),
		cmocka_unit_test(test_days_between),
		cmocka_unit_test(test_days_since_epoch),
		cmocka_unit_test(test_fixed_clock),
		cmocka_unit_test(test_instant_from_time),
		cmocka_unit_test(test_day_starts),
		cmocka_unit_test(test_month_starts),
	};

	return cmocka_run_group_tests_name("timeutil", tests, NULL, NULL);
}
