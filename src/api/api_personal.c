/*
 * api_personal.c - GET /api/me/export: everything salescoach holds about the
 * signed-in person, their private coaching content included, as one JSON
 * document to save, or with ?format=zip as a ZIP of that document and a CSV
 * file per kind of record (exchange/personal.h; docs/privacy.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_int.h"
#include "exchange/personal.h"
#include "http/http.h"

/* The ZIP of doc (taken) as the answer. */
static void answer_zip(struct api_call *c, json_t *doc)
{
	struct csv_style style;
	struct sc_error err;
	char *bytes = NULL;
	size_t len = 0;

	sc_error_init(&err);
	if (csv_style_get(c->st, c->d.org, &style, &err) != SC_OK)
		style = csv_style_of(msg_lang_code(c->d.lang));
	sc_error_init(&err);
	enum sc_result rc = personal_zip(doc, style, c->d.tz, &bytes, &len, &err);
	json_decref(doc);
	if (rc != SC_OK) {
		api_fail(c, &err);
		return;
	}
	c->resp->status = 200;
	free(c->resp->body);
	c->resp->body = bytes;
	c->resp->body_len = len;
	c->resp->content_type = "application/zip";
}

void api_me_export(struct api_call *c)
{
	static const char *const keys[] = { "format", NULL };
	char name[96], disposition[160], format[16] = "json";
	struct sc_error err;
	json_t *doc = NULL;

	if (!api_only_query(c, keys))
		return;
	if (http_query_get(c->req->query, "format", format, sizeof(format)) &&
	    strcmp(format, "json") != 0 && strcmp(format, "zip") != 0) {
		api_error_msg(c, 422, "invalid", "format", "personal.format", "format", format,
		              NULL);
		return;
	}
	bool zip = strcmp(format, "zip") == 0;
	sc_error_init(&err);
	if (personal_export(&c->d, c->auth.person, false, &doc, &err) != SC_OK) {
		api_fail(c, &err);
		return;
	}
	personal_file_name(c->auth.person, c->d.today, zip ? "zip" : "json", name, sizeof(name));
	snprintf(disposition, sizeof(disposition), "attachment; filename=\"%s\"", name);
	/* Personal data: no cache on the way keeps a copy. */
	http_response_header(c->resp, "Cache-Control", "no-store");
	http_response_header(c->resp, "Content-Disposition", disposition);
	if (zip)
		answer_zip(c, doc);
	else
		api_json(c, 200, doc);
}
