/*
 * result.h - the one result code every fallible function returns, and the
 * error detail that travels with it.
 *
 * A function that can fail returns enum sc_result and, when it fails, fills
 * a caller-provided struct sc_error: which field was wrong (may be empty)
 * and a sentence that tells the user what was wrong and how to fix it.
 * The HTTP and command-line layers translate the code; nothing below them
 * prints.
 */
#ifndef SALESCOACH_RESULT_H
#define SALESCOACH_RESULT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/msg.h"

enum sc_result {
	SC_OK = 0,
	SC_INVALID,   /* the caller's input is wrong; nothing was changed */
	SC_NOT_FOUND, /* a referenced record does not exist */
	SC_CONFLICT,  /* the change clashes with existing data (unique, blocked delete) */
	SC_FORBIDDEN, /* the acting user may not do this */
	SC_STORE,     /* the database failed */
	SC_NOMEM,     /* out of memory */
	SC_IO,        /* a file could not be read or written */
	SC_INTERNAL   /* a bug */
};

struct sc_error {
	enum sc_result code;
	char field[64];
	char message[512];
	/*
	 * The refusal is for a pitfall of the coaching model and the change may
	 * be stored anyway with a reason (the field override_reason). The
	 * message says what and why, not how to give the reason: each door
	 * says that in its own words (--override, a field of the API, a form).
	 */
	bool overridable;
};

/* Clear *err to "no error". */
void sc_error_init(struct sc_error *err);

/*
 * Record an error in *err (which may be NULL) and return code, so that
 * callers can write `return sc_fail(err, SC_INVALID, "minutes", "...")`.
 * field may be NULL. The message is printf-formatted and truncated to fit.
 */
enum sc_result sc_fail(struct sc_error *err, enum sc_result code, const char *field,
                       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * sc_fail in the user's language: the message is the catalogue text id in
 * lang, its placeholders filled from the pairs of arguments after id (a
 * placeholder name, then its value), ended by NULL:
 *   sc_fail_msg(err, SC_INVALID, "minutes", lang, "err.field.not_whole",
 *               "field", "minutes", "value", "1.5", NULL)
 */
enum sc_result sc_fail_msg(struct sc_error *err, enum sc_result code, const char *field,
                           enum msg_lang lang, const char *id, ...) __attribute__((sentinel));

/*
 * A number as the text of a message argument, in a buffer that lives until
 * the end of the enclosing block: SC_I64 for ids and counts, SC_NUM for a
 * number people read in lang ("2,5" in Dutch), SC_INT for a count people
 * read in lang, grouped by thousands ("100.000" in Dutch, "100,000" in English).
 */
#define SC_I64(v)       sc_i64_text((char[24]){ 0 }, (int64_t)(v))
#define SC_NUM(lang, v) msg_number((lang), (v), 6, (char[48]){ 0 }, 48)
#define SC_INT(lang, v) msg_int((lang), (int64_t)(v), (char[32]){ 0 }, 32)
const char *sc_i64_text(char *buf24, int64_t v);

/* A short English name for a result code ("invalid input", ...). */
const char *sc_result_name(enum sc_result code);

#endif
