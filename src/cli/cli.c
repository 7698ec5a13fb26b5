/*
 * cli.c - global options, dispatch to nouns, and the commands that are not
 * one entity: org, overview, demo.
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

#define DEFAULT_DB "var/salescoach.db"

int cli_exit_code(enum sc_result rc)
{
	switch (rc) {
	case SC_OK:
		return CLI_OK;
	case SC_INVALID:
	case SC_NOT_FOUND:
	case SC_CONFLICT:
	case SC_FORBIDDEN:
		return CLI_USAGE;
	default:
		return CLI_FAILURE;
	}
}

int cli_fail(const struct sc_error *err)
{
	fprintf(stderr, "salescoach: %s\n",
	        err->message[0] ? err->message : sc_result_name(err->code));
	return cli_exit_code(err->code);
}

int cli_nomem(void)
{
	fputs("salescoach: out of memory\n", stderr);
	return CLI_FAILURE;
}

int cli_usage(const char *fmt, ...)
{
	va_list ap;
	fputs("salescoach: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return CLI_USAGE;
}

void cli_make_parent_dir(const char *path)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');
	if (!slash || slash == path || (size_t)(slash - path) >= sizeof(dir))
		return;
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	mkdir(dir, 0755); /* an existing directory is fine; other errors show on open */
}

int cli_durability(enum store_durability *d)
{
	const char *v = getenv("SALESCOACH_DURABILITY");

	*d = STORE_DURABLE_FULL;
	if (!v || !*v || store_durability_parse(v, d))
		return CLI_OK;
	return cli_usage("SALESCOACH_DURABILITY must be full or normal, not '%s' (full: a "
	                 "change is on disk before it is reported done; normal: faster writes "
	                 "that a power loss can undo)",
	                 v);
}

static int open_store(struct cli *c)
{
	struct sc_error err;
	enum store_durability d;
	int rc;

	if (c->store)
		return CLI_OK;
	if ((rc = cli_durability(&d)))
		return rc;
	cli_make_parent_dir(c->db_path);
	if (store_open_sqlite(c->db_path, &c->store, &err))
		return cli_fail(&err);
	if (d != STORE_DURABLE_FULL && store_set_durability(c->store, d, &err))
		return cli_fail(&err);
	return CLI_OK;
}

int cli_open(struct cli *c)
{
	struct sc_error err;
	int rc;

	if ((rc = open_store(c)))
		return rc;
	if (org_resolve(c->store, c->org_slug, &c->org, &err) ||
	    domain_init(&c->dom, c->store, c->org.id, &err))
		return cli_fail(&err);
	if (c->as_email && domain_act_as(&c->dom, c->as_email, &err))
		return cli_fail(&err);
	return CLI_OK;
}

static void top_help(void)
{
	printf("usage: salescoach [--db PATH] [--org SLUG] [--as EMAIL] NOUN VERB [options]\n\n"
	       "salescoach runs a sales organisation's coaching programme: coaching by the\n"
	       "manager, by senior reps, by an internal or by an external coach.\n\n"
	       "Global options:\n"
	       "  --db PATH      database file (default $SALESCOACH_DB, else %s)\n"
	       "  --org SLUG     organisation, when the database holds more than one\n"
	       "  --as EMAIL     act as this person (private coaching content is shown only\n"
	       "                 to the coach and coachee of a relationship)\n"
	       "  --json         output JSON for machines\n"
	       "  --help         this text; every noun and verb has its own --help\n"
	       "  --version      the version\n\n"
	       "Environment:\n"
	       "  SALESCOACH_DURABILITY=full|normal\n"
	       "                 full (default): a change is on disk before it is reported\n"
	       "                 done. normal: no disk sync per change, so faster writes, but\n"
	       "                 the last changes reported done can be lost on a power loss\n"
	       "                 or an operating-system crash (`salescoach serve --help`)\n\n"
	       "Commands:\n"
	       "  overview       the organisation at a glance: programmes, coaches, coverage\n"
	       "  alerts         the pitfall monitor: alerts of every programme, and ack\n"
	       "  demo           load the demo organisation into an empty database\n"
	       "  gen            generate a large synthetic organisation, e.g. for benchmarks\n"
	       "  org            organisations and their settings (list, show, add, set)\n"
	       "  plan capacity  coaching hours needed and available per manager-coach, what to\n"
	       "                 delegate and the span that fits\n"
	       "  incentive --coach ID --month YYYY-MM\n"
	       "                 a senior coach's target reduction and bonus component\n"
	       "  leadership     senior coaches ranked on leadership potential\n"
	       "  advise         the model advisor: which coaching model fits a team, and why\n"
	       "  serve          the JSON HTTP API with accounts and roles (docs/api.md)\n"
	       "  account set    create or change a person's login account\n",
	       DEFAULT_DB);
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		if (!(def->eflags & EF_INTERNAL))
			printf("  %-14s %s\n", def->name, def->help);
	}
	printf("\nExit codes: 0 success, 2 invalid input or usage (nothing changed), 1 other "
	       "failure.\n");
}

