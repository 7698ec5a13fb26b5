/*
 * export_rows.c - what goes into an export (export.h): the records of a list
 * as the JSON of a list shows them, and the rows of a report given as JSON,
 * flattened into columns.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exchange/export.h"

#define JSON_COLS_MAX 128 /* columns of a report at most */
#define JSON_NAME_MAX 96  /* a column's name: its keys joined by '.' */

static enum export_type field_type(const struct field_def *f)
{
	switch (f->type) {
	case FT_INT:
	case FT_REF:
		return XT_INT;
	case FT_REAL:
		return XT_REAL;
	case FT_BOOL:
		return XT_BOOL;
	case FT_DATE:
		return XT_DATE;
	case FT_DATETIME:
		return XT_DATETIME;
	case FT_MONTH:
		return XT_MONTH;
	default:
		return XT_TEXT;
	}
}

enum sc_result export_records(struct export_writer *w, const struct entity_def *def,
                              const struct record_list *list, struct sc_error *err)
{
	(void)err;
	export_column(w, "id", XT_INT);
	for (size_t i = 0; i < def->nfields; i++)
		if (!(def->fields[i].flags & FF_SECRET))
			export_column(w, def->fields[i].name, field_type(&def->fields[i]));
	export_row_end(w);
	for (size_t r = 0; r < list->n; r++) {
		const struct record *rec = list->items[r];
		export_number(w, (double)rec->id);
		for (size_t i = 0; i < def->nfields; i++) {
			const struct field_def *f = &def->fields[i];
			const struct value *v = &rec->v[i];
			if (f->flags & FF_SECRET)
				continue;
			/* Absent (private content the reader may not read) and null: empty. */
			if (v->state != V_SET)
				export_cell(w, NULL);
			else if (f->type == FT_INT || f->type == FT_REF || f->type == FT_BOOL)
				export_number(w, (double)v->i);
			else if (f->type == FT_REAL)
				export_number(w, v->r);
			else
				export_cell(w, v->s ? v->s : "");
		}
		export_row_end(w);
	}
	return SC_OK;
}

/* ---- reports as JSON ---------------------------------------------------------------------- */

struct json_cols {
	char names[JSON_COLS_MAX][JSON_NAME_MAX];
	enum export_type types[JSON_COLS_MAX];
	bool typed[JSON_COLS_MAX]; /* a value other than null was seen */
	size_t n;
};

static bool all_digits(const char *s, const char *pattern)
{
	size_t i = 0;
	for (; pattern[i]; i++)
		if (pattern[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != pattern[i])
			return false;
	return s[i] == '\0';
}

/* The type a JSON value shows: a string by its form. */
static enum export_type value_type(json_t *v)
{
	if (json_is_integer(v))
		return XT_INT;
	if (json_is_real(v))
		return XT_REAL;
	if (json_is_boolean(v))
		return XT_BOOL;
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		if (all_digits(s, "dddd-dd-dd"))
			return XT_DATE;
		if (all_digits(s, "dddd-dd-ddTdd:dd:ddZ"))
			return XT_DATETIME;
	}
	return XT_TEXT;
}

/* Two types of one column: the one that holds both. */
static enum export_type merge(enum export_type a, enum export_type b)
{
	if (a == b)
		return a;
	if ((a == XT_INT && b == XT_REAL) || (a == XT_REAL && b == XT_INT))
		return XT_REAL;
	return XT_TEXT;
}

/* Whether column name lies under the object prefix (n bytes): "team.name" under "team". */
static bool under(const char *name, const char *prefix, size_t n)
{
	return strncmp(name, prefix, n) == 0 && name[n] == '.';
}

/*
 * Where a new column name goes: in place of a column of its object that was
 * only ever null (next_session: null, then {"at": ...}), after the other
 * members of its object, or at the end. Returns its index, or cols->n when
 * there is no room.
 */
static size_t place(struct json_cols *cols, const char *name)
{
	size_t at = cols->n;

	for (const char *dot = strchr(name, '.'); dot; dot = strchr(dot + 1, '.')) {
		size_t n = (size_t)(dot - name);
		for (size_t i = 0; i < cols->n; i++) {
			if (!cols->typed[i] && strlen(cols->names[i]) == n &&
			    strncmp(cols->names[i], name, n) == 0)
				return i;
			if (under(cols->names[i], name, n))
				at = i + 1;
		}
		if (at < cols->n)
			break;
	}
	if (cols->n == JSON_COLS_MAX)
		return cols->n;
	memmove(cols->names[at + 1], cols->names[at], (cols->n - at) * sizeof(cols->names[0]));
	memmove(&cols->types[at + 1], &cols->types[at], (cols->n - at) * sizeof(cols->types[0]));
	memmove(&cols->typed[at + 1], &cols->typed[at], (cols->n - at) * sizeof(cols->typed[0]));
	cols->n++;
	return at;
}

static void see(struct json_cols *cols, const char *name, json_t *v)
{
	size_t i = 0;
	while (i < cols->n && strcmp(cols->names[i], name) != 0)
		i++;
	if (i == cols->n) {
		/* A null member of an object whose members are columns already: nothing new. */
		if (json_is_null(v))
			for (size_t k = 0; k < cols->n; k++)
				if (under(cols->names[k], name, strlen(name)))
					return;
		if ((i = place(cols, name)) == JSON_COLS_MAX)
			return;
		snprintf(cols->names[i], JSON_NAME_MAX, "%s", name);
		cols->types[i] = XT_TEXT;
		cols->typed[i] = false;
	}
	if (json_is_null(v))
		return;
	enum export_type t = json_is_array(v) ? XT_TEXT : value_type(v);
	cols->types[i] = cols->typed[i] ? merge(cols->types[i], t) : t;
	cols->typed[i] = true;
}

