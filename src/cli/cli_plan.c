/*
 * cli_plan.c - the planners on the command line: the capacity of
 * manager-coaches, a senior coach's incentive for a month, and senior
 * coaches ranked on leadership potential. The figures come from planner.h;
 * this file only reads options and prints, in the organisation's language
 * (or --lang) from the message catalogue, or as JSON.
 */
#include "base/text.h"
#include "cli/cli_plan.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/msg.h"
#include "plan/planner.h"
#include "domain/settings.h"
#include "base/util.h"

enum {
	OPT_JSON = 1000,
	OPT_HELP,
	OPT_MANAGER,
	OPT_COACH,
	OPT_MONTH,
	OPT_COACHEES,
	OPT_TARGET,
	OPT_HOURS
};

/* The what-if options of `plan capacity`: option, the figure it assumes (planner.h). */
static const struct {
	int opt;
	const char *name, *key;
} whatif_opts[] = { { OPT_COACHEES, "--coachees", "coachees" },
	            { OPT_TARGET, "--target-hours", "target_hours" },
	            { OPT_HOURS, "--hours-per-week", "hours_per_week" } };

struct plan_opts {
	bool help;
	const char *manager;
	const char *coach;
	const char *month;
	const char *whatif[3]; /* the text of each of whatif_opts, NULL when not given */
};

bool cli_plan_handles(const char *noun, int argc, char **argv)
{
	if (!strcmp(noun, "leadership"))
		return true;
	if (!strcmp(noun, "plan"))
		return argc >= 1 && !strcmp(argv[0], "capacity");
	/* `incentive list|show|add ...` is the entity; options right after the noun are ours. */
	if (!strcmp(noun, "incentive"))
		return argc >= 1 && !strncmp(argv[0], "--", 2) && strcmp(argv[0], "--help") != 0;
	return false;
}

void cli_plan_noun_help(struct cli *c, const char *noun)
{
	if (!strcmp(noun, "plan"))
		fputs(cli_help_text(c, "help.plan.noun"), stdout);
	else if (!strcmp(noun, "incentive"))
		fputs(cli_help_text(c, "help.incentive.noun"), stdout);
}

/* `salescoach plan capacity|incentive|leadership --help`. */
static void usage_text(struct cli *c, const char *noun)
{
	fputs(cli_help_text(c, !strcmp(noun, "plan")        ? "help.plan"
	                       : !strcmp(noun, "incentive") ? "help.incentive"
	                                                    : "help.leadership"),
	      stdout);
}

static int parse(struct cli *c, const char *noun, int argc, char **argv, struct plan_opts *o)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "manager", required_argument, NULL, OPT_MANAGER },
		{ "coach", required_argument, NULL, OPT_COACH },
		{ "month", required_argument, NULL, OPT_MONTH },
		{ "coachees", required_argument, NULL, OPT_COACHEES },
		{ "target-hours", required_argument, NULL, OPT_TARGET },
		{ "hours-per-week", required_argument, NULL, OPT_HOURS },
		{ NULL, 0, NULL, 0 }
	};
	bool capacity = !strcmp(noun, "plan"), incentive = !strcmp(noun, "incentive");
	const char *command = capacity ? "plan capacity" : noun;
	/* getopt skips argv[0]: give it the command's name when the options start at once. */
	char **args = calloc((size_t)argc + 2, sizeof(*args));
	int n = 0, ch, rc = CLI_OK;
	const char *bad = NULL;

	if (!args)
		return cli_nomem();
	if (!capacity)
		args[n++] = (char *)noun;
	for (int i = 0; i < argc; i++)
		args[n++] = argv[i];
	optind = 0;
	opterr = 0;
	while (rc == CLI_OK && (ch = cli_getopt(n, args, ":", opts)) != -1) {
		switch (ch) {
		case OPT_JSON:
			c->json = true;
			break;
		case OPT_HELP:
			o->help = true;
			break;
		case OPT_MANAGER:
			if (!capacity) {
				bad = "--manager";
				goto unknown;
			}
			o->manager = optarg;
			break;
		case OPT_COACH:
			if (!incentive) {
				bad = "--coach";
				goto unknown;
			}
			o->coach = optarg;
			break;
		case OPT_MONTH:
			if (!incentive) {
				bad = "--month";
				goto unknown;
			}
			o->month = optarg;
			break;
		case OPT_COACHEES:
		case OPT_TARGET:
		case OPT_HOURS:
			if (!capacity) {
				bad = whatif_opts[ch - OPT_COACHEES].name;
				goto unknown;
			}
			o->whatif[ch - OPT_COACHEES] = optarg;
			break;
		case ':':
			rc = cli_refuse(
			        "cli.cmd.needs_value",
			        CLI_ARGS({ "option", args[optind - 1] }, { "command", command }));
			break;
		default:
			bad = args[optind - 1];
		unknown:
			rc = cli_refuse("cli.cmd.unknown_option",
			                CLI_ARGS({ "option", bad }, { "command", command }));
			break;
		}
	}
	if (rc == CLI_OK && optind < n)
		rc = cli_refuse("cli.cmd.unexpected",
		                CLI_ARGS({ "arg", args[optind] }, { "command", command }));
	free(args);
	return rc;
}

