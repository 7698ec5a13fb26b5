/*
 * cli_person.c - `salescoach person export ID [-o FILE]`: everything held
 * about one person as one JSON document (exchange/personal.h), as GET
 * /api/me/export gives it. With --as the person themself gets their private
 * coaching content too; an administrator (no --as, or --as an administrator)
 * gets the rest, and the export is audited.
 */
#include "cli/cli.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "exchange/personal.h"

bool cli_person_handles(const char *noun, int argc, char **argv)
{
	return !strcmp(noun, "person") && argc > 0 && !strcmp(argv[0], "export");
}

/* A person id as typed: decimal digits, above 0. */
static bool parse_id(const char *s, int64_t *id)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v <= 0 || s[0] == '+' || s[0] == '-')
		return false;
	*id = (int64_t)v;
	return true;
}

/* Write the document to file (or stdout when NULL). */
static int write_doc(json_t *doc, const char *file, int64_t id)
{
	char *text = json_dumps(doc, JSON_INDENT(2));
	if (!text)
		return cli_nomem();
	size_t len = strlen(text);
	FILE *fp = file ? fopen(file, "wb") : stdout;
	bool ok = fp && fwrite(text, 1, len, fp) == len && fputc('\n', fp) != EOF;
	if (fp && fp != stdout)
		ok = fclose(fp) == 0 && ok;
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
	const char *arg = NULL, *file = NULL;
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
	if (!parse_id(arg, &id))
		return cli_refuse("personal.cli.bad_id", CLI_ARGS({ "id", arg }));
	if ((rc = cli_open(c)))
		return rc;
	if (personal_export(&c->dom, id, &doc, &err))
		return cli_fail(&err);
	rc = write_doc(doc, file, id);
	json_decref(doc);
	return rc;
}
