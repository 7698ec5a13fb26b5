/*
 * fuzz_query.c - query strings and cookies (src/http/http_query.c): the
 * percent-decoding of http_query_get (what the API reads) and
 * http_query_each (what it checks first), and http_cookie_get.
 *
 * The input, in lines: a byte choosing the size of the reader's buffer
 * (and, from 128, a pair at which the caller of http_query_each stops),
 * then the key to look up, the query string, the cookie's name and the
 * Cookie header.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"
#include "invariant.h"

#define PAIR_MAX 1024 /* http_query_each's limit of one pair */

static int hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * The documented decoding, written apart from http_query.c: '+' is a
 * space, %XY the byte XY, except %00 and a '%' without two hex digits after
 * it, which stay as they are. Returns owned; *len its length.
 */
static char *decode(const char *s, size_t n, size_t *len)
{
	char *out = malloc(n + 1), *o = out;
	size_t k = 0;

	FUZZ_ASSERT(out != NULL, "no memory");
	while (k < n) {
		if (s[k] == '+') {
			*o++ = ' ';
			k++;
		} else if (s[k] == '%' && n - k >= 3 && hex(s[k + 1]) >= 0 && hex(s[k + 2]) >= 0 &&
		           (hex(s[k + 1]) | hex(s[k + 2]))) {
			*o++ = (char)(hex(s[k + 1]) * 16 + hex(s[k + 2]));
			k += 3;
		} else {
			*o++ = s[k++];
		}
	}
	*o = '\0';
	*len = (size_t)(o - out);
	return out;
}

/*
 * What http_query_get must find for key: the value of the first pair whose
 * decoded name (if at most PAIR_MAX bytes) is key. Returns whether there is
 * one; *value (owned, NULL without '=') and its length.
 */
static bool expected(const char *query, const char *key, char **value, size_t *vlen)
{
	const char *p = query;

	*value = NULL;
	*vlen = 0;
	while (*p) {
		size_t plen = strcspn(p, "&"), klen, dlen;
		const char *eq = memchr(p, '=', plen);
		klen = eq ? (size_t)(eq - p) : plen;
		char *k = decode(p, klen, &dlen);
		bool match = plen && dlen <= PAIR_MAX && strcmp(k, key) == 0;
		free(k);
		if (match) {
			if (eq)
				*value = decode(eq + 1, plen - klen - 1, vlen);
			return true;
		}
		p += plen + (p[plen] == '&');
	}
	return false;
}

static void check_get(const char *query, const char *key, size_t size)
{
	char *buf = malloc(size), *value; /* exactly size: ASan sees a write past it */
	size_t vlen;
	bool want = expected(query, key, &value, &vlen);
	bool fits = !value || vlen < size;
	bool got;

	FUZZ_ASSERT(buf != NULL, "no memory");
	got = http_query_get(query, key, buf, size);
	FUZZ_ASSERT(got == (want && fits),
	            "http_query_get(\"%s\", key \"%s\", %zu bytes) is %d; expected %d (fits %d)",
	            fuzz_show(query, strlen(query)), key, size, got, want, fits);
	if (got) {
		/* The value read is the value sent, decoded whole: no NUL cuts it short. */
		FUZZ_ASSERT(strlen(buf) == vlen && (!value || memcmp(buf, value, vlen) == 0),
		            "http_query_get(\"%s\", \"%s\") read \"%s\"",
		            fuzz_show(query, strlen(query)), key, fuzz_show(buf, strlen(buf)));
	}
	free(value);
	free(buf);
}

struct pairs {
	char *key[64], *value[64];
	size_t n, stop; /* the callback refuses the pair at index stop */
	size_t calls;
};

static enum sc_result collect(void *arg, const char *key, const char *value)
{
	struct pairs *ps = arg;

	FUZZ_ASSERT(strlen(key) <= PAIR_MAX && strlen(value) <= PAIR_MAX,
	            "a pair of %zu and %zu bytes passed the limit of %d", strlen(key),
	            strlen(value), PAIR_MAX);
	if (ps->calls++ == ps->stop)
		return SC_CONFLICT;
	if (ps->n < 64) {
		ps->key[ps->n] = fuzz_copy(key, strlen(key));
		ps->value[ps->n] = fuzz_copy(value, strlen(value));
		ps->n++;
	}
	return SC_OK;
}

