/*
 * export.h - lists and reports as CSV and XLSX (PRODUCT.md, Data in and out;
 * docs/export.md), for the API and the command line alike.
 *
 * A table is written a cell at a time into an export writer: a header row of
 * column names, then rows. CSV follows the organisation's style (csvstyle.h:
 * separator and decimal mark), starts with a UTF-8 byte order mark (so that
 * Excel reads it as UTF-8), ends its lines with CRLF (RFC 4180), and puts a
 * quote before text that a spreadsheet would take for a formula (=, +, -, @).
 * XLSX (libxlsxwriter) has typed cells: numbers as numbers, truth values as
 * booleans, dates and instants as real dates with a date format, a bold
 * header row, frozen panes under it and columns as wide as their content.
 *
 * What is exported is what the caller's list holds: records come from
 * domain_list, so a private field the caller may not read is absent, and its
 * cell stays empty.
 */
#ifndef SALESCOACH_EXPORT_H
#define SALESCOACH_EXPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/msg.h"
#include "base/result.h"
#include "exchange/csvstyle.h"
#include "model/record.h"

enum export_format { EXPORT_JSON, EXPORT_CSV, EXPORT_XLSX };

/*
 * The rows of one export at most. An export holds every row its filters
 * select (not one page, as JSON); past this, it is refused with a message
 * that says how to narrow it (export_too_many), or it is taken in pages.
 */
#define EXPORT_MAX_ROWS 100000

/*
 * SC_INVALID, in lang: total rows are more than an export holds, and what to
 * do; both numbers grouped as people read them in lang ("100.000" in Dutch).
 */
enum sc_result export_too_many(size_t total, enum msg_lang lang, struct sc_error *err);

/* "json", "csv" or "xlsx" into *out; false for any other text. */
bool export_format_parse(const char *text, enum export_format *out);

/* The name of a format ("csv"), also the extension of its files. */
const char *export_format_name(enum export_format fmt);

/* The media type of a format ("text/csv; charset=utf-8", ...). */
const char *export_content_type(enum export_format fmt);

/*
 * The format an HTTP Accept header asks for: CSV for text/csv, XLSX for the
 * spreadsheet type, else JSON (also for no header, or any other type).
 */
enum export_format export_format_accept(const char *accept);

/* SC_INVALID naming field "format", in lang: what was given and what may be. */
enum sc_result export_format_refuse(const char *given, enum msg_lang lang, struct sc_error *err);

/* The kind of a column: how its cells are written. */
enum export_type {
	XT_TEXT,
	XT_INT,
	XT_REAL,
	XT_BOOL,
	XT_DATE,     /* "YYYY-MM-DD" */
	XT_MONTH,    /* "YYYY-MM" */
	XT_DATETIME, /* a stored UTC instant, written in the given time zone */
};

struct export_writer;

/*
 * A writer of fmt (CSV or XLSX) in style, with instants shown in time zone
 * tz; sheet is the XLSX worksheet's name (cut to 31 characters). *out is
 * owned: export_finish or export_abort it.
 */
enum sc_result export_open(enum export_format fmt, struct csv_style style, const char *tz,
                           const char *sheet, struct export_writer **out, struct sc_error *err);

/* The header: one column, named name, of type t (call before any row). */
void export_column(struct export_writer *w, const char *name, enum export_type t);

/*
 * The next cell of the current row: text as its column's type reads it
 * (a number, "true"/"false", a date, an instant); NULL is an empty cell.
 */
void export_cell(struct export_writer *w, const char *text);

/* The next cell as a number, or a truth value (for XT_INT, XT_REAL, XT_BOOL). */
void export_number(struct export_writer *w, double v);

/* End the current row (the header too). */
void export_row_end(struct export_writer *w);

/*
 * The whole file: *bytes (owned, malloc'd) of *len bytes. Frees w, also on
 * failure (out of memory, a temporary file that could not be written).
 */
enum sc_result export_finish(struct export_writer *w, char **bytes, size_t *len,
                             struct sc_error *err);

/* Free w without a file. */
void export_abort(struct export_writer *w);

/*
 * The records of list (all of kind def) as a table: a column "id" and one
 * for every field that the JSON of a record can show (all but secrets), in
 * the definition's order, named as the JSON's keys. A value absent from a
 * record (a private field the reader may not read) is an empty cell.
 */
enum sc_result export_records(struct export_writer *w, const struct entity_def *def,
                              const struct record_list *list, struct sc_error *err);

/*
 * A JSON array of objects (a report's rows) as a table. Nested objects
 * become columns of their own ("team.name"); arrays are one cell, their
 * values (an object's "name", when it has one) joined by ", ". Columns are
 * the keys in the order first seen; integers, reals, truth values, dates
 * (YYYY-MM-DD) and instants (YYYY-MM-DDTHH:MM:SSZ) keep their types.
 */
enum sc_result export_json_rows(struct export_writer *w, json_t *rows, struct sc_error *err);

/*
 * Turn the object at key of every row into one text, "name: value; ...":
 * for members that differ from row to row (an alert's facts), which would
 * otherwise each be a column.
 */
enum sc_result export_json_compact(json_t *rows, const char *key, struct sc_error *err);

/*
 * The rows of the report name (coverage, hours, impact, coaches, acceptance;
 * plan/report.h) computed as report: *rows (owned) is an array of flat
 * objects, every one with the same members, for export_json_rows. A figure
 * the report withholds is null (an empty cell) and its row says "withheld".
 * Shared by the command line and the API, so both export the same table.
 */
enum sc_result export_report_rows(const char *name, json_t *report, json_t **rows,
                                  struct sc_error *err);

/*
 * The whole of a list or report in one call: export_open, export_records
 * (def and list) or export_json_rows (rows), export_finish.
 */
enum sc_result export_list_bytes(enum export_format fmt, struct csv_style style, const char *tz,
                                 const char *sheet, const struct entity_def *def,
                                 const struct record_list *list, json_t *rows, char **bytes,
                                 size_t *len, struct sc_error *err);

#endif
