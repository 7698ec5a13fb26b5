/*
 * api_import.c - POST /api/imports?kind=people|teams|results|sessions
 * [&map=salesforce|hubspot][&skip_bad=true][&dry_run=true]: a CSV file sent
 * as the body (text/csv), or as the part "file" of a form
 * (multipart/form-data) with, optionally, one's own mapping as the part
 * "map", imported as `salescoach import` does (exchange/import.h), by an
 * administrator. map= names a mapping of share/mappings/, embedded in the
 * program (import_map_builtin, shared with the command line). Answers the
 * counts and the bad lines: 200 when the file was imported (or checked,
 * dry_run, and found good), 422 with the same report and an error beside it
 * when bad lines kept anything from being imported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/api_int.h"
#include "api/api_multipart.h"
#include "exchange/import.h"
#include "http/http.h"

/* Whether a Content-Type is text/csv, with a charset, if any, of utf-8. */
static bool csv_media_type(const char *type)
{
	const char *p = type;

	while (*p == ' ' || *p == '\t')
		p++;
	if (strncasecmp(p, "text/csv", 8) != 0)
		return false;
	p += 8;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p)
		return true;
	if (*p != ';')
		return false;
	const char *cs = p;
	while (*cs && strncasecmp(cs, "charset=", 8) != 0)
		cs++;
	if (!*cs)
		return true;
	cs += 8;
	if (*cs == '"')
		cs++;
	return strncasecmp(cs, "utf-8", 5) == 0;
}

/* A query flag: absent or "false" is false, "true" true; else 422 and false in *ok. */
static bool flag(struct api_call *c, const char *key, bool *ok)
{
	char v[8];

	if (!http_query_get(c->req->query, key, v, sizeof(v)))
		return false;
	if (!strcmp(v, "true"))
		return true;
	if (strcmp(v, "false") != 0) {
		api_error(c, 422, "invalid", key, "%s must be true or false", key);
		*ok = false;
	}
	return false;
}

/* The options of the query: kind, skip_bad, dry_run. False when answered. */
static bool options(struct api_call *c, struct import_opts *o)
{
	static const char *const keys[] = { "kind", "map", "skip_bad", "dry_run", "lang", NULL };
	char kind[16];
	bool ok = true;

	if (!api_only_query(c, keys))
		return false;
	if (!http_query_get(c->req->query, "kind", kind, sizeof(kind)) ||
	    !import_kind_parse(kind, &o->kind)) {
		api_error(c, 422, "invalid", "kind",
		          "kind must be people, teams, results or sessions");
		return false;
	}
	o->skip_bad = flag(c, "skip_bad", &ok);
	if (ok)
		o->dry_run = flag(c, "dry_run", &ok);
	return ok;
}

/* An error of the API in the caller's language: id of msg/LANG/import_api.json. */
static void refuse(struct api_call *c, int status, const char *field, const char *id,
                   const char *k1, const char *v1)
{
	struct msg_arg arg = { k1, v1 };
	char *text = msg_format(domain_lang(&c->d), id, &arg, k1 ? 1 : 0);

	if (status == 415)
		api_error(c, status, "unsupported_media_type", field, "%s", text ? text : id);
	else
		api_error(c, status, status == 400 ? "bad_request" : "invalid", field, "%s",
		          text ? text : id);
	free(text);
}

/* What an import reads: the file and, when given, a mapping's text; both borrowed. */
struct import_in {
	const char *file, *map;
	size_t file_len, map_len;
};

/*
 * The built-in mapping called name for kind o->kind into in->map
 * (exchange/import.h: the command line's --map NAME takes the same); false
 * when answered (422: no such name, or none for this kind).
 */
static bool named_map(struct api_call *c, const char *name, const struct import_opts *o,
                      struct import_in *in)
{
	const char *crm = import_map_crm(name);

	if ((in->map = import_map_builtin(name, o->kind))) {
		in->map_len = strlen(in->map);
		return true;
	}
	if (!crm) {
		refuse(c, 422, "map", "import_api.map_unknown", "name", name);
	} else {
		struct msg_arg args[] = {
			{ "crm", crm },
			{ "how", msg_text(domain_lang(&c->d), "import_api.map_own") },
		};
		char *text = msg_format(domain_lang(&c->d), "import.map_kind", args, 2);
		api_error(c, 422, "invalid", "map", "%s", text ? text : "import.map_kind");
		free(text);
	}
	return false;
}

/*
 * The file and mapping of a form: a part "file", and a part "map" (one's own
 * mapping) or none. False when answered (400).
 */
