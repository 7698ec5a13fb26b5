/*
 * import.h - CSV files from a spreadsheet or a CRM into salescoach: people,
 * teams, monthly sales results and coaching sessions (PRODUCT.md, "Data in
 * and out"; docs/import.md).
 *
 * The file is read as a stream (libcsv), one row at a time, so memory does
 * not grow with its length. The separator (',' or ';') is taken from the
 * header line, the decimal mark from the separator; UTF-8 with or without a
 * byte order mark. Every value goes through domain_parse and every record
 * through domain_add or domain_update as the caller, so a row is held to the
 * same checks and the same access rules as one typed in.
 *
 * All or nothing: the whole file is one store transaction. A file with any
 * bad row imports nothing (unless skip_bad), and the report names every bad
 * row by its line, column and reason. A record that exists already (a person
 * by e-mail, a team by name, a result by person and month, a session by its
 * coach, coachee and time) is updated, never added twice.
 */
#ifndef SALESCOACH_IMPORT_H
#define SALESCOACH_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/result.h"
#include "domain/domain.h"

enum import_kind { IMPORT_PEOPLE, IMPORT_TEAMS, IMPORT_RESULTS, IMPORT_SESSIONS, IMPORT_KINDS };

/* The kind called name ("people", "teams", "results", "sessions"); false when none is. */
bool import_kind_parse(const char *name, enum import_kind *out);

/* The name of kind k ("people"). */
const char *import_kind_name(enum import_kind k);

/*
 * A mapping of a CRM's column names to ours: a two-column CSV file
 * ("their column,our column" per line, ',' or ';'; lines starting with '#'
 * are comments; an empty second column ignores their column).
 */
#define IMPORT_MAP_MAX 128
struct import_map {
	size_t n;
	char their[IMPORT_MAP_MAX][128];
	char ours[IMPORT_MAP_MAX][64];
};

/*
 * Read a mapping from in into *map. SC_INVALID in lang naming the line when
 * a line is not two columns or the file holds more than IMPORT_MAP_MAX.
 */
enum sc_result import_map_read(FILE *in, enum msg_lang lang, struct import_map *map,
                               struct sc_error *err);

/*
 * The mappings built into the program (share/mappings/, embedded at build
 * time), by the name of their CRM: "salesforce" and "hubspot", each with one
 * for people (the users or owners export) and one for results; teams and
 * sessions have none. The command line (--map NAME) and the API (map=NAME)
 * share this one table.
 */

/* The text of the mapping that the CRM called name has for kind: static; NULL when none. */
const char *import_map_builtin(const char *name, enum import_kind kind);

/* The CRM called name as people write it ("Salesforce"); NULL when no built-in mapping has name. */
const char *import_map_crm(const char *name);

/* import_map_read of the len bytes of text (not necessarily NUL-terminated). */
enum sc_result import_map_parse(const char *text, size_t len, enum msg_lang lang,
                                struct import_map *map, struct sc_error *err);

struct import_opts {
	enum import_kind kind;
	const struct import_map *map; /* borrowed; NULL: the header names our columns */
	bool skip_bad;                /* import the good rows, report the bad ones */
	bool dry_run;                 /* check only: roll everything back */
	/* Called now and then with the lines and bytes read so far; may be NULL. */
	void (*progress)(void *ctx, long lines, long long bytes);
	void *progress_ctx;
};

/* The bad rows a report lists; the others are counted only. */
#define IMPORT_REPORT_MAX 100

struct import_bad {
	long line;        /* the physical line where the row starts, 1 the header */
	char column[128]; /* the file's column, "" for the whole row */
	char reason[512]; /* in the domain's language */
	bool whole;       /* the reason names the line itself: a line not in UTF-8 */
};

struct import_report {
	size_t added, updated, unchanged, bad;
	size_t nlisted; /* bad rows in list: the first IMPORT_REPORT_MAX */
	struct import_bad list[IMPORT_REPORT_MAX];
	long lines;     /* physical lines read */
	char sep;       /* the separator found */
	bool committed; /* the changes are stored (not a dry run, nothing refused) */
	/* added, updated and unchanged count the good rows also when none was stored. */
};

/*
 * Import the CSV read from in as kind o->kind into d's organisation as d's
 * actor (an administrator: SC_FORBIDDEN otherwise). rep (the caller's, big
 * enough to keep off small stacks) is filled in; rep->committed says whether
 * anything was stored. Returns SC_OK when the file was read to its end, bad
 * rows or not; SC_INVALID for a file that cannot be imported at all (empty,
 * no header, a column we need missing from the header, UTF-16), with err in
 * d's language; SC_STORE, SC_IO or SC_NOMEM when reading or storing failed.
 * Nothing changes unless rep->committed.
 */
enum sc_result import_csv(struct domain *d, FILE *in, const struct import_opts *o,
                          struct import_report *rep, struct sc_error *err);

/*
 * The report as a JSON object {"kind", "added", "updated", "unchanged",
 * "bad", "dry_run", "committed", "bad_lines": [{"line", "column",
 * "reason"}], "more_bad"}: owned text (free()), NULL when out of memory.
 */
char *import_report_json(const struct import_opts *o, const struct import_report *rep);

#endif
