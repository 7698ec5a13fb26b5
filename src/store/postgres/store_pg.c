/*
 * store_pg.c - the PostgreSQL implementation of store.h: the connection and
 * its migrations, transactions and savepoints, the cache of prepared
 * statements, organisations and their settings. Records, and the reads
 * built from filters, are in store_pg_record.c; the named queries in
 * store_pg_query.c.
 *
 * SQL text is built only from the static entity definitions (table and
 * column names); every value is a parameter, sent as text.
 *
 * Every statement runs with salescoach.org_id set to the organisation of
 * the call, so that row-level security (sql/postgres/0001_schema.sql)
 * shows and accepts only that organisation's rows whatever the statement
 * says. A transaction of store_begin takes its organisation's writer lock
 * (a transaction-scoped advisory lock) at its first statement: the
 * transactions that change one organisation run one after the other, on
 * every server of the database, as SQLite's writers do on one file. A rule
 * checked by reading inside one (an e-mail address not yet used, a coach's
 * capacity) so still holds at its commit. Organisations do not wait for
 * each other, and reads never wait. Every committed change raises the
 * organisation's data version (sql/postgres/0002_data_version.sql), which
 * store_setting_versioned reads with a setting.
 */
#include "store/migrations.h"
#include "store/postgres/store_pg_int.h"
#include "base/timeutil.h"

#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct store_ops pg_ops;

static struct pg_store *pg(struct store *st)
{
	return (struct pg_store *)st;
}

/* The first line of the server's message for res (or the connection's). */
static void pg_message(struct pg_store *st, const PGresult *res, char *out, size_t n)
{
	const char *m = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (!m || !*m)
		m = PQerrorMessage(st->conn);
	snprintf(out, n, "%s", m && *m ? m : "unknown error");
	char *nl = strchr(out, '\n');
	if (nl)
		*nl = '\0';
}

/* A failed statement's result res (cleared here) as an sc_error about what. */
static enum sc_result pg_fail(struct pg_store *st, PGresult *res, const char *what,
                              struct sc_error *err)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	char msg[400];
	enum sc_result rc;

	pg_message(st, res, msg, sizeof(msg));
	if (st->in_tx)
		st->tx_failed = true;
	if (state && strncmp(state, "23", 2) == 0)
		rc = sc_fail(err, SC_CONFLICT, NULL, "%s: the database refused the change (%s)",
		             what, msg);
	else if (state &&
	         (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03")))
		rc = sc_fail(err, SC_STORE, NULL,
		             "%s: the database is busy (another change got in the way); try again",
		             what);
	else
		rc = sc_fail(err, SC_STORE, NULL, "%s: %s", what, msg);
	PQclear(res);
	return rc;
}

/* One statement without parameters or rows, not prepared (transaction control, settings). */
static enum sc_result pg_exec(struct pg_store *st, const char *sql, struct sc_error *err)
{
	PGresult *res = PQexec(st->conn, sql);
	ExecStatusType s = PQresultStatus(res);

	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
		return pg_fail(st, res, "database", err);
	PQclear(res);
	return SC_OK;
}

static uint64_t sql_hash(const char *sql)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
		h = (h ^ *p) * 1099511628211ull;
	return h;
}

/* Forget every prepared statement (the connection that held them is new). */
static void cache_clear(struct pg_store *st)
{
	for (size_t i = 0; i < PG_STMT_CACHE; i++) {
		free(st->cache[i].sql);
		st->cache[i] = (struct pg_cached){ 0 };
	}
}

/*
 * The name of the statement prepared for sql into name (size n): found in
 * the cache, or prepared now in place of the least recently used.
 */
static enum sc_result prepared(struct pg_store *st, const char *sql, char *name, size_t n,
                               struct sc_error *err)
{
	uint64_t h = sql_hash(sql);
	struct pg_cached *victim = &st->cache[0];

