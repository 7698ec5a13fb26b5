/*
 * cli_person.c - `salescoach person export ID [--format json|zip] [-o FILE]`:
 * everything held about one person as one JSON document, or a ZIP of it and a
 * CSV file per kind of record (exchange/personal.h), as GET /api/me/export
 * gives it. With --as the person themself gets their private
 * coaching content too; an administrator (no --as, or --as an administrator)
 * gets the rest. Every export here is audited: the operator of the machine
 * made it, whatever --as says. -o writes the file whole or not at all,
 * readable by its owner only, and never over the database.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/text.h"
#include "exchange/personal.h"

bool cli_person_handles(const char *noun, int argc, char **argv)
{
	return !strcmp(noun, "person") && argc > 0 && !strcmp(argv[0], "export");
}

/* The document as bytes: JSON text, or the ZIP (personal_zip). */
static int doc_bytes(struct cli *c, json_t *doc, bool zip, char **bytes, size_t *len)
{
	struct csv_style style;
	struct sc_error err;

	if (!zip) {
		*bytes = json_dumps(doc, JSON_INDENT(2));
		*len = *bytes ? strlen(*bytes) : 0;
		return *bytes ? CLI_OK : cli_nomem();
	}
	sc_error_init(&err);
	if (csv_style_get(c->store, c->dom.org, &style, &err) != SC_OK)
		style = csv_style_of(msg_lang_code(c->dom.lang));
	if (personal_zip(doc, style, c->dom.tz, bytes, len, &err))
		return cli_fail(&err);
	return CLI_OK;
}

/* Write len bytes of text to file, readable by its owner only: a new file in the same folder
 * (mode 0600), synced, then renamed into place; on failure no file is left. A name that is
 * not a regular file (a symbolic link such as /dev/stdout, a pipe, a terminal) is written
 * through, never replaced; a regular file reached so is made its owner's only. */
static bool write_file(const char *file, const char *text, size_t len, bool newline)
{
	char tmp[PATH_MAX];
	const char *slash = strrchr(file, '/');
	struct stat st;

	if (lstat(file, &st) == 0 && !S_ISREG(st.st_mode)) {
		FILE *out = S_ISDIR(st.st_mode) ? NULL : fopen(file, "wb");
		bool done = out && fstat(fileno(out), &st) == 0 &&
		            (!S_ISREG(st.st_mode) || fchmod(fileno(out), 0600) == 0) &&
		            fwrite(text, 1, len, out) == len &&
		            (!newline || fputc('\n', out) != EOF);
		return out ? fclose(out) == 0 && done : false;
	}
	int n = slash ? snprintf(tmp, sizeof(tmp), "%.*s.%s.XXXXXX", (int)(slash - file + 1), file,
	                         slash + 1)
	              : snprintf(tmp, sizeof(tmp), ".%s.XXXXXX", file);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		return false;
	int fd = mkstemp(tmp);
	if (fd < 0)
		return false;
	FILE *fp = fdopen(fd, "wb");
	bool ok = fp && fchmod(fd, 0600) == 0 && fwrite(text, 1, len, fp) == len &&
	          (!newline || fputc('\n', fp) != EOF) && fflush(fp) == 0 && fsync(fd) == 0;
	if (fp)
		ok = fclose(fp) == 0 && ok;
	else
		close(fd);
	ok = ok && rename(tmp, file) == 0;
	if (!ok)
		unlink(tmp);
	return ok;
}

/* Whether file is the standard output itself (-, /dev/stdout, /proc/self/fd/1, ...). */
static bool is_stdout(const char *file)
{
	struct stat fs, os;
	return !strcmp(file, "-") || (stat(file, &fs) == 0 && fstat(STDOUT_FILENO, &os) == 0 &&
	                              fs.st_dev == os.st_dev && fs.st_ino == os.st_ino);
}

/* Write the document to file (or stdout when NULL or the standard output itself). */
static int write_doc(struct cli *c, json_t *doc, bool zip, const char *file, int64_t id)
{
	if (file && is_stdout(file))
		file = NULL;
	char *text = NULL;
	size_t len = 0;
	int rc = doc_bytes(c, doc, zip, &text, &len);
	if (rc)
		return rc;
	bool ok;
	if (file) {
		ok = write_file(file, text, len, !zip);
	} else {
		ok = fwrite(text, 1, len, stdout) == len && (zip || fputc('\n', stdout) != EOF);
	}
	free(text);
	if (!ok) {
		fputs("salescoach: ", stderr);
		cli_say(stderr, "personal.cli.write", CLI_ARGS({ "file", file ? file : "-" }));
		return CLI_FAILURE;
	}
	if (file) {
		char sid[24];
		snprintf(sid, sizeof(sid), "%lld", (long long)id);
		cli_say(stdout, "personal.cli.written", CLI_ARGS({ "file", file }, { "id", sid }));
	}
	return CLI_OK;
}

int cli_person_export(struct cli *c, int argc, char **argv)
{
	const char *arg = NULL, *file = NULL, *format = "json";
	struct sc_error err;
	json_t *doc = NULL;
	int64_t id = 0;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(cli_help_text(c, "help.person.export"), stdout);
			return CLI_OK;
		} else if (!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) {
			if (i + 1 >= argc)
				return cli_refuse("cli.cmd.needs_value_in",
				                  CLI_ARGS({ "command", "person export" },
				                           { "option", argv[i] }));
			file = argv[++i];
		} else if (!strcmp(argv[i], "--format")) {
			if (i + 1 >= argc)
				return cli_refuse("cli.cmd.needs_value_in",
				                  CLI_ARGS({ "command", "person export" },
				                           { "option", argv[i] }));
			format = argv[++i];
		} else if (!arg && argv[i][0] != '-') {
			arg = argv[i];
		} else {
			return cli_refuse(
			        "cli.unexpected_in",
			        CLI_ARGS({ "command", "person export" }, { "arg", argv[i] }));
		}
	}
	if (!arg) {
		fputs(cli_help_text(c, "help.person.export"), stdout);
		return CLI_USAGE;
	}
	if (!text_whole(arg, 1, INT64_MAX, &id)) /* decimal digits, above 0 */
		return cli_refuse("personal.cli.bad_id", CLI_ARGS({ "id", arg }));
	if (strcmp(format, "json") && strcmp(format, "zip"))
		return cli_refuse("personal.format", CLI_ARGS({ "format", format }));
	bool zip = !strcmp(format, "zip");
	if (zip && !file && isatty(STDOUT_FILENO))
		return cli_refuse("personal.cli.zip_terminal",
		                  CLI_ARGS({ "file", "personal-data.zip" }));
	if (file && cli_is_database_file(c->db_path, file))
		return cli_refuse("personal.cli.database",
		                  CLI_ARGS({ "file", file }, { "db", cli_db_shown(c->db_path) }));
	if ((rc = cli_open(c)))
		return rc;
	if (personal_export(&c->dom, id, true, &doc, &err))
		return cli_fail(&err);
	rc = write_doc(c, doc, zip, file, id);
	json_decref(doc);
	return rc;
}
