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

/* "an" before a noun that starts with a vowel ("an incentive"), else "a". */
static const char *article(const char *noun)
{
	return noun[0] && strchr("aeiou", noun[0]) ? "an" : "a";
}

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
	OPT_FIELD = 2000 /* + field index */
};

#define OVERRIDE_FIELD "override_reason"

/* A verb that adds a part to a record: `session observe ID --skill ...`. */
struct part_verb {
	enum entity_kind parent;
	const char *verb;
	enum entity_kind part;
	const char *owner_field;
	const char *help;
};

static const struct part_verb part_verbs[] = {
	{ E_SESSION, "observe", E_OBSERVATION, "session",
	  "record a ride-along observation of one skill" },
	{ E_PLAN, "assess", E_SELF_ASSESSMENT, "plan", "record the coachee's self-assessment" },
	{ E_COACH, "train", E_TRAINING, "coach", "record a coaching training" },
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

static void override_help(void)
{
	printf("  --%-20s   record it although salescoach refuses it for a pitfall of the\n"
	       "  %-22s   coaching model; REASON is kept in the record and the audit log\n",
	       "override REASON", "");
}

static void verb_help(const char *noun, const char *verb, const struct entity_def *def,
                      const struct entity_def *fields_of, const char *owner_field)
{
	char opt[64];
	bool list = is_list_verb(verb);
	bool needs_id = !strcmp(verb, "show") || !strcmp(verb, "update") ||
	                !strcmp(verb, "remove") || owner_field;

	printf("usage: salescoach %s %s%s%s [--json]\n\n", noun, verb, needs_id ? " ID" : "",
	       !strcmp(verb, "show") || !strcmp(verb, "remove") ? "" : " [options]");
	if (!strcmp(verb, "show")) {
		printf("Show one %s. Private coaching content is shown only to the coach and\n"
		       "the coachee (--as EMAIL), and every such read is logged.\n",
		       def->name);
		return;
	}
	if (!strcmp(verb, "remove")) {
		printf("Remove one %s. Refused while other records refer to it; the message\n"
		       "says which.\n",
		       def->name);
		return;
	}
	if (list) {
		printf("List %s. Every option filters on its field being equal to the value.\n"
		       "  --limit N          at most N rows\n  --offset N         skip the first N "
		       "rows\n"
		       "  --order FIELD      sort by FIELD (id, or a field below; not private "
		       "content)\n"
		       "  --desc             the other way round\n",
		       def->plural);
		int when = entity_when(def);
		if (when >= 0)
			printf("  --from DATE        %s on or after DATE (%s)\n"
			       "  --to DATE          %s on or before DATE\n",
			       def->fields[when].name,
			       def->fields[when].type == FT_MONTH ? "YYYY-MM" : "YYYY-MM-DD",
			       def->fields[when].name);
	} else if (!strcmp(verb, "add") || owner_field)
		printf("Options (* required):\n");
	else
		printf("Only the options given change; an empty value (\"\") clears a field.\n");
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
		printf("  --%-20s %s %s", opt,
		       (!list && (f->flags & FF_REQUIRED) && (!f->dflt)) ? "*" : " ", f->help);
		if (f->type == FT_ENUM) {
			printf(" (");
			for (const char *const *c = f->choices; *c; c++)
				printf("%s%s", c == f->choices ? "" : ", ", *c);
			printf(")");
		} else if (f->type == FT_INT || f->type == FT_REAL) {
			printf(" [%s, %.10g-%.10g]", entity_type_hint(f), f->min, f->max);
		} else if (f->type != FT_TEXT) {
			printf(" [%s]", entity_type_hint(f));
		}
		if (f->dflt && !list)
			printf(" default: %s", strcmp(f->dflt, "@today") ? f->dflt : "today");
		printf("\n");
	}
	printf("\nNumbers are decimal digits (60, 2.5); text is UTF-8, one line except in "
	       "notes and other\nlong text.\n");
	if (takes_override(def, verb) && !owner_field)
		override_help();
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
	while (rc == CLI_OK && (ch = cli_getopt(argc, argv, ":h", opts)) != -1) {
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
static int access_list_out(struct cli *c, const struct record_list *list)
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
		json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', stdout);
		json_decref(arr);
		return CLI_OK;
	}
	out_table(&c->dom, list, stdout);
	if (n) {
		snprintf(count, sizeof(count), "%zu", n);
		struct msg_arg args[] = { { "entries", count }, { "ids", ids } };
		char *line = msg_format(c->dom.lang, "access.after_reset", args, 2);
		printf("\n%s\n", line ? line : "");
		free(line);
	}
	return CLI_OK;
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
	if (rc == CLI_OK && ((v->order && domain_order(v->def, v->order, &order, &err)) ||
	                     domain_range(&c->dom, v->def, v->from, v->to, &range, &err)))
		rc = cli_fail(&err);
	if (rc == CLI_OK) {
		memcpy(filters + nfilters, range.f, range.n * sizeof(range.f[0]));
		nfilters += range.n;
		struct list_opts lo = { filters, nfilters, order, v->desc, v->limit, v->offset };
		if (domain_list(&c->dom, v->def, &lo, &list, &err))
			rc = cli_fail(&err);
		else if (v->def->kind == E_ACCESS)
			rc = access_list_out(c, &list);
		else if (c->json)
			rc = out_json_list(&list, stdout);
		else
			out_table(&c->dom, &list, stdout);
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
		verb_help(def->name, v.verb, def, v.fields_of, v.part ? v.part->owner_field : NULL);
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
void cli_entity_help(const struct entity_def *def)
{
	printf("usage: salescoach %s VERB [options]\n\n%s.\n\nVerbs:\n", def->name, def->help);
	printf("  list     list %s (filters: --FIELD VALUE)\n", def->plural);
	printf("  show     show one %s: show ID\n", def->name);
	if (!(def->eflags & EF_READONLY)) {
		printf("  add      add %s %s\n", article(def->name), def->name);
		printf("  update   change %s %s: update ID --FIELD VALUE\n", article(def->name),
		       def->name);
		printf("  remove   remove %s %s: remove ID\n", article(def->name), def->name);
	}
	for (size_t k = 0; k < NPARTS; k++)
		if (part_verbs[k].parent == def->kind)
			printf("  %-8s %s: %s ID [options]\n", part_verbs[k].verb,
			       part_verbs[k].help, part_verbs[k].verb);
	if (def->kind == E_APPRAISAL || def->kind == E_SESSION)
		printf("\nCoaching is kept apart from appraisal: in a programme of the manager "
		       "model,\n"
		       "an appraisal of a rep by their coach within mixing_window_days (setting,\n"
		       "default 2; 2 days apart is within, 3 is not) of a held or planned session\n"
		       "of theirs is refused, and so is such a session near such an appraisal. In\n"
		       "the other models it is accepted with a warning.\n");
	else if (def->kind == E_ASSIGNMENT)
		printf("\nAssigning a coachee (adding an active assignment, or making one active\n"
		       "again) is refused when the coach is a senior whose latest readiness\n"
		       "assessment is missing or below the threshold (readiness_min_score,\n"
		       "readiness_min_mean, decision ready), or when the coach would have more\n"
		       "active coachees than their capacity.\n");
	if (entity_field(def, OVERRIDE_FIELD) >= 0)
		printf("\n--override REASON on add and update records a refused change anyway and\n"
		       "keeps the reason; the alert of the pitfall still shows it. Warnings are\n"
		       "printed on stderr as \"salescoach: warning: ...\".\n");
	printf("\n`salescoach %s VERB --help` shows the options of a verb.\n", def->name);
}
