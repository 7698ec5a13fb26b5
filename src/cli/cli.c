/*
 * cli.c - the command line's dispatcher: global options, the top help, and
 * the command each noun goes to (demo here; the others in cli_*.c). What the
 * commands share is cli_common.c.
 */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "seed/demo.h"
#include "domain/org.h"
#include "cli/cli_plan.h"
#include "cli/cli_gen.h"
#include "cli/cli_advise.h"
#include "cli/cli_serve.h"
#include "cli/cli_backup.h"
#include "cli/cli_import.h"
#include "cli/cli_notify.h"
#include "domain/settings.h"
#include "base/util.h"

#define DEFAULT_DB "var/salescoach.db"

/* The width of the first column of the top help: the longest noun, self-assessment, fits. */
#define HELP_COL 16

/* The commands that are not nouns of the records: the name shown and the id of its text. */
static const char *const command_help[][2] = {
	{ "overview", "help.cmd.overview" },
	{ "alerts", "help.cmd.alerts" },
	{ "agenda", "help.cmd.agenda" },
	{ "demo", "help.cmd.demo" },
	{ "gen", "help.cmd.gen" },
	{ "org", "help.cmd.org" },
	{ "plan capacity", "help.cmd.plan" },
	{ "team activity", "help.cmd.team" },
	{ "incentive --coach ID [--month YYYY-MM]", "help.cmd.incentive" },
	{ "leadership", "help.cmd.leadership" },
	{ "report NAME", "help.cmd.report" },
	{ "advise", "help.cmd.advise" },
	{ "serve", "help.cmd.serve" },
	{ "account set", "help.cmd.account" },
	{ "calendar", "help.cmd.calendar" },
	{ "import KIND FILE", "help.cmd.import" },
	{ "notify [--dry-run]", "help.cmd.notify" },
	{ "person erase ID", "help.cmd.erase" },
	{ "retain [--dry-run]", "help.cmd.retain" },
	{ "backup FILE", "help.cmd.backup" },
	{ "restore FILE", "help.cmd.restore" },
	{ "copy --from DB --to DB", "help.cmd.copy" },
};

/* One row of the top help: the text of id beside name. */
static void top_row(struct cli *c, const char *name, const char *id)
{
	cli_help_row(HELP_COL, name, cli_help_text(c, id));
}

static void top_help(struct cli *c)
{
	const struct msg_arg db[] = { { "default_db", DEFAULT_DB } };
	char id[96], *text = msg_format(cli_lang(), "help.top.db", db, 1);

	fputs(cli_help_text(c, "help.top.usage"), stdout);
	cli_help_row(HELP_COL, "--db PATH", text ? text : "");
	free(text);
	top_row(c, "--org SLUG", "help.top.org");
	top_row(c, "--as EMAIL", "help.top.as");
	top_row(c, "--lang en|nl", "help.top.lang");
	top_row(c, "--json", "help.top.json");
	top_row(c, "--help", "help.top.help");
	top_row(c, "--version", "help.top.version");
	fputs(cli_help_text(c, "help.top.environment"), stdout);
	top_row(c, "SALESCOACH_DURABILITY=full|normal", "help.top.durability");
	fputs(cli_help_text(c, "help.top.commands"), stdout);
	for (size_t k = 0; k < ARRAY_SIZE(command_help); k++)
		top_row(c, command_help[k][0], command_help[k][1]);
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		if (def->eflags & EF_INTERNAL)
			continue;
		snprintf(id, sizeof(id), "help.entity.%s", def->name);
		top_row(c, def->name, id);
	}
	fputs(cli_help_text(c, "help.top.exit"), stdout);
}

/* The demo organisation speaks Dutch, unless --lang says otherwise. */
static enum msg_lang demo_lang(const struct cli *c)
{
	return c->lang_set ? c->lang : MSG_NL;
}