	for (size_t i = 0; i < PG_STMT_CACHE; i++) {
		struct pg_cached *c = &st->cache[i];
		if (c->sql && c->hash == h && !strcmp(c->sql, sql)) {
			c->used = ++st->clock;
			snprintf(name, n, "s%u", c->name);
			return SC_OK;
		}
		if (!c->sql || (victim->sql && c->used < victim->used))
			victim = c;
	}
	if (victim->sql) {
		char dealloc[48];
		snprintf(dealloc, sizeof(dealloc), "DEALLOCATE s%u", victim->name);
		PQclear(PQexec(st->conn, dealloc));
		free(victim->sql);
		*victim = (struct pg_cached){ 0 };
	}
	unsigned id = ++st->next_name;
	snprintf(name, n, "s%u", id);
	PGresult *res = PQprepare(st->conn, name, sql, 0, NULL);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		return pg_fail(st, res, "preparing a statement", err);
	PQclear(res);
	if (!(victim->sql = strdup(sql))) {
		char dealloc[48];
		snprintf(dealloc, sizeof(dealloc), "DEALLOCATE s%u", id);
		PQclear(PQexec(st->conn, dealloc));
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	victim->hash = h;
	victim->name = id;
	victim->used = ++st->clock;
	return SC_OK;
}

/*
 * Make org the connection's organisation (salescoach.org_id, which the
 * row-level security policies compare with) and, in a transaction of
 * store_begin, hold its writer lock: one statement, and only when either
 * is not so already. The setting is the session's, so that the calls
 * outside a transaction pay for it once per organisation, not once each.
 */
static enum sc_result pg_org(struct pg_store *st, int64_t org, struct sc_error *err)
{
	bool lock = st->in_tx && !st->read_tx && st->org_locked != org;
	char id[24];
	const char *params[1] = { id };

	if (org <= 0 || (org == st->org_set && !lock))
		return SC_OK;
	snprintf(id, sizeof(id), "%" PRId64, org);
	PGresult *res = PQexecParams(
	        st->conn,
	        lock ? "SELECT set_config('salescoach.org_id', $1::text, false),"
	               " pg_advisory_xact_lock(hashtextextended('salescoach.org', $1::bigint))"
	             : "SELECT set_config('salescoach.org_id', $1::text, false)",
	        1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		st->org_set = 0;
		return pg_fail(st, res, "choosing the organisation", err);
	}
	PQclear(res);
	st->org_set = org;
	if (lock)
		st->org_locked = org;
	return SC_OK;
}

/*
 * The settings of every connection of the store, set again on a new one:
 * the durability chosen (store_set_durability), and no JIT compilation.
 * The store's statements are short; compiling one took longer than running
 * it (17 ms of a 280 ms read of the alert evaluation), and the evaluation
 * ran 16 % faster without (docs/benchmarks.md).
 */
static enum sc_result session_settings(struct pg_store *st, struct sc_error *err)
{
	char sql[160];

	/* Read committed whatever the database's default: the writer lock orders the writers. */
	snprintf(sql, sizeof(sql),
	         "SET synchronous_commit = %s; SET jit = off;"
	         " SET default_transaction_isolation = 'read committed'",
	         st->durable_normal ? "off" : "on");
	return pg_exec(st, sql, err);
}

/*
 * Connections of this process opened again (pg_reconnect). A crash of the
 * database server ends every connection, and may have lost the last
 * commits (synchronous_commit off) with the data versions they raised:
 * a version read after it carries the new count, and matches none read
 * before (store_setting_versioned).
 */
static atomic_uint_fast64_t reconnects;

/*
 * A connection the server closed (a restart of PostgreSQL, a failover) is
 * opened again once, outside a transaction: the statements prepared on it
 * are gone, and so is its organisation. Inside one there is nothing to
 * recover: the transaction is lost with the connection.
 */
static bool pg_reconnect(struct pg_store *st)
{
	if (PQstatus(st->conn) == CONNECTION_OK || st->in_tx)
		return false;
	PQreset(st->conn);
	cache_clear(st);
	st->org_set = 0;
	atomic_fetch_add(&reconnects, 1);
	return PQstatus(st->conn) == CONNECTION_OK && session_settings(st, NULL) == SC_OK;
}

/* Whether sql changes rows (the store's writes all begin so). */
static bool is_write(const char *sql)
{
	return !strncmp(sql, "INSERT", 6) || !strncmp(sql, "UPDATE", 6) ||
	       !strncmp(sql, "DELETE", 6);
}

/*
 * A failed statement inside a transaction undoes that statement only, as
 * in SQLite, where PostgreSQL would abort the whole transaction: a write in
 * a transaction (outside the caller's own savepoints, which already draw
 * that line) runs inside a savepoint of its own, released when it succeeds
 * and rolled back to when it fails. The reads after a best-effort write
 * that failed (a token's last use, refused because another server wrote it
 * first) go on, and a change refused by a constraint can be answered by
 * another in the same transaction.
 */
static void statement_undone(struct pg_store *st)
{
	PQclear(PQexec(st->conn, "ROLLBACK TO SAVEPOINT sc_stmt; RELEASE SAVEPOINT sc_stmt"));
	st->tx_failed = false;
}

enum sc_result pg_run(struct pg_store *st, int64_t org, const char *sql, int nparams,
                      const char *const *params, PGresult **out, const char *what,
                      struct sc_error *err)
{
	char name[24];
	enum sc_result rc;

