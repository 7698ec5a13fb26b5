/*
 * jsonw.h - JSON text written straight into one growable buffer, for the
 * answers the API serves most, without building a tree of values first.
 *
 * The text is what jansson's json_dumps(JSON_COMPACT) writes for the same
 * values, byte for byte: members in the order written, no spaces; in
 * strings '"' and '\\' escaped, control characters as \b \f \n \r \t or
 * \u00XX (upper-case hex), everything else (DEL, non-ASCII, U+2028) as it
 * is; integers in decimal; reals as "%.17g" with ".0" added to a whole
 * number and the exponent's '+' and leading zeros dropped. Text that is not
 * UTF-8 is written with U+FFFD in place of each maximal invalid sequence,
 * as recjson.c shows it (jansson would refuse it).
 *
 * Errors are sticky: the first failure (no memory, the text past its
 * maximum, a real that is not finite) makes every later call a no-op, and
 * jsonw_finish reports it. Callers write a whole answer, then check once.
 * The writer does not check that the calls nest: open and close containers
 * in pairs, and give a key before each value in an object.
 */
#ifndef SALESCOACH_JSONW_H
#define SALESCOACH_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/result.h"

struct jsonw {
	char *buf; /* owned; NUL-terminated once anything is written */
	size_t len, cap;
	size_t max;           /* the longest text allowed, in bytes */
	enum sc_result error; /* SC_OK until a write fails */
	bool comma;           /* the next key or value follows another in its container */
};

/* Set w up, empty, for a text of at most max bytes. Allocates nothing. */
void jsonw_init(struct jsonw *w, size_t max);

/* Free w's buffer and set it up again, empty, with the same maximum. */
void jsonw_release(struct jsonw *w);

/* Containers: { } and [ ]. */
void jsonw_object_open(struct jsonw *w);
void jsonw_object_close(struct jsonw *w);
void jsonw_array_open(struct jsonw *w);
void jsonw_array_close(struct jsonw *w);

/* The name of the next member of an object ("key":). */
void jsonw_key(struct jsonw *w, const char *key);

/* Values. jsonw_string(w, NULL) writes null. jsonw_stringn writes n bytes (NULs as \u0000). */
void jsonw_string(struct jsonw *w, const char *s);
void jsonw_stringn(struct jsonw *w, const char *s, size_t n);
void jsonw_int(struct jsonw *w, int64_t i);
void jsonw_real(struct jsonw *w, double r);
void jsonw_bool(struct jsonw *w, bool b);
void jsonw_null(struct jsonw *w);

/*
 * The text written: on SC_OK, *text (owned: free()) and *len, and w is
 * empty again; otherwise the error of the first failed write, *text NULL,
 * and w released. A writer that wrote nothing gives "".
 */
enum sc_result jsonw_finish(struct jsonw *w, char **text, size_t *len);

#endif
