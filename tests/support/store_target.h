/*
 * store_target.h - the database the tests' fixtures run on.
 *
 * Without the environment variable SALESCOACH_TEST_PG, a fixture's store is
 * SQLite in memory, as it always was. With it (a PostgreSQL URI that
 * tests/support/with_pg.sh sets: the program's ordinary role, owner of the
 * database, not a superuser), the store is that PostgreSQL database, emptied
 * first, so that the same tests run against both databases and read the same
 * answers, ids included.
 */
#ifndef SALESCOACH_STORE_TARGET_H
#define SALESCOACH_STORE_TARGET_H

#include <stdbool.h>

#include "base/result.h"
#include "store/store.h"

/* The PostgreSQL URI the tests run on, or NULL for SQLite in memory. */
const char *test_store_pg(void);

/*
 * Open the tests' store into *out: SQLite ":memory:", or the PostgreSQL
 * database of SALESCOACH_TEST_PG with every table but schema_version emptied
 * and its ids restarted at 1, as a new SQLite database has them. Only one
 * such store may be open at a time: a second open empties the first's.
 */
enum sc_result test_store_open(struct store **out, struct sc_error *err);

/*
 * Empty every table of the PostgreSQL database at uri but schema_version,
 * restarting its ids, through a connection of its own. false (with the
 * reason in err) when that failed.
 */
bool test_pg_empty(const char *uri, struct sc_error *err);

#endif