	*out = NULL;
	for (int attempt = 0;; attempt++) {
		if ((rc = pg_org(st, org, err)) == SC_OK &&
		    (rc = prepared(st, sql, name, sizeof(name), err)) == SC_OK) {
			bool guard =
			        st->in_tx && !st->savepoints && !st->tx_failed && is_write(sql);
			if (guard && (rc = pg_exec(st, "SAVEPOINT sc_stmt", err)))
				return rc;
			PGresult *res =
			        PQexecPrepared(st->conn, name, nparams, params, NULL, NULL, 0);
			ExecStatusType s = PQresultStatus(res);
			if (s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK) {
				if (guard && (rc = pg_exec(st, "RELEASE SAVEPOINT sc_stmt", err))) {
					PQclear(res);
					return rc;
				}
				*out = res;
				return SC_OK;
			}
			if (attempt == 0 && pg_reconnect(st)) {
				PQclear(res);
				continue;
			}
			rc = pg_fail(st, res, what, err);
			if (guard)
				statement_undone(st);
			return rc;
		}
		if (attempt > 0 || !pg_reconnect(st))
			return rc;
	}
}

/* The highest migration applied, 0 when there is no schema_version table yet. */
static enum sc_result applied_version(struct pg_store *st, int *version, struct sc_error *err)
{
	/* A statement naming a table that is not there fails as a whole: two, then. */
	PGresult *res = PQexec(st->conn, "SELECT to_regclass('schema_version') IS NOT NULL");
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		return pg_fail(st, res, "reading the schema's version", err);
	bool there = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	PQclear(res);
	*version = 0;
	if (!there)
		return SC_OK;
	res = PQexec(st->conn, "SELECT coalesce(max(version), 0) FROM schema_version");
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		return pg_fail(st, res, "reading the schema's version", err);
	*version = atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	return SC_OK;
}

/*
 * Apply the migrations the database lacks, each in its own transaction.
 * Servers starting at once against a new database take turns (an advisory
 * lock of the whole database) and each looks again at what is applied once
 * it has the lock.
 */
static enum sc_result migrate(struct pg_store *st, struct sc_error *err)
{
	enum sc_result rc;
	int have;

