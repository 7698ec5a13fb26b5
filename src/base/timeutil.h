/*
 * timeutil.h - calendar dates, months and instants as salescoach stores them.
 *
 * Dates are stored as "YYYY-MM-DD", months as "YYYY-MM", instants as UTC
 * "YYYY-MM-DDTHH:MM:SSZ". All three sort correctly as text, so every store
 * can keep them in a text column and compare them without date functions.
 * Instants are entered and shown in the organisation's time zone.
 */
#ifndef SALESCOACH_TIMEUTIL_H
#define SALESCOACH_TIMEUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define TU_DATE_LEN    11 /* "YYYY-MM-DD" + NUL */
#define TU_MONTH_LEN   8  /* "YYYY-MM" + NUL */
#define TU_INSTANT_LEN 21 /* "YYYY-MM-DDTHH:MM:SSZ" + NUL */
#define TU_DISPLAY_LEN 32 /* "YYYY-MM-DD HH:MM" and room to spare */

/* True when s is a real calendar date "YYYY-MM-DD" (years 1900-2999). */
bool tu_valid_date(const char *s);

/* True when s is "YYYY-MM" with a month 01-12 (years 1900-2999). */
bool tu_valid_month(const char *s);

/*
 * Parse an instant: "YYYY-MM-DDTHH:MM[:SS]" (a space may replace the T) in
 * time zone tz, or the same followed by "Z" or "+HH:MM" / "-HH:MM", which
 * then wins over tz. Writes UTC "YYYY-MM-DDTHH:MM:SSZ" to out. Returns false
 * when s is not such an instant, when tz is unknown, and when the instant
 * falls outside the years 1900-2999 in UTC. A local time that the
 * clocks skip or pass twice is taken as the C library's mktime takes it: this
 * is for times the program computes; what users type goes through
 * tu_parse_exact.
 */
bool tu_parse_instant(const char *s, const char *tz, char out[TU_INSTANT_LEN]);

/* What tu_parse_exact found. */
enum tu_exact {
	TU_EXACT_OK,      /* one instant: out holds it */
	TU_EXACT_BAD,     /* not an instant (as tu_parse_instant refuses), or tz is unknown */
	TU_EXACT_SKIPPED, /* a local time the clocks skip when they go forward: it never is */
	TU_EXACT_TWICE,   /* a local time the clocks pass twice when they go back */
};

/* The change of the clocks that skips a local time or repeats it. */
struct tu_clock_change {
	char from[6], to[6];   /* the local clock just before and after: "02:00", "03:00" */
	char offset_before[7]; /* the UTC offset before the change: "+02:00" */
	char offset_after[7];  /* and after it: "+01:00" */
};

/*
 * Parse an instant typed by a user, as tu_parse_instant, without guessing: a
 * local time (no Z, no offset) that does not exist in tz, or that happens
 * twice there, is refused rather than moved or picked. *change (may be NULL)
 * then describes the change of the clocks; it is empty strings otherwise, and
 * when the zone changed more than once in the two days around the time.
 */
enum tu_exact tu_parse_exact(const char *s, const char *tz, char out[TU_INSTANT_LEN],
                             struct tu_clock_change *change);

/* Format a stored UTC instant as "YYYY-MM-DD HH:MM" in time zone tz. */
bool tu_format_local(const char *utc, const char *tz, char out[TU_DISPLAY_LEN]);

/*
 * The instants (UTC, as stored) at which n consecutive local days begin in
 * zone tz: out[i] is the start of date first + i. All n are converted under
 * one zone switch, so long ranges are cheap. False on a bad date or zone.
 */
bool tu_day_starts(const char *first, size_t n, const char *tz, char (*out)[TU_INSTANT_LEN]);

/* The same for n consecutive local months from month first ("YYYY-MM"). */
bool tu_month_starts(const char *first, size_t n, const char *tz, char (*out)[TU_INSTANT_LEN]);

/* True when tz names a time zone file this machine has ("Europe/Amsterdam"), or is "UTC". */
bool tu_valid_zone(const char *tz);

/*
 * The current instant. SALESCOACH_NOW ("YYYY-MM-DDTHH:MM:SSZ" or a date),
 * when set, replaces the clock so that tests and demos are reproducible.
 */
time_t tu_now(void);

/* today's date in time zone tz, "YYYY-MM-DD". */
void tu_today(const char *tz, char out[TU_DATE_LEN]);

/* The current instant as stored: UTC "YYYY-MM-DDTHH:MM:SSZ". */
void tu_now_instant(char out[TU_INSTANT_LEN]);

/* date plus days (negative allowed) -> out. date must be valid. */
void tu_date_add(const char *date, int days, char out[TU_DATE_LEN]);

/* Whole days from date a to date b (b - a). Both must be valid. */
long tu_days_between(const char *a, const char *b);

/* Convert between a date and days since 1970-01-01. */
long tu_date_to_days(const char *date);
void tu_days_to_date(long days, char out[TU_DATE_LEN]);

/* Format a UTC time_t as a stored instant. */
void tu_instant_from_time(time_t t, char out[TU_INSTANT_LEN]);

/* The stored UTC instant ("YYYY-MM-DDTHH:MM:SSZ") plus seconds (may be negative); false if
 * instant is not one. */
bool tu_instant_add(const char *instant, long seconds, char out[TU_INSTANT_LEN]);

#endif
