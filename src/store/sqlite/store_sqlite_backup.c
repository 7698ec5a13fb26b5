/*
 * store_sqlite_backup.c - copies of the SQLite database: store_backup (a
 * consistent copy while others write), store_sqlite_check (what a file
 * offered for a restore is), store_sqlite_restore (putting one in place)
 * and the lock a server holds on its database (store_sqlite_lock).
 *
 * Every copy is made with SQLite's online backup API, never by copying
 * bytes: a database in WAL mode keeps its latest changes in its log, which
 * a byte copy of the main file would miss. A copy is written to a new file
 * beside its destination and renamed at the end, so that a failure leaves
 * no half file.
 */
#include "store/migrations.h"
#include "base/text.h"
#include "store/sqlite/store_sqlite_int.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/*
 * Pages copied per step of the backup API. The steps all read one snapshot
 * (a read transaction held around them), so their size decides neither
 * whether writers wait (in WAL mode they never do) nor whether the copy
 * starts over (it never does). Small, so that even a small database is
 * copied in several steps, as a large one is: the tests copy the demo's
 * while another process writes.
 */
#define STEP_PAGES 128

/* How many times a step that finds a lock waits 10 ms before the copy gives up. */
#define BUSY_ROUNDS 3000

#define PATH_ROOM (PATH_MAX + 64)

static int known_version(void)
{
	int v = 0;
	for (const struct migration *m = sqlite_migrations; m->version; m++)
		if (m->version > v)
			v = m->version;
	return v;
}

bool store_sqlite_real_path(const char *path, char *out, size_t n)
{
	char dir[PATH_ROOM], real[PATH_MAX];
	const char *slash = strrchr(path, '/');

	if (realpath(path, real))
		return snprintf(out, n, "%s", real) < (int)n;
	text_folder_of(path, dir, sizeof(dir));
	if (!realpath(dir, real))
		return snprintf(out, n, "%s", path) < (int)n;
	return snprintf(out, n, "%s%s%s", real, strcmp(real, "/") ? "/" : "",
	                slash ? slash + 1 : path) < (int)n;
}

/* Sync the file (or folder) at path to disk; false when that fails. */
static bool sync_path(const char *path, bool folder)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | (folder ? O_DIRECTORY : 0));
	if (fd < 0)
		return false;
	bool ok = fsync(fd) == 0;
	close(fd);
	return ok;
}

/* Remove the database file at path and what SQLite may have left beside it. */
static void remove_db_files(const char *path)
{
	static const char *const tails[] = { "", "-journal", "-wal", "-shm" };
	char p[PATH_ROOM];
	for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", path, tails[i]);
		unlink(p);
	}
}

/* A new empty file beside path (".NAME.what-XXXXXX"), its name into tmp (size PATH_ROOM). */
static enum sc_result temp_beside(const char *path, const char *what, char *tmp,
                                  struct sc_error *err)
{
	char dir[PATH_ROOM];
	const char *base = strrchr(path, '/');
	text_folder_of(path, dir, sizeof(dir));
	if (snprintf(tmp, PATH_ROOM, "%s/.%s.%s-XXXXXX", dir, base ? base + 1 : path, what) >=
	    PATH_ROOM)
		return sc_fail(err, SC_IO, NULL, "%s: the name is too long", path);
	int fd = mkstemp(tmp);
	if (fd < 0)
		return sc_fail(err, SC_IO, NULL, "cannot write a file in %s: %s", dir,
		               strerror(errno));
	close(fd);
	return SC_OK;
}

/*
 * Open the file at path for reading as it is: no lock, no journal, no
 * write-ahead log read or made (SQLite's immutable=1), so that a backup
 * lying in a folder of its own is read without a trace.
 */
