#include "model/record.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct record *record_new(const struct entity_def *def)
{
	struct record *rec = calloc(1, sizeof(*rec) + def->nfields * sizeof(struct value));
	if (rec)
		rec->def = def;
	return rec;
}

struct record *record_dup(const struct record *rec)
{
	struct record *copy = record_new(rec->def);
	if (!copy)
		return NULL;
	copy->id = rec->id;
	copy->org_id = rec->org_id;
	memcpy(copy->created_at, rec->created_at, sizeof(copy->created_at));
	for (size_t i = 0; i < rec->def->nfields; i++) {
		copy->v[i] = rec->v[i];
		copy->v[i].s = NULL;
		if (rec->v[i].s && !(copy->v[i].s = strdup(rec->v[i].s))) {
			record_free(&copy);
			return NULL;
		}
	}
	return copy;
}

void record_free(struct record **prec)
{
	struct record *rec = *prec;
	if (!rec)
		return;
	for (size_t i = 0; i < rec->def->nfields; i++)
		free(rec->v[i].s);
	free(rec);
	*prec = NULL;
}

static void value_reset(struct value *v)
{
	free(v->s);
	memset(v, 0, sizeof(*v));
}

enum sc_result record_set_text(struct record *rec, int i, const char *s)
{
	char *copy = strdup(s);
	if (!copy)
		return SC_NOMEM;
	value_reset(&rec->v[i]);
	rec->v[i].s = copy;
	rec->v[i].state = V_SET;
	return SC_OK;
}

void record_set_int(struct record *rec, int i, int64_t v)
{
	value_reset(&rec->v[i]);
	rec->v[i].i = v;
	rec->v[i].state = V_SET;
}

void record_set_real(struct record *rec, int i, double v)
{
	value_reset(&rec->v[i]);
	rec->v[i].r = v;
	rec->v[i].state = V_SET;
}

void record_set_null(struct record *rec, int i)
{
	value_reset(&rec->v[i]);
	rec->v[i].state = V_NULL;
}

void record_clear(struct record *rec, int i)
{
	value_reset(&rec->v[i]);
}

/*
 * The index of a field named in the code. A name the kind does not have is
 * a programming error that would otherwise read or write the wrong memory:
 * stop in every build, naming it, rather than only where assert is on.
 */
static int must_field(const struct record *rec, const char *field)
{
	int i = entity_field(rec->def, field);
	if (i < 0) {
		fprintf(stderr, "salescoach: internal error: %s has no field '%s'\n",
		        rec->def->name, field);
		abort();
	}
	return i;
}

enum sc_result record_put_text(struct record *rec, const char *field, const char *s)
{
	return record_set_text(rec, must_field(rec, field), s);
}

void record_put_int(struct record *rec, const char *field, int64_t v)
{
	record_set_int(rec, must_field(rec, field), v);
}

void record_put_real(struct record *rec, const char *field, double v)
{
	record_set_real(rec, must_field(rec, field), v);
}

const char *record_text(const struct record *rec, const char *field)
{
	int i = must_field(rec, field);
	return rec->v[i].state == V_SET ? rec->v[i].s : NULL;
}

int64_t record_int(const struct record *rec, const char *field)
{
	int i = must_field(rec, field);
	return rec->v[i].state == V_SET ? rec->v[i].i : 0;
}

double record_real(const struct record *rec, const char *field)
{
	int i = must_field(rec, field);
	return rec->v[i].state == V_SET ? rec->v[i].r : 0.0;
}

bool record_is_set(const struct record *rec, const char *field)
{
	return rec->v[must_field(rec, field)].state == V_SET;
}

/* v in decimal into out (size n > 0), cut as snprintf would cut it. */
static char *format_int(int64_t v, char *out, size_t n)
{
	char digits[24], *p = digits + sizeof(digits);
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	size_t len;

	*--p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	len = (size_t)(digits + sizeof(digits) - 1 - p);
	if (len >= n)
		len = n - 1;
	memcpy(out, p, len);
	out[len] = '\0';
	return out;
}

char *record_format(const struct record *rec, int i, char *out, size_t n)
{
	const struct value *v = &rec->v[i];

	if (n == 0)
		return out;
	out[0] = '\0';
	if (v->state != V_SET)
		return out;
	switch (rec->def->fields[i].type) {
	case FT_INT:
	case FT_REF:
		return format_int(v->i, out, n);
	case FT_BOOL:
		snprintf(out, n, "%s", v->i ? "true" : "false");
		break;
	case FT_REAL:
		snprintf(out, n, "%.10g", v->r);
		break;
	default: { /* as snprintf "%s" would, without its cost (an import formats every value) */
		size_t len = v->s ? strlen(v->s) : 0;
		if (len >= n)
			len = n - 1;
		memcpy(out, v->s ? v->s : "", len);
		out[len] = '\0';
		break;
	}
	}
	return out;
}

enum sc_result record_list_push(struct record_list *list, struct record *rec)
{
	if (list->n == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 16;
		struct record **items = realloc(list->items, cap * sizeof(*items));
		if (!items)
			return SC_NOMEM;
		list->items = items;
		list->cap = cap;
	}
	list->items[list->n++] = rec;
	return SC_OK;
}

void record_list_release(struct record_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		record_free(&list->items[i]);
	free(list->items);
	list->items = NULL;
	list->n = list->cap = 0;
}
