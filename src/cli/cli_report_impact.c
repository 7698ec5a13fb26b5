/*
 * cli_report_impact.c - `salescoach report impact`: the impact report
 * (plan/report.h, report_impact) as a table: per coaching model and in
 * total, per figure, the people on each side, their mean changes and the
 * difference in differences with its 95 % interval, or "not enough data".
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "base/text.h"
#include "cli/cli_report.h"

/* One row: a figure (attainment or win rate) of an impact. */
static void figure_row(struct report_grid *grid, const char *model, json_t *f, const char *fig)
{
	char **row = report_grid_row(grid), low[REPORT_CELL], high[REPORT_CELL];
	if (!row)
		return;
	snprintf(row[0], REPORT_CELL, "%s", model);
	report_grid_msg(row, 1, fig);
	snprintf(row[2], REPORT_CELL, "%lld",
	         (long long)json_integer_value(json_object_get(f, "treated")));
	snprintf(row[3], REPORT_CELL, "%lld",
	         (long long)json_integer_value(json_object_get(f, "control")));
	if (!json_is_true(json_object_get(f, "enough"))) {
		snprintf(row[4], REPORT_CELL, "-");
		snprintf(row[5], REPORT_CELL, "-");
		report_grid_msg(row, 6, "report.impact.not_enough");
		return;
	}
	report_cell_number(json_object_get(f, "treated_change"), 1, " pt", row[4]);
	report_cell_number(json_object_get(f, "control_change"), 1, " pt", row[5]);
	report_cell_number(json_object_get(f, "effect"), 1, " pt", row[6]);
	report_cell_number(json_object_get(f, "low"), 1, NULL, low);
	report_cell_number(json_object_get(f, "high"), 1, NULL, high);
	size_t n = strlen(row[6]);
	snprintf(row[6] + n, REPORT_CELL - n, " [%s, %s]", low, high);
}

static void impact_rows(struct report_grid *grid, const char *model, json_t *im)
{
	figure_row(grid, model, json_object_get(im, "attainment"), "report.impact.attainment");
	figure_row(grid, model, json_object_get(im, "win_rate"), "report.impact.win_rate");
}

int cli_report_impact_text(json_t *rep)
{
	static const char *const heads[] = {
		"report.impact.col.model",   "report.impact.col.figure",
		"report.impact.col.coached", "report.impact.col.controls",
		"report.impact.col.change",  "report.impact.col.control_change",
		"report.impact.col.effect"
	};
	struct report_grid grid = { .cols = 7 };
	json_t *m;
	size_t i;
	char k[24], n[24], waiting[24];

	report_grid_heads(&grid, heads);
	json_array_foreach(json_object_get(rep, "models"), i, m)
	{
		impact_rows(&grid,
		            cli_model(cli_lang(), json_string_value(json_object_get(m, "model"))),
		            json_object_get(m, "impact"));
	}
	json_t *total = json_object_get(rep, "total");
	impact_rows(&grid, msg_text(cli_lang(), "report.impact.total"), total);
	snprintf(k, sizeof(k), "%lld", (long long)json_integer_value(json_object_get(rep, "k")));
	snprintf(n, sizeof(n), "%lld",
	         (long long)json_integer_value(json_object_get(rep, "months_before_after")));
	snprintf(waiting, sizeof(waiting), "%lld",
	         (long long)json_integer_value(json_object_get(total, "waiting")));
	if (!grid.failed)
		cli_say(stdout, "report.impact.about",
		        CLI_ARGS({ "from", json_string_value(json_object_get(rep, "from")) },
		                 { "to", json_string_value(json_object_get(rep, "to")) },
		                 { "n", n }, { "k", k }, { "waiting", waiting }));
	json_int_t att = json_integer_value(
	                   json_object_get(json_object_get(total, "attainment"), "no_controls")),
	           win = json_integer_value(
	                   json_object_get(json_object_get(total, "win_rate"), "no_controls"));
	if (!grid.failed && (att || win)) {
		char a[24], w[24];
		snprintf(a, sizeof(a), "%lld", (long long)att);
		snprintf(w, sizeof(w), "%lld", (long long)win);
		cli_say(stdout, "report.impact.no_controls", CLI_ARGS({ "att", a }, { "win", w }));
	}
	return report_grid_print(&grid);
}