/* ---- org ---------------------------------------------------------------------------------- */

static int org_show(struct cli *c)
{
	size_t n;
	const struct setting_def *defs = settings_all(&n);
	char value[256];
	struct sc_error err;

	if (c->json) {
		json_t *obj = json_object(), *settings = json_object();
		json_object_set_new(obj, "id", json_integer(c->org.id));
		json_object_set_new(obj, "name", json_string(c->org.name));
		json_object_set_new(obj, "slug", json_string(c->org.slug));
		for (size_t i = 0; i < n; i++) {
			if (settings_get(c->store, c->org.id, defs[i].key, value, sizeof(value),
			                 &err))
				return cli_fail(&err);
			json_object_set_new(settings, defs[i].key,
			                    defs[i].type == ST_INT || defs[i].type == ST_REAL
			                            ? json_real(strtod(value, NULL))
			                            : json_string(value));
		}
		json_object_set_new(obj, "settings", settings);
		json_dumpf(obj, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', stdout);
		json_decref(obj);
		return CLI_OK;
	}
	printf("organisation  %s (%s, id %" PRId64 ")\n\nsettings (change with `salescoach org set "
	       "KEY VALUE`):\n",
	       c->org.name, c->org.slug, c->org.id);
	for (size_t i = 0; i < n; i++) {
		if (settings_get(c->store, c->org.id, defs[i].key, value, sizeof(value), &err))
			return cli_fail(&err);
		printf("  %-24s %-18s %s\n", defs[i].key, value, defs[i].help);
	}
	return CLI_OK;
}

static int org_command(struct cli *c, int argc, char **argv)
{
	struct sc_error err;
	int rc;

	if (argc < 1 || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")) {
		printf("usage: salescoach org VERB\n\n"
		       "  list                        the organisations in the database\n"
		       "  show                        the organisation and its settings\n"
		       "  add --name NAME [--slug S] [--locale nl|en] [--timezone ZONE]\n"
		       "                              create an organisation with the default "
		       "skills\n"
		       "  set KEY VALUE               change a setting\n");
		return argc < 1 ? CLI_USAGE : CLI_OK;
	}
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--json"))
			c->json = true;
	if (!strcmp(argv[0], "list")) {
		struct org *orgs = NULL;
		size_t n = 0;
		if ((rc = open_store(c)))
			return rc;
		if (store_org_list(c->store, &orgs, &n, &err))
			return cli_fail(&err);
		if (c->json) {
			json_t *arr = json_array();
			for (size_t i = 0; i < n; i++)
				json_array_append_new(
				        arr, json_pack("{sI ss ss}", "id", (json_int_t)orgs[i].id,
				                       "name", orgs[i].name, "slug", orgs[i].slug));
			json_dumpf(arr, stdout, JSON_INDENT(2));
			fputc('\n', stdout);
			json_decref(arr);
		} else {
			for (size_t i = 0; i < n; i++)
				printf("%" PRId64 "  %-20s %s\n", orgs[i].id, orgs[i].slug,
				       orgs[i].name);
			if (!n)
				printf("(none)\n");
		}
		free(orgs);
		return CLI_OK;
	}
	if (!strcmp(argv[0], "show")) {
		if ((rc = cli_open(c)))
			return rc;
		return org_show(c);
	}
	if (!strcmp(argv[0], "set")) {
		if (argc != 3)
			return cli_usage(
			        "usage: salescoach org set KEY VALUE (`salescoach org show` "
			        "lists the keys)");
		if ((rc = cli_open(c)))
			return rc;
		if (settings_set(c->store, c->org.id, argv[1], argv[2], &err))
			return cli_fail(&err);
		printf("%s = %s\n", argv[1], argv[2]);
		return CLI_OK;
	}
	if (!strcmp(argv[0], "add")) {
		static const struct option opts[] = { { "name", required_argument, NULL, 'n' },
			                              { "slug", required_argument, NULL, 's' },
			                              { "locale", required_argument, NULL, 'l' },
			                              { "timezone", required_argument, NULL, 't' },
			                              { "json", no_argument, NULL, 'j' },
			                              { NULL, 0, NULL, 0 } };
		const char *name = NULL, *slug = NULL, *locale = NULL, *tz = NULL;
		int ch;
		int64_t id;
		optind = 0;
		opterr = 0;
		while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
			switch (ch) {
			case 'n':
				name = optarg;
				break;
			case 's':
				slug = optarg;
				break;
			case 'l':
				locale = optarg;
				break;
			case 't':
				tz = optarg;
				break;
			case 'j':
				break;
			default:
				return cli_usage(
				        "org add: unknown option or missing value '%s'; use "
				        "--name NAME [--slug S] [--locale nl|en] [--timezone "
				        "ZONE]",
				        argv[optind - 1]);
			}
		}
		if (!name)
			return cli_usage("org add: --name is required");
		if (optind < argc)
			return cli_usage("org add: unexpected argument '%s'", argv[optind]);
		if ((rc = open_store(c)))
			return rc;
		if (org_create(c->store, name, slug, locale, tz, &id, &err))
			return cli_fail(&err);
		if (!c->json) {
			printf("added organisation %" PRId64 "\n", id);
			return CLI_OK;
		}
		/* As every other add: the record as `show --json` prints it. */
		struct org *orgs = NULL;
		size_t n = 0;
		if (store_org_list(c->store, &orgs, &n, &err))
			return cli_fail(&err);
		for (size_t i = 0; i < n; i++)
			if (orgs[i].id == id)
				c->org = orgs[i];
		free(orgs);
		return org_show(c);
	}
	return cli_usage("unknown verb '%s' for org; `salescoach org --help` lists the verbs",
	                 argv[0]);
}

