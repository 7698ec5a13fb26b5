/*
 * cli_org.c - `salescoach org`: the organisations of a database and their
 * settings.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "domain/org.h"
#include "domain/settings.h"

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
	char id[24];
	snprintf(id, sizeof(id), "%" PRId64, c->org.id);
	cli_say(stdout, "cli.org.show",
	        CLI_ARGS({ "name", c->org.name }, { "slug", c->org.slug }, { "id", id }));
	putchar('\n');
	cli_say(stdout, "cli.org.settings", NULL, 0);
	for (size_t i = 0; i < n; i++) {
		if (settings_get(c->store, c->org.id, defs[i].key, value, sizeof(value), &err))
			return cli_fail(&err);
		printf("  %-24s %-18s %s\n", defs[i].key, value,
		       settings_help(defs[i].key, cli_lang()));
	}
	bool own_smtp = true;
	if (settings_org_smtp(&own_smtp, cli_lang(), &err))
		return cli_fail(&err); /* SALESCOACH_SMTP_ORG_SERVERS neither allow nor deny */
	if (!own_smtp)
		cli_say(stdout, "cli.org.operator_smtp", NULL, 0);
	return CLI_OK;
}

/* Whether args (after the verb) ask for help. */
static bool wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	return false;
}

/* The organisations as a table with a header: id, slug (for --org), name; aligned. */
static int print_orgs(const struct org *orgs, size_t n)
{
	const size_t cell = sizeof(orgs->name);
	char ***cells = NULL, *text = NULL;
	int rc = CLI_OK;

	if (!n) {
		cli_say(stdout, "cli.none", NULL, 0);
		return CLI_OK;
	}
	if (!(cells = calloc(n + 1, sizeof(*cells))) || !(text = calloc(n + 1, 3 * cell))) {
		rc = cli_nomem();
		goto out;
	}
	for (size_t r = 0; r <= n; r++) {
		if (!(cells[r] = calloc(3, sizeof(**cells)))) {
			rc = cli_nomem();
			goto out;
		}
		for (size_t k = 0; k < 3; k++)
			cells[r][k] = text + (r * 3 + k) * cell;
		if (r == 0) {
			snprintf(cells[0][0], cell, "%s", msg_text(cli_lang(), "label.id"));
			snprintf(cells[0][1], cell, "%s", msg_text(cli_lang(), "cli.org.col.slug"));
			snprintf(cells[0][2], cell, "%s", msg_text(cli_lang(), "cli.org.col.name"));
			continue;
		}
		snprintf(cells[r][0], cell, "%" PRId64, orgs[r - 1].id);
		snprintf(cells[r][1], cell, "%s", orgs[r - 1].slug);
		snprintf(cells[r][2], cell, "%s", orgs[r - 1].name);
	}
	out_grid(cells, n + 1, 3, stdout);
out:
	for (size_t r = 0; cells && r <= n; r++)
		free(cells[r]);
	free(cells);
	free(text);
	return rc;
}

static int org_list(struct cli *c)
{
	struct org *orgs = NULL;
	size_t n = 0;
	struct sc_error err;
	int rc;

	if ((rc = cli_open_store(c)))
		return rc;
	if (store_org_list(c->store, &orgs, &n, &err))
		return cli_fail(&err);
	/* A person (--as) knows their own organisation only, as GET /api/me tells them. */
	if (c->as_email && (rc = cli_open(c)) == CLI_OK) {
		for (size_t i = 0; i < n; i++)
			if (orgs[i].id == c->org.id)
				orgs[0] = orgs[i];
		n = 1;
	}
	if (rc) {
		free(orgs);
		return rc;
	}
	if (c->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{sI ss ss}", "id",
			                                     (json_int_t)orgs[i].id, "name",
			                                     orgs[i].name, "slug", orgs[i].slug));
		json_dumpf(arr, stdout, JSON_INDENT(2));
		fputc('\n', stdout);
		json_decref(arr);
	} else if ((rc = print_orgs(orgs, n))) {
		free(orgs);
		return rc;
	}
	free(orgs);
	return CLI_OK;
}

