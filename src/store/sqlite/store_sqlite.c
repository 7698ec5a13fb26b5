/*
 * store_sqlite.c - the SQLite implementation of store.h: the connection and
 * its migrations, transactions and savepoints, the cache of prepared
 * statements, organisations and their settings. Records, and the reads
 * built from filters, are in store_sqlite_record.c.
 *
 * SQL text is built only from the static entity definitions (table and
 * column names); every value is a bound parameter. The connection runs in
 * WAL mode with foreign keys on and a busy timeout, so that a server and a
 * command line can share one database file, and syncs every commit to disk
 * unless store_set_durability relaxes it.
 */
#include "store/migrations.h"
#include "store/sqlite/store_sqlite_int.h"
#include "base/timeutil.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct store_ops sqlite_ops;

static struct sqlite_store *sq(struct store *st)
{
	return (struct sqlite_store *)st;
}

enum sc_result sqlite_fail(struct sqlite_store *st, struct sc_error *err, const char *what)
{
	int code = sqlite3_extended_errcode(st->db);

	if ((code & 0xff) == SQLITE_CONSTRAINT)
		return sc_fail(err, SC_CONFLICT, NULL, "%s: the database refused the change (%s)",
		               what, sqlite3_errmsg(st->db));
	if ((code & 0xff) == SQLITE_BUSY)
		return sc_fail(err, SC_STORE, NULL,
		               "%s: the database is busy (another program holds a lock); try again",
		               what);
	return sc_fail(err, SC_STORE, NULL, "%s: %s", what, sqlite3_errmsg(st->db));
}

static enum sc_result exec(struct sqlite_store *st, const char *sql, struct sc_error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		enum sc_result rc = sc_fail(err, SC_STORE, NULL, "database: %s",
		                            msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return rc;
	}
	return SC_OK;
}

static enum sc_result prepare(struct sqlite_store *st, const char *sql, sqlite3_stmt **stmt,
                              struct sc_error *err)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL) != SQLITE_OK)
		return sqlite_fail(st, err, "prepare");
	return SC_OK;
}

/*
 * A statement for sql from the cache (reset, no bindings) or newly prepared
 * into it; give it back with release(). A statement already handed out
 * (a nested use of the same text) is prepared apart and finalized on
 * release.
 */
uint64_t sqlite_sql_hash(const char *sql)
{
	uint64_t hash = 1469598103934665603ULL; /* FNV-1a */
	for (const char *p = sql; *p; p++)
		hash = (hash ^ (unsigned char)*p) * 1099511628211ULL;
	return hash;
}

enum sc_result sqlite_cached_hashed(struct sqlite_store *st, const char *sql, uint64_t hash,
                                    sqlite3_stmt **stmt, struct sc_error *err)
{
	size_t victim = SQLITE_STMT_CACHE; /* none free */
	for (size_t i = 0; i < SQLITE_STMT_CACHE; i++) {
		struct sqlite_cached *c = &st->cache[i];
		if (c->busy)
			continue;
		if (c->sql && c->hash == hash && strcmp(c->sql, sql) == 0) {
			c->busy = true;
			c->used = ++st->clock;
			*stmt = c->stmt;
			return SC_OK;
		}
		/* An empty slot first, else the least recently used. */
		const struct sqlite_cached *v =
		        victim < SQLITE_STMT_CACHE ? &st->cache[victim] : NULL;
		if (!v || (!c->sql && v->sql) || (c->sql && v->sql && c->used < v->used))
			victim = i;
	}
	/* Every slot in use (deep nesting): a statement of its own, finalized on release. */
	if (victim == SQLITE_STMT_CACHE)
		return prepare(st, sql, stmt, err);
	struct sqlite_cached *slot = &st->cache[victim];
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL) != SQLITE_OK)
		return sqlite_fail(st, err, "prepare");
	char *copy = strdup(sql);
	if (!copy) {
		sqlite3_finalize(*stmt);
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	sqlite3_finalize(slot->stmt);
	free(slot->sql);
	slot->sql = copy;
	slot->hash = hash;
	slot->stmt = *stmt;
	slot->busy = true;
	slot->used = ++st->clock;
	return SC_OK;
}

