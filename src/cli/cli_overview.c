/*
 * cli_overview.c - `salescoach overview`: the organisation at a glance, one
 * row per programme. What it shows is report_view's to decide, as for the
 * API's programme report: an administrator every programme's activity, an
 * executive or a manager the report's aggregates, anyone else nothing.
 */
#include "cli/cli.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/msg.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "plan/report.h"
#include "rules/rules.h"

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

/* One programme's row: what the table and --json show of it. */
struct prog_row {
	const struct record *prog;
	struct record *team; /* owned; NULL when not found */
	size_t coaches, coachees;
	int64_t held; /* sessions held in the last 30 days */
	int coverage; /* % of active coachees with a held session in them */
};

/* Count the distinct coaches of asg, however many there are. */
static size_t distinct_coaches(const struct record_list *asg)
{
	size_t n = 0;
	for (size_t a = 0; a < asg->n; a++) {
		int64_t coach = record_int(asg->items[a], "coach");
		bool seen = false;
		for (size_t k = 0; k < a && !seen; k++)
			seen = record_int(asg->items[k], "coach") == coach;
		n += !seen;
	}
	return n;
}

/* Fill row for prog: its team, coaches, active coachees and sessions held since since_utc. */
static void programme_row(struct cli *c, const struct record *prog, const char *since_utc,
                          const char *now, struct prog_row *row)
{
	struct record_list asg = { 0 };
	struct filter fa[2] = { { fx(E_ASSIGNMENT, "programme"), FO_EQ, prog->id, 0, NULL },
		                { fx(E_ASSIGNMENT, "status"), FO_EQ, 0, 0, "active" } };
	struct list_opts lo = { fa, 2, FILTER_ID, false, 0, 0 };
	int64_t covered = 0;

	memset(row, 0, sizeof(*row));
	row->prog = prog;
	store_list(c->store, c->org.id, entity_get(E_ASSIGNMENT), &lo, &asg, NULL);
	store_get(c->store, c->org.id, entity_get(E_TEAM), record_int(prog, "team"), &row->team,
	          NULL);
	for (size_t a = 0; a < asg.n; a++) {
		struct filter fs[4] = { { fx(E_SESSION, "assignment"), FO_EQ, asg.items[a]->id, 0,
			                  NULL },
			                { fx(E_SESSION, "status"), FO_EQ, 0, 0, "held" },
			                { fx(E_SESSION, "at"), FO_GE, 0, 0, since_utc },
			                { fx(E_SESSION, "at"), FO_LE, 0, 0, now } };
		int64_t n = count_where(c, E_SESSION, fs, 4);
		row->held += n;
		covered += n > 0;
	}
	row->coaches = distinct_coaches(&asg);
	row->coachees = asg.n;
	row->coverage = asg.n ? (int)(100 * covered / (int64_t)asg.n) : 0;
	record_list_release(&asg);
}

static json_t *row_json(const struct prog_row *r)
{
	const char *team = r->team ? record_text(r->team, "name") : "";
	return json_pack("{sI ss ss ss ss sI sI sI sI}", "id", (json_int_t)r->prog->id, "team",
	                 team, "model", record_text(r->prog, "model"), "starts_on",
	                 record_text(r->prog, "starts_on"), "ends_on",
	                 record_text(r->prog, "ends_on"), "coaches", (json_int_t)r->coaches,
	                 "active_coachees", (json_int_t)r->coachees, "sessions_held_30d",
	                 (json_int_t)r->held, "coverage_pct", (json_int_t)r->coverage);
}

enum { CELL = 128 };

/* rows x cols empty cells of CELL bytes for out_grid; NULL when out of memory. */
static char ***cells_new(size_t rows, size_t cols)
{
	char ***cells = calloc(rows, sizeof(*cells));
	bool ok = cells != NULL;

	for (size_t r = 0; ok && r < rows; r++) {
		ok = (cells[r] = calloc(cols, sizeof(**cells))) != NULL;
		for (size_t k = 0; ok && k < cols; k++)
			ok = (cells[r][k] = calloc(1, CELL)) != NULL;
	}
	if (ok)
		return cells;
	for (size_t r = 0; cells && r < rows; r++) {
		for (size_t k = 0; cells[r] && k < cols; k++)
			free(cells[r][k]);
		free(cells[r]);
	}
	free(cells);
	return NULL;
}

