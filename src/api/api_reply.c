/*
 * api_reply.c - how the API answers: JSON bodies, errors in one shape, the domain's
 * errors as statuses, and the request's body, query and path ids read with a 422 or
 * 404 when bad. Every resource file (api_*.c) calls these; they call nothing of the
 * resources.
 */
#include "api/api.h"

#include <ctype.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api_int.h"
#include "base/msg.h"
#include "base/text.h"
#include "base/timeutil.h"

/* ---- answering ---------------------------------------------------------------------------- */

/* The answer when a body could not be built: never an empty 200. */
static const char api_unwritable[] =
        "{\"error\":{\"code\":\"internal\",\"message\":\"the server could not write its "
        "answer; its log says why\",\"field\":null}}";

void api_json(struct api_call *c, int status, json_t *body)
{
	char *text;

	if (!body && status == 204) {
		c->resp->status = status;
		return;
	}
	/* 15 significant digits: 5.3, not 5.2999999999999998, and every stored amount whole. */
	text = body ? json_dumps(body, JSON_COMPACT | JSON_REAL_PRECISION(15)) : NULL;
	json_decref(body);
	if (!text) {
		fprintf(stderr,
		        "salescoach serve: %s %s: the answer could not be written as JSON\n",
		        c->req->method, c->req->path);
		text = strdup(api_unwritable);
		status = 500;
		if (!text) {
			c->resp->status = 500;
			return;
		}
	}
	c->resp->status = status;
	free(c->resp->body);
	c->resp->body = text;
	c->resp->body_len = strlen(text);
	c->resp->content_type = "application/json";
}

void api_jsonw(struct api_call *c, int status, struct jsonw *w)
{
	char *text;
	size_t len;

	if (jsonw_finish(w, &text, &len) != SC_OK) {
		api_json(c, 500, NULL); /* the 500 of an answer that could not be written */
		return;
	}
	c->resp->status = status;
	free(c->resp->body);
	c->resp->body = text;
	c->resp->body_len = len;
	c->resp->content_type = "application/json";
}

/*
 * The error answer {"error": {"code", "message", "field"}}, and "override"
 * {"field", "hint"} when the refusal may be overridden with a reason (hint:
 * how, in the caller's language).
 */
static void error_answer(struct api_call *c, int status, const char *code, const char *field,
                         char *msg, size_t size, const char *hint)
{
	char shown[128];
	/* A message may quote what the client sent: keep it JSON (UTF-8) whatever it was. */
	if (!text_utf8_valid(msg, strlen(msg))) {
		char copy[600];
		snprintf(copy, sizeof(copy), "%s", msg);
		text_quote(copy, msg, size);
	}
	/* So may the field: a query parameter's name, as the client sent it. */
	if (field && !text_utf8_valid(field, strlen(field)))
		field = text_quote(field, shown, sizeof(shown));
	struct jsonw w;
	jsonw_init(&w, API_ANSWER_MAX);
	jsonw_object_open(&w);
	jsonw_key(&w, "error");
	jsonw_object_open(&w);
	jsonw_key(&w, "code");
	jsonw_string(&w, code);
	jsonw_key(&w, "message");
	jsonw_string(&w, msg);
	jsonw_key(&w, "field");
	jsonw_string(&w, field && *field ? field : NULL);
	if (hint) {
		jsonw_key(&w, "override");
		jsonw_object_open(&w);
		jsonw_key(&w, "field");
		jsonw_string(&w, "override_reason");
		jsonw_key(&w, "hint");
		jsonw_string(&w, hint);
		jsonw_object_close(&w);
	}
	jsonw_object_close(&w);
	jsonw_object_close(&w);
	api_jsonw(c, status, &w);
}

void api_error(struct api_call *c, int status, const char *code, const char *field, const char *fmt,
               ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	error_answer(c, status, code, field, msg, sizeof(msg), NULL);
}