/* ---- overview ----------------------------------------------------------------------------- */

static int64_t count_where(struct cli *c, enum entity_kind k, const struct filter *f, size_t n)
{
	int64_t count = 0;
	store_count(c->store, c->org.id, entity_get(k), f, n, &count, NULL);
	return count;
}

static int fx(enum entity_kind k, const char *name)
{
	return entity_field(entity_get(k), name);
}

static int overview(struct cli *c)
{
	const struct entity_def *pdef = entity_get(E_PROGRAMME);
	struct record_list progs = { 0 };
	struct sc_error err;
	char since[TU_DATE_LEN], since_utc[TU_INSTANT_LEN], now[TU_INSTANT_LEN];
	int rc;

	if ((rc = cli_open(c)))
		return rc;
	tu_date_add(c->dom.today, -30, since);
	snprintf(since_utc, sizeof(since_utc), "%sT00:00:00Z", since);
	tu_now_instant(now);
	if (store_list(c->store, c->org.id, pdef, NULL, &progs, &err))
		return cli_fail(&err);

	json_t *jprogs = json_array();
	size_t rows = progs.n + 1, cols = 8;
	char ***cells = calloc(rows, sizeof(*cells));
	for (size_t r = 0; cells && r < rows; r++) {
		cells[r] = calloc(cols, sizeof(**cells));
		for (size_t k = 0; cells[r] && k < cols; k++)
			cells[r][k] = calloc(1, 128);
	}
	static const char *const head[] = { "programme", "team",     "model",      "runs",
		                            "coaches",   "coachees", "held (30d)", "coverage" };
	for (size_t k = 0; cells && k < cols; k++)
		snprintf(cells[0][k], 128, "%s", head[k]);

	for (size_t p = 0; p < progs.n; p++) {
		const struct record *prog = progs.items[p];
		struct record_list asg = { 0 };
		struct record *team = NULL;
		struct filter fa[2] = { { fx(E_ASSIGNMENT, "programme"), FO_EQ, prog->id, 0, NULL },
			                { fx(E_ASSIGNMENT, "status"), FO_EQ, 0, 0, "active" } };
		struct list_opts lo = { fa, 2, FILTER_ID, false, 0, 0 };
		int64_t held = 0, covered = 0;
		int64_t coach_ids[256];
		size_t ncoaches = 0;

		store_list(c->store, c->org.id, entity_get(E_ASSIGNMENT), &lo, &asg, NULL);
		store_get(c->store, c->org.id, entity_get(E_TEAM), record_int(prog, "team"), &team,
		          NULL);
		for (size_t a = 0; a < asg.n; a++) {
			int64_t coach = record_int(asg.items[a], "coach");
			bool seen = false;
			for (size_t k = 0; k < ncoaches; k++)
				seen |= coach_ids[k] == coach;
			if (!seen && ncoaches < 256)
				coach_ids[ncoaches++] = coach;
			struct filter fs[4] = { { fx(E_SESSION, "assignment"), FO_EQ,
				                  asg.items[a]->id, 0, NULL },
				                { fx(E_SESSION, "status"), FO_EQ, 0, 0, "held" },
				                { fx(E_SESSION, "at"), FO_GE, 0, 0, since_utc },
				                { fx(E_SESSION, "at"), FO_LE, 0, 0, now } };
			int64_t n = count_where(c, E_SESSION, fs, 4);
			held += n;
			covered += n > 0;
		}
		int coverage = asg.n ? (int)(100 * covered / (int64_t)asg.n) : 0;
		if (cells) {
			char **row = cells[p + 1];
			snprintf(row[0], 128, "%" PRId64 "%s%s", prog->id,
			         record_text(prog, "name") ? " " : "",
			         record_text(prog, "name") ? record_text(prog, "name") : "");
			snprintf(row[1], 128, "%s", team ? record_text(team, "name") : "?");
			snprintf(row[2], 128, "%s", record_text(prog, "model"));
			snprintf(row[3], 128, "%s..%s", record_text(prog, "starts_on"),
			         record_text(prog, "ends_on"));
			snprintf(row[4], 128, "%zu", ncoaches);
			snprintf(row[5], 128, "%zu", asg.n);
			snprintf(row[6], 128, "%" PRId64, held);
			snprintf(row[7], 128, "%d%%", coverage);
		}
		json_array_append_new(
		        jprogs,
		        json_pack("{sI ss ss ss ss sI sI sI sI}", "id", (json_int_t)prog->id,
		                  "team", team ? record_text(team, "name") : "", "model",
		                  record_text(prog, "model"), "starts_on",
		                  record_text(prog, "starts_on"), "ends_on",
		                  record_text(prog, "ends_on"), "coaches", (json_int_t)ncoaches,
		                  "active_coachees", (json_int_t)asg.n, "sessions_held_30d",
		                  (json_int_t)held, "coverage_pct", (json_int_t)coverage));
		record_free(&team);
		record_list_release(&asg);
	}

	struct filter active = { fx(E_PERSON, "active"), FO_EQ, 1, 0, NULL };
	int64_t people = count_where(c, E_PERSON, &active, 1);
	int64_t teams = count_where(c, E_TEAM, NULL, 0);
	int64_t coaches = count_where(c, E_COACH, NULL, 0);
	struct filter planned[3] = { { fx(E_SESSION, "status"), FO_EQ, 0, 0, "planned" },
		                     { fx(E_SESSION, "at"), FO_GE, 0, 0, now } };
	int64_t upcoming = count_where(c, E_SESSION, planned, 2);
	struct filter open_actions[2] = { { fx(E_ACTION, "done_on"), FO_NULL, 0, 0, NULL },
		                          { fx(E_ACTION, "due_on"), FO_LT, 0, 0, c->dom.today } };
	int64_t overdue = count_where(c, E_ACTION, open_actions, 2);

	if (c->json) {
		json_t *obj =
		        json_pack("{ss ss ss sI sI sI sI sI so}", "organisation", c->org.name,
		                  "slug", c->org.slug, "today", c->dom.today, "active_people",
		                  (json_int_t)people, "teams", (json_int_t)teams, "coaches",
		                  (json_int_t)coaches, "planned_sessions", (json_int_t)upcoming,
		                  "overdue_actions", (json_int_t)overdue, "programmes", jprogs);
		json_dumpf(obj, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', stdout);
		json_decref(obj);
	} else {
		printf("%s — %s (%s)\n\n", c->org.name, c->dom.today, c->dom.tz);
		printf("%" PRId64 " active people, %" PRId64 " teams, %" PRId64 " coaches, %" PRId64
		       " planned sessions ahead, %" PRId64 " overdue action items\n\n",
		       people, teams, coaches, upcoming, overdue);
		if (!progs.n)
			printf("no coaching programmes yet: `salescoach programme add --help` says "
			       "how "
			       "to start one\n");
		else if (cells)
			out_grid(cells, rows, cols, stdout);
		printf("\ncoverage: share of active coachees with a held session in the last 30 "
		       "days\n");
		json_decref(jprogs);
	}
	for (size_t r = 0; cells && r < rows; r++) {
		for (size_t k = 0; cells[r] && k < cols; k++)
			free(cells[r][k]);
		free(cells[r]);
	}
	free(cells);
	record_list_release(&progs);
	return CLI_OK;
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
		demo_print_logins(stdout);
		return CLI_OK;
	}
	if (argc > 1)
		return cli_usage("demo takes no arguments but --logins");
	if ((rc = open_store(c)))
		return rc;
	if (demo_load(c->store, stdout, &org, &err))
		return cli_fail(&err);
	return CLI_OK;
}