/* A positive whole number given as option name, into *out. */
static int parse_id(const char *name, const char *text, int64_t *out)
{
	int64_t v;
	if (!text_whole(text, 1, INT64_MAX, &v))
		return cli_refuse("cli.cmd.bad_id", CLI_ARGS({ "option", name }, { "text", text }));
	*out = (int64_t)v;
	return CLI_OK;
}

/* The language: --lang, else the organisation's locale. */
static int pick_lang(struct cli *c, enum msg_lang *lang)
{
	char locale[16];
	if (c->lang_set) { /* --lang, moved before the command (cli.c) */
		*lang = c->lang;
		return CLI_OK;
	}
	*lang = MSG_EN;
	if (settings_get(c->store, c->org.id, "locale", locale, sizeof(locale), NULL) == SC_OK)
		msg_lang_parse(locale, lang);
	return CLI_OK;
}

/* ---- output helpers ------------------------------------------------------------------------ */

/* Print message id with its args, and a newline. */
static void say(enum msg_lang lang, const char *id, const struct msg_arg *args, size_t n)
{
	char *text = msg_format(lang, id, args, n);
	puts(text ? text : id);
	free(text);
}

#define SAY(lang, id, ...)                                                                         \
	do {                                                                                       \
		const struct msg_arg args_[] = { __VA_ARGS__ };                                    \
		say(lang, id, args_, ARRAY_SIZE(args_));                                           \
	} while (0)

/* A number for people: at most two decimals. Buffers are the caller's. */
static const char *num(enum msg_lang lang, double v, char *buf, size_t n)
{
	return msg_number(lang, v, 2, buf, n);
}

/* An amount in euros: whole euros when it is whole, else cents; thousands grouped. */
static const char *money(enum msg_lang lang, double v, char *buf, size_t n)
{
	return msg_money(lang, v, buf, n);
}

static const char *id_text(int64_t id, char *buf, size_t n)
{
	snprintf(buf, n, "%" PRId64, id);
	return buf;
}

static void dump(json_t *j)
{
	json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
	fputc('\n', stdout);
	json_decref(j);
}

/* ---- plan capacity ------------------------------------------------------------------------- */

static void print_tasks(enum msg_lang lang, const struct capacity_row *r, bool chosen)
{
	char id[24], week[32], month[32];
	for (size_t t = 0; t < r->ntasks; t++) {
		const struct planner_task *k = &r->tasks[t];
		if (k->chosen != chosen)
			continue;
		fputs("  ", stdout);
		SAY(lang, "planner.capacity.task", { "name", k->name },
		    { "id", id_text(k->id, id, sizeof(id)) },
		    { "week", num(lang, k->hours_per_week, week, sizeof(week)) },
		    { "month", num(lang, k->hours_month, month, sizeof(month)) });
	}
}

