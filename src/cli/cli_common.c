/*
 * cli_common.c - what every command of the command line shares: exit codes,
 * error and usage messages, and opening the database as the organisation and
 * person the global options name.
 */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "domain/org.h"
#include "domain/settings.h"

int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts)
{
	int index = -1;
	int ch = getopt_long(argc, argv, shortopts, longopts, &index);

	if (ch == -1 || index < 0)
		return ch;
	/* The option as typed: before its value when the value came as the next argument. */
	bool apart = optarg && optind >= 2 && optarg == argv[optind - 1] &&
	             strncmp(argv[optind - 2], "--", 2) == 0;
	const char *typed = argv[optind - 1 - apart];
	size_t n = strlen(longopts[index].name);
	if (strncmp(typed, "--", 2) == 0 && strncmp(typed + 2, longopts[index].name, n) == 0 &&
	    (typed[2 + n] == '\0' || typed[2 + n] == '='))
		return ch;
	/* An abbreviation: refused, and argv[optind - 1] is what was typed, for the message. */
	optind -= apart;
	return '?';
}

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
	fprintf(stderr, "salescoach: %s%s%s\n",
	        err->message[0] ? err->message : sc_result_name(err->code),
	        err->overridable ? " " : "",
	        err->overridable ? msg_text(cli_lang(), "prevent.override_hint") : "");
	return cli_exit_code(err->code);
}

int cli_nomem(void)
{
	fputs("salescoach: ", stderr);
	cli_say(stderr, "cli.nomem", NULL, 0);
	return CLI_FAILURE;
}

static enum msg_lang lang_now = MSG_EN;
static bool lang_known;               /* lang_now is --lang's or the organisation's */
static const struct cli *lang_source; /* where to look the organisation's up (cli_lang_from) */

static bool org_lang(const struct cli *c, enum msg_lang *lang);

enum msg_lang cli_lang(void)
{
	enum msg_lang lang;

	if (!lang_known && lang_source) {
		lang_known = true;
		if (!lang_source->lang_set && org_lang(lang_source, &lang))
			lang_now = lang;
	}
	return lang_now;
}

void cli_set_lang(enum msg_lang lang)
{
	lang_now = lang;
	lang_known = true;
}

void cli_lang_from(const struct cli *c)
{
	lang_source = c;
}

/*
 * The organisation's language in the database at c->db_path, read without
 * writing anything (never created, not migrated); false when there is no such
 * database or organisation (two and no --org, an unknown --org).
 */
static bool org_lang(const struct cli *c, enum msg_lang *lang)
{
	struct store *st = NULL;
	struct sc_error err;
	struct org org;
	struct stat sb;
	char locale[16];
	bool found = false;

	if (store_target_is_postgres(c->db_path)) {
		if (store_open_postgres(c->db_path, &st, &err) != SC_OK)
			return false;
	} else if (!c->db_path || stat(c->db_path, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	           store_open_sqlite_readonly(c->db_path, &st, &err) != SC_OK) {
		return false;
	}
	if (org_resolve(st, c->org_slug, &org, &err) == SC_OK &&
	    settings_get(st, org.id, "locale", locale, sizeof(locale), &err) == SC_OK)
		found = msg_lang_parse(locale, lang);
	store_close(&st);
	return found;
}

void cli_say(FILE *fp, const char *id, const struct msg_arg *args, size_t nargs)
{
	char *text = msg_format(cli_lang(), id, args, nargs);

	fprintf(fp, "%s\n", text ? text : msg_text(cli_lang(), id));
	free(text);
}

int cli_refuse(const char *id, const struct msg_arg *args, size_t nargs)
{
	fputs("salescoach: ", stderr);
	cli_say(stderr, id, args, nargs);
	return CLI_USAGE;
}

const char *cli_heading(const struct entity_def *def, int i)
{
	char id[160];

	snprintf(id, sizeof(id), "label.%s.%s", def->name, def->fields[i].name);
	return msg_exists(id) ? msg_text(cli_lang(), id) : def->fields[i].name;
}

const char *cli_label(const struct entity_def *def, int i, const char *value)
{
	char id[200];

	if (def->fields[i].type == FT_BOOL)
		snprintf(id, sizeof(id), "label.bool.%s", value);
	else if (def->fields[i].type == FT_TEXT && !strcmp(def->fields[i].name, "entity") &&
	         (def->eflags & EF_READONLY)) /* the logs name a kind of record */
		snprintf(id, sizeof(id), "noun.%s", value);
	else /* an enum, or a log's action: add, update, remove */
		snprintf(id, sizeof(id), "label.%s.%s.%s", def->name, def->fields[i].name, value);
	return msg_exists(id) ? msg_text(cli_lang(), id) : value;
}

const char *cli_noun(const struct entity_def *def, const char *form)
{
	char id[96];

	snprintf(id, sizeof(id), "noun.%s%s", def->name, form);
	return msg_exists(id) ? msg_text(cli_lang(), id) : def->name;
}

const char *cli_model(enum msg_lang lang, const char *model)
{
	char id[96];

	snprintf(id, sizeof(id), "label.programme.model.%s", model ? model : "");
	return model && msg_exists(id) ? msg_text(lang, id) : model ? model : "";
}

const char *cli_db_shown(const char *path)
{
	static char shown[1024];

	if (!store_target_is_postgres(path))
		return path;
	store_target_shown(path, shown, sizeof(shown));
	return shown;
}

void cli_make_parent_dir(const char *path)
{
	char dir[4096];
	if (store_target_is_postgres(path))
		return;
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
	return cli_refuse("cli.durability", CLI_ARGS({ "value", v }));
}

int cli_need_db(const char *path)
{
	if (store_target_is_postgres(path) || access(path, F_OK) == 0)
		return CLI_OK;
	return cli_refuse("cli.no_db", CLI_ARGS({ "path", path }));
}

/* Open (create when create) the database at c->db_path with the durability of the command. */
static int open_store(struct cli *c, bool create)
{
	struct sc_error err;
	enum store_durability d;
	int rc;

	if (c->store)
		return CLI_OK;
	if ((rc = cli_durability(&d)))
		return rc;
	if (!create && (rc = cli_need_db(c->db_path)))
		return rc;
	if (create)
		cli_make_parent_dir(c->db_path);
	if (store_open(c->db_path, &c->store, &err))
		return cli_fail(&err);
	if (d != STORE_DURABLE_FULL && store_set_durability(c->store, d, &err))
		return cli_fail(&err);
	return CLI_OK;
}

int cli_open_store(struct cli *c)
{
	return open_store(c, false);
}

int cli_create_store(struct cli *c)
{
	return open_store(c, true);
}

int cli_open(struct cli *c)
{
	struct sc_error err;
	int rc;

	if ((rc = cli_open_store(c)))
		return rc;
	if (org_resolve(c->store, c->org_slug, &c->org, &err) ||
	    domain_init(&c->dom, c->store, c->org.id, &err))
		return cli_fail(&err);
	if (c->lang_set)
		c->dom.lang = c->lang;
	cli_set_lang(c->dom.lang);
	if (c->as_email && domain_act_as(&c->dom, c->as_email, &err))
		return cli_fail(&err);
	return CLI_OK;
}
