/*
 * api_calendar.c - calendar feeds over HTTP (exchange/calendar.h):
 *   GET, POST, DELETE /api/me/calendar   the signed-in person's feed: whether
 *                                        there is one; make or replace it (the
 *                                        address answered once); stop it
 *   GET /api/calendar/{secret}.ics       the feed, without a login: the
 *                                        secret is the credential; ?lang=en|nl
 *   GET /api/sessions/{id}/ics           one session as an invitation, for
 *                                        its coach and coachee
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_int.h"
#include "base/msg.h"
#include "exchange/calendar.h"
#include "exchange/notify.h"

#define ICS_TYPE "text/calendar; charset=utf-8"

/* Answer the calendar text (taken: freed here) with the headers every calendar answer has. */
static void answer_ics(struct api_call *c, char *text, size_t len, const char *filename)
{
	char disposition[96];

	/* A feed's address is a credential: no cache on the way may keep what it opened. */
	http_response_header(c->resp, "Cache-Control", "no-store");
	if (filename) {
		snprintf(disposition, sizeof(disposition), "attachment; filename=\"%s\"", filename);
		http_response_header(c->resp, "Content-Disposition", disposition);
	}
	if (http_response_body(c->resp, ICS_TYPE, text, len) != SC_OK)
		api_error(c, 500, "internal", NULL, "out of memory");
	free(text);
}

/* The feed's whole address as the caller reached this server: scheme, Host, path. */
static json_t *feed_url(struct api_call *c, const char *secret)
{
	const char *host = c->req->header ? c->req->header(c->req, "Host") : NULL;
	char url[512];

	if (!host || !*host || strlen(host) > 255 || strpbrk(host, "/\\ \"<>"))
		host = "localhost";
	snprintf(url, sizeof(url), "%s://%s%s%s%s", c->req->tls ? "https" : "http", host,
	         CALENDAR_PATH, secret, CALENDAR_SUFFIX);
	json_t *s = json_string(url);
	sodium_memzero(url, sizeof(url));
	return s;
}

static void me_calendar_get(struct api_call *c)
{
	char created[TU_INSTANT_LEN];
	struct sc_error err;
	bool exists;

	sc_error_init(&err);
	if (calendar_feed_info(&c->d, &exists, created, &err) != SC_OK) {
		api_fail(c, &err);
		return;
	}
	api_json(c, 200,
	         json_pack("{s:b,s:o}", "active", exists, "created_at",
	                   exists ? json_string(created) : json_null()));
}

static void me_calendar_post(struct api_call *c)
{
	char secret[CALENDAR_SECRET_LEN], created[TU_INSTANT_LEN];
	struct sc_error err;

	/* Nothing to say: a body, if any, must be an empty JSON object. */
	if (c->req->body_len) {
		static const char *const none[] = { NULL };
		json_t *body = api_body(c);
		bool ok = body && api_only_keys(c, body, none);
		json_decref(body);
		if (!ok)
			return;
	}
	sc_error_init(&err);
	if (calendar_feed_rotate(&c->d, secret, created, &err) != SC_OK) {
		api_fail(c, &err);
		return;
	}
	json_t *url = feed_url(c, secret);
	json_t *path = json_sprintf("%s%s%s", CALENDAR_PATH, secret, CALENDAR_SUFFIX);
	api_json(c, 201,
	         json_pack("{s:b,s:s,s:o,s:o,s:s}", "active", true, "created_at", created, "url",
	                   url, "path", path, "secret", secret));
	sodium_memzero(secret, sizeof(secret));
}

static void me_calendar_delete(struct api_call *c)
{
	struct sc_error err;

	sc_error_init(&err);
	if (calendar_feed_stop(&c->d, &err) != SC_OK)
		api_fail(c, &err);
	else
		api_json(c, 204, NULL);
}

void api_me_calendar(struct api_call *c)
{
	if (strcmp(c->req->method, "GET") == 0)
		me_calendar_get(c);
	else if (strcmp(c->req->method, "POST") == 0)
		me_calendar_post(c);
	else
		me_calendar_delete(c);
}

static void unknown_feed(struct api_call *c)
{
	api_error(c, 404, "not_found", NULL,
	          "there is no calendar feed at this address: it was replaced or stopped; its "
	          "owner can make a new one");
}

/*
 * No rate limit on unknown secrets: 256 random bits are not guessed, and
 * the calendar services that fetch feeds come from a few shared addresses,
 * which one stopped feed would otherwise lock out for everyone.
 */
void api_calendar_feed(struct api_call *c)
{
	const char *seg = c->segs[1];
	size_t n = strlen(seg), sn = strlen(CALENDAR_SUFFIX);
	char secret[CALENDAR_SECRET_LEN], *text = NULL;
	struct sc_error err;
	struct domain d;
	int64_t org, person;
	size_t len = 0;
	enum sc_result rc;

	if (n != CALENDAR_SECRET_LEN - 1 + sn || strcmp(seg + n - sn, CALENDAR_SUFFIX) != 0) {
		unknown_feed(c);
		return;
	}
	memcpy(secret, seg, n - sn);
	secret[n - sn] = '\0';
	sc_error_init(&err);
	rc = calendar_feed_find(c->st, secret, &org, &person, &err);
	sodium_memzero(secret, sizeof(secret));
	/* The owner no longer active (or gone) has no feed either. */
	if (rc == SC_OK && (rc = domain_init(&d, c->st, org, &err)) == SC_OK &&
	    (rc = domain_act_as_person(&d, person, &err)) != SC_OK && rc != SC_STORE &&
	    rc != SC_NOMEM)
		rc = SC_NOT_FOUND;
	if (rc == SC_NOT_FOUND) {
		unknown_feed(c);
		return;
	}
	/*
	 * The person's own language (the one they chose for their e-mails), else the
	 * organisation's; the one the address asks for (?lang=en) above both.
	 */
	if (rc == SC_OK)
		rc = notify_person_lang(c->st, org, person, &d.lang, &err);
	char lang[8];
	if (rc == SC_OK && http_query_get(c->req->query, "lang", lang, sizeof(lang)) &&
	    !msg_lang_parse(lang, &d.lang)) {
		api_error_msg(c, 422, "invalid", "lang", "http.lang", NULL);
		return;
	}
	if (rc == SC_OK)
		rc = calendar_feed_ics(&d, &text, &len, &err);
	if (rc != SC_OK) {
		api_fail(c, &err);
		return;
	}
	answer_ics(c, text, len, NULL);
}

void api_session_ics(struct api_call *c)
{
	char *text = NULL, filename[48];
	struct sc_error err;
	size_t len = 0;
	int64_t id;

	if (!api_id(c, c->segs[1], &id))
		return;
	sc_error_init(&err);
	/* The caller's own language, as in their feed, unless the address asks for one. */
	char lang[8];
	if (c->d.actor.person_id && !http_query_get(c->req->query, "lang", lang, sizeof(lang)) &&
	    notify_person_lang(c->st, c->d.org, c->d.actor.person_id, &c->d.lang, &err) != SC_OK) {
		api_fail(c, &err);
		return;
	}
	if (calendar_session_ics(&c->d, id, &text, &len, &err) != SC_OK) {
		api_fail(c, &err);
		return;
	}
	snprintf(filename, sizeof(filename), "session-%lld.ics", (long long)id);
	answer_ics(c, text, len, filename);
}