	for (const struct migration *m = postgres_migrations; m->version; m++) {
		char now[TU_INSTANT_LEN], version[16];
		if ((rc = applied_version(st, &have, err)))
			return rc;
		if (have >= m->version)
			continue;
		if ((rc = pg_exec(st, "BEGIN", err)) ||
		    (rc = pg_exec(st,
		                  "SELECT pg_advisory_xact_lock("
		                  "hashtextextended('salescoach.migrate', 0))",
		                  err)) ||
		    (rc = applied_version(st, &have, err)))
			goto fail;
		if (have < m->version) {
			if ((rc = pg_exec(st, m->sql, err)))
				goto fail;
			tu_now_instant(now);
			snprintf(version, sizeof(version), "%d", m->version);
			const char *params[3] = { version, m->name, now };
			PGresult *res = PQexecParams(st->conn,
			                             "INSERT INTO schema_version (version, name,"
			                             " applied_at) VALUES ($1::int, $2, $3)",
			                             3, NULL, params, NULL, NULL, 0);
			if (PQresultStatus(res) != PGRES_COMMAND_OK) {
				rc = pg_fail(st, res, "migration", err);
				goto fail;
			}
			PQclear(res);
		}
		if ((rc = pg_exec(st, "COMMIT", err)))
			goto fail;
		continue;
	fail:
		PQclear(PQexec(st->conn, "ROLLBACK"));
		char why[sizeof(err->message)];
		snprintf(why, sizeof(why), "%s", err ? err->message : "");
		return sc_fail(err, rc, NULL, "applying migration %04d_%s failed: %s", m->version,
		               m->name, why);
	}
	return SC_OK;
}

/*
 * Row-level security binds neither a superuser nor a role with BYPASSRLS:
 * connected as one, a query that forgot its organisation would see every
 * organisation's rows. The store refuses such a role.
 */
static enum sc_result check_role(struct pg_store *st, struct sc_error *err)
{
	PGresult *res = PQexec(st->conn, "SELECT current_user, rolsuper OR rolbypassrls"
	                                 " FROM pg_roles WHERE rolname = current_user");
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		return pg_fail(st, res, "reading the connection's role", err);
	if (PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 1), "t") == 0) {
		enum sc_result rc = sc_fail(
		        err, SC_INVALID, NULL,
		        "PostgreSQL role %s is a superuser or bypasses row-level security, which "
		        "would let one organisation's query see another's rows; connect as an "
		        "ordinary role that owns the database (docs/scaling.md: CREATE ROLE "
		        "salescoach LOGIN; CREATE DATABASE salescoach OWNER salescoach)",
		        PQgetvalue(res, 0, 0));
		PQclear(res);
		return rc;
	}
	PQclear(res);
	return SC_OK;
}

enum sc_result store_open_postgres(const char *conninfo, struct store **out, struct sc_error *err)
{
	struct pg_store *st = calloc(1, sizeof(*st));
	enum sc_result rc;
	char shown[512];

	*out = NULL;
	if (!st)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	st->base.ops = &pg_ops;
	st->base.copy = &pg_copy_ops;
	store_target_shown(conninfo, shown, sizeof(shown));
	st->conn = PQconnectdb(conninfo);
	if (!st->conn || PQstatus(st->conn) != CONNECTION_OK) {
		char why[400];
		pg_message(st, NULL, why, sizeof(why));
		rc = sc_fail(err, SC_IO, NULL, "cannot open database %s: %s", shown,
		             st->conn ? why : "out of memory");
		goto fail;
	}
	if (PQsetClientEncoding(st->conn, "UTF8") != 0) {
		rc = sc_fail(err, SC_STORE, NULL, "cannot use database %s: no UTF-8", shown);
		goto fail;
	}
	if ((rc = session_settings(st, err)) || (rc = check_role(st, err)) ||
	    (rc = migrate(st, err))) {
		char why[sizeof(err->message)];
		snprintf(why, sizeof(why), "%s", err ? err->message : "");
		sc_fail(err, rc, NULL, "database %s: %s", shown, why);
		goto fail;
	}
	*out = &st->base;
	return SC_OK;
fail:
	PQfinish(st->conn);
	free(st);
	return rc;
}

static void pq_close(struct store *base)
{
	struct pg_store *st = pg(base);
	if (st->in_tx)
		PQclear(PQexec(st->conn, "ROLLBACK"));
	cache_clear(st);
	PQfinish(st->conn);
	free(st);
}

static enum sc_result pq_schema_version(struct store *base, int *version, struct sc_error *err)
{
	return applied_version(pg(base), version, err);
}

/* A transaction ended: its lock is gone, and a rolled-back one undid its SET too. */
static void tx_ended(struct pg_store *st, bool rolled_back)
{
	st->in_tx = st->read_tx = st->tx_failed = false;
	st->savepoints = 0;
	st->org_locked = 0;
	if (rolled_back)
		st->org_set = 0;
}

