/*
 * api_notify.c - /api/unsubscribe/{secret}: the link at the foot of every
 * e-mail of `salescoach notify` (exchange/notify.h), and the caller's own
 * e-mail choices (/api/me/notifications). Open: the secret (256 random bits,
 * of which only a digest is kept) is the credential. GET changes nothing (mail
 * scanners and link previews open links): it asks, as a short HTML page with a
 * button in the e-mail's language, or as JSON. POST unsubscribes: that button,
 * or a mail client's one-click POST (RFC 8058, "List-Unsubscribe=One-Click"):
 * the person the e-mail went to gets no more e-mails of its kind.
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

/*
 * The answer: text (already in its language) as a page or as JSON. A page
 * that asks (confirm) has a form that POSTs to the same address: no script,
 * no style, which the Content-Security-Policy would refuse.
 */
static void answer(struct api_call *c, int status, enum msg_lang lang, const char *kind,
                   const char *text, bool confirm)
{
	if (!wants_html(c)) {
		json_t *j = status != 200 ? json_pack("{s:{s:s,s:s}}", "error", "code", "not_found",
		                                      "message", text)
		            : confirm
		                    ? json_pack("{s:s,s:s}", "kind", kind, "message", text)
		                    : json_pack("{s:s,s:s}", "unsubscribed", kind, "message", text);
		api_json(c, status, j);
		return;
	}
	/* The texts are the catalogue's own: no markup in them to escape. */
	const char *button = msg_text(lang, "notify.unsubscribe_button");
	size_t n = strlen(text) + strlen(button) + 512;
	char *page = malloc(n);
	if (!page) {
		api_error(c, 500, "internal", NULL, "out of memory");
		return;
	}
	snprintf(page, n,
	         "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
	         "<meta name=\"viewport\" content=\"width=device-width\">"
	         "<title>salescoach</title></head>\n<body><p>%s</p>%s%s%s</body></html>\n",
	         msg_lang_code(lang), text,
	         confirm ? "<form method=\"post\"><button type=\"submit\">" : "",
	         confirm ? button : "", confirm ? "</button></form>" : "");
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
	bool post = !strcmp(c->req->method, "POST");
	char id[64];

	sc_error_init(&err);
	if (c->nsegs == 2 && hex64(c->segs[1]))
		rc = notify_unsubscribe(c->st, c->segs[1], post, &kind, &lang, &err);
	if (rc == SC_NOT_FOUND) {
		/* Whose link it was is unknown: the language the address asks for (?lang). */
		lang = api_lang(c);
		answer(c, 404, lang, "", msg_text(lang, "notify.unsubscribe_unknown"), false);
		return;
	}
	if (rc) {
		api_fail(c, &err);
		return;
	}
	snprintf(id, sizeof(id), "notify.kind.%s", notify_kind_name(kind));
	const struct msg_arg args[] = { { "kind", msg_text(lang, id) } };
	char *text = msg_format(lang, post ? "notify.unsubscribed" : "notify.unsubscribe_confirm",
	                        args, 1);
	if (!text) {
		api_error(c, 500, "internal", NULL, "out of memory");
		return;
	}
	answer(c, 200, lang, notify_kind_name(kind), text, !post);
	free(text);
}

/* The caller's e-mail choices as JSON. */
static json_t *prefs_json(const struct notify_prefs *p)
{
	json_t *o = json_object();
	json_object_set_new(o, "lang", *p->lang ? json_string(p->lang) : json_null());
	for (int k = 0; k < NK_COUNT; k++)
		json_object_set_new(o, notify_kind_name((enum notify_kind)k),
		                    json_boolean(p->on[k]));
	return o;
}

/* The members of body applied to p; false (and 422) for a member of the wrong type. */
static bool prefs_apply(struct api_call *c, json_t *body, struct notify_prefs *p)
{
	static const char *const keys[] = { "lang", "session", "actions", "alerts", NULL };
	json_t *v;

	if (!api_only_keys(c, body, keys))
		return false;
	if ((v = json_object_get(body, "lang"))) {
		if (json_is_null(v)) {
			p->lang[0] = '\0';
		} else if (json_is_string(v) && strlen(json_string_value(v)) < sizeof(p->lang)) {
			snprintf(p->lang, sizeof(p->lang), "%s", json_string_value(v));
		} else {
			api_error(c, 422, "invalid", "lang", "lang must be \"nl\", \"en\" or null");
			return false;
		}
	}
	for (int k = 0; k < NK_COUNT; k++) {
		const char *name = notify_kind_name((enum notify_kind)k);
		if (!(v = json_object_get(body, name)))
			continue;
		if (!json_is_boolean(v)) {
			api_error(c, 422, "invalid", name, "%s must be true or false", name);
			return false;
		}
		p->on[k] = json_is_true(v);
	}
	return true;
}

void api_me_notifications(struct api_call *c)
{
	struct notify_prefs p;
	struct sc_error err;

	sc_error_init(&err);
	if (notify_prefs_get(&c->d, &p, &err)) {
		api_fail(c, &err);
		return;
	}
	if (!strcmp(c->req->method, "PATCH")) {
		json_t *body = api_body(c);
		if (!body)
			return;
		bool ok = prefs_apply(c, body, &p);
		json_decref(body);
		if (!ok)
			return;
		if (notify_prefs_set(&c->d, &p, &err)) {
			api_fail(c, &err);
			return;
		}
	}
	api_json(c, 200, prefs_json(&p));
}
