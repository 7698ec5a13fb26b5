/*
 * cli_report_acceptance.c - `salescoach report acceptance` as tables: the
 * pulse survey per model, then per coach, a row per respondent group and
 * month with answers, and the group's trend.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli_report.h"

#define NCOLS 11

static const char *const item_keys[] = { "mean",
	                                 "respect",
	                                 "trust",
	                                 "helps",
	                                 "part_of_team",
	                                 "not_reporting",
	                                 "feels_like_assessment" };
static const char *const group_keys[] = { "coachee", "management" };

/* One month's figures of a group into row (columns 3..10); min: min_answers; open: the month's
 * round is still open. */
static void figures(json_t *c, char **row, long min, bool open)
{
	json_t *n = json_object_get(c, "answers");
	bool withheld = json_is_true(json_object_get(c, "withheld"));
	if (json_is_integer(n))
		snprintf(row[3], REPORT_CELL, "%lld%s", (long long)json_integer_value(n),
		         withheld && !open ? "*" : "");
	else if (open)
		snprintf(row[3], REPORT_CELL, "-");
	else
		snprintf(row[3], REPORT_CELL, "<%ld", min);
	for (int i = 0; i < 7; i++)
		report_cell_number(json_object_get(c, item_keys[i]), 1, NULL, row[4 + i]);
	if (open)
		report_grid_msg(row, 4, "report.acceptance.open_short");
}

/* The rows of one model or coach (who: its first column): months with answers, then the trend.
 */
static void entry_rows(struct report_grid *grid, json_t *e, const char *who, long min)
{
	json_t *m, *trend = json_object_get(e, "trend");
	size_t i;
	char **row;

	for (int g = 0; g < 2; g++) {
		char gid[48];
		snprintf(gid, sizeof(gid), "report.acceptance.group.%s", group_keys[g]);
		json_array_foreach(json_object_get(e, "months"), i, m)
		{
			json_t *c = json_object_get(m, group_keys[g]);
			if (json_integer_value(json_object_get(c, "answers")) == 0 &&
			    !json_is_true(json_object_get(c, "withheld")))
				continue;
			if (!(row = report_grid_row(grid)))
				return;
			snprintf(row[0], REPORT_CELL, "%s", who);
			report_grid_msg(row, 1, gid);
			snprintf(row[2], REPORT_CELL, "%s",
			         json_string_value(json_object_get(m, "month")));
			figures(c, row, min, json_is_true(json_object_get(m, "open")));
		}
		json_t *t = json_object_get(trend, group_keys[g]);
		if (!json_is_object(t) || !(row = report_grid_row(grid)))
			continue;
		snprintf(row[0], REPORT_CELL, "%s", who);
		report_grid_msg(row, 1, gid);
		report_grid_msg(row, 2, "report.acceptance.trend");
		char num[REPORT_CELL];
		report_cell_number(json_object_get(t, "change"), 1, NULL, num);
		snprintf(row[4], REPORT_CELL, "%s%.80s",
		         json_number_value(json_object_get(t, "change")) > 0 ? "+" : "", num);
		/* The months compared, each in a column of its own: the table stays narrow. */
		snprintf(row[5], REPORT_CELL, "%.7s",
		         json_string_value(json_object_get(t, "from")));
		snprintf(row[6], REPORT_CELL, "%.7s", json_string_value(json_object_get(t, "to")));
	}
}

static const char *const heads[NCOLS] = {
	"report.acceptance.col.who",       "report.acceptance.col.group",
	"report.acceptance.col.month",     "report.acceptance.col.answers",
	"report.acceptance.col.mean",      "report.acceptance.col.respect",
	"report.acceptance.col.trust",     "report.acceptance.col.helps",
	"report.acceptance.col.team",      "report.acceptance.col.not_reporting",
	"report.acceptance.col.assessment"
};

int cli_report_acceptance_text(json_t *rep)
{
	struct report_grid grid = { .cols = NCOLS };
	json_t *e;
	size_t i;
	char k[24], who[REPORT_CELL];
	long min = (long)json_integer_value(json_object_get(rep, "min_answers"));
	int rc = CLI_OK;

	snprintf(k, sizeof(k), "%ld", min);
	cli_say(stdout, "report.acceptance.about",
	        CLI_ARGS({ "from", json_string_value(json_object_get(rep, "from")) },
	                 { "to", json_string_value(json_object_get(rep, "to")) }, { "min", k }));
	json_t *first = json_array_get(json_object_get(rep, "models"), 0);
	if (!first)
		first = json_array_get(json_object_get(rep, "coaches"), 0);
	json_array_foreach(json_object_get(first, "months"), i, e)
	{
		if (json_is_true(json_object_get(e, "open"))) {
			cli_say(stdout, "report.acceptance.open",
			        CLI_ARGS({ "month",
			                   json_string_value(json_object_get(e, "month")) }));
			break;
		}
	}
	if (json_array_size(json_object_get(rep, "models"))) {
		report_grid_heads(&grid, heads);
		report_grid_msg(grid.cells ? grid.cells[0] : NULL, 0,
		                "report.acceptance.col.model");
		json_array_foreach(json_object_get(rep, "models"), i, e) entry_rows(
		        &grid, e,
		        cli_model(cli_lang(), json_string_value(json_object_get(e, "model"))), min);
		if ((rc = report_grid_print(&grid)))
			return rc;
	}
	if (!json_array_size(json_object_get(rep, "coaches"))) {
		/* A coach who reads only their own rows, and has none in these months. */
		if (!json_array_size(json_object_get(rep, "models")))
			cli_say(stdout, "report.acceptance.no_coaches", NULL, 0);
		return CLI_OK;
	}
	grid = (struct report_grid){ .cols = NCOLS };
	cli_say(stdout, "report.acceptance.per_coach", NULL, 0);
	report_grid_heads(&grid, heads);
	json_array_foreach(json_object_get(rep, "coaches"), i, e)
	{
		snprintf(who, sizeof(who), "%.24s (%lld)",
		         json_string_value(json_object_get(e, "name")),
		         (long long)json_integer_value(json_object_get(e, "coach")));
		entry_rows(&grid, e, who, min);
	}
	return report_grid_print(&grid);
}
