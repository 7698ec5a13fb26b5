/*
 * cli_report.c - `salescoach report coverage`: who is coached, per month,
 * coaching model and team, as report.h computes it for the API's
 * GET /api/reports/coverage (the same figures, the same refusals).
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "plan/report.h"

#define COLS 6
#define CELL 96

/* Options after `report coverage`; ids and months are checked by report_coverage. */
static int parse(struct cli *c, int argc, char **argv, struct coverage_opts *o, bool *help)
{
	static const char *const opts[] = { "--team", "--programme", "--model", "--from", "--to" };
	for (int i = 1; i < argc; i++) {
		int which = -1;
		for (int k = 0; k < 5; k++)
			if (!strcmp(argv[i], opts[k]))
				which = k;
		if (!strcmp(argv[i], "--json")) {
			c->json = true;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			*help = true;
		} else if (which >= 0) {
			if (i + 1 >= argc)
				return cli_refuse("cli.cmd.needs_value",
				                  CLI_ARGS({ "option", opts[which] },
				                           { "command", "report coverage" }));
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
			return cli_refuse(
			        "cli.cmd.unknown_option",
			        CLI_ARGS({ "option", argv[i] }, { "command", "report coverage" }));
		} else {
			return cli_refuse(
			        "cli.cmd.unexpected",
			        CLI_ARGS({ "arg", argv[i] }, { "command", "report coverage" }));
		}
	}
	return CLI_OK;
}

/* The figures of g (a group or a total) into row's columns 3..5, or "suppressed". */
static void figures_cells(json_t *g, char **row)
{
	if (json_is_true(json_object_get(g, "suppressed"))) {
		snprintf(row[3], CELL, "%s", msg_text(cli_lang(), "report.coverage.suppressed"));
		return;
	}
	snprintf(row[3], CELL, "%lld",
	         (long long)json_integer_value(json_object_get(g, "coached")));
	snprintf(row[4], CELL, "%lld",
	         (long long)json_integer_value(json_object_get(g, "with_session")));
	msg_number(cli_lang(), json_number_value(json_object_get(g, "share_pct")), 1, row[5], CELL);
	strncat(row[5], " %", CELL - strlen(row[5]) - 1);
}

/* One table: a row per month and group, and the month's total. */
static int coverage_text(json_t *rep)
{
	static const char *const heads[COLS] = {
		"report.coverage.col.month", "report.coverage.col.model",
		"report.coverage.col.team",  "report.coverage.col.coached",
		"report.coverage.col.with",  "report.coverage.col.share"
	};
	json_t *months = json_object_get(rep, "months"), *m, *g;
	size_t rows = 1, i, j, r = 1;
	char k[24];

	json_array_foreach(months, i, m) rows += json_array_size(json_object_get(m, "groups")) + 1;
	char ***cells = calloc(rows, sizeof(*cells));
	for (size_t x = 0; cells && x < rows; x++) {
		if (!(cells[x] = calloc(COLS, sizeof(char *))))
			break;
		for (int y = 0; y < COLS; y++)
			cells[x][y] = calloc(1, CELL);
	}
	bool ok = cells != NULL;
	for (size_t x = 0; ok && x < rows; x++)
		for (int y = 0; ok && y < COLS; y++)
			ok = cells[x] && cells[x][y];
	if (ok) {
		for (int y = 0; y < COLS; y++)
			snprintf(cells[0][y], CELL, "%s", msg_text(cli_lang(), heads[y]));
		json_array_foreach(months, i, m)
		{
			const char *ym = json_string_value(json_object_get(m, "month"));
			json_array_foreach(json_object_get(m, "groups"), j, g)
			{
				json_t *t = json_object_get(g, "team");
				snprintf(cells[r][0], CELL, "%s", ym);
				snprintf(cells[r][1], CELL, "%s",
				         cli_model(cli_lang(),
				                   json_string_value(json_object_get(g, "model"))));
				snprintf(cells[r][2], CELL, "%s (%lld)",
				         json_string_value(json_object_get(t, "name")),
				         (long long)json_integer_value(json_object_get(t, "id")));
				figures_cells(g, cells[r++]);
			}
			snprintf(cells[r][0], CELL, "%s", ym);
			snprintf(cells[r][1], CELL, "%s",
			         msg_text(cli_lang(), "report.coverage.total"));
			figures_cells(json_object_get(m, "total"), cells[r++]);
		}
		snprintf(k, sizeof(k), "%lld",
		         (long long)json_integer_value(json_object_get(rep, "k")));
		cli_say(stdout, "report.coverage.about",
		        CLI_ARGS({ "from", json_string_value(json_object_get(rep, "from")) },
		                 { "to", json_string_value(json_object_get(rep, "to")) },
		                 { "k", k }));
		out_grid(cells, rows, COLS, stdout);
	}
	for (size_t x = 0; cells && x < rows; x++) {
		for (int y = 0; cells[x] && y < COLS; y++)
			free(cells[x][y]);
		free(cells[x]);
	}
	free(cells);
	return ok ? CLI_OK : cli_nomem();
}

int cli_report(struct cli *c, int argc, char **argv)
{
	struct coverage_opts o = { 0 };
	struct sc_error err;
	bool help = false;
	json_t *out = NULL;
	int rc;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(cli_help_text(c, "help.report.coverage"), stdout);
		return argc < 2 ? CLI_USAGE : CLI_OK;
	}
	if (strcmp(argv[1], "coverage"))
		return cli_refuse("cli.cmd.unexpected",
		                  CLI_ARGS({ "arg", argv[1] }, { "command", "report" }));
	if ((rc = parse(c, argc - 1, argv + 1, &o, &help)))
		return rc;
	if (help) {
		fputs(cli_help_text(c, "help.report.coverage"), stdout);
		return CLI_OK;
	}
	if ((rc = cli_open(c)))
		return rc;
	sc_error_init(&err);
	if (report_coverage(&c->dom, &o, &out, &err))
		return cli_fail(&err);
	if (c->json) {
		json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
		rc = CLI_OK;
	} else {
		rc = coverage_text(out);
	}
	json_decref(out);
	return rc;
}
