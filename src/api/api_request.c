/*
 * api_request.c - what a request must be before a handler sees it: its path in
 * the one spelling of a resource, its query with every parameter once, well
 * escaped and in UTF-8, and a body, when there is one, sent as JSON. api_handle
 * and the router call these once per request, so that every route refuses the
 * same things in the same words.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/api_int.h"
#include "base/text.h"

/* ---- the path ----------------------------------------------------------------------------- */

/*
 * Why a path is not the spelling of a resource: there is one spelling per
 * resource, so the API never guesses which one was meant. No segment needs a
 * percent-escape: alert ids, the only ids that are not numbers, are lower-case
 * letters, digits, '-' and ':', all of which a path segment may hold as they are.
 */
static const char *path_fault(const char *path)
{
	if (strchr(path, '%'))
		return "a path takes no percent-escapes: write every segment as it is (an "
		       "alert id as GET /api/alerts gives it, like "
		       "/api/alerts/coach-untrained:coach-6/ack)";
	for (const char *p = path + 4; *p; p++) {
		if (*p != '/')
			continue;
		size_t n = strcspn(p + 1, "/");
		if (n == 0 || (n == 1 && p[1] == '.') || (n == 2 && p[1] == '.' && p[2] == '.'))
			return "write the path without an empty, '.' or '..' segment and without a "
			       "trailing '/'; GET /api/openapi.json lists every path";
	}
	return NULL;
}

bool api_split_path(struct api_call *c, char *buf, size_t size)
{
	const char *path = c->req->path;
	const char *fault = NULL;
	size_t len = strlen(path), used = 0;

	c->nsegs = 0;
	if (strncmp(path, "/api/", 5) != 0 || len > API_PATH_MAX || len + 1 > size || len == 5)
		goto nothing;
	if ((fault = path_fault(path)))
		goto nothing;
	for (const char *p = path + 5; *p;) {
		size_t n = strcspn(p, "/");
		if (c->nsegs == API_SEG_MAX)
			goto nothing;
		memcpy(buf + used, p, n);
		buf[used + n] = '\0';
		c->segs[c->nsegs++] = buf + used;
		used += n + 1;
		p += n + (p[n] == '/');
	}
	return true;
nothing:
	if (fault)
		api_error(c, 404, "not_found", NULL, "there is no %s: %s", path, fault);
	else
		api_error(c, 404, "not_found", NULL,
		          "there is nothing at this address; the API is under /api/ (GET "
		          "/api/openapi.json describes it)");
	return false;
}

/* ---- the query ---------------------------------------------------------------------------- */

static int hex_value(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = tolower(ch);
	return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

enum unescape { UNESCAPED, BAD_ESCAPE, HAS_NUL, NOT_UTF8 };

/*
 * Decode n bytes of a query's name or value at s ('+' a space, %XY a byte)
 * into out, which has room for n + 1 bytes, NUL-terminated.
 */
static enum unescape unescape(const char *s, size_t n, char *out)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		int hi, lo;
		if (s[i] != '%') {
			out[o++] = s[i] == '+' ? ' ' : s[i];
			continue;
		}
		if (i + 2 >= n || (hi = hex_value((unsigned char)s[i + 1])) < 0 ||
		    (lo = hex_value((unsigned char)s[i + 2])) < 0)
			return BAD_ESCAPE;
		if (hi == 0 && lo == 0)
			return HAS_NUL;
		out[o++] = (char)(hi * 16 + lo);
		i += 2;
	}
	out[o] = '\0';
	return text_utf8_valid(out, o) ? UNESCAPED : NOT_UTF8;
}

/*
 * The name of a parameter as it was sent (n bytes at s), printable for a
 * message: other bytes and '"' as %XX, cut with "..." to fit size.
 */
static void shown_name(const char *s, size_t n, char *out, size_t size)
{
	size_t o = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (o + 3 + 4 >= size) { /* room for "%XX", or "..." and the NUL */
			memcpy(out + o, "...", 4);
			return;
		}
		o += (size_t)snprintf(out + o, size - o,
		                      ch > 0x20 && ch < 0x7f && ch != '"' ? "%c" : "%%%02X", ch);
	}
}

/*
 * Refuse a parameter: its name (n bytes at name, as sent) when key is NULL,
 * else the value of the parameter key.
 */
static void refuse_pair(struct api_call *c, enum unescape why, const char *name, size_t n,
                        const char *key)
{
	static const char *const how[] = {
		[BAD_ESCAPE] = "has a malformed percent escape; write % as %25 and any other byte "
		               "as %XX in hex",
		[HAS_NUL] = "holds %00 (a NUL byte); send text without it",
		[NOT_UTF8] = "is not valid UTF-8; send UTF-8 text, percent-encoded byte by byte "
		             "(é is %C3%A9)",
	};
	char shown[72];

	if (key) {
		api_error(c, 422, "invalid", key, "the value of the query parameter %s %s", key,
		          how[why]);
		return;
	}
	shown_name(name, n, shown, sizeof(shown));
	api_error(c, 422, "invalid", NULL, "the name of the query parameter \"%s\" %s", shown,
	          how[why]);
}

