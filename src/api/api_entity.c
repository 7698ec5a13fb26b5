/*
 * api_entity.c - /api/{plural} and /api/{plural}/{id} for every kind of
 * record: list with filters and paging, read, add, change, remove. The
 * domain decides who may do what and hides private content; this file
 * checks the JSON and turns results into status codes.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_int.h"
#include "model/recjson.h"

/* The catalogue id of the JSON type a field is sent as, for messages. */
static const char *json_kind_id(const struct field_def *f)
{
	switch (f->type) {
	case FT_INT:
	case FT_REF:
		return "err.type.int";
	case FT_REAL:
		return "err.type.real";
	case FT_BOOL:
		return "err.type.bool";
	default:
		return "err.json.string";
	}
}

/* 422 on field f, the message id's text in the caller's language. */
static bool refuse(struct api_call *c, const struct field_def *f, const char *id)
{
	struct sc_error err;
	const char *kind = msg_text(c->d.lang, json_kind_id(f));
	const char *hint = entity_type_hint_in(f, c->d.lang);
	sc_fail_msg(&err, SC_INVALID, f->name, c->d.lang, id, "field", f->name, "kind", kind,
	            "hint", hint, NULL);
	api_fail(c, &err);
	return false;
}

/*
 * Put the JSON value v into field i of rec, checking its JSON type here and
 * its format and range in the domain. 422 answered and false on failure.
 */
static bool put_field(struct api_call *c, struct record *rec, int i, json_t *v)
{
	const struct field_def *f = &rec->def->fields[i];
	char text[64];
	const char *s = text;
	struct sc_error err;
	bool ok;

	sc_error_init(&err);
	switch (f->type) {
	case FT_INT:
	case FT_REAL:
		/* A number arrives as a number: checked as the domain checks typed digits. */
		if (f->type == FT_INT ? json_is_integer(v) : json_is_number(v)) {
			if (domain_set_number(&c->d, rec, i, json_number_value(v), &err) == SC_OK)
				return true;
			api_fail(c, &err);
			return false;
		}
		ok = false;
		break;
	case FT_REF:
		ok = json_is_integer(v);
		if (ok)
			snprintf(text, sizeof(text), "%" JSON_INTEGER_FORMAT,
			         json_integer_value(v));
		/* A person, or a coach by their person, may be named by e-mail address. */
		else if (json_is_string(v) && entity_ref_by_email(f) &&
		         strchr(json_string_value(v), '@') &&
		         json_string_length(v) == strlen(json_string_value(v))) {
			s = json_string_value(v);
			ok = true;
		}
		break;
	case FT_BOOL:
		ok = json_is_boolean(v);
		if (ok)
			snprintf(text, sizeof(text), "%s", json_is_true(v) ? "true" : "false");
		break;
	default:
		ok = json_is_string(v);
		if (ok) {
			s = json_string_value(v);
			if (json_string_length(v) != strlen(s))
				return refuse(c, f, "err.api.nul");
			/* "" would mean null to the parser: an empty string is sent as null. */
			if (!*s)
				return refuse(c, f, "err.api.empty");
		}
		break;
	}
	if (json_is_null(v)) {
		if (f->flags & FF_REQUIRED)
			return refuse(c, f, "err.api.required");
		s = "";
		ok = true;
	}
	if (!ok)
		return refuse(c, f,
		              strcmp(entity_type_hint_in(f, c->d.lang),
		                     msg_text(c->d.lang, json_kind_id(f))) == 0
		                      ? "err.api.type"
		                      : "err.api.type_hint");
	if (domain_parse(&c->d, rec, i, s, &err) != SC_OK) {
		api_fail(c, &err);
		return false;
	}
	return true;
}

struct record *api_record_from_body(struct api_call *c, const struct entity_def *def, bool patch)
{
	json_t *body = api_body(c), *v;
	struct record *rec = NULL;
	const char *key;

	if (!body)
		return NULL;
	if (!(rec = record_new(def))) {
		api_error(c, 500, "internal", NULL, "out of memory");
		goto fail;
	}
	json_object_foreach(body, key, v)
	{
		int i = entity_field(def, key);
		if (i < 0 || strcmp(key, "id") == 0) {
			char noun[48];
			snprintf(noun, sizeof(noun), "noun.%s.a", def->name);
			api_error_msg(c, 422, "invalid", key, "http.entity_unknown_field", "field",
			              key, "a", msg_text(api_lang(c), noun), NULL);
			goto fail;
		}
		if (patch && (def->fields[i].flags & FF_FIXED)) {
			char noun[48];
			snprintf(noun, sizeof(noun), "noun.%s", def->name);
			api_error_msg(c, 422, "invalid", key, "http.entity_fixed", "field", key,
			              "noun", msg_text(api_lang(c), noun), NULL);
			goto fail;
		}
		if (!put_field(c, rec, i, v))
			goto fail;
	}
	json_decref(body);
	return rec;
fail:
	json_decref(body);
	record_free(&rec);
	return NULL;
}

