/*
 * api_import.c - POST /api/imports?kind=people|teams|results|sessions
 * [&skip_bad=true][&dry_run=true]: a CSV file sent as the body (text/csv),
 * imported as `salescoach import` does (exchange/import.h), by an
 * administrator. Answers the counts and the bad lines: 200 when the file was
 * imported (or checked, dry_run, and found good), 422 with the same report and
 * an error beside it when bad lines kept anything from being imported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/api_int.h"
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
	static const char *const keys[] = { "kind", "skip_bad", "dry_run", "lang", NULL };
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

void api_imports(struct api_call *c)
{
	struct import_opts o = { 0 };
	struct import_report *rep = NULL;
	struct sc_error err;
	const char *type = c->req->header(c->req, "Content-Type");
	FILE *in = NULL;
	char *text = NULL;

	if (!options(c, &o))
		return;
	if (!type || !csv_media_type(type)) {
		api_error(c, 415, "unsupported_media_type", NULL,
		          "send the file as the body with Content-Type: text/csv; charset=utf-8");
		return;
	}
	if (c->req->body_len == 0) {
		api_error(c, 400, "bad_request", NULL,
		          "send the CSV file as the body: its first line names the columns");
		return;
	}
	if (!(rep = calloc(1, sizeof(*rep))) ||
	    !(in = fmemopen((void *)c->req->body, c->req->body_len, "r"))) {
		free(rep);
		api_error(c, 500, "internal", NULL, "out of memory");
		return;
	}
	sc_error_init(&err);
	enum sc_result rc = import_csv(&c->d, in, &o, rep, &err);
	fclose(in);
	if (rc) {
		api_fail(c, &err);
	} else if (!(text = import_report_json(&o, rep))) {
		api_error(c, 500, "internal", NULL, "out of memory");
	} else {
		size_t good = rep->added + rep->updated + rep->unchanged;
		bool refused = rep->bad && (!o.skip_bad || good == 0);
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
	free(rep);
}
