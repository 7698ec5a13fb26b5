/*
 * range_check.h - the check of a list by date range, shared by the API's
 * and the command line's tests (tests/api/test_api.c, tests/cli/test_list_cli.c):
 * a week of a coach's sessions, newest first, against the whole list.
 */
#ifndef SALESCOACH_RANGE_CHECK_H
#define SALESCOACH_RANGE_CHECK_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "base/timeutil.h"

/* The local date (Europe/Amsterdam, the demo's zone) of a stored instant. */
static inline void range_local_date(const char *utc, char out[TU_DATE_LEN])
{
	char shown[TU_DISPLAY_LEN];
	assert_true(tu_format_local(utc, "Europe/Amsterdam", shown));
	memcpy(out, shown, 10);
	out[10] = '\0';
}

/*
 * The week [from, to] that ends on the local day of the middle session of
 * all (an array of sessions, more than 20); that session is returned.
 */
static inline const json_t *range_week_of_middle(const json_t *all, char from[TU_DATE_LEN],
                                                 char to[TU_DATE_LEN])
{
	assert_true(json_array_size(all) > 20);
	const json_t *mid = json_array_get(all, json_array_size(all) / 2);
	range_local_date(json_string_value(json_object_get(mid, "at")), to);
	tu_date_add(to, -6, from);
	return mid;
}

/*
 * week holds exactly the sessions of all whose local day is in [from, to]
 * (both ends included; the days of the demo's zone, not of UTC), newest
 * first; some, not all, of all. Returns how many.
 */
static inline size_t range_assert_exactly_the_week(const json_t *all, const json_t *week,
                                                   const char *from, const char *to)
{
	char day[TU_DATE_LEN];
	const char *prev = NULL;
	size_t want = 0, i;
	const json_t *item;

	json_array_foreach(all, i, item)
	{
		range_local_date(json_string_value(json_object_get(item, "at")), day);
		want += strcmp(day, from) >= 0 && strcmp(day, to) <= 0;
	}
	assert_true(want > 0 && want < json_array_size(all));
	assert_int_equal(json_array_size(week), want);
	json_array_foreach(week, i, item)
	{
		const char *at = json_string_value(json_object_get(item, "at"));
		range_local_date(at, day);
		assert_true(strcmp(day, from) >= 0 && strcmp(day, to) <= 0);
		if (prev)
			assert_true(strcmp(prev, at) >= 0);
		prev = at;
	}
	return want;
}

#endif
