/*
 * personal_zip.c - the personal-data export as a ZIP file (personal.h): the
 * JSON document whole, and a CSV file per kind of record in the
 * organisation's CSV style (export.h), for someone who reads it in a
 * spreadsheet. The entries are stored, not compressed: a ZIP any program
 * opens, written without a library.
 */
#include "exchange/personal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "base/buf.h"
#include "exchange/export.h"

/* The ZIP being written: the entries' bytes, and the central directory after them. */
struct zip {
	struct buf data, dir;
	unsigned entries;
	unsigned short time, date; /* MS-DOS form, of now */
};

static void le16(struct buf *b, unsigned v)
{
	char c[2] = { (char)(v & 0xff), (char)((v >> 8) & 0xff) };
	buf_put(b, c, 2);
}

static void le32(struct buf *b, unsigned long v)
{
	le16(b, (unsigned)(v & 0xffff));
	le16(b, (unsigned)((v >> 16) & 0xffff));
}

/* One stored entry: a local header, the bytes; its central-directory record. */
static void zip_add(struct zip *z, const char *name, const char *bytes, size_t len)
{
	unsigned long crc = crc32(0L, (const Bytef *)bytes, (uInt)len);
	unsigned long offset = (unsigned long)z->data.len;
	size_t nlen = strlen(name);

	le32(&z->data, 0x04034b50UL);
	le16(&z->data, 20);     /* version needed */
	le16(&z->data, 0x0800); /* names in UTF-8 */
	le16(&z->data, 0);      /* stored */
	le16(&z->data, z->time);
	le16(&z->data, z->date);
	le32(&z->data, crc);
	le32(&z->data, (unsigned long)len);
	le32(&z->data, (unsigned long)len);
	le16(&z->data, (unsigned)nlen);
	le16(&z->data, 0);
	buf_put(&z->data, name, nlen);
	buf_put(&z->data, bytes, len);

	le32(&z->dir, 0x02014b50UL);
	le16(&z->dir, 20); /* made by */
	le16(&z->dir, 20);
	le16(&z->dir, 0x0800);
	le16(&z->dir, 0);
	le16(&z->dir, z->time);
	le16(&z->dir, z->date);
	le32(&z->dir, crc);
	le32(&z->dir, (unsigned long)len);
	le32(&z->dir, (unsigned long)len);
	le16(&z->dir, (unsigned)nlen);
	le16(&z->dir, 0); /* extra */
	le16(&z->dir, 0); /* comment */
	le16(&z->dir, 0); /* disk */
	le16(&z->dir, 0); /* internal attributes */
	le32(&z->dir, 0); /* external attributes */
	le32(&z->dir, offset);
	buf_put(&z->dir, name, nlen);
	z->entries++;
}

/* rows (an array of objects) as name.csv; nothing when there are none. */
static enum sc_result add_csv(struct zip *z, const char *name, json_t *rows, struct csv_style style,
                              const char *tz, struct sc_error *err)
{
	char file[96], *bytes = NULL;
	size_t len = 0;
	enum sc_result rc;

	if (!json_array_size(rows) || !json_is_object(json_array_get(rows, 0)))
		return SC_OK;
	rc = export_list_bytes(EXPORT_CSV, style, tz, name, NULL, NULL, rows, &bytes, &len, err);
	if (rc == SC_OK) {
		snprintf(file, sizeof(file), "%s.csv", name);
		zip_add(z, file, bytes, len);
	}
	free(bytes);
	return rc;
}

/*
 * The records of member key of every relationship as one table, each row
 * led by the relationship's assignment id; the relationships themselves
 * (without those members) as relationships.csv.
 */
static enum sc_result add_relationships(struct zip *z, json_t *rels, struct csv_style style,
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

/* The time and date of now in MS-DOS form, in UTC. */
static void dos_now(struct zip *z)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	z->time = (unsigned short)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
	z->date = (unsigned short)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

enum sc_result personal_zip(json_t *doc, struct csv_style style, const char *tz, char **bytes,
                            size_t *len, struct sc_error *err)
{
	struct zip z = { 0 };
	enum sc_result rc = SC_OK;
	const char *key;
	json_t *v;

	*bytes = NULL;
	*len = 0;
	dos_now(&z);
	char *text = json_dumps(doc, JSON_INDENT(2));
	if (!text)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	zip_add(&z, "personal-data.json", text, strlen(text));
	free(text);
	json_object_foreach(doc, key, v)
	{
		if (rc)
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
	/* The end of the central directory. */
	unsigned long dir_at = (unsigned long)z.data.len, dir_len = (unsigned long)z.dir.len;
	buf_put(&z.data, z.dir.s ? z.dir.s : "", z.dir.len);
	le32(&z.data, 0x06054b50UL);
	le16(&z.data, 0);
	le16(&z.data, 0);
	le16(&z.data, z.entries);
	le16(&z.data, z.entries);
	le32(&z.data, dir_len);
	le32(&z.data, dir_at);
	le16(&z.data, 0);
	if (rc == SC_OK && (z.data.failed || z.dir.failed))
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	buf_release(&z.dir);
	if (rc) {
		buf_release(&z.data);
		return rc;
	}
	*len = z.data.len;
	*bytes = buf_take(&z.data);
	return SC_OK;
}
