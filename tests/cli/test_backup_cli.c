/*
 * test_backup_cli.c - `salescoach backup` and `salescoach restore` through
 * the real program (docs/backup.md): a backup taken while another process
 * writes holds every write acknowledged before it began and restores to a
 * sound database; a restore refuses what it must (not a database, a damaged
 * one, a newer schema, a running server) and changes nothing then; an older
 * schema is brought up to date; a backup refuses to overwrite or to write
 * where it cannot.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>
#include <sqlite3.h>

#include "cli_harness.h"
#include "model/entity.h"
#include "model/record.h"
#include "store/migrations.h"
#include "store/store.h"

struct fx {
	char dir[512];
	char db[600];
	struct harness_run run;
};

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));
	if (!fx || harness_run_init(&fx->run, fx->dir, sizeof(fx->dir), "salescoach-backup")) {
		free(fx);
		return -1;
	}
	snprintf(fx->db, sizeof(fx->db), "%s/salescoach.db", fx->dir);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	harness_run_release(&fx->run);
	free(fx);
	return 0;
}

/* fx->dir/name into buf (static per call site use: the caller's). */
static const char *in_dir(const struct fx *fx, const char *name, char *buf, size_t n)
{
	snprintf(buf, n, "%s/%s", fx->dir, name);
	return buf;
}

/* Run the program in English on fx->db with the arguments up to NULL. */
#define sc(fx, ...) harness_run(&(fx)->run, (fx)->db, NULL, "--lang", "en", __VA_ARGS__)

/* A database with one organisation, made by the program. */
static void make_db(struct fx *fx)
{
	sc(fx, "org", "add", "--name", "Backup BV", NULL);
	harness_expect_ok(&fx->run, "org add");
}

/* The one whole number sql answers on the database at path. */
static int64_t query_int(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	int64_t v = -1;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		fail_msg("%s on %s: %s", sql, path, sqlite3_errmsg(db));
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return v;
}

/* The bytes of the file at path (owned) and their number in *n; NULL when there is none. */
static char *bytes_of(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	long len;
	*n = 0;
	if (!fp)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (len = ftell(fp)) > 0 && fseek(fp, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)len)) && fread(buf, 1, (size_t)len, fp) == (size_t)len)
		*n = (size_t)len;
	fclose(fp);
	return buf;
}

/* The files at a and b hold the same bytes. */
static void expect_same_bytes(const char *a, const char *b_before, size_t nb, const char *what)
{
	size_t na = 0;
	char *now = bytes_of(a, &na);
	if (na != nb || !now || memcmp(now, b_before, nb) != 0)
		fail_msg("%s: %s changed", what, a);
	free(now);
}

/* Run sql on the database at path (read-write). */
static void exec_sql(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	char *msg = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s on %s: %s", sql, path, msg);
	sqlite3_close(db);
}

static bool integrity_ok(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	bool ok = false;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW)
		ok = strcmp((const char *)sqlite3_column_text(stmt, 0), "ok") == 0;
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return ok;
}

/* The names in fx->dir, sorted, one a line (owned): what a refusal must leave as it was. */
static char *listing(const struct fx *fx)
{
	char cmd[700];
	snprintf(cmd, sizeof(cmd), "ls -A '%s' | sort", fx->dir);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char *text = calloc(1, 8192);
	assert_non_null(text);
	size_t n = fread(text, 1, 8191, p);
	text[n] = '\0';
	pclose(p);
	return text;
}

/* ---- a backup while another process writes ------------------------------------------------ */

/*
 * The writer: adds people to organisation 1 of db one commit at a time,
 * and after each commit appends the id to the file acks: every id in acks
 * is an acknowledged write. Runs until killed.
 */
static void writer(const char *db, const char *acks)
{
	struct store *st = NULL;
	struct sc_error err;
	const struct entity_def *person = entity_get(E_PERSON);
	int fd = open(acks, O_WRONLY | O_CREAT | O_APPEND, 0644);

	if (fd < 0 || store_open_sqlite(db, &st, &err))
		_exit(3);
	for (long k = 0;; k++) {
		char name[64], email[64], line[32];
		struct record *rec = record_new(person);
		snprintf(name, sizeof(name), "Load %ld", k);
		snprintf(email, sizeof(email), "load%ld@example.com", k);
		if (!rec || record_put_text(rec, "name", name) ||
		    record_put_text(rec, "email", email) || store_insert(st, 1, rec, &err))
			_exit(4);
		int n = snprintf(line, sizeof(line), "%lld\n", (long long)rec->id);
		if (write(fd, line, (size_t)n) != n)
			_exit(5);
		record_free(&rec);
	}
}

