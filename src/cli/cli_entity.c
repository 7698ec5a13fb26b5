/*
 * cli_entity.c - list, show, add, update and remove for every entity,
 * driven by its definition: each field is an option (--starts-on for
 * starts_on), parsed and checked by the domain.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/text.h"
#include "cli/cli.h"
#include "base/util.h"
#include "domain/account.h"
#include "model/recjson.h"

enum {
	OPT_JSON = 1000,
	OPT_HELP,
	OPT_LIMIT,
	OPT_OFFSET,
	OPT_ORDER,
	OPT_DESC,
	OPT_FROM,
	OPT_TO,
	OPT_OVERRIDE,
	OPT_FORMAT,
	OPT_OUTPUT,
	OPT_FIELD = 2000 /* + field index */
};

#define OVERRIDE_FIELD "override_reason"

/* A verb that adds a part to a record: `session observe ID --skill ...`. */
struct part_verb {
	enum entity_kind parent;
	const char *verb;
	enum entity_kind part;
	const char *owner_field;
};

static const struct part_verb part_verbs[] = {
	{ E_SESSION, "observe", E_OBSERVATION, "session" }, /* its help: help.part.observe */
	{ E_PLAN, "assess", E_SELF_ASSESSMENT, "plan" },
	{ E_COACH, "train", E_TRAINING, "coach" },
};
#define NPARTS (ARRAY_SIZE(part_verbs))

static void option_name(const char *field, char *out, size_t n)
{
	size_t i;
	for (i = 0; field[i] && i + 1 < n; i++)
		out[i] = field[i] == '_' ? '-' : field[i];
	out[i] = '\0';
}

static bool is_list_verb(const char *verb)
{
	return strcmp(verb, "list") == 0;
}

/*
 * True when `def verb` may override a pitfall refusal: add and update of
 * the records that keep an override reason (appraisal, session, assignment).
 */
static bool takes_override(const struct entity_def *def, const char *verb)
{
	return entity_field(def, OVERRIDE_FIELD) >= 0 &&
	       (!strcmp(verb, "add") || !strcmp(verb, "update"));
}

/*
 * The entity's noun in the language of --help: kind "name", "names" or "a"
 * ("an incentive"), the catalogue's noun.ENTITY, noun.ENTITY.many and .a.
 */
static const char *noun_text(struct cli *c, const char *kind, const struct entity_def *def)
{
	char id[96];

	snprintf(id, sizeof(id), "noun.%s%s", def->name,
	         !strcmp(kind, "names") ? ".many"
	         : !strcmp(kind, "a")   ? ".a"
	                                : "");
	return cli_help_text(c, id);
}

/* The id of the help text of f's type: the English of entity_type_hint, in help.json. */
static const char *type_id(const struct field_def *f)
{
	static const char *const ids[] = {
		[FT_TEXT] = "help.type.text",     [FT_INT] = "help.type.int",
		[FT_REAL] = "help.type.real",     [FT_BOOL] = "help.type.bool",
		[FT_DATE] = "help.type.date",     [FT_DATETIME] = "help.type.datetime",
		[FT_MONTH] = "help.type.month",   [FT_EMAIL] = "help.type.email",
		[FT_ENUM] = "help.type.enum",     [FT_REF] = "help.type.ref",
		[FT_SKILLS] = "help.type.skills", [FT_CODE] = "help.type.code",
	};
	if (entity_ref_by_email(f))
		return "help.type.ref_email";
	return (size_t)f->type < ARRAY_SIZE(ids) && ids[f->type] ? ids[f->type] : "help.type.other";
}

/* The help of field f of def: its text, its type or choices, its default. */
static void field_help(struct cli *c, const struct entity_def *def, const struct field_def *f,
                       bool list)
{
	char id[160];

	snprintf(id, sizeof(id), "help.field.%s.%s", def->name, f->name);
	fputs(cli_help_text(c, id), stdout);
	if (f->type == FT_ENUM) {
		printf(" (");
		for (const char *const *k = f->choices; *k; k++)
			printf("%s%s", k == f->choices ? "" : ", ", *k);
		printf(")");
	} else if (f->type == FT_INT || f->type == FT_REAL) {
		printf(" [%s, %.10g-%.10g]", cli_help_text(c, type_id(f)), f->min, f->max);
	} else if (f->type != FT_TEXT) {
		printf(" [%s]", cli_help_text(c, type_id(f)));
	}
	if (f->dflt && !list)
		CLI_HELP_PUT(c, "help.verb.default",
		             { "value", strcmp(f->dflt, "@today")
		                                ? f->dflt
		                                : cli_help_text(c, "help.verb.today") });
	printf("\n");
}

