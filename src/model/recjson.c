#include "model/recjson.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"

/*
 * Text as a JSON string. Text that is not UTF-8 (written by an older version
 * before every door checked it, and not yet repaired by migration 0006) is
 * shown with U+FFFD in place of its bad bytes rather than dropped.
 */
static json_t *text_json(const char *s)
{
	size_t n = strlen(s);
	if (text_utf8_valid(s, n))
		return json_stringn_nocheck(s, n);
	char *fixed = text_utf8_repair(s, n);
	json_t *j = fixed ? json_string(fixed) : NULL;
	free(fixed);
	return j;
}

json_t *recjson_object(const struct record *rec, enum recjson_private priv)
{
	json_t *obj = json_object();

	if (!obj)
		return NULL;
	if (rec->id)
		json_object_set_new(obj, "id", json_integer(rec->id));
	for (size_t i = 0; i < rec->def->nfields; i++) {
		const struct field_def *f = &rec->def->fields[i];
		const struct value *v = &rec->v[i];
		json_t *j;

		if (v->state == V_ABSENT)
			continue;
		if (((f->flags & FF_PRIVATE) && priv == RJ_OMIT) || (f->flags & FF_SECRET))
			continue; /* secrets never leave the store, whatever the mode */
		if (v->state == V_NULL) {
			j = json_null();
		} else if ((f->flags & FF_PRIVATE) && priv == RJ_REDACT) {
			j = json_string("[private]");
		} else {
			switch (f->type) {
			case FT_INT:
			case FT_REF:
				j = json_integer(v->i);
				break;
			case FT_BOOL:
				j = json_boolean(v->i);
				break;
			case FT_REAL:
				j = json_real(v->r);
				break;
			default:
				j = text_json(v->s ? v->s : "");
				break;
			}
		}
		if (!j || json_object_set_new(obj, f->name, j)) {
			json_decref(obj);
			return NULL;
		}
	}
	return obj;
}

void recjson_write(struct jsonw *w, const struct record *rec, enum recjson_private priv)
{
	jsonw_object_open(w);
	if (rec->id) {
		jsonw_key(w, "id");
		jsonw_int(w, rec->id);
	}
	for (size_t i = 0; i < rec->def->nfields; i++) {
		const struct field_def *f = &rec->def->fields[i];
		const struct value *v = &rec->v[i];

		if (v->state == V_ABSENT)
			continue;
		if (((f->flags & FF_PRIVATE) && priv == RJ_OMIT) || (f->flags & FF_SECRET))
			continue; /* as recjson_object */
		jsonw_key(w, f->name);
		if (v->state == V_NULL) {
			jsonw_null(w);
		} else if ((f->flags & FF_PRIVATE) && priv == RJ_REDACT) {
			jsonw_string(w, "[private]");
		} else {
			switch (f->type) {
			case FT_INT:
			case FT_REF:
				jsonw_int(w, v->i);
				break;
			case FT_BOOL:
				jsonw_bool(w, v->i);
				break;
			case FT_REAL:
				jsonw_real(w, v->r);
				break;
			default:
				/* Not UTF-8: repaired by the writer as by text_json. */
				jsonw_string(w, v->s ? v->s : "");
				break;
			}
		}
	}
	jsonw_object_close(w);
}

json_t *recjson_array(const struct record_list *list, enum recjson_private priv)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < list->n; i++) {
		if (json_array_append_new(arr, recjson_object(list->items[i], priv))) {
			json_decref(arr);
			arr = NULL;
		}
	}
	return arr;
}