/* The what-if figures, when the plan assumes any: "12 coachees, 4 h per week for coaching". */
static void print_assumed(enum msg_lang lang, const struct capacity_whatif *w)
{
	char figures[3][96], a[48], list[300] = "";
	size_t n = 0;

	if (!planner_whatif_any(w))
		return;
	if (w->has_coachees) {
		const struct msg_arg args[] = { { "coachees",
			                          id_text(w->coachees, a, sizeof(a)) } };
		char *t = msg_format(lang, "planner.capacity.assumed_coachees", args, 1);
		snprintf(figures[n++], sizeof(figures[0]), "%s", t ? t : "");
		free(t);
	}
	if (w->has_target) {
		const struct msg_arg args[] = { { "target", num(lang, w->target_hours, a, 48) } };
		char *t = msg_format(lang, "planner.capacity.assumed_target", args, 1);
		snprintf(figures[n++], sizeof(figures[0]), "%s", t ? t : "");
		free(t);
	}
	if (w->has_hours) {
		const struct msg_arg args[] = { { "hours", num(lang, w->hours_per_week, a, 48) } };
		char *t = msg_format(lang, "planner.capacity.assumed_hours", args, 1);
		snprintf(figures[n++], sizeof(figures[0]), "%s", t ? t : "");
		free(t);
	}
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(list);
		snprintf(list + len, sizeof(list) - len, "%s%s", i ? ", " : "", figures[i]);
	}
	SAY(lang, "planner.capacity.assumed", { "figures", list });
}

static void capacity_text(const struct domain *d, enum msg_lang lang, const struct capacity_plan *p)
{
	char a[8][48];

	SAY(lang, "planner.capacity.title", { "today", d->today });
	print_assumed(lang, &p->whatif);
	if (!p->n) {
		putchar('\n');
		say(lang, "planner.capacity.none", NULL, 0);
	}
	for (size_t i = 0; i < p->n; i++) {
		const struct capacity_row *r = &p->rows[i];
		putchar('\n');
		SAY(lang, "planner.capacity.manager", { "name", r->name },
		    { "person", id_text(r->person, a[0], 48) },
		    { "coach", id_text(r->coach, a[1], 48) });
		fputs("  ", stdout);
		SAY(lang, "planner.capacity.needed", { "coachees", id_text(r->coachees, a[0], 48) },
		    { "target", num(lang, r->target, a[1], 48) },
		    { "needed", num(lang, r->needed, a[2], 48) });
		fputs("  ", stdout);
		SAY(lang, "planner.capacity.available",
		    { "hours_week", num(lang, r->hours_per_week, a[0], 48) },
		    { "available", num(lang, r->available, a[1], 48) });
		fputs("  ", stdout);
		if (r->shortfall <= 0) {
			SAY(lang, "planner.capacity.fits",
			    { "spare", num(lang, r->available - r->needed, a[0], 48) });
		} else {
			SAY(lang, "planner.capacity.shortfall",
			    { "shortfall", num(lang, r->shortfall, a[0], 48) },
			    { "shortfall_week", num(lang, r->shortfall * 12.0 / 52.0, a[1], 48) });
			fputs("  ", stdout);
			if (!r->ntasks) {
				say(lang, "planner.capacity.notasks", NULL, 0);
			} else if (r->closes) {
				SAY(lang, "planner.capacity.delegate",
				    { "freed", num(lang, r->freed, a[0], 48) });
				print_tasks(lang, r, true);
			} else {
				SAY(lang, "planner.capacity.nodelegation",
				    { "count", id_text((int64_t)r->ntasks, a[0], 48) },
				    { "freed", num(lang, r->freed, a[1], 48) });
			}
		}
		/* The tasks not chosen: still candidates when no delegation is needed or possible.
		 */
		bool others = false;
		for (size_t t = 0; t < r->ntasks; t++)
			others |= !r->tasks[t].chosen;
		if (others) {
			fputs("  ", stdout);
			say(lang,
			    r->shortfall > 0 && r->closes ? "planner.capacity.other_tasks"
			                                  : "planner.capacity.spare_tasks",
			    NULL, 0);
			print_tasks(lang, r, false);
		}
		fputs("  ", stdout);
		SAY(lang, "planner.capacity.max_span",
		    { "max_span", id_text(r->max_span, a[0], 48) },
		    { "target", num(lang, r->target, a[1], 48) },
		    { "span", id_text(r->span, a[2], 48) },
		    { "coachees", id_text(r->coachees, a[3], 48) });
		if (r->shortfall > 0 && r->coachees > r->max_span) {
			fputs("  ", stdout);
			SAY(lang, "planner.capacity.reduce_span",
			    { "max_span", id_text(r->max_span, a[0], 48) },
			    { "fewer", id_text(r->coachees - r->max_span, a[1], 48) });
		}
	}
}

