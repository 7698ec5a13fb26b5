/*
 * cli_export.c - where and in which form a list is printed: --format
 * json|csv|xlsx and -o/--output FILE (docs/export.md). CSV and XLSX are
 * made by exchange/export.h; a file is written only once the whole of it is
 * ready, so a failed command leaves no half file behind.
 */
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "plan/report.h"

/* The format a file's name says: .csv, .xlsx or .json; false for any other. */
static bool format_of_name(const char *path, enum export_format *fmt)
{
	const char *dot = strrchr(path, '.');
	return dot && !strchr(dot, '/') && export_format_parse(dot + 1, fmt);
}

/* The absolute name of path, whether it exists or not (its folder must): into buf. */
static bool full_name(const char *path, char *buf, size_t size)
{
	char dir[PATH_MAX], real[PATH_MAX];
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;

	if (realpath(path, real))
		return (size_t)snprintf(buf, size, "%s", real) < size;
	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if ((size_t)snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path + 1), path) >=
	         sizeof(dir))
		return false;
	if (!realpath(dir, real))
		return false;
	return (size_t)snprintf(buf, size, "%s/%s", real, base) < size;
}

/* Whether file is the database or one of its own files (-wal, -shm, .lock): by device and
 * inode when both exist, else by absolute name. */
bool cli_is_database_file(const char *db, const char *file)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal", ".lock" };
	char want[PATH_MAX + 16], full_db[PATH_MAX], full_file[PATH_MAX];
	struct stat fs, ds;

	if (!db || !strcmp(db, ":memory:") || store_target_is_postgres(db))
		return false;
	bool file_exists = stat(file, &fs) == 0;
	bool named = full_name(db, full_db, sizeof(full_db)) &&
	             full_name(file, full_file, sizeof(full_file));
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(want, sizeof(want), "%s%s", db, suffix[i]);
		if (file_exists && stat(want, &ds) == 0 && ds.st_dev == fs.st_dev &&
		    ds.st_ino == fs.st_ino)
			return true;
		snprintf(want, sizeof(want), "%s%s", full_db, suffix[i]);
		if (named && !strcmp(want, full_file))
			return true;
	}
	return false;
}

int cli_out_check(struct cli *c, struct cli_out *o, const char *example)
{
	o->table = false;
	if (o->format) {
		if (!export_format_parse(o->format, &o->fmt))
			return cli_refuse("export.format_option",
			                  CLI_ARGS({ "format", o->format }));
	} else if (c->json) {
		o->fmt = EXPORT_JSON;
	} else if (!o->path || !format_of_name(o->path, &o->fmt)) {
		o->fmt = EXPORT_JSON;
		o->table = true; /* the table for people, to the terminal or the file */
	}
	if (o->fmt == EXPORT_JSON && !o->table)
		c->json = true;
	if (o->fmt == EXPORT_XLSX && !o->path && isatty(STDOUT_FILENO))
		return cli_refuse("export.binary_terminal", CLI_ARGS({ "file", example }));
	if (o->path && cli_is_database_file(c->db_path, o->path))
		return cli_refuse(
		        "personal.cli.database",
		        CLI_ARGS({ "file", o->path }, { "db", cli_db_shown(c->db_path) }));
	return CLI_OK;
}

FILE *cli_out_open(const struct cli_out *o, struct cli_buffer *b)
{
	b->text = NULL;
	b->len = 0;
	if (!o->path)
		return stdout;
	return open_memstream(&b->text, &b->len);
}

int cli_out_bytes(const struct cli_out *o, const char *bytes, size_t len)
{
	FILE *fp = o->path ? fopen(o->path, "wb") : stdout;
	const char *reason = NULL;

	if (!fp)
		reason = strerror(errno);
	else if (fwrite(bytes, 1, len, fp) != len || fflush(fp) != 0)
		reason = strerror(errno ? errno : EIO);
	if (fp && fp != stdout && fclose(fp) != 0 && !reason)
		reason = strerror(errno);
	if (!reason)
		return CLI_OK;
	cli_refuse("export.cannot_write",
	           CLI_ARGS({ "path", o->path ? o->path : "-" }, { "reason", reason }));
	return CLI_FAILURE;
}

