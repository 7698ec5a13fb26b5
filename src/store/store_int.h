/*
 * store_int.h - what a store implementation provides (for store_*.c only).
 *
 * Each implementation embeds struct store as the first member of its own
 * handle and fills a struct store_ops; store.c checks arguments common to
 * all and dispatches. The contracts are those of store.h.
 */
#ifndef SALESCOACH_STORE_INT_H
#define SALESCOACH_STORE_INT_H

#include "store/store.h"

struct store_ops {
	const char *kind;
	void (*close)(struct store *st);
	enum sc_result (*schema_version)(struct store *st, int *version, struct sc_error *err);
	enum sc_result (*begin)(struct store *st, struct sc_error *err);
	enum sc_result (*commit)(struct store *st, struct sc_error *err);
	void (*rollback)(struct store *st);
	enum sc_result (*savepoint)(struct store *st, struct sc_error *err);
	enum sc_result (*read_begin)(struct store *st, struct sc_error *err);
	enum sc_result (*set_durability)(struct store *st, enum store_durability d,
	                                 struct sc_error *err);
	enum sc_result (*durability)(struct store *st, enum store_durability *d,
	                             struct sc_error *err);
	enum sc_result (*backup)(struct store *st, const char *path, bool replace,
	                         struct store_copy_info *info, struct sc_error *err);
	enum sc_result (*org_insert)(struct store *st, const char *name, const char *slug,
	                             int64_t *id, struct sc_error *err);
	enum sc_result (*org_list)(struct store *st, struct org **out, size_t *n,
	                           struct sc_error *err);
	enum sc_result (*setting_get)(struct store *st, int64_t org, const char *key, char **value,
	                              struct sc_error *err);
	enum sc_result (*setting_put)(struct store *st, int64_t org, const char *key,
	                              const char *value, struct sc_error *err);
	/* NULL: the store keeps no data version (store_setting_versioned gives ""). */
	enum sc_result (*setting_versioned)(struct store *st, int64_t org, const char *key,
	                                    char **value, char version[STORE_VERSION_LEN],
	                                    struct sc_error *err);
	enum sc_result (*insert)(struct store *st, int64_t org, struct record *rec,
	                         struct sc_error *err);
	enum sc_result (*update)(struct store *st, int64_t org, const struct record *rec,
	                         struct sc_error *err);
	enum sc_result (*delete)(struct store *st, int64_t org, const struct entity_def *def,
	                         int64_t id, struct sc_error *err);
	enum sc_result (*get)(struct store *st, int64_t org, const struct entity_def *def,
	                      int64_t id, struct record **out, struct sc_error *err);
	enum sc_result (*list)(struct store *st, int64_t org, const struct entity_def *def,
	                       const struct list_opts *opts, struct record_list *out,
	                       struct sc_error *err);
	enum sc_result (*count)(struct store *st, int64_t org, const struct entity_def *def,
	                        const struct filter *filters, size_t nfilters, int64_t *count,
	                        struct sc_error *err);
	enum sc_result (*secure_erase)(struct store *st, bool on, struct sc_error *err);
	enum sc_result (*scrub)(struct store *st, bool *complete, struct sc_error *err);
	enum sc_result (*query)(struct store *st, int64_t org, enum store_query q,
	                        const struct qparam *params, size_t nparams, struct qrows *out,
	                        struct sc_error *err);
};

/*
 * The rows of one table as store_copy moves them: column names (owned, one
 * allocation each) and the cells, typed.
 */
struct copy_rows {
	char **names;
	struct qrows rows;
};

void copy_rows_release(struct copy_rows *r);

/*
 * What an implementation provides for store_copy (store_copy.c), besides
 * its transactions. table is one of store_copy.c's table list, never a
 * caller's text; key is "id", or "org_id" for a table without ids; the
 * organisation's own row is in table organisation with key "id" = org.
 */
struct store_copy_ops {
	/* A transaction whose references are checked at its commit. */
	enum sc_result (*begin)(struct store *st, struct sc_error *err);
	/* Rows of org with id after after (ordered by id), up to limit; all when !has_id. */
	enum sc_result (*read)(struct store *st, int64_t org, const char *table, bool has_id,
	                       int64_t after, size_t limit, struct copy_rows *out,
	                       struct sc_error *err);
	/* Insert every row of in, each column by name, survey_answer's coach_kind as given. */
	enum sc_result (*write)(struct store *st, int64_t org, const char *table,
	                        const struct copy_rows *in, struct sc_error *err);
	/* The rows of org in table. */
	enum sc_result (*count)(struct store *st, int64_t org, const char *table, bool has_id,
	                        int64_t *n, struct sc_error *err);
	/* Move table's id sequence past max_id (nothing to do where the next id is max + 1). */
	enum sc_result (*ids_after)(struct store *st, const char *table, int64_t max_id,
	                            struct sc_error *err);
};

/*
 * Append the n bytes at text and a NUL to rows' texts; *at gets where they
 * begin. False when out of memory. (For the implementations' readers of rows.)
 */
bool qrows_add_text(struct qrows *rows, const char *text, size_t n, size_t *at);

/* The entity an FO_IN_VIA filter of def goes through, or NULL when it names no reference. */
const struct entity_def *store_filter_via(const struct entity_def *def, const struct filter *f);

struct store {
	const struct store_ops *ops;
	const struct store_copy_ops *copy;
};

#endif
