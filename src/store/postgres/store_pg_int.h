/*
 * store_pg_int.h - the PostgreSQL handle, shared by the files of the
 * PostgreSQL implementation (store_pg.c: the connection, its migrations,
 * transactions and the statement cache; store_pg_record.c: records and the
 * reads built from filters; store_pg_query.c: the named queries, whose SQL
 * texts are in store_pg_queries.c).
 */
#ifndef SALESCOACH_STORE_PG_INT_H
#define SALESCOACH_STORE_PG_INT_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store_int.h"

/*
 * Statements prepared on the connection, by their SQL text: the API runs
 * the same few shapes over and over, and a prepared statement is parsed
 * and planned once. Least recently used is deallocated when full.
 */
#define PG_STMT_CACHE 128
struct pg_cached {
	char *sql;     /* owned; NULL: slot unused */
	uint64_t hash; /* of sql */
	unsigned name; /* prepared as "s<name>" */
	uint64_t used; /* the cache's clock at the last use */
};

struct pg_store {
	struct store base; /* first: a struct store * points here */
	PGconn *conn;
	bool in_tx;
	bool tx_failed; /* a statement of the open transaction failed: only a rollback is left */
	bool read_tx;   /* the open transaction is a read transaction (store_read_begin) */
	unsigned savepoints; /* open savepoints inside the transaction */
	int64_t org_set;     /* the organisation salescoach.org_id holds now (0: none) */
	int64_t org_locked; /* the organisation whose writer lock the transaction holds (0: none) */
	bool durable_normal; /* store_set_durability chose NORMAL (set again on a new connection) */
	struct pg_cached cache[PG_STMT_CACHE];
	uint64_t clock;
	unsigned next_name;
};

/*
 * The texts of the named queries of store.h in PostgreSQL's SQL
 * (store_pg_queries.c): $1 is the organisation, $2... the documented
 * parameters in order, each cast to its type where PostgreSQL could not
 * infer it.
 */
extern const char *const pg_queries[SQ_COUNT];

/*
 * Run sql (prepared once per connection and kept) with nparams parameters
 * as text (NULL for SQL NULL), for org (salescoach.org_id set to it first
 * when it is not already; 0: leave it). On SC_OK *res holds the result
 * (PQclear it); on failure err says why, in the words of what: SC_CONFLICT
 * for a constraint, SC_STORE otherwise.
 */
enum sc_result pg_run(struct pg_store *st, int64_t org, const char *sql, int nparams,
                      const char *const *params, PGresult **res, const char *what,
                      struct sc_error *err);

/* The records of store.h (store_pg_record.c). */
enum sc_result pg_insert(struct store *base, int64_t org, struct record *rec, struct sc_error *err);
enum sc_result pg_update(struct store *base, int64_t org, const struct record *rec,
                         struct sc_error *err);
enum sc_result pg_delete(struct store *base, int64_t org, const struct entity_def *def, int64_t id,
                         struct sc_error *err);
enum sc_result pg_get(struct store *base, int64_t org, const struct entity_def *def, int64_t id,
                      struct record **out, struct sc_error *err);
enum sc_result pg_list(struct store *base, int64_t org, const struct entity_def *def,
                       const struct list_opts *opts, struct record_list *out, struct sc_error *err);
enum sc_result pg_count(struct store *base, int64_t org, const struct entity_def *def,
                        const struct filter *filters, size_t nfilters, int64_t *count,
                        struct sc_error *err);

/* store_query for PostgreSQL (store_pg_query.c). */
enum sc_result pg_query(struct store *base, int64_t org, enum store_query q,
                        const struct qparam *params, size_t nparams, struct qrows *out,
                        struct sc_error *err);

/* Append the rows of res to *out as typed cells (store_pg_query.c); res stays the caller's. */
enum sc_result pg_rows(PGresult *res, struct qrows *out, struct sc_error *err);

/* What store_copy needs of PostgreSQL (store_pg_copy.c). */
extern const struct store_copy_ops pg_copy_ops;

/* store_begin and store_commit of PostgreSQL (store_pg.c). */
enum sc_result pg_begin(struct store *base, struct sc_error *err);

#endif
