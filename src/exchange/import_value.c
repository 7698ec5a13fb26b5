/*
 * import_value.c - the values of a spreadsheet or a CRM export turned into
 * the ones salescoach reads: numbers with either decimal mark and grouping,
 * dates with the day first or last, months by name (import_int.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/timeutil.h"
#include "exchange/import_int.h"

/* Drop what surrounds an amount: spaces (also non-breaking ones) and a currency sign or code. */
static void strip_number(const char *in, char *out, size_t n)
{
	size_t k = 0;

	for (const unsigned char *p = (const unsigned char *)in; *p && k + 1 < n;) {
		if (*p == 0xC2 && p[1] == 0xA0) { /* no-break space */
			p += 2;
		} else if (*p == 0xE2 && p[1] == 0x80 && p[2] == 0xAF) { /* narrow no-break space */
			p += 3;
		} else if (*p == 0xE2 && p[1] == 0x82 && p[2] == 0xAC) { /* euro sign */
			p += 3;
		} else if (*p == 0xC2 && p[1] == 0xA3) { /* pound sign */
			p += 2;
		} else if (*p == ' ' || *p == '$' || *p == '\'') {
			p++;
		} else if (isupper(*p) && isupper(p[1]) && isupper(p[2]) && !isalpha(p[3])) {
			p += 3; /* EUR, USD */
		} else {
			out[k++] = (char)*p++;
		}
	}
	out[k] = '\0';
}

/* Digits grouped by g in s[0..n): 1-3 digits, then groups of exactly 3. */
static bool grouped(const char *s, size_t n, char g)
{
	size_t run = 0, groups = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == g) {
			if (run == 0 || run > 3 || (groups > 0 && run != 3))
				return false;
			groups++;
			run = 0;
		} else if (isdigit((unsigned char)s[i])) {
			run++;
		} else {
			return false;
		}
	}
	return run == 3 || (groups == 0 && run > 0);
}

bool import_number(const char *in, char decimal, char *out, size_t n)
{
	char s[128];
	const char *p = s;
	size_t k = 0;

	size_t len = strlen(in);
	if (len >= sizeof(s))
		return false;
	/* Plain digits (most cells of a large file) are the number as they are. */
	size_t digits = strspn(in + (*in == '-'), "0123456789");
	if (digits && (*in == '-') + digits == len) {
		if (len >= n)
			return false;
		memcpy(out, in, len + 1);
		return true;
	}
	strip_number(in, s, sizeof(s));
	if (*p == '-' || *p == '+')
		p++;
	const char *lastdot = strrchr(p, '.'), *lastcomma = strrchr(p, ',');
	char mark = 0; /* the decimal mark of this value, 0 for none */
	if (lastdot && lastcomma) {
		mark = lastdot > lastcomma ? '.' : ',';
	} else if (lastdot || lastcomma) {
		char c = lastdot ? '.' : ',';
		const char *first = strchr(p, c), *last = lastdot ? lastdot : lastcomma;
		/* 1.500 in a file that writes decimal commas is fifteen hundred. */
		bool group = first != last ||
		             (c != decimal && strlen(last + 1) == 3 && grouped(p, strlen(p), c));
		mark = group ? 0 : c;
	}
	const char *dm = mark ? strrchr(p, mark) : NULL;
	size_t intlen = dm ? (size_t)(dm - p) : strlen(p);
	char g = mark == '.' ? ',' : mark == ',' ? '.' : (strchr(p, '.') ? '.' : ',');
	if (intlen == 0 || !grouped(p, intlen, g))
		return false;
	if (dm && (!dm[1] || strspn(dm + 1, "0123456789") != strlen(dm + 1)))
		return false;
	if (s[0] == '-' && k + 1 < n)
		out[k++] = '-';
	for (size_t i = 0; i < intlen && k + 1 < n; i++)
		if (p[i] != g)
			out[k++] = p[i];
	if (dm) {
		for (const char *q = dm; *q && k + 1 < n; q++)
			out[k++] = *q == mark ? '.' : *q;
	}
	out[k] = '\0';
	return k + 1 < n;
}

/* Up to 3 numbers split by '-', '/' or '.' into v, their digit counts into len; the count. */
static int split_date(const char *in, long v[3], int len[3], char *sep)
{
	const char *p = in;
	int k = 0;

	*sep = 0;
	while (k < 3) {
		char *end;
		if (!isdigit((unsigned char)*p))
			return -1;
		v[k] = strtol(p, &end, 10);
		len[k] = (int)(end - p);
		k++;
		p = end;
		if (!*p)
			break;
		if ((*p != '-' && *p != '/' && *p != '.') || (*sep && *p != *sep))
			return -1;
		*sep = *p++;
	}
	return *p ? -1 : k;
}

enum import_date import_date(const char *in, bool day_first, char out[11])
{
	long v[3], y, m, d;
	int len[3];
	char sep;

