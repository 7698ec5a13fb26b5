/*
 * store_sqlite_int.h - the SQLite handle, shared by the files of the SQLite
 * implementation (store_sqlite.c: the connection, transactions and the
 * statement cache; store_sqlite_record.c: records and the reads built from
 * filters; store_sqlite_query.c: the named queries of the pitfall rules).
 */
#ifndef SALESCOACH_STORE_SQLITE_INT_H
#define SALESCOACH_STORE_SQLITE_INT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "store/store_int.h"

/*
 * A prepared INSERT kept for reuse: which fields it names (bit i = field i
 * of the entity) and the statement. Bulk loads insert rows of one shape
 * over and over; preparing each one anew would cost more than the insert.
 */
#define SQLITE_INSERT_SHAPES 4
struct sqlite_insert {
	uint64_t fields;
	sqlite3_stmt *stmt; /* NULL: slot unused */
};

/*
 * Prepared reads and changes kept for reuse, by their SQL text: the API
 * runs the same few shapes of statement over and over, and preparing one
 * costs more than running it. Least recently used is replaced.
 */
#define SQLITE_STMT_CACHE 64
struct sqlite_cached {
	char *sql;     /* owned; NULL: slot unused */
	uint64_t hash; /* of sql: most texts begin alike ("SELECT id, org_id, ...") */
	sqlite3_stmt *stmt;
	uint64_t used; /* the cache's clock at the last use */
	bool busy;     /* handed out and not yet given back */
};

#define SQLITE_SHAPES    32
#define SQLITE_SHAPE_KEY 48

struct sqlite_store {
	struct store base; /* first: a struct store * points here */
	sqlite3 *db;
	bool in_tx;
	unsigned savepoints; /* open savepoints inside the transaction (store_savepoint) */
	struct sqlite_cached cache[SQLITE_STMT_CACHE];
	uint64_t clock;
	/* Per entity kind, the most recently used shapes first (store_sqlite.c). */
	struct sqlite_insert inserts[E_COUNT][SQLITE_INSERT_SHAPES];
	/*
	 * The text of the reads of store_list and store_count by their shape
	 * (the kind, each filter's field and operator, the order and the page):
	 * a read of the same shape finds its text without building it again.
	 */
	struct sqlite_shape {
		int64_t key[SQLITE_SHAPE_KEY];
		size_t n;  /* of key; 0: slot unused */
		char *sql; /* owned */
		uint64_t hash, used;
	} shapes[SQLITE_SHAPES];
	/* Per entity kind, the statement of store_get, built on its first use (owned). */
	char *get_sql[E_COUNT];
	/* The instant of the last insert, formatted once per second of the clock. */
	time_t insert_time;
	char insert_now[24];
};

/*
 * A statement for sql from the connection's cache (reset, no bindings) or
 * newly prepared into it; give it back with sqlite_release, which resets
 * it (or finalizes one prepared apart when the cache was all in use).
 */
enum sc_result sqlite_cached(struct sqlite_store *st, const char *sql, sqlite3_stmt **stmt,
                             struct sc_error *err);
void sqlite_release(struct sqlite_store *st, sqlite3_stmt *stmt);

/*
 * An SQLite failure of what (a statement's purpose or an entity) in err:
 * SC_CONFLICT for a constraint, SC_STORE otherwise (busy said as such).
 */
enum sc_result sqlite_fail(struct sqlite_store *st, struct sc_error *err, const char *what);

/* The hash sqlite_cached keys its statements by, and sqlite_cached for a text whose hash is known.
 */
uint64_t sqlite_sql_hash(const char *sql);
enum sc_result sqlite_cached_hashed(struct sqlite_store *st, const char *sql, uint64_t hash,
                                    sqlite3_stmt **stmt, struct sc_error *err);

/* The records of store.h (store_sqlite_record.c). */
enum sc_result sqlite_insert(struct store *base, int64_t org, struct record *rec,
                             struct sc_error *err);
enum sc_result sqlite_update(struct store *base, int64_t org, const struct record *rec,
                             struct sc_error *err);
enum sc_result sqlite_delete(struct store *base, int64_t org, const struct entity_def *def,
                             int64_t id, struct sc_error *err);
enum sc_result sqlite_get(struct store *base, int64_t org, const struct entity_def *def, int64_t id,
                          struct record **out, struct sc_error *err);
enum sc_result sqlite_list(struct store *base, int64_t org, const struct entity_def *def,
                           const struct list_opts *opts, struct record_list *out,
                           struct sc_error *err);
enum sc_result sqlite_count(struct store *base, int64_t org, const struct entity_def *def,
                            const struct filter *filters, size_t nfilters, int64_t *count,
                            struct sc_error *err);

/* store_backup for SQLite (store_sqlite_backup.c). */
enum sc_result sqlite_backup(struct store *base, const char *path, bool replace,
                             struct store_copy_info *info, struct sc_error *err);

/* store_query for SQLite (store_sqlite_query.c). */
enum sc_result sqlite_query(struct store *st, int64_t org, enum store_query q,
                            const struct qparam *params, size_t nparams, struct qrows *out,
                            struct sc_error *err);

/*
 * Step stmt to its end, appending its rows to *out as typed cells
 * (store_sqlite_query.c); the statement stays the caller's.
 */
enum sc_result sqlite_rows(struct sqlite_store *st, sqlite3_stmt *stmt, struct qrows *out,
                           struct sc_error *err);

/* What store_copy needs of SQLite (store_sqlite_copy.c). */
extern const struct store_copy_ops sqlite_copy_ops;

/*
 * Register sc_utf8_valid(x) and sc_utf8_repair(x) on db (store_sqlite_repair.c),
 * for migration 0006. Returns an SQLite result code.
 */
int sqlite_text_functions(sqlite3 *db);

/*
 * Migration 0006: in every text column of every table, replace byte
 * sequences that are not UTF-8 with U+FFFD, with an audit-log row per
 * repaired value of a record. Runs inside the migration's transaction.
 */
enum sc_result sqlite_repair_text(sqlite3 *db, struct sc_error *err);

#endif