static int open_as_is(const char *path, sqlite3 **db)
{
	char uri[3 * PATH_MAX + 32], *o = uri;
	o += sprintf(o, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p && o < uri + 3 * PATH_MAX;
	     p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/._-~", *p))
			*o++ = (char)*p;
		else
			o += sprintf(o, "%%%02X", *p);
	}
	strcpy(o, "?immutable=1");
	return sqlite3_open_v2(uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
}

/*
 * Copy the main database of src into the new, empty file at path, step by
 * step; the copy is one file on its own (no write-ahead log), whatever the
 * journal of its source.
 */
static enum sc_result copy_pages(sqlite3 *src, const char *path, struct sc_error *err)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	enum sc_result rc = SC_OK;
	int step, busy = 0;

	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		rc = sc_fail(err, SC_IO, NULL, "cannot write %s: %s", path,
		             dst ? sqlite3_errmsg(dst) : "out of memory");
		goto out;
	}
	if (!(b = sqlite3_backup_init(dst, "main", src, "main"))) {
		rc = sc_fail(err, SC_STORE, NULL, "backup: %s", sqlite3_errmsg(dst));
		goto out;
	}
	do {
		step = sqlite3_backup_step(b, STEP_PAGES);
		if ((step == SQLITE_BUSY || step == SQLITE_LOCKED) && busy++ < BUSY_ROUNDS)
			sqlite3_sleep(10);
		else if (step == SQLITE_BUSY || step == SQLITE_LOCKED)
			break;
	} while (step == SQLITE_OK || step == SQLITE_BUSY || step == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (step != SQLITE_DONE) {
		/* A damaged page met on the way: SC_INVALID, as a damaged database at the start. */
		bool damaged = (step & 0xff) == SQLITE_CORRUPT || (step & 0xff) == SQLITE_NOTADB;
		rc = sc_fail(err, damaged ? SC_INVALID : SC_STORE, NULL, "backup: %s",
		             sqlite3_errstr(step));
		goto out;
	}
	/* The copied header says WAL, as its source's did: one file instead. */
	if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
		rc = sc_fail(err, SC_STORE, NULL, "backup: %s", sqlite3_errmsg(dst));
out:
	if (sqlite3_close(dst) != SQLITE_OK && !rc)
		rc = sc_fail(err, SC_IO, NULL, "cannot close %s", path);
	return rc;
}

/* The whole number sql (one row, one column) answers on db into *v; false when it fails. */
static bool one_int(sqlite3 *db, const char *sql, int64_t *v)
{
	sqlite3_stmt *stmt = NULL;
	bool ok = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK &&
	          sqlite3_step(stmt) == SQLITE_ROW;
	if (ok)
		*v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return ok;
}

/* The tables of salescoach's schema at version, by name, into mem (a new database in memory). */
static enum sc_result schema_at(int version, sqlite3 **mem, struct sc_error *err)
{
	if (sqlite3_open_v2(":memory:", mem, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite_text_functions(*mem) != SQLITE_OK)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	for (const struct migration *m = sqlite_migrations; m->version; m++)
		if (m->version <= version &&
		    sqlite3_exec(*mem, m->sql, NULL, NULL, NULL) != SQLITE_OK)
			return sc_fail(err, SC_INTERNAL, NULL, "migration %d: %s", m->version,
			               sqlite3_errmsg(*mem));
	return SC_OK;
}

/*
 * Whether db (of schema version) has every table salescoach's schema has at
 * that version; the first it lacks into info->detail.
 */
static enum sc_result has_tables(sqlite3 *db, int version, struct store_copy_info *info,
                                 struct sc_error *err)
{
	sqlite3 *mem = NULL;
	sqlite3_stmt *names = NULL, *has = NULL;
	enum sc_result rc = schema_at(version, &mem, err);