static void verb_help(struct cli *c, const char *verb, const struct entity_def *def,
                      const struct entity_def *fields_of, const char *owner_field)
{
	char opt[64];
	bool list = is_list_verb(verb);
	bool needs_id = !strcmp(verb, "show") || !strcmp(verb, "update") ||
	                !strcmp(verb, "remove") || owner_field;

	CLI_HELP_PUT(c,
	             !strcmp(verb, "show") || !strcmp(verb, "remove") ? "help.verb.usage"
	                                                              : "help.verb.usage_options",
	             { "command", def->name }, { "verb", verb }, { "id", needs_id ? " ID" : "" });
	if (!strcmp(verb, "show") || !strcmp(verb, "remove")) {
		CLI_HELP_PUT(c, !strcmp(verb, "show") ? "help.verb.show" : "help.verb.remove",
		             { "noun", noun_text(c, "name", def) });
		return;
	}
	if (list) {
		CLI_HELP_PUT(c, "help.verb.list", { "nouns", noun_text(c, "names", def) });
		int when = entity_when(def);
		if (when >= 0)
			CLI_HELP_PUT(c,
			             def->fields[when].type == FT_MONTH ? "help.verb.range_month"
			                                                : "help.verb.range",
			             { "field", def->fields[when].name });
		fputs(cli_help_text(c, "export.help"), stdout);
	} else if (!strcmp(verb, "add") || owner_field)
		fputs(cli_help_text(c, "help.verb.add"), stdout);
	else
		fputs(cli_help_text(c, "help.verb.update"), stdout);
	for (size_t i = 0; i < fields_of->nfields; i++) {
		const struct field_def *f = &fields_of->fields[i];
		if (owner_field && !strcmp(f->name, owner_field))
			continue;
		if (list && (f->flags & FF_PRIVATE))
			continue;
		/* Set through --override, which says what it is for. */
		if (takes_override(def, verb) && !strcmp(f->name, OVERRIDE_FIELD))
			continue;
		option_name(f->name, opt, sizeof(opt));
		printf("  --%-20s %s ", opt,
		       (!list && (f->flags & FF_REQUIRED) && (!f->dflt)) ? "*" : " ");
		field_help(c, fields_of, f, list);
	}
	fputs(cli_help_text(c, "help.verb.footer"), stdout);
	if (takes_override(def, verb) && !owner_field)
		fputs(cli_help_text(c, "help.verb.override"), stdout);
}

/* "added session 12" and the like: id is cli.added, cli.updated or cli.removed. */
static void say_record(const char *id, const struct entity_def *def, int64_t rec)
{
	char num[24];

	snprintf(num, sizeof(num), "%" PRId64, rec);
	cli_say(stdout, id, CLI_ARGS({ "noun", cli_noun(def, "") }, { "id", num }));
}

static int parse_id(const char *s, int64_t *id)
{
	int64_t v;
	if (!text_whole(s, 1, INT64_MAX, &v))
		return cli_refuse("cli.not_id", CLI_ARGS({ "text", s }));
	*id = v;
	return CLI_OK;
}

static int parse_count(const char *opt, const char *s, size_t *out)
{
	int64_t v;
	if (!text_whole(s, 0, 1000000, &v) || s[0] == '-')
		return cli_refuse("cli.not_count", CLI_ARGS({ "option", opt }, { "text", s }));
	*out = (size_t)v;
	return CLI_OK;
}

/* Build the value of filter k from field i as text. */
static int add_filter(struct cli *c, const struct entity_def *def, int i, const char *text,
                      struct record *scratch, struct filter *f)
{
	struct sc_error err;
	if (def->fields[i].flags & FF_PRIVATE)
		return cli_refuse("cli.private_filter",
		                  CLI_ARGS({ "option", def->fields[i].name }));
	if (domain_parse(&c->dom, scratch, i, text, &err))
		return cli_fail(&err);
	f->field = i;
	f->op = scratch->v[i].state == V_NULL ? FO_NULL : FO_EQ;
	f->i = scratch->v[i].i;
	f->r = scratch->v[i].r;
	f->s = scratch->v[i].s;
	return CLI_OK;
}

