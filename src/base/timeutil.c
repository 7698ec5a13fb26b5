#include "base/timeutil.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* localtime_r/mktime read TZ; they are only called with this lock held. */
static pthread_mutex_t tz_lock = PTHREAD_MUTEX_INITIALIZER;

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

static int num(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Write "YYYY-MM-DD" (unsigned so the compiler can see it fits). */
static void fmt_date(char out[TU_DATE_LEN], int y, int m, int d)
{
	snprintf(out, TU_DATE_LEN, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
	         (unsigned)d % 100u);
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *py, int *pm, int *pd)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*py = (int)(y + (m <= 2));
	*pm = m;
	*pd = d;
}

bool tu_valid_month(const char *s)
{
	if (!s || strlen(s) != 7 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2))
		return false;
	int y = num(s, 4), m = num(s + 5, 2);
	return y >= 1900 && y <= 2999 && m >= 1 && m <= 12;
}

static bool parse_date_prefix(const char *s, int *py, int *pm, int *pd)
{
	if (!digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
		return false;
	int y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return false;
	*py = y;
	*pm = m;
	*pd = d;
	return true;
}

bool tu_valid_date(const char *s)
{
	int y, m, d;
	return s && strlen(s) == 10 && parse_date_prefix(s, &y, &m, &d);
}

long tu_date_to_days(const char *date)
{
	return days_from_civil(num(date, 4), num(date + 5, 2), num(date + 8, 2));
}

void tu_days_to_date(long days, char out[TU_DATE_LEN])
{
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	fmt_date(out, y, m, d);
}

void tu_date_add(const char *date, int days, char out[TU_DATE_LEN])
{
	tu_days_to_date(tu_date_to_days(date) + days, out);
}

long tu_days_between(const char *a, const char *b)
{
	return tu_date_to_days(b) - tu_date_to_days(a);
}

void tu_instant_from_time(time_t t, char out[TU_INSTANT_LEN])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	snprintf(out, TU_INSTANT_LEN, "%04u-%02u-%02uT%02u:%02u:%02uZ",
	         (unsigned)(tm.tm_year + 1900) % 10000u, (unsigned)(tm.tm_mon + 1) % 100u,
	         (unsigned)tm.tm_mday % 100u, (unsigned)tm.tm_hour % 100u,
	         (unsigned)tm.tm_min % 100u, (unsigned)tm.tm_sec % 100u);
}

/* Seconds since the epoch of a UTC civil time. */
static time_t utc_seconds(int y, int mo, int d, int h, int mi, int s)
{
	return (time_t)days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

bool tu_instant_add(const char *instant, long seconds, char out[TU_INSTANT_LEN])
{
	int y, mo, d;
	if (!parse_date_prefix(instant, &y, &mo, &d) || strlen(instant) != 20 ||
	    instant[10] != 'T' || instant[19] != 'Z' || !digits(instant + 11, 2) ||
	    !digits(instant + 14, 2) || !digits(instant + 17, 2))
		return false;
	tu_instant_from_time(utc_seconds(y, mo, d, num(instant + 11, 2), num(instant + 14, 2),
	                                 num(instant + 17, 2)) +
	                             seconds,
	                     out);
	return true;
}

bool tu_valid_zone(const char *tz)
{
	char path[512], magic[4];
	struct stat st;
	FILE *f;
	bool zone;

	if (!tz || !*tz || strlen(tz) > 200 || strstr(tz, "..") || tz[0] == '/')
		return false;
	/*
	 * The right/ zones count leap seconds in their clock, so a minute there is
	 * not 60 of our seconds and a day does not start where its date says: no
	 * calendar or CRM uses them.
	 */
	if (strncmp(tz, "right/", 6) == 0)
		return false;
	if (strcmp(tz, "UTC") == 0)
		return true;
	/*
	 * A zone file, not any file or folder there: the C library reads every other
	 * name ("Europe", "zone.tab") as UTC without a word.
	 */
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", tz);
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || !(f = fopen(path, "rb")))
		return false;
	zone = fread(magic, 1, sizeof(magic), f) == sizeof(magic) &&
	       memcmp(magic, "TZif", sizeof(magic)) == 0;
	fclose(f);
	return zone;
}

/*
 * Switch the process to zone tz under the lock; zone_leave switches back.
 * The C library has no per-call zone, so conversions go through TZ.
 */
static char *zone_enter(const char *tz)
{
	const char *old;
	char *saved = NULL;

	pthread_mutex_lock(&tz_lock);
	old = getenv("TZ");
	if (old)
		saved = strdup(old);
	setenv("TZ", tz, 1);
	tzset();
	return saved;
}