static int demo_command(struct cli *c, int argc, char **argv)
{
	struct sc_error err;
	int64_t org;
	int rc;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(cli_help_text(c, "help.demo"), stdout);
		return CLI_OK;
	}
	if (argc == 2 && !strcmp(argv[1], "--logins")) {
		demo_print_logins(stdout, demo_lang(c));
		return CLI_OK;
	}
	if (argc > 1)
		return cli_refuse("cli.demo_args", NULL, 0);
	if ((rc = cli_create_store(c)))
		return rc;
	if (demo_load(c->store, stdout, demo_lang(c), &org, &err))
		return cli_fail(&err);
	return CLI_OK;
}

static int run_command(struct cli *c, int argc, char **argv);

/* `salescoach help`: the top help; `salescoach help COMMAND...`: COMMAND... --help. */
static int help_command(struct cli *c, int argc, char **argv)
{
	if (argc < 2) {
		top_help(c);
		return CLI_OK;
	}
	char **args = calloc((size_t)argc + 1, sizeof(*args));
	if (!args)
		return cli_nomem();
	for (int i = 1; i < argc; i++)
		args[i - 1] = argv[i];
	args[argc - 1] = "--help";
	int rc = run_command(c, argc, args);
	free(args);
	return rc;
}

static int org_command(struct cli *c, int argc, char **argv)
{
	return cli_org(c, argc - 1, argv + 1);
}

static int overview_command(struct cli *c, int argc, char **argv)
{
	struct cli_out out = { 0 };
	int rc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			c->json = true;
		} else if ((rc = cli_out_option(&out, argc, argv, &i, "overview")) != -1) {
			if (rc)
				return rc;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(cli_help_text(c, "help.overview"), stdout);
			fputs(cli_help_text(c, "export.help_overview"), stdout);
			return CLI_OK;
		} else {
			return cli_refuse("cli.unexpected_in",
			                  CLI_ARGS({ "command", "overview" }, { "arg", argv[i] }));
		}
	}
	/* --format csv|xlsx: the programme report's table (docs/export.md). */
	if ((rc = cli_out_check(c, &out, "programmes.xlsx")))
		return rc;
	if (out.fmt == EXPORT_CSV || out.fmt == EXPORT_XLSX)
		return cli_programmes_export(c, &out);
	if ((rc = cli_out_stdout(&out)))
		return rc;
	return cli_out_stdout_end(&out, cli_overview(c));
}

/* The commands that are not a noun of the records; each gets its noun as argv[0]. */
static const struct {
	const char *noun;
	int (*run)(struct cli *c, int argc, char **argv);
} commands[] = {
	{ "help", help_command },   { "org", org_command },       { "overview", overview_command },
	{ "demo", demo_command },   { "gen", cli_gen },           { "alerts", cli_alerts },
	{ "advise", cli_advise },   { "serve", cli_serve },       { "account", cli_account },
	{ "agenda", cli_agenda },   { "calendar", cli_calendar }, { "import", cli_import },
	{ "notify", cli_notify },   { "retain", cli_retain },     { "backup", cli_backup },
	{ "restore", cli_restore }, { "report", cli_report },     { "copy", cli_copy },
};

/* Run the command argv[0] with its arguments; returns the exit code. */
static int run_command(struct cli *c, int argc, char **argv)
{
	const char *noun = argv[0];
	const struct entity_def *def;

	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(noun, commands[i].noun))
			return commands[i].run(c, argc, argv);
	if (cli_team_handles(noun, argc - 1, argv + 1))
		return cli_team_activity(c, argc - 1, argv + 1);
	if (cli_person_handles(noun, argc - 1, argv + 1))
		return cli_person_export(c, argc - 1, argv + 1);
	if (cli_plan_handles(noun, argc - 1, argv + 1))
		return cli_plan_command(c, noun, argc - 1, argv + 1);
	if (!(def = entity_find(noun)))
		return cli_refuse("cli.unknown_command", CLI_ARGS({ "command", noun }));
	if (def->kind == E_PERSON && argc > 1 && !strcmp(argv[1], "erase"))
		return cli_person_erase(c, argc - 1, argv + 1);
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		cli_entity_help(c, def);
		cli_plan_noun_help(c, def->name);
		if (def->kind == E_TEAM)
			fputs(cli_help_text(c, "help.team.noun"), stdout);
		if (def->kind == E_PERSON)
			fputs(cli_help_text(c, "help.person.noun"), stdout);
		return argc < 2 ? CLI_USAGE : CLI_OK;
	}
	return cli_entity(c, def, argc - 1, argv + 1);
}

