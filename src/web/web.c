/*
 * web.c - the web interface's files and the headers that guard every answer.
 * The interface is a client of the API and nothing else: this file only
 * hands out the embedded files, and the API's requests to api_handle.
 */
#include "web/web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "api/api.h"

/*
 * Scripts, styles, images and fonts from this server only, nothing inline,
 * no eval; the API from the same origin; never inside another site's frame.
 */
static const char csp[] = "default-src 'self'; script-src 'self'; style-src 'self'; "
                          "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
                          "object-src 'none'; base-uri 'none'; form-action 'self'; "
                          "frame-ancestors 'none'";

static void guard(struct http_response *resp)
{
	http_response_header(resp, "Content-Security-Policy", csp);
	http_response_header(resp, "Referrer-Policy", "no-referrer");
	http_response_header(resp, "X-Frame-Options", "DENY");
	http_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
}

const struct web_asset *web_find(const char *path)
{
	for (size_t i = 0; i < web_nassets; i++)
		if (strcmp(web_assets[i].path, path) == 0)
			return &web_assets[i];
	return NULL;
}

const struct web_asset *web_index(void)
{
	return web_find("/index.html");
}

/* The weight of one Accept-Encoding element's parameters (";q=0.5"): 1 when none is given. */
static double weight(const char *params, size_t len)
{
	char buf[64];
	snprintf(buf, sizeof(buf), "%.*s", (int)(len < sizeof(buf) ? len : sizeof(buf) - 1),
	         params);
	const char *q = strstr(buf, "q=");
	return q ? strtod(q + 2, NULL) : 1.0;
}

/* Whether the client takes coding ("gzip", "br") by Accept-Encoding (q=0, in any spelling,
 * refuses it). Each element is read on its own: "br;q=1, gzip;q=0" takes br. */
static bool accepts(const struct http_request *req, const char *coding)
{
	const char *ae = req->header(req, "Accept-Encoding");
	size_t n = strlen(coding);

	for (const char *p = ae; p && *p;) {
		p += strspn(p, " \t,");
		size_t len = strcspn(p, ",");
		if (len >= n && strncasecmp(p, coding, n) == 0 &&
		    (len == n || strchr(" \t;", p[n]))) {
			const char *params = memchr(p, ';', len);
			return !params || weight(params, len - (size_t)(params - p)) > 0;
		}
		p += len;
	}
	return false;
}

/* Whether If-None-Match names etag (or is "*"). */
static bool not_modified(const struct http_request *req, const char *etag)
{
	const char *inm = req->header(req, "If-None-Match");
	return inm && (strcmp(inm, "*") == 0 || strstr(inm, etag) != NULL);
}

static void send_asset(const struct http_request *req, struct http_response *resp,
                       const struct web_asset *a)
{
	http_response_header(resp, "Cache-Control",
	                     a->immutable ? "public, max-age=31536000, immutable" : "no-cache");
	http_response_header(resp, "ETag", a->etag);
	http_response_header(resp, "Vary", "Accept-Encoding");
	if (not_modified(req, a->etag)) {
		resp->status = 304;
		return;
	}
	const unsigned char *body = a->raw;
	size_t len = a->raw_len;
	if (a->br_len && accepts(req, "br")) {
		http_response_header(resp, "Content-Encoding", "br");
		body = a->br, len = a->br_len;
	} else if (a->gz_len && accepts(req, "gzip")) {
		http_response_header(resp, "Content-Encoding", "gzip");
		body = a->gz, len = a->gz_len;
	}
	http_response_body(resp, a->type, (const char *)body, len);
}

/* An error as the API gives its own (docs/api.md), so that every client reads one shape. */
static void send_error(struct http_response *resp, int status, const char *code, const char *text)
{
	char body[256];
	int n = snprintf(body, sizeof(body),
	                 "{\"error\":{\"code\":\"%s\",\"message\":\"%s\",\"field\":null}}", code,
	                 text);
	resp->status = status;
	http_response_body(resp, "application/json", body, (size_t)n);
}