enum msg_lang api_lang(const struct api_call *c)
{
	enum msg_lang lang = MSG_EN;
	char given[8];

	if (c->authenticated)
		return c->d.lang;
	if (c->req && http_query_get(c->req->query, "lang", given, sizeof(given)))
		msg_lang_parse(given, &lang);
	return lang;
}

void api_error_msg(struct api_call *c, int status, const char *code, const char *field,
                   const char *id, ...)
{
	struct msg_arg args[8];
	enum msg_lang lang = api_lang(c);
	const char *name;
	size_t n = 0;
	char msg[600];
	va_list ap;

	va_start(ap, id);
	while ((name = va_arg(ap, const char *)) && n < sizeof(args) / sizeof(args[0])) {
		args[n].name = name;
		args[n++].value = va_arg(ap, const char *);
	}
	va_end(ap);
	char *text = msg_format(lang, id, args, n);
	snprintf(msg, sizeof(msg), "%s", text ? text : msg_text(lang, id));
	free(text);
	error_answer(c, status, code, field, msg, sizeof(msg), NULL);
}

/* A refusal of the domain, with how to override it when it may be. */
static void refusal(struct api_call *c, int status, const char *code, const struct sc_error *err)
{
	char msg[600];
	snprintf(msg, sizeof(msg), "%s", err->message);
	const char *hint = NULL;
	if (err->overridable)
		hint = msg_text(api_lang(c), "prevent.override_hint_api");
	error_answer(c, status, code, err->field, msg, sizeof(msg), hint);
}

void api_fail(struct api_call *c, const struct sc_error *err)
{
	const char *m = c->req->method;
	bool change = strcmp(m, "GET") != 0;
	switch (err->code) {
	case SC_INVALID:
		refusal(c, 422, "invalid", err);
		return;
	case SC_NOT_FOUND:
		/* A missing record referred to by a change is the change's fault. */
		if (change && err->field[0] && strcmp(err->field, "id") != 0)
			api_error(c, 422, "invalid", err->field, "%s", err->message);
		else
			api_error(c, 404, "not_found", err->field, "%s", err->message);
		return;
	case SC_CONFLICT:
		refusal(c, 409, "conflict", err);
		return;
	case SC_FORBIDDEN:
		api_error(c, 403, "forbidden", err->field, "%s", err->message);
		return;
	default:
		/* The details go to the server's log, not to the client. */
		fprintf(stderr, "salescoach serve: %s: %s\n", sc_result_name(err->code),
		        err->message);
		api_error(c, 500, "internal", NULL,
		          "the server could not complete the request; its log says why");
		return;
	}
}

/*
 * The name of the member whose value holds byte pos of the JSON text body
 * (n bytes), read as far as pos: the last member name before it. Empty when
 * there is none, or when pos is in a name. For errors that the JSON parser
 * reports by position only.
 */
static void body_key_at(const char *body, size_t n, size_t pos, char *key, size_t keyn)
{
	size_t i = 0, depth = 0;
	bool in_key = false; /* the next string is a member's name */
	char open[32];       /* the containers around i: '{' or '[' */

	key[0] = '\0';
	if (pos > n)
		pos = n;
	while (i < pos) {
		char ch = body[i];
		if (ch == '{' || ch == '[') {
			if (depth == sizeof(open))
				return; /* deeper than any body of ours: name nothing */
			open[depth++] = ch;
			in_key = ch == '{';
		} else if (ch == '}' || ch == ']') {
			depth -= depth > 0;
		} else if (ch == ',') {
			in_key = depth > 0 && open[depth - 1] == '{';
		} else if (ch == ':') {
			in_key = false;
		}
		if (ch != '"') {
			i++;
			continue;
		}
		size_t start = ++i;
		while (i < n && body[i] != '"')
			i += body[i] == '\\' ? 2 : 1;
		if (i >= pos) {
			if (in_key)
				key[0] = '\0'; /* the name itself is bad: no field to name */
			return;
		}
		if (in_key && i - start < keyn) {
			memcpy(key, body + start, i - start);
			key[i - start] = '\0';
		} else if (in_key) {
			key[0] = '\0';
		}
		i++;
	}
}