static void zone_leave(char *saved)
{
	if (saved) {
		setenv("TZ", saved, 1);
		free(saved);
	} else {
		unsetenv("TZ");
	}
	tzset();
	pthread_mutex_unlock(&tz_lock);
}

/* Run localtime_r or mktime with TZ=tz; restores the previous TZ. */
static bool with_zone(const char *tz, time_t *t, struct tm *tm, bool to_local)
{
	char *saved = zone_enter(tz);
	bool ok = true;

	if (to_local) {
		ok = localtime_r(t, tm) != NULL;
	} else {
		tm->tm_isdst = -1;
		*t = mktime(tm);
		ok = *t != (time_t)-1;
	}
	zone_leave(saved);
	return ok;
}

/* The days since 1970-01-01 of the local date of t (within zone_enter). */
static bool local_days(time_t t, long *days)
{
	struct tm lt;

	if (!localtime_r(&t, &lt))
		return false;
	*days = days_from_civil(lt.tm_year + 1900, lt.tm_mon + 1, lt.tm_mday);
	return true;
}

/*
 * The first instant of local day want (days since 1970-01-01), given t, what mktime made of
 * its midnight (within zone_enter). A midnight the zone skipped is moved by mktime according
 * to the conversion before it, in any zone: Pacific/Apia's 2011-12-30, a day skipped whole,
 * comes out as the day before's midnight after a time in Pacific/Kiritimati. When t lies
 * before the day, the day starts at the first instant on or after it, found by halving.
 */
static time_t day_start(time_t t, long want)
{
	time_t lo = t, hi = t + 2 * 86400;
	long days;

	if (!local_days(t, &days) || days >= want)
		return t;
	while (hi - lo > 1) {
		time_t mid = lo + (hi - lo) / 2;
		if (local_days(mid, &days) && days >= want)
			hi = mid;
		else
			lo = mid;
	}
	return hi;
}

/* The local midnights of n days from y-mo-d, or of n months from y-mo-01. */
static bool local_starts(int y, int mo, int d, bool months, size_t n, const char *tz,
                         char (*out)[TU_INSTANT_LEN])
{
	bool ok = true;

	if (!tu_valid_zone(tz))
		return false;
	char *saved = zone_enter(tz);
	for (size_t i = 0; i < n && ok; i++) {
		struct tm tm = {
			.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_isdst = -1
		};
		long want;
		if (months) {
			int m = mo - 1 + (int)i;
			tm.tm_mon += (int)i;
			want = days_from_civil(y + m / 12, m % 12 + 1, 1);
		} else {
			tm.tm_mday += (int)i;
			want = days_from_civil(y, mo, d) + (long)i;
		}
		time_t t = mktime(&tm);
		ok = t != (time_t)-1;
		if (ok)
			tu_instant_from_time(day_start(t, want), out[i]);
	}
	zone_leave(saved);
	return ok;
}

bool tu_day_starts(const char *first, size_t n, const char *tz, char (*out)[TU_INSTANT_LEN])
{
	int y, mo, d;

	if (!tu_valid_date(first) || n > 100000 || !parse_date_prefix(first, &y, &mo, &d))
		return false;
	return local_starts(y, mo, d, false, n, tz, out);
}

bool tu_month_starts(const char *first, size_t n, const char *tz, char (*out)[TU_INSTANT_LEN])
{
	if (!tu_valid_month(first) || n > 100000)
		return false;
	return local_starts(num(first, 4), num(first + 5, 2), 1, true, n, tz, out);
}

/*
 * Write t to out as a stored instant when it lies in the years of a date (1900-2999): a time
 * typed at either end with an offset or in a zone can fall outside, and would be stored but
 * never read back.
 */
static bool stored_instant(time_t t, char out[TU_INSTANT_LEN])
{
	int y, mo, d;

	tu_instant_from_time(t, out);
	return parse_date_prefix(out, &y, &mo, &d);
}

/* An instant as a user types it: the local clock, and the offset when one is given. */
struct typed_instant {
	int y, mo, d, h, mi, sec;
	bool has_offset; /* "Z" or "+HH:MM" / "-HH:MM" was given */
	long offset;     /* seconds east of UTC */
};

