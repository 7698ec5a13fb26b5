/*
 * fuzz_record_json.c - the body of a POST or PATCH into a record, as the
 * API reads it (api_record_from_body in src/api/api_entity.c): the JSON
 * parsed, every member put into its field by the domain's parsing
 * (domain_parse, domain_set_number in src/domain/domain_parse.c).
 *
 * The input: a byte choosing the kind of record (every kind the API
 * writes), a byte choosing POST or PATCH (bit 0), the organisation's zone
 * (bits 1-2) and whether a Content-Type line comes first (bit 3; else the
 * body is sent as application/json), then the body.
 *
 * What must hold: a body refused gets a 400 or a 422 whose error names the
 * field at fault and says what is wrong (a 415 for a type that is not
 * JSON); a record accepted came as JSON, holds only values its fields allow,
 * is written by the API's writer (recjson_write) byte for byte as jansson
 * writes it, and written back so (as GET answers it) is read again as the
 * same record.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/api_int.h"
#include "base/jsonw.h"
#include "base/text.h"
#include "base/timeutil.h"
#include "model/recjson.h"
#include "invariant.h"

static const char *const zones[] = { "Europe/Amsterdam", "UTC", "America/New_York",
	                             "Asia/Kathmandu" };

static const struct entity_def *writable[E_COUNT];
static size_t nwritable;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* The kinds of /api/{plural} that take a body (the API's entity_route). */
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		if (entity_find(def->plural) == def && !(def->eflags & EF_READONLY))
			writable[nwritable++] = def;
	}
	return 0;
}

/* The request's only header: Content-Type, req->impl. */
static const char *content_type(const struct http_request *req, const char *name)
{
	return strcasecmp(name, "Content-Type") == 0 ? req->impl : NULL;
}

/*
 * Read body as a POST/PATCH of def with zone tz, sent as type; *resp gets the answer when it
 * is refused.
 */
static struct record *read_body(const struct entity_def *def, bool patch, const char *tz,
                                const char *type, const char *body, size_t len,
                                struct http_response *resp)
{
	char path[64];
	struct http_request req = { 0 };
	struct api_call c = { 0 };

	snprintf(path, sizeof(path), "/api/%s", def->plural);
	req.method = patch ? "PATCH" : "POST";
	req.path = path;
	req.query = "";
	req.body = body;
	req.body_len = len;
	req.remote = "192.0.2.1";
	req.header = content_type;
	req.impl = (void *)type;
	http_response_init(resp);
	c.req = &req;
	c.resp = resp;
	c.d.lang = MSG_EN;
	snprintf(c.d.tz, sizeof(c.d.tz), "%s", tz);
	snprintf(c.d.today, sizeof(c.d.today), "2026-11-28");
	return api_record_from_body(&c, def, patch);
}

static bool is_code(const char *s, size_t n)
{
	if (n == 0 || n > 40 || s[0] < 'a' || s[0] > 'z')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return true;
}

