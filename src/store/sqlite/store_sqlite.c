/*
 * store_sqlite.c - the SQLite implementation of store.h.
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
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SQL_MAX 8192

static const struct store_ops sqlite_ops;

static struct sqlite_store *sq(struct store *st)
{
	return (struct sqlite_store *)st;
}

static enum sc_result db_fail(struct sqlite_store *st, struct sc_error *err, const char *what)
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
		return db_fail(st, err, "prepare");
	return SC_OK;
}

/*
 * A statement for sql from the cache (reset, no bindings) or newly prepared
 * into it; give it back with release(). A statement already handed out
 * (a nested use of the same text) is prepared apart and finalized on
 * release.
 */
static uint64_t sql_hash(const char *sql)
{
	uint64_t hash = 1469598103934665603ULL; /* FNV-1a */
	for (const char *p = sql; *p; p++)
		hash = (hash ^ (unsigned char)*p) * 1099511628211ULL;
	return hash;
}

/* sqlite_cached() for sql whose sql_hash() is known. */
static enum sc_result cached_hashed(struct sqlite_store *st, const char *sql, uint64_t hash,
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
		return db_fail(st, err, "prepare");
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
	return cached_hashed(st, sql, sql_hash(sql), stmt, err);
}

/*
 * The slot of the read of shape key[0..n) (its text built already when
 * slot->n), or NULL when the shape is too long to keep.
 */
static struct sqlite_shape *shape_slot(struct sqlite_store *st, const int64_t *key, size_t n)
{
	struct sqlite_shape *victim = &st->shapes[0];

	if (n > SQLITE_SHAPE_KEY)
		return NULL;
	for (size_t i = 0; i < SQLITE_SHAPES; i++) {
		struct sqlite_shape *sh = &st->shapes[i];
		if (sh->n == n && !memcmp(sh->key, key, n * sizeof(*key))) {
			sh->used = ++st->clock;
			return sh;
		}
		if (sh->used < victim->used)
			victim = sh;
	}
	free(victim->sql);
	memset(victim, 0, sizeof(*victim));
	memcpy(victim->key, key, n * sizeof(*key));
	return victim; /* n 0 until its text is kept (shape_keep) */
}

/* Keep sql as the text of slot's shape of n keys; a statement found by it from now on. */
static void shape_keep(struct sqlite_store *st, struct sqlite_shape *slot, size_t n,
                       const char *sql)
{
	if (!slot || !(slot->sql = strdup(sql)))
		return;
	slot->hash = sql_hash(sql);
	slot->n = n;
	slot->used = ++st->clock;
}