/*
 * Begin a transaction with begin: on a connection the server ended (a
 * restart, a failover), which libpq learns only when it is used, once more
 * on a new one, as pg_run does for a statement.
 */
static enum sc_result begin_on(struct pg_store *st, const char *begin, struct sc_error *err)
{
	enum sc_result rc;

	pg_reconnect(st);
	if ((rc = pg_exec(st, begin, err)) && pg_reconnect(st))
		rc = pg_exec(st, begin, err);
	return rc;
}

enum sc_result pg_begin(struct store *base, struct sc_error *err)
{
	struct pg_store *st = pg(base);
	enum sc_result rc;
	if (st->in_tx)
		return sc_fail(err, SC_INTERNAL, NULL, "a transaction is already open");
	if ((rc = begin_on(st, "BEGIN ISOLATION LEVEL READ COMMITTED", err)))
		return rc;
	st->in_tx = true;
	return SC_OK;
}

static enum sc_result pq_read_begin(struct store *base, struct sc_error *err)
{
	struct pg_store *st = pg(base);
	enum sc_result rc;
	if (st->in_tx)
		return sc_fail(err, SC_INTERNAL, NULL, "a transaction is already open");
	/* One snapshot for every read until the end: what SQLite's read transaction gives. */
	if ((rc = begin_on(st, "BEGIN ISOLATION LEVEL REPEATABLE READ", err)))
		return rc;
	st->in_tx = st->read_tx = true;
	return SC_OK;
}

static enum sc_result pq_savepoint(struct store *base, struct sc_error *err)
{
	struct pg_store *st = pg(base);
	char sql[64];
	enum sc_result rc;
	if (!st->in_tx)
		return sc_fail(err, SC_INTERNAL, NULL, "a savepoint needs an open transaction");
	snprintf(sql, sizeof(sql), "SAVEPOINT sc_sp%u", st->savepoints + 1);
	if ((rc = pg_exec(st, sql, err)))
		return rc;
	st->savepoints++;
	return SC_OK;
}

static enum sc_result pq_commit(struct store *base, struct sc_error *err)
{
	struct pg_store *st = pg(base);
	char sql[64];
	if (st->savepoints) {
		/* Not released on failure: the caller's store_rollback undoes it (store.h). */
		snprintf(sql, sizeof(sql), "RELEASE sc_sp%u", st->savepoints);
		enum sc_result rc = pg_exec(st, sql, err);
		if (rc)
			return rc;
		st->savepoints--;
		return SC_OK;
	}
	if (!st->in_tx)
		return SC_OK;
	/* COMMIT of a failed transaction answers ROLLBACK without an error: say it. */
	PGresult *res = PQexec(st->conn, "COMMIT");
	bool failed = st->tx_failed;
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		enum sc_result rc = pg_fail(st, res, "commit", err);
		PQclear(PQexec(st->conn, "ROLLBACK"));
		tx_ended(st, true);
		return rc;
	}
	bool rolled_back = strcmp(PQcmdStatus(res), "ROLLBACK") == 0;
	PQclear(res);
	tx_ended(st, rolled_back || failed);
	if (rolled_back || failed)
		return sc_fail(
		        err, SC_STORE, NULL,
		        "commit: a statement of the transaction had failed; nothing was kept");
	return SC_OK;
}

static void pq_rollback(struct store *base)
{
	struct pg_store *st = pg(base);
	char sql[80];
	if (st->savepoints) {
		snprintf(sql, sizeof(sql), "ROLLBACK TO sc_sp%u; RELEASE sc_sp%u", st->savepoints,
		         st->savepoints);
		PQclear(PQexec(st->conn, sql));
		st->savepoints--;
		/* Back at the savepoint: what failed after it is undone, the rest goes on. */
		st->tx_failed = false;
		st->org_set = st->org_locked = 0;
		return;
	}
	if (st->in_tx)
		PQclear(PQexec(st->conn, "ROLLBACK"));
	tx_ended(st, true);
}

