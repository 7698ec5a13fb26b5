/*
 * store_backends.h - the databases test_store.c runs its suite against: for
 * each, how to make a fresh, empty location for one test, open it (again),
 * and throw it away.
 */
#ifndef SALESCOACH_STORE_BACKENDS_H
#define SALESCOACH_STORE_BACKENDS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/result.h"
#include "store/store.h"

struct backend {
	const char *name; /* what store_kind() answers */
	/* Make a new, empty location in where (size n); false when impossible. */
	bool (*create)(char *where, size_t n);
	enum sc_result (*open)(const char *where, struct store **out, struct sc_error *err);
	void (*destroy)(const char *where);
	int (*latest_version)(void); /* the highest migration the program carries */
	bool (*available)(void);     /* whether it runs here; NULL: always */
};

/* SQLite on a temporary file; PostgreSQL under with_pg.sh, each test in a database of its own. */
extern const struct backend backends[];
extern const size_t nbackends;

#endif
