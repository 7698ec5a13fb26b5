/*
 * store_sqlite_int.h - the SQLite handle, shared by the files of the SQLite
 * implementation (store_sqlite.c: records; store_sqlite_query.c: the named
 * queries of the pitfall rules).
 */
#ifndef SALESCOACH_STORE_SQLITE_INT_H
#define SALESCOACH_STORE_SQLITE_INT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "store_int.h"

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

struct sqlite_store {
	struct store base; /* first: a struct store * points here */
	sqlite3 *db;
	bool in_tx;
	/* Per entity kind, the most recently used shapes first (store_sqlite.c). */
	struct sqlite_insert inserts[E_COUNT][SQLITE_INSERT_SHAPES];
	/* The instant of the last insert, formatted once per second of the clock. */
	time_t insert_time;
	char insert_now[24];
};

/* store_query for SQLite (store_sqlite_query.c). */
enum sc_result sqlite_query(struct store *st, int64_t org, enum store_query q,
                            const struct qparam *params, size_t nparams, struct qrows *out,
                            struct sc_error *err);

#endif
