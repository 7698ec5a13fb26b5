/*
 * fuzz_api_request.c - requests to the API in memory (api_handle in
 * src/api/api.c) on the demo organisation: the path split into segments and
 * decoded, routes matched, ids read from the path (api_id), the query
 * string's paging, filters, order and lang, and the caller found from a
 * token or a session cookie.
 *
 * The input is a request as text:
 *
 *   GET /api/people?limit=2&order=name
 *   Authorization: Bearer $TOKEN
 *
 * a request line (method, a space, path and query), then header lines.
 * $TOKEN is the demo administrator's API token, $SESSION the session cookie
 * of a manager who coaches (Jeroen) and $CSRF its CSRF token; they are put in
 * only for GET and HEAD, so that the records stay as they are from one input
 * to the next (reads of private content add to the access log only). A POST
 * is not sent: its only open routes (login, setup) cost an Argon2id hash
 * each, which would slow the fuzzer a thousandfold.
 *
 * What must hold: every answer has a status the API documents, never a 500;
 * its body is JSON; an error is {"error":{"code","message","field"}} with a
 * message; a 405 says what is allowed; only /api/ is served.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "domain/account.h"
#include "domain/domain.h"
#include "seed/demo.h"
#include "invariant.h"

#define MAX_HEADERS 12

static struct store *st;
static struct api api;
static char token[ACCOUNT_TOKEN_LEN];
static char session[ACCOUNT_CREDENTIAL_LEN];
static char csrf[ACCOUNT_SECRET_LEN];

static void must(enum sc_result rc, const struct sc_error *err, const char *what)
{
	if (rc != SC_OK) {
		fprintf(stderr, "fuzz_api_request: %s: %s\n", what, err->message);
		exit(1);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct sc_error err;
	struct domain d;
	struct account_auth auth;
	struct record *rec = NULL;
	int64_t org;

	(void)argc;
	(void)argv;
	setenv("SALESCOACH_NOW", "2026-11-28T12:00:00Z", 1);
	sc_error_init(&err);
	must(store_open_sqlite(":memory:", &st, &err), &err, "open");
	must(demo_load(st, NULL, MSG_EN, &org, &err), &err, "demo");
	must(api_init(&api, &st, 1, &err), &err, "api");
	must(domain_init(&d, st, org, &err), &err, "domain");
	must(domain_act_as(&d, "admin@salescoach.example", &err), &err, "admin");
	must(account_token_create(&d, "fuzz", token, &rec, &err), &err, "token");
	record_free(&rec);
	must(account_login(st, "jeroen.bakker@vandijk.example", "demo-password", NULL, "192.0.2.1",
	                   &auth, &err),
	     &err, "login");
	memcpy(session, auth.secret, sizeof(session));
	memcpy(csrf, auth.csrf, sizeof(csrf));
	return 0;
}

struct fake {
	struct http_request req;
	char *names[MAX_HEADERS], *values[MAX_HEADERS];
	size_t n;
};

static const char *fake_header(const struct http_request *req, const char *name)
{
	const struct fake *f = req->impl; /* req may be the API's copy (HEAD is GET) */
	for (size_t i = 0; i < f->n; i++)
		if (strcasecmp(f->names[i], name) == 0)
			return f->values[i];
	return NULL;
}

