#include "base/jsonw.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

/* The first buffer: most answers of the API fit in it. */
#define JSONW_FIRST 1024

void jsonw_init(struct jsonw *w, size_t max)
{
	*w = (struct jsonw){ .max = max };
}

void jsonw_release(struct jsonw *w)
{
	free(w->buf);
	jsonw_init(w, w->max);
}

/* Room for more bytes and a NUL, made by growing the buffer; false (and the error set) when
 * there is none. */
static bool grow(struct jsonw *w, size_t more)
{
	if (w->error)
		return false;
	if (more > w->max - w->len) {
		w->error = SC_INVALID;
		return false;
	}
	size_t need = w->len + more + 1;
	if (need <= w->cap)
		return true;
	size_t cap = w->cap ? w->cap : JSONW_FIRST;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if (cap > w->max + 1)
		cap = w->max + 1;
	char *buf = realloc(w->buf, cap);
	if (!buf) {
		w->error = SC_NOMEM;
		return false;
	}
	w->buf = buf;
	w->cap = cap;
	return true;
}

/* Room for more bytes and a NUL; false (and the error set) when there is none. */
static inline bool reserve(struct jsonw *w, size_t more)
{
	/* The buffer is never larger than max + 1, nor allocated once an error is set. */
	return (w->cap > w->len && more < w->cap - w->len && !w->error) || grow(w, more);
}

/* The n bytes at s as they are, after a comma when sep and the writer wants one. */
static void append(struct jsonw *w, bool sep, const char *s, size_t n)
{
	bool comma = sep && w->comma;
	if (!reserve(w, n + comma))
		return;
	char *o = w->buf + w->len;
	if (comma)
		*o++ = ',';
	memcpy(o, s, n);
	o[n] = '\0';
	w->len += n + comma;
}

/*
 * What each byte of a string needs: 0 nothing, 1 an escape (the control
 * characters 0x00 to 0x1F, '"', '\\'), 2 a check that it begins a UTF-8
 * character (0x80 to 0xFF: eight times sixteen). A table: the loop over a
 * string's bytes is the writer's hottest.
 */
#define SIXTEEN(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x
static const unsigned char needs_table[256] = {
	SIXTEEN(1), SIXTEEN(1), ['"'] = 1,  ['\\'] = 1, [0x80] = SIXTEEN(2), SIXTEEN(2),
	SIXTEEN(2), SIXTEEN(2), SIXTEEN(2), SIXTEEN(2), SIXTEEN(2),          SIXTEEN(2),
};
#undef SIXTEEN

static inline int needs(unsigned char c)
{
	return needs_table[c];
}

/*
 * Whether none of the eight bytes at p needs anything (needs() is 0 for
 * each). The usual word-at-a-time tests, exact for "is there any": a byte of
 * x below n shows as a top bit in (x - n..) & ~x, a zero byte as one in
 * (x - 1..) & ~x, so a byte equal to c as a zero byte of x ^ c..
 */
static inline bool plain8(const unsigned char *p)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	uint64_t x, quote, backslash;

	memcpy(&x, p, 8);
	quote = x ^ (ones * '"');
	backslash = x ^ (ones * '\\');
	return ((x | ((x - ones * 0x20) & ~x) | ((quote - ones) & ~quote) |
	         ((backslash - ones) & ~backslash)) &
	        highs) == 0;
}

/* The escape of ASCII byte c into out (6 bytes of room); returns its length. */
static size_t escape(unsigned char c, char *out)
{
	static const char hex[] = "0123456789ABCDEF";
	char short_form = 0;

	switch (c) {
	case '"':
		short_form = '"';
		break;
	case '\\':
		short_form = '\\';
		break;
	case '\b':
		short_form = 'b';
		break;
	case '\f':
		short_form = 'f';
		break;
	case '\n':
		short_form = 'n';
		break;
	case '\r':
		short_form = 'r';
		break;
	case '\t':
		short_form = 't';
		break;
	}
	out[0] = '\\';
	if (short_form) {
		out[1] = short_form;
		return 2;
	}
	memcpy(out + 1, "u00", 3);
	out[4] = hex[c >> 4];
	out[5] = hex[c & 0xF];
	return 6;
}

/* The length of the n bytes at s written by text(), without the quotes, comma and colon. */
static size_t text_len(const char *s, size_t n)
{
	size_t i = 0, out = 0, len, bad;
	char seq[6];

	while (i < n) {
		int need = needs((unsigned char)s[i]);
		if (!need) {
			out++;
			i++;
		} else if (need == 1) {
			out += escape((unsigned char)s[i], seq);
			i++;
		} else if ((len = text_utf8_next(s + i, n - i, &bad))) {
			out += len;
			i += len;
		} else {
			out += 3;
			i += bad;
		}
	}
	return out;
}

/*
 * The n bytes at s as a JSON string, after a comma when the writer wants
 * one, and followed by after unless it is '\0' (the colon after a key).
 * Room for the longest a piece of the string can become (six bytes a byte:
 * a control character is \u00XX) is made first, so that the loop writes
 * without checks; near the maximum, room for exactly what the rest becomes.
 */