static enum sc_result pq_org_insert(struct store *base, const char *name, const char *slug,
                                    int64_t *id, struct sc_error *err)
{
	struct pg_store *st = pg(base);
	char now[TU_INSTANT_LEN];
	const char *params[3] = { name, slug, now };
	PGresult *res;
	enum sc_result rc;

	tu_now_instant(now);
	if ((rc = pg_run(st, 0,
	                 "INSERT INTO organisation (name, slug, created_at) VALUES ($1, $2, $3)"
	                 " RETURNING id",
	                 3, params, &res, "organisation", err)))
		return rc;
	*id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return SC_OK;
}

static enum sc_result pq_org_list(struct store *base, struct org **out, size_t *n,
                                  struct sc_error *err)
{
	struct pg_store *st = pg(base);
	PGresult *res;
	enum sc_result rc = pg_run(st, 0, "SELECT id, name, slug FROM organisation ORDER BY id", 0,
	                           NULL, &res, "organisations", err);
	if (rc)
		return rc;
	int rows = PQntuples(res);
	struct org *orgs = calloc(rows ? (size_t)rows : 1, sizeof(*orgs));
	if (!orgs) {
		PQclear(res);
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	for (int i = 0; i < rows; i++) {
		orgs[i].id = strtoll(PQgetvalue(res, i, 0), NULL, 10);
		snprintf(orgs[i].name, sizeof(orgs[i].name), "%s", PQgetvalue(res, i, 1));
		snprintf(orgs[i].slug, sizeof(orgs[i].slug), "%s", PQgetvalue(res, i, 2));
	}
	PQclear(res);
	*out = orgs;
	*n = (size_t)rows;
	return SC_OK;
}

/*
 * The setting, and with version the data version in the same statement:
 * the one read of a remembered caller. The version is the organisation's
 * number (from a sequence: never the same twice, even after a TRUNCATE),
 * the database server's start time and this process's count of connections
 * opened again: after a crash of the server, which may have lost the last
 * commits, it matches no version read before.
 */
static enum sc_result pq_setting_versioned(struct store *base, int64_t org, const char *key,
                                           char **value, char version[STORE_VERSION_LEN],
                                           struct sc_error *err)
{
	struct pg_store *st = pg(base);
	char id[24];
	const char *params[2] = { id, key };
	PGresult *res;
	enum sc_result rc;

	*value = NULL;
	snprintf(id, sizeof(id), "%" PRId64, org);
	if ((rc = pg_run(st, org,
	                 version ? "SELECT (SELECT value FROM org_setting"
	                           "   WHERE org_id = $1 AND key = $2),"
	                           " (SELECT version || '@' ||"
	                           "   extract(epoch FROM pg_postmaster_start_time())"
	                           "   FROM data_version WHERE org_id = $1)"
	                         : "SELECT (SELECT value FROM org_setting"
	                           "   WHERE org_id = $1 AND key = $2)",
	                 2, params, &res, "setting", err)))
		return rc;
	if (!PQgetisnull(res, 0, 0) && !(*value = strdup(PQgetvalue(res, 0, 0))))
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	else if (version && !PQgetisnull(res, 0, 1))
		snprintf(version, STORE_VERSION_LEN, "%s#%" PRIuFAST64, PQgetvalue(res, 0, 1),
		         (uint_fast64_t)atomic_load(&reconnects));
	PQclear(res);
	return rc;
}

static enum sc_result pq_setting_get(struct store *base, int64_t org, const char *key, char **value,
                                     struct sc_error *err)
{
	return pq_setting_versioned(base, org, key, value, NULL, err);
}

static enum sc_result pq_setting_put(struct store *base, int64_t org, const char *key,
                                     const char *value, struct sc_error *err)
{
	struct pg_store *st = pg(base);
	char id[24];
	const char *params[3] = { id, key, value };
	PGresult *res;
	enum sc_result rc;

	snprintf(id, sizeof(id), "%" PRId64, org);
	if ((rc = pg_run(st, org,
	                 "INSERT INTO org_setting (org_id, key, value) VALUES ($1, $2, $3)"
	                 " ON CONFLICT (org_id, key) DO UPDATE SET value = excluded.value",
	                 3, params, &res, "setting", err)))
		return rc;
	PQclear(res);
	return SC_OK;
}

/*
 * FULL: a commit returns once PostgreSQL has its log on disk (and on the
 * synchronous standbys the server names); NORMAL: synchronous_commit off,
 * the last moments' commits can be lost in a crash of the database server,
 * never half of one.
 */
static enum sc_result pq_set_durability(struct store *base, enum store_durability d,
                                        struct sc_error *err)
{
	struct pg_store *st = pg(base);
	enum sc_result rc;