/* Read s as tu_parse_instant describes; false when it is not such an instant. */
static bool parse_typed(const char *s, struct typed_instant *t)
{
	const char *p;

	memset(t, 0, sizeof(*t));
	if (!s || strlen(s) < 16 || !parse_date_prefix(s, &t->y, &t->mo, &t->d))
		return false;
	if ((s[10] != 'T' && s[10] != ' ') || !digits(s + 11, 2) || s[13] != ':' ||
	    !digits(s + 14, 2))
		return false;
	t->h = num(s + 11, 2);
	t->mi = num(s + 14, 2);
	p = s + 16;
	if (*p == ':') {
		if (!digits(p + 1, 2))
			return false;
		t->sec = num(p + 1, 2);
		p += 3;
	}
	if (t->h > 23 || t->mi > 59 || t->sec > 59)
		return false;
	if (*p == 'Z' && p[1] == '\0') {
		t->has_offset = true;
		return true;
	}
	if ((*p == '+' || *p == '-') && strlen(p) == 6 && digits(p + 1, 2) && p[3] == ':' &&
	    digits(p + 4, 2)) {
		if (num(p + 1, 2) > 14 || num(p + 4, 2) > 59)
			return false;
		t->has_offset = true;
		t->offset = (*p == '-' ? -1L : 1L) * (num(p + 1, 2) * 3600L + num(p + 4, 2) * 60L);
		return true;
	}
	return *p == '\0';
}

/* The local clock of t read as UTC: the seconds a wall clock shows, as if in UTC. */
static time_t typed_seconds(const struct typed_instant *t)
{
	return utc_seconds(t->y, t->mo, t->d, t->h, t->mi, t->sec);
}

bool tu_parse_instant(const char *s, const char *tz, char out[TU_INSTANT_LEN])
{
	struct typed_instant ti;

	if (!parse_typed(s, &ti))
		return false;
	if (ti.has_offset)
		return stored_instant(typed_seconds(&ti) - ti.offset, out);
	if (!tu_valid_zone(tz))
		return false;
	struct tm tm = { .tm_year = ti.y - 1900,
		         .tm_mon = ti.mo - 1,
		         .tm_mday = ti.d,
		         .tm_hour = ti.h,
		         .tm_min = ti.mi,
		         .tm_sec = ti.sec };
	time_t t;
	if (!with_zone(tz, &t, &tm, false))
		return false;
	return stored_instant(t, out);
}

/* The UTC offset, seconds east, of the zone entered (zone_enter) at t. */
static long offset_at(time_t t)
{
	struct tm tm;
	return localtime_r(&t, &tm) ? (long)tm.tm_gmtoff : 0;
}

static void fmt_offset(long off, char out[7])
{
	unsigned long a = (unsigned long)(off < 0 ? -off : off);
	snprintf(out, 7, "%c%02lu:%02lu", off < 0 ? '-' : '+', a / 3600 % 100, a / 60 % 60);
}

/* "HH:MM" of the wall clock local (seconds read as UTC). */
static void fmt_clock(time_t local, char out[6])
{
	struct tm tm;
	gmtime_r(&local, &tm);
	snprintf(out, 6, "%02u:%02u", (unsigned)tm.tm_hour % 100u, (unsigned)tm.tm_min % 100u);
}

/*
 * The change of the zone entered between from and to (their offsets differ):
 * the first second of the new offset, found by halving, shown as the clock
 * just before and just after it.
 */
static void describe_change(time_t from, time_t to, struct tu_clock_change *ch)
{
	long before = offset_at(from), after = offset_at(to);

	while (to - from > 1) {
		time_t mid = from + (to - from) / 2;
		if (offset_at(mid) == before)
			from = mid;
		else
			to = mid;
	}
	fmt_clock(to + before, ch->from);
	fmt_clock(to + after, ch->to);
	fmt_offset(before, ch->offset_before);
	fmt_offset(after, ch->offset_after);
}

/*
 * The instants at which the zone entered shows the wall clock naive (read as
 * UTC): those of the offsets in force a day before, at and a day after, that
 * give it back. No change of the clocks spans more than a day.
 */
static enum tu_exact resolve_local(time_t naive, time_t *out, struct tu_clock_change *ch)
{
	long offs[3] = { offset_at(naive - 86400), offset_at(naive), offset_at(naive + 86400) };
	time_t found[3];
	size_t n = 0;

	for (size_t i = 0; i < 3; i++) {
		time_t t = naive - offs[i];
		bool seen = false;
		for (size_t k = 0; k < n; k++)
			seen |= found[k] == t;
		if (!seen && offset_at(t) == offs[i])
			found[n++] = t;
	}
	if (n == 1) {
		*out = found[0];
		return TU_EXACT_OK;
	}
	if (offs[0] != offs[2])
		describe_change(naive - 86400, naive + 86400, ch);
	return n == 0 ? TU_EXACT_SKIPPED : TU_EXACT_TWICE;
}

