/*
 * api_export.c - lists and reports as CSV and XLSX files (docs/export.md):
 * which format a request asks for, and the answer as an attachment. What is
 * exported is what the handler read through the domain as the caller, so it
 * holds no private content the caller may not read.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_int.h"
#include "http/http.h"

bool api_export_format(struct api_call *c, enum export_format *fmt)
{
	char given[1040]; /* any value a query holds (http_query_each: 1024 bytes a pair) */
	struct sc_error err;

	if (!http_query_get(c->req->query, "format", given, sizeof(given))) {
		const char *accept = c->req->header ? c->req->header(c->req, "Accept") : NULL;
		*fmt = export_format_accept(accept);
		return true;
	}
	if (export_format_parse(given, fmt))
		return true;
	sc_error_init(&err);
	export_format_refuse(given, c->d.lang, &err);
	api_fail(c, &err);
	return false;
}

void api_export_answer(struct api_call *c, enum export_format fmt, const char *name,
                       const struct entity_def *def, const struct record_list *list, json_t *rows,
                       size_t total)
{
	struct csv_style style;
	struct sc_error err;
	char *bytes = NULL, header[128], count[24];
	size_t len = 0;

	sc_error_init(&err);
	/* Reports (alerts, team, programmes) are read whole: past the cap, no file is made. */
	size_t n = def ? list->n : json_array_size(rows);
	if (n > EXPORT_MAX_ROWS) {
		export_too_many(n, c->d.lang, &err);
		api_fail(c, &err);
		return;
	}
	if (csv_style_get(c->st, c->d.org, &style, &err) != SC_OK)
		style = csv_style_of(msg_lang_code(c->d.lang));
	sc_error_init(&err);
	if (export_list_bytes(fmt, style, c->d.tz, name, def, list, rows, &bytes, &len, &err) !=
	    SC_OK) {
		api_fail(c, &err);
		return;
	}
	if (len > API_ANSWER_MAX) {
		free(bytes);
		api_error(c, 500, "internal", NULL, "the export is too large to send");
		return;
	}
	snprintf(header, sizeof(header), "attachment; filename=\"%s.%s\"", name,
	         export_format_name(fmt));
	snprintf(count, sizeof(count), "%zu", total);
	http_response_header(c->resp, "Content-Disposition", header);
	http_response_header(c->resp, "X-Total-Count", count);
	c->resp->status = 200;
	free(c->resp->body);
	c->resp->body = bytes;
	c->resp->body_len = len;
	c->resp->content_type = export_content_type(fmt);
}
