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

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 202: return "Accepted";
	case 204: return "No Content";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 307: return "Temporary Redirect";
	case 308: return "Permanent Redirect";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 406: return "Not Acceptable";
	case 408: return "Request Timeout";
	case 409: return "Conflict";
	case 410: return "Gone";
	case 411: return "Length Required";
	case 412: return "Precondition Failed";
	case 413: return "Content Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 428: return "Precondition Required";
	case 429: return "Too Many Requests";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 501: return "Not Implemented";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	case 504: return "Gateway Timeout";
	case 505: return "HTTP Version Not Supported";
	default: return ""; /* the reason phrase may be empty (RFC 9112 4) */
	}
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
	o += (size_t)snprintf(out + o, size - o,
	                      "X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n");
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

char *http_response_error(int status, const char *code, const char *message, size_t *len,
                          size_t *body_len)
{
	struct http_response resp;
	char body[512], *head, *out;
	size_t hlen;
	int n;

	n = snprintf(body, sizeof(body),
	             "{\"error\":{\"code\":\"%s\",\"message\":\"%s\",\"field\":null}}", code,
	             message);
	if (n < 0 || (size_t)n >= sizeof(body))
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
