/*
 * api_notify.c - GET /api/unsubscribe/{secret}: the link at the foot of every
 * e-mail of `salescoach notify` (exchange/notify.h). Open: the secret (256
 * random bits, of which only a digest is kept) is the credential. The person
 * the e-mail went to gets no more e-mails of its kind; the answer says so in
 * the e-mail's language, as a short HTML page to a browser, else as JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_int.h"
#include "exchange/notify.h"
#include "http/http.h"

static bool hex64(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
			return false;
	return n == NOTIFY_TOKEN_LEN - 1;
}

static bool wants_html(const struct api_call *c)
{
	const char *accept = c->req->header(c->req, "Accept");
	return accept && strstr(accept, "text/html");
}

/* The answer: text (already in its language) as a page or as JSON. */
static void answer(struct api_call *c, int status, enum msg_lang lang, const char *kind,
                   const char *text)
{
	if (!wants_html(c)) {
		json_t *j = status == 200
		                    ? json_pack("{s:s,s:s}", "unsubscribed", kind, "message", text)
		                    : json_pack("{s:{s:s,s:s}}", "error", "code", "not_found",
		                                "message", text);
		api_json(c, status, j);
		return;
	}
	/* The texts are the catalogue's own: no markup in them to escape. */
	size_t n = strlen(text) + 256;
	char *page = malloc(n);
	if (!page) {
		api_error(c, 500, "internal", NULL, "out of memory");
		return;
	}
	snprintf(page, n,
	         "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
	         "<title>salescoach</title></head>\n<body><p>%s</p></body></html>\n",
	         msg_lang_code(lang), text);
	c->resp->status = status;
	http_response_body(c->resp, "text/html; charset=utf-8", page, strlen(page));
	free(page);
}

void api_unsubscribe(struct api_call *c)
{
	enum notify_kind kind = NK_SESSION;
	enum msg_lang lang = MSG_EN;
	struct sc_error err;
	enum sc_result rc = SC_NOT_FOUND;
	char id[64];

	sc_error_init(&err);
	if (c->nsegs == 2 && hex64(c->segs[1]))
		rc = notify_unsubscribe(c->st, c->segs[1], &kind, &lang, &err);
	if (rc == SC_NOT_FOUND) {
		answer(c, 404, MSG_EN, "", msg_text(MSG_EN, "notify.unsubscribe_unknown"));
		return;
	}
	if (rc) {
		api_fail(c, &err);
		return;
	}
	snprintf(id, sizeof(id), "notify.kind.%s", notify_kind_name(kind));
	const struct msg_arg args[] = { { "kind", msg_text(lang, id) } };
	char *text = msg_format(lang, "notify.unsubscribed", args, 1);
	if (!text) {
		api_error(c, 500, "internal", NULL, "out of memory");
		return;
	}
	answer(c, 200, lang, notify_kind_name(kind), text);
	free(text);
}
