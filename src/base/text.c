#include "base/text.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The UTF-8 sequence at p (n bytes left). Returns its length and the code
 * point in *cp, or 0 when it is not valid; then *bad is the length of the
 * maximal subpart (at least 1) that one U+FFFD replaces.
 */
static size_t utf8_next(const unsigned char *p, size_t n, uint32_t *cp, size_t *bad)
{
	unsigned char c = p[0];
	size_t len;
	unsigned char lo = 0x80, hi = 0xBF; /* range of the second byte */

	*bad = 1;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		*cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		*cp = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0; /* overlong */
		else if (c == 0xED)
			hi = 0x9F; /* surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		*cp = c & 0x07;
		if (c == 0xF0)
			lo = 0x90; /* overlong */
		else if (c == 0xF4)
			hi = 0x8F; /* past U+10FFFF */
	} else {
		return 0;
	}
	for (size_t k = 1; k < len; k++) {
		unsigned char b = k < n ? p[k] : 0;
		if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) {
			*bad = k;
			return 0;
		}
		*cp = (*cp << 6) | (b & 0x3F);
	}
	return len;
}

enum text_problem text_check(const char *s, size_t n, bool multiline, size_t *pat)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, bad;
	uint32_t cp;

	while (i < n) {
		size_t len = utf8_next(p + i, n - i, &cp, &bad);
		enum text_problem problem = TEXT_FINE;
		if (!len)
			problem = TEXT_NOT_UTF8;
		else if (cp == '\t' || cp == '\n' || cp == '\r')
			problem = multiline ? TEXT_FINE : TEXT_LINE_BREAK;
		else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
			problem = TEXT_CONTROL;
		if (problem) {
			if (pat)
				*pat = i;
			return problem;
		}
		i += len;
	}
	return TEXT_FINE;
}

size_t text_utf8_next(const char *s, size_t n, size_t *bad)
{
	uint32_t cp;
	return utf8_next((const unsigned char *)s, n, &cp, bad);
}

bool text_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, bad;
	uint32_t cp;

	while (i < n) {
		size_t len = utf8_next(p + i, n - i, &cp, &bad);
		if (!len)
			return false;
		i += len;
	}
	return true;
}

char *text_utf8_repair(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	/* Each invalid byte grows to at most three (U+FFFD is EF BF BD). */
	char *out = malloc(n * 3 + 1);
	size_t i = 0, o = 0, bad;
	uint32_t cp;

	if (!out)
		return NULL;
	while (i < n) {
		size_t len = utf8_next(p + i, n - i, &cp, &bad);
		if (len) {
			memcpy(out + o, p + i, len);
			o += len;
			i += len;
		} else {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
			i += bad;
		}
	}
	out[o] = '\0';
	return out;
}

char *text_quote(const char *s, char *out, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, o = 0, bad;
	uint32_t cp;

	while (i < len) {
		size_t k = utf8_next(p + i, len - i, &cp, &bad);
		if (k && (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)))
			k = 0, bad = 1;
		if (!k) {
			if (o + 1 >= n)
				break;
			out[o++] = '?';
			i += bad;
			continue;
		}
		if (o + k >= n)
			break;
		memcpy(out + o, p + i, k);
		o += k;
		i += k;
	}
	out[o] = '\0';
	return out;
}

bool text_decimal(const char *s, double *out)
{
	const char *p = s;
	char *end;

	if (*p == '-')
		p++;
	if (!(*p >= '0' && *p <= '9'))
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p || p - s > 40)
		return false;
	if (p - s <= 15 && !strchr(s, '.')) {
		/* A whole number of up to 15 digits is exact in a double: no strtod needed. */
		double v = 0;
		for (const char *q = *s == '-' ? s + 1 : s; q < p; q++)
			v = v * 10 + (*q - '0');
		*out = *s == '-' ? -v : v;
		return true;
	}
	errno = 0;
	*out = strtod(s, &end);
	return !errno && end == p && isfinite(*out);
}

bool text_whole(const char *s, int64_t min, int64_t max, int64_t *out)
{
	const char *p = s;
	char *end;
	long long v;

	if (*p == '-')
		p++;
	if (!(*p >= '0' && *p <= '9'))
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p)
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end != p || v < min || v > max)
		return false;
	*out = v;
	return true;
}

void text_folder_of(const char *path, char *dir, size_t n)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(dir, n, ".");
	else if (slash == path)
		snprintf(dir, n, "/");
	else
		snprintf(dir, n, "%.*s", (int)(slash - path), path);
}
