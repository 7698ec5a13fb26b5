/*
 * http_query.c - reading query strings and cookies: percent-decoding,
 * bounded, strict where a malformed escape must be refused. See http.h.
 */
#include "http/http.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUERY_PAIR_MAX 1024 /* bytes of one decoded name=value pair */

/* ---- query strings and cookies ---- */

static int hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

enum decode_result { DECODE_OK, DECODE_TOO_LONG, DECODE_MALFORMED };

/*
 * Decode len bytes of src ('+' is a space, %XY a byte) into buf of size
 * bytes with the NUL. A '%' not followed by two hex digits, or one that
 * decodes to NUL (which would cut the C string short), is MALFORMED when
 * strict and copied as it is otherwise.
 */
static enum decode_result url_decode(const char *src, size_t len, char *buf, size_t size,
                                     bool strict)
{
	size_t o = 0;

	if (size == 0)
		return DECODE_TOO_LONG;
	for (size_t i = 0; i < len; i++) {
		char c = src[i];

		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			int hi = i + 2 < len ? hex_digit((unsigned char)src[i + 1]) : -1;
			int lo = hi >= 0 ? hex_digit((unsigned char)src[i + 2]) : -1;

			if (hi >= 0 && lo >= 0 && (hi | lo) != 0) {
				c = (char)(hi * 16 + lo);
				i += 2;
			} else if (strict) {
				return DECODE_MALFORMED;
			}
		}
		if (o + 1 >= size) {
			buf[0] = '\0';
			return DECODE_TOO_LONG;
		}
		buf[o++] = c;
	}
	buf[o] = '\0';
	return DECODE_OK;
}

bool http_query_get(const char *query, const char *key, char *buf, size_t size)
{
	char k[QUERY_PAIR_MAX + 1];
	const char *p = query;

	if (!query || !key || !buf || size == 0)
		return false;
	buf[0] = '\0';
	while (*p) {
		size_t plen = strcspn(p, "&");
		const char *eq = memchr(p, '=', plen);
		size_t klen = eq ? (size_t)(eq - p) : plen;

		if (plen && url_decode(p, klen, k, sizeof(k), false) == DECODE_OK &&
		    strcmp(k, key) == 0) {
			if (!eq)
				return true; /* "flag" without a value is present and empty */
			return url_decode(eq + 1, plen - klen - 1, buf, size, false) == DECODE_OK;
		}
		p += plen;
		if (*p == '&')
			p++;
	}
	return false;
}

enum sc_result http_query_each(const char *query,
                               enum sc_result (*fn)(void *arg, const char *key, const char *value),
                               void *arg, struct sc_error *err)
{
	char k[QUERY_PAIR_MAX + 1], v[QUERY_PAIR_MAX + 1];
	const char *p = query;

	if (!query)
		return SC_OK;
	while (*p) {
		size_t plen = strcspn(p, "&");
		const char *eq = memchr(p, '=', plen);
		size_t klen = eq ? (size_t)(eq - p) : plen;
		enum sc_result rc;

		if (plen > QUERY_PAIR_MAX)
			return sc_fail(err, SC_INVALID, "query",
			               "a query parameter (\"%.*s...\") is longer than %d bytes; "
			               "shorten it",
			               (int)(klen < 32 ? klen : 32), p, QUERY_PAIR_MAX);
		if (plen) {
			if (url_decode(p, klen, k, sizeof(k), true) != DECODE_OK ||
			    (eq &&
			     url_decode(eq + 1, plen - klen - 1, v, sizeof(v), true) != DECODE_OK))
				return sc_fail(
				        err, SC_INVALID, "query",
				        "the query parameter \"%.*s\" has a malformed percent "
				        "escape; write %% as %%25 and other bytes as %%XX in hex",
				        (int)(klen < 64 ? klen : 64), p);
			if (!eq)
				v[0] = '\0';
			rc = fn(arg, k, v);
			if (rc != SC_OK)
				return rc;
		}
		p += plen;
		if (*p == '&')
			p++;
	}
	return SC_OK;
}

bool http_cookie_get(const char *cookie_header, const char *name, char *buf, size_t size)
{
	const char *p = cookie_header;
	size_t nlen;

	if (!cookie_header || !name || !buf || size == 0)
		return false;
	buf[0] = '\0';
	nlen = strlen(name);
	while (*p) {
		size_t len, vlen;
		const char *eq, *v;

		while (*p == ' ' || *p == '\t')
			p++;
		len = strcspn(p, ";");
		eq = memchr(p, '=', len);
		if (eq) {
			size_t klen = (size_t)(eq - p);

			while (klen && (p[klen - 1] == ' ' || p[klen - 1] == '\t'))
				klen--;
			if (klen == nlen && memcmp(p, name, nlen) == 0) {
				v = eq + 1;
				vlen = len - (size_t)(v - p);
				while (vlen && (*v == ' ' || *v == '\t')) {
					v++;
					vlen--;
				}
				while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
					vlen--;
				if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
					v++;
					vlen -= 2;
				}
				if (vlen >= size)
					return false;
				memcpy(buf, v, vlen);
				buf[vlen] = '\0';
				return true;
			}
		}
		p += len;
		if (*p == ';')
			p++;
	}
	return false;
}