	if (rc)
		goto out;
	if (sqlite3_prepare_v2(mem,
	                       "SELECT name FROM sqlite_master WHERE type = 'table'"
	                       " AND name NOT LIKE 'sqlite_%' ORDER BY name",
	                       -1, &names, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
	                       -1, &has, NULL) != SQLITE_OK) {
		rc = sc_fail(err, SC_STORE, NULL, "checking the tables: %s", sqlite3_errmsg(db));
		goto out;
	}
	while (sqlite3_step(names) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(names, 0);
		sqlite3_reset(has);
		sqlite3_bind_text(has, 1, name, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(has) != SQLITE_ROW) {
			info->verdict = STORE_COPY_NOT_SALESCOACH;
			snprintf(info->detail, sizeof(info->detail), "%s", name);
			break;
		}
	}
out:
	sqlite3_finalize(names);
	sqlite3_finalize(has);
	sqlite3_close(mem);
	return rc;
}

/* The verdict on db (opened as is): its integrity, schema version and tables. */
static enum sc_result judge(sqlite3 *db, struct store_copy_info *info, struct sc_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int64_t v = 0;

	/* Damage first: what else is read of a damaged file cannot be trusted. */
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check(1)", -1, &stmt, NULL) != SQLITE_OK ||
	    sqlite3_step(stmt) != SQLITE_ROW) {
		info->verdict = STORE_COPY_CORRUPT;
		snprintf(info->detail, sizeof(info->detail), "%s", sqlite3_errmsg(db));
	} else if (strcmp((const char *)sqlite3_column_text(stmt, 0), "ok") != 0) {
		info->verdict = STORE_COPY_CORRUPT;
		snprintf(info->detail, sizeof(info->detail), "%s", sqlite3_column_text(stmt, 0));
	}
	sqlite3_finalize(stmt);
	if (info->verdict != STORE_COPY_OK)
		return SC_OK;
	if (!one_int(db, "SELECT coalesce(max(version), 0) FROM schema_version", &v) || v < 1) {
		info->verdict = STORE_COPY_NOT_SALESCOACH;
		snprintf(info->detail, sizeof(info->detail), "schema_version");
		return SC_OK;
	}
	info->schema_version = (int)v;
	if (v > info->known_version) {
		info->verdict = STORE_COPY_NEWER;
		return SC_OK;
	}
	enum sc_result rc = has_tables(db, (int)v, info, err);
	if (rc || info->verdict != STORE_COPY_OK)
		return rc;
	if (!one_int(db, "SELECT count(*) FROM organisation", &info->orgs))
		return sc_fail(err, SC_STORE, NULL, "reading the organisations: %s",
		               sqlite3_errmsg(db));
	if (v < info->known_version)
		info->verdict = STORE_COPY_OLDER;
	return SC_OK;
}

enum sc_result store_sqlite_check(const char *path, struct store_copy_info *info,
                                  struct sc_error *err)
{
	static const char magic[16] = "SQLite format 3";
	char head[16], wal[PATH_ROOM];
	struct stat sb;
	sqlite3 *db = NULL;

	*info = (struct store_copy_info){ .known_version = known_version() };
	FILE *fp = fopen(path, "rb");
	if (!fp || fstat(fileno(fp), &sb) != 0) {
		if (fp)
			fclose(fp);
		return sc_fail(err, SC_IO, NULL, "cannot read %s: %s", path, strerror(errno));
	}
	info->bytes = (int64_t)sb.st_size;
	size_t n = fread(head, 1, sizeof(head), fp);
	fclose(fp);
	if (n != sizeof(head) || memcmp(head, magic, sizeof(magic)) != 0) {
		info->verdict = STORE_COPY_NOT_SQLITE;
		return SC_OK;
	}
	/* Changes in a log beside it would be missed: the file alone is not the database. */
	snprintf(wal, sizeof(wal), "%s-wal", path);
	if (stat(wal, &sb) == 0 && sb.st_size > 0) {
		info->verdict = STORE_COPY_OPEN;
		return SC_OK;
	}
	if (open_as_is(path, &db) != SQLITE_OK) {
		info->verdict = STORE_COPY_CORRUPT;
		snprintf(info->detail, sizeof(info->detail), "%s",
		         db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return SC_OK;
	}
	enum sc_result rc = judge(db, info, err);
	sqlite3_close(db);
	return rc;
}

/*
 * Give the file tmp the name path: link() refuses a path that exists,
 * rename() replaces it. A file system without hard links (a FAT-formatted
 * backup disk) gets rename() after a look whether path exists.
 */
static enum sc_result put_in_place(const char *tmp, const char *path, bool replace,
                                   struct sc_error *err)
{
	if (!replace && link(tmp, path) == 0)
		return SC_OK;
	if (!replace && errno != EPERM && errno != EOPNOTSUPP)
		return sc_fail(err, errno == EEXIST ? SC_CONFLICT : SC_IO, NULL,
		               "cannot write %s: %s", path, strerror(errno));
	if (!replace && access(path, F_OK) == 0)
		return sc_fail(err, SC_CONFLICT, NULL, "cannot write %s: it exists", path);
	if (rename(tmp, path) != 0)
		return sc_fail(err, SC_IO, NULL, "cannot write %s: %s", path, strerror(errno));
	return SC_OK;
}

enum sc_result sqlite_backup(struct store *base, const char *path, bool replace,
                             struct store_copy_info *info, struct sc_error *err)
{
	struct sqlite_store *st = (struct sqlite_store *)base;
	char tmp[PATH_ROOM], dir[PATH_ROOM];
	sqlite3 *copy = NULL;
	enum sc_result rc;