int cli_out_close(const struct cli_out *o, FILE *fp, struct cli_buffer *b, int rc)
{
	if (fp == stdout)
		return rc;
	if (fclose(fp) != 0 && rc == CLI_OK)
		rc = cli_nomem();
	if (rc == CLI_OK)
		rc = cli_out_bytes(o, b->text, b->len);
	free(b->text);
	b->text = NULL;
	return rc;
}

int cli_out_export(struct cli *c, const struct cli_out *o, const char *sheet,
                   const struct entity_def *def, const struct record_list *list, json_t *rows)
{
	struct csv_style style;
	struct sc_error err;
	char *bytes = NULL;
	size_t len = 0;
	int rc;

	sc_error_init(&err);
	/* A setting that cannot be read leaves the style of the organisation's language. */
	if (csv_style_get(c->dom.store, c->dom.org, &style, &err) != SC_OK)
		style = csv_style_of(msg_lang_code(c->dom.lang));
	sc_error_init(&err);
	if (export_list_bytes(o->fmt, style, c->dom.tz, sheet, def, list, rows, &bytes, &len,
	                      &err) != SC_OK)
		return cli_fail(&err);
	rc = cli_out_bytes(o, bytes, len);
	free(bytes);
	return rc;
}

/* stdout as it was before cli_out_stdout sent it to a file, or -1. */
static int saved_stdout = -1;

int cli_out_stdout(const struct cli_out *o)
{
	int fd;

	if (!o->path)
		return CLI_OK;
	fflush(stdout);
	if ((fd = open(o->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666)) < 0 ||
	    (saved_stdout = dup(STDOUT_FILENO)) < 0 || dup2(fd, STDOUT_FILENO) < 0) {
		const char *reason = strerror(errno);
		if (fd >= 0)
			close(fd);
		if (saved_stdout >= 0)
			close(saved_stdout);
		saved_stdout = -1;
		cli_refuse("export.cannot_write",
		           CLI_ARGS({ "path", o->path }, { "reason", reason }));
		return CLI_FAILURE;
	}
	close(fd);
	return CLI_OK;
}

int cli_out_stdout_end(const struct cli_out *o, int rc)
{
	if (!o->path || saved_stdout < 0)
		return rc;
	if (fflush(stdout) != 0 && rc == CLI_OK) {
		cli_refuse("export.cannot_write",
		           CLI_ARGS({ "path", o->path }, { "reason", strerror(errno) }));
		rc = CLI_FAILURE;
	}
	dup2(saved_stdout, STDOUT_FILENO);
	close(saved_stdout);
	saved_stdout = -1;
	return rc;
}

int cli_out_option(struct cli_out *o, int argc, char **argv, int *i, const char *command)
{
	const char *opt = argv[*i];

	if (strcmp(opt, "--format") && strcmp(opt, "--output") && strcmp(opt, "-o"))
		return -1;
	if (*i + 1 >= argc)
		return cli_refuse("cli.cmd.needs_value",
		                  CLI_ARGS({ "option", opt }, { "command", command }));
	if (!strcmp(opt, "--format"))
		o->format = argv[++*i];
	else
		o->path = argv[++*i];
	return CLI_OK;
}

int cli_programmes_export(struct cli *c, const struct cli_out *o)
{
	struct sc_error err;
	json_t *report = NULL;
	int rc;

	if ((rc = cli_open(c)))
		return rc;
	sc_error_init(&err);
	if (report_programmes(&c->dom, &report, &err))
		return cli_fail(&err);
	rc = cli_out_export(c, o, "programmes", NULL, NULL, json_object_get(report, "programmes"));
	json_decref(report);
	return rc;
}
