/*
 * cli_alerts.c - `salescoach alerts`: the pitfall monitor on the command
 * line, and `alerts ack` to acknowledge an alert.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "cli/cli.h"
#include "rules/rules.h"
#include "domain/settings.h"

static void help(struct cli *c)
{
	size_t n;
	const struct rule_def *rules = rules_all(&n);

	fputs(cli_help_text(c, "help.alerts"), stdout);
	for (size_t i = 0; i < n; i++) {
		char models[64] = "";
		for (size_t m = 0; rules_models()[m]; m++)
			if (rules[i].models & (1u << m))
				snprintf(models + strlen(models), sizeof(models) - strlen(models),
				         "%s%s", *models ? ", " : "", rules_models()[m]);
		printf("  %-30s %s\n", rules[i].id, models);
	}
	fputs(cli_help_text(c, "help.alerts.exit"), stdout);
	fputs(cli_help_text(c, "export.title"), stdout);
	fputs(cli_help_text(c, "export.help"), stdout);
}

static enum msg_lang org_lang(struct cli *c)
{
	enum msg_lang out = MSG_EN;
	char locale[16];
	struct sc_error err;

	if (c->lang_set) /* --lang, moved before the command (cli.c) */
		return c->lang;
	if (!settings_get(c->store, c->org.id, "locale", locale, sizeof(locale), &err))
		msg_lang_parse(locale, &out);
	return out;
}

/* The alerts for people; times in tz, the organisation's zone, as every table shows them. */
/* The spaces after s that fill it to w display columns (UTF-8: one a character). */
static int pad_to(const char *s, int w)
{
	int n = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		n += (*p & 0xc0) != 0x80;
	return n < w ? w - n : 0;
}

static void print_text(const struct alert_list *list, enum msg_lang lang, const char *tz)
{
	size_t by[3] = { 0 };

	for (size_t i = 0; i < list->n; i++) {
		const struct alert *a = &list->items[i];
		char id[64];
		snprintf(id, sizeof(id), "alerts.severity.%s", alert_severity_name(a->severity));
		by[a->severity]++;
		printf("%-8s %s  [%s]  %s\n", msg_text(lang, id), a->rule,
		       cli_model(lang, a->model), a->id);
		printf("  %s\n", a->summary);
		printf("  %s %s\n", msg_text(lang, "alerts.next_step"), a->mitigation);
		char at[TU_DISPLAY_LEN];
		if (a->acknowledged)
			printf("  %s %s (%s, %s)\n", msg_text(lang, "alerts.acknowledged"),
			       a->ack_reason, a->ack_by,
			       tu_format_local(a->ack_at, tz, at) ? at : a->ack_at);
		printf("\n");
	}
	char n[24], e[24], w[24], f[24], q[24];
	snprintf(n, sizeof(n), "%zu", list->n);
	snprintf(e, sizeof(e), "%zu", by[SEV_ERROR]);
	snprintf(w, sizeof(w), "%zu", by[SEV_WARNING]);
	snprintf(f, sizeof(f), "%zu", by[SEV_INFO]);
	snprintf(q, sizeof(q), "%zu", list->quiet);
	struct msg_arg args[] = {
		{ "alerts", n }, { "errors", e }, { "warnings", w }, { "infos", f }, { "quiet", q }
	};
	char *line = msg_format(lang, list->n ? "alerts.total" : "alerts.none", args, 5);
	printf("%s\n", line ? line : "");
	free(line);
	if (list->quiet) {
		line = msg_format(lang, "alerts.quiet", args, 5);
		printf("%s\n", line ? line : "");
		free(line);
	}
}