	st->durable_normal = d == STORE_DURABLE_NORMAL;
	if ((rc = session_settings(st, err)))
		st->durable_normal = !st->durable_normal;
	return rc;
}

static enum sc_result pq_durability(struct store *base, enum store_durability *d,
                                    struct sc_error *err)
{
	struct pg_store *st = pg(base);
	PGresult *res = PQexec(st->conn, "SHOW synchronous_commit");
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		return pg_fail(st, res, "durability", err);
	*d = strcmp(PQgetvalue(res, 0, 0), "off") == 0 ? STORE_DURABLE_NORMAL : STORE_DURABLE_FULL;
	PQclear(res);
	return SC_OK;
}

/* PostgreSQL has no switch to overwrite deleted values in place: store_scrub does the work. */
static enum sc_result pq_secure_erase(struct store *base, bool on, struct sc_error *err)
{
	(void)base;
	(void)on;
	(void)err;
	return SC_OK;
}

/*
 * Rewrite every table of the database from its live rows (VACUUM FULL: no
 * dead row version keeps a deleted value), then a CHECKPOINT so that the
 * log from before is not needed for recovery and is recycled. *complete is
 * false when the role may not run a CHECKPOINT (it needs pg_checkpoint):
 * the server's next checkpoint, within checkpoint_timeout, does it. The
 * log archives a server keeps are its operator's (docs/scaling.md).
 */
static enum sc_result pq_scrub(struct store *base, bool *complete, struct sc_error *err)
{
	struct pg_store *st = pg(base);
	enum sc_result rc;

	*complete = false;
	if (st->in_tx)
		return sc_fail(err, SC_INTERNAL, NULL, "scrub runs outside a transaction");
	if ((rc = pg_exec(st, "VACUUM (FULL)", err)))
		return rc;
	PGresult *res = PQexec(st->conn, "CHECKPOINT");
	*complete = PQresultStatus(res) == PGRES_COMMAND_OK;
	PQclear(res);
	return SC_OK;
}

static enum sc_result pq_backup(struct store *base, const char *path, bool replace,
                                struct store_copy_info *info, struct sc_error *err)
{
	(void)base;
	(void)path;
	(void)replace;
	info->verdict = STORE_COPY_NOT_SQLITE;
	return sc_fail(err, SC_INVALID, NULL,
	               "a PostgreSQL database is backed up with PostgreSQL's own tools: "
	               "pg_dump --format=custom (and restored with pg_restore), or "
	               "`salescoach copy --from postgresql://... --to FILE.db` for an SQLite copy");
}

static const struct store_ops pg_ops = {
	.kind = "postgresql",
	.close = pq_close,
	.schema_version = pq_schema_version,
	.begin = pg_begin,
	.commit = pq_commit,
	.rollback = pq_rollback,
	.savepoint = pq_savepoint,
	.read_begin = pq_read_begin,
	.set_durability = pq_set_durability,
	.durability = pq_durability,
	.secure_erase = pq_secure_erase,
	.scrub = pq_scrub,
	.backup = pq_backup,
	.org_insert = pq_org_insert,
	.org_list = pq_org_list,
	.setting_get = pq_setting_get,
	.setting_versioned = pq_setting_versioned,
	.setting_put = pq_setting_put,
	.insert = pg_insert,
	.update = pg_update,
	.delete = pg_delete,
	.get = pg_get,
	.list = pg_list,
	.count = pg_count,
	.query = pg_query,
};