enum sc_result sqlite_cached(struct sqlite_store *st, const char *sql, sqlite3_stmt **stmt,
                             struct sc_error *err)
{
	return sqlite_cached_hashed(st, sql, sqlite_sql_hash(sql), stmt, err);
}

/* Give back a statement of cached(): reset for its next use, or finalized when not cached. */
void sqlite_release(struct sqlite_store *st, sqlite3_stmt *stmt)
{
	for (size_t i = 0; i < SQLITE_STMT_CACHE; i++) {
		if (st->cache[i].stmt == stmt && st->cache[i].busy) {
			sqlite3_reset(stmt);
			sqlite3_clear_bindings(stmt);
			st->cache[i].busy = false;
			return;
		}
	}
	sqlite3_finalize(stmt);
}

/* One statement without rows or parameters, through the statement cache. */
static enum sc_result run_cached(struct sqlite_store *st, const char *sql, struct sc_error *err)
{
	sqlite3_stmt *stmt;
	enum sc_result rc = sqlite_cached(st, sql, &stmt, err);
	if (rc)
		return rc;
	if (sqlite3_step(stmt) != SQLITE_DONE)
		rc = sqlite_fail(st, err, "transaction");
	sqlite_release(st, stmt);
	return rc;
}

static enum sc_result migrate(struct sqlite_store *st, struct sc_error *err)
{
	enum sc_result rc;
	sqlite3_stmt *stmt = NULL;
	bool have[1000] = { false }; /* the versions applied */

	rc = exec(st,
	          "CREATE TABLE IF NOT EXISTS schema_version ("
	          " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
	          err);
	if (rc)
		return rc;
	if ((rc = prepare(st, "SELECT version FROM schema_version", &stmt, err)))
		return rc;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		int v = sqlite3_column_int(stmt, 0);
		if (v > 0 && v < 1000)
			have[v] = true;
	}
	sqlite3_finalize(stmt);

	/* Every migration not applied yet, in order (also one a repair asks to run again). */
	for (const struct migration *m = sqlite_migrations; m->version; m++) {
		char now[TU_INSTANT_LEN];
		if (m->version >= 1000)
			return sc_fail(err, SC_INTERNAL, NULL, "migration %d: numbers end at 999",
			               m->version);
		if (have[m->version])
			continue;
		if ((rc = exec(st, "BEGIN IMMEDIATE", err)))
			return rc;
		if ((rc = exec(st, m->sql, err)))
			goto fail;
		if (m->version == 6 && (rc = sqlite_repair_text(st->db, err)))
			goto fail;
		if ((rc = prepare(st,
		                  "INSERT INTO schema_version (version, name, applied_at) "
		                  "VALUES (?, ?, ?)",
		                  &stmt, err)))
			goto fail;
		tu_now_instant(now);
		sqlite3_bind_int(stmt, 1, m->version);
		sqlite3_bind_text(stmt, 2, m->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, now, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(stmt) != SQLITE_DONE) {
			rc = sqlite_fail(st, err, "migration");
			sqlite3_finalize(stmt);
			goto fail;
		}
		sqlite3_finalize(stmt);
		if ((rc = exec(st, "COMMIT", err)))
			goto fail;
		continue;
	fail:
		exec(st, "ROLLBACK", NULL);
		/* The detail is in err->message, which the new message replaces: copy it first. */
		char why[sizeof(err->message)];
		snprintf(why, sizeof(why), "%s", err ? err->message : "");
		return sc_fail(err, rc, NULL, "applying migration %04d_%s failed: %s", m->version,
		               m->name, why);
	}
	return SC_OK;
}

/*
 * Once per process, before SQLite is first used: no memory statistics.
 * They take a global lock on every allocation, which the API's threads,
 * each with its own connection, would otherwise all queue for.
 */
