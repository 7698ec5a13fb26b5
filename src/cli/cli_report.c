/*
 * cli_report.c - `salescoach report coverage|...`: the reports of a range of
 * months (plan/report.h), as the API's GET /api/reports/NAME computes them
 * (the same figures, the same refusals), printed as a table or as JSON.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "cli/cli_report.h"
#include "plan/report.h"

/* Every report: its name after `report`, its computation and its printer. */
static const struct {
	const char *name;
	report_fn compute;
	int (*text)(json_t *rep);
	const char *help; /* the catalogue id of its usage */
} reports[] = {
	{ "coverage", report_coverage, cli_report_coverage_text, "help.report.coverage" },
	{ "hours", report_hours, cli_report_hours_text, "help.report.hours" },
	{ "coaches", report_coaches, cli_report_coaches_text, "help.report.coaches" },
	{ "impact", report_impact, cli_report_impact_text, "help.report.impact" },
	{ "acceptance", report_acceptance, cli_report_acceptance_text, "help.report.acceptance" },
};

/* Options after `report NAME`; ids and months are checked by the report itself. */
static int parse(struct cli *c, const char *command, int argc, char **argv, struct report_opts *o,
                 struct cli_out *out, bool *help)
{
	static const char *const opts[] = { "--team", "--programme", "--model", "--from", "--to" };
	for (int i = 1; i < argc; i++) {
		int which = -1;
		for (int k = 0; k < 5; k++)
			if (!strcmp(argv[i], opts[k]))
				which = k;
		int got = cli_out_option(out, argc, argv, &i, command);
		if (got >= 0) {
			if (got != CLI_OK)
				return got;
		} else if (!strcmp(argv[i], "--json")) {
			c->json = true;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			*help = true;
		} else if (which >= 0) {
			if (i + 1 >= argc)
				return cli_refuse("cli.cmd.needs_value",
				                  CLI_ARGS({ "option", opts[which] },
				                           { "command", command }));
			const char *v = argv[++i];
			int64_t *id = which == 0 ? &o->team : which == 1 ? &o->programme : NULL;
			if (id && !text_whole(v, 1, INT64_MAX, id))
				return cli_refuse(
				        "cli.cmd.bad_id",
				        CLI_ARGS({ "option", opts[which] + 2 }, { "text", v }));
			if (which == 2)
				o->model = v;
			else if (which == 3)
				o->from = v;
			else if (which == 4)
				o->to = v;
		} else if (!strncmp(argv[i], "--", 2)) {
			return cli_refuse("cli.cmd.unknown_option",
			                  CLI_ARGS({ "option", argv[i] }, { "command", command }));
		} else {
			return cli_refuse("cli.cmd.unexpected",
			                  CLI_ARGS({ "arg", argv[i] }, { "command", command }));
		}
	}
	return CLI_OK;
}

char **report_grid_row(struct report_grid *g)
{
	if (g->failed)
		return NULL;
	if (g->rows == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 16;
		char ***cells = realloc(g->cells, cap * sizeof(*cells));
		if (!cells) {
			g->failed = true;
			return NULL;
		}
		g->cells = cells;
		g->cap = cap;
	}
	char **row = calloc(g->cols, sizeof(*row));
	for (size_t y = 0; row && y < g->cols; y++)
		if (!(row[y] = calloc(1, REPORT_CELL))) {
			while (y-- > 0)
				free(row[y]);
			free(row);
			row = NULL;
		}
	if (!row) {
		g->failed = true;
		return NULL;
	}
	g->cells[g->rows++] = row;
	return row;
}

void report_grid_msg(char **row, size_t col, const char *id)
{
	if (row)
		snprintf(row[col], REPORT_CELL, "%s", msg_text(cli_lang(), id));
}

void report_grid_heads(struct report_grid *g, const char *const *ids)
{
	char **row = report_grid_row(g);
	for (size_t y = 0; row && y < g->cols; y++)
		report_grid_msg(row, y, ids[y]);
}

int report_grid_print(struct report_grid *g)
{
	bool ok = !g->failed;
	if (ok)
		out_grid(g->cells, g->rows, g->cols, stdout);
	for (size_t x = 0; x < g->rows; x++) {
		for (size_t y = 0; y < g->cols; y++)
			free(g->cells[x][y]);
		free(g->cells[x]);
	}
	free(g->cells);
	memset(g, 0, sizeof(*g));
	return ok ? CLI_OK : cli_nomem();
}

void report_cell_number(json_t *v, int decimals, const char *unit, char *out)
{
	if (!json_is_number(v)) {
		snprintf(out, REPORT_CELL, "-");
		return;
	}
	msg_number(cli_lang(), json_number_value(v), decimals, out, REPORT_CELL);
	if (unit && *unit)
		strncat(out, unit, REPORT_CELL - strlen(out) - 1);
}

/* The figures of g (a group or a total) into row's columns 4..6, or "suppressed". */
static void figures_cells(json_t *g, char **row)
{
	if (json_is_true(json_object_get(g, "suppressed"))) {
		report_grid_msg(row, 4, "report.coverage.suppressed");
		return;
	}
	snprintf(row[4], REPORT_CELL, "%lld",
	         (long long)json_integer_value(json_object_get(g, "coached")));
	snprintf(row[5], REPORT_CELL, "%lld",
	         (long long)json_integer_value(json_object_get(g, "with_session")));
	report_cell_number(json_object_get(g, "share_pct"), 1, " %", row[6]);
}