/* The global options that take a value; they may stand anywhere on the line. */
static const char *const global_valued[] = { "--db", "--org", "--as", "--lang" };

/* How many arguments at argv[i] are a global option with its value: 0, 1 (--db=X) or 2. */
static int global_at(int argc, char **argv, int i)
{
	for (size_t g = 0; g < ARRAY_SIZE(global_valued); g++) {
		size_t n = strlen(global_valued[g]);
		if (strncmp(argv[i], global_valued[g], n) != 0)
			continue;
		if (argv[i][n] == '=')
			return 1;
		if (argv[i][n] == '\0')
			return i + 1 < argc ? 2 : 1;
	}
	return 0;
}

/*
 * argv with the global options moved before the command, wherever they were
 * typed (`overview --db X` is `--db X overview`), in their order; the rest in
 * its order. Up to a "--", after which nothing is an option. NULL on no memory.
 */
static char **globals_first(int argc, char **argv)
{
	char **out = calloc((size_t)argc + 1, sizeof(*out));
	int n = 0, end = argc;

	if (!out)
		return NULL;
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--")) {
			end = i;
			break;
		}
	out[n++] = argv[0];
	for (int i = 1; i < end; i++) {
		int k = global_at(end, argv, i);
		for (int j = 0; j < k; j++)
			out[n++] = argv[i + j];
		i += k ? k - 1 : 0;
	}
	for (int i = 1; i < argc; i++) {
		int k = i < end ? global_at(end, argv, i) : 0;
		if (k)
			i += k - 1;
		else
			out[n++] = argv[i];
	}
	out[n] = NULL;
	return out;
}

int cli_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' }, { "org", required_argument, NULL, 'o' },
		{ "as", required_argument, NULL, 'a' }, { "lang", required_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },     { "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },  { NULL, 0, NULL, 0 }
	};
	struct cli c = { 0 };
	int ch, rc;
	char **all = globals_first(argc, argv);

	if (!all)
		return cli_nomem();
	argv = all;
	cli_lang_from(&c); /* texts before cli_open: in the organisation's language */
	c.db_path = getenv("SALESCOACH_DB");
	if (!c.db_path || !*c.db_path)
		c.db_path = DEFAULT_DB;
	opterr = 0;
	rc = -1;
	while (rc < 0 && (ch = cli_getopt(argc, argv, "+:h", opts)) != -1) {
		switch (ch) {
		case 'd':
			c.db_path = optarg;
			break;
		case 'o':
			c.org_slug = optarg;
			break;
		case 'a':
			c.as_email = optarg;
			break;
		case 'l':
			if (!msg_lang_parse(optarg, &c.lang)) {
				rc = cli_refuse("cli.bad_lang", CLI_ARGS({ "lang", optarg }));
			} else {
				c.lang_set = true;
				cli_set_lang(c.lang);
			}
			break;
		case 'j':
			c.json = true;
			break;
		case 'h':
			top_help(&c);
			rc = CLI_OK;
			break;
		case 'V':
			printf("salescoach %s\n", SALESCOACH_VERSION);
			rc = CLI_OK;
			break;
		case ':':
			rc = cli_refuse("cli.needs_value",
			                CLI_ARGS({ "option", argv[optind - 1] }));
			break;
		default:
			rc = cli_refuse("cli.unknown_option",
			                CLI_ARGS({ "option", argv[optind - 1] }));
		}
	}
	if (rc < 0 && optind >= argc) {
		top_help(&c);
		rc = CLI_USAGE;
	}
	if (rc < 0)
		rc = run_command(&c, argc - optind, argv + optind);
	store_close(&c.store);
	cli_lang_from(NULL); /* c ends here */
	free(all);
	return rc;
}
