/*
 * api_multipart.c - a multipart/form-data body read in place (api_multipart.h).
 *
 * The server has read the whole body already, within its limit (max_body),
 * so the parts are found in it without copying: each part's data points into
 * the body. Only what a form sends is taken: parts with a Content-Disposition
 * of form-data and a name; anything malformed is refused as a whole rather
 * than read in part.
 */
#include "api/api_multipart.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The longest header block of one part. */
#define HEADERS_MAX 8192

/* A boundary's characters (RFC 2046, bcharsnospace and space). */
static bool bchar(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch && strchr("'()+_,-./:=? ", ch));
}

static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/*
 * The value of parameter key in the parameters at p ("; a=b; c="d""), into
 * out (size bytes; a value that does not fit is refused). False when absent
 * or malformed.
 */
static bool param(const char *p, const char *key, char *out, size_t size)
{
	size_t klen = strlen(key);

	while (*p) {
		p = skip_ws(p);
		if (*p != ';')
			return false;
		p = skip_ws(p + 1);
		bool match = strncasecmp(p, key, klen) == 0 && p[klen] == '=';
		const char *eq = strchr(p, '=');
		if (!eq)
			return false;
		p = eq + 1;
		size_t n = 0;
		if (*p == '"') {
			for (p++; *p && *p != '"'; p++) {
				if (*p == '\\' && p[1])
					p++;
				if (match && n + 1 < size)
					out[n] = *p;
				n++;
			}
			if (*p != '"')
				return false;
			p++;
		} else {
			for (; *p && *p != ';' && *p != ' ' && *p != '\t'; p++) {
				if (match && n + 1 < size)
					out[n] = *p;
				n++;
			}
		}
		if (match) {
			if (n + 1 > size)
				return false;
			out[n] = '\0';
			return true;
		}
	}
	return false;
}

bool multipart_boundary(const char *type, char *boundary, bool *had_type)
{
	const char *p = skip_ws(type);

	*had_type = false;
	if (strncasecmp(p, "multipart/form-data", 19) != 0)
		return false;
	p = skip_ws(p + 19);
	if (*p && *p != ';')
		return false;
	*had_type = true;
	if (!param(p, "boundary", boundary, 71))
		return false;
	size_t n = strlen(boundary);
	if (n == 0 || n > 70 || boundary[n - 1] == ' ')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!bchar(boundary[i]))
			return false;
	return true;
}

/* The first n bytes of needle in hay (hlen bytes), or NULL. */
static const char *find(const char *hay, size_t hlen, const char *needle, size_t n)
{
	if (n == 0 || hlen < n)
		return NULL;
	for (const char *p = hay, *end = hay + hlen - n + 1; p < end; p++) {
		p = memchr(p, needle[0], (size_t)(end - p));
		if (!p)
			return NULL;
		if (memcmp(p, needle, n) == 0)
			return p;
	}
	return NULL;
}

/*
 * Read one part's header lines (from h, n bytes, without the blank line
 * that ends them) into part: its Content-Disposition must be form-data with
 * a name. Other headers (Content-Type) are allowed and not used.
 */
static bool part_headers(const char *h, size_t n, struct multipart_part *part)
{
	char line[HEADERS_MAX + 1];
	bool disposition = false;

	while (n) {
		const char *eol = find(h, n, "\r\n", 2);
		size_t len = eol ? (size_t)(eol - h) : n;
		memcpy(line, h, len);
		line[len] = '\0';
		if (memchr(h, '\0', len))
			return false;
		h += len + (eol ? 2 : 0);
		n -= len + (eol ? 2 : 0);
		const char *colon = strchr(line, ':');
		if (!colon || colon == line)
			return false;
		if ((size_t)(colon - line) != 19 ||
		    strncasecmp(line, "Content-Disposition", 19) != 0)
			continue;
		const char *v = skip_ws(colon + 1);
		if (disposition || strncasecmp(v, "form-data", 9) != 0)
			return false;
		disposition = true;
		v += 9;
		if (!param(v, "name", part->name, sizeof(part->name)) || !part->name[0])
			return false;
		if (!param(v, "filename", part->filename, sizeof(part->filename)))
			part->filename[0] = '\0';
	}
	return disposition;
}

bool multipart_read(const char *body, size_t len, const char *boundary, struct multipart *mp)
{
	char delim[2 + 2 + 71];
	size_t dlen = (size_t)snprintf(delim, sizeof(delim), "\r\n--%s", boundary);
	const char *end = body + len, *p;

	memset(mp, 0, sizeof(*mp));
	/* The first delimiter opens the body, or ends a preamble. */
	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0)
		p = body + dlen - 2;
	else if ((p = find(body, len, delim, dlen)))
		p += dlen;
	else
		return false;
	for (;;) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return mp->n > 0; /* the closing delimiter; what follows is an epilogue */
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n' || mp->n == MULTIPART_MAX_PARTS)
			return false;
		p += 2;
		if (end - p >= 2 && p[0] == '\r' && p[1] == '\n')
			return false; /* no headers: no name */
		struct multipart_part *part = &mp->parts[mp->n];
		size_t room = (size_t)(end - p);
		const char *hend =
		        find(p, room < HEADERS_MAX + 4 ? room : HEADERS_MAX + 4, "\r\n\r\n", 4);
		if (!hend || !part_headers(p, (size_t)(hend - p), part))
			return false;
		if (multipart_get(mp, part->name))
			return false;
		part->data = hend + 4;
		const char *next = find(part->data, (size_t)(end - part->data), delim, dlen);
		if (!next)
			return false;
		part->len = (size_t)(next - part->data);
		mp->n++;
		p = next + dlen;
	}
}

const struct multipart_part *multipart_get(const struct multipart *mp, const char *name)
{
	for (size_t i = 0; i < mp->n; i++)
		if (strcmp(mp->parts[i].name, name) == 0)
			return &mp->parts[i];
	return NULL;
}