static int org_set(struct cli *c, int argc, char **argv)
{
	struct sc_error err;
	int rc;

	if (argc != 3)
		return cli_refuse("cli.org.set_usage", NULL, 0);
	if ((rc = cli_open(c)))
		return rc;
	const char *key = argv[1], *value = argv[2];
	if (domain_set_settings(&c->dom, &key, &value, 1, &err))
		return cli_fail(&err);
	printf("%s = %s\n", argv[1], argv[2]);
	return CLI_OK;
}

static int org_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { "name", required_argument, NULL, 'n' },
		                              { "slug", required_argument, NULL, 's' },
		                              { "locale", required_argument, NULL, 'l' },
		                              { "timezone", required_argument, NULL, 't' },
		                              { "json", no_argument, NULL, 'j' },
		                              { NULL, 0, NULL, 0 } };
	const char *name = NULL, *slug = NULL, *locale = NULL, *tz = NULL;
	struct sc_error err;
	int ch, rc;
	int64_t id;

	optind = 0;
	opterr = 0;
	while ((ch = cli_getopt(argc, argv, ":", opts)) != -1) {
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
			return cli_refuse("cli.org.add_option",
			                  CLI_ARGS({ "option", argv[optind - 1] }));
		}
	}
	if (!name)
		return cli_refuse("cli.org.add_name", NULL, 0);
	if (optind < argc)
		return cli_refuse("cli.unexpected_in",
		                  CLI_ARGS({ "command", "org add" }, { "arg", argv[optind] }));
	if ((rc = cli_create_store(c)))
		return rc;
	if (org_create(c->store, name, slug, locale, tz, &id, &err))
		return cli_fail(&err);
	struct org *orgs = NULL;
	size_t n = 0;
	if (store_org_list(c->store, &orgs, &n, &err))
		return cli_fail(&err);
	for (size_t i = 0; i < n; i++)
		if (orgs[i].id == id)
			c->org = orgs[i];
	free(orgs);
	/* As every other add: the record as `show --json` prints it. */
	if (c->json)
		return org_show(c);
	/* It speaks the new organisation's language from its first line on. */
	enum msg_lang lang = MSG_EN;
	if (!c->lang_set && locale)
		msg_lang_parse(locale, &lang);
	cli_set_lang(c->lang_set ? c->lang : lang);
	/* The slug is what the next commands name it by once the database holds more than one. */
	char num[24], count[24];
	snprintf(num, sizeof(num), "%" PRId64, id);
	snprintf(count, sizeof(count), "%zu", n);
	cli_say(stdout, "cli.org.added", CLI_ARGS({ "id", num }, { "slug", c->org.slug }));
	if (n > 1)
		cli_say(stdout, "cli.org.several",
		        CLI_ARGS({ "count", count }, { "slug", c->org.slug }));
	return CLI_OK;
}

int cli_org(struct cli *c, int argc, char **argv)
{
	if (argc < 1 || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")) {
		fputs(cli_help_text(c, "help.org"), stdout);
		return argc < 1 ? CLI_USAGE : CLI_OK;
	}
	bool help = wants_help(argc, argv);
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--json"))
			c->json = true;
	if (!strcmp(argv[0], "list") || !strcmp(argv[0], "show")) {
		if (help) {
			fputs(cli_help_text(c,
			                    argv[0][0] == 'l' ? "help.org.list" : "help.org.show"),
			      stdout);
			return CLI_OK;
		}
		for (int i = 1; i < argc; i++)
			if (strcmp(argv[i], "--json") != 0)
				return cli_refuse(
				        "cli.unexpected_in",
				        CLI_ARGS({ "command",
				                   argv[0][0] == 'l' ? "org list" : "org show" },
				                 { "arg", argv[i] }));
		if (argv[0][0] == 'l')
			return org_list(c);
		int rc = cli_open(c);
		return rc ? rc : org_show(c);
	}
	if (!strcmp(argv[0], "set")) {
		if (help) {
			fputs(cli_help_text(c, "help.org.set"), stdout);
			return CLI_OK;
		}
		return org_set(c, argc, argv);
	}
	if (!strcmp(argv[0], "add")) {
		if (help) {
			fputs(cli_help_text(c, "help.org.add"), stdout);
			return CLI_OK;
		}
		return org_add(c, argc, argv);
	}
	return cli_refuse("cli.org.unknown_verb", CLI_ARGS({ "verb", argv[0] }));
}
