/*
 * cli_copy.c - `salescoach copy --from DB --to DB [--org SLUG]`: every
 * organisation (or one) from one database to another, SQLite or PostgreSQL
 * on either side, in one transaction, its rows counted on both sides
 * (store_copy, docs/scaling.md).
 */
#include "cli/cli_backup.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The files an SQLite database at path is made of, removed (a copy that failed into a new one). */
static void remove_new_sqlite(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char name[4200];

	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(name, sizeof(name), "%s%s", path, suffix[i]);
		unlink(name);
	}
}

static int copy_options(struct cli *c, int argc, char **argv, const char **from, const char **to,
                        const char **org)
{
	const struct option opts[] = { { "from", required_argument, NULL, 'f' },
		                       { "to", required_argument, NULL, 't' },
		                       { "org", required_argument, NULL, 'o' },
		                       { "help", no_argument, NULL, 'h' },
		                       { NULL, 0, NULL, 0 } };
	int ch;

	*from = *to = *org = NULL;
	optind = 0;
	opterr = 0;
	while ((ch = cli_getopt(argc, argv, ":h", opts)) != -1) {
		if (ch == 'f')
			*from = optarg;
		else if (ch == 't')
			*to = optarg;
		else if (ch == 'o')
			*org = optarg;
		else if (ch == 'h') {
			fputs(cli_help_text(c, "help.copy"), stdout);
			return CLI_OK;
		} else
			return cli_refuse(
			        "cli.cmd.unknown_option_see",
			        CLI_ARGS({ "command", "copy" }, { "option", argv[optind - 1] }));
	}
	if (optind < argc)
		return cli_refuse("cli.cmd.unexpected_see",
		                  CLI_ARGS({ "command", "copy" }, { "arg", argv[optind] }));
	if (!*from || !*to || !**from || !**to)
		return cli_refuse("cli.copy.usage", NULL, 0);
	if (!strcmp(*from, *to))
		return cli_refuse("cli.copy.same", CLI_ARGS({ "db", cli_db_shown(*from) }));
	return -1;
}

/* What was copied: the totals, then the rows of each table that has any. */
static void say_copied(const char *from, const char *to, const struct store_copy_report *r)
{
	char shown_from[1024], orgs[32], rows[32];

	snprintf(shown_from, sizeof(shown_from), "%s", cli_db_shown(from));
	cli_say(stdout, "cli.copy.done",
	        CLI_ARGS({ "orgs", msg_int(cli_lang(), (int64_t)r->norgs, orgs, sizeof(orgs)) },
	                 { "rows", msg_int(cli_lang(), r->rows, rows, sizeof(rows)) },
	                 { "from", shown_from }, { "to", cli_db_shown(to) }));
	for (size_t i = 0; i < r->ntables; i++)
		if (r->tables[i].rows)
			printf("  %-22s %12s\n", r->tables[i].table,
			       msg_int(cli_lang(), r->tables[i].rows, rows, sizeof(rows)));
}

int cli_copy(struct cli *c, int argc, char **argv)
{
	const char *from, *to, *org;
	struct store *src = NULL, *dst = NULL;
	struct store_copy_report report = { 0 };
	struct sc_error err;
	int rc = copy_options(c, argc, argv, &from, &to, &org);

	if (rc >= 0)
		return rc;
	if (!org)
		org = c->org_slug; /* --org is also the global option, taken before the command */
	if ((rc = cli_need_db(from)))
		return rc;
	bool new_file = !store_target_is_postgres(to) && access(to, F_OK) != 0;
	sc_error_init(&err);
	cli_make_parent_dir(to);
	if (store_open(from, &src, &err) || store_open(to, &dst, &err) ||
	    store_copy(src, dst, org, &report, &err)) {
		rc = err.code == SC_NOT_FOUND && org
		             ? cli_refuse("cli.copy.no_org",
		                          CLI_ARGS({ "org", org }, { "db", cli_db_shown(from) }))
		             : cli_fail(&err);
	} else {
		say_copied(from, to, &report);
		rc = CLI_OK;
	}
	store_close(&src);
	store_close(&dst);
	if (rc != CLI_OK && new_file)
		remove_new_sqlite(to);
	free(report.tables);
	return rc;
}