enum tu_exact tu_parse_exact(const char *s, const char *tz, char out[TU_INSTANT_LEN],
                             struct tu_clock_change *change)
{
	struct typed_instant ti;
	struct tu_clock_change ch = { "", "", "", "" };
	enum tu_exact rc;
	time_t t = 0;

	if (change)
		*change = ch;
	if (!parse_typed(s, &ti))
		return TU_EXACT_BAD;
	if (ti.has_offset)
		return stored_instant(typed_seconds(&ti) - ti.offset, out) ? TU_EXACT_OK
		                                                           : TU_EXACT_BAD;
	if (!tu_valid_zone(tz))
		return TU_EXACT_BAD;
	char *saved = zone_enter(tz);
	rc = resolve_local(typed_seconds(&ti), &t, &ch);
	zone_leave(saved);
	if (rc == TU_EXACT_OK && !stored_instant(t, out))
		rc = TU_EXACT_BAD;
	if (change)
		*change = ch;
	return rc;
}

bool tu_format_local(const char *utc, const char *tz, char out[TU_DISPLAY_LEN])
{
	int y, mo, d;
	struct tm tm;

	if (!utc || strlen(utc) != 20 || !parse_date_prefix(utc, &y, &mo, &d))
		return false;
	time_t t = utc_seconds(y, mo, d, num(utc + 11, 2), num(utc + 14, 2), num(utc + 17, 2));
	if (!tu_valid_zone(tz) || !with_zone(tz, &t, &tm, true))
		return false;
	snprintf(out, TU_DISPLAY_LEN, "%04u-%02u-%02u %02u:%02u",
	         (unsigned)(tm.tm_year + 1900) % 10000u, (unsigned)(tm.tm_mon + 1) % 100u,
	         (unsigned)tm.tm_mday % 100u, (unsigned)tm.tm_hour % 100u,
	         (unsigned)tm.tm_min % 100u);
	return true;
}

time_t tu_now(void)
{
	const char *fixed = getenv("SALESCOACH_NOW");
	char inst[TU_INSTANT_LEN];
	int y, mo, d;

	if (fixed && *fixed) {
		if (tu_valid_date(fixed) && parse_date_prefix(fixed, &y, &mo, &d))
			return utc_seconds(y, mo, d, 12, 0, 0);
		if (tu_parse_instant(fixed, "UTC", inst) && parse_date_prefix(inst, &y, &mo, &d))
			return utc_seconds(y, mo, d, num(inst + 11, 2), num(inst + 14, 2),
			                   num(inst + 17, 2));
	}
	return time(NULL);
}

void tu_now_instant(char out[TU_INSTANT_LEN])
{
	tu_instant_from_time(tu_now(), out);
}

/*
 * Today's date per zone, for the minute it was computed in: every zone's
 * midnight falls on a whole minute, so a date is right for its whole minute.
 * The server asks for it on every request; a zone switch re-reads the zone
 * file and takes the zone lock.
 */
#define TODAY_CACHE 8
static struct {
	char tz[64];
	time_t minute;
	char date[TU_DATE_LEN];
} today_cache[TODAY_CACHE];
static unsigned today_next;
static pthread_mutex_t today_lock = PTHREAD_MUTEX_INITIALIZER;

void tu_today(const char *tz, char out[TU_DATE_LEN])
{
	time_t t = tu_now(), minute = t - (t % 60 + 60) % 60;
	struct tm tm;
	bool cacheable = tz && strlen(tz) < sizeof(today_cache[0].tz);

	if (cacheable) {
		pthread_mutex_lock(&today_lock);
		for (unsigned i = 0; i < TODAY_CACHE; i++) {
			if (today_cache[i].minute == minute && strcmp(today_cache[i].tz, tz) == 0) {
				memcpy(out, today_cache[i].date, TU_DATE_LEN);
				pthread_mutex_unlock(&today_lock);
				return;
			}
		}
		pthread_mutex_unlock(&today_lock);
	}
	if (!tz || !tu_valid_zone(tz) || !with_zone(tz, &t, &tm, true))
		gmtime_r(&t, &tm);
	fmt_date(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	if (cacheable) {
		pthread_mutex_lock(&today_lock);
		unsigned i = today_next++ % TODAY_CACHE;
		snprintf(today_cache[i].tz, sizeof(today_cache[i].tz), "%s", tz);
		today_cache[i].minute = minute;
		memcpy(today_cache[i].date, out, TU_DATE_LEN);
		pthread_mutex_unlock(&today_lock);
	}
}