/* Answer status with rec as recjson_object shows it, written straight as text. */
static void answer_json(struct api_call *c, int status, const struct record *rec)
{
	struct jsonw w;
	jsonw_init(&w, API_ANSWER_MAX);
	recjson_write(&w, rec, RJ_SHOW);
	api_jsonw(c, status, &w);
}

static void answer_record(struct api_call *c, int status, const struct entity_def *def, int64_t id)
{
	struct record *rec = NULL;
	struct sc_error err;
	sc_error_init(&err);
	if (c->d.warning[0])
		http_response_header(c->resp, "X-Salescoach-Warning", c->d.warning);
	if (domain_get(&c->d, def, id, &rec, &err) != SC_OK) {
		/* Written but not readable by the writer (a survey answer): say where it is. */
		if (status == 201)
			api_json(c, status, json_pack("{s:I}", "id", (json_int_t)id));
		else
			api_fail(c, &err);
		return;
	}
	answer_json(c, status, rec);
	record_free(&rec);
}

/* Filters and order from the query string. */
struct list_query {
	struct api_call *c;
	const struct entity_def *def;
	struct filter f[16];       /* the fields' at most 14, then the date range's */
	struct record *values[16]; /* owned: the parsed value of each filter, whole */
	size_t nf;
	int order;
	bool desc;
	bool no_content; /* content=false */
	/* The date range as sent: a copy each, "" when not sent. */
	char from[48], to[48];
};

/* from or to: kept for domain_range, which checks them once the whole query is read. */
static enum sc_result range_bound(struct list_query *q, const char *key, const char *value)
{
	char *into = strcmp(key, "from") == 0 ? q->from : q->to;
	size_t n = strlen(value);

	if (n == 0 || n >= sizeof(q->from)) {
		api_error(q->c, 422, "invalid", key,
		          "%s: write a date, YYYY-MM-DD (a month, YYYY-MM, "
		          "for a list dated by month)",
		          key);
		return SC_INVALID;
	}
	memcpy(into, value, n + 1);
	return SC_OK;
}

static enum sc_result query_pair(void *arg, const char *key, const char *value)
{
	struct list_query *q = arg;
	const struct entity_def *def = q->def;

	if (strcmp(key, "limit") == 0 || strcmp(key, "offset") == 0 || strcmp(key, "lang") == 0 ||
	    strcmp(key, "format") == 0)
		return SC_OK;
	if (strcmp(key, "order") == 0) {
		struct sc_error err;
		sc_error_init(&err);
		if (domain_order(def, value, q->c->d.lang, &q->order, &err) != SC_OK) {
			api_fail(q->c, &err);
			return SC_INVALID;
		}
		return SC_OK;
	}
	if (strcmp(key, "from") == 0 || strcmp(key, "to") == 0)
		return range_bound(q, key, value);
	if (strcmp(key, "desc") == 0 || strcmp(key, "content") == 0) {
		if (strcmp(value, "true") != 0 && strcmp(value, "false") != 0) {
			api_error(q->c, 422, "invalid", key, "%s must be true or false", key);
			return SC_INVALID;
		}
		if (key[0] == 'd')
			q->desc = strcmp(value, "true") == 0;
		else
			q->no_content = strcmp(value, "false") == 0;
		return SC_OK;
	}
	int i = entity_field(def, key);
	if (i < 0 || !(def->fields[i].flags & FF_LIST) || (def->fields[i].flags & FF_PRIVATE)) {
		api_error(q->c, 422, "invalid", key,
		          "%s cannot be filtered by '%s'; filter by a listed field, or use limit, "
		          "offset, order, desc, from, to, content",
		          def->plural, key);
		return SC_INVALID;
	}
	if (q->nf == 14) { /* and room for the date range's two */
		api_error(q->c, 422, "invalid", key, "at most 14 filters");
		return SC_INVALID;
	}
	/* Parse the value as the field's type, through a scratch record. */
	struct record *tmp = record_new(def);
	struct sc_error err;
	sc_error_init(&err);
	if (!tmp || domain_parse(&q->c->d, tmp, i, value, &err) != SC_OK) {
		record_free(&tmp);
		api_fail(q->c, &err);
		return SC_INVALID;
	}
	struct filter *f = &q->f[q->nf];
	memset(f, 0, sizeof(*f));
	f->field = i;
	if (tmp->v[i].state == V_NULL) {
		f->op = FO_NULL;
	} else {
		f->op = FO_EQ;
		f->i = tmp->v[i].i;
		f->r = tmp->v[i].r;
		f->s = tmp->v[i].s; /* kept whole until the list is read */
	}
	q->values[q->nf++] = tmp;
	return SC_OK;
}

/*
 * Answer 200 with the page of records as api_page(recjson_array(...)) shows
 * it, written straight as text: a list's answer cost most of what the list
 * costs beside its query.
 */
