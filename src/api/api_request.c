/*
 * api_request.c - what a request must be before a handler sees it: its path in
 * the one spelling of a resource, and a body, when there is one, sent as JSON.
 * api_handle and the router call these once per request, so that every route
 * refuses the same things in the same words.
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
	api_error(c, 415, "unsupported_media_type", NULL,
	          "send the body as JSON with Content-Type: application/json");
	return false;
}
