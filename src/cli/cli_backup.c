/*
 * cli_backup.c - `salescoach backup FILE` (a consistent copy of the
 * database while the server runs) and `salescoach restore FILE` (a copy
 * checked and put in place, with the server stopped); docs/backup.md.
 */
#include "cli/cli_backup.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/text.h"

/* True when a and b are one file (both exist). */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* Megabytes, as people read them in the language of the command line, into buf. */
static const char *megabytes(int64_t bytes, char *buf, size_t n)
{
	return msg_number(cli_lang(), (double)bytes / 1e6, 1, buf, n);
}

/*
 * The options of backup and restore: FILE and the one flag each has
 * (--force, --check) into *file and *flag. Returns -1 to go on, else the
 * exit code (help, usage errors).
 */
static int copy_options(struct cli *c, int argc, char **argv, const char *command,
                        const char *flag_name, const char **file, bool *flag)
{
	const struct option opts[] = { { flag_name, no_argument, NULL, 'f' },
		                       { "help", no_argument, NULL, 'h' },
		                       { NULL, 0, NULL, 0 } };
	char help_id[32];
	int ch;

	snprintf(help_id, sizeof(help_id), "help.%s", command);
	*file = NULL;
	*flag = false;
	optind = 0; /* GNU getopt starts afresh, options after FILE too */
	opterr = 0;
	while ((ch = cli_getopt(argc, argv, ":h", opts)) != -1) {
		if (ch == 'f') {
			*flag = true;
		} else if (ch == 'h') {
			fputs(cli_help_text(c, help_id), stdout);
			return CLI_OK;
		} else {
			return cli_refuse(
			        "cli.cmd.unknown_option_see",
			        CLI_ARGS({ "command", command }, { "option", argv[optind - 1] }));
		}
	}
	if (optind < argc)
		*file = argv[optind++];
	if (optind < argc)
		return cli_refuse("cli.cmd.unexpected_see",
		                  CLI_ARGS({ "command", command }, { "arg", argv[optind] }));
	if (!*file) {
		snprintf(help_id, sizeof(help_id), "cli.%s.file", command);
		return cli_refuse(help_id, NULL, 0);
	}
	return -1;
}

/*
 * True when file is one of the files SQLite and the server keep beside the
 * database: its log, shared memory, journal or lock (both names resolved,
 * symbolic links followed, whether the files exist or not).
 */
static bool db_side_file(const char *db_path, const char *file)
{
	static const char *const tails[] = { "-wal", "-shm", "-journal", ".lock" };
	char real_db[PATH_MAX], real_file[PATH_MAX], side[PATH_MAX + 16];

	if (!store_sqlite_real_path(db_path, real_db, sizeof(real_db)) ||
	    !store_sqlite_real_path(file, real_file, sizeof(real_file)))
		return false;
	for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		snprintf(side, sizeof(side), "%s%s", real_db, tails[i]);
		if (!strcmp(side, real_file))
			return true;
	}
	return false;
}

/* Refuse a backup to file before anything is written: CLI_USAGE (said), or CLI_OK. */
static int backup_refusal(const struct cli *c, const char *file, bool force)
{
	char dir[PATH_MAX];
	struct stat sb;

	if (same_file(file, c->db_path))
		return cli_refuse("cli.backup.same", CLI_ARGS({ "file", file }));
	if (db_side_file(c->db_path, file))
		return cli_refuse("cli.backup.db_file", CLI_ARGS({ "file", file }));
	if (stat(file, &sb) == 0 && S_ISDIR(sb.st_mode))
		return cli_refuse("cli.backup.is_dir", CLI_ARGS({ "file", file }));
	if (stat(file, &sb) == 0 && !force)
		return cli_refuse("cli.backup.exists", CLI_ARGS({ "file", file }));
	text_folder_of(file, dir, sizeof(dir));
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return cli_refuse("cli.backup.no_folder", CLI_ARGS({ "folder", dir }));
	if (access(dir, W_OK | X_OK) != 0)
		return cli_refuse("cli.backup.not_writable", CLI_ARGS({ "folder", dir }));
	return CLI_OK;
}

int cli_backup(struct cli *c, int argc, char **argv)
{
	struct store_copy_info info;
	struct sc_error err;
	const char *file;
	bool force;
	char mb[48];
	int rc = copy_options(c, argc, argv, "backup", "force", &file, &force);

	if (rc >= 0)
		return rc;
	if (store_target_is_postgres(c->db_path))
		return cli_refuse("cli.backup.postgres",
		                  CLI_ARGS({ "db", cli_db_shown(c->db_path) }));
	if ((rc = cli_need_db(c->db_path)) || (rc = backup_refusal(c, file, force)))
		return rc;
	/* Read as it is: a backup before an upgrade must not be of the upgraded database. */
	if (!c->store && store_open_sqlite_as_it_is(c->db_path, &c->store, &err))
		return cli_fail(&err);
	if (store_backup(c->store, file, force, &info, &err)) {
		if (err.code == SC_CONFLICT) /* made meanwhile by another program */
			return cli_refuse("cli.backup.exists", CLI_ARGS({ "file", file }));
		if (err.code == SC_INVALID && info.verdict == STORE_COPY_NEWER)
			return cli_refuse("cli.backup.newer",
			                  CLI_ARGS({ "db", c->db_path },
			                           { "version", SC_I64(info.schema_version) },
			                           { "known", SC_I64(info.known_version) },
			                           { "program", SALESCOACH_VERSION }));
		if (err.code == SC_INVALID)
			return cli_refuse(
			        "cli.backup.damaged",
			        CLI_ARGS({ "db", c->db_path }, { "detail", info.detail }));
		return cli_fail(&err);
	}
	cli_say(stdout, "cli.backup.done",
	        CLI_ARGS({ "db", c->db_path }, { "file", file },
	                 { "mb", megabytes(info.bytes, mb, sizeof(mb)) },
	                 { "version", SC_I64(info.schema_version) },
	                 { "orgs", SC_I64(info.orgs) }));
	return CLI_OK;
}