static int ack(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { "reason", required_argument, NULL, 'r' },
		                              { "help", no_argument, NULL, 'h' },
		                              { NULL, 0, NULL, 0 } };
	const char *reason = NULL;
	struct sc_error err;
	int ch, rc;

	optind = 0;
	opterr = 0;
	while ((ch = cli_getopt(argc, argv, ":h", opts)) != -1) {
		if (ch == 'r') {
			reason = optarg;
		} else if (ch == 'h') {
			fputs(cli_help_text(c, "help.alerts.ack"), stdout);
			return CLI_OK;
		} else if (ch == ':') {
			return cli_refuse("cli.cmd.needs_value_in",
			                  CLI_ARGS({ "command", "alerts ack" },
			                           { "option", argv[optind - 1] }));
		} else {
			return cli_refuse("cli.cmd.unknown_option_see",
			                  CLI_ARGS({ "command", "alerts ack" },
			                           { "option", argv[optind - 1] }));
		}
	}
	if (optind != argc - 1)
		return cli_refuse("cli.alerts.ack_one", NULL, 0);
	if (!reason || !*reason)
		return cli_refuse("cli.alerts.ack_reason", NULL, 0);
	if ((rc = cli_open(c)))
		return rc;
	if (rules_ack(&c->dom, argv[optind], reason, &err))
		return cli_fail(&err);
	cli_say(stdout, "cli.alerts.acknowledged", CLI_ARGS({ "alert", argv[optind] }));
	return CLI_OK;
}

/* The alerts per rule, per model and per team: keys and counts, in first-seen order. */
#define TALLY_MAX 512
struct tally {
	const char *key[TALLY_MAX];
	int64_t team[TALLY_MAX];
	size_t n[TALLY_MAX], len;
};

static void tally_add(struct tally *t, const char *key, int64_t team)
{
	size_t i = 0;

	while (i < t->len && (key ? strcmp(t->key[i], key) != 0 : t->team[i] != team))
		i++;
	if (i == t->len) {
		if (t->len == TALLY_MAX)
			return;
		t->key[i] = key;
		t->team[i] = team;
		t->n[t->len++] = 0;
	}
	t->n[i]++;
}

struct summary {
	struct tally rules, models, teams;
	char names[TALLY_MAX][200]; /* the teams' names */
};

static void summarise(struct cli *c, const struct alert_list *list, struct summary *s)
{
	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < list->n; i++) {
		tally_add(&s->rules, list->items[i].rule, 0);
		tally_add(&s->models, list->items[i].model, 0);
		tally_add(&s->teams, NULL, list->items[i].team);
	}
	for (size_t i = 0; i < s->teams.len; i++) {
		struct record *team = NULL;
		if (s->teams.team[i] &&
		    !store_get(c->store, c->org.id, entity_get(E_TEAM), s->teams.team[i], &team,
		               NULL) &&
		    team)
			snprintf(s->names[i], sizeof(s->names[i]), "%s", record_text(team, "name"));
		record_free(&team);
	}
}

static void print_summary(const struct summary *s, enum msg_lang lang)
{
	const struct tally *t[] = { &s->rules, &s->models, &s->teams };
	const char *head[] = { "alerts.summary.by_rule", "alerts.summary.by_model",
		               "alerts.summary.by_team" };

	for (size_t k = 0; k < 3; k++) {
		printf("%s\n", msg_text(lang, head[k]));
		for (size_t i = 0; i < t[k]->len; i++) {
			char key[240];
			if (k == 0)
				snprintf(key, sizeof(key), "%s", t[k]->key[i]);
			else if (k == 1)
				snprintf(key, sizeof(key), "%s", cli_model(lang, t[k]->key[i]));
			else if (!t[k]->team[i])
				snprintf(key, sizeof(key), "%s",
				         msg_text(lang, "alerts.summary.no_team"));
			else
				snprintf(key, sizeof(key), "%s (%" PRId64 ")", s->names[i],
				         t[k]->team[i]);
			printf("  %s%*s %zu\n", key, pad_to(key, 40), "", t[k]->n[i]);
		}
	}
	printf("\n");
}

static json_t *summary_json(const struct summary *s)
{
	json_t *rules = json_object(), *models = json_object(), *teams = json_array();

	for (size_t i = 0; i < s->rules.len; i++)
		json_object_set_new(rules, s->rules.key[i],
		                    json_integer((json_int_t)s->rules.n[i]));
	for (size_t i = 0; i < s->models.len; i++)
		json_object_set_new(models, s->models.key[i],
		                    json_integer((json_int_t)s->models.n[i]));
	for (size_t i = 0; i < s->teams.len; i++)
		json_array_append_new(
		        teams, s->teams.team[i]
		                       ? json_pack("{sI ss sI}", "id", (json_int_t)s->teams.team[i],
		                                   "name", s->names[i], "alerts",
		                                   (json_int_t)s->teams.n[i])
		                       : json_pack("{sn sn sI}", "id", "name", "alerts",
		                                   (json_int_t)s->teams.n[i]));
	return json_pack("{so so so}", "rules", rules, "models", models, "teams", teams);
}