int cli_main(int argc, char **argv)
{
	static const struct option opts[] = { { "db", required_argument, NULL, 'd' },
		                              { "org", required_argument, NULL, 'o' },
		                              { "as", required_argument, NULL, 'a' },
		                              { "json", no_argument, NULL, 'j' },
		                              { "help", no_argument, NULL, 'h' },
		                              { "version", no_argument, NULL, 'V' },
		                              { NULL, 0, NULL, 0 } };
	struct cli c = { 0 };
	int ch, rc;
	const struct entity_def *def;

	c.db_path = getenv("SALESCOACH_DB");
	if (!c.db_path || !*c.db_path)
		c.db_path = DEFAULT_DB;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
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
		case 'j':
			c.json = true;
			break;
		case 'h':
			top_help();
			return CLI_OK;
		case 'V':
			printf("salescoach %s\n", SALESCOACH_VERSION);
			return CLI_OK;
		case ':':
			return cli_usage("%s needs a value", argv[optind - 1]);
		default:
			return cli_usage(
			        "unknown option '%s'; `salescoach --help` lists the options",
			        argv[optind - 1]);
		}
	}
	if (optind >= argc) {
		top_help();
		return CLI_USAGE;
	}
	const char *noun = argv[optind];
	int rest = argc - optind - 1;
	char **rargv = argv + optind + 1;

	if (!strcmp(noun, "help")) {
		top_help();
		rc = CLI_OK;
	} else if (!strcmp(noun, "org")) {
		rc = org_command(&c, rest, rargv);
	} else if (!strcmp(noun, "overview")) {
		for (int i = 0; i < rest; i++) {
			if (!strcmp(rargv[i], "--json")) {
				c.json = true;
			} else if (!strcmp(rargv[i], "--help")) {
				printf("usage: salescoach overview [--json]\n\nThe organisation at "
				       "a "
				       "glance: programmes, their model, coaches, active "
				       "coachees,\n"
				       "sessions held in the last 30 days and coverage.\n");
				return CLI_OK;
			} else {
				return cli_usage("overview: unexpected argument '%s'", rargv[i]);
			}
		}
		rc = overview(&c);
	} else if (!strcmp(noun, "demo")) {
		rc = demo_command(&c, rest + 1, argv + optind);
	} else if (!strcmp(noun, "gen")) {
		rc = cli_gen(&c, rest + 1, argv + optind);
	} else if (!strcmp(noun, "alerts")) {
		rc = cli_alerts(&c, rest + 1, argv + optind);
	} else if (!strcmp(noun, "advise")) {
		rc = cli_advise(&c, rest + 1, argv + optind);
	} else if (!strcmp(noun, "serve")) {
		rc = cli_serve(&c, rest + 1, argv + optind);
	} else if (!strcmp(noun, "account")) {
		rc = cli_account(&c, rest + 1, argv + optind);
	} else if (cli_plan_handles(noun, rest, rargv)) {
		rc = cli_plan_command(&c, noun, rest, rargv);
	} else if ((def = entity_find(noun))) {
		if (rest < 1 || !strcmp(rargv[0], "--help") || !strcmp(rargv[0], "-h")) {
			cli_entity_help(def);
			cli_plan_noun_help(def->name);
			rc = rest < 1 ? CLI_USAGE : CLI_OK;
		} else {
			rc = cli_entity(&c, def, rest, rargv);
		}
	} else {
		rc = cli_usage("unknown command '%s'; `salescoach --help` lists the commands",
		               noun);
	}
	store_close(&c.store);
	return rc;
}
