/*
 * record.h - one row of an entity: an id, its organisation and a value per
 * field of its entity_def, in the def's field order.
 *
 * Values are kept in their stored form: text for text, dates, instants,
 * enums, skills and codes; int64 for whole numbers, booleans and
 * references; double for reals. A value is either absent (not given: used by
 * updates, which change only given fields), null, or set.
 */
#ifndef SALESCOACH_RECORD_H
#define SALESCOACH_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/entity.h"
#include "base/result.h"

enum value_state { V_ABSENT = 0, V_NULL, V_SET };

struct value {
	enum value_state state;
	int64_t i; /* FT_INT, FT_BOOL, FT_REF */
	double r;  /* FT_REAL */
	char *s;   /* owned text for every other type */
};

struct record {
	const struct entity_def *def; /* borrowed, static */
	int64_t id;                   /* 0 until stored */
	int64_t org_id;
	char created_at[24]; /* stored UTC instant, empty when unknown */
	struct value v[];    /* def->nfields values */
};

struct record_list {
	struct record **items; /* owned */
	size_t n, cap;
};

/* A new record of def with every value absent. Returns owned, or NULL. */
struct record *record_new(const struct entity_def *def);

/* A deep copy of rec. Returns owned, or NULL. */
struct record *record_dup(const struct record *rec);

/* Free *prec and its values; sets *prec to NULL. */
void record_free(struct record **prec);

/* Setters: copy the value into field i (text is duplicated). */
enum sc_result record_set_text(struct record *rec, int i, const char *s);
void record_set_int(struct record *rec, int i, int64_t v);
void record_set_real(struct record *rec, int i, double v);
void record_set_null(struct record *rec, int i);
void record_clear(struct record *rec, int i); /* back to absent */

/* Setters by field name; the field must exist (checked by assert). */
enum sc_result record_put_text(struct record *rec, const char *field, const char *s);
void record_put_int(struct record *rec, const char *field, int64_t v);
void record_put_real(struct record *rec, const char *field, double v);

/* Getters by name: borrowed text or NULL; 0 / 0.0 when not set. */
const char *record_text(const struct record *rec, const char *field);
int64_t record_int(const struct record *rec, const char *field);
double record_real(const struct record *rec, const char *field);
bool record_is_set(const struct record *rec, const char *field);

/*
 * Render field i as text in out (size n): "" for absent or null, "true"/
 * "false" for booleans, numbers without trailing zeros. Returns out.
 */
char *record_format(const struct record *rec, int i, char *out, size_t n);

/* Append rec to list, taking ownership. */
enum sc_result record_list_push(struct record_list *list, struct record *rec);

/* Free every record of list and its array; leaves an empty list. */
void record_list_release(struct record_list *list);

#endif