static int print_alerts(struct cli *c, struct alert_list *list, enum msg_lang ml, bool summary,
                        const struct cli_out *out)
{
	static struct summary s;

	if (out->fmt == EXPORT_CSV || out->fmt == EXPORT_XLSX) {
		json_t *j = rules_json(list);
		struct sc_error err;
		int rc;
		if (!j || export_json_compact(json_object_get(j, "alerts"), "facts", &err))
			rc = cli_nomem();
		else
			rc = cli_out_export(c, out, "alerts", NULL, NULL,
			                    json_object_get(j, "alerts"));
		json_decref(j);
		return rc;
	}
	if (summary)
		summarise(c, list, &s);
	if (c->json) {
		json_t *j = rules_json(list);
		if (!j)
			return cli_nomem();
		if (summary)
			json_object_set_new(j, "summary", summary_json(&s));
		json_dumpf(j, stdout,
		           JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
		printf("\n");
		json_decref(j);
	} else {
		if (summary && list->n)
			print_summary(&s, ml);
		print_text(list, ml, c->dom.tz);
	}
	return CLI_OK;
}

int cli_alerts(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { "team", required_argument, NULL, 't' },
		                              { "model", required_argument, NULL, 'm' },
		                              { "rule", required_argument, NULL, 'r' },
		                              { "all", no_argument, NULL, 'a' },
		                              { "json", no_argument, NULL, 'j' },
		                              { "summary", no_argument, NULL, 's' },
		                              { "help", no_argument, NULL, 'h' },
		                              { "format", required_argument, NULL, 'F' },
		                              { "output", required_argument, NULL, 'o' },
		                              { NULL, 0, NULL, 0 } };
	struct cli_out out = { 0 };
	bool summary = false;
	struct alert_filter f = { 0 };
	struct alert_list list = { 0 };
	struct sc_error err;
	enum msg_lang ml;
	int ch, rc;

	if (argc > 1 && !strcmp(argv[1], "ack"))
		return ack(c, argc - 1, argv + 1);
	optind = 0;
	opterr = 0;
	while ((ch = cli_getopt(argc, argv, ":ho:", opts)) != -1) {
		switch (ch) {
		case 'F':
			out.format = optarg;
			break;
		case 'o':
			out.path = optarg;
			break;
		case 't': {
			int64_t v;
			if (!text_whole(optarg, 1, INT64_MAX, &v))
				return cli_refuse("cli.alerts.bad_team",
				                  CLI_ARGS({ "text", optarg }));
			f.team = v;
			break;
		}
		case 'm':
			f.model = optarg;
			break;
		case 'r':
			f.rule = optarg;
			break;
		case 'a':
			f.all = true;
			break;
		case 'j':
			c->json = true;
			break;
		case 's':
			summary = true;
			break;
		case 'h':
			help(c);
			return CLI_OK;
		case ':':
			return cli_refuse(
			        "cli.cmd.needs_value_in",
			        CLI_ARGS({ "command", "alerts" }, { "option", argv[optind - 1] }));
		default:
			return cli_refuse(
			        "cli.cmd.unknown_option_see",
			        CLI_ARGS({ "command", "alerts" }, { "option", argv[optind - 1] }));
		}
	}
	if (optind < argc)
		return cli_refuse("cli.cmd.unexpected_see",
		                  CLI_ARGS({ "command", "alerts" }, { "arg", argv[optind] }));
	if ((rc = cli_out_check(c, &out, "alerts.xlsx")) || (rc = cli_open(c)))
		return rc;
	ml = org_lang(c);
	if (rules_evaluate(&c->dom, ml, &f, &list, &err))
		return cli_fail(&err);
	if (out.fmt == EXPORT_CSV || out.fmt == EXPORT_XLSX)
		rc = print_alerts(c, &list, ml, summary, &out);
	else if ((rc = cli_out_stdout(&out)) == CLI_OK)
		rc = cli_out_stdout_end(&out, print_alerts(c, &list, ml, summary, &out));
	alert_list_release(&list);
	return rc;
}