/* Print the parts of rec (a coach's trainings, a session's observations, ...). */
static void show_parts(struct cli *c, const struct record *rec)
{
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *e = entity_get((enum entity_kind)k);
		for (size_t i = 0; i < e->nfields; i++) {
			const struct field_def *f = &e->fields[i];
			struct filter flt = { (int)i, FO_EQ, rec->id, 0, NULL };
			struct list_opts opts = { &flt, 1, FILTER_ID, false, 0, 0 };
			struct record_list list = { 0 };
			struct sc_error err;

			if (f->type != FT_REF || f->ref != rec->def->kind || !(f->flags & FF_OWNER))
				continue;
			if (domain_list(&c->dom, e, &opts, &list, &err) == SC_OK && list.n) {
				putchar('\n');
				cli_say(stdout, "cli.parts",
				        CLI_ARGS({ "things", cli_noun(e, ".many") }));
				for (size_t r = 0; r < list.n; r++) {
					out_record(&c->dom, list.items[r], stdout);
					if (r + 1 < list.n)
						printf("\n");
				}
			}
			record_list_release(&list);
		}
	}
}

/* One entity command on its way: what the verb is about and what its options said. */
struct verb_call {
	struct cli *c;
	const struct entity_def *def;       /* the noun */
	const struct entity_def *fields_of; /* def, or the part a part verb adds */
	const struct part_verb *part;       /* NULL but for a part verb */
	const char *verb;
	size_t nf;          /* fields_of->nfields */
	char (*names)[64];  /* the option name of each field */
	const char **texts; /* the value given for each field, or NULL */
	size_t limit, offset;
	const char *order, *from, *to;
	bool desc;
	const char *override;
	struct cli_out out; /* list: --format and -o/--output */
	bool help;
	int64_t id; /* the id after the verb, when it takes one */
};

/* The options of the verb: one per field, and those of the verb's kind. Owned; NULL on no memory.
 */
static struct option *verb_option_table(struct verb_call *v)
{
	struct option *opts = calloc(v->nf + 12, sizeof(*opts));
	size_t o = 0;

	if (!opts)
		return NULL;
	for (size_t i = 0; i < v->nf; i++) {
		option_name(v->fields_of->fields[i].name, v->names[i], sizeof(v->names[i]));
		opts[o++] =
		        (struct option){ v->names[i], required_argument, NULL, OPT_FIELD + (int)i };
	}
	opts[o++] = (struct option){ "json", no_argument, NULL, OPT_JSON };
	opts[o++] = (struct option){ "help", no_argument, NULL, OPT_HELP };
	if (is_list_verb(v->verb)) {
		opts[o++] = (struct option){ "limit", required_argument, NULL, OPT_LIMIT };
		opts[o++] = (struct option){ "offset", required_argument, NULL, OPT_OFFSET };
		opts[o++] = (struct option){ "order", required_argument, NULL, OPT_ORDER };
		opts[o++] = (struct option){ "desc", no_argument, NULL, OPT_DESC };
		opts[o++] = (struct option){ "format", required_argument, NULL, OPT_FORMAT };
		opts[o++] = (struct option){ "output", required_argument, NULL, OPT_OUTPUT };
		if (entity_when(v->def) >= 0) {
			opts[o++] = (struct option){ "from", required_argument, NULL, OPT_FROM };
			opts[o++] = (struct option){ "to", required_argument, NULL, OPT_TO };
		}
	}
	if (!v->part && takes_override(v->def, v->verb))
		opts[o++] = (struct option){ "override", required_argument, NULL, OPT_OVERRIDE };
	opts[o] = (struct option){ NULL, 0, NULL, 0 };
	return opts;
}