/* The columns of obj, nested objects' members under prefix "key.". */
static void collect(struct json_cols *cols, json_t *obj, const char *prefix)
{
	const char *key;
	json_t *v;
	char name[JSON_NAME_MAX];

	json_object_foreach(obj, key, v)
	{
		snprintf(name, sizeof(name), "%s%s", prefix, key);
		if (json_is_object(v)) {
			char sub[JSON_NAME_MAX + 1];
			snprintf(sub, sizeof(sub), "%s.", name);
			collect(cols, v, sub);
		} else {
			see(cols, name, v);
		}
	}
}

/* The value at path "a.b" of obj, or NULL. */
static json_t *at_path(json_t *obj, const char *path)
{
	char key[JSON_NAME_MAX];
	const char *dot;

	while (obj && (dot = strchr(path, '.'))) {
		snprintf(key, sizeof(key), "%.*s", (int)(dot - path), path);
		obj = json_object_get(obj, key);
		path = dot + 1;
	}
	return obj && json_is_object(obj) ? json_object_get(obj, path) : NULL;
}

/* An array as one text: its values (an object's name, else its JSON) joined by ", ". */
static char *joined(json_t *arr)
{
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	size_t i;
	json_t *v;

	if (!fp)
		return NULL;
	json_array_foreach(arr, i, v)
	{
		json_t *name = json_is_object(v) ? json_object_get(v, "name") : NULL;
		if (i)
			fputs(", ", fp);
		if (name && json_is_string(name))
			fputs(json_string_value(name), fp);
		else if (json_is_string(v))
			fputs(json_string_value(v), fp);
		else
			json_dumpf(v, fp, JSON_COMPACT | JSON_ENCODE_ANY);
	}
	fclose(fp);
	return out;
}

static void json_cell(struct export_writer *w, json_t *v)
{
	if (!v || json_is_null(v)) {
		export_cell(w, NULL);
	} else if (json_is_number(v)) {
		export_number(w, json_number_value(v));
	} else if (json_is_boolean(v)) {
		export_number(w, json_is_true(v));
	} else if (json_is_string(v)) {
		export_cell(w, json_string_value(v));
	} else if (json_is_array(v)) {
		char *s = joined(v);
		export_cell(w, s ? s : "");
		free(s);
	} else {
		export_cell(w, NULL);
	}
}

enum sc_result export_json_rows(struct export_writer *w, json_t *rows, struct sc_error *err)
{
	struct json_cols *cols = calloc(1, sizeof(*cols));
	size_t r;
	json_t *row;

	if (!cols)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	json_array_foreach(rows, r, row) if (json_is_object(row)) collect(cols, row, "");
	for (size_t c = 0; c < cols->n; c++)
		export_column(w, cols->names[c], cols->types[c]);
	export_row_end(w);
	json_array_foreach(rows, r, row)
	{
		if (!json_is_object(row))
			continue;
		for (size_t c = 0; c < cols->n; c++) {
			json_t *v = at_path(row, cols->names[c]);
			/* A value of another type than its column's is shown as text. */
			if (v && cols->types[c] == XT_TEXT && json_is_number(v)) {
				char num[64];
				snprintf(num, sizeof(num), "%.15g", json_number_value(v));
				export_cell(w, num);
			} else if (v && cols->types[c] == XT_TEXT && json_is_boolean(v)) {
				export_cell(w, json_is_true(v) ? "true" : "false");
			} else {
				json_cell(w, v);
			}
		}
		export_row_end(w);
	}
	free(cols);
	return SC_OK;
}

enum sc_result export_json_compact(json_t *rows, const char *key, struct sc_error *err)
{
	size_t r;
	json_t *row;

	json_array_foreach(rows, r, row)
	{
		json_t *obj = json_object_get(row, key), *v;
		const char *k;
		char *text = NULL;
		size_t len = 0;
		FILE *fp;

		if (!json_is_object(obj))
			continue;
		if (!(fp = open_memstream(&text, &len)))
			return sc_fail(err, SC_NOMEM, NULL, "out of memory");
		bool first = true;
		json_object_foreach(obj, k, v)
		{
			fprintf(fp, "%s%s: ", first ? "" : "; ", k);
			if (json_is_string(v))
				fputs(json_string_value(v), fp);
			else
				json_dumpf(v, fp, JSON_COMPACT | JSON_ENCODE_ANY);
			first = false;
		}
		fclose(fp);
		if (!text || json_object_set_new(row, key, json_string(text))) {
			free(text);
			return sc_fail(err, SC_NOMEM, NULL, "out of memory");
		}
		free(text);
	}
	return SC_OK;
}

enum sc_result export_list_bytes(enum export_format fmt, struct csv_style style, const char *tz,
                                 const char *sheet, const struct entity_def *def,
                                 const struct record_list *list, json_t *rows, char **bytes,
                                 size_t *len, struct sc_error *err)
{
	struct export_writer *w = NULL;
	enum sc_result rc = export_open(fmt, style, tz, sheet, &w, err);

	if (rc != SC_OK)
		return rc;
	rc = def ? export_records(w, def, list, err) : export_json_rows(w, rows, err);
	if (rc != SC_OK) {
		export_abort(w);
		return rc;
	}
	return export_finish(w, bytes, len, err);
}
