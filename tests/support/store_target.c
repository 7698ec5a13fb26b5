/*
 * store_target.c - the database the tests' fixtures run on (see
 * store_target.h).
 */
#include "store_target.h"

#include <stdlib.h>

#include <libpq-fe.h>

const char *test_store_pg(void)
{
	const char *uri = getenv("SALESCOACH_TEST_PG");
	return uri && *uri ? uri : NULL;
}

/*
 * Every table of the database's own schemas but schema_version, in one
 * TRUNCATE: the foreign keys between them are no obstacle when all go at
 * once, and RESTART IDENTITY sets each id back to 1. No server runs on the
 * test's database, which the data version's trigger is told
 * (0002_data_version.sql).
 */
static const char empty_sql[] =
        "DO $$ DECLARE tables text; BEGIN"
        " PERFORM set_config('salescoach.servers_stopped', 'on', true);"
        " SELECT string_agg(format('%I.%I', n.nspname, c.relname), ', ') INTO tables"
        " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relkind IN ('r', 'p') AND c.relname <> 'schema_version'"
        " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
        " AND n.nspname NOT LIKE 'pg\\_%';"
        " IF tables IS NOT NULL THEN"
        " EXECUTE 'TRUNCATE ' || tables || ' RESTART IDENTITY CASCADE';"
        " END IF; END $$";

bool test_pg_empty(const char *uri, struct sc_error *err)
{
	PGconn *conn = PQconnectdb(uri);
	bool ok = false;

	if (PQstatus(conn) != CONNECTION_OK) {
		sc_fail(err, SC_STORE, NULL, "tests: cannot connect to %s: %s", uri,
		        PQerrorMessage(conn));
	} else {
		PGresult *res = PQexec(conn, empty_sql);
		if (PQresultStatus(res) == PGRES_COMMAND_OK)
			ok = true;
		else
			sc_fail(err, SC_STORE, NULL, "tests: cannot empty %s: %s", uri,
			        PQerrorMessage(conn));
		PQclear(res);
	}
	PQfinish(conn);
	return ok;
}

enum sc_result test_store_open(struct store **out, struct sc_error *err)
{
	const char *uri = test_store_pg();
	enum sc_result rc;

	if (!uri)
		return store_open_sqlite(":memory:", out, err);
	rc = store_open_postgres(uri, out, err);
	if (rc != SC_OK)
		return rc;
	if (!test_pg_empty(uri, err)) {
		store_close(out);
		return SC_STORE;
	}
	return SC_OK;
}
