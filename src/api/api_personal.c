/*
 * api_personal.c - GET /api/me/export: everything salescoach holds about the
 * signed-in person, their private coaching content included, as one JSON
 * document to save (exchange/personal.h; docs/privacy.md).
 */
#include <stdio.h>

#include "api/api_int.h"
#include "exchange/personal.h"

void api_me_export(struct api_call *c)
{
	char name[96], disposition[160];
	struct sc_error err;
	json_t *doc = NULL;

	sc_error_init(&err);
	if (personal_export(&c->d, c->auth.person, &doc, &err) != SC_OK) {
		api_fail(c, &err);
		return;
	}
	personal_file_name(c->auth.person, c->d.today, name, sizeof(name));
	snprintf(disposition, sizeof(disposition), "attachment; filename=\"%s\"", name);
	/* Personal data: no cache on the way keeps a copy. */
	http_response_header(c->resp, "Cache-Control", "no-store");
	http_response_header(c->resp, "Content-Disposition", disposition);
	api_json(c, 200, doc);
}