/*
 * Say what info found wrong with file on stderr and return CLI_USAGE; or,
 * for a file that can be restored, say what it holds on stdout (CLI_OK).
 */
static int verdict(const char *file, const struct store_copy_info *info)
{
	static const char *const refusals[] = {
		[STORE_COPY_NEWER] = "cli.restore.newer",
		[STORE_COPY_NOT_SQLITE] = "cli.restore.not_sqlite",
		[STORE_COPY_CORRUPT] = "cli.restore.corrupt",
		[STORE_COPY_NOT_SALESCOACH] = "cli.restore.not_salescoach",
		[STORE_COPY_OPEN] = "cli.restore.open",
	};
	char mb[48];
	const struct msg_arg args[] = { { "file", file },
		                        { "mb", megabytes(info->bytes, mb, sizeof(mb)) },
		                        { "version", SC_I64(info->schema_version) },
		                        { "known", SC_I64(info->known_version) },
		                        { "program", SALESCOACH_VERSION },
		                        { "orgs", SC_I64(info->orgs) },
		                        { "detail", info->detail } };
	size_t nargs = sizeof(args) / sizeof(args[0]);

	if (info->verdict == STORE_COPY_OK || info->verdict == STORE_COPY_OLDER) {
		cli_say(stdout, "cli.restore.checked", args, nargs);
		if (info->verdict == STORE_COPY_OLDER)
			cli_say(stdout, "cli.restore.older", args, nargs);
		return CLI_OK;
	}
	/* A check gives no other (STORE_COPY_DB_IN_USE is a restore's, said in restore()). */
	if ((size_t)info->verdict < sizeof(refusals) / sizeof(refusals[0]) &&
	    refusals[info->verdict])
		return cli_refuse(refusals[info->verdict], args, nargs);
	return cli_refuse("cli.restore.corrupt", args, nargs);
}

/* Put file in place of the database, the server stopped. Returns the exit code. */
static int restore(struct cli *c, const char *file)
{
	struct store_copy_info info;
	struct sc_error err;
	char kept[PATH_MAX + 64];
	int lock = -1, rc;

	if (store_target_is_postgres(c->db_path))
		return cli_refuse("cli.restore.postgres",
		                  CLI_ARGS({ "db", cli_db_shown(c->db_path) }));
	if (same_file(file, c->db_path))
		return cli_refuse("cli.restore.same", CLI_ARGS({ "file", file }));
	/* Refused before anything is made (the lock's file, the database's folder). */
	if (store_sqlite_check(file, &info, &err))
		return cli_fail(&err);
	if (info.verdict != STORE_COPY_OK && info.verdict != STORE_COPY_OLDER)
		return verdict(file, &info);
	cli_make_parent_dir(c->db_path);
	if (store_sqlite_lock(c->db_path, true, &lock, &err))
		return err.code == SC_CONFLICT
		               ? cli_refuse("cli.restore.server", CLI_ARGS({ "db", c->db_path }))
		               : cli_fail(&err);
	if (!store_sqlite_restore(c->db_path, file, &info, kept, sizeof(kept), &err)) {
		verdict(file, &info);
		cli_say(stdout, "cli.restore.done",
		        CLI_ARGS({ "file", file }, { "db", c->db_path }));
		if (kept[0])
			cli_say(stdout, "cli.restore.kept", CLI_ARGS({ "kept", kept }));
		else if (geteuid() == 0) /* a new file, and a new lock, of root's alone */
			cli_say(stdout, "cli.restore.as_root", CLI_ARGS({ "db", c->db_path }));
		rc = CLI_OK;
	} else if (err.code == SC_CONFLICT && info.verdict == STORE_COPY_DB_IN_USE) {
		rc = cli_refuse("cli.restore.in_use", CLI_ARGS({ "db", c->db_path }));
	} else if (err.code == SC_CONFLICT && info.verdict == STORE_COPY_DB_LOG_LEFT) {
		char real[PATH_MAX], log[PATH_MAX + sizeof(info.detail)];
		if (!store_sqlite_real_path(c->db_path, real, sizeof(real)))
			snprintf(real, sizeof(real), "%s", c->db_path);
		snprintf(log, sizeof(log), "%s%s", real, info.detail);
		rc = cli_refuse("cli.restore.log_left",
		                CLI_ARGS({ "db", c->db_path }, { "log", log }));
	} else if (err.code == SC_INVALID) {
		rc = verdict(file, &info);
	} else {
		rc = cli_fail(&err);
	}
	store_sqlite_unlock(&lock);
	return rc;
}

int cli_restore(struct cli *c, int argc, char **argv)
{
	struct store_copy_info info;
	struct sc_error err;
	const char *file;
	bool check;
	struct stat sb;
	int rc = copy_options(c, argc, argv, "restore", "check", &file, &check);

	if (rc >= 0)
		return rc;
	if (stat(file, &sb) != 0)
		return cli_refuse("cli.restore.no_file", CLI_ARGS({ "file", file }));
	if (!S_ISREG(sb.st_mode))
		return cli_refuse("cli.restore.not_file", CLI_ARGS({ "file", file }));
	if (!check)
		return restore(c, file);
	if (store_sqlite_check(file, &info, &err))
		return cli_fail(&err);
	return verdict(file, &info);
}