static pthread_once_t sqlite_configured = PTHREAD_ONCE_INIT;

static void configure_sqlite(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* How open_sqlite opens a database. */
enum open_mode {
	OPEN_MIGRATED, /* read-write, created when missing, schema brought up to date */
	OPEN_READONLY, /* read-only, as it is */
	OPEN_AS_IT_IS, /* read-write, never created, schema as it is */
};

/* Open the database at path as mode says. */
static enum sc_result open_sqlite(const char *path, enum open_mode mode, struct store **out,
                                  struct sc_error *err)
{
	bool readonly = mode == OPEN_READONLY;
	struct sqlite_store *st = calloc(1, sizeof(*st));
	enum sc_result rc;

	pthread_once(&sqlite_configured, configure_sqlite);
	*out = NULL;
	if (!st)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	st->base.ops = &sqlite_ops;
	st->base.copy = &sqlite_copy_ops;
	/*
	 * No mutex of SQLite's own on the connection: a store is used by one
	 * thread at a time (the API hands each request a connection of its pool).
	 */
	if (sqlite3_open_v2(path, &st->db,
	                    (readonly                ? SQLITE_OPEN_READONLY
	                     : mode == OPEN_AS_IT_IS ? SQLITE_OPEN_READWRITE
	                                             : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
	                            SQLITE_OPEN_NOMUTEX,
	                    NULL) != SQLITE_OK) {
		rc = sc_fail(err, SC_IO, NULL, "cannot open database %s: %s", path,
		             st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(st->db, 5000);
	if (sqlite_text_functions(st->db) != SQLITE_OK) {
		rc = sc_fail(err, SC_STORE, NULL, "cannot use database %s: %s", path,
		             sqlite3_errmsg(st->db));
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	if ((rc = exec(st, "PRAGMA foreign_keys = ON", err)))
		goto fail;
	if (readonly) { /* nothing written: no journal mode, no migration */
		*out = &st->base;
		return SC_OK;
	}
	if (strcmp(path, ":memory:") != 0 && (rc = exec(st, "PRAGMA journal_mode = WAL", err))) {
		/* The cause is copied first: err->message is both what is written and read. */
		char why[sizeof(err->message)];
		snprintf(why, sizeof(why), "%s", err->message);
		sc_fail(err, SC_IO, NULL, "cannot use database %s: %s", path, why);
		goto fail;
	}
	/*
	 * A commit returns when it is on disk (store.h, enum store_durability):
	 * in WAL mode, FULL syncs the log at every commit, NORMAL only at
	 * checkpoints. The server and the command line may relax it.
	 */
	if ((rc = exec(st, "PRAGMA synchronous = FULL", err)))
		goto fail;
	/*
	 * Up to 64 MB of pages in memory (the default is 2 MB): large loads and
	 * the rules' scans of a large organisation keep their indexes cached
	 * instead of reading them back from the file over and over.
	 */
	if ((rc = exec(st, "PRAGMA cache_size = -65536", err)))
		goto fail;
	if (mode == OPEN_MIGRATED && (rc = migrate(st, err)))
		goto fail;
	*out = &st->base;
	return SC_OK;
fail:
	sqlite3_close(st->db);
	free(st);
	return rc;
}

enum sc_result store_open_sqlite(const char *path, struct store **out, struct sc_error *err)
{
	return open_sqlite(path, OPEN_MIGRATED, out, err);
}

enum sc_result store_open_sqlite_readonly(const char *path, struct store **out,
                                          struct sc_error *err)
{
	return open_sqlite(path, OPEN_READONLY, out, err);
}

enum sc_result store_open_sqlite_as_it_is(const char *path, struct store **out,
                                          struct sc_error *err)
{
	return open_sqlite(path, OPEN_AS_IT_IS, out, err);
}

/*
 * The statistics of the indexes that begin with org_id, corrected after
 * PRAGMA optimize. Its sample of about 1,000 entries (analysis_limit) holds
 * one organisation, and SQLite then counts about 1,000 rows per org_id
 * whatever the table holds: the planner takes `org_id = ?` for a selective
 * condition, and answers the sessions of a coach's eight assignments
 * (`assignment IN (...)`) by reading every session of the organisation
 * through (org_id, at), seconds on a large one, instead of seeking each
 * assignment. The rows per organisation are known: the rows of the index
 * over the number of organisations. (Editing sqlite_stat1 is SQLite's own
 * way of steering its planner; the next ANALYZE of a table writes its rows
 * again, and the next close corrects them again.)
 */
static const char org_rows_fix[] =
        "UPDATE sqlite_stat1 SET stat = CAST(stat AS INTEGER) || ' ' ||"
        " max(CAST(substr(stat, instr(stat, ' ') + 1) AS INTEGER),"
        "     CAST(stat AS INTEGER) / (SELECT max(count(*), 1) FROM organisation)) ||"
        " substr(substr(stat, instr(stat, ' ') + 1),"
        "        instr(substr(stat, instr(stat, ' ') + 1) || ' ', ' '))"
        " WHERE instr(stat, ' ') > 0"
        " AND (SELECT name FROM pragma_index_info(idx) WHERE seqno = 0) = 'org_id'";

static void sq_close(struct store *base)
{
	struct sqlite_store *st = sq(base);
	if (st->in_tx)
		exec(st, "ROLLBACK", NULL);
	/* sqlite3_close refuses while statements are left unfinalized. */
	for (size_t k = 0; k < E_COUNT; k++)
		for (size_t j = 0; j < SQLITE_INSERT_SHAPES; j++)
			sqlite3_finalize(st->inserts[k][j].stmt);
	for (size_t i = 0; i < SQLITE_STMT_CACHE; i++) {
		sqlite3_finalize(st->cache[i].stmt);
		free(st->cache[i].sql);
	}
	for (size_t k = 0; k < E_COUNT; k++)
		free(st->get_sql[k]);
	for (size_t i = 0; i < SQLITE_SHAPES; i++)
		free(st->shapes[i].sql);
	/*
	 * Keep the query planner's statistics fresh (SQLite's advice: on every
	 * close), reading a bounded sample so that closing stays quick on large
	 * databases.
	 */
	exec(st, "PRAGMA analysis_limit = 1000", NULL);
	exec(st, "PRAGMA optimize", NULL);
	exec(st, org_rows_fix, NULL);
	sqlite3_close(st->db);
	free(st);
}

static enum sc_result sq_schema_version(struct store *base, int *version, struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	sqlite3_stmt *stmt;
	enum sc_result rc =
	        prepare(st, "SELECT coalesce(max(version), 0) FROM schema_version", &stmt, err);
	if (rc)
		return rc;
	*version = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : 0;
	sqlite3_finalize(stmt);
	return SC_OK;
}

static enum sc_result sq_begin(struct store *base, struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	enum sc_result rc;
	if (st->in_tx)
		return sc_fail(err, SC_INTERNAL, NULL, "a transaction is already open");
	if ((rc = exec(st, "BEGIN IMMEDIATE", err)))
		return rc;
	st->in_tx = true;
	return SC_OK;
}

/* Savepoints are named by their depth, so that the innermost is always the one meant. */
static void savepoint_sql(char *out, size_t n, const char *verb, unsigned depth)
{
	snprintf(out, n, "%s sc_sp%u", verb, depth);
}

static enum sc_result sq_savepoint(struct store *base, struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	char sql[64];
	enum sc_result rc;
	if (!st->in_tx)
		return sc_fail(err, SC_INTERNAL, NULL, "a savepoint needs an open transaction");
	savepoint_sql(sql, sizeof(sql), "SAVEPOINT", st->savepoints + 1);
	if ((rc = run_cached(st, sql, err)))
		return rc;
	st->savepoints++;
	return SC_OK;
}

/* Undo the innermost savepoint's changes and close it. */
static void savepoint_rollback(struct sqlite_store *st)
{
	char sql[64];
	savepoint_sql(sql, sizeof(sql), "ROLLBACK TO", st->savepoints);
	run_cached(st, sql, NULL);
	savepoint_sql(sql, sizeof(sql), "RELEASE", st->savepoints);
	run_cached(st, sql, NULL);
	st->savepoints--;
}

static enum sc_result sq_commit(struct store *base, struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	if (st->savepoints) {
		char sql[64];
		savepoint_sql(sql, sizeof(sql), "RELEASE", st->savepoints);
		enum sc_result rc = run_cached(st, sql, err);
		/*
		 * Not released: the savepoint stays open for the caller's
		 * store_rollback (store.h), which undoes it. Undoing it here too
		 * made that rollback undo the level around it: the batch's whole
		 * transaction.
		 */
		if (rc)
			return rc;
		st->savepoints--;
		return SC_OK;
	}
	enum sc_result rc = run_cached(st, "COMMIT", err);
	if (rc) {
		exec(st, "ROLLBACK", NULL);
		st->in_tx = false;
		return rc;
	}
	st->in_tx = false;
	return SC_OK;
}

static enum sc_result sq_read_begin(struct store *base, struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	enum sc_result rc;
	if (st->in_tx)
		return sc_fail(err, SC_INTERNAL, NULL, "a transaction is already open");
	/* Deferred: no lock until the first read, and a shared one then. */
	if ((rc = run_cached(st, "BEGIN DEFERRED", err)))
		return rc;
	st->in_tx = true;
	return SC_OK;
}

static void sq_rollback(struct store *base)
{
	struct sqlite_store *st = sq(base);
	if (st->savepoints) {
		savepoint_rollback(st);
		return;
	}
	if (st->in_tx)
		exec(st, "ROLLBACK", NULL);
	st->in_tx = false;
}

static enum sc_result sq_org_insert(struct store *base, const char *name, const char *slug,
                                    int64_t *id, struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	sqlite3_stmt *stmt;
	char now[TU_INSTANT_LEN];
	enum sc_result rc =
	        prepare(st, "INSERT INTO organisation (name, slug, created_at) VALUES (?, ?, ?)",
	                &stmt, err);
	if (rc)
		return rc;
	tu_now_instant(now);
	sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, now, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		rc = sqlite_fail(st, err, "organisation");
	else
		*id = sqlite3_last_insert_rowid(st->db);
	sqlite3_finalize(stmt);
	return rc;
}

static enum sc_result sq_org_list(struct store *base, struct org **out, size_t *n,
                                  struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	sqlite3_stmt *stmt;
	struct org *orgs = NULL;
	size_t count = 0;
	enum sc_result rc = sqlite_cached(st, "SELECT id, name, slug FROM organisation ORDER BY id",
	                                  &stmt, err);
	if (rc)
		return rc;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		struct org *grown = realloc(orgs, (count + 1) * sizeof(*orgs));
		if (!grown) {
			free(orgs);
			sqlite_release(st, stmt);
			return sc_fail(err, SC_NOMEM, NULL, "out of memory");
		}
		orgs = grown;
		orgs[count].id = sqlite3_column_int64(stmt, 0);
		snprintf(orgs[count].name, sizeof(orgs[count].name), "%s",
		         (const char *)sqlite3_column_text(stmt, 1));
		snprintf(orgs[count].slug, sizeof(orgs[count].slug), "%s",
		         (const char *)sqlite3_column_text(stmt, 2));
		count++;
	}
	sqlite_release(st, stmt);
	*out = orgs;
	*n = count;
	return SC_OK;
}

static enum sc_result sq_setting_get(struct store *base, int64_t org, const char *key, char **value,
                                     struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	sqlite3_stmt *stmt;
	enum sc_result rc = sqlite_cached(
	        st, "SELECT value FROM org_setting WHERE org_id = ? AND key = ?", &stmt, err);
	*value = NULL;
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, org);
	sqlite3_bind_text(stmt, 2, key, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		*value = strdup((const char *)sqlite3_column_text(stmt, 0));
		if (!*value)
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	sqlite_release(st, stmt);
	return rc;
}

static enum sc_result sq_setting_put(struct store *base, int64_t org, const char *key,
                                     const char *value, struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	sqlite3_stmt *stmt;
	enum sc_result rc =
	        prepare(st,
	                "INSERT INTO org_setting (org_id, key, value) VALUES (?, ?, ?) "
	                "ON CONFLICT (org_id, key) DO UPDATE SET value = excluded.value",
	                &stmt, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, org);
	sqlite3_bind_text(stmt, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, value, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		rc = sqlite_fail(st, err, "setting");
	sqlite3_finalize(stmt);
	return rc;
}

static enum sc_result sq_set_durability(struct store *base, enum store_durability d,
                                        struct sc_error *err)
{
	return exec(sq(base),
	            d == STORE_DURABLE_NORMAL ? "PRAGMA synchronous = NORMAL"
	                                      : "PRAGMA synchronous = FULL",
	            err);
}

static enum sc_result sq_durability(struct store *base, enum store_durability *d,
                                    struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	sqlite3_stmt *stmt;
	enum sc_result rc = prepare(st, "PRAGMA synchronous", &stmt, err);
	if (rc)
		return rc;
	int level = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
	sqlite3_finalize(stmt);
	/* 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA (FULL and more): OFF is never set by the store. */
	if (level >= 1) {
		*d = level == 1 ? STORE_DURABLE_NORMAL : STORE_DURABLE_FULL;
		return SC_OK;
	}
	return sc_fail(err, SC_STORE, NULL, "the database runs with synchronous = %d", level);
}

static enum sc_result sq_secure_erase(struct store *base, bool on, struct sc_error *err)
{
	return exec(sq(base), on ? "PRAGMA secure_delete = ON" : "PRAGMA secure_delete = OFF", err);
}

/* PRAGMA wal_checkpoint(TRUNCATE): *complete when the log was emptied (no reader held it). */
static enum sc_result truncate_log(struct sqlite_store *st, bool *complete, struct sc_error *err)
{
	sqlite3_stmt *stmt;
	enum sc_result rc = prepare(st, "PRAGMA wal_checkpoint(TRUNCATE)", &stmt, err);

	if (rc)
		return rc;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*complete = sqlite3_column_int(stmt, 0) == 0;
	else
		rc = sqlite_fail(st, err, "checkpoint");
	sqlite3_finalize(stmt);
	return rc;
}

static enum sc_result sq_scrub(struct store *base, bool *complete, struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	enum sc_result rc;

	/*
	 * VACUUM rebuilds the file from its live rows (free pages and the
	 * unused ends of pages are gone); it goes through the log, which the
	 * checkpoints copy into the file and cut to zero bytes, so that no old
	 * frame of a page keeps a deleted value.
	 */
	*complete = false;
	if ((rc = truncate_log(st, complete, err)) || (rc = exec(st, "VACUUM", err)))
		return rc;
	return truncate_log(st, complete, err);
}

static const struct store_ops sqlite_ops = {
	.kind = "sqlite",
	.close = sq_close,
	.schema_version = sq_schema_version,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.savepoint = sq_savepoint,
	.read_begin = sq_read_begin,
	.set_durability = sq_set_durability,
	.durability = sq_durability,
	.secure_erase = sq_secure_erase,
	.scrub = sq_scrub,
	.backup = sqlite_backup,
	.org_insert = sq_org_insert,
	.org_list = sq_org_list,
	.setting_get = sq_setting_get,
	.setting_put = sq_setting_put,
	.insert = sqlite_insert,
	.update = sqlite_update,
	.delete = sqlite_delete,
	.get = sqlite_get,
	.list = sqlite_list,
	.count = sqlite_count,
	.query = sqlite_query,
};