/* The shape of a read's filters appended to key at *n (every value that changes its text). */
static void shape_filters(int64_t *key, size_t *n, const struct filter *f, size_t nf)
{
	if (*n + 3 * nf > SQLITE_SHAPE_KEY) {
		*n = SQLITE_SHAPE_KEY + 1; /* too long: not kept */
		return;
	}
	for (size_t i = 0; i < nf; i++) {
		key[(*n)++] = f[i].field;
		key[(*n)++] = f[i].op;
		key[(*n)++] = f[i].op == FO_IN_VIA ? f[i].via : 0;
	}
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
		rc = db_fail(st, err, "transaction");
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
			rc = db_fail(st, err, "migration");
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

/* Open the database at path: read-write, created and migrated; or read-only, as it is. */
static enum sc_result open_sqlite(const char *path, bool readonly, struct store **out,
                                  struct sc_error *err)
{
	struct sqlite_store *st = calloc(1, sizeof(*st));
	enum sc_result rc;

	pthread_once(&sqlite_configured, configure_sqlite);
	*out = NULL;
	if (!st)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	st->base.ops = &sqlite_ops;
	/*
	 * No mutex of SQLite's own on the connection: a store is used by one
	 * thread at a time (the API hands each request a connection of its pool).
	 */
	if (sqlite3_open_v2(
	            path, &st->db,
	            (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
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
		sc_fail(err, SC_IO, NULL, "cannot use database %s: %s", path, err->message);
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
	if ((rc = migrate(st, err)))
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
	return open_sqlite(path, false, out, err);
}

enum sc_result store_open_sqlite_readonly(const char *path, struct store **out,
                                          struct sc_error *err)
{
	return open_sqlite(path, true, out, err);
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
		rc = db_fail(st, err, "organisation");
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
		rc = db_fail(st, err, "setting");
	sqlite3_finalize(stmt);
	return rc;
}

/* Bind value v of field f at position pos. */
static void bind_value(sqlite3_stmt *stmt, int pos, const struct field_def *f,
                       const struct value *v)
{
	if (v->state != V_SET) {
		sqlite3_bind_null(stmt, pos);
		return;
	}
	switch (f->type) {
	case FT_INT:
	case FT_BOOL:
	case FT_REF:
		sqlite3_bind_int64(stmt, pos, v->i);
		break;
	case FT_REAL:
		sqlite3_bind_double(stmt, pos, v->r);
		break;
	default:
		sqlite3_bind_text(stmt, pos, v->s, -1, SQLITE_STATIC);
		break;
	}
}

/* Append printf output to buf (size SQL_MAX); false when it does not fit. */
static bool append(char *buf, size_t *len, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
static bool append(char *buf, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf + *len, SQL_MAX - *len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= SQL_MAX - *len)
		return false;
	*len += (size_t)n;
	return true;
}

/*
 * Append the strings up to a NULL to buf (SQL_MAX) at *len: append() without
 * a format, for the statements built on every read (a format costs more than
 * the read of one row by its index).
 */
static bool cat(char *buf, size_t *len, ...) __attribute__((sentinel));
static bool cat(char *buf, size_t *len, ...)
{
	va_list ap;
	const char *s;
	bool ok = true;

	va_start(ap, len);
	while (ok && (s = va_arg(ap, const char *))) {
		size_t n = strlen(s);
		if (n >= SQL_MAX - *len) {
			ok = false;
			break;
		}
		memcpy(buf + *len, s, n + 1);
		*len += n;
	}
	va_end(ap);
	return ok;
}

/* Bit i set for every field i of rec that is given (set or null). */
static uint64_t insert_shape(const struct record *rec)
{
	uint64_t fields = 0;

	for (size_t i = 0; i < rec->def->nfields; i++)
		if (rec->v[i].state != V_ABSENT)
			fields |= UINT64_C(1) << i;
	return fields;
}

/*
 * The INSERT statement for rec's entity and shape: a cached one, moved to
 * the front of its entity's slots, or a new one prepared and cached in
 * place of the least recently used. The statement stays owned by st.
 */
static enum sc_result insert_stmt(struct sqlite_store *st, const struct record *rec,
                                  sqlite3_stmt **out, struct sc_error *err)
{
	const struct entity_def *def = rec->def;
	struct sqlite_insert *slots = st->inserts[def->kind], found = { 0, NULL };
	uint64_t fields = insert_shape(rec);
	char sql[SQL_MAX];
	size_t len = 0, at = SQLITE_INSERT_SHAPES - 1;

	for (size_t j = 0; j < SQLITE_INSERT_SHAPES; j++)
		if (slots[j].stmt && slots[j].fields == fields) {
			found = slots[j];
			at = j;
			break;
		}
	if (!found.stmt) {
		append(sql, &len, "INSERT INTO %s (org_id, created_at, updated_at", def->table);
		for (size_t i = 0; i < def->nfields; i++)
			if (rec->v[i].state != V_ABSENT)
				append(sql, &len, ", %s", def->fields[i].name);
		append(sql, &len, ") VALUES (?, ?, ?");
		for (size_t i = 0; i < def->nfields; i++)
			if (rec->v[i].state != V_ABSENT && !append(sql, &len, ", ?"))
				return sc_fail(err, SC_INTERNAL, NULL, "statement too long");
		if (!append(sql, &len, ")"))
			return sc_fail(err, SC_INTERNAL, NULL, "statement too long");
		if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &found.stmt,
		                       NULL) != SQLITE_OK)
			return db_fail(st, err, "prepare");
		found.fields = fields;
		sqlite3_finalize(slots[at].stmt);
	}
	memmove(&slots[1], &slots[0], at * sizeof(slots[0]));
	slots[0] = found;
	*out = found.stmt;
	return SC_OK;
}

static enum sc_result sq_insert(struct store *base, int64_t org, struct record *rec,
                                struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	const struct entity_def *def = rec->def;
	char now[TU_INSTANT_LEN];
	sqlite3_stmt *stmt;
	enum sc_result rc;
	int pos = 1;

	/* A shape is a bit set of fields; every entity has far fewer than 64. */
	if (def->nfields > 64)
		return sc_fail(err, SC_INTERNAL, NULL, "%s has too many fields", def->name);
	if ((rc = insert_stmt(st, rec, &stmt, err)))
		return rc;
	time_t t = tu_now();
	if (t != st->insert_time || !st->insert_now[0]) {
		tu_instant_from_time(t, st->insert_now);
		st->insert_time = t;
	}
	memcpy(now, st->insert_now, sizeof(now));
	if (def->eflags & EF_UNDATED)
		memcpy(now + 8, "01T00:00:00Z", 13); /* "YYYY-MM-" kept */
	sqlite3_bind_int64(stmt, pos++, org);
	sqlite3_bind_text(stmt, pos++, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, pos++, now, -1, SQLITE_TRANSIENT);
	for (size_t i = 0; i < def->nfields; i++)
		if (rec->v[i].state != V_ABSENT)
			bind_value(stmt, pos++, &def->fields[i], &rec->v[i]);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		rc = db_fail(st, err, def->name);
	} else {
		rec->id = sqlite3_last_insert_rowid(st->db);
		rec->org_id = org;
		memcpy(rec->created_at, now, sizeof(now)); /* now: TU_INSTANT_LEN, terminated */
	}
	/* Ready for the next row, and holding no pointer into rec's values. */
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

static enum sc_result sq_update(struct store *base, int64_t org, const struct record *rec,
                                struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	const struct entity_def *def = rec->def;
	char sql[SQL_MAX], now[TU_INSTANT_LEN];
	size_t len = 0;
	sqlite3_stmt *stmt;
	enum sc_result rc;
	int pos = 1;

	cat(sql, &len, "UPDATE ", def->table, " SET updated_at = ?", NULL);
	for (size_t i = 0; i < def->nfields; i++)
		if (rec->v[i].state != V_ABSENT &&
		    !cat(sql, &len, ", ", def->fields[i].name, " = ?", NULL))
			return sc_fail(err, SC_INTERNAL, NULL, "statement too long");
	if (!append(sql, &len, " WHERE org_id = ? AND id = ?"))
		return sc_fail(err, SC_INTERNAL, NULL, "statement too long");
	if ((rc = sqlite_cached(st, sql, &stmt, err)))
		return rc;
	tu_now_instant(now);
	sqlite3_bind_text(stmt, pos++, now, -1, SQLITE_TRANSIENT);
	for (size_t i = 0; i < def->nfields; i++)
		if (rec->v[i].state != V_ABSENT)
			bind_value(stmt, pos++, &def->fields[i], &rec->v[i]);
	sqlite3_bind_int64(stmt, pos++, org);
	sqlite3_bind_int64(stmt, pos++, rec->id);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		rc = db_fail(st, err, def->name);
	else if (sqlite3_changes(st->db) == 0)
		rc = sc_fail(err, SC_NOT_FOUND, "id", "no %s with id %lld", def->name,
		             (long long)rec->id);
	sqlite_release(st, stmt);
	return rc;
}

static enum sc_result sq_delete(struct store *base, int64_t org, const struct entity_def *def,
                                int64_t id, struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	char sql[256];
	sqlite3_stmt *stmt;
	enum sc_result rc;

	snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE org_id = ? AND id = ?", def->table);
	if ((rc = sqlite_cached(st, sql, &stmt, err)))
		return rc;
	sqlite3_bind_int64(stmt, 1, org);
	sqlite3_bind_int64(stmt, 2, id);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		rc = db_fail(st, err, def->name);
	else if (sqlite3_changes(st->db) == 0)
		rc = sc_fail(err, SC_NOT_FOUND, "id", "no %s with id %lld", def->name,
		             (long long)id);
	sqlite_release(st, stmt);
	return rc;
}

static const char *op_sql(enum filter_op op)
{
	switch (op) {
	case FO_EQ:
		return "=";
	case FO_NE:
		return "<>";
	case FO_LT:
		return "<";
	case FO_LE:
		return "<=";
	case FO_GT:
		return ">";
	case FO_GE:
		return ">=";
	case FO_NULL:
		return "IS NULL";
	case FO_NOT_NULL:
		return "IS NOT NULL";
	case FO_IN:
	case FO_IN_VIA:
		/* One statement for any number of ids: a JSON array bound as text. */
		return "IN (SELECT value FROM json_each(?))";
	}
	return "=";
}

/* The entity an FO_IN_VIA filter of def goes through, or NULL when it names no reference. */
static const struct entity_def *via_def(const struct entity_def *def, const struct filter *f)
{
	if (f->field < 0 || (size_t)f->field >= def->nfields ||
	    def->fields[f->field].type != FT_REF)
		return NULL;
	const struct entity_def *ref = entity_get(def->fields[f->field].ref);
	return ref && f->via >= 0 && (size_t)f->via < ref->nfields ? ref : NULL;
}

/* Append " WHERE org_id = ? AND ..." for filters; false when too long or a filter is invalid. */
static bool append_where(char *sql, size_t *len, const struct entity_def *def,
                         const struct filter *filters, size_t n)
{
	if (!cat(sql, len, " WHERE org_id = ?", NULL))
		return false;
	for (size_t i = 0; i < n; i++) {
		const struct filter *f = &filters[i];
		const char *col = f->field == FILTER_ID ? "id" : def->fields[f->field].name;
		bool unary = f->op == FO_NULL || f->op == FO_NOT_NULL || f->op == FO_IN;
		if (f->op == FO_IN_VIA) {
			const struct entity_def *ref = via_def(def, f);
			if (!ref ||
			    !append(sql, len,
			            " AND %s IN (SELECT id FROM %s WHERE org_id = ? AND %s %s)",
			            col, ref->table, ref->fields[f->via].name, op_sql(f->op)))
				return false;
			continue;
		}
		if (!cat(sql, len, " AND ", col, " ", op_sql(f->op), unary ? "" : " ?", NULL))
			return false;
	}
	return true;
}

/* The ids of an FO_IN filter as a JSON array, "[1,2,3]". Returns owned, or NULL. */
static char *id_array(const struct filter *f)
{
	size_t cap = 3 + f->nin * 21, len = 0;
	char *out = malloc(cap);
	if (!out)
		return NULL;
	out[len++] = '[';
	for (size_t i = 0; i < f->nin; i++)
		len += (size_t)snprintf(out + len, cap - len, "%s%lld", i ? "," : "",
		                        (long long)f->in[i]);
	snprintf(out + len, cap - len, "]");
	return out;
}

static int bind_filters(sqlite3_stmt *stmt, int pos, int64_t org, const struct entity_def *def,
                        const struct filter *filters, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct filter *f = &filters[i];
		if (f->op == FO_NULL || f->op == FO_NOT_NULL)
			continue;
		if (f->op == FO_IN_VIA)
			sqlite3_bind_int64(stmt, pos++, org);
		if (f->op == FO_IN || f->op == FO_IN_VIA) {
			char *ids = id_array(f);
			/* Out of memory binds NULL: nothing matches, which is safe. */
			sqlite3_bind_text(stmt, pos++, ids, -1, ids ? free : SQLITE_STATIC);
			continue;
		}
		enum field_type t = f->field == FILTER_ID ? FT_INT : def->fields[f->field].type;
		if (t == FT_INT || t == FT_BOOL || t == FT_REF)
			sqlite3_bind_int64(stmt, pos++, f->i);
		else if (t == FT_REAL)
			sqlite3_bind_double(stmt, pos++, f->r);
		else
			sqlite3_bind_text(stmt, pos++, f->s ? f->s : "", -1, SQLITE_STATIC);
	}
	return pos;
}

/* Build a record of def from the current row of "SELECT id, org_id, created_at, fields..." */
static enum sc_result row_to_record(sqlite3_stmt *stmt, const struct entity_def *def,
                                    struct record **out, struct sc_error *err)
{
	struct record *rec = record_new(def);
	if (!rec)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	rec->id = sqlite3_column_int64(stmt, 0);
	rec->org_id = sqlite3_column_int64(stmt, 1);
	snprintf(rec->created_at, sizeof(rec->created_at), "%s",
	         (const char *)sqlite3_column_text(stmt, 2));
	for (size_t i = 0; i < def->nfields; i++) {
		int col = (int)i + 3;
		if (sqlite3_column_type(stmt, col) == SQLITE_NULL) {
			record_set_null(rec, (int)i);
			continue;
		}
		switch (def->fields[i].type) {
		case FT_INT:
		case FT_BOOL:
		case FT_REF:
			record_set_int(rec, (int)i, sqlite3_column_int64(stmt, col));
			break;
		case FT_REAL:
			record_set_real(rec, (int)i, sqlite3_column_double(stmt, col));
			break;
		default:
			if (record_set_text(rec, (int)i,
			                    (const char *)sqlite3_column_text(stmt, col))) {
				record_free(&rec);
				return sc_fail(err, SC_NOMEM, NULL, "out of memory");
			}
			break;
		}
	}
	*out = rec;
	return SC_OK;
}

static bool append_select(char *sql, size_t *len, const struct entity_def *def)
{
	cat(sql, len, "SELECT id, org_id, created_at", NULL);
	for (size_t i = 0; i < def->nfields; i++)
		if (!cat(sql, len, ", ", def->fields[i].name, NULL))
			return false;
	return cat(sql, len, " FROM ", def->table, NULL);
}

static enum sc_result sq_get(struct store *base, int64_t org, const struct entity_def *def,
                             int64_t id, struct record **out, struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	char sql[SQL_MAX];
	size_t len = 0;
	sqlite3_stmt *stmt;
	enum sc_result rc;
	int step;

	*out = NULL;
	if (!st->get_sql[def->kind]) { /* built once: a record is read by id very often */
		if (!append_select(sql, &len, def) ||
		    !cat(sql, &len, " WHERE org_id = ? AND id = ?", NULL))
			return sc_fail(err, SC_INTERNAL, NULL, "statement too long");
		if (!(st->get_sql[def->kind] = strdup(sql)))
			return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	if ((rc = sqlite_cached(st, st->get_sql[def->kind], &stmt, err)))
		return rc;
	sqlite3_bind_int64(stmt, 1, org);
	sqlite3_bind_int64(stmt, 2, id);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		rc = row_to_record(stmt, def, out, err);
	else if (step == SQLITE_DONE)
		rc = sc_fail(err, SC_NOT_FOUND, "id", "no %s with id %lld", def->name,
		             (long long)id);
	else
		rc = db_fail(st, err, def->name);
	sqlite_release(st, stmt);
	return rc;
}

static enum sc_result sq_list(struct store *base, int64_t org, const struct entity_def *def,
                              const struct list_opts *opts, struct record_list *out,
                              struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	static const struct list_opts none = { NULL, 0, FILTER_ID, false, 0, 0 };
	char sql[SQL_MAX];
	size_t len = 0;
	sqlite3_stmt *stmt;
	enum sc_result rc = SC_OK;
	int pos, step;

	if (!opts)
		opts = &none;
	int64_t key[SQLITE_SHAPE_KEY] = { 1,
		                          def->kind,
		                          opts->order_field,
		                          opts->descending,
		                          (int64_t)opts->limit,
		                          (int64_t)opts->offset };
	size_t n = 6;
	shape_filters(key, &n, opts->filters, opts->nfilters);
	struct sqlite_shape *shape = shape_slot(st, key, n);
	if (shape && shape->n) {
		rc = cached_hashed(st, shape->sql, shape->hash, &stmt, err);
	} else {
		if (!append_select(sql, &len, def) ||
		    !append_where(sql, &len, def, opts->filters, opts->nfilters))
			return sc_fail(err, SC_INTERNAL, NULL,
			               "statement too long or an invalid filter");
		if (opts->order_field == FILTER_ID)
			cat(sql, &len, " ORDER BY id", opts->descending ? " DESC" : "", NULL);
		else
			cat(sql, &len, " ORDER BY ", def->fields[opts->order_field].name,
			    opts->descending ? " DESC" : "", ", id", NULL);
		if (opts->limit &&
		    !append(sql, &len, " LIMIT %zu OFFSET %zu", opts->limit, opts->offset))
			return sc_fail(err, SC_INTERNAL, NULL, "statement too long");
		if (!opts->limit && opts->offset &&
		    !append(sql, &len, " LIMIT -1 OFFSET %zu", opts->offset))
			return sc_fail(err, SC_INTERNAL, NULL, "statement too long");
		shape_keep(st, shape, n, sql);
		rc = sqlite_cached(st, sql, &stmt, err);
	}
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, org);
	pos = bind_filters(stmt, 2, org, def, opts->filters, opts->nfilters);
	(void)pos;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct record *rec;
		if ((rc = row_to_record(stmt, def, &rec, err)))
			break;
		if (record_list_push(out, rec)) {
			record_free(&rec);
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
			break;
		}
	}
	if (rc == SC_OK && step != SQLITE_DONE)
		rc = db_fail(st, err, def->name);
	sqlite_release(st, stmt);
	return rc;
}