/* The ids in the file acks (up to max) into ids; returns how many. */
static size_t read_acks(const char *acks, long long *ids, size_t max)
{
	FILE *fp = fopen(acks, "r");
	size_t n = 0;
	if (!fp)
		return 0;
	while (n < max && fscanf(fp, "%lld", &ids[n]) == 1)
		n++;
	fclose(fp);
	return n;
}

static void test_backup_while_writing_holds_every_acknowledged_write(void **state)
{
	struct fx *fx = *state;
	char acks[700], copy[700], scratch[700];
	static long long before[200000];
	long long tmp[16];

	/* A database of some size, so that the backup copies it in several steps. */
	sc(fx, "demo", NULL);
	harness_expect_ok(&fx->run, "demo");
	in_dir(fx, "acks", acks, sizeof(acks));
	in_dir(fx, "backup.db", copy, sizeof(copy));
	in_dir(fx, "scratch.db", scratch, sizeof(scratch));
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		writer(fx->db, acks);
	/* Writes under way: wait for the first acknowledgements (no clock: a count). */
	for (int i = 0; i < 60000 && read_acks(acks, tmp, 16) < 16; i++)
		usleep(1000);
	assert_int_equal(read_acks(acks, tmp, 16), 16);
	/* Everything acknowledged now was acknowledged before the backup began. */
	size_t nbefore = read_acks(acks, before, sizeof(before) / sizeof(before[0]));
	sc(fx, "backup", copy, NULL);
	harness_expect_ok(&fx->run, "backup while writing");
	kill(pid, SIGKILL);
	int status = 0;
	waitpid(pid, &status, 0);
	assert_true(WIFSIGNALED(status)); /* the writer failed no write */
	print_message("%zu writes acknowledged before the backup began, %zu by its end\n", nbefore,
	              read_acks(acks, before, sizeof(before) / sizeof(before[0])));
	read_acks(acks, before, nbefore); /* those of before the backup again */
	assert_non_null(strstr(fx->run.out, "backed up"));
	assert_non_null(strstr(fx->run.out, "1 organisation"));

	/* It restores to a sound database that holds every acknowledged write. */
	harness_run(&fx->run, scratch, NULL, "--lang", "en", "restore", copy, NULL);
	harness_expect_ok(&fx->run, "restore of the backup");
	assert_true(integrity_ok(scratch));
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	assert_int_equal(sqlite3_open_v2(scratch, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(
	        sqlite3_prepare_v2(db, "SELECT name FROM person WHERE id = ?", -1, &stmt, NULL),
	        SQLITE_OK);
	for (size_t i = 0; i < nbefore; i++) {
		sqlite3_reset(stmt);
		sqlite3_bind_int64(stmt, 1, before[i]);
		if (sqlite3_step(stmt) != SQLITE_ROW)
			fail_msg("person %lld was acknowledged before the backup began and is not "
			         "in "
			         "it (%zu acknowledged before)",
			         before[i], nbefore);
	}
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	/* The program reads it. */
	harness_run(&fx->run, scratch, NULL, "--lang", "en", "person", "list", "--json", NULL);
	harness_expect_ok(&fx->run, "person list on the restored database");
}

/* ---- restore: what it refuses, and that a refusal changes nothing -------------------------- */

/*
 * Restore file into fx->db: refused (2) mentioning mentions, and so is
 * --check unless the file is the database itself (checking that is fine);
 * fx->db and the folder unchanged.
 */
static void expect_restore_refused(struct fx *fx, const char *file, const char *mentions)
{
	int64_t people = query_int(fx->db, "SELECT count(*) FROM person");
	char *before = listing(fx);
	size_t n = 0;
	char *bytes = bytes_of(fx->db, &n);

	sc(fx, "restore", file, NULL);
	harness_expect_refused(&fx->run, file, mentions);
	if (strcmp(file, fx->db) != 0) {
		sc(fx, "restore", "--check", file, NULL);
		harness_expect_refused(&fx->run, file, mentions);
	}
	char *after = listing(fx);
	assert_string_equal(before, after);
	expect_same_bytes(fx->db, bytes, n, file);
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM person"), people);
	free(before);
	free(after);
	free(bytes);
}

/* Damage the root page of the table person in the database at path. */
static void damage(const char *path)
{
	int64_t root = query_int(path, "SELECT rootpage FROM sqlite_master WHERE name = 'person'");
	int64_t size = query_int(path, "PRAGMA page_size");
	unsigned char junk[16];
	memset(junk, 0xff, sizeof(junk));
	int fd = open(path, O_WRONLY);
	assert_true(fd >= 0 && root > 1);
	assert_int_equal(pwrite(fd, junk, sizeof(junk), (off_t)((root - 1) * size)),
	                 (ssize_t)sizeof(junk));
	close(fd);
}

static void test_restore_refuses_and_changes_nothing(void **state)
{
	struct fx *fx = *state;
	char good[700], text[700], bad[700], newer[700], other[700];

	make_db(fx);
	sc(fx, "person", "add", "--name", "Anna de Vries", "--email", "anna@example.com", NULL);
	harness_expect_ok(&fx->run, "person add");
	in_dir(fx, "good.db", good, sizeof(good));
	sc(fx, "backup", good, NULL);
	harness_expect_ok(&fx->run, "backup");

	/* Not a database. */
	in_dir(fx, "notes.txt", text, sizeof(text));
	harness_write_file(text, "minutes of the meeting of 3 March\n");
	expect_restore_refused(fx, text, "is not an SQLite database");

	/* A damaged one. */
	in_dir(fx, "damaged.db", bad, sizeof(bad));
	sc(fx, "backup", bad, NULL);
	harness_expect_ok(&fx->run, "backup to damage");
	damage(bad);
	expect_restore_refused(fx, bad, "is damaged");

	/* One of a newer salescoach. */
	in_dir(fx, "newer.db", newer, sizeof(newer));
	sc(fx, "backup", newer, NULL);
	harness_expect_ok(&fx->run, "backup to make newer");
	exec_sql(newer, "INSERT INTO schema_version (version, name, applied_at)"
	                " VALUES (999, 'from_the_future', '2030-01-01T00:00:00Z')");
	expect_restore_refused(fx, newer, "schema version 999, newer than this salescoach");

	/* An SQLite database of another program. */
	in_dir(fx, "other.db", other, sizeof(other));
	exec_sql(other, "CREATE TABLE schema_version (version INTEGER);"
	                " INSERT INTO schema_version VALUES (1); CREATE TABLE notes (body TEXT)");
	expect_restore_refused(fx, other, "not one of salescoach");

	/* The database itself, and no file at all. */
	expect_restore_refused(fx, fx->db, "is the database itself");
	in_dir(fx, "missing.db", other, sizeof(other));
	expect_restore_refused(fx, other, "there is no file");

	/* The good backup passes the check, and --check changes nothing either. */
	sc(fx, "restore", "--check", good, NULL);
	harness_expect_ok(&fx->run, "restore --check");
	assert_non_null(strstr(fx->run.out, "integrity ok"));
	assert_non_null(strstr(fx->run.out, "1 organisation"));
}

/* Start `serve` on fx->db on a free port; returns its pid once it serves. */
static pid_t start_server(struct fx *fx)
{
	char out[700], bin[600];
	in_dir(fx, "serve.out", out, sizeof(out));
	snprintf(bin, sizeof(bin), "%s", getenv("SALESCOACH_BIN"));
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		dup2(fd, 1);
		dup2(fd, 2);
		execl(bin, bin, "--lang", "en", "--db", fx->db, "serve", "--listen", "127.0.0.1:0",
		      "--threads", "2", (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 60000; i++) {
		char *text = harness_slurp(out);
		bool up = strstr(text, "http://") != NULL;
		free(text);
		if (up)
			return pid;
		int status;
		if (waitpid(pid, &status, WNOHANG) == pid)
			fail_msg("the server stopped: %s", harness_slurp(out));
		usleep(1000);
	}
	fail_msg("the server did not start");
	return -1;
}

static void test_restore_refuses_while_a_server_runs(void **state)
{
	struct fx *fx = *state;
	char good[700];
	int status = 0;

	make_db(fx);
	in_dir(fx, "good.db", good, sizeof(good));
	sc(fx, "backup", good, NULL);
	harness_expect_ok(&fx->run, "backup");
	pid_t pid = start_server(fx);
	/* A backup is fine while it serves; a restore is not. */
	in_dir(fx, "while-serving.db", good, sizeof(good));
	sc(fx, "backup", good, NULL);
	harness_expect_ok(&fx->run, "backup while serving");
	char *before = listing(fx);
	sc(fx, "restore", good, NULL);
	harness_expect_refused(&fx->run, "restore while serving", "stop the server first");
	char *after = listing(fx);
	assert_string_equal(before, after);
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* Another program with the database open: refused too, nothing changed. */
	sqlite3 *other = NULL;
	assert_int_equal(sqlite3_open(fx->db, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "SELECT count(*) FROM person", NULL, NULL, NULL),
	                 SQLITE_OK);
	free(before);
	before = listing(fx);
	sc(fx, "restore", good, NULL);
	harness_expect_refused(&fx->run, "restore while open elsewhere",
	                       "is open in another program");
	free(after);
	after = listing(fx);
	assert_string_equal(before, after);
	sqlite3_close(other);
	/* Stopped, it restores, and keeps the database it replaced. */
	sc(fx, "restore", good, NULL);
	harness_expect_ok(&fx->run, "restore after the server stopped");
	assert_non_null(strstr(fx->run.out, "restored"));
	assert_non_null(strstr(fx->run.out, ".before-restore-"));
	char *kept = strstr(fx->run.out, fx->db);
	assert_non_null(kept);
	free(before);
	free(after);

	/* A server does not start while a restore holds the lock. */
	char lock[700];
	snprintf(lock, sizeof(lock), "%s.lock", fx->db);
	int fd = open(lock, O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0);
	sc(fx, "serve", "--listen", "127.0.0.1:0", NULL);
	harness_expect_usage_error(&fx->run, "serve during a restore", "a restore into");
	close(fd);
}

/* A database damaged beyond opening is what a restore is for: replaced, and kept as it was. */
static void test_restore_over_a_damaged_database(void **state)
{
	struct fx *fx = *state;
	char good[700], kept[700];

	make_db(fx);
	in_dir(fx, "good.db", good, sizeof(good));
	sc(fx, "backup", good, NULL);
	harness_expect_ok(&fx->run, "backup");
	harness_write_file(fx->db, "this was a database until the disk failed\n");
	sc(fx, "overview", NULL);
	assert_int_not_equal(fx->run.status, 0);
	sc(fx, "restore", good, NULL);
	harness_expect_ok(&fx->run, "restore over a damaged database");
	assert_true(integrity_ok(fx->db));
	sc(fx, "org", "list", NULL);
	harness_expect_ok(&fx->run, "org list after the restore");
	assert_non_null(strstr(fx->run.out, "Backup BV"));
	/* The damaged file is kept, byte for byte. */
	char *names = listing(fx), *at = strstr(names, "salescoach.db.before-restore-");
	assert_non_null(at);
	snprintf(kept, sizeof(kept), "%s/%.*s", fx->dir, (int)strcspn(at, "\n"), at);
	char *text = harness_slurp(kept);
	assert_string_equal(text, "this was a database until the disk failed\n");
	free(text);
	free(names);
}

/* A database of an older schema (one migration short) at path, in WAL mode as salescoach's are,
 * with one organisation. */
static int make_older_db(const char *path)
{
	int latest = 0;
	sqlite3 *db = NULL;

	for (const struct migration *m = sqlite_migrations; m->version; m++)
		latest = m->version;
	assert_true(latest > 1);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
	                              "PRAGMA journal_mode = WAL; CREATE TABLE schema_version "
	                              "(version INTEGER PRIMARY KEY,"
	                              " name TEXT NOT NULL, applied_at TEXT NOT NULL)",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	for (const struct migration *m = sqlite_migrations; m->version < latest; m++) {
		char sql[256];
		if (sqlite3_exec(db, m->sql, NULL, NULL, NULL) != SQLITE_OK)
			fail_msg("migration %d: %s", m->version, sqlite3_errmsg(db));
		snprintf(sql, sizeof(sql),
		         "INSERT INTO schema_version VALUES (%d, '%s', '2026-01-01T00:00:00Z')",
		         m->version, m->name);
		assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	}
	assert_int_equal(sqlite3_exec(db,
	                              "INSERT INTO organisation (name, slug, created_at)"
	                              " VALUES ('Oud BV', 'oud', '2026-01-01T00:00:00Z')",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(db);
	return latest - 1;
}

/* A backup of an older salescoach: migrated on restore, as at open. */
static void test_restore_brings_an_older_schema_up_to_date(void **state)
{
	struct fx *fx = *state;
	char old[700], want[64];

	in_dir(fx, "old.db", old, sizeof(old));
	int latest = make_older_db(old) + 1;

	sc(fx, "restore", old, NULL);
	harness_expect_ok(&fx->run, "restore of an older schema");
	snprintf(want, sizeof(want), "from version %d to %d", latest - 1, latest);
	assert_non_null(strstr(fx->run.out, want));
	assert_int_equal(query_int(fx->db, "SELECT max(version) FROM schema_version"), latest);
	assert_true(integrity_ok(fx->db));
	sc(fx, "org", "list", NULL);
	harness_expect_ok(&fx->run, "org list");
	assert_non_null(strstr(fx->run.out, "Oud BV"));
}

/* ---- backup: what it refuses ----------------------------------------------------------------- */

static void test_backup_refusals(void **state)
{
	struct fx *fx = *state;
	char file[700], folder[700];

	make_db(fx);
	in_dir(fx, "b.db", file, sizeof(file));
	sc(fx, "backup", file, NULL);
	harness_expect_ok(&fx->run, "backup");
	assert_non_null(strstr(fx->run.out, "schema version"));
	size_t nfirst = 0;
	char *first = bytes_of(file, &nfirst);

	/* It exists: refused, untouched; --force replaces it. */
	sc(fx, "person", "add", "--name", "Bram", "--email", "bram@example.com", NULL);
	harness_expect_ok(&fx->run, "person add");
	sc(fx, "backup", file, NULL);
	harness_expect_refused(&fx->run, "backup to a file that exists", "exists already");
	expect_same_bytes(file, first, nfirst, "a backup refused");
	sc(fx, "backup", file, "--force", NULL);
	harness_expect_ok(&fx->run, "backup --force");
	assert_int_equal(query_int(file, "SELECT count(*) FROM person"), 1);

	/* The database itself, even with --force. */
	sc(fx, "backup", fx->db, "--force", NULL);
	harness_expect_refused(&fx->run, "backup onto the database", "is the database itself");
	assert_true(integrity_ok(fx->db));

	/* A folder that does not exist; a folder; no file named. */
	in_dir(fx, "nowhere/b.db", folder, sizeof(folder));
	sc(fx, "backup", folder, NULL);
	harness_expect_refused(&fx->run, "backup into a missing folder", "there is no folder");
	sc(fx, "backup", fx->dir, NULL);
	harness_expect_refused(&fx->run, "backup to a folder", "is a folder");
	sc(fx, "backup", NULL);
	harness_expect_refused(&fx->run, "backup without a file", "name the file");

	/* A folder one may not write in (root may write anywhere: then not asked). */
	if (geteuid() != 0) {
		in_dir(fx, "locked", folder, sizeof(folder));
		assert_int_equal(mkdir(folder, 0555), 0);
		strcat(folder, "/b.db");
		sc(fx, "backup", folder, NULL);
		harness_expect_refused(&fx->run, "backup into a read-only folder",
		                       "may not write in the folder");
		folder[strlen(folder) - 5] = '\0';
		rmdir(folder);
	}

	/* Nothing but the backups was left in the folder: no temporary file. */
	char *names = listing(fx);
	assert_null(strstr(names, ".backup-"));
	free(names);
	free(first);
}

/* ---- what lies beside the database, and symbolic links ----------------------------------------
 */

/* Run the program in English on the database at db with the arguments up to NULL. */
#define sc_on(fx, db, ...) harness_run(&(fx)->run, (db), NULL, "--lang", "en", __VA_ARGS__)

/*
 * A write-ahead log left where the database was lost would be replayed onto
 * the restored database and damage it: the restore refuses, changes
 * nothing, and restores once the log is moved away.
 */
static void test_restore_refuses_a_log_without_its_database(void **state)
{
	struct fx *fx = *state;
	char good[700], lost[700], wal[720], moved[740];
	sqlite3 *db = NULL;
	int keep = 1;

	make_db(fx);
	in_dir(fx, "good.db", good, sizeof(good));
	sc(fx, "backup", good, NULL);
	harness_expect_ok(&fx->run, "backup");
	/* Another database's log, its changes still in it, and then the database gone. */
	in_dir(fx, "lost.db", lost, sizeof(lost));
	assert_int_equal(sqlite3_open(lost, &db), SQLITE_OK);
	assert_int_equal(sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &keep),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
	                              "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;"
	                              " CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('x')",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	snprintf(wal, sizeof(wal), "%s-wal", lost);
	size_t nwal = 0;
	char *log = bytes_of(wal, &nwal);
	sqlite3_close(db);
	unlink(lost);
	/* The log as it was before the close checkpointed it. */
	FILE *fp = fopen(wal, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(log, 1, nwal, fp), nwal);
	fclose(fp);
	assert_true(nwal > 0);

	sc_on(fx, lost, "restore", good, NULL);
	harness_expect_refused(&fx->run, "restore beside a stray log", "without its database");
	assert_int_not_equal(access(lost, F_OK), 0);
	expect_same_bytes(wal, log, nwal, "a refused restore");

	snprintf(moved, sizeof(moved), "%s.old", wal);
	assert_int_equal(rename(wal, moved), 0);
	sc_on(fx, lost, "restore", good, NULL);
	harness_expect_ok(&fx->run, "restore once the log is moved away");
	assert_true(integrity_ok(lost));
	sc_on(fx, lost, "org", "list", NULL);
	harness_expect_ok(&fx->run, "org list after the restore");
	assert_non_null(strstr(fx->run.out, "Backup BV"));
	free(log);
}

/*
 * A --db that is a symbolic link names the database it points to: a
 * restore through it is refused while a server holds the database, and
 * once allowed it replaces the database, not the link.
 */
static void test_restore_through_a_symbolic_link(void **state)
{
	struct fx *fx = *state;
	char good[700], link_path[700];
	struct sc_error err;
	struct stat sb;
	int lock = -1;

	make_db(fx);
	in_dir(fx, "good.db", good, sizeof(good));
	sc(fx, "backup", good, NULL);
	harness_expect_ok(&fx->run, "backup");
	sc(fx, "person", "add", "--name", "Later Person", "--email", "later@example.com", NULL);
	harness_expect_ok(&fx->run, "person add after the backup");
	in_dir(fx, "link.db", link_path, sizeof(link_path));
	assert_int_equal(symlink(fx->db, link_path), 0);

	/* A server on the database (its lock, taken as serve takes it). */
	assert_int_equal(store_sqlite_lock(fx->db, false, &lock, &err), SC_OK);
	char *before = listing(fx);
	sc_on(fx, link_path, "restore", good, NULL);
	harness_expect_refused(&fx->run, "restore through a link while serving",
	                       "stop the server first");
	char *after = listing(fx);
	assert_string_equal(before, after);
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM person"), 1);
	/* And a server through the link does not start during a restore of the database. */
	store_sqlite_unlock(&lock);
	assert_int_equal(store_sqlite_lock(fx->db, true, &lock, &err), SC_OK);
	int other = -1;
	assert_int_equal(store_sqlite_lock(link_path, false, &other, &err), SC_CONFLICT);
	store_sqlite_unlock(&lock);

	sc_on(fx, link_path, "restore", good, NULL);
	harness_expect_ok(&fx->run, "restore through a link");
	assert_int_equal(lstat(link_path, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM person"), 0);
	assert_true(integrity_ok(fx->db));
	free(before);
	free(after);
}

/*
 * A backup before an upgrade is of the database as it was: the new
 * program's backup leaves the database and the copy at their older schema.
 * A database of a newer schema, or a damaged one, is refused, nothing
 * written.
 */
static void test_backup_copies_the_database_as_it_is(void **state)
{
	struct fx *fx = *state;
	char old[700], copy[700];

	in_dir(fx, "old.db", old, sizeof(old));
	int version = make_older_db(old);
	in_dir(fx, "old-backup.db", copy, sizeof(copy));
	sc_on(fx, old, "backup", copy, NULL);
	harness_expect_ok(&fx->run, "backup of an older schema");
	/* Nothing left beside the database by the backup's reading of it. */
	char side[720];
	snprintf(side, sizeof(side), "%s-wal", old);
	assert_int_not_equal(access(side, F_OK), 0);
	snprintf(side, sizeof(side), "%s-shm", old);
	assert_int_not_equal(access(side, F_OK), 0);
	assert_int_equal(query_int(old, "SELECT max(version) FROM schema_version"), version);
	assert_int_equal(query_int(copy, "SELECT max(version) FROM schema_version"), version);
	assert_int_equal(query_int(copy, "SELECT count(*) FROM organisation"), 1);

	/* Newer than this program: refused. */
	make_db(fx);
	exec_sql(fx->db, "INSERT INTO schema_version (version, name, applied_at)"
	                 " VALUES (999, 'from_the_future', '2030-01-01T00:00:00Z')");
	in_dir(fx, "newer-backup.db", copy, sizeof(copy));
	sc(fx, "backup", copy, NULL);
	harness_expect_refused(&fx->run, "backup of a newer schema",
	                       "schema version 999, newer than this salescoach");
	assert_int_not_equal(access(copy, F_OK), 0);
	exec_sql(fx->db, "DELETE FROM schema_version WHERE version = 999");

	/* Damaged: the database is, not the copy. */
	damage(fx->db);
	in_dir(fx, "damaged-backup.db", copy, sizeof(copy));
	sc(fx, "backup", copy, NULL);
	harness_expect_refused(&fx->run, "backup of a damaged database", "itself is damaged");
	assert_non_null(strstr(fx->run.err, "restore the last good backup"));
	assert_int_not_equal(access(copy, F_OK), 0);
	char *names = listing(fx);
	assert_null(strstr(names, ".backup-"));
	free(names);
}

/* backup --force never writes over the database's log, shared memory, journal or lock. */
static void test_backup_refuses_the_database_files(void **state)
{
	struct fx *fx = *state;
	static const char *const tails[] = { "-wal", "-shm", "-journal", ".lock" };
	char alias[700], file[800];

	make_db(fx);
	in_dir(fx, "alias", alias, sizeof(alias));
	assert_int_equal(symlink(fx->dir, alias), 0);
	for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		snprintf(file, sizeof(file), "%s%s", fx->db, tails[i]);
		sc(fx, "backup", file, "--force", NULL);
		harness_expect_refused(&fx->run, file, "one of the database's own files");
		/* The same file by another name. */
		snprintf(file, sizeof(file), "%s/salescoach.db%s", alias, tails[i]);
		sc(fx, "backup", file, "--force", NULL);
		harness_expect_refused(&fx->run, file, "one of the database's own files");
	}
	assert_true(integrity_ok(fx->db));
}

/* Restored as root where there was no database: the operator is told to hand it over. */
static void test_restore_as_root_says_whose_the_database_is(void **state)
{
	struct fx *fx = *state;
	char good[700], fresh[700];

	if (geteuid() != 0)
		skip();
	make_db(fx);
	in_dir(fx, "good.db", good, sizeof(good));
	sc(fx, "backup", good, NULL);
	harness_expect_ok(&fx->run, "backup");
	in_dir(fx, "fresh.db", fresh, sizeof(fresh));
	sc_on(fx, fresh, "restore", good, NULL);
	harness_expect_ok(&fx->run, "restore as root onto no database");
	assert_non_null(strstr(fx->run.out, "belongs to root alone"));
	/* The lock file the restore made is root's, and still serves another user's server. */
	char lock[720];
	snprintf(lock, sizeof(lock), "%s.lock", fresh);
	struct stat sb;
	assert_int_equal(stat(lock, &sb), 0);
	assert_int_equal(sb.st_uid, 0);
	assert_int_equal(chmod(fx->dir, 0755), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct sc_error err;
		int fd = -1;
		_exit(setgid(65534) == 0 && setuid(65534) == 0 &&
		                      store_sqlite_lock(fresh, false, &fd, &err) == SC_OK
		              ? 0
		              : 1);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* Over an existing database it keeps that one's owner: nothing to say. */
	sc(fx, "restore", good, NULL);
	harness_expect_ok(&fx->run, "restore as root over a database");
	assert_null(strstr(fx->run.out, "belongs to root alone"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		        test_backup_while_writing_holds_every_acknowledged_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restore_refuses_and_changes_nothing, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_restore_refuses_while_a_server_runs, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_restore_over_a_damaged_database, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_restore_brings_an_older_schema_up_to_date,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restore_refuses_a_log_without_its_database,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_restore_through_a_symbolic_link, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_backup_copies_the_database_as_it_is, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_backup_refuses_the_database_files, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_restore_as_root_says_whose_the_database_is,
		                                setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