static int capacity_command(struct cli *c, int argc, char **argv)
{
	struct plan_opts o = { 0 };
	struct capacity_plan plan = { 0 };
	struct capacity_whatif whatif = { 0 };
	struct sc_error err;
	enum msg_lang lang;
	int64_t manager = 0;
	int rc;

	if ((rc = parse(c, "plan", argc, argv, &o)))
		return rc;
	if (o.help) {
		usage_text(c, "plan");
		return CLI_OK;
	}
	if (o.manager && (rc = parse_id("manager", o.manager, &manager)))
		return rc;
	if ((rc = cli_open(c)) || (rc = pick_lang(c, &lang)))
		return rc;
	for (size_t i = 0; i < ARRAY_SIZE(whatif_opts); i++)
		if (o.whatif[i] && planner_whatif_set(lang, &whatif, whatif_opts[i].key,
		                                      whatif_opts[i].name, o.whatif[i], &err))
			return cli_fail(&err);
	if (planner_capacity_whatif(&c->dom, manager, &whatif, &plan, &err)) {
		capacity_plan_release(&plan);
		return cli_fail(&err);
	}
	if (c->json)
		dump(planner_capacity_json(&c->dom, &plan));
	else
		capacity_text(&c->dom, lang, &plan);
	capacity_plan_release(&plan);
	return CLI_OK;
}

/* ---- incentive ----------------------------------------------------------------------------- */

static void incentive_text(enum msg_lang lang, const struct incentive_result *r)
{
	char a[8][48];

	SAY(lang, "planner.incentive.title", { "name", r->name },
	    { "coach", id_text(r->coach, a[0], 48) }, { "month", r->month });
	SAY(lang, r->plan_ends_on[0] ? "planner.incentive.plan" : "planner.incentive.plan_open",
	    { "plan", id_text(r->plan, a[0], 48) }, { "starts_on", r->plan_starts_on },
	    { "ends_on", r->plan_ends_on });
	putchar('\n');
	say(lang, "planner.incentive.inputs", NULL, 0);
	SAY(lang, "planner.incentive.base_quota", { "base_month", r->base_month },
	    { "base_quota", money(lang, r->base_quota, a[0], 48) });
	SAY(lang, "planner.incentive.quota", { "month", r->month },
	    { "quota", money(lang, r->quota, a[0], 48) });
	SAY(lang, "planner.incentive.hours", { "month", r->month },
	    { "hours", num(lang, r->coaching_hours, a[0], 48) },
	    { "sessions", id_text(r->sessions, a[1], 48) },
	    { "selling_hours", num(lang, r->selling_hours, a[2], 48) });
	if (r->has_attainment)
		SAY(lang, "planner.incentive.attainment", { "month", r->month },
		    { "attainment", num(lang, r->attainment_pct, a[0], 48) },
		    { "people", id_text(r->coachees_with_result, a[1], 48) },
		    { "coachees", id_text(r->coachees, a[2], 48) });
	else
		SAY(lang, "planner.incentive.no_attainment", { "month", r->month });
	SAY(lang, "planner.incentive.bonus_terms",
	    { "share", num(lang, r->bonus_share_pct, a[0], 48) },
	    { "base_bonus", money(lang, r->base_bonus, a[1], 48) },
	    { "floor", num(lang, r->floor_pct, a[2], 48) },
	    { "cap", num(lang, r->cap_pct, a[3], 48) });
	putchar('\n');
	if (r->has_pct)
		SAY(lang, "planner.incentive.reduction_pct",
		    { "reduction", money(lang, r->reduction, a[0], 48) },
		    { "pct", num(lang, r->plan_pct, a[1], 48) });
	else
		SAY(lang, "planner.incentive.reduction_hours",
		    { "reduction", money(lang, r->reduction, a[0], 48) },
		    { "hours", num(lang, r->coaching_hours, a[1], 48) },
		    { "selling_hours", num(lang, r->selling_hours, a[2], 48) },
		    { "pct", num(lang, r->reduction_pct, a[3], 48) });
	SAY(lang, "planner.incentive.implied",
	    { "implied", money(lang, r->implied_quota, a[0], 48) });
	if (r->reduced)
		SAY(lang, "planner.incentive.reduced", { "quota", money(lang, r->quota, a[0], 48) },
		    { "applied", money(lang, r->applied, a[1], 48) });
	else
		SAY(lang, "planner.incentive.not_reduced",
		    { "quota", money(lang, r->quota, a[0], 48) },
		    { "gap", money(lang, r->quota - r->implied_quota, a[1], 48) },
		    { "implied", money(lang, r->implied_quota, a[2], 48) });
	if (!r->has_attainment)
		SAY(lang, "planner.incentive.bonus_unknown", { "month", r->month });
	else if (r->attainment_pct < r->floor_pct)
		SAY(lang, "planner.incentive.bonus_floor",
		    { "attainment", num(lang, r->attainment_pct, a[0], 48) },
		    { "floor", num(lang, r->floor_pct, a[1], 48) });
	else
		SAY(lang, "planner.incentive.bonus",
		    { "share", num(lang, r->bonus_share_pct, a[0], 48) },
		    { "base_bonus", money(lang, r->base_bonus, a[1], 48) },
		    { "counted", num(lang, fmin(r->attainment_pct, r->cap_pct), a[2], 48) },
		    { "bonus", money(lang, r->bonus, a[3], 48) });
}