json_t *api_body(struct api_call *c)
{
	json_error_t je;
	json_t *obj;
	char key[64], shown[64];

	/* Also a route that reads a body and was sent none: what it needs is JSON. */
	if (!api_media_ok(c))
		return NULL;
	if (!c->req->body_len) {
		api_error_msg(c, 400, "invalid", NULL, "http.body_missing", NULL);
		return NULL;
	}
	/* NUL inside a string is let through to be refused by the field it is in (jansson
	 * refuses it in a key). */
	obj = json_loadb(c->req->body, c->req->body_len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL,
	                 &je);
	if (!obj) {
		body_key_at(c->req->body, c->req->body_len, (size_t)je.position, key, sizeof(key));
		text_quote(key, shown, sizeof(shown));
		if (shown[0] && json_error_code(&je) == json_error_invalid_utf8) {
			api_error_msg(c, 422, "invalid", shown, "http.body_not_utf8", "field",
			              shown, NULL);
			return NULL;
		}
		if (shown[0] && json_error_code(&je) == json_error_numeric_overflow) {
			api_error_msg(c, 422, "invalid", shown, "http.body_overflow", "field",
			              shown, NULL);
			return NULL;
		}
		char line[16], column[16];
		snprintf(line, sizeof(line), "%d", je.line);
		snprintf(column, sizeof(column), "%d", je.column);
		api_error_msg(c, 400, "invalid", NULL, "http.body_not_json", "line", line, "column",
		              column, "reason", je.text, NULL);
		return NULL;
	}
	if (!json_is_object(obj)) {
		json_decref(obj);
		api_error_msg(c, 400, "invalid", NULL, "http.body_not_object", NULL);
		return NULL;
	}
	return obj;
}

bool api_only_keys(struct api_call *c, json_t *obj, const char *const *keys)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		bool known = false;
		for (size_t i = 0; keys[i] && !known; i++)
			known = strcmp(keys[i], key) == 0;
		if (!known) {
			char list[400];
			size_t len = 0;
			list[0] = '\0';
			for (size_t i = 0; keys[i] && len < sizeof(list); i++)
				len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
				                        i ? ", " : "", keys[i]);
			api_error_msg(c, 422, "invalid", key, "http.unknown_field", "field", key,
			              "fields", list, NULL);
			return false;
		}
	}
	return true;
}

const char *api_string(struct api_call *c, json_t *obj, const char *key, size_t max)
{
	json_t *v = json_object_get(obj, key);
	if (!v) {
		api_error_msg(c, 422, "invalid", key, "http.string_missing", "field", key, NULL);
		return NULL;
	}
	if (!json_is_string(v)) {
		api_error_msg(c, 422, "invalid", key, "http.not_string", "field", key, NULL);
		return NULL;
	}
	if (json_string_length(v) != strlen(json_string_value(v))) {
		api_error_msg(c, 422, "invalid", key, "err.api.nul", "field", key, NULL);
		return NULL;
	}
	if (strlen(json_string_value(v)) > max) {
		char most[24];
		snprintf(most, sizeof(most), "%zu", max);
		api_error_msg(c, 422, "invalid", key, "http.too_long", "field", key, "max", most,
		              NULL);
		return NULL;
	}
	return json_string_value(v);
}

static bool query_number(struct api_call *c, const char *key, size_t lo, size_t hi, size_t *out)
{
	char buf[32];
	int64_t v;
	if (!http_query_get(c->req->query, key, buf, sizeof(buf)))
		return true;
	if (buf[0] == '-' || !text_whole(buf, (int64_t)lo, (int64_t)hi, &v)) {
		char from[24], to[24];
		snprintf(from, sizeof(from), "%zu", lo);
		snprintf(to, sizeof(to), "%zu", hi);
		api_error_msg(c, 422, "invalid", key, "http.whole_range", "field", key, "min", from,
		              "max", to, NULL);
		return false;
	}
	*out = (size_t)v;
	return true;
}

