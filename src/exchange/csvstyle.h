/*
 * csvstyle.h - how an organisation writes CSV: the field separator and the
 * decimal mark of its locale (Dutch spreadsheets: ';' and ','; English:
 * ',' and '.'), shared by the import (what it expects when a file does not
 * say) and the exports (what they write), and one field written as CSV.
 */
#ifndef SALESCOACH_CSVSTYLE_H
#define SALESCOACH_CSVSTYLE_H

#include <stddef.h>
#include <stdint.h>

#include "base/result.h"

struct store;

struct csv_style {
	char sep;     /* ';' or ',' */
	char decimal; /* ',' or '.' */
};

/* The style of a locale ("nl", "en"); any other is English. */
struct csv_style csv_style_of(const char *locale);

/* The style of the organisation's locale setting. */
enum sc_result csv_style_get(struct store *st, int64_t org, struct csv_style *out,
                             struct sc_error *err);

/*
 * text as one CSV field for sep (RFC 4180): quoted when it holds the
 * separator, a quote, a line break or leading/trailing space, with each quote
 * doubled; written into out (size n, always terminated). Returns the length
 * the whole field needs, as snprintf does: out was cut off when it is >= n.
 */
size_t csv_field(char *out, size_t n, const char *text, char sep);

#endif