/* Read the verb's options and the id after it into v. Returns CLI_OK or the exit code. */
static int verb_options(struct verb_call *v, int argc, char **argv)
{
	struct option *opts = verb_option_table(v);
	const char *noun = v->def->name, *verb = v->verb;
	int ch, rc = CLI_OK;

	if (!opts)
		return cli_nomem();
	optind = 0;
	opterr = 0;
	const char *shortopts = is_list_verb(verb) ? ":ho:" : ":h";
	while (rc == CLI_OK && (ch = cli_getopt(argc, argv, shortopts, opts)) != -1) {
		if (ch == OPT_JSON)
			v->c->json = true;
		else if (ch == OPT_HELP || ch == 'h')
			v->help = true;
		else if (ch == OPT_LIMIT)
			rc = parse_count("limit", optarg, &v->limit);
		else if (ch == OPT_OFFSET)
			rc = parse_count("offset", optarg, &v->offset);
		else if (ch == OPT_ORDER)
			v->order = optarg;
		else if (ch == OPT_DESC)
			v->desc = true;
		else if (ch == OPT_FROM)
			v->from = optarg;
		else if (ch == OPT_TO)
			v->to = optarg;
		else if (ch == OPT_OVERRIDE)
			v->override = optarg;
		else if (ch == OPT_FORMAT)
			v->out.format = optarg;
		else if (ch == OPT_OUTPUT || ch == 'o')
			v->out.path = optarg;
		else if (ch >= OPT_FIELD && ch < OPT_FIELD + (int)v->nf)
			v->texts[ch - OPT_FIELD] = optarg;
		else if (ch == ':')
			rc = cli_refuse("cli.verb.needs_value",
			                CLI_ARGS({ "option", argv[optind - 1] }, { "noun", noun },
			                         { "verb", verb }));
		else
			rc = cli_refuse("cli.verb.unknown_option",
			                CLI_ARGS({ "option", argv[optind - 1] }, { "noun", noun },
			                         { "verb", verb }));
	}
	free(opts);
	if (rc != CLI_OK || v->help)
		return rc;
	if (strcmp(verb, "list") && strcmp(verb, "add")) {
		if (optind >= argc)
			return cli_refuse("cli.verb.needs_id",
			                  CLI_ARGS({ "noun", noun }, { "verb", verb },
			                           { "a_thing", cli_noun(v->def, ".a") }));
		if ((rc = parse_id(argv[optind++], &v->id)))
			return rc;
	}
	if (optind < argc)
		return cli_refuse(
		        "cli.verb.unexpected",
		        CLI_ARGS({ "arg", argv[optind] }, { "noun", noun }, { "verb", verb }));
	if (is_list_verb(verb)) {
		char example[80];
		snprintf(example, sizeof(example), "%s.xlsx", v->def->plural);
		if ((rc = cli_out_check(v->c, &v->out, example)))
			return rc;
	}
	if (!strcmp(verb, "show") || !strcmp(verb, "remove"))
		for (size_t i = 0; i < v->nf; i++)
			if (v->texts[i])
				return cli_refuse("cli.verb.only_id",
				                  CLI_ARGS({ "noun", noun }, { "verb", verb }));
	return CLI_OK;
}

/*
 * The access log as the API shows it: each entry says whether it was read in
 * the hour after the reader's password was set or reset (after_reset), in
 * --json as a field, in the table as a line under it.
 */
