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
#include "domain/settings.h"
#include "base/util.h"

#define DEFAULT_DB "var/salescoach.db"

/* The width of the first column of the top help: the longest noun, self-assessment, fits. */
#define HELP_COL 16

/* The commands that are not nouns of the records, and what each does (top help). */
static const char *const command_help[][2] = {
	{ "overview", "the organisation at a glance: programmes, coaches, coverage" },
	{ "alerts", "the pitfall monitor: alerts of every programme, and ack" },
	{ "agenda", "your sessions of the coming days, the ones nobody recorded, and the action "
	            "items due (with --as EMAIL)" },
	{ "demo", "load the demo organisation into a new or empty database" },
	{ "gen", "generate a large synthetic organisation, e.g. for benchmarks" },
	{ "org", "organisations and their settings (list, show, add, set)" },
	{ "plan capacity", "coaching hours needed and available per manager-coach, what to "
	                   "delegate, and how many coachees fit" },
	{ "incentive --coach ID [--month YYYY-MM]",
	  "a senior coach's target reduction and bonus component" },
	{ "leadership", "senior coaches ranked on leadership potential" },
	{ "advise", "the model advisor: which coaching model fits a team, and why" },
	{ "serve", "the JSON HTTP API with accounts and roles (docs/api.md)" },
	{ "account set", "create or change a person's login account" },
};

/*
 * One row of the top help: name in a column of HELP_COL, text beside it,
 * wrapped at 80 columns under itself; a longer name gets its text on the
 * next line.
 */
static void print_help_row(const char *name, const char *text)
{
	const int indent = 2 + HELP_COL + 1, room = 80 - indent;
	int col = printf("  %s", name);

	if (col > indent - 1) {
		putchar('\n');
		col = 0;
	}
	printf("%*s", indent - col, "");
	while (*text) {
		int n = (int)strlen(text);
		if (n > room) {
			n = room;
			while (n > 0 && text[n] != ' ')
				n--;
			if (n == 0)
				n = room;
		}
		printf("%.*s\n", n, text);
		text += n;
		while (*text == ' ')
			text++;
		if (*text)
			printf("%*s", indent, "");
	}
}

static void top_help(void)
{
	printf("usage: salescoach [--db PATH] [--org SLUG] [--as EMAIL] [--lang en|nl] NOUN VERB "
	       "[options]\n\n"
	       "salescoach runs a sales organisation's coaching programme: coaching by the\n"
	       "manager, by senior reps, by an internal or by an external coach.\n\n"
	       "Global options:\n");
	print_help_row("--db PATH", "database file (default $SALESCOACH_DB, else " DEFAULT_DB
	                            "); only demo, gen and org add create one that does not "
	                            "exist");
	print_help_row("--org SLUG", "organisation, when the database holds more than one "
	                             "(`salescoach org list` shows the slugs)");
	print_help_row("--as EMAIL", "act as this person (private coaching content is shown "
	                             "only to the coach and coachee of a relationship)");
	print_help_row("--lang en|nl", "the language of what is printed (default: the "
	                               "organisation's)");
	print_help_row("--json", "output JSON for machines");
	print_help_row("--help", "this text; every noun and verb has its own --help");
	print_help_row("--version", "the version");
	printf("\nEnvironment:\n");
	print_help_row("SALESCOACH_DURABILITY=full|normal",
	               "full (default): a change is on disk before it is reported done. normal: "
	               "no disk sync per change, so faster writes, but the last changes reported "
	               "done can be lost on a power loss or an operating-system crash "
	               "(`salescoach serve --help`)");
	printf("\nCommands:\n");
	for (size_t k = 0; k < ARRAY_SIZE(command_help); k++)
		print_help_row(command_help[k][0], command_help[k][1]);
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		if (!(def->eflags & EF_INTERNAL))
			print_help_row(def->name, def->help);
	}
	printf("\nExit codes: 0 success, 2 invalid input or usage (nothing changed), 1 other "
	       "failure.\n");
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
		printf("usage: salescoach [--db PATH] demo [--logins]\n\n"
		       "Load the demo organisation: a Dutch sales organisation of about 50 people\n"
		       "with six months of coaching history in all four models. Only into an "
		       "empty\n"
		       "database. SALESCOACH_NOW=YYYY-MM-DD fixes the day it ends on.\n\n"
		       "  --logins   only print the demo's logins for `salescoach serve`\n");
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

static int help_command(struct cli *c, int argc, char **argv)
{
	(void)c, (void)argc, (void)argv;
	top_help();
	return CLI_OK;
}

static int org_command(struct cli *c, int argc, char **argv)
{
	return cli_org(c, argc - 1, argv + 1);
}

static int overview_command(struct cli *c, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			c->json = true;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			printf("usage: salescoach overview [--json]\n\nThe organisation at a "
			       "glance: "
			       "programmes, their model, coaches, active coachees,\nsessions held "
			       "in "
			       "the last 30 days and coverage.\n\nThat is for administrators. "
			       "Executives and managers (--as) see the programme\nreport instead: "
			       "figures of 90 days, rounded, no programme of fewer than k\n"
			       "coachees (GET /api/reports/programmes). Others are refused.\n");
			return CLI_OK;
		} else {
			return cli_refuse("cli.unexpected_in",
			                  CLI_ARGS({ "command", "overview" }, { "arg", argv[i] }));
		}
	}
	return cli_overview(c);
}

/* The commands that are not a noun of the records; each gets its noun as argv[0]. */
static const struct {
	const char *noun;
	int (*run)(struct cli *c, int argc, char **argv);
} commands[] = {
	{ "help", help_command }, { "org", org_command }, { "overview", overview_command },
	{ "demo", demo_command }, { "gen", cli_gen },     { "alerts", cli_alerts },
	{ "advise", cli_advise }, { "serve", cli_serve }, { "account", cli_account },
	{ "agenda", cli_agenda },
};

/* Run the command argv[0] with its arguments; returns the exit code. */
static int run_command(struct cli *c, int argc, char **argv)
{
	const char *noun = argv[0];
	const struct entity_def *def;

	if (strcmp(noun, "demo") && strcmp(noun, "help"))
		cli_early_lang(c);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(noun, commands[i].noun))
			return commands[i].run(c, argc, argv);
	if (cli_plan_handles(noun, argc - 1, argv + 1))
		return cli_plan_command(c, noun, argc - 1, argv + 1);
	if (!(def = entity_find(noun)))
		return cli_refuse("cli.unknown_command", CLI_ARGS({ "command", noun }));
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		cli_entity_help(def);
		cli_plan_noun_help(def->name);
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
				cli_early_lang(&c); /* refused in the organisation's language */
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
			top_help();
			rc = CLI_OK;
			break;
		case 'V':
			printf("salescoach %s\n", SALESCOACH_VERSION);
			rc = CLI_OK;
			break;
		case ':':
			cli_early_lang(&c);
			rc = cli_refuse("cli.needs_value",
			                CLI_ARGS({ "option", argv[optind - 1] }));
			break;
		default:
			cli_early_lang(&c);
			rc = cli_refuse("cli.unknown_option",
			                CLI_ARGS({ "option", argv[optind - 1] }));
		}
	}
	if (rc < 0 && optind >= argc) {
		top_help();
		rc = CLI_USAGE;
	}
	if (rc < 0)
		rc = run_command(&c, argc - optind, argv + optind);
	store_close(&c.store);
	free(all);
	return rc;
}
