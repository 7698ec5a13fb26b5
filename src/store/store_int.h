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

struct store {
	const struct store_ops *ops;
};

#endif