static int incentive_command(struct cli *c, int argc, char **argv)
{
	struct plan_opts o = { 0 };
	struct incentive_result r;
	struct sc_error err;
	enum msg_lang lang;
	int64_t coach = 0;
	int rc;

	if ((rc = parse(c, "incentive", argc, argv, &o)))
		return rc;
	if (o.help) {
		usage_text(c, "incentive");
		return CLI_OK;
	}
	if (!o.coach)
		return cli_refuse("cli.plan.incentive_coach", NULL, 0);
	if ((rc = cli_open(c)) || (rc = pick_lang(c, &lang)))
		return rc;
	if (domain_coach_ref(&c->dom, "--coach", o.coach, &coach, &err))
		return cli_fail(&err);
	/* Without --month: the last complete month, whose figures no longer change. */
	char first[TU_DATE_LEN], last_month[TU_MONTH_LEN];
	snprintf(first, sizeof(first), "%.7s-01", c->dom.today);
	tu_date_add(first, -1, first);
	snprintf(last_month, sizeof(last_month), "%.7s", first);
	if (planner_incentive(&c->dom, coach, o.month ? o.month : last_month, &r, &err))
		return cli_fail(&err);
	if (c->json)
		dump(planner_incentive_json(&r));
	else
		incentive_text(lang, &r);
	return CLI_OK;
}

/* ---- leadership ---------------------------------------------------------------------------- */

#define LCOLS 8
#define LCELL 256