	if (st->in_tx)
		return sc_fail(err, SC_INTERNAL, NULL, "a backup inside a transaction");
	if ((rc = temp_beside(path, "backup", tmp, err)))
		return rc;
	/*
	 * One snapshot: a read transaction on this connection, begun by its
	 * first read, which every step of the backup then reads from. Writers
	 * on other connections go on meanwhile (WAL), and the backup never
	 * starts again, as it would when a step found the database changed.
	 */
	int code = sqlite3_exec(st->db, "BEGIN DEFERRED; SELECT count(*) FROM schema_version", NULL,
	                        NULL, NULL);
	if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB) {
		*info = (struct store_copy_info){ .known_version = known_version(),
			                          .verdict = STORE_COPY_CORRUPT };
		snprintf(info->detail, sizeof(info->detail), "%s", sqlite3_errmsg(st->db));
		rc = sc_fail(err, SC_INVALID, NULL, "backup: %s", info->detail);
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		goto out;
	}
	if (code != SQLITE_OK) {
		rc = sqlite_fail(st, err, "backup");
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		goto out;
	}
	/* A database of a newer salescoach is that program's to copy. */
	*info = (struct store_copy_info){ .known_version = known_version() };
	int64_t v = 0;
	if (one_int(st->db, "SELECT coalesce(max(version), 0) FROM schema_version", &v) &&
	    v > info->known_version) {
		info->verdict = STORE_COPY_NEWER;
		info->schema_version = (int)v;
		rc = sc_fail(err, SC_INVALID, NULL, "schema version %lld is newer", (long long)v);
	} else if ((rc = copy_pages(st->db, tmp, err)) == SC_INVALID) {
		info->verdict = STORE_COPY_CORRUPT;
		snprintf(info->detail, sizeof(info->detail), "%s", sqlite3_errmsg(st->db));
		if (!strcmp(info->detail, "not an error"))
			snprintf(info->detail, sizeof(info->detail), "%.200s", err->message);
	}
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	if (rc)
		goto out;
	/* What the copy holds, read from the copy itself. */
	if (open_as_is(tmp, &copy) != SQLITE_OK) {
		rc = sc_fail(err, SC_IO, NULL, "cannot read the copy %s", tmp);
		goto out;
	}
	rc = judge(copy, info, err);
	sqlite3_close(copy);
	/* The copy is as the database is: damage in it is the database's (the caller says so). */
	if (!rc && info->verdict != STORE_COPY_OK && info->verdict != STORE_COPY_OLDER)
		rc = sc_fail(err, SC_INVALID, NULL, "the copy failed its check (%d: %s)",
		             (int)info->verdict, info->detail);
	struct stat sb;
	if (!rc && stat(tmp, &sb) == 0)
		info->bytes = (int64_t)sb.st_size;
	if (!rc && !sync_path(tmp, false))
		rc = sc_fail(err, SC_IO, NULL, "cannot sync %s: %s", tmp, strerror(errno));
	if (rc)
		goto out;
	if ((rc = put_in_place(tmp, path, replace, err)))
		goto out;
	text_folder_of(path, dir, sizeof(dir));
	if (!sync_path(dir, true))
		rc = sc_fail(err, SC_IO, NULL, "cannot sync the folder %s: %s", dir,
		             strerror(errno));
out:
	remove_db_files(tmp); /* after link(), only the temporary name goes */
	return rc;
}

/*
 * Bring the database at db_path, which no one else may have open, into its
 * main file alone: the log checkpointed into it, and log and shared memory
 * removed as the last connection closes. A log still there afterwards means
 * another program has the database open: STORE_COPY_DB_IN_USE. A database
 * too damaged to open is left as it is (*damaged set): it is what a restore
 * is for.
 */
