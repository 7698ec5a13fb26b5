/*
 * store_pg.c - the PostgreSQL implementation of store.h (being built).
 */
#include "store/store_int.h"

enum sc_result store_open_postgres(const char *conninfo, struct store **out, struct sc_error *err)
{
	(void)conninfo;
	*out = NULL;
	return sc_fail(err, SC_STORE, NULL,
	               "this build cannot open a PostgreSQL database yet; use an SQLite file");
}
