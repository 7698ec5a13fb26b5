/*
 * demo_build.c - the demo loader's tools: a seeded generator, dates as day
 * offsets from today, and records built and added through the domain.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/account.h"
#include "domain/domain.h"
#include "domain/org.h"
#include "model/entity.h"
#include "model/record.h"
#include "base/timeutil.h"
#include "seed/demo.h"
#include "seed/demo_int.h"

/* The demo's stream: splitmix64 (base/util.h). */
uint64_t demo_rnd(struct demo *dm)
{
	return sc_splitmix64(&dm->rng);
}

/* A whole number in lo..hi. */
int demo_rnd_in(struct demo *dm, int lo, int hi)
{
	return lo + (int)(demo_rnd(dm) % (uint64_t)(hi - lo + 1));
}

/* True with the given chance in percent. */
bool demo_rnd_pct(struct demo *dm, int pct)
{
	return (int)(demo_rnd(dm) % 100) < pct;
}

const char *demo_pick(struct demo *dm, const char *const *list, size_t n)
{
	return list[demo_rnd(dm) % n];
}

/* ---- dates --------------------------------------------------------------------------------- */

void demo_day_text(const struct demo *dm, int off, char out[TU_DATE_LEN])
{
	tu_days_to_date(dm->t + off, out);
}

/* 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday). */
int demo_weekday(const struct demo *dm, int off)
{
	return (int)(((dm->t + off) % 7 + 7 + 3) % 7);
}

bool demo_is_weekday(const struct demo *dm, int off)
{
	return demo_weekday(dm, off) < 5;
}

/* The Dutch public holidays on fixed dates, and those in days after Easter Sunday. */
static const char *const fixed_holidays[] = { "01-01", "04-27", "05-05", "12-25", "12-26" };
static const int easter_holidays[] = { 0, 1, 39, 49, 50 }; /* Easter, Ascension, Whitsun */

/* Easter Sunday of year y (the Gregorian computus, Meeus/Jones/Butcher), in days since 1970. */
static long easter_sunday(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25;
	int g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
	char date[32];

	snprintf(date, sizeof(date), "%04d-%02d-%02d", y, month, day);
	return tu_date_to_days(date);
}

bool demo_is_holiday(const struct demo *dm, int off)
{
	char d[TU_DATE_LEN];
	long days = dm->t + off, easter;

	demo_day_text(dm, off, d);
	for (size_t i = 0; i < sizeof(fixed_holidays) / sizeof(fixed_holidays[0]); i++)
		if (!strcmp(d + 5, fixed_holidays[i]))
			return true;
	easter = easter_sunday(atoi(d));
	for (size_t i = 0; i < sizeof(easter_holidays) / sizeof(easter_holidays[0]); i++)
		if (days == easter + easter_holidays[i])
			return true;
	return false;
}

int demo_working_day(const struct demo *dm, int off)
{
	int day = off;

	if (!demo_is_holiday(dm, off))
		return off;
	do
		day++;
	while (!demo_is_weekday(dm, day) || demo_is_holiday(dm, day));
	if (off < 0 && day >= 0)
		for (day = off - 1; !demo_is_weekday(dm, day) || demo_is_holiday(dm, day); day--)
			;
	return day;
}

/* Offset of the first day of the month k months from today's month. */
int demo_month_first(const struct demo *dm, int k)
{
	int mm = dm->m - 1 + k;
	int y = dm->y + (mm >= 0 ? mm / 12 : -((11 - mm) / 12));
	char s[TU_DATE_LEN];

	mm -= (y - dm->y) * 12;
	snprintf(s, sizeof(s), "%04u-%02u-01", (unsigned)y % 10000u, (unsigned)(mm + 1) % 100u);
	return (int)(tu_date_to_days(s) - dm->t);
}

