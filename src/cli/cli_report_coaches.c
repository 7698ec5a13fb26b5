/*
 * cli_report_coaches.c - `salescoach report coaches` as a table: one line
 * per coach, with the load of the last month and the mean over the range.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli_report.h"

static long long int_of(json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}

/* The coachees and load of the last month, and the mean load over the range, into 2..4. */
static void load_cells(json_t *months, char **row)
{
	size_t n = json_array_size(months), i;
	long long sum = 0, cap = 0;
	json_t *m, *last = json_array_get(months, n ? n - 1 : 0);

	json_array_foreach(months, i, m)
	{
		sum += int_of(m, "coachees");
		cap = int_of(m, "capacity");
	}
	snprintf(row[2], REPORT_CELL, "%lld / %lld", int_of(last, "coachees"), cap);
	report_cell_number(json_object_get(last, "load_pct"), 1, " %", row[3]);
	json_t *mean = n && cap > 0 ? json_real(100.0 * (double)sum / (double)(n * cap)) : NULL;
	report_cell_number(mean, 1, " %", row[4]);
	json_decref(mean);
}

/* Kept of coachee-months and the share; feedback mean (people). */
static void cadence_feedback_cells(json_t *c, json_t *f, char **row)
{
	char pct[REPORT_CELL], mean[REPORT_CELL];
	/* A figure is a few characters; the cell holds them whole. */
	report_cell_number(json_object_get(c, "pct"), 1, " %", pct);
	snprintf(row[5], REPORT_CELL, "%lld/%lld %.24s", int_of(c, "kept"),
	         int_of(c, "coachee_months"), pct);
	report_cell_number(json_object_get(f, "mean"), 1, NULL, mean);
	snprintf(row[6], REPORT_CELL, "%.24s (%lld)", mean, int_of(f, "people"));
}

/* The effect on attainment, in points with its sign, when enough; the people coached. */
static void impact_cell(json_t *im, char **row)
{
	json_t *att = json_object_get(im, "attainment");
	char effect[REPORT_CELL] = "-";
	if (json_is_true(json_object_get(att, "enough"))) {
		double e = json_number_value(json_object_get(att, "effect"));
		report_cell_number(json_object_get(att, "effect"), 1, NULL, effect + (e >= 0));
		if (e >= 0)
			effect[0] = '+';
	}
	snprintf(row[7], REPORT_CELL, "%.24s (%lld)", effect, int_of(im, "people"));
}

int cli_report_coaches_text(json_t *rep)
{
	static const char *const heads[] = {
		"report.coaches.col.coach",     "report.coaches.col.kind",
		"report.coaches.col.coachees",  "report.coaches.col.load",
		"report.coaches.col.mean_load", "report.coaches.col.cadence",
		"report.coaches.col.feedback",  "report.coaches.col.impact"
	};
	struct report_grid grid = { .cols = 8 };
	json_t *list = json_object_get(rep, "coaches"), *e;
	char k[24], **row;
	size_t i;

	snprintf(k, sizeof(k), "%lld", int_of(rep, "k"));
	cli_say(stdout, "report.coaches.about",
	        CLI_ARGS({ "from", json_string_value(json_object_get(rep, "from")) },
	                 { "to", json_string_value(json_object_get(rep, "to")) }, { "k", k }));
	if (json_array_size(list) == 0) {
		cli_say(stdout, "report.coaches.none", NULL, 0);
		return CLI_OK;
	}
	report_grid_heads(&grid, heads);
	json_array_foreach(list, i, e)
	{
		json_t *c = json_object_get(e, "coach"), *p = json_object_get(c, "person");
		if (!(row = report_grid_row(&grid)))
			break;
		snprintf(row[0], REPORT_CELL, "%s (%lld)",
		         json_string_value(json_object_get(p, "name")), int_of(c, "id"));
		snprintf(row[1], REPORT_CELL, "%s%s%s",
		         cli_model(cli_lang(), json_string_value(json_object_get(c, "kind"))),
		         json_is_true(json_object_get(c, "active")) ? "" : ", ",
		         json_is_true(json_object_get(c, "active"))
		                 ? ""
		                 : msg_text(cli_lang(), "report.coaches.inactive"));
		load_cells(json_object_get(e, "months"), row);
		cadence_feedback_cells(json_object_get(e, "cadence"),
		                       json_object_get(e, "feedback"), row);
		impact_cell(json_object_get(e, "impact"), row);
	}
	return report_grid_print(&grid);
}