/* Print the cells as a table on stdout and free them. */
static void cells_print(char ***cells, size_t rows, size_t cols)
{
	if (!cells) {
		fputs("salescoach: out of memory for the table\n", stderr);
		return;
	}
	out_grid(cells, rows, cols, stdout);
	for (size_t r = 0; r < rows; r++) {
		for (size_t k = 0; k < cols; k++)
			free(cells[r][k]);
		free(cells[r]);
	}
	free(cells);
}

/* The programmes as a table on stdout, with a header row. */
static void print_rows(enum msg_lang lang, const struct prog_row *rows, size_t n)
{
	enum { COLS = 8 };
	static const char *const head[COLS] = {
		"overview.col.programme", "overview.col.team",     "overview.col.model",
		"overview.col.runs",      "overview.col.coaches",  "overview.col.coachees",
		"overview.col.held30",    "overview.col.coverage",
	};
	char ***cells = cells_new(n + 1, COLS);
	bool ok = cells != NULL;

	for (size_t k = 0; ok && k < COLS; k++)
		snprintf(cells[0][k], CELL, "%s", msg_text(lang, head[k]));
	for (size_t p = 0; ok && p < n; p++) {
		const struct prog_row *r = &rows[p];
		const char *name = record_text(r->prog, "name");
		char **row = cells[p + 1];
		snprintf(row[0], CELL, "%" PRId64 "%s%s", r->prog->id, name ? " " : "",
		         name ? name : "");
		snprintf(row[1], CELL, "%s", r->team ? record_text(r->team, "name") : "?");
		snprintf(row[2], CELL, "%s", cli_model(lang, record_text(r->prog, "model")));
		snprintf(row[3], CELL, "%s..%s", record_text(r->prog, "starts_on"),
		         record_text(r->prog, "ends_on"));
		snprintf(row[4], CELL, "%zu", r->coaches);
		snprintf(row[5], CELL, "%zu", r->coachees);
		snprintf(row[6], CELL, "%" PRId64, r->held);
		snprintf(row[7], CELL, "%d%%", r->coverage);
	}
	cells_print(cells, n + 1, COLS);
}

/* The organisation's totals: people, teams, coaches, sessions ahead, overdue action items. */
struct totals {
	int64_t people, teams, coaches, upcoming, overdue;
};

static void count_totals(struct cli *c, const char *now, struct totals *t)
{
	struct filter active = { fx(E_PERSON, "active"), FO_EQ, 1, 0, NULL };
	struct filter planned[2] = { { fx(E_SESSION, "status"), FO_EQ, 0, 0, "planned" },
		                     { fx(E_SESSION, "at"), FO_GE, 0, 0, now } };
	struct filter open_actions[2] = { { fx(E_ACTION, "done_on"), FO_NULL, 0, 0, NULL },
		                          { fx(E_ACTION, "due_on"), FO_LT, 0, 0, c->dom.today } };

	t->people = count_where(c, E_PERSON, &active, 1);
	t->teams = count_where(c, E_TEAM, NULL, 0);
	t->coaches = count_where(c, E_COACH, NULL, 0);
	t->upcoming = count_where(c, E_SESSION, planned, 2);
	t->overdue = count_where(c, E_ACTION, open_actions, 2);
}