/* "YYYY-MM" of the month k months from today's month. */
void demo_month_text(const struct demo *dm, int k, char out[TU_MONTH_LEN])
{
	char d[TU_DATE_LEN];

	demo_day_text(dm, demo_month_first(dm, k), d);
	memcpy(out, d, 7);
	out[7] = '\0';
}

/* Offset of the first day of the month that holds day off. */
int demo_month_start_of(const struct demo *dm, int off)
{
	char d[TU_DATE_LEN];

	demo_day_text(dm, off, d);
	d[8] = '0';
	d[9] = '1';
	return (int)(tu_date_to_days(d) - dm->t);
}

bool demo_in_band(int off)
{
	return off >= BAND_FIRST && off <= BAND_LAST;
}

/* The offset in lo..hi that falls on weekday wd (the range spans a week). */
int demo_weekday_in(const struct demo *dm, int lo, int hi, int wd)
{
	for (int off = lo; off <= hi; off++)
		if (demo_weekday(dm, off) == wd)
			return off;
	return lo;
}

/* ---- building records ---------------------------------------------------------------------- */

struct record *demo_rec(enum entity_kind kind)
{
	return record_new(entity_get(kind));
}

void demo_set_s(struct demo *dm, struct record *r, const char *field, const char *s)
{
	if (r && s && record_put_text(r, field, s) != SC_OK)
		dm->nomem = true;
}

void demo_set_i(struct record *r, const char *field, int64_t v)
{
	if (r)
		record_put_int(r, field, v);
}

void demo_set_r(struct record *r, const char *field, double v)
{
	if (r)
		record_put_real(r, field, v);
}

void demo_set_day(struct demo *dm, struct record *r, const char *field, int off)
{
	char d[TU_DATE_LEN];

	demo_day_text(dm, off, d);
	demo_set_s(dm, r, field, d);
}

/* An instant at minute_of_day (local time) on day off. */
void demo_set_at(struct demo *dm, struct record *r, const char *field, int off, int minute_of_day)
{
	char d[TU_DATE_LEN], local[48], utc[TU_INSTANT_LEN];

	demo_day_text(dm, off, d);
	snprintf(local, sizeof(local), "%sT%02u:%02u", d, (unsigned)(minute_of_day / 60) % 100u,
	         (unsigned)(minute_of_day % 60) % 100u);
	/* An unparsable time is passed on as typed, for the domain to name it. */
	demo_set_s(dm, r, field, tu_parse_instant(local, dm->d.tz, utc) ? utc : local);
}

/*
 * Add *prec through the domain, taking ownership of it. what names the
 * record in an error message, so that a refused demo record can be found.
 */
enum sc_result demo_add(struct demo *dm, struct record **prec, const char *what, int64_t *id)
{
	struct record *r = *prec;
	enum sc_result rc;

	if (!r || dm->nomem) {
		rc = sc_fail(dm->err, SC_NOMEM, NULL, "out of memory while loading the demo");
		goto out;
	}
	if ((rc = domain_add(&dm->d, r, dm->err))) {
		char field[sizeof(dm->err->field)], msg[sizeof(dm->err->message)];
		snprintf(field, sizeof(field), "%s", dm->err->field);
		snprintf(msg, sizeof(msg), "%s", dm->err->message);
		sc_fail(dm->err, rc, field,
		        "demo %s (%.100s) refused: %.300s; the database now holds part of the "
		        "demo, load it again with a new --db path",
		        r->def->name, what, msg);
		goto out;
	}
	dm->count[r->def->kind]++;
	if (id)
		*id = r->id;
out:
	record_free(prec);
	return rc;
}

/*
 * demo_add(), with an override of a pitfall refusal when reason is not NULL: the
 * designed cases of docs/demo.md that a user could record only so.
 */
enum sc_result demo_add_override(struct demo *dm, struct record **prec, const char *what,
                                 int64_t *id, const char *reason)
{
	enum sc_result rc;

	dm->d.override_reason = reason;
	rc = demo_add(dm, prec, what, id);
	dm->d.override_reason = NULL;
	return rc;
}
