/*
 * store_backends.c - the databases of test_store.c (see store_backends.h).
 */
#include "store_backends.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "store/migrations.h"

/* ---- SQLite ------------------------------------------------------------------------------- */

static bool sqlite_create(char *where, size_t n)
{
	const char *tmp = getenv("TMPDIR");
	char dir[512];

	snprintf(dir, sizeof(dir), "%s/salescoach-store-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return false;
	snprintf(where, n, "%s/store.db", dir);
	return true;
}

static void sqlite_destroy(const char *where)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	char path[600], *slash;

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", where, suffixes[i]);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s", where);
	if ((slash = strrchr(path, '/'))) {
		*slash = '\0';
		rmdir(path);
	}
}

static int sqlite_latest(void)
{
	int v = 0;
	for (const struct migration *m = sqlite_migrations; m->version; m++)
		if (m->version > v)
			v = m->version;
	return v;
}

/* ---- PostgreSQL --------------------------------------------------------------------------- */

/* The superuser's URI (with_pg.sh), which makes and drops the tests' databases. */
static const char *pg_admin(void)
{
	const char *uri = getenv("SALESCOACH_TEST_PG_ADMIN");
	return uri && *uri ? uri : NULL;
}

/* The program's role's URI to with_pg.sh's database; the tests' URIs are it with another name. */
static const char *pg_user(void)
{
	const char *uri = getenv("SALESCOACH_TEST_PG");
	return uri && *uri ? uri : NULL;
}

static bool pg_available(void)
{
	return pg_admin() && pg_user();
}

/* Where the database's name lies in a URI postgresql://who@host/NAME?options: [*start, *end). */
static bool pg_uri_name(const char *uri, size_t *start, size_t *end)
{
	const char *p = strstr(uri, "://"), *slash;

	if (!p || !(slash = strchr(p + 3, '/')))
		return false;
	*start = (size_t)(slash + 1 - uri);
	*end = *start + strcspn(slash + 1, "?");
	return true;
}

static bool pg_admin_exec(const char *sql)
{
	PGconn *conn = PQconnectdb(pg_admin());
	bool ok = false;

	if (PQstatus(conn) == CONNECTION_OK) {
		PGresult *res = PQexec(conn, sql);
		ok = PQresultStatus(res) == PGRES_COMMAND_OK;
		if (!ok)
			fprintf(stderr, "%s: %s", sql, PQerrorMessage(conn));
		PQclear(res);
	} else {
		fprintf(stderr, "%s: %s", pg_admin(), PQerrorMessage(conn));
	}
	PQfinish(conn);
	return ok;
}

/* A new database of the program's role, named after this process and a counter. */
static bool pg_create(char *where, size_t n)
{
	static int serial;
	const char *user = pg_user();
	char name[64], sql[160];
	size_t start, end;

	if (!pg_uri_name(user, &start, &end))
		return false;
	snprintf(name, sizeof(name), "sc_store_%ld_%d", (long)getpid(), ++serial);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s OWNER salescoach", name);
	if (!pg_admin_exec(sql))
		return false;
	return snprintf(where, n, "%.*s%s%s", (int)start, user, name, user + end) < (int)n;
}

static void pg_destroy(const char *where)
{
	char sql[160];
	size_t start, end;

	if (pg_uri_name(where, &start, &end)) {
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %.*s WITH (FORCE)",
		         (int)(end - start), where + start);
		pg_admin_exec(sql);
	}
}

static int pg_latest(void)
{
	int v = 0;
	for (const struct migration *m = postgres_migrations; m->version; m++)
		if (m->version > v)
			v = m->version;
	return v;
}

static bool sqlite_available(void)
{
	return !pg_available();
}

const struct backend backends[] = {
	{ "sqlite", sqlite_create, store_open_sqlite, sqlite_destroy, sqlite_latest,
	  sqlite_available },
	{ "postgresql", pg_create, store_open_postgres, pg_destroy, pg_latest, pg_available },
};

const size_t nbackends = sizeof(backends) / sizeof(backends[0]);