static void leadership_text(const struct domain *d, enum msg_lang lang,
                            const struct leadership_list *l)
{
	static const char *const head[LCOLS] = {
		"planner.leadership.head.rank",       "planner.leadership.head.coach",
		"planner.leadership.head.score",      "planner.leadership.head.coachees",
		"planner.leadership.head.feedback",   "planner.leadership.head.change",
		"planner.leadership.head.regularity", "planner.leadership.head.readiness"
	};
	const char *unknown = msg_text(lang, "planner.leadership.unknown");
	char a[4][48], months[16];
	size_t rows = l->n + 1;
	char ***cells = calloc(rows, sizeof(*cells));

	SAY(lang, "planner.leadership.title", { "today", d->today });
	putchar('\n');
	if (!l->n) {
		say(lang, "planner.leadership.none", NULL, 0);
		free(cells);
		return;
	}
	for (size_t r = 0; cells && r < rows; r++) {
		cells[r] = calloc(LCOLS, sizeof(**cells));
		for (size_t k = 0; cells[r] && k < LCOLS; k++)
			cells[r][k] = calloc(1, LCELL);
	}
	for (size_t r = 0; cells && r < rows; r++) {
		for (size_t k = 0; k < LCOLS; k++)
			if (!cells[r] || !cells[r][k])
				goto out;
	}
	for (size_t k = 0; cells && k < LCOLS; k++)
		snprintf(cells[0][k], LCELL, "%s", msg_text(lang, head[k]));
	for (size_t i = 0; cells && i < l->n; i++) {
		const struct leadership_row *r = &l->rows[i];
		char **row = cells[i + 1];
		snprintf(row[0], LCELL, "%d", r->rank);
		snprintf(row[1], LCELL, "%s (%" PRId64 ")", r->name, r->coach);
		snprintf(row[2], LCELL, "%s", msg_number(lang, r->score, 1, a[0], 48));
		snprintf(row[3], LCELL, "%" PRId64, r->coachees);
		if (r->has_feedback)
			snprintf(row[4], LCELL, "%s (%" PRId64 ", %" PRId64 ")",
			         msg_number(lang, r->feedback, 2, a[0], 48), r->feedback_people,
			         r->feedback_answers);
		else
			snprintf(row[4], LCELL, "%s", unknown);
		if (r->has_change)
			snprintf(row[5], LCELL, "%s%s (%" PRId64 ")", r->change_pts > 0 ? "+" : "",
			         msg_number(lang, r->change_pts, 1, a[0], 48), r->change_people);
		else
			snprintf(row[5], LCELL, "%s", unknown);
		snprintf(months, sizeof(months), "%" PRId64 "/%" PRId64, r->months_met, r->months);
		if (r->has_regularity)
			snprintf(row[6], LCELL, "%s %% (%s)",
			         msg_number(lang, r->regularity_pct, 0, a[0], 48), months);
		else
			snprintf(row[6], LCELL, "%s", unknown);
		if (r->has_readiness)
			snprintf(row[7], LCELL, "%s (%" PRId64 ", %s)",
			         msg_number(lang, r->readiness_mean, 2, a[0], 48),
			         r->readiness_lowest, r->readiness_on);
		else
			snprintf(row[7], LCELL, "%s", unknown);
	}
	if (cells)
		out_grid(cells, rows, LCOLS, stdout);
	putchar('\n');
	say(lang, "planner.leadership.formula", NULL, 0);
	say(lang, "planner.leadership.feedback", NULL, 0);
	snprintf(a[1], 48, "%d", l->impact_months);
	SAY(lang, "planner.leadership.change", { "months", a[1] });
	say(lang, "planner.leadership.regularity", NULL, 0);
	say(lang, "planner.leadership.readiness", NULL, 0);
	say(lang, "planner.leadership.missing", NULL, 0);
out:
	for (size_t r = 0; cells && r < rows; r++) {
		for (size_t k = 0; cells[r] && k < LCOLS; k++)
			free(cells[r][k]);
		free(cells[r]);
	}
	free(cells);
}

static int leadership_command(struct cli *c, int argc, char **argv)
{
	struct plan_opts o = { 0 };
	struct leadership_list list = { 0 };
	struct sc_error err;
	enum msg_lang lang;
	int rc;

	if ((rc = parse(c, "leadership", argc, argv, &o)))
		return rc;
	if (o.help) {
		usage_text(c, "leadership");
		return CLI_OK;
	}
	if ((rc = cli_open(c)) || (rc = pick_lang(c, &lang)))
		return rc;
	if (planner_leadership(&c->dom, &list, &err)) {
		leadership_list_release(&list);
		return cli_fail(&err);
	}
	if (c->json)
		dump(planner_leadership_json(&c->dom, &list));
	else
		leadership_text(&c->dom, lang, &list);
	leadership_list_release(&list);
	return CLI_OK;
}

int cli_plan_command(struct cli *c, const char *noun, int argc, char **argv)
{
	if (!strcmp(noun, "plan"))
		return capacity_command(c, argc, argv);
	if (!strcmp(noun, "incentive"))
		return incentive_command(c, argc, argv);
	return leadership_command(c, argc, argv);
}
