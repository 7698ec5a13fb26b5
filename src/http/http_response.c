/*
 * http_response.c - building an answer: status, headers (checked so that a
 * value can never start another header) and body. See http.h.
 */
#include "http/http.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