/* Every set value of rec is one its field allows. */
static void check_values(const struct record *rec, bool patch, const char *body, size_t len)
{
	const struct entity_def *def = rec->def;
	char again[TU_INSTANT_LEN];

	for (size_t i = 0; i < def->nfields; i++) {
		const struct field_def *f = &def->fields[i];
		const struct value *v = &rec->v[i];
		const char *s = v->s;

		FUZZ_ASSERT(!(patch && (f->flags & FF_FIXED) && v->state != V_ABSENT),
		            "a PATCH of %s changed the fixed field %s", def->name, f->name);
		if (v->state == V_NULL)
			FUZZ_ASSERT(!(f->flags & FF_REQUIRED), "%s.%s, required, was set to null",
			            def->name, f->name);
		if (v->state != V_SET)
			continue;
		switch (f->type) {
		case FT_INT:
		case FT_REF:
			FUZZ_ASSERT(f->type == FT_REF ? v->i >= 1
			                              : (v->i >= f->min && v->i <= f->max),
			            "%s.%s = %lld", def->name, f->name, (long long)v->i);
			continue;
		case FT_BOOL:
			FUZZ_ASSERT(v->i == 0 || v->i == 1, "%s.%s = %lld", def->name, f->name,
			            (long long)v->i);
			continue;
		case FT_REAL:
			FUZZ_ASSERT(isfinite(v->r) && v->r >= f->min && v->r <= f->max,
			            "%s.%s = %.17g", def->name, f->name, v->r);
			continue;
		default:
			break;
		}
		FUZZ_ASSERT(s != NULL, "%s.%s is set without text", def->name, f->name);
		size_t n = strlen(s);
		/* Text is UTF-8 without control characters: every JSON door can show it. */
		FUZZ_ASSERT(text_check(s, n, entity_text_multiline(f), NULL) == TEXT_FINE,
		            "%s.%s = \"%s\" from %s", def->name, f->name, fuzz_show(s, n),
		            fuzz_show(body, len));
		switch (f->type) {
		case FT_TEXT:
			FUZZ_ASSERT(n <= f->max, "%s.%s has %zu bytes, at most %g", def->name,
			            f->name, n, f->max);
			break;
		case FT_DATE:
			FUZZ_ASSERT(tu_valid_date(s), "%s.%s = %s", def->name, f->name, s);
			break;
		case FT_MONTH:
			FUZZ_ASSERT(tu_valid_month(s), "%s.%s = %s", def->name, f->name, s);
			break;
		case FT_DATETIME:
			FUZZ_ASSERT(n == 20 && tu_instant_add(s, 0, again) && !strcmp(again, s),
			            "%s.%s = %s, not a stored instant", def->name, f->name, s);
			break;
		case FT_EMAIL:
			FUZZ_ASSERT(strchr(s, '@'), "%s.%s = %s", def->name, f->name, s);
			for (size_t k = 0; k < n; k++)
				FUZZ_ASSERT(s[k] < 'A' || s[k] > 'Z', "%s.%s = %s, not lower case",
				            def->name, f->name, s);
			break;
		case FT_ENUM: {
			bool known = false;
			for (const char *const *c = f->choices; *c && !known; c++)
				known = !strcmp(*c, s);
			FUZZ_ASSERT(known, "%s.%s = %s", def->name, f->name, s);
			break;
		}
		case FT_CODE:
			FUZZ_ASSERT(is_code(s, n), "%s.%s = %s", def->name, f->name, s);
			break;
		case FT_SKILLS:
			for (const char *p = s;; p++) {
				size_t k = strcspn(p, ",");
				FUZZ_ASSERT(is_code(p, k), "%s.%s = %s", def->name, f->name, s);
				p += k;
				if (!*p)
					break;
			}
			break;
		default:
			break;
		}
	}
}

static bool same_value(const struct field_def *f, const struct value *a, const struct value *b)
{
	if (a->state != b->state)
		return false;
	if (a->state != V_SET)
		return true;
	switch (f->type) {
	case FT_INT:
	case FT_REF:
	case FT_BOOL:
		return a->i == b->i;
	case FT_REAL:
		return a->r == b->r;
	default:
		return a->s && b->s && !strcmp(a->s, b->s);
	}
}

/*
 * A refusal: 400 or 422 (415 for a type that is not JSON), as
 * {"error":{"code","message","field"}}, the field named on a 422.
 */
static void check_refusal(const struct http_response *resp, const char *type, const char *body,
                          size_t len)
{
	json_error_t je;
	json_t *j = resp->body ? json_loadb(resp->body, resp->body_len, 0, &je) : NULL;
	json_t *e = json_object_get(j, "error");
	json_t *message = json_object_get(e, "message"), *field = json_object_get(e, "field");

	FUZZ_ASSERT(resp->status == 400 || resp->status == 422 ||
	                    (resp->status == 415 && strcmp(type, "application/json") != 0),
	            "status %d for the body %s sent as %s", resp->status, fuzz_show(body, len),
	            fuzz_show(type, strlen(type)));
	FUZZ_ASSERT(j, "the answer %s is not JSON (%s)",
	            resp->body ? fuzz_show(resp->body, resp->body_len) : "(none)", je.text);
	FUZZ_ASSERT(json_is_string(json_object_get(e, "code")) && json_is_string(message) &&
	                    json_string_length(message) > 0 && field,
	            "the answer %s is not an error", fuzz_show(resp->body, resp->body_len));
	if (resp->status == 422 && !(json_is_string(field) && json_string_length(field) > 0)) {
		/* Only a member whose name is "" has no name to give. */
		json_t *b = json_loadb(body, len, JSON_ALLOW_NUL, NULL);
		bool unnamed = json_is_object(b) && json_object_get(b, "");
		json_decref(b);
		FUZZ_ASSERT(unnamed, "a 422 for %s names no field: %s", fuzz_show(body, len),
		            fuzz_show(resp->body, resp->body_len));
	}
	json_decref(j);
}