static void print_overview(struct cli *c, const struct totals *t, const struct prog_row *rows,
                           size_t n)
{
	enum msg_lang lang = c->dom.lang;
	char people[24], teams[24], coaches[24], planned[24], overdue[24];

	snprintf(people, sizeof(people), "%" PRId64, t->people);
	snprintf(teams, sizeof(teams), "%" PRId64, t->teams);
	snprintf(coaches, sizeof(coaches), "%" PRId64, t->coaches);
	snprintf(planned, sizeof(planned), "%" PRId64, t->upcoming);
	snprintf(overdue, sizeof(overdue), "%" PRId64, t->overdue);
	struct msg_arg args[] = { { "people", people },
		                  { "teams", teams },
		                  { "coaches", coaches },
		                  { "planned", planned },
		                  { "overdue", overdue } };
	char *line = msg_format(lang, "overview.activity.totals", args, ARRAY_SIZE(args));
	printf("%s — %s (%s)\n\n%s\n\n", c->org.name, c->dom.today, c->dom.tz, line ? line : "");
	free(line);
	if (!n)
		printf("%s\n", msg_text(lang, "overview.activity.none"));
	else
		print_rows(lang, rows, n);
	printf("\n%s\n", msg_text(lang, "overview.activity.coverage"));
}

static int json_overview(struct cli *c, const struct totals *t, const struct prog_row *rows,
                         size_t n, json_t *alerts)
{
	json_t *progs = json_array();
	for (size_t p = 0; progs && p < n; p++)
		json_array_append_new(progs, row_json(&rows[p]));
	json_t *obj =
	        json_pack("{ss ss ss ss sI sI sI sI sI so}", "organisation", c->org.name, "slug",
	                  c->org.slug, "today", c->dom.today, "view", "activity", "active_people",
	                  (json_int_t)t->people, "teams", (json_int_t)t->teams, "coaches",
	                  (json_int_t)t->coaches, "planned_sessions", (json_int_t)t->upcoming,
	                  "overdue_actions", (json_int_t)t->overdue, "programmes", progs);
	if (!obj)
		return cli_nomem();
	if (alerts)
		json_object_set(obj, "alerts", alerts);
	json_dumpf(obj, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(obj);
	return CLI_OK;
}

/* ---- the alerts, by severity and rule, for whoever may read alerts ----------------------- */

/*
 * The alerts the actor may read, counted per severity (most severe first) and rule, in *out;
 * *out stays NULL when the domain says they may not read alerts (an executive), so that the
 * overview says nothing about alerts, as the API.
 */
static enum sc_result alert_counts(struct cli *c, json_t **out, struct sc_error *err)
{
	static const enum alert_severity order[] = { SEV_ERROR, SEV_WARNING, SEV_INFO };
	struct alert_filter f = { 0 };
	struct alert_list list = { 0 };
	enum sc_result rc = domain_access_alerts(&c->dom, err);

	*out = NULL;
	if (rc == SC_FORBIDDEN)
		return SC_OK;
	if (rc || (rc = rules_evaluate(&c->dom, c->dom.lang, &f, &list, err)))
		return rc;
	json_t *by = json_object();
	for (size_t s = 0; by && s < ARRAY_SIZE(order); s++) {
		json_t *rules = json_object();
		for (size_t i = 0; rules && i < list.n; i++) {
			if (list.items[i].severity != order[s])
				continue;
			json_t *n = json_object_get(rules, list.items[i].rule);
			json_object_set_new(rules, list.items[i].rule,
			                    json_integer(n ? json_integer_value(n) + 1 : 1));
		}
		json_object_set_new(by, alert_severity_name(order[s]), rules);
	}
	alert_list_release(&list);
	*out = by;
	return SC_OK;
}

/* The counts of alert_counts for people; nothing when there are none to show. */
static void print_alert_counts(enum msg_lang lang, const json_t *by)
{
	const char *sev;
	json_t *rules, *n;
	size_t total = 0;

	if (!by)
		return;
	json_object_foreach((json_t *)by, sev, rules)
	{
		total += json_object_size(rules);
	}
	printf("\n%s\n", msg_text(lang, total ? "overview.alerts.title" : "overview.alerts.none"));
	json_object_foreach((json_t *)by, sev, rules)
	{
		char id[64];
		const char *rule;
		snprintf(id, sizeof(id), "alerts.severity.%s", sev);
		json_object_foreach(rules, rule, n)
		{
			printf("  %-12s %-32s %" JSON_INTEGER_FORMAT "\n", msg_text(lang, id), rule,
			       json_integer_value(n));
		}
	}
}

/* ---- the aggregate view: the programme report, for executives and managers --------------- */

/* A figure of the report as people read it in lang; "" when it is null (too few people). */
static void figure_text(enum msg_lang lang, const json_t *v, int decimals, char *buf)
{
	if (json_is_number(v))
		msg_number(lang, json_number_value(v), decimals, buf, CELL);
	else
		buf[0] = '\0';
}

/* Columns 4..7 of a row: the figures of fig (a programme of the report, or its total). */
static void figures_row(enum msg_lang lang, const json_t *fig, char **row)
{
	figure_text(lang, json_object_get(fig, "coachees"), 0, row[4]);
	figure_text(lang, json_object_get(fig, "sessions_held"), 0, row[5]);
	figure_text(lang, json_object_get(fig, "hours_held"), 0, row[6]);
	figure_text(lang, json_object_get(fig, "mean_feedback"), 1, row[7]);
}

static void aggregate_row(enum msg_lang lang, const json_t *p, const char *suppressed, char **row)
{
	const char *team = json_string_value(json_object_get(json_object_get(p, "team"), "name"));
	snprintf(row[0], CELL, "%" JSON_INTEGER_FORMAT,
	         json_integer_value(json_object_get(p, "id")));
	snprintf(row[1], CELL, "%s", team ? team : "");
	snprintf(row[2], CELL, "%s",
	         cli_model(lang, json_string_value(json_object_get(p, "model"))));
	snprintf(row[3], CELL, "%s..%s", json_string_value(json_object_get(p, "starts_on")),
	         json_string_value(json_object_get(p, "ends_on")));
	if (json_is_true(json_object_get(p, "suppressed")))
		snprintf(row[4], CELL, "%s", suppressed);
	else
		figures_row(lang, p, row);
}

static void print_aggregate(struct cli *c, const json_t *report)
{
	enum { COLS = 8 };
	static const char *const head[COLS] = {
		"overview.col.programme", "overview.col.team",     "overview.col.model",
		"overview.col.runs",      "overview.col.coachees", "overview.col.sessions",
		"overview.col.hours",     "overview.col.feedback",
	};
	enum msg_lang lang = c->dom.lang;
	const json_t *progs = json_object_get(report, "programmes"),
	             *rounding = json_object_get(report, "rounding");
	size_t n = json_array_size(progs);
	char k[24], days[24], cs[24], ss[24], hs[24];

	snprintf(k, sizeof(k), "%" JSON_INTEGER_FORMAT,
	         json_integer_value(json_object_get(report, "k")));
	snprintf(days, sizeof(days), "%" JSON_INTEGER_FORMAT,
	         json_integer_value(json_object_get(report, "window_days")));
	figure_text(MSG_EN, json_object_get(rounding, "coachees"), 0, cs);
	figure_text(MSG_EN, json_object_get(rounding, "sessions_held"), 0, ss);
	figure_text(MSG_EN, json_object_get(rounding, "hours_held"), 0, hs);
	struct msg_arg args[] = {
		{ "k", k },
		{ "days", days },
		{ "from", json_string_value(json_object_get(report, "from")) },
		{ "to", json_string_value(json_object_get(report, "to")) },
		{ "coachees_step", cs },
		{ "sessions_step", ss },
		{ "hours_step", hs },
	};
	char *about = msg_format(lang, "overview.aggregate.about", args, ARRAY_SIZE(args));
	char *suppressed = msg_format(lang, "overview.aggregate.suppressed", args, 1);

	printf("%s — %s (%s)\n\n%s\n\n", c->org.name, c->dom.today, c->dom.tz, about ? about : "");
	if (!n) {
		printf("%s\n", msg_text(lang, "overview.none"));
	} else {
		char ***cells = cells_new(n + 2, COLS);
		for (size_t col = 0; cells && col < COLS; col++)
			snprintf(cells[0][col], CELL, "%s", msg_text(lang, head[col]));
		for (size_t p = 0; cells && p < n; p++)
			aggregate_row(lang, json_array_get(progs, p), suppressed ? suppressed : "",
			              cells[p + 1]);
		if (cells) {
			snprintf(cells[n + 1][0], CELL, "%s", msg_text(lang, "overview.total"));
			figures_row(lang, json_object_get(report, "total"), cells[n + 1]);
		}
		cells_print(cells, n + 2, COLS);
	}
	free(about);
	free(suppressed);
}

/* Columns 1..8 of a model's row: its figures, or the reason there are none. */
static void model_row(enum msg_lang lang, const json_t *m, const char *suppressed, char **row)
{
	const json_t *acc = json_object_get(m, "acceptance"), *al = json_object_get(m, "alerts");
	const json_t *sev = json_object_get(al, "by_severity");

	snprintf(row[0], CELL, "%s",
	         cli_model(lang, json_string_value(json_object_get(m, "model"))));
	figure_text(lang, json_object_get(m, "programmes"), 0, row[1]);
	if (json_is_true(json_object_get(m, "suppressed"))) {
		snprintf(row[2], CELL, "%s", suppressed);
		return;
	}
	figure_text(lang, json_object_get(m, "coachees"), 0, row[2]);
	figure_text(lang, json_object_get(json_object_get(acc, "coachee"), "mean"), 1, row[3]);
	figure_text(lang, json_object_get(json_object_get(acc, "management"), "mean"), 1, row[4]);
	figure_text(lang, json_object_get(al, "open"), 0, row[5]);
	figure_text(lang, json_object_get(sev, "error"), 0, row[6]);
	figure_text(lang, json_object_get(sev, "warning"), 0, row[7]);
	figure_text(lang, json_object_get(sev, "info"), 0, row[8]);
}

/* A model's open alerts by rule, on one line; nothing when none is shown. */
static void print_model_rules(enum msg_lang lang, const json_t *m)
{
	const json_t *al = json_object_get(m, "alerts"), *r;
	const json_t *other = json_object_get(al, "other_rules");
	size_t i;

	/* Every rule withheld: the line would only repeat the open alerts. */
	if (!json_array_size(json_object_get(al, "by_rule")))
		return;
	printf("  %s:", cli_model(lang, json_string_value(json_object_get(m, "model"))));
	json_array_foreach(json_object_get(al, "by_rule"), i, r)
	{
		printf("%s %s %" JSON_INTEGER_FORMAT, i ? "," : "",
		       json_string_value(json_object_get(r, "rule")),
		       json_integer_value(json_object_get(r, "alerts")));
	}
	if (json_integer_value(other) > 0) {
		char n[24];
		snprintf(n, sizeof(n), "%" JSON_INTEGER_FORMAT, json_integer_value(other));
		struct msg_arg a[] = { { "n", n } };
		char *text = msg_format(lang, "overview.models.other", a, 1);
		printf("%s %s", i ? "," : "", text ? text : n);
		free(text);
	}
	printf("\n");
}

/* The report's figures per coaching model: a table, then the alerts by rule. */
static void print_models(struct cli *c, const json_t *report)
{
	enum { COLS = 9 };
	static const char *const head[COLS] = {
		"overview.col.model",
		"overview.col.programmes",
		"overview.col.coachees",
		"overview.col.acceptance_coachees",
		"overview.col.acceptance_management",
		"overview.col.open_alerts",
		"overview.col.errors",
		"overview.col.warnings",
		"overview.col.info",
	};
	enum msg_lang lang = c->dom.lang;
	const json_t *models = json_object_get(report, "models");
	size_t n = json_array_size(models);
	char k[24], min[24], days[24];

	if (!n)
		return;
	snprintf(k, sizeof(k), "%" JSON_INTEGER_FORMAT,
	         json_integer_value(json_object_get(report, "k")));
	snprintf(min, sizeof(min), "%" JSON_INTEGER_FORMAT,
	         json_integer_value(json_object_get(report, "min_answers")));
	snprintf(days, sizeof(days), "%" JSON_INTEGER_FORMAT,
	         json_integer_value(json_object_get(report, "window_days")));
	struct msg_arg args[] = { { "k", k }, { "min", min }, { "days", days } };
	char *about = msg_format(lang, "overview.models.about", args, ARRAY_SIZE(args));
	char *suppressed = msg_format(lang, "overview.aggregate.suppressed", args, 1);
	char ***cells = cells_new(n + 1, COLS);

	printf("\n%s\n\n", about ? about : "");
	for (size_t col = 0; cells && col < COLS; col++)
		snprintf(cells[0][col], CELL, "%s", msg_text(lang, head[col]));
	for (size_t m = 0; cells && m < n; m++)
		model_row(lang, json_array_get(models, m), suppressed ? suppressed : "",
		          cells[m + 1]);
	cells_print(cells, n + 1, COLS);
	for (size_t m = 0; m < n; m++)
		print_model_rules(lang, json_array_get(models, m));
	free(about);
	free(suppressed);
}

/* The overview of an executive or a manager: the programme report, as the API gives it. */
static int aggregate_overview(struct cli *c, json_t *alerts)
{
	struct sc_error err;
	json_t *report = NULL;

	if (report_programmes(&c->dom, &report, &err))
		return cli_fail(&err);
	if (!c->json) {
		print_aggregate(c, report);
		print_models(c, report);
		print_alert_counts(c->dom.lang, alerts);
		json_decref(report);
		return CLI_OK;
	}
	json_t *obj = json_pack("{ss ss ss ss}", "organisation", c->org.name, "slug", c->org.slug,
	                        "today", c->dom.today, "view", "aggregate");
	if (!obj || json_object_update(obj, report)) {
		json_decref(obj);
		json_decref(report);
		return cli_nomem();
	}
	if (alerts)
		json_object_set(obj, "alerts", alerts);
	json_dumpf(obj, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
	fputc('\n', stdout);
	json_decref(obj);
	json_decref(report);
	return CLI_OK;
}

int cli_overview(struct cli *c)
{
	struct record_list progs = { 0 };
	struct sc_error err;
	struct totals t;
	char since[TU_DATE_LEN], since_utc[TU_INSTANT_LEN], now[TU_INSTANT_LEN];
	int rc;

	enum report_view view;

	if ((rc = cli_open(c)))
		return rc;
	/* What the actor may see of every programme at once: the same decision as the API's. */
	if (report_view(&c->dom, &view, &err))
		return cli_fail(&err);
	json_t *alerts = NULL;
	if (alert_counts(c, &alerts, &err))
		return cli_fail(&err);
	if (view == REPORT_VIEW_AGGREGATE) {
		rc = aggregate_overview(c, alerts);
		json_decref(alerts);
		return rc;
	}
	tu_date_add(c->dom.today, -30, since);
	snprintf(since_utc, sizeof(since_utc), "%sT00:00:00Z", since);
	tu_now_instant(now);
	if (store_list(c->store, c->org.id, entity_get(E_PROGRAMME), NULL, &progs, &err)) {
		json_decref(alerts);
		return cli_fail(&err);
	}
	struct prog_row *rows = calloc(progs.n ? progs.n : 1, sizeof(*rows));
	if (!rows) {
		json_decref(alerts);
		record_list_release(&progs);
		return cli_nomem();
	}
	for (size_t p = 0; p < progs.n; p++)
		programme_row(c, progs.items[p], since_utc, now, &rows[p]);
	count_totals(c, now, &t);
	if (c->json)
		rc = json_overview(c, &t, rows, progs.n, alerts);
	else {
		print_overview(c, &t, rows, progs.n);
		print_alert_counts(c->dom.lang, alerts);
	}
	json_decref(alerts);
	for (size_t p = 0; p < progs.n; p++)
		record_free(&rows[p].team);
	free(rows);
	record_list_release(&progs);
	return rc;
}
