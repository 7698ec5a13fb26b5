/*
 * fuzz_time.c - dates, months and times as people type them
 * (src/base/timeutil.c): "2026-11-03", "2026-11", "2026-11-03T10:00" in the
 * organisation's zone or with an offset, and the zone names of settings.
 *
 * The input: a byte that picks the organisation's zone (or, past the list,
 * takes the zone name from the second line), a byte of days to add, then
 * the text typed, up to a newline.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/timeutil.h"
#include "invariant.h"

/* Zones with something to get wrong: DST, half hours, a skipped day, midnight changes. */
static const char *const zones[] = {
	"UTC",
	"Europe/Amsterdam",
	"America/New_York",
	"Australia/Lord_Howe", /* DST of half an hour */
	"Asia/Kathmandu",      /* +05:45 */
	"Pacific/Apia",        /* skipped 2011-12-30 */
	"America/Santiago",    /* DST changes at midnight */
	"America/St_Johns",    /* -03:30 */
	"Pacific/Kiritimati",  /* +14:00 */
	"Africa/Casablanca",   /* DST suspended in Ramadan */
};
#define NZONES (sizeof(zones) / sizeof(zones[0]))

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int number(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* A real date "YYYY-MM-DD" of 1900-2999, read independently of timeutil.c. */
static bool date_ref(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (strlen(s) != 10 || !all_digits(s, 4) || s[4] != '-' || !all_digits(s + 5, 2) ||
	    s[7] != '-' || !all_digits(s + 8, 2))
		return false;
	int y = number(s, 4), m = number(s + 5, 2), d = number(s + 8, 2);
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

/* A stored instant: "YYYY-MM-DDTHH:MM:SSZ" of a real date and time. */
static bool stored_instant(const char *s)
{
	char date[TU_DATE_LEN];

	if (strlen(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' ||
	    !all_digits(s + 11, 2) || !all_digits(s + 14, 2) || !all_digits(s + 17, 2))
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	return date_ref(date) && number(s + 11, 2) < 24 && number(s + 14, 2) < 60 &&
	       number(s + 17, 2) < 60;
}

static void check_date(const char *s, int days)
{
	char out[TU_DATE_LEN], back[TU_DATE_LEN];
	bool valid = tu_valid_date(s);

	FUZZ_ASSERT(valid == date_ref(s), "tu_valid_date(%s) is %d", fuzz_show(s, strlen(s)),
	            valid);
	if (!valid)
		return;
	tu_days_to_date(tu_date_to_days(s), out);
	FUZZ_ASSERT(strcmp(out, s) == 0, "%s went to days and back as %s", s, out);
	tu_date_add(s, days, out);
	if (tu_valid_date(out)) {
		FUZZ_ASSERT(tu_days_between(s, out) == days, "%s + %d days is %s, %ld days on", s,
		            days, out, tu_days_between(s, out));
		tu_date_add(out, -days, back);
		FUZZ_ASSERT(strcmp(back, s) == 0, "%s + %d - %d days is %s", s, days, days, back);
	}
}

static void check_month(const char *s)
{
	char date[16];
	bool valid = tu_valid_month(s);

	snprintf(date, sizeof(date), "%.7s-01", s);
	FUZZ_ASSERT(valid == (strlen(s) == 7 && date_ref(date)), "tu_valid_month(%s) is %d",
	            fuzz_show(s, strlen(s)), valid);
}

/* Whether some instant within a day of utc shows as local (the typed "YYYY-MM-DD HH:MM") in tz. */
static bool local_exists(const char *utc, const char *local, const char *tz)
{
	char near[TU_INSTANT_LEN], shown[TU_DISPLAY_LEN];

	for (long min = -26 * 60; min <= 26 * 60; min += 15)
		if (tu_instant_add(utc, min * 60, near) && tu_format_local(near, tz, shown) &&
		    strcmp(shown, local) == 0)
			return true;
	return false;
}

static void check_instant(const char *s, const char *tz)
{
	char out[TU_INSTANT_LEN], again[TU_INSTANT_LEN], shown[TU_DISPLAY_LEN],
	        typed[TU_DISPLAY_LEN];
	size_t n = strlen(s);

	if (!tu_parse_instant(s, tz, out))
		return;
	/* Whatever is accepted is stored as an instant every reader reads back. */
	FUZZ_ASSERT(stored_instant(out), "%s in %s was stored as %s, not a stored instant",
	            fuzz_show(s, n), tz, fuzz_show(out, strlen(out)));
	FUZZ_ASSERT(tu_instant_add(out, 0, again) && strcmp(again, out) == 0,
	            "the stored %s of %s does not read back", out, fuzz_show(s, n));
	FUZZ_ASSERT(tu_format_local(out, tz, shown), "the stored %s cannot be shown in %s", out,
	            tz);
	/* A stored instant typed back means itself, in every zone. */
	for (size_t k = 0; k < NZONES; k += 3) {
		FUZZ_ASSERT(tu_parse_instant(out, zones[k], again) && strcmp(again, out) == 0,
		            "%s typed in %s is %s", out, zones[k], again);
	}
	/* A time with its own offset means the same in every zone. */
	bool offset = s[n - 1] == 'Z' || (n >= 6 && (s[n - 6] == '+' || s[n - 6] == '-'));
	if (offset) {
		FUZZ_ASSERT(tu_parse_instant(s, "Asia/Kathmandu", again) && strcmp(again, out) == 0,
		            "%s is %s in %s but %s in Asia/Kathmandu", s, out, tz, again);
		return;
	}
	/* A local time is shown back as typed, unless the clock never showed it there. */
	snprintf(typed, sizeof(typed), "%.10s %.5s", s, s + 11);
	if (strcmp(shown, typed) != 0)
		FUZZ_ASSERT(
		        !local_exists(out, typed, tz),
		        "%s typed in %s is stored as %s and shown as %s, though %s exists there", s,
		        tz, out, shown, typed);
}

static void check_day_starts(const char *s, const char *tz)
{
	char starts[8][TU_INSTANT_LEN], date[TU_DATE_LEN], shown[TU_DISPLAY_LEN];
	char before[TU_INSTANT_LEN], shown_before[TU_DISPLAY_LEN];

	if (!tu_valid_date(s) || strcmp(s, "1900-01-03") < 0 || strcmp(s, "2999-12-20") > 0 ||
	    !tu_day_starts(s, 8, tz, starts))
		return;
	for (int i = 0; i < 8; i++) {
		FUZZ_ASSERT(stored_instant(starts[i]), "day %d from %s in %s starts at %s", i, s,
		            tz, fuzz_show(starts[i], strlen(starts[i])));
		if (i)
			FUZZ_ASSERT(strcmp(starts[i - 1], starts[i]) <= 0,
			            "days from %s in %s: %s is before %s", s, tz, starts[i],
			            starts[i - 1]);
		/*
		 * Each day begins at its first minute: the minute before is an earlier
		 * date. It shows as its own date, or, for a date the zone skipped
		 * (Pacific/Apia, 2011-12-30), as the next day there was.
		 */
		tu_date_add(s, i, date);
		FUZZ_ASSERT(tu_format_local(starts[i], tz, shown) && strncmp(shown, date, 10) >= 0,
		            "the day %s in %s starts at %s, shown as %s", date, tz, starts[i],
		            shown);
		FUZZ_ASSERT(tu_instant_add(starts[i], -60, before) &&
		                    tu_format_local(before, tz, shown_before) &&
		                    strncmp(shown_before, date, 10) < 0,
		            "the day %s in %s starts at %s, but a minute before it is %s", date, tz,
		            starts[i], shown_before);
	}
}

static void check_zone(const char *tz)
{
	struct stat st;
	char path[512];
	FILE *f;
	char magic[4] = "";

	if (!tu_valid_zone(tz))
		return;
	if (!strcmp(tz, "UTC"))
		return;
	/* A zone the program accepts is a zone file, so that times in it mean something. */
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", tz);
	FUZZ_ASSERT(stat(path, &st) == 0 && S_ISREG(st.st_mode), "the zone %s is not a file",
	            fuzz_show(tz, strlen(tz)));
	f = fopen(path, "rb");
	FUZZ_ASSERT(f && fread(magic, 1, 4, f) == 4 && memcmp(magic, "TZif", 4) == 0,
	            "the zone %s is not a time zone file", fuzz_show(tz, strlen(tz)));
	fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	uint8_t pick = fuzz_byte(&in);
	int days = (int)(int8_t)fuzz_byte(&in) * 50;
	char *s = fuzz_part(&in, '\n', NULL);
	char *zone = fuzz_part(&in, '\n', NULL);
	const char *tz = pick < NZONES ? zones[pick] : zone;

	if (strlen(s) <= 64) {
		check_date(s, days);
		check_month(s);
		check_zone(zone);
		if (tu_valid_zone(tz)) {
			check_instant(s, tz);
			check_day_starts(s, tz);
		}
	}
	free(zone);
	free(s);
	return 0;
}