static void check_each(const char *query, size_t stop)
{
	struct pairs ps = { .stop = stop };
	struct sc_error err;
	size_t segments = 0;
	enum sc_result rc;

	sc_error_init(&err);
	rc = http_query_each(query, collect, &ps, &err);
	for (const char *p = query; *p;) {
		size_t plen = strcspn(p, "&");
		segments += plen > 0;
		p += plen + (p[plen] == '&');
	}
	if (rc == SC_INVALID) {
		/* A refusal says what is wrong, about the query. */
		FUZZ_ASSERT(err.message[0] && !strcmp(err.field, "query"),
		            "http_query_each refused \"%s\" with field \"%s\", message \"%s\"",
		            fuzz_show(query, strlen(query)), err.field, err.message);
	} else if (rc == SC_CONFLICT) {
		FUZZ_ASSERT(ps.calls == stop + 1, "the callback's refusal did not stop the pairs");
	} else {
		FUZZ_ASSERT(rc == SC_OK, "http_query_each returned %d", rc);
		FUZZ_ASSERT(ps.calls == segments && ps.calls <= stop,
		            "%zu pairs called back for %zu parts of \"%s\"", ps.calls, segments,
		            fuzz_show(query, strlen(query)));
		/* What the API checked is what it reads: the first pair of each name. */
		for (size_t i = 0; i < ps.n; i++) {
			bool first = true;
			for (size_t j = 0; j < i && first; j++)
				first = strcmp(ps.key[j], ps.key[i]) != 0;
			if (!first)
				continue;
			char *buf = malloc(PAIR_MAX + 1);
			FUZZ_ASSERT(buf, "no memory");
			FUZZ_ASSERT(http_query_get(query, ps.key[i], buf, PAIR_MAX + 1) &&
			                    !strcmp(buf, ps.value[i]),
			            "\"%s\": each gave %s=%s, get reads %s",
			            fuzz_show(query, strlen(query)), ps.key[i], ps.value[i], buf);
			free(buf);
		}
	}
	for (size_t i = 0; i < ps.n; i++) {
		free(ps.key[i]);
		free(ps.value[i]);
	}
}

static void check_cookie(const char *header, const char *name, size_t size)
{
	char *buf = malloc(size), *big = malloc(8192);
	bool got, got_big;

	FUZZ_ASSERT(buf && big, "no memory");
	got = http_cookie_get(header, name, buf, size);
	got_big = http_cookie_get(header, name, big, 8192);
	if (got) {
		size_t n = strlen(buf);
		FUZZ_ASSERT(n < size, "a cookie of %zu bytes in %zu", n, size);
		FUZZ_ASSERT(!strchr(buf, ';') && strstr(header, buf),
		            "cookie %s of \"%s\" read as \"%s\"", name,
		            fuzz_show(header, strlen(header)), fuzz_show(buf, n));
	}
	/* The buffer decides only whether the value fits, never what it is. */
	FUZZ_ASSERT(got == (got_big && strlen(big) < size) && (!got || !strcmp(buf, big)),
	            "cookie %s of \"%s\" reads \"%s\" in %zu bytes, \"%s\" in 8192", name,
	            fuzz_show(header, strlen(header)), got ? buf : "(none)", size,
	            got_big ? big : "(none)");
	free(big);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t sizes[] = { 1, 2, 3, 8, 24, 32, 64, 160, 1025 };
	struct fuzz_input in = { data, size };
	uint8_t pick = fuzz_byte(&in);
	size_t bufsize = sizes[pick % (sizeof(sizes) / sizeof(sizes[0]))];
	char *key = fuzz_part(&in, '\n', NULL);
	char *query = fuzz_part(&in, '\n', NULL);
	char *name = fuzz_part(&in, '\n', NULL);
	char *cookie = fuzz_part(&in, '\n', NULL);

	check_get(query, key, bufsize);
	check_each(query, pick >= 128 ? pick % 16 : SIZE_MAX);
	if (*name)
		check_cookie(cookie, name, bufsize);
	free(cookie);
	free(name);
	free(query);
	free(key);
	return 0;
}
