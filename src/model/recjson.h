/*
 * recjson.h - a record as a JSON object (jansson), the form the command
 * line's --json output, the audit log and the HTTP API share; and the same
 * written straight as text (jsonw), for the API.
 */
#ifndef SALESCOACH_RECJSON_H
#define SALESCOACH_RECJSON_H

#include <jansson.h>
#include <stdbool.h>

#include "base/jsonw.h"
#include "model/record.h"

enum recjson_private {
	RJ_OMIT,   /* private fields are left out (absent, as for readers who may not see them) */
	RJ_REDACT, /* a set private field appears as "[private]" (for the audit log) */
	RJ_SHOW    /* private fields appear as stored */
};

/*
 * The object {"id": ..., field: value, ...}: absent values are left out,
 * null values are null; FF_SECRET fields are always left out. Returns a new reference, or NULL on
 * no memory.
 */
json_t *recjson_object(const struct record *rec, enum recjson_private priv);

/*
 * Write recjson_object(rec, priv) into w without building it: the same
 * members in the same order, the text json_dumps(JSON_COMPACT) makes of it
 * (jsonw.h), at a fraction of the cost. For the API's answers.
 */
void recjson_write(struct jsonw *w, const struct record *rec, enum recjson_private priv);

/*
 * The array of recjson_object of every record of list, in order. Returns a
 * new reference, or NULL when any record could not be written (never an
 * array that silently lacks one).
 */
json_t *recjson_array(const struct record_list *list, enum recjson_private priv);

#endif