static bool form_parts(struct api_call *c, const char *boundary, struct import_in *in)
{
	struct multipart mp;

	if (!multipart_read(c->req->body, c->req->body_len, boundary, &mp)) {
		refuse(c, 400, NULL, "import_api.form_bad", NULL, NULL);
		return false;
	}
	for (size_t i = 0; i < mp.n; i++) {
		if (strcmp(mp.parts[i].name, "file") != 0 && strcmp(mp.parts[i].name, "map") != 0) {
			refuse(c, 400, mp.parts[i].name, "import_api.part_unknown", "name",
			       mp.parts[i].name);
			return false;
		}
	}
	const struct multipart_part *file = multipart_get(&mp, "file"),
	                            *map = multipart_get(&mp, "map");
	if (!file) {
		refuse(c, 400, "file", "import_api.no_file", NULL, NULL);
		return false;
	}
	in->file = file->data;
	in->file_len = file->len;
	if (map) {
		if (in->map) {
			refuse(c, 422, "map", "import_api.map_twice", NULL, NULL);
			return false;
		}
		in->map = map->data;
		in->map_len = map->len;
	}
	return true;
}

/*
 * The body as the file (text/csv) or as a form (multipart/form-data); a file
 * that is empty, or an Excel workbook, is refused. False when answered.
 */
static bool body_parts(struct api_call *c, struct import_in *in)
{
	const char *type = c->req->header(c->req, "Content-Type");
	char boundary[71];
	bool form = false;

	if (type && multipart_boundary(type, boundary, &form)) {
		if (!form_parts(c, boundary, in))
			return false;
	} else if (form) {
		refuse(c, 400, NULL, "import_api.form_bad", NULL, NULL);
		return false;
	} else if (!type || !csv_media_type(type)) {
		refuse(c, 415, NULL, "import_api.media", NULL, NULL);
		return false;
	} else {
		in->file = c->req->body;
		in->file_len = c->req->body_len;
	}
	if (in->file_len == 0) {
		refuse(c, 400, "file", "import_api.no_body", NULL, NULL);
		return false;
	}
	/* An .xlsx (or any zip) chosen for the CSV: say what to do, not "line 1 is not UTF-8". */
	if (in->file_len >= 4 && memcmp(in->file, "PK\x03\x04", 4) == 0) {
		refuse(c, 422, "file", "import_api.workbook", NULL, NULL);
		return false;
	}
	return true;
}

/* The mapping of in->map into *map; false when answered (422 naming the line at fault). */
static bool read_map(struct api_call *c, const struct import_in *in, struct import_map *map)
{
	struct sc_error err;

	sc_error_init(&err);
	if (import_map_parse(in->map, in->map_len, domain_lang(&c->d), map, &err)) {
		api_fail(c, &err);
		return false;
	}
	if (map->n == 0) {
		refuse(c, 422, "map", "import_api.map_empty", NULL, NULL);
		return false;
	}
	return true;
}

/* Import in's file with o and answer the report. */
static void run(struct api_call *c, const struct import_in *in, struct import_opts *o,
                struct import_report *rep)
{
	struct sc_error err;
	char *text = NULL;
	FILE *f = fmemopen((void *)in->file, in->file_len, "r");

	if (!f) {
		api_error(c, 500, "internal", NULL, "out of memory");
		return;
	}
	sc_error_init(&err);
	enum sc_result rc = import_csv(&c->d, f, o, rep, &err);
	fclose(f);
	if (rc) {
		api_fail(c, &err);
	} else if (!(text = import_report_json(o, rep))) {
		api_error(c, 500, "internal", NULL, "out of memory");
	} else {
		size_t good = rep->added + rep->updated + rep->unchanged;
		bool refused = rep->bad && (!o->skip_bad || good == 0);
		json_error_t je;
		json_t *body = json_loads(text, 0, &je);
		/* A refusal is an error like every other, with the report beside it. */
		if (refused && body)
			json_object_set_new(
			        body, "error",
			        json_pack("{s:s,s:s,s:n}", "code", "invalid", "message",
			                  msg_text(domain_lang(&c->d), "import.nothing_api"),
			                  "field"));
		api_json(c, refused ? 422 : 200, body);
	}
	free(text);
}

void api_imports(struct api_call *c)
{
	struct import_opts o = { 0 };
	struct import_in in = { 0 };
	struct import_report *rep = NULL;
	struct import_map *map = NULL;
	char name[1040]; /* any value a query holds (http_query_each: 1024 bytes a pair) */

	if (!options(c, &o))
		return;
	if (http_query_get(c->req->query, "map", name, sizeof(name))) {
		if (!named_map(c, name, &o, &in))
			return;
	}
	if (!body_parts(c, &in))
		return;
	if (!(rep = calloc(1, sizeof(*rep))) || (in.map && !(map = calloc(1, sizeof(*map))))) {
		free(rep);
		api_error(c, 500, "internal", NULL, "out of memory");
		return;
	}
	if (!in.map || read_map(c, &in, map)) {
		o.map = map;
		run(c, &in, &o, rep);
	}
	free(map);
	free(rep);
}