void report_cell_month(json_t *month, char out[REPORT_CELL])
{
	snprintf(out, REPORT_CELL, "%s%s", json_string_value(json_object_get(month, "month")),
	         json_is_true(json_object_get(month, "partial")) ? "*" : "");
}

/* A row of group g (a programme) of month m. */
static void coverage_row(struct report_grid *grid, json_t *m, json_t *g)
{
	json_t *t = json_object_get(g, "team");
	char **row = report_grid_row(grid);
	if (!row)
		return;
	report_cell_month(m, row[0]);
	snprintf(row[1], REPORT_CELL, "%lld",
	         (long long)json_integer_value(json_object_get(g, "programme")));
	snprintf(row[2], REPORT_CELL, "%s",
	         cli_model(cli_lang(), json_string_value(json_object_get(g, "model"))));
	snprintf(row[3], REPORT_CELL, "%s (%lld)", json_string_value(json_object_get(t, "name")),
	         (long long)json_integer_value(json_object_get(t, "id")));
	figures_cells(g, row);
}

int cli_report_coverage_text(json_t *rep)
{
	static const char *const heads[] = {
		"report.coverage.col.month",   "report.coverage.col.programme",
		"report.coverage.col.model",   "report.coverage.col.team",
		"report.coverage.col.coached", "report.coverage.col.with",
		"report.coverage.col.share"
	};
	struct report_grid grid = { .cols = 7 };
	json_t *m, *g;
	size_t i, j;
	char k[24], **row;
	bool partial = false;

	report_grid_heads(&grid, heads);
	json_array_foreach(json_object_get(rep, "months"), i, m)
	{
		json_array_foreach(json_object_get(m, "groups"), j, g)
		{
			coverage_row(&grid, m, g);
		}
		if (!(row = report_grid_row(&grid)))
			break;
		report_cell_month(m, row[0]);
		partial = partial || json_is_true(json_object_get(m, "partial"));
		report_grid_msg(row, 1, "report.coverage.total");
		figures_cells(json_object_get(m, "total"), row);
	}
	snprintf(k, sizeof(k), "%lld", (long long)json_integer_value(json_object_get(rep, "k")));
	if (!grid.failed)
		cli_say(stdout, "report.coverage.about",
		        CLI_ARGS({ "from", json_string_value(json_object_get(rep, "from")) },
		                 { "to", json_string_value(json_object_get(rep, "to")) },
		                 { "k", k }));
	int rc = report_grid_print(&grid);
	if (partial && rc == CLI_OK)
		cli_say(stdout, "report.coverage.partial", NULL, 0);
	return rc;
}

/* The report as o->fmt: JSON, the table (to stdout or o->path), or CSV or XLSX. */
static int report_print(struct cli *c, const struct cli_out *o, const char *name, json_t *rep,
                        int (*text)(json_t *rep))
{
	struct sc_error err;
	json_t *rows = NULL;
	int rc;

	if (o->fmt == EXPORT_CSV || o->fmt == EXPORT_XLSX) {
		sc_error_init(&err);
		if (export_report_rows(name, rep, &rows, &err) != SC_OK)
			return cli_fail(&err);
		rc = cli_out_export(c, o, name, NULL, NULL, rows);
		json_decref(rows);
		return rc;
	}
	if ((rc = cli_out_stdout(o)))
		return rc;
	if (c->json) {
		json_dumpf(rep, stdout,
		           JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
		putchar('\n');
		rc = CLI_OK;
	} else {
		rc = text(rep);
	}
	return cli_out_stdout_end(o, rc);
}

int cli_report(struct cli *c, int argc, char **argv)
{
	struct cli_out dest = { 0 };
	struct report_opts o = { 0 };
	struct sc_error err;
	char command[48], example[32];
	bool help = false;
	json_t *out = NULL;
	size_t which = 0, n = sizeof(reports) / sizeof(reports[0]);
	int rc;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(cli_help_text(c, "help.report"), stdout);
		return argc < 2 ? CLI_USAGE : CLI_OK;
	}
	while (which < n && strcmp(argv[1], reports[which].name))
		which++;
	if (which == n)
		return cli_refuse("cli.report.unknown", CLI_ARGS({ "name", argv[1] }));
	snprintf(command, sizeof(command), "report %s", reports[which].name);
	if ((rc = parse(c, command, argc - 1, argv + 1, &o, &dest, &help)))
		return rc;
	if (help) {
		fputs(cli_help_text(c, reports[which].help), stdout);
		return CLI_OK;
	}
	snprintf(example, sizeof(example), "%s.xlsx", reports[which].name);
	if ((rc = cli_out_check(c, &dest, example)))
		return rc;
	if ((rc = cli_open(c)))
		return rc;
	sc_error_init(&err);
	if (reports[which].compute(&c->dom, &o, &out, &err))
		return cli_fail(&err);
	rc = report_print(c, &dest, reports[which].name, out, reports[which].text);
	json_decref(out);
	return rc;
}
