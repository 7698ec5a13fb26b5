/*
 * cli_report.h - what the printers of `salescoach report NAME` share
 * (cli_report.c): a table built row by row, and the printer of each report.
 */
#ifndef SALESCOACH_CLI_REPORT_H
#define SALESCOACH_CLI_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The bytes of one cell of a report's table. */
#define REPORT_CELL 96

/* A table of cols columns, grown a row at a time; zeroed to start. */
struct report_grid {
	char ***cells;
	size_t rows, cap, cols;
	bool failed; /* out of memory: report_grid_print says so */
};

/* A new row of empty cells (REPORT_CELL bytes each), or NULL (failed set) without memory. */
char **report_grid_row(struct report_grid *g);
/* Cell col of row set to the catalogue text id in the command line's language (row may be NULL).
 */
void report_grid_msg(char **row, size_t col, const char *id);
/* The header row: one catalogue text id per column. */
void report_grid_heads(struct report_grid *g, const char *const *ids);
/* The table printed to stdout and freed: CLI_OK, or the out-of-memory refusal. */
int report_grid_print(struct report_grid *g);

/* A figure of a report's JSON (a number, or null) into out, n decimals in the CLI's language;
 * "-" when null or absent. */
void report_cell_number(json_t *v, int decimals, const char *unit, char *out);
/* The month of a report's month object, with "*" when it is "partial" (not over yet). */
void report_cell_month(json_t *month, char out[REPORT_CELL]);

/* The printers of each report: the JSON of report_NAME as a table on stdout; CLI_OK or a
 * failure. */
int cli_report_coverage_text(json_t *rep);
int cli_report_hours_text(json_t *rep); /* cli_report_hours.c */
int cli_report_coaches_text(json_t *rep);
int cli_report_impact_text(json_t *rep);
int cli_report_acceptance_text(json_t *rep);

#endif