static void text(struct jsonw *w, const char *s, size_t n, char after)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len, bad;

	do {
		size_t piece = n - i < 4096 ? n - i : 4096, room = 6 * piece + 4;
		if (!w->error && room > w->max - w->len) {
			/* The rest, and its quotes, comma and colon, exactly. */
			piece = n - i;
			room = text_len(s + i, piece) + (i == 0 ? 1 + w->comma : 0) + 1 +
			       (after != 0);
		}
		if (!reserve(w, room))
			return;
		char *o = w->buf + w->len;
		if (i == 0) {
			if (w->comma)
				*o++ = ',';
			*o++ = '"';
		}
		size_t end = i + piece;
		while (i < end) {
			/* Eight plain bytes at a time while there are eight: the room is there. */
			while (end - i >= 8 && plain8(p + i)) {
				memcpy(o, p + i, 8);
				o += 8;
				i += 8;
			}
			while (i < end && !needs(p[i]))
				*o++ = (char)p[i++];
			if (i == end)
				break;
			if (needs(p[i]) == 1) {
				o += escape(p[i], o);
				i++;
			} else if ((len = text_utf8_next(s + i, n - i, &bad))) {
				/* It may end past the piece: there is room for 6 a byte. */
				memcpy(o, s + i, len);
				o += len;
				i += len;
			} else {
				memcpy(o, "\xEF\xBF\xBD", 3); /* U+FFFD */
				o += 3;
				i += bad;
			}
		}
		if (i >= n) {
			*o++ = '"';
			if (after)
				*o++ = after;
		}
		*o = '\0';
		w->len = (size_t)(o - w->buf);
	} while (i < n);
}

void jsonw_object_open(struct jsonw *w)
{
	append(w, true, "{", 1);
	w->comma = false;
}

void jsonw_object_close(struct jsonw *w)
{
	append(w, false, "}", 1);
	w->comma = true;
}

void jsonw_array_open(struct jsonw *w)
{
	append(w, true, "[", 1);
	w->comma = false;
}

void jsonw_array_close(struct jsonw *w)
{
	append(w, false, "]", 1);
	w->comma = true;
}

void jsonw_key(struct jsonw *w, const char *key)
{
	text(w, key, strlen(key), ':');
	w->comma = false;
}

void jsonw_stringn(struct jsonw *w, const char *s, size_t n)
{
	text(w, s, n, '\0');
	w->comma = true;
}

void jsonw_string(struct jsonw *w, const char *s)
{
	if (!s)
		jsonw_null(w);
	else
		jsonw_stringn(w, s, strlen(s));
}

void jsonw_int(struct jsonw *w, int64_t i)
{
	char digits[24], *end = digits + sizeof(digits), *p = end;
	uint64_t u = i < 0 ? -(uint64_t)i : (uint64_t)i;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10));
	if (i < 0)
		*--p = '-';
	append(w, true, p, (size_t)(end - p));
	w->comma = true;
}

/*
 * As jansson writes a real (jsonp_dtostr): 17 significant digits, a '.'
 * whatever the locale, ".0" after a whole number so that it reads back as
 * a real, and the exponent without '+' or leading zeros.
 */
void jsonw_real(struct jsonw *w, double r)
{
	char num[40];
	int n;

	if (!isfinite(r)) { /* JSON has no NaN or infinity; jansson refuses them too */
		if (!w->error)
			w->error = SC_INVALID;
		return;
	}
	n = snprintf(num, sizeof(num) - 2, "%.17g", r);
	if (n < 0 || (size_t)n >= sizeof(num) - 2) {
		if (!w->error)
			w->error = SC_INTERNAL;
		return;
	}
	size_t len = (size_t)n;
	for (char *c = num; *c; c++)
		if (*c == ',')
			*c = '.';
	if (!strchr(num, '.') && !strchr(num, 'e')) {
		memcpy(num + len, ".0", 3);
		len += 2;
	}
	char *e = strchr(num, 'e');
	if (e) {
		char *start = e + 1, *digits = e + 2;
		if (*start == '-')
			start++;
		while (*digits == '0')
			digits++;
		if (digits != start) {
			memmove(start, digits, len - (size_t)(digits - num) + 1);
			len -= (size_t)(digits - start);
		}
	}
	append(w, true, num, len);
	w->comma = true;
}

void jsonw_bool(struct jsonw *w, bool b)
{
	if (b)
		append(w, true, "true", 4);
	else
		append(w, true, "false", 5);
	w->comma = true;
}

void jsonw_null(struct jsonw *w)
{
	append(w, true, "null", 4);
	w->comma = true;
}

enum sc_result jsonw_finish(struct jsonw *w, char **text, size_t *len)
{
	enum sc_result rc = w->error;

	*text = NULL;
	*len = 0;
	if (rc == SC_OK && !w->buf) {
		if (reserve(w, 0))
			w->buf[0] = '\0';
		rc = w->error;
	}
	if (rc != SC_OK) {
		jsonw_release(w);
		return rc;
	}
	*text = w->buf;
	*len = w->len;
	w->buf = NULL;
	jsonw_init(w, w->max);
	return SC_OK;
}