struct key_seen {
	const char *key;
	bool seen;
};

static enum sc_result key_seen(void *arg, const char *key, const char *value)
{
	struct key_seen *k = arg;
	(void)value;
	k->seen = k->seen || !strcmp(k->key, key);
	return SC_OK;
}

/* Whether the query names key at all, whatever its value (a malformed query: yes). */
static bool query_has(const char *query, const char *key)
{
	struct key_seen k = { key, false };
	struct sc_error err;
	sc_error_init(&err);
	return http_query_each(query, key_seen, &k, &err) != SC_OK || k.seen;
}

bool api_query_id(struct api_call *c, const char *key, int64_t *id)
{
	char buf[24];
	int64_t v;
	*id = 0;
	/* Absent, or too long for an id (then not absent: refused below). */
	bool got = http_query_get(c->req->query, key, buf, sizeof(buf));
	if (!got && !query_has(c->req->query, key))
		return true;
	if (!got || !text_whole(buf, 1, INT64_MAX, &v)) {
		api_error_msg(c, 422, "invalid", key, "http.not_id", "field", key, NULL);
		return false;
	}
	*id = v;
	return true;
}

struct known_keys {
	struct api_call *c;
	const char *const *keys;
};

static enum sc_result known_key(void *arg, const char *key, const char *value)
{
	struct known_keys *k = arg;
	(void)value;
	for (size_t i = 0; k->keys[i]; i++)
		if (strcmp(k->keys[i], key) == 0)
			return SC_OK;
	api_error(k->c, 422, "invalid", key, "unknown query parameter '%s'", key);
	return SC_INVALID;
}

bool api_only_query(struct api_call *c, const char *const *keys)
{
	struct known_keys k = { c, keys };
	struct sc_error err;
	sc_error_init(&err);
	if (http_query_each(c->req->query, known_key, &k, &err) == SC_OK)
		return true;
	if (!c->resp->body) /* a malformed query: http_query_each says how */
		api_error(c, 422, "invalid", err.field, "%s", err.message);
	return false;
}

bool api_paging(struct api_call *c, size_t *limit, size_t *offset)
{
	return api_paging_upto(c, 100, 1000, limit, offset);
}

bool api_paging_upto(struct api_call *c, size_t dflt, size_t max, size_t *limit, size_t *offset)
{
	*limit = dflt;
	*offset = 0;
	return query_number(c, "limit", 1, max, limit) &&
	       query_number(c, "offset", 0, 100000000, offset);
}

json_t *api_page(json_t *items, size_t limit, size_t offset, size_t total)
{
	return json_pack("{s:o,s:I,s:I,s:I}", "items", items, "limit", (json_int_t)limit, "offset",
	                 (json_int_t)offset, "total", (json_int_t)total);
}

bool api_id(struct api_call *c, const char *seg, int64_t *id)
{
	int64_t v;
	/* One spelling per record: 12, never 012, +12 or 12.0. */
	if (seg[0] < '1' || seg[0] > '9' || !text_whole(seg, 1, INT64_MAX, &v)) {
		api_error(c, 404, "not_found", "id",
		          "'%s' is not a record id: ids are whole numbers above 0, written in "
		          "decimal digits without sign or leading zero (12, not 012)",
		          seg);
		return false;
	}
	*id = v;
	return true;
}

bool api_signed_in(struct api_call *c)
{
	if (c->authenticated)
		return true;
	api_error(c, 401, "unauthorized", NULL,
	          "log in first (POST /api/login) or send an API token as Authorization: Bearer");
	return false;
}
