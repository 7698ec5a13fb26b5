/*
 * web.h - what salescoach serve answers: the API under /api/, and the web
 * interface everywhere else, from the files built out of web/ and embedded
 * into the program (web_assets.c, made by web/build.mjs).
 */
#ifndef SALESCOACH_WEB_H
#define SALESCOACH_WEB_H

#include <stdbool.h>
#include <stddef.h>

#include "http/http.h"

/* One built file of the web interface, as stored in the program. */
struct web_asset {
	const char *path; /* "/assets/app-3F2A9C1B.js", or "/index.html" */
	const char *type; /* its Content-Type */
	const unsigned char *raw, *gz, *br;
	size_t raw_len, gz_len, br_len; /* br_len 0: no brotli form */
	const char *etag;               /* a quoted hash of raw */
	bool immutable;                 /* a content-hashed name: cached for a year */
};

extern const struct web_asset web_assets[];
extern const size_t web_nassets;

/* The page every path outside /api/ and /assets/ opens: the interface routes in the browser. */
const struct web_asset *web_index(void);

/* The file at path, or NULL. */
const struct web_asset *web_find(const char *path);

/*
 * The server's handler: a path under /api/ goes to api_handle with ctx (a
 * struct api); the rest is the web interface, GET and HEAD only. Every answer
 * carries the security headers (docs/web.md).
 */
void web_handle(void *ctx, const struct http_request *req, struct http_response *resp);

#endif
