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

/* Room for more bytes and a NUL; false (and the error set) when there is none. */
static bool reserve(struct jsonw *w, size_t more)
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

static void append(struct jsonw *w, const char *s, size_t n)
{
	if (!reserve(w, n))
		return;
	memcpy(w->buf + w->len, s, n);
	w->len += n;
	w->buf[w->len] = '\0';
}

static void put(struct jsonw *w, char c)
{
	if (!reserve(w, 1))
		return;
	w->buf[w->len++] = c;
	w->buf[w->len] = '\0';
}

/* The comma before a key or value that follows another in its container. */
static void separate(struct jsonw *w)
{
	if (w->comma)
		put(w, ',');
}

/* ASCII bytes written escaped: the control characters, '"' and '\\'. */
static bool escaped(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

static void escape(struct jsonw *w, unsigned char c)
{
	static const char hex[] = "0123456789ABCDEF";
	char seq[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF] };

	switch (c) {
	case '"':
		append(w, "\\\"", 2);
		return;
	case '\\':
		append(w, "\\\\", 2);
		return;
	case '\b':
		append(w, "\\b", 2);
		return;
	case '\f':
		append(w, "\\f", 2);
		return;
	case '\n':
		append(w, "\\n", 2);
		return;
	case '\r':
		append(w, "\\r", 2);
		return;
	case '\t':
		append(w, "\\t", 2);
		return;
	default:
		append(w, seq, sizeof(seq));
	}
}

/* The n bytes at s as a JSON string: runs that need nothing are copied whole. */
static void text(struct jsonw *w, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0, len, bad;

	put(w, '"');
	while (i < n) {
		if (p[i] < 0x80) {
			if (escaped(p[i])) {
				append(w, s + run, i - run);
				escape(w, p[i]);
				run = i + 1;
			}
			i++;
		} else if ((len = text_utf8_next(s + i, n - i, &bad))) {
			i += len;
		} else {
			append(w, s + run, i - run);
			append(w, "\xEF\xBF\xBD", 3); /* U+FFFD */
			i += bad;
			run = i;
		}
	}
	append(w, s + run, n - run);
	put(w, '"');
}

void jsonw_object_open(struct jsonw *w)
{
	separate(w);
	put(w, '{');
	w->comma = false;
}

void jsonw_object_close(struct jsonw *w)
{
	put(w, '}');
	w->comma = true;
}

void jsonw_array_open(struct jsonw *w)
{
	separate(w);
	put(w, '[');
	w->comma = false;
}

void jsonw_array_close(struct jsonw *w)
{
	put(w, ']');
	w->comma = true;
}

void jsonw_key(struct jsonw *w, const char *key)
{
	separate(w);
	text(w, key, strlen(key));
	put(w, ':');
	w->comma = false;
}

void jsonw_stringn(struct jsonw *w, const char *s, size_t n)
{
	separate(w);
	text(w, s, n);
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
	separate(w);
	append(w, p, (size_t)(end - p));
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
	separate(w);
	append(w, num, len);
	w->comma = true;
}

void jsonw_bool(struct jsonw *w, bool b)
{
	separate(w);
	if (b)
		append(w, "true", 4);
	else
		append(w, "false", 5);
	w->comma = true;
}

void jsonw_null(struct jsonw *w)
{
	separate(w);
	append(w, "null", 4);
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