static int access_list_out(struct cli *c, const struct record_list *list, FILE *fp)
{
	json_t *arr = c->json ? recjson_array(list, RJ_SHOW) : NULL;
	char ids[512] = "", count[24];
	size_t n = 0, o = 0;
	struct sc_error err;

	if (c->json && !arr)
		return cli_nomem();
	for (size_t i = 0; i < list->n; i++) {
		bool after = false;
		if (account_read_after_reset(&c->dom, list->items[i], &after, &err)) {
			json_decref(arr);
			return cli_fail(&err);
		}
		if (arr)
			json_object_set_new(json_array_get(arr, i), "after_reset",
			                    json_boolean(after));
		if (after && o + 24 < sizeof(ids))
			o += (size_t)snprintf(ids + o, sizeof(ids) - o, "%s%" PRId64, n ? ", " : "",
			                      list->items[i]->id);
		n += after;
	}
	if (arr) {
		json_dumpf(arr, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', fp);
		json_decref(arr);
		return CLI_OK;
	}
	out_table(&c->dom, list, fp);
	if (n) {
		snprintf(count, sizeof(count), "%zu", n);
		struct msg_arg args[] = { { "entries", count }, { "ids", ids } };
		char *line = msg_format(c->dom.lang, "access.after_reset", args, 2);
		fprintf(fp, "\n%s\n", line ? line : "");
		free(line);
	}
	return CLI_OK;
}

/* The list as --format and -o/--output ask: a table, JSON, CSV or XLSX. */
static int list_out(struct verb_call *v, const struct record_list *list)
{
	struct cli *c = v->c;
	struct cli_buffer b;
	FILE *fp;
	int rc = CLI_OK;

	if (v->out.fmt == EXPORT_CSV || v->out.fmt == EXPORT_XLSX)
		return cli_out_export(c, &v->out, cli_noun(v->def, ".many"), v->def, list, NULL);
	if (!(fp = cli_out_open(&v->out, &b)))
		return cli_nomem();
	if (v->def->kind == E_ACCESS)
		rc = access_list_out(c, list, fp);
	else if (c->json)
		rc = out_json_list(list, fp);
	else
		out_table(&c->dom, list, fp);
	return cli_out_close(&v->out, fp, &b, rc);
}

static int run_list(struct verb_call *v)
{
	struct cli *c = v->c;
	struct record_list list = { 0 };
	/* One a field, and the date range's two. */
	struct filter *filters = calloc(v->nf + 2, sizeof(*filters));
	struct record *scratch = record_new(v->def);
	size_t nfilters = 0;
	struct sc_error err;
	int rc = CLI_OK;

	if (!filters || !scratch)
		rc = cli_nomem();
	for (size_t i = 0; rc == CLI_OK && i < v->nf; i++)
		if (v->texts[i])
			rc = add_filter(c, v->def, (int)i, v->texts[i], scratch,
			                &filters[nfilters++]);
	int order = FILTER_ID;
	struct date_range range;
	sc_error_init(&err);
	if (rc == CLI_OK &&
	    ((v->order && domain_order(v->def, v->order, cli_lang(), &order, &err)) ||
	     domain_range(&c->dom, v->def, v->from, v->to, &range, &err)))
		rc = cli_fail(&err);
	if (rc == CLI_OK) {
		memcpy(filters + nfilters, range.f, range.n * sizeof(range.f[0]));
		nfilters += range.n;
		struct list_opts lo = { filters, nfilters, order, v->desc, v->limit, v->offset };
		if (domain_list(&c->dom, v->def, &lo, &list, &err))
			rc = cli_fail(&err);
		else
			rc = list_out(v, &list);
	}
	record_list_release(&list);
	record_free(&scratch);
	free(filters);
	return rc;
}

static int run_show(struct verb_call *v)
{
	struct record *rec = NULL;
	struct sc_error err;
	int rc = CLI_OK;

	if (domain_get(&v->c->dom, v->def, v->id, &rec, &err))
		return cli_fail(&err);
	if (v->c->json) {
		rc = out_json_record(rec, stdout);
	} else {
		out_record(&v->c->dom, rec, stdout);
		show_parts(v->c, rec);
	}
	record_free(&rec);
	return rc;
}

static int run_remove(struct verb_call *v)
{
	struct sc_error err;

	if (domain_remove(&v->c->dom, v->def, v->id, &err))
		return cli_fail(&err);
	if (v->c->json)
		printf("{\"removed\": %" PRId64 "}\n", v->id);
	else
		say_record("cli.removed", v->def, v->id);
	return CLI_OK;
}

/* The record that add or update wrote, as `show` prints it. */
static int print_written(struct verb_call *v, const struct record *rec)
{
	struct cli *c = v->c;
	struct sc_error err;
	int rc = CLI_OK;

	if (c->dom.warning[0]) {
		fputs("salescoach: ", stderr);
		cli_say(stderr, "cli.warning", CLI_ARGS({ "text", c->dom.warning }));
	}
	if (!c->json) {
		say_record(strcmp(v->verb, "update") ? "cli.added" : "cli.updated", v->fields_of,
		           rec->id);
		return CLI_OK;
	}
	struct record *stored = NULL;
	if (domain_get(&c->dom, v->fields_of, rec->id, &stored, &err) == SC_OK)
		rc = out_json_record(stored, stdout);
	else /* written but not readable by the writer (a survey answer), as the API says */
		printf("{\n  \"id\": %" PRId64 "\n}\n", rec->id);
	record_free(&stored);
	return rc;
}

/* add, update, or a part verb (add of the part with its owner set). */
static int run_write(struct verb_call *v)
{
	struct cli *c = v->c;
	struct record *rec = record_new(v->fields_of);
	struct sc_error err;
	bool any = false;
	int rc = CLI_OK;

	if (!rec)
		return cli_nomem();
	for (size_t i = 0; rc == CLI_OK && i < v->nf; i++) {
		if (!v->texts[i])
			continue;
		any = true;
		if (v->part && !strcmp(v->fields_of->fields[i].name, v->part->owner_field))
			rc = cli_refuse("cli.verb.owner_given",
			                CLI_ARGS({ "option", v->names[i] }, { "verb", v->verb }));
		else if (domain_parse(&c->dom, rec, (int)i, v->texts[i], &err))
			rc = cli_fail(&err);
	}
	if (rc == CLI_OK && v->part)
		record_put_int(rec, v->part->owner_field, v->id);
	/* The domain keeps the reason, or refuses it when nothing needed overriding. */
	c->dom.override_reason = v->override;
	if (rc == CLI_OK && !strcmp(v->verb, "update")) {
		rec->id = v->id;
		if (!any)
			rc = cli_refuse("cli.verb.nothing", CLI_ARGS({ "noun", v->def->name }));
		else if (domain_update(&c->dom, rec, &err))
			rc = cli_fail(&err);
	} else if (rc == CLI_OK && domain_add(&c->dom, rec, &err)) {
		rc = cli_fail(&err);
	}
	c->dom.override_reason = NULL;
	if (rc == CLI_OK)
		rc = print_written(v, rec);
	record_free(&rec);
	return rc;
}

int cli_entity(struct cli *c, const struct entity_def *def, int argc, char **argv)
{
	struct verb_call v = { .c = c, .def = def, .fields_of = def, .verb = argv[0] };
	int rc;

	for (size_t k = 0; k < NPARTS; k++)
		if (part_verbs[k].parent == def->kind && !strcmp(part_verbs[k].verb, v.verb))
			v.part = &part_verbs[k];
	if (v.part)
		v.fields_of = entity_get(v.part->part);
	else if (strcmp(v.verb, "list") && strcmp(v.verb, "show") && strcmp(v.verb, "add") &&
	         strcmp(v.verb, "update") && strcmp(v.verb, "remove"))
		return cli_refuse("cli.verb.unknown",
		                  CLI_ARGS({ "verb", v.verb }, { "noun", def->name }));
	if ((def->eflags & EF_READONLY) && strcmp(v.verb, "list") && strcmp(v.verb, "show"))
		return cli_refuse("cli.verb.readonly", CLI_ARGS({ "noun", def->name }));
	v.nf = v.fields_of->nfields;
	v.names = calloc(v.nf ? v.nf : 1, sizeof(*v.names));
	v.texts = calloc(v.nf ? v.nf : 1, sizeof(*v.texts));
	if (!v.names || !v.texts)
		rc = cli_nomem();
	else if ((rc = verb_options(&v, argc, argv)) == CLI_OK && v.help)
		verb_help(c, v.verb, def, v.fields_of, v.part ? v.part->owner_field : NULL);
	else if (rc == CLI_OK && (rc = cli_open(c)) == CLI_OK)
		rc = is_list_verb(v.verb)        ? run_list(&v)
		     : !strcmp(v.verb, "show")   ? run_show(&v)
		     : !strcmp(v.verb, "remove") ? run_remove(&v)
		                                 : run_write(&v);
	free(v.names);
	free(v.texts);
	return rc;
}

/* Help for `salescoach NOUN`: the verbs it has. */
void cli_entity_help(struct cli *c, const struct entity_def *def)
{
	char id[96], verb[16];

	snprintf(id, sizeof(id), "help.entity.%s", def->name);
	CLI_HELP_PUT(c, "help.noun.usage", { "command", def->name },
	             { "help", cli_help_text(c, id) });
	CLI_HELP_PUT(c, "help.noun.list", { "nouns", noun_text(c, "names", def) });
	CLI_HELP_PUT(c, "help.noun.show", { "noun", noun_text(c, "name", def) });
	if (!(def->eflags & EF_READONLY)) {
		CLI_HELP_PUT(c, "help.noun.add", { "a_noun", noun_text(c, "a", def) });
		CLI_HELP_PUT(c, "help.noun.update", { "a_noun", noun_text(c, "a", def) });
		CLI_HELP_PUT(c, "help.noun.remove", { "a_noun", noun_text(c, "a", def) });
	}
	for (size_t k = 0; k < NPARTS; k++) {
		if (part_verbs[k].parent != def->kind)
			continue;
		snprintf(verb, sizeof(verb), "%-8s", part_verbs[k].verb);
		snprintf(id, sizeof(id), "help.part.%s", part_verbs[k].verb);
		CLI_HELP_PUT(c, "help.noun.part", { "verb_col", verb },
		             { "verb", part_verbs[k].verb }, { "help", cli_help_text(c, id) });
	}
	if (def->kind == E_APPRAISAL || def->kind == E_SESSION)
		fputs(cli_help_text(c, "help.noun.mixing"), stdout);
	else if (def->kind == E_ASSIGNMENT)
		fputs(cli_help_text(c, "help.noun.assigning"), stdout);
	if (entity_field(def, OVERRIDE_FIELD) >= 0)
		fputs(cli_help_text(c, "help.noun.override"), stdout);
	CLI_HELP_PUT(c, "help.noun.footer", { "command", def->name });
}