/* The pairs of query, empty ones left out; past API_QUERY_MAX it stops counting. */
static size_t count_pairs(const char *query)
{
	size_t n = 0;
	for (const char *p = query; *p && n <= API_QUERY_MAX;) {
		size_t len = strcspn(p, "&");
		n += len > 0;
		p += len + (p[len] == '&');
	}
	return n;
}

bool api_query_ok(struct api_call *c)
{
	const char *query = c->req->query ? c->req->query : "";
	size_t len = strlen(query), nkeys = 0;
	const char *keys[API_QUERY_MAX];
	char *names = NULL, *value = NULL;
	bool ok = false;

	if (len == 0)
		return true;
	if (count_pairs(query) > API_QUERY_MAX) {
		api_error(c, 422, "invalid", NULL,
		          "at most %d query parameters; send fewer (each at most once)",
		          API_QUERY_MAX);
		return false;
	}
	/* Decoded text is never longer than its escapes: the names fit in len + nkeys bytes. */
	names = malloc(len + API_QUERY_MAX + 1);
	value = malloc(len + 1);
	if (!names || !value) {
		api_error(c, 500, "internal", NULL, "the server is out of memory; try again");
		goto out;
	}
	char *next = names;
	for (const char *p = query; *p;) {
		size_t plen = strcspn(p, "&");
		const char *eq = memchr(p, '=', plen);
		size_t klen = eq ? (size_t)(eq - p) : plen;
		enum unescape why;

		if (plen == 0) {
			p += *p == '&';
			continue;
		}
		if ((why = unescape(p, klen, next)) != UNESCAPED) {
			refuse_pair(c, why, p, klen, NULL);
			goto out;
		}
		if (eq && (why = unescape(eq + 1, plen - klen - 1, value)) != UNESCAPED) {
			refuse_pair(c, why, p, klen, next);
			goto out;
		}
		for (size_t k = 0; k < nkeys; k++) {
			if (strcmp(keys[k], next) == 0) {
				api_error(c, 422, "invalid", next,
				          "the query parameter %s is given twice; give it once",
				          next);
				goto out;
			}
		}
		keys[nkeys++] = next;
		next += strlen(next) + 1;
		p += plen + (p[plen] == '&');
	}
	ok = true;
out:
	free(names);
	free(value);
	return ok;
}

/* ---- the body ----------------------------------------------------------------------------- */

static bool tchar(int ch)
{
	return ch > 0 && (isalnum(ch) || strchr("!#$%&'*+-.^_`|~", ch));
}

static const char *skip_ows(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/*
 * Read a parameter's value at *pp (a token or a quoted-string) into out of
 * size bytes, unquoted, and move *pp past it. False when it is neither, or
 * does not fit (no charset name is that long).
 */
static bool param_value(const char **pp, char *out, size_t size)
{
	const char *p = *pp;
	size_t o = 0;

	if (*p == '"') {
		for (p++; *p != '"'; p++) {
			if (*p == '\\' && p[1])
				p++;
			if (!*p || o + 1 >= size)
				return false;
			out[o++] = *p;
		}
		p++;
	} else {
		for (; tchar((unsigned char)*p); p++) {
			if (o + 1 >= size)
				return false;
			out[o++] = *p;
		}
		if (o == 0)
			return false;
	}
	out[o] = '\0';
	*pp = p;
	return true;
}

/*
 * Whether a Content-Type says JSON in UTF-8: the media type application/json
 * (in any case), then parameters ("; name=value", RFC 9110) of which a charset
 * must be utf-8.
 */
static bool json_media_type(const char *type)
{
	static const char json[] = "application/json";
	const char *p = skip_ows(type);

	if (strncasecmp(p, json, sizeof(json) - 1) != 0)
		return false; /* and "application/jsonx" fails below: it goes on with 'x' */
	for (p += sizeof(json) - 1;;) {
		char value[32];
		p = skip_ows(p);
		if (!*p)
			return true;
		if (*p++ != ';')
			return false;
		p = skip_ows(p);
		if (!*p || *p == ';')
			continue; /* an empty parameter is allowed */
		const char *name = p;
		while (tchar((unsigned char)*p))
			p++;
		size_t n = (size_t)(p - name);
		if (n == 0 || *p++ != '=' || !param_value(&p, value, sizeof(value)))
			return false;
		if (n == 7 && strncasecmp(name, "charset", 7) == 0 && strcasecmp(value, "utf-8"))
			return false;
	}
}

bool api_media_ok(struct api_call *c)
{
	const char *type = c->req->header(c->req, "Content-Type");

	if (type && json_media_type(type))
		return true;
	api_error_msg(c, 415, "unsupported_media_type", NULL, "http.media_json", NULL);
	return false;
}