	if (split_date(in, v, len, &sep) != 3)
		return IMPORT_DATE_BAD;
	if (len[0] == 4) {
		y = v[0], m = v[1], d = v[2];
	} else if (len[2] == 4 && len[0] <= 2 && len[1] <= 2) {
		y = v[2];
		if (day_first || v[0] > 12 || v[0] == v[1])
			d = v[0], m = v[1];
		else if (v[1] > 12)
			m = v[0], d = v[1];
		else
			return IMPORT_DATE_AMBIGUOUS;
	} else {
		return IMPORT_DATE_BAD;
	}
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return IMPORT_DATE_BAD;
	snprintf(out, 11, "%04ld-%02ld-%02ld", y, m, d);
	return tu_valid_date(out) ? IMPORT_DATE_OK : IMPORT_DATE_BAD;
}

/* Month names in English and Dutch, whole or cut short ("nov", "okt", "mrt"). */
static int month_by_name(const char *w)
{
	static const char *const names[][2] = {
		{ "january", "januari" }, { "february", "februari" }, { "march", "maart" },
		{ "april", "april" },     { "may", "mei" },           { "june", "juni" },
		{ "july", "juli" },       { "august", "augustus" },   { "september", "september" },
		{ "october", "oktober" }, { "november", "november" }, { "december", "december" },
	};
	size_t n = strlen(w);

	if (!strcasecmp(w, "mrt"))
		return 3;
	for (int m = 0; m < 12 && n >= 3; m++)
		for (int k = 0; k < 2; k++)
			if (n <= strlen(names[m][k]) && !strncasecmp(w, names[m][k], n))
				return m + 1;
	return 0;
}

/* "november 2026", "Nov-2026", "2026 nov" into y and m; false when it is not that. */
static bool month_words(const char *in, long *y, long *m)
{
	char a[32], b[32];

	if (sscanf(in, "%31[A-Za-z] %31[0-9]", a, b) == 2 ||
	    sscanf(in, "%31[A-Za-z]-%31[0-9]", a, b) == 2) {
		*m = month_by_name(a);
		*y = strlen(b) == 4 ? strtol(b, NULL, 10) : 0;
	} else if (sscanf(in, "%31[0-9] %31[A-Za-z]", b, a) == 2) {
		*m = month_by_name(a);
		*y = strlen(b) == 4 ? strtol(b, NULL, 10) : 0;
	} else {
		return false;
	}
	return *m && *y;
}

/* n as exactly `digits` decimal digits into out (0 <= n < 10^digits). */
static void put_digits(char *out, long n, int digits)
{
	for (int k = digits - 1; k >= 0; k--, n /= 10)
		out[k] = (char)('0' + n % 10);
}

enum import_date import_month(const char *in, bool day_first, char out[8])
{
	long v[3], y, m;
	int len[3];
	char sep, date[11];

	int k = split_date(in, v, len, &sep);
	if (k == 3) {
		enum import_date r = import_date(in, day_first, date);
		if (r != IMPORT_DATE_OK)
			return r;
		snprintf(out, 8, "%.7s", date);
		return IMPORT_DATE_OK;
	}
	if (k == 2 && len[0] == 4)
		y = v[0], m = v[1];
	else if (k == 2 && len[1] == 4 && len[0] <= 2)
		y = v[1], m = v[0];
	else if (k != -1 || !month_words(in, &y, &m))
		return IMPORT_DATE_BAD;
	if (m < 1 || m > 12 || y < 1000 || y > 9999)
		return IMPORT_DATE_BAD;
	put_digits(out, y, 4); /* "%04ld-%02ld" without a format: once or twice a row */
	out[4] = '-';
	put_digits(out + 5, m, 2);
	out[7] = '\0';
	return tu_valid_month(out) ? IMPORT_DATE_OK : IMPORT_DATE_BAD;
}

enum import_date import_instant(const char *in, bool day_first, char *out, size_t n)
{
	char date[32], iso[11];
	const char *t = strpbrk(in, "T ");

	if (!t || (size_t)(t - in) >= sizeof(date))
		return IMPORT_DATE_BAD;
	memcpy(date, in, (size_t)(t - in));
	date[t - in] = '\0';
	while (*t == ' ' || *t == 'T')
		t++;
	if (!isdigit((unsigned char)*t))
		return IMPORT_DATE_BAD;
	enum import_date r = import_date(date, day_first, iso);
	if (r != IMPORT_DATE_OK)
		return r;
	/* 9:30 as 09:30: the domain reads two-digit hours. */
	if (isdigit((unsigned char)t[0]) && t[1] == ':')
		snprintf(out, n, "%sT0%s", iso, t);
	else
		snprintf(out, n, "%sT%s", iso, t);
	return IMPORT_DATE_OK;
}

const char *import_bool(const char *in)
{
	static const char *const yes[] = { "ja", "yes", "true", "1", "waar", "j", "y" };
	static const char *const no[] = { "nee", "no", "false", "0", "onwaar", "n" };

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (!strcasecmp(in, yes[i]))
			return "true";
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (!strcasecmp(in, no[i]))
			return "false";
	return NULL;
}