/*
 * A type the body was taken in is JSON: "application/json" in any case, with optional
 * blanks and parameters, of which a charset must be utf-8, quoted or not.
 */
static void check_type(const char *type)
{
	const char *p = type + strspn(type, " \t");

	FUZZ_ASSERT(strncasecmp(p, "application/json", 16) == 0 && strchr(" \t;", p[16]),
	            "a body sent as %s was taken for JSON", fuzz_show(type, strlen(type)));
	for (const char *c = p; *c; c++) {
		const char *b = c;
		while (b > p && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (b == p || b[-1] != ';' || strncasecmp(c, "charset", 7) != 0)
			continue; /* a parameter's name follows a ';' */
		const char *v = c + 7 + strspn(c + 7, " \t");
		if (*v != '=')
			continue;
		v++;
		v += *v == '"';
		FUZZ_ASSERT(strncasecmp(v, "utf-8", 5) == 0,
		            "a body sent as %s, not UTF-8, was taken for JSON",
		            fuzz_show(type, strlen(type)));
	}
}

/*
 * The record written as the API writes it (recjson_write) is, byte for byte, what jansson
 * makes of recjson_object, in every privacy mode. Returns the RJ_SHOW text, owned.
 */
static char *check_writers(const struct record *rec, const char *body, size_t len)
{
	static const enum recjson_private modes[] = { RJ_OMIT, RJ_REDACT, RJ_SHOW };
	char *text = NULL;

	for (size_t m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
		json_t *j = recjson_object(rec, modes[m]);
		FUZZ_ASSERT(j, "the record of %s cannot be written as JSON", fuzz_show(body, len));
		char *dumped = json_dumps(j, JSON_COMPACT), *written;
		size_t n;
		struct jsonw w;
		json_decref(j);
		jsonw_init(&w, 1 << 20);
		recjson_write(&w, rec, modes[m]);
		FUZZ_ASSERT(dumped && jsonw_finish(&w, &written, &n) == SC_OK, "no memory");
		FUZZ_ASSERT(strlen(dumped) == n && memcmp(dumped, written, n) == 0,
		            "the record of %s is written as %s, but jansson writes %s",
		            fuzz_show(body, len), fuzz_show(written, n),
		            fuzz_show(dumped, strlen(dumped)));
		free(dumped);
		if (modes[m] == RJ_SHOW)
			text = written;
		else
			free(written);
	}
	return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	const struct entity_def *def = writable[fuzz_byte(&in) % nwritable];
	uint8_t mode = fuzz_byte(&in);
	bool patch = mode & 1;
	const char *tz = zones[(mode >> 1) % (sizeof(zones) / sizeof(zones[0]))];
	char *type = mode & 8 ? fuzz_part(&in, '\n', NULL) : fuzz_copy("application/json", 16);
	const char *body = (const char *)in.p; /* not NUL-terminated: the server's body is */
	char *copy = fuzz_copy(in.p, in.n);
	struct http_response resp, resp2;
	struct record *rec, *again;

	rec = read_body(def, patch, tz, type, copy, in.n, &resp);
	if (!rec) {
		check_refusal(&resp, type, body, in.n);
		goto out;
	}
	FUZZ_ASSERT(resp.status == 200 && !resp.body, "a body read gave an answer");
	check_type(type);
	check_values(rec, patch, body, in.n);

	/* As GET answers it: the text recjson_write makes (no id: the record has none yet). */
	char *text = check_writers(rec, body, in.n);
	again = read_body(def, patch, tz, "application/json", text, strlen(text), &resp2);
	FUZZ_ASSERT(again, "%s was read from %s, but its JSON %s is refused: %s", def->name,
	            fuzz_show(body, in.n), text,
	            resp2.body ? fuzz_show(resp2.body, resp2.body_len) : "");
	for (size_t i = 0; i < def->nfields; i++)
		FUZZ_ASSERT(same_value(&def->fields[i], &rec->v[i], &again->v[i]),
		            "%s.%s read from %s changed when read again from its JSON %s",
		            def->name, def->fields[i].name, fuzz_show(body, in.n), text);
	record_free(&again);
	free(text);
	http_response_release(&resp2);
	record_free(&rec);
out:
	http_response_release(&resp);
	free(copy);
	free(type);
	return 0;
}
