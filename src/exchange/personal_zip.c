/*
 * personal_zip.c - the personal-data export as a ZIP file (personal.h): the
 * JSON document whole, and a CSV file per kind of record in the
 * organisation's CSV style (export.h), for someone who reads it in a
 * spreadsheet. Written with libzip, in memory.
 */
#include "exchange/personal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "exchange/export.h"

/* The ZIP being written; failed once an entry could not be added. */
struct archive {
	zip_t *za;
	bool failed;
};

/* One entry: bytes (malloc'd, owned by the ZIP from here on, also on failure). */
static void entry_add(struct archive *z, const char *name, char *bytes, size_t len)
{
	zip_source_t *src = z->failed ? NULL : zip_source_buffer(z->za, bytes, len, 1);

	if (!src) {
		free(bytes);
		z->failed = true;
		return;
	}
	if (zip_file_add(z->za, name, src, ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(src);
		z->failed = true;
	}
}

/* rows (an array of objects) as name.csv; nothing when there are none. */
static enum sc_result add_csv(struct archive *z, const char *name, json_t *rows,
                              struct csv_style style, const char *tz, struct sc_error *err)
{
	char file[96], *bytes = NULL;
	size_t len = 0;
	enum sc_result rc;

	if (!json_array_size(rows) || !json_is_object(json_array_get(rows, 0)))
		return SC_OK;
	rc = export_list_bytes(EXPORT_CSV, style, tz, name, NULL, NULL, rows, &bytes, &len, err);
	if (rc == SC_OK) {
		snprintf(file, sizeof(file), "%s.csv", name);
		entry_add(z, file, bytes, len); /* bytes now the ZIP's */
		return SC_OK;
	}
	free(bytes);
	return rc;
}

/*
 * The records of member key of every relationship as one table, each row
 * led by the relationship's assignment id; the relationships themselves
 * (without those members) as relationships.csv.
 */
static enum sc_result add_relationships(struct archive *z, json_t *rels, struct csv_style style,
                                        const char *tz, struct sc_error *err)
{
	static const char *const parts[] = { "sessions", "observations",     "actions",
		                             "plans",    "self_assessments", "shares" };
	json_t *heads = json_array();
	enum sc_result rc = SC_OK;
	size_t i;
	json_t *rel;

	json_array_foreach(rels, i, rel)
	{
		json_t *head = json_pack(
		        "{s:O?,s:O?,s:O?,s:O?}", "role", json_object_get(rel, "role"), "assignment",
		        json_object_get(rel, "assignment"), "coach", json_object_get(rel, "coach"),
		        "coachee", json_object_get(rel, "coachee"));
		json_array_append_new(heads, head);
	}
	rc = add_csv(z, "relationships", heads, style, tz, err);
	json_decref(heads);
	for (size_t p = 0; rc == SC_OK && p < sizeof(parts) / sizeof(parts[0]); p++) {
		json_t *rows = json_array();
		json_array_foreach(rels, i, rel)
		{
			json_t *id = json_object_get(json_object_get(rel, "assignment"), "id");
			size_t k;
			json_t *r;
			json_array_foreach(json_object_get(rel, parts[p]), k, r)
			{
				json_t *row = json_pack("{s:O?}", "relationship", id);
				json_object_update(row, r);
				json_array_append_new(rows, row);
			}
		}
		rc = add_csv(z, parts[p], rows, style, tz, err);
		json_decref(rows);
	}
	return rc;
}

/* The bytes the ZIP was written into (src, closed): into *bytes, *len. */
static bool zip_bytes(zip_source_t *src, char **bytes, size_t *len)
{
	zip_int64_t n;
	bool ok = false;

	if (zip_source_open(src) < 0)
		return false;
	if (zip_source_seek(src, 0, SEEK_END) == 0 && (n = zip_source_tell(src)) >= 0 &&
	    zip_source_seek(src, 0, SEEK_SET) == 0 && (*bytes = malloc((size_t)n + 1))) {
		ok = zip_source_read(src, *bytes, (zip_uint64_t)n) == n;
		*len = (size_t)n;
	}
	zip_source_close(src);
	if (!ok) {
		free(*bytes);
		*bytes = NULL;
	}
	return ok;
}

enum sc_result personal_zip(json_t *doc, struct csv_style style, const char *tz, char **bytes,
                            size_t *len, struct sc_error *err)
{
	zip_error_t zerr;
	zip_source_t *src;
	struct archive z = { NULL, false };
	enum sc_result rc = SC_OK;
	const char *key;
	json_t *v;

	*bytes = NULL;
	*len = 0;
	zip_error_init(&zerr);
	if (!(src = zip_source_buffer_create(NULL, 0, 0, &zerr)) ||
	    !(z.za = zip_open_from_source(src, ZIP_TRUNCATE, &zerr))) {
		zip_source_free(src);
		zip_error_fini(&zerr);
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	zip_source_keep(src); /* read after zip_close */
	char *text = json_dumps(doc, JSON_INDENT(2));
	if (text)
		entry_add(&z, "personal-data.json", text, strlen(text));
	else
		z.failed = true;
	json_object_foreach(doc, key, v)
	{
		if (rc || z.failed)
			break;
		if (!strcmp(key, "relationships"))
			rc = add_relationships(&z, v, style, tz, err);
		else if (!strcmp(key, "person")) {
			json_t *one = json_pack("[O]", v);
			rc = add_csv(&z, key, one, style, tz, err);
			json_decref(one);
		} else if (json_is_array(v))
			rc = add_csv(&z, key, v, style, tz, err);
	}
	if (rc || z.failed) {
		zip_discard(z.za);
		zip_source_free(src);
		zip_error_fini(&zerr);
		return rc ? rc : sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	if (zip_close(z.za) < 0) {
		zip_discard(z.za);
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	} else if (!zip_bytes(src, bytes, len)) {
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	zip_source_free(src);
	zip_error_fini(&zerr);
	return rc;
}
