/*
 * store.h - where salescoach keeps its records.
 *
 * One interface with one implementation per database (SQLite now,
 * PostgreSQL behind the same calls later). Nothing here names an SQL
 * dialect: records go in and out as struct record, selected by struct
 * filter. Every row belongs to one organisation, and every call that
 * touches rows takes the organisation's id, so one tenant can never reach
 * another's data.
 *
 * A store handle is used by one thread at a time. Changes made between
 * store_begin and store_commit are applied together or not at all; calls
 * outside a transaction each run in their own.
 */
#ifndef SALESCOACH_STORE_H
#define SALESCOACH_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "entity.h"
#include "record.h"
#include "result.h"

struct store;

/*
 * Open (creating when missing) the SQLite database at path and bring its
 * schema up to date by applying the numbered migrations it lacks. On
 * success *out is an owned handle for store_close.
 */
enum sc_result store_open_sqlite(const char *path, struct store **out, struct sc_error *err);

/* Close the handle and set *pstore to NULL. A no-op on NULL. */
void store_close(struct store **pstore);

/* Name of the implementation ("sqlite"). */
const char *store_kind(const struct store *st);

/* The highest migration applied. */
enum sc_result store_schema_version(struct store *st, int *version, struct sc_error *err);

/* Transactions. Nesting is not supported: store_begin inside one fails. */
enum sc_result store_begin(struct store *st, struct sc_error *err);
enum sc_result store_commit(struct store *st, struct sc_error *err);
void store_rollback(struct store *st);

/* Organisations (tenants). */
struct org {
	int64_t id;
	char name[128];
	char slug[64];
};

enum sc_result store_org_insert(struct store *st, const char *name, const char *slug, int64_t *id,
                                struct sc_error *err);
/* All organisations; *out is owned (free()), *n its length. */
enum sc_result store_org_list(struct store *st, struct org **out, size_t *n, struct sc_error *err);

/* Organisation settings, as text. *value is owned (free()); NULL when unset. */
enum sc_result store_setting_get(struct store *st, int64_t org, const char *key, char **value,
                                 struct sc_error *err);
enum sc_result store_setting_put(struct store *st, int64_t org, const char *key, const char *value,
                                 struct sc_error *err);

enum filter_op { FO_EQ, FO_NE, FO_LT, FO_LE, FO_GT, FO_GE, FO_NULL, FO_NOT_NULL };

/*
 * One condition of a list or count: field index of the entity (or
 * FILTER_ID for the record id) compared with a value of the field's type:
 * i for whole numbers, booleans and references, r for reals, s (borrowed)
 * for the rest.
 */
#define FILTER_ID (-1)
struct filter {
	int field;
	enum filter_op op;
	int64_t i;
	double r;
	const char *s;
};

struct list_opts {
	const struct filter *filters;
	size_t nfilters;
	int order_field; /* field index to sort by, FILTER_ID for id */
	bool descending;
	size_t limit; /* 0: no limit */
	size_t offset;
};

/*
 * Insert rec (its set and null values; absent ones take the column
 * default) into org. On success rec->id, rec->org_id and rec->created_at
 * are filled in.
 */
enum sc_result store_insert(struct store *st, int64_t org, struct record *rec,
                            struct sc_error *err);

/* Write the set and null values of rec to the row rec->id of org. */
enum sc_result store_update(struct store *st, int64_t org, const struct record *rec,
                            struct sc_error *err);

/* Delete row id of def in org. SC_NOT_FOUND when there is none. */
enum sc_result store_delete(struct store *st, int64_t org, const struct entity_def *def, int64_t id,
                            struct sc_error *err);

/* Row id of def in org as an owned record in *out, or SC_NOT_FOUND. */
enum sc_result store_get(struct store *st, int64_t org, const struct entity_def *def, int64_t id,
                         struct record **out, struct sc_error *err);

/* Rows of def in org that meet every filter, appended to *out (owned). */
enum sc_result store_list(struct store *st, int64_t org, const struct entity_def *def,
                          const struct list_opts *opts, struct record_list *out,
                          struct sc_error *err);

/* Number of rows of def in org that meet every filter. */
enum sc_result store_count(struct store *st, int64_t org, const struct entity_def *def,
                           const struct filter *filters, size_t nfilters, int64_t *count,
                           struct sc_error *err);

#endif