static enum sc_result settle(const char *db_path, struct store_copy_info *info, bool *damaged,
                             struct sc_error *err)
{
	char wal[PATH_ROOM];
	sqlite3 *db = NULL;
	struct stat sb;
	enum sc_result rc = SC_OK;
	int code = sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL);

	if (code == SQLITE_OK)
		code = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
	if (code == SQLITE_OK)
		code = sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	*damaged = (code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_CORRUPT;
	if (code != SQLITE_OK && !*damaged)
		rc = sc_fail(err, SC_STORE, NULL, "cannot open %s: %s", db_path,
		             db ? sqlite3_errmsg(db) : "out of memory");
	sqlite3_close(db);
	snprintf(wal, sizeof(wal), "%s-wal", db_path);
	if (!rc && !*damaged && stat(wal, &sb) == 0) {
		info->verdict = STORE_COPY_DB_IN_USE;
		rc = sc_fail(err, SC_CONFLICT, NULL, "%s is open in another program", db_path);
	}
	return rc;
}

/*
 * The logs of a damaged database (settle) go with its kept copy, as
 * kept-wal and kept-journal, never to the restored one: SQLite would read
 * them as the restored database's own.
 */
static enum sc_result keep_log(const char *db_path, const char *kept, struct sc_error *err)
{
	static const char *const tails[] = { "-wal", "-journal" };
	char log[PATH_ROOM], kept_log[PATH_ROOM];

	for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		snprintf(log, sizeof(log), "%s%s", db_path, tails[i]);
		snprintf(kept_log, sizeof(kept_log), "%s%s", kept, tails[i]);
		if (access(log, F_OK) != 0)
			continue;
		if (link(log, kept_log) != 0 || unlink(log) != 0)
			return sc_fail(err, SC_IO, NULL, "cannot keep %s as %s: %s", log, kept_log,
			               strerror(errno));
	}
	return SC_OK;
}

/*
 * A log (-wal, -journal) beside a database that is not there: SQLite would
 * replay it onto the restored database and damage it.
 * STORE_COPY_DB_LOG_LEFT, the log's ending ("-wal") into info->detail.
 */
static enum sc_result no_stray_log(const char *db_path, struct store_copy_info *info,
                                   struct sc_error *err)
{
	static const char *const tails[] = { "-wal", "-journal" };
	char log[PATH_ROOM];

	for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		snprintf(log, sizeof(log), "%s%s", db_path, tails[i]);
		if (access(log, F_OK) == 0) {
			info->verdict = STORE_COPY_DB_LOG_LEFT;
			snprintf(info->detail, sizeof(info->detail), "%s", tails[i]);
			return sc_fail(err, SC_CONFLICT, NULL, "%s lies beside no database", log);
		}
	}
	return SC_OK;
}

/*
 * Keep the database at db_path under a new name, db_path.before-restore-TIME
 * (with -2, -3, ... when taken), as a second name of the same file: the
 * database stays where it is until the restored one replaces it.
 */
static enum sc_result keep_old(const char *db_path, char *kept, size_t nkept, struct sc_error *err)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	for (int k = 1; k < 100; k++) {
		char suffix[8] = "";
		if (k > 1)
			snprintf(suffix, sizeof(suffix), "-%d", k);
		if (snprintf(kept, nkept, "%s.before-restore-%s%s", db_path, stamp, suffix) >=
		    (int)nkept)
			return sc_fail(err, SC_IO, NULL, "%s: the name is too long", db_path);
		if (link(db_path, kept) == 0)
			return SC_OK;
		if (errno != EEXIST)
			return sc_fail(err, SC_IO, NULL, "cannot keep %s as %s: %s", db_path, kept,
			               strerror(errno));
	}
	return sc_fail(err, SC_IO, NULL, "cannot keep %s: too many kept copies", db_path);
}

/* Copy file (checked) to tmp, a new file beside the database, and bring its schema up to date. */
static enum sc_result stage(const char *file, const char *tmp, const struct store_copy_info *info,
                            struct sc_error *err)
{
	sqlite3 *src = NULL;
	struct store *st = NULL;
	enum sc_result rc;

	if (open_as_is(file, &src) != SQLITE_OK) {
		rc = sc_fail(err, SC_IO, NULL, "cannot read %s: %s", file,
		             src ? sqlite3_errmsg(src) : "out of memory");
		sqlite3_close(src);
		return rc;
	}
	rc = copy_pages(src, tmp, err);
	sqlite3_close(src);
	if (!rc && info->verdict == STORE_COPY_OLDER && !(rc = store_open_sqlite(tmp, &st, err)))
		store_close(&st);
	if (!rc && !sync_path(tmp, false))
		rc = sc_fail(err, SC_IO, NULL, "cannot sync %s: %s", tmp, strerror(errno));
	return rc;
}

