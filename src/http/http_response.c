/*
 * http_response.c - building an answer: status, headers (checked so that a
 * value can never start another header) and body (see http.h); and writing
 * it as HTTP/1.1 for the server (http/http_int.h).
 */
#include "http/http.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "http/http_int.h"

/* ---- responses ---- */

void http_response_init(struct http_response *resp)
{
	memset(resp, 0, sizeof(*resp));
	resp->status = 200;
	resp->content_type = "application/json";
}

void http_response_release(struct http_response *resp)
{
	free(resp->body);
	for (size_t i = 0; i < resp->nheaders; i++) {
		free(resp->header_names[i]);
		free(resp->header_values[i]);
	}
	http_response_init(resp);
}

/* RFC 9110 token characters, for header names. */
static bool is_tchar(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return true;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

enum sc_result http_response_header(struct http_response *resp, const char *name, const char *value)
{
	char *n, *v;

	if (!name || !value || !*name)
		return SC_INVALID;
	if (resp->nheaders >= HTTP_MAX_HEADERS)
		return SC_INVALID;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (!is_tchar(*p))
			return SC_INVALID;
	}
	/* A CR or LF in a value would let it write a header of its own. */
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
			return SC_INVALID;
	}
	/* The server writes these itself; a second copy would make the response ambiguous. */
	if (!strcasecmp(name, "Content-Length") || !strcasecmp(name, "Transfer-Encoding") ||
	    !strcasecmp(name, "Content-Type"))
		return SC_INVALID;
	n = strdup(name);
	v = strdup(value);
	if (!n || !v) {
		free(n);
		free(v);
		return SC_NOMEM;
	}
	resp->header_names[resp->nheaders] = n;
	resp->header_values[resp->nheaders] = v;
	resp->nheaders++;
	return SC_OK;
}

enum sc_result http_response_body(struct http_response *resp, const char *content_type,
                                  const char *text, size_t len)
{
	char *copy;

	if (!text && len)
		return SC_INVALID;
	copy = malloc(len + 1);
	if (!copy)
		return SC_NOMEM;
	if (len)
		memcpy(copy, text, len);
	copy[len] = '\0';
	free(resp->body);
	resp->body = copy;
	resp->body_len = len;
	if (content_type)
		resp->content_type = content_type;
	return SC_OK;
}

/* ---- the answer as HTTP/1.1 ---- */

/* The reason phrases of the statuses the server and the API answer with. */
static const struct {
	int status;
	const char *text;
} reasons[] = {
	{ 200, "OK" },
	{ 201, "Created" },
	{ 202, "Accepted" },
	{ 204, "No Content" },
	{ 301, "Moved Permanently" },
	{ 302, "Found" },
	{ 303, "See Other" },
	{ 304, "Not Modified" },
	{ 307, "Temporary Redirect" },
	{ 308, "Permanent Redirect" },
	{ 400, "Bad Request" },
	{ 401, "Unauthorized" },
	{ 403, "Forbidden" },
	{ 404, "Not Found" },
	{ 405, "Method Not Allowed" },
	{ 406, "Not Acceptable" },
	{ 408, "Request Timeout" },
	{ 409, "Conflict" },
	{ 410, "Gone" },
	{ 411, "Length Required" },
	{ 412, "Precondition Failed" },
	{ 413, "Content Too Large" },
	{ 414, "URI Too Long" },
	{ 415, "Unsupported Media Type" },
	{ 422, "Unprocessable Content" },
	{ 428, "Precondition Required" },
	{ 429, "Too Many Requests" },
	{ 431, "Request Header Fields Too Large" },
	{ 500, "Internal Server Error" },
	{ 501, "Not Implemented" },
	{ 502, "Bad Gateway" },
	{ 503, "Service Unavailable" },
	{ 504, "Gateway Timeout" },
	{ 505, "HTTP Version Not Supported" },
};

static const char *reason(int status)
{
	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].status == status)
			return reasons[i].text;
	return ""; /* the reason phrase may be empty (RFC 9112 4) */
}

/* The Date header's value for now: computed once a second per thread. */
static const char *date_now(void)
{
	static _Thread_local time_t at = -1;
	static _Thread_local char text[32];
	time_t now = time(NULL);
	struct tm tm;

	if (now != at) {
		gmtime_r(&now, &tm);
		strftime(text, sizeof(text), "%a, %d %b %Y %H:%M:%S GMT", &tm);
		at = now;
	}
	return text;
}

char *http_response_head(const struct http_response *resp, size_t body_len, bool close,
                         bool keep_alive_10, size_t *len)
{
	bool bodiless = resp->status == 204 || resp->status == 304;
	size_t size = 512 + (resp->content_type ? strlen(resp->content_type) : 0);
	char *out;
	size_t o;
	int n;

	for (size_t i = 0; i < resp->nheaders; i++)
		size += strlen(resp->header_names[i]) + strlen(resp->header_values[i]) + 4;
	out = malloc(size);
	if (!out)
		return NULL;
	n = snprintf(out, size, "HTTP/1.1 %d %s\r\nDate: %s\r\n", resp->status,
	             reason(resp->status), date_now());
	o = (size_t)n;
	if (!bodiless) {
		if (resp->content_type)
			o += (size_t)snprintf(out + o, size - o, "Content-Type: %s\r\n",
			                      resp->content_type);
		o += (size_t)snprintf(out + o, size - o, "Content-Length: %zu\r\n", body_len);
	}
	/* Nothing is kept in a cache unless the handler says how (the web's static files). */
	bool cache_set = false;
	for (size_t i = 0; i < resp->nheaders; i++)
		cache_set |= strcasecmp(resp->header_names[i], "Cache-Control") == 0;
	o += (size_t)snprintf(out + o, size - o, "X-Content-Type-Options: nosniff\r\n%s",
	                      cache_set ? "" : "Cache-Control: no-store\r\n");
	/* http_response_header has refused names and values that could break the head. */
	for (size_t i = 0; i < resp->nheaders; i++)
		o += (size_t)snprintf(out + o, size - o, "%s: %s\r\n", resp->header_names[i],
		                      resp->header_values[i]);
	if (close)
		o += (size_t)snprintf(out + o, size - o, "Connection: close\r\n");
	else if (keep_alive_10)
		o += (size_t)snprintf(out + o, size - o, "Connection: keep-alive\r\n");
	o += (size_t)snprintf(out + o, size - o, "\r\n");
	*len = o;
	return out;
}

int http_error_json(char *buf, size_t size, const char *code, const char *message)
{
	int n = snprintf(buf, size,
	                 "{\"error\":{\"code\":\"%s\",\"message\":\"%s\",\"field\":null}}", code,
	                 message);

	return n > 0 && (size_t)n < size ? n : -1;
}

char *http_response_error(int status, const char *code, const char *message, size_t *len,
                          size_t *body_len)
{
	struct http_response resp;
	char body[512], *head, *out;
	size_t hlen;
	int n = http_error_json(body, sizeof(body), code, message);

	if (n < 0)
		return NULL;
	http_response_init(&resp);
	resp.status = status;
	head = http_response_head(&resp, (size_t)n, true, false, &hlen);
	out = head ? realloc(head, hlen + (size_t)n) : NULL;
	if (!out) {
		free(head);
		return NULL;
	}
	memcpy(out + hlen, body, (size_t)n);
	*len = hlen + (size_t)n;
	*body_len = (size_t)n;
	return out;
}
