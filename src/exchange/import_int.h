/*
 * import_int.h - what the files of the import share (import*.c only): the
 * values of a spreadsheet turned into ours (import_value.c), and the kinds of
 * records imported with their columns and keys (import_kind.c).
 */
#ifndef SALESCOACH_IMPORT_INT_H
#define SALESCOACH_IMPORT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "exchange/import.h"

/* ---- values (import_value.c) ---- */

enum import_date { IMPORT_DATE_OK, IMPORT_DATE_BAD, IMPORT_DATE_AMBIGUOUS };

/*
 * A number as a spreadsheet writes it ("1.234,50", "1,234.50", "€ 12.500",
 * "-3") into plain decimal text in out ("1234.50"); decimal is the file's
 * mark, which wins when one mark could be either. False when it is no number.
 */
bool import_number(const char *in, char decimal, char *out, size_t n);

/*
 * A date "2026-11-05", "5-11-2026", "05/11/2026" (or with dots) into
 * "YYYY-MM-DD". day_first: the organisation writes the day first (nl), so
 * 05/11/2026 is the fifth of November; otherwise such a date is ambiguous
 * unless one of the two is above 12 or both are the same.
 */
enum import_date import_date(const char *in, bool day_first, char out[11]);

/* A month "2026-11", "11-2026", "11/2026", a date in it, or "november 2026" into "YYYY-MM". */
enum import_date import_month(const char *in, bool day_first, char out[8]);

/* A date and a time ("05-11-2026 14:30", "2026-11-05T14:30") into "YYYY-MM-DDTHH:MM[:SS]". */
enum import_date import_instant(const char *in, bool day_first, char *out, size_t n);

/* "ja"/"nee", "yes"/"no", "true"/"false", "1"/"0" (any case) into "true"/"false"; NULL. */
const char *import_bool(const char *in);

/* ---- kinds (import_kind.c) ---- */

/* A column of a kind: our name, the entity field it fills (-1: the kind's own handling). */
#define IMPORT_COLS_MAX 16
struct import_col {
	const char *name;
	bool required;
};

struct import_kind_def {
	enum import_kind kind;
	enum entity_kind entity;
	const struct import_col *cols;
	size_t ncols;
};

const struct import_kind_def *import_kind_get(enum import_kind k);

/* The entity field of each column of kd into field (-1: a column with no field of that name). */
void import_kind_fields(const struct import_kind_def *kd, int field[IMPORT_COLS_MAX]);

/* The index of the column of kd that a file's heading names (ours, or a label in nl/en), or -1. */
int import_kind_col(const struct import_kind_def *kd, const char *heading);

/* What became of one row; IMPORT_DUPLICATE: nothing, an earlier row wrote its record. */
enum import_outcome { IMPORT_ADDED, IMPORT_UPDATED, IMPORT_UNCHANGED, IMPORT_DUPLICATE };

/*
 * The records an import has written, to find a key that is in the file twice
 * with memory that does not grow with the file. A record the import added
 * has an id above the highest the organisation held of its kind when the
 * import began (hi); one it updated or left unchanged is marked in a bitmap
 * of the ids from the organisation's lowest to hi (ids are shared by all
 * organisations of the database: those between count too), at most the
 * highest IMPORT_SEEN_BITS of them. The id and line that wrote each are kept
 * in a fixed number of slots, for the message (an older one may have made
 * way), and for a record below the bitmap.
 */
#define IMPORT_LINE_SLOTS 65536
#define IMPORT_SEEN_BITS  ((int64_t)1 << 26) /* at most 8 MiB of bitmap */
struct import_seen {
	int64_t lo, hi;      /* the ids the bitmap covers; hi 0: none stored at the start */
	unsigned char *bits; /* hi - lo + 1 bits */
	struct {
		int64_t id;
		long line;
	} slot[IMPORT_LINE_SLOTS];
};

/*
 * The people an import has found by e-mail address, so that a file of many
 * rows per person looks each one up once: a fixed number of slots (its
 * memory does not grow with the file), each the last address that fell in
 * it. Only people found are kept: an import adds and updates people, never
 * removes one or changes an address it finds them by.
 */
#define IMPORT_PEOPLE_SLOTS 4096
struct import_person {
	char email[120]; /* lower case; "" empty (a longer address is not kept) */
	int64_t id;
};
struct import_people {
	struct import_person slot[IMPORT_PEOPLE_SLOTS];
};

/*
 * The sales results of the rep a results import is at, read once at the
 * rep's second line (a file lists a rep's months together) instead of once a
 * line: the records stored at the start and those the import has added
 * since. A rep's first line finds its month alone, so that a file of one
 * month, a line a rep, reads no rep's whole history.
 */
struct import_results {
	int64_t last; /* the rep of the last line */
	int64_t rep;  /* whose results list holds; 0: none read */
	struct record_list list;
	int *month;       /* of each in list: year * 12 + month */
	size_t month_cap; /* of month */
};

/* The values of one row by our column (NULL: the file has no such column). */
struct import_row {
	const char *v[IMPORT_COLS_MAX];
	const char *heading[IMPORT_COLS_MAX]; /* the file's name of each column */
	char decimal;
	bool day_first;
	struct import_people *people;   /* the import's (zeroed at its start) */
	struct import_seen *seen;       /* the import's */
	struct import_results *results; /* the import's, for results */
	long line;                      /* where the row begins in the file */
	const int *field;               /* import_kind_fields of the kind, or NULL */
};

/*
 * The key of row (for the message on a duplicate) into key: the e-mail,
 * name, person and month, ... as the file has it, in lower case.
 */
void import_row_key(const struct import_kind_def *kd, const struct import_row *row, char *key,
                    size_t n);

/*
 * Store one row: find the record it names, add it or update it through the
 * domain. On a refusal err names in field the file's column (or "" for the
 * row) and says why. A record an earlier row of the file wrote is
 * IMPORT_DUPLICATE, with the line of that row in *first (0: no longer known).
 */
enum sc_result import_row_store(struct domain *d, const struct import_kind_def *kd,
                                const struct import_row *row, enum import_outcome *out, long *first,
                                struct sc_error *err);

/* Set up seen for an import of kd into the organisation of d, in its open transaction. */
enum sc_result import_seen_init(struct domain *d, const struct import_kind_def *kd,
                                struct import_seen *seen, struct sc_error *err);

#endif
