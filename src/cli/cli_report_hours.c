/*
 * cli_report_hours.c - `salescoach report hours` as a table: per month and
 * programme the target, the people coached, the hours per coachee and how
 * many reached the target, and the month's total (plan/report.h,
 * report_hours).
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdio.h>

#include "cli/cli_report.h"

/* The figures of g (a programme or a total) into row's columns 5..7, or "suppressed". */
static void figures_cells(json_t *g, char **row)
{
	char pct[REPORT_CELL];
	if (json_is_true(json_object_get(g, "suppressed"))) {
		report_grid_msg(row, 5, "report.hours.suppressed");
		return;
	}
	snprintf(row[5], REPORT_CELL, "%lld",
	         (long long)json_integer_value(json_object_get(g, "coached")));
	report_cell_number(json_object_get(g, "hours_per_coachee"), 1, " h", row[6]);
	report_cell_number(json_object_get(g, "on_target_pct"), 1, " %", pct);
	snprintf(row[7], REPORT_CELL, "%lld (%.80s)",
	         (long long)json_integer_value(json_object_get(g, "on_target")), pct);
}

/* A row of programme p of month ym. */
static void programme_row(struct report_grid *grid, json_t *m, json_t *p)
{
	json_t *t = json_object_get(p, "team");
	char **row = report_grid_row(grid);
	if (!row)
		return;
	report_cell_month(m, row[0]);
	snprintf(row[1], REPORT_CELL, "%lld",
	         (long long)json_integer_value(json_object_get(p, "id")));
	snprintf(row[2], REPORT_CELL, "%s",
	         cli_model(cli_lang(), json_string_value(json_object_get(p, "model"))));
	snprintf(row[3], REPORT_CELL, "%s (%lld)", json_string_value(json_object_get(t, "name")),
	         (long long)json_integer_value(json_object_get(t, "id")));
	report_cell_number(json_object_get(p, "target"), 2, " h", row[4]);
	figures_cells(p, row);
}

int cli_report_hours_text(json_t *rep)
{
	static const char *const heads[] = {
		"report.hours.col.month", "report.hours.col.programme", "report.hours.col.model",
		"report.hours.col.team",  "report.hours.col.target",    "report.hours.col.coached",
		"report.hours.col.per",   "report.hours.col.on_target"
	};
	struct report_grid grid = { .cols = 8 };
	json_t *m, *p;
	size_t i, j;
	char k[24], **row;
	bool partial = false;

	report_grid_heads(&grid, heads);
	json_array_foreach(json_object_get(rep, "months"), i, m)
	{
		json_array_foreach(json_object_get(m, "programmes"), j, p)
		{
			programme_row(&grid, m, p);
		}
		if (!(row = report_grid_row(&grid)))
			break;
		report_cell_month(m, row[0]);
		partial = partial || json_is_true(json_object_get(m, "partial"));
		report_grid_msg(row, 1, "report.hours.total");
		figures_cells(json_object_get(m, "total"), row);
	}
	snprintf(k, sizeof(k), "%lld", (long long)json_integer_value(json_object_get(rep, "k")));
	if (!grid.failed)
		cli_say(stdout, "report.hours.about",
		        CLI_ARGS({ "from", json_string_value(json_object_get(rep, "from")) },
		                 { "to", json_string_value(json_object_get(rep, "to")) },
		                 { "k", k }));
	int rc = report_grid_print(&grid);
	if (partial && rc == CLI_OK)
		cli_say(stdout, "report.hours.partial", NULL, 0);
	return rc;
}