static enum sc_result sq_count(struct store *base, int64_t org, const struct entity_def *def,
                               const struct filter *filters, size_t nfilters, int64_t *count,
                               struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	char sql[SQL_MAX];
	size_t len = 0;
	sqlite3_stmt *stmt;
	enum sc_result rc;

	int64_t key[SQLITE_SHAPE_KEY] = { 2, def->kind };
	size_t n = 2;
	shape_filters(key, &n, filters, nfilters);
	struct sqlite_shape *shape = shape_slot(st, key, n);
	if (shape && shape->n) {
		rc = cached_hashed(st, shape->sql, shape->hash, &stmt, err);
	} else {
		cat(sql, &len, "SELECT count(*) FROM ", def->table, NULL);
		if (!append_where(sql, &len, def, filters, nfilters))
			return sc_fail(err, SC_INTERNAL, NULL,
			               "statement too long or an invalid filter");
		shape_keep(st, shape, n, sql);
		rc = sqlite_cached(st, sql, &stmt, err);
	}
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, org);
	bind_filters(stmt, 2, org, def, filters, nfilters);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*count = sqlite3_column_int64(stmt, 0);
	else
		rc = db_fail(st, err, def->name);
	sqlite_release(st, stmt);
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
	.org_insert = sq_org_insert,
	.org_list = sq_org_list,
	.setting_get = sq_setting_get,
	.setting_put = sq_setting_put,
	.insert = sq_insert,
	.update = sq_update,
	.delete = sq_delete,
	.get = sq_get,
	.list = sq_list,
	.count = sq_count,
	.query = sqlite_query,
};