/*
 * The API's JSON answers above this size go gzip-compressed to a client that takes gzip: a list
 * of people or sessions shrinks to a fifth or less, and a smaller answer gains too little.
 */
#define GZIP_ABOVE 1024

/* body compressed as gzip into a new buffer (*out, *out_len), or false. */
static bool gzip(const char *body, size_t len, char **out, size_t *out_len)
{
	z_stream zs = { 0 };

	/* 15 + 16: the largest window, with the gzip wrapper (RFC 1952) rather than zlib's own. */
	if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
	    Z_OK)
		return false;
	size_t size = deflateBound(&zs, (uLong)len) + 1;
	char *buf = malloc(size);
	if (!buf) {
		deflateEnd(&zs);
		return false;
	}
	zs.next_in = (Bytef *)body;
	zs.avail_in = (uInt)len;
	zs.next_out = (Bytef *)buf;
	zs.avail_out = (uInt)size;
	bool done = deflate(&zs, Z_FINISH) == Z_STREAM_END;
	*out_len = zs.total_out;
	deflateEnd(&zs);
	if (!done) {
		free(buf);
		return false;
	}
	buf[*out_len] = '\0'; /* a body stays NUL-terminated, as http_response_body leaves it */
	*out = buf;
	return true;
}

static bool has_header(const struct http_response *resp, const char *name)
{
	for (size_t i = 0; i < resp->nheaders; i++)
		if (strcasecmp(resp->header_names[i], name) == 0)
			return true;
	return false;
}

/*
 * The API's answer gzip-compressed when the client takes gzip (Accept-Encoding, as for the
 * files) and the body is JSON above GZIP_ABOVE; never for 204 and 304 (no body). A HEAD comes
 * here as GET (http/http_worker.c): it gets the GET's headers, Content-Encoding and
 * Content-Length included, as RFC 9110 9.3.2 asks, and the server sends no body. The answer
 * says that it depends on Accept-Encoding (Vary) either way. The session
 * cookie is SameSite=Strict, so another site cannot have the browser fetch an answer with its
 * secrets beside text of its own choosing, which is what reading secrets out of compressed
 * sizes (BREACH) needs.
 */
static void compress_answer(const struct http_request *req, struct http_response *resp)
{
	if (resp->status == 204 || resp->status == 304 || !resp->body ||
	    resp->body_len <= GZIP_ABOVE || !resp->content_type ||
	    strncmp(resp->content_type, "application/json", 16) != 0 ||
	    has_header(resp, "Content-Encoding"))
		return;
	http_response_header(resp, "Vary", "Accept-Encoding");
	if (!accepts(req, "gzip"))
		return;
	char *gz;
	size_t gz_len;
	if (!gzip(resp->body, resp->body_len, &gz, &gz_len))
		return; /* sent as it is */
	if (gz_len >= resp->body_len ||
	    http_response_header(resp, "Content-Encoding", "gzip") != SC_OK) {
		free(gz);
		return;
	}
	free(resp->body);
	resp->body = gz;
	resp->body_len = gz_len;
}

void web_handle(void *ctx, const struct http_request *req, struct http_response *resp)
{
	guard(resp);
	/*
	 * The API's own paths, and every other spelling of them (/API/, //api/),
	 * which the API refuses with its JSON 404 rather than the web opening a page.
	 */
	if (strncasecmp(req->path, "/api", 4) == 0 || strncmp(req->path, "//", 2) == 0) {
		api_handle(ctx, req, resp);
		compress_answer(req, resp);
		return;
	}
	resp->route = "web";
	if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0) {
		http_response_header(resp, "Allow", "GET, HEAD");
		send_error(resp, 405, "method_not_allowed",
		           "the web interface is only read (GET); the API is under /api/");
		return;
	}
	const struct web_asset *a = web_find(req->path);
	if (!a && strncmp(req->path, "/assets/", 8) != 0)
		a = web_index(); /* a page of the interface: the browser finds it */
	if (!a) {
		send_error(resp, 404, "not_found",
		           "there is no such file; open / for the web interface");
		return;
	}
	send_asset(req, resp, a);
}