static void answer_page(struct api_call *c, const struct record_list *out, size_t limit,
                        size_t offset, size_t total)
{
	struct jsonw w;
	jsonw_init(&w, API_ANSWER_MAX);
	jsonw_object_open(&w);
	jsonw_key(&w, "items");
	jsonw_array_open(&w);
	for (size_t i = 0; i < out->n; i++)
		recjson_write(&w, out->items[i], RJ_SHOW);
	jsonw_array_close(&w);
	jsonw_key(&w, "limit");
	jsonw_int(&w, (int64_t)limit);
	jsonw_key(&w, "offset");
	jsonw_int(&w, (int64_t)offset);
	jsonw_key(&w, "total");
	jsonw_int(&w, (int64_t)total);
	jsonw_object_close(&w);
	api_jsonw(c, 200, &w);
}

/*
 * The list as CSV or XLSX: every record the filters select, not one page,
 * unless limit or offset say otherwise (docs/export.md). Counted first
 * without content (nothing private is read, nothing logged), so that an
 * export past EXPORT_MAX_ROWS is refused before it is read.
 */
static void answer_export(struct api_call *c, enum export_format fmt, const struct entity_def *def,
                          struct list_opts *lo)
{
	struct record_list out = { 0 };
	struct list_opts count = *lo;
	struct sc_error err;
	size_t total = 0;

	sc_error_init(&err);
	count.limit = 1;
	count.no_content = true;
	if (domain_list_total(&c->d, def, &count, &out, &total, &err) != SC_OK) {
		api_fail(c, &err);
		record_list_release(&out);
		return;
	}
	record_list_release(&out);
	if (lo->limit == 0 && total - (lo->offset < total ? lo->offset : total) > EXPORT_MAX_ROWS) {
		export_too_many(total, c->d.lang, &err);
		api_fail(c, &err);
		return;
	}
	/* The file is named as the route: sessions.csv, audit-log.xlsx, me-access-log.csv. */
	char name[64];
	snprintf(name, sizeof(name), "%s", c->resp->route ? c->resp->route : def->plural);
	for (char *p = name; *p; p++)
		if (*p == '.')
			*p = '-';
	if (domain_list_total(&c->d, def, lo, &out, &total, &err) != SC_OK)
		api_fail(c, &err);
	else
		api_export_answer(c, fmt, name, def, &out, NULL, total);
	record_list_release(&out);
}

void api_entity_list(struct api_call *c, const struct entity_def *def, bool newest_first)
{
	struct list_query q = { .c = c, .def = def, .order = FILTER_ID, .desc = newest_first };
	struct date_range range;
	struct record_list out = { 0 };
	struct sc_error err;
	size_t limit, offset, total = 0;
	enum export_format fmt;

	if (!api_export_format(c, &fmt))
		return;
	if (fmt == EXPORT_JSON ? !api_paging(c, &limit, &offset)
	                       : !api_paging_upto(c, 0, EXPORT_MAX_ROWS, &limit, &offset))
		return;
	sc_error_init(&err);
	if (http_query_each(c->req->query, query_pair, &q, &err) != SC_OK) {
		if (!c->resp->body)
			api_error(c, 422, "invalid", NULL, "%s", err.message);
	} else if (domain_range(&c->d, def, q.from[0] ? q.from : NULL, q.to[0] ? q.to : NULL,
	                        &range, &err) != SC_OK) {
		api_fail(c, &err);
	} else {
		memcpy(q.f + q.nf, range.f, range.n * sizeof(range.f[0]));
		q.nf += range.n;
		struct list_opts lo = { q.f, q.nf, q.order, q.desc, limit, offset, q.no_content };
		if (fmt != EXPORT_JSON)
			answer_export(c, fmt, def, &lo);
		else if (domain_list_total(&c->d, def, &lo, &out, &total, &err) != SC_OK)
			api_fail(c, &err);
		else
			answer_page(c, &out, limit, offset, total);
		record_list_release(&out);
	}
	for (size_t i = 0; i < q.nf; i++)
		record_free(&q.values[i]);
}

void api_entity(struct api_call *c, const struct entity_def *def)
{
	const char *m = c->req->method;
	struct sc_error err;
	struct record *rec = NULL;
	int64_t id = 0;

	sc_error_init(&err);
	if (c->nsegs == 1 && strcmp(m, "GET") == 0) {
		api_entity_list(c, def, false);
		return;
	}
	if (c->nsegs == 2 && !api_id(c, c->segs[1], &id))
		return;
	if (strcmp(m, "GET") == 0) {
		if (domain_get(&c->d, def, id, &rec, &err) != SC_OK)
			api_fail(c, &err);
		else
			answer_json(c, 200, rec);
		record_free(&rec);
		return;
	}
	if (strcmp(m, "DELETE") == 0) {
		if (domain_remove(&c->d, def, id, &err) != SC_OK)
			api_fail(c, &err);
		else
			api_json(c, 204, NULL);
		return;
	}
	if (!(rec = api_record_from_body(c, def, strcmp(m, "PATCH") == 0)))
		return;
	rec->id = id;
	enum sc_result rc = strcmp(m, "POST") == 0 ? domain_add(&c->d, rec, &err)
	                                           : domain_update(&c->d, rec, &err);
	if (rc)
		api_fail(c, &err);
	else
		answer_record(c, strcmp(m, "POST") == 0 ? 201 : 200, def, rec->id);
	record_free(&rec);
}
