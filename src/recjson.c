#include "recjson.h"

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
				j = json_string(v->s ? v->s : "");
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