/* value with $TOKEN, $SESSION and $CSRF put in when secrets. Owned. */
static char *fill(const char *value, bool secrets)
{
	static const char *const marks[] = { "$TOKEN", "$SESSION", "$CSRF" };
	const char *with[] = { token, session, csrf };
	size_t cap = (strlen(value) + 1) * 16, o = 0; /* a mark of 5 bytes becomes at most 72 */
	char *out = malloc(cap);

	FUZZ_ASSERT(out, "no memory");
	for (const char *p = value; *p;) {
		size_t k = 0;
		while (secrets && k < 3 && strncmp(p, marks[k], strlen(marks[k])) != 0)
			k++;
		if (secrets && k < 3) {
			o += (size_t)snprintf(out + o, cap - o, "%s", with[k]);
			p += strlen(marks[k]);
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = '\0';
	return out;
}

static void check_answer(const struct fake *f, const struct http_response *resp)
{
	const char *path = f->req.path, *method = f->req.method;
	json_error_t je;
	json_t *j = NULL;

	FUZZ_ASSERT(resp->status >= 200 && resp->status <= 599 && resp->status != 500,
	            "%s %s?%s answered %d: %s", method, fuzz_show(path, strlen(path)),
	            fuzz_show(f->req.query, strlen(f->req.query)), resp->status,
	            resp->body ? fuzz_show(resp->body, resp->body_len) : "");
	if (strncmp(path, "/api/", 5) != 0)
		FUZZ_ASSERT(resp->status == 404, "%s outside /api/ answered %d",
		            fuzz_show(path, strlen(path)), resp->status);
	for (size_t i = 0; i < resp->nheaders; i++)
		FUZZ_ASSERT(!strpbrk(resp->header_values[i], "\r\n"),
		            "header %s carries a line break", resp->header_names[i]);
	if (resp->status == 204)
		return;
	FUZZ_ASSERT(resp->body, "%s %s answered %d without a body", method,
	            fuzz_show(path, strlen(path)), resp->status);
	if (!resp->content_type || !strcmp(resp->content_type, "application/json")) {
		j = json_loadb(resp->body, resp->body_len, 0, &je);
		FUZZ_ASSERT(j, "%s %s answered %d, not JSON (%s): %s", method,
		            fuzz_show(path, strlen(path)), resp->status, je.text,
		            fuzz_show(resp->body, resp->body_len));
	}
	if (resp->status >= 400) {
		json_t *e = json_object_get(j, "error");
		json_t *code = json_object_get(e, "code"), *message = json_object_get(e, "message");
		FUZZ_ASSERT(json_is_string(code) && json_string_length(code) > 0 &&
		                    json_is_string(message) && json_string_length(message) > 0 &&
		                    json_object_get(e, "field"),
		            "%s %s answered %d without an error: %s", method,
		            fuzz_show(path, strlen(path)), resp->status,
		            fuzz_show(resp->body, resp->body_len));
	}
	if (resp->status == 405) {
		bool allow = false;
		for (size_t i = 0; i < resp->nheaders; i++)
			allow = allow || !strcasecmp(resp->header_names[i], "Allow");
		FUZZ_ASSERT(allow, "%s %s: 405 without Allow", method,
		            fuzz_show(path, strlen(path)));
	}
	json_decref(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	struct fake f = { 0 };
	struct http_response resp;
	char *line = fuzz_part(&in, '\n', NULL), *sp = strchr(line, ' ');
	char *method, *path, *query;

	if (!sp) {
		free(line);
		return 0;
	}
	*sp = '\0';
	method = line;
	path = sp + 1;
	query = strchr(path, '?');
	if (query)
		*query++ = '\0';
	if (!strcmp(method, "POST")) {
		free(line);
		return 0;
	}
	bool secrets = !strcmp(method, "GET") || !strcmp(method, "HEAD");
	while (in.n && f.n < MAX_HEADERS) {
		char *h = fuzz_part(&in, '\n', NULL), *colon = strchr(h, ':');
		if (colon) {
			*colon = '\0';
			f.names[f.n] = fuzz_copy(h, strlen(h));
			f.values[f.n] = fill(colon + 1 + (colon[1] == ' '), secrets);
			f.n++;
		}
		free(h);
	}
	f.req.method = method;
	f.req.path = path;
	f.req.query = query ? query : "";
	f.req.body = "";
	f.req.body_len = 0;
	f.req.remote = "192.0.2.1";
	f.req.header = fake_header;
	f.req.impl = &f;
	http_response_init(&resp);
	api_handle(&api, &f.req, &resp);
	check_answer(&f, &resp);
	http_response_release(&resp);
	for (size_t i = 0; i < f.n; i++) {
		free(f.names[i]);
		free(f.values[i]);
	}
	free(line);
	return 0;
}