enum sc_result store_sqlite_restore(const char *link_path, const char *file,
                                    struct store_copy_info *info, char *kept, size_t nkept,
                                    struct sc_error *err)
{
	char db_path[PATH_MAX], tmp[PATH_ROOM], dir[PATH_ROOM], shm[PATH_ROOM];
	enum sc_result rc;

	kept[0] = '\0';
	/* The file SQLite opens, not a symbolic link to it: that is what is replaced. */
	if (!store_sqlite_real_path(link_path, db_path, sizeof(db_path)))
		return sc_fail(err, SC_IO, NULL, "%s: the name is too long", link_path);
	bool had_db = access(db_path, F_OK) == 0;
	if ((rc = store_sqlite_check(file, info, err)))
		return rc;
	if (info->verdict != STORE_COPY_OK && info->verdict != STORE_COPY_OLDER)
		return sc_fail(err, SC_INVALID, NULL, "%s cannot be restored (%d)", file,
		               (int)info->verdict);
	if (!had_db && (rc = no_stray_log(db_path, info, err)))
		return rc;
	if ((rc = temp_beside(db_path, "restore", tmp, err)))
		return rc;
	if ((rc = stage(file, tmp, info, err)))
		goto out;
	bool damaged = false;
	if (had_db && ((rc = settle(db_path, info, &damaged, err)) ||
	               (rc = keep_old(db_path, kept, nkept, err)) ||
	               (damaged && (rc = keep_log(db_path, kept, err)))))
		goto out;
	/* The restored database belongs to whom the old one did, with its permissions. */
	struct stat old;
	if (had_db && stat(db_path, &old) == 0) {
		if (chown(tmp, old.st_uid, old.st_gid) != 0 && geteuid() == 0)
			rc = sc_fail(err, SC_IO, NULL, "cannot give %s its owner: %s", tmp,
			             strerror(errno));
		if (!rc && chmod(tmp, old.st_mode & 07777) != 0)
			rc = sc_fail(err, SC_IO, NULL, "cannot set the permissions of %s: %s", tmp,
			             strerror(errno));
		if (rc) {
			unlink(kept);
			kept[0] = '\0';
			goto out;
		}
	}
	if (rename(tmp, db_path) != 0) {
		rc = sc_fail(err, SC_IO, NULL, "cannot replace %s: %s", db_path, strerror(errno));
		if (kept[0])
			unlink(kept); /* the database is still there under its own name */
		kept[0] = '\0';
		goto out;
	}
	/* Nothing of the old database may be read as the new one's. */
	snprintf(shm, sizeof(shm), "%s-shm", db_path);
	unlink(shm);
	text_folder_of(db_path, dir, sizeof(dir));
	if (!sync_path(dir, true))
		rc = sc_fail(err, SC_IO, NULL, "cannot sync the folder %s: %s", dir,
		             strerror(errno));
out:
	remove_db_files(tmp);
	return rc;
}

enum sc_result store_sqlite_lock(const char *db_path, bool exclusive, int *fd, struct sc_error *err)
{
	char real[PATH_MAX], path[PATH_ROOM];

	*fd = -1;
	if (!strcmp(db_path, ":memory:"))
		return SC_OK;
	/* One lock per database file, whatever symbolic link names it. */
	if (!store_sqlite_real_path(db_path, real, sizeof(real)))
		return sc_fail(err, SC_IO, NULL, "%s: the name is too long", db_path);
	snprintf(path, sizeof(path), "%s.lock", real);
	/*
	 * Opened for reading: flock needs no more, and a lock file another user
	 * made (a restore run as root) still serves the server's user.
	 */
	int f = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, 0644);
	if (f < 0)
		return sc_fail(err, SC_IO, NULL, "cannot open the lock file %s: %s", path,
		               strerror(errno));
	/* flock, not fcntl: SQLite's own fcntl locks on the database are not touched. */
	if (flock(f, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0) {
		int e = errno;
		close(f);
		return sc_fail(err, e == EWOULDBLOCK ? SC_CONFLICT : SC_IO, NULL,
		               "cannot lock %s: %s", path, strerror(e));
	}
	*fd = f;
	return SC_OK;
}

void store_sqlite_unlock(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}
