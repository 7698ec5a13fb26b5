/*
 * api_auth.c - logging in and out, the caller's own account (/api/me...),
 * accounts for administrators, and the logs.
 */
#include <ctype.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_int.h"
#include "model/recjson.h"
#include "base/util.h"

static json_t *person_json(struct api_call *c, int64_t id)
{
	struct record *p = NULL;
	json_t *o;
	if (store_get(c->st, c->auth.org, entity_get(E_PERSON), id, &p, NULL) != SC_OK)
		return json_null();
	o = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)p->id, "name", record_text(p, "name"),
	              "email", record_text(p, "email"));
	record_free(&p);
	return o;
}

static json_t *roles_json(unsigned roles)
{
	json_t *a = json_array();
	for (unsigned bit = ROLE_ADMIN; bit <= ROLE_REP; bit <<= 1)
		if (roles & bit)
			json_array_append_new(a, json_string(domain_role_name(bit)));
	return a;
}

/* One count that limits guessing: its key and the failures it allows in a window. */
struct rate_limit {
	const char *key;
	unsigned max;
};

/*
 * Limit guessing a password: true when every count of limits (n of them)
 * allows a try now; else answers 429 with Retry-After (the longest wait),
 * saying what was tried too often.
 */
static bool rate_check(struct api_call *c, const struct rate_limit *limits, size_t n,
                       const char *what)
{
	long retry = 0, wait;
	bool ok = true;
	char secs[24];

	for (size_t i = 0; i < n; i++) {
		if (api_rate_allowed(c->api, limits[i].key, limits[i].max, &wait))
			continue;
		ok = false;
		retry = wait > retry ? wait : retry;
	}
	if (ok)
		return true;
	snprintf(secs, sizeof(secs), "%ld", retry);
	http_response_header(c->resp, "Retry-After", secs);
	api_error(c, 429, "rate_limited", NULL, "too many %s; try again in %ld minutes", what,
	          (retry + 59) / 60);
	return false;
}

/* rate_check of the account key akey and the address key rkey. */
static bool rate_allowed(struct api_call *c, const char *akey, const char *rkey, const char *what)
{
	const struct rate_limit limits[] = { { akey, API_RATE_PER_ACCOUNT },
		                             { rkey, API_RATE_PER_ADDRESS } };
	return rate_check(c, limits, 2, what);
}

void api_login(struct api_call *c)
{
	static const char *const keys[] = { "email", "password", "organisation", NULL };
	char akey[API_RATE_KEY_MAX], ckey[API_RATE_KEY_MAX], rkey[80], cookie[256];
	struct sc_error err;
	json_t *body = api_body(c);
	const char *email, *password, *slug = NULL;

	if (!body)
		return;
	if (!api_only_keys(c, body, keys) || !(email = api_string(c, body, "email", 254)) ||
	    !(password = api_string(c, body, "password", ACCOUNT_PASSWORD_MAX)))
		goto out;
	if (json_object_get(body, "organisation") &&
	    !(slug = api_string(c, body, "organisation", 63)))
		goto out;
	/*
	 * Failures count for the account from this address, so that a stranger's
	 * guesses do not lock its owner out elsewhere; from the address, against
	 * one client trying many accounts; and for the account from everywhere,
	 * with a far higher ceiling, against guesses spread over many addresses.
	 * The address comes first: it holds no '/', so no two pairs make one key.
	 */
	snprintf(akey, sizeof(akey), "a:%s/%s", c->req->remote, email);
	snprintf(ckey, sizeof(ckey), "A:%s", email);
	for (char *p = akey; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	for (char *p = ckey; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	snprintf(rkey, sizeof(rkey), "r:%s", c->req->remote);
	const struct rate_limit limits[] = { { akey, API_RATE_PER_ACCOUNT },
		                             { rkey, API_RATE_PER_ADDRESS },
		                             { ckey, API_RATE_PER_ACCOUNT_ALL } };
	if (!rate_check(c, limits, ARRAY_SIZE(limits), "failed logins"))
		goto out;
	sc_error_init(&err);
	struct account_auth auth;
	enum sc_result rc =
	        account_login(c->st, email, password, slug, c->req->remote, &auth, &err);
	if (rc == SC_FORBIDDEN) {
		for (size_t i = 0; i < ARRAY_SIZE(limits); i++)
			api_rate_failed(c->api, limits[i].key);
		api_error(c, 401, "unauthorized", NULL, "%s", err.message);
		goto out;
	}
	if (rc == SC_OK && (rc = domain_init(&c->d, c->st, auth.org, &err)) == SC_OK)
		rc = domain_act_as_person(&c->d, auth.person, &err);
	if (rc) {
		api_fail(c, &err);
		goto out;
	}
	api_rate_reset(c->api, akey);
	c->auth = auth;
	snprintf(cookie, sizeof(cookie),
	         "sc_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s", auth.secret,
	         ACCOUNT_SESSION_SECONDS, c->req->tls ? "; Secure" : "");
	http_response_header(c->resp, "Set-Cookie", cookie);
	api_json(c, 200,
	         json_pack("{s:o,s:o,s:s}", "person", person_json(c, auth.person), "roles",
	                   roles_json(c->d.actor.roles), "csrf_token", auth.csrf));
	sodium_memzero(&auth, sizeof(auth));
out:
	json_decref(body);
}

void api_logout(struct api_call *c)
{
	struct sc_error err;
	sc_error_init(&err);
	if (c->authenticated && c->auth.login &&
	    account_logout(c->st, c->auth.org, c->auth.login, &err) != SC_OK) {
		api_fail(c, &err);
		return;
	}
	if (c->authenticated && c->auth.login)
		api_auth_forget(c->api, c->auth.login, 0, 0);
	http_response_header(c->resp, "Set-Cookie",
	                     "sc_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	api_json(c, 204, NULL);
}

void api_me(struct api_call *c)
{
	struct org *orgs = NULL;
	size_t n = 0;
	const char *org_name = "";
	if (store_org_list(c->st, &orgs, &n, NULL) == SC_OK)
		for (size_t i = 0; i < n; i++)
			if (orgs[i].id == c->auth.org)
				org_name = orgs[i].name;
	/*
	 * The time zone and today's date let a client show times as the command
	 * line does; the CSRF token lets a page opened again after the login go on
	 * with its cookie (only the same origin can read this answer).
	 */
	json_t *me = json_pack(
	        "{s:o,s:o,s:{s:I,s:s,s:s,s:s}}", "person", person_json(c, c->auth.person), "roles",
	        roles_json(c->d.actor.roles), "organisation", "id", (json_int_t)c->auth.org, "name",
	        org_name, "timezone", c->d.tz, "today", c->d.today);
	if (me && c->auth.login)
		json_object_set_new(me, "csrf_token", json_string(c->auth.csrf));
	/*
	 * The coaches the caller answered the pulse survey about this round: their
	 * own ballots (whom, never what), so the survey page says so before the form.
	 */
	struct sc_error err;
	char round[8];
	int64_t *coaches = NULL;
	size_t ncoaches = 0;
	sc_error_init(&err);
	if (domain_survey_answered(&c->d, round, &coaches, &ncoaches, &err)) {
		json_decref(me);
		free(orgs);
		api_fail(c, &err);
		return;
	}
	json_t *answered = json_array();
	for (size_t i = 0; i < ncoaches; i++)
		json_array_append_new(answered, json_integer((json_int_t)coaches[i]));
	json_object_set_new(me, "survey",
	                    json_pack("{s:s,s:o}", "round", round, "answered", answered));
	free(coaches);
	api_json(c, 200, me);
	free(orgs);
}

void api_me_password(struct api_call *c)
{
	static const char *const keys[] = { "current_password", "new_password", NULL };
	struct sc_error err;
	json_t *body = api_body(c);
	const char *cur, *pw;

	if (!body)
		return;
	/*
	 * Guessing the current password here, with a stolen cookie, is limited as
	 * guessing it at the login is: the same count per account and per address.
	 */
	char akey[40], rkey[160];
	snprintf(akey, sizeof(akey), "p:%lld", (long long)c->auth.account);
	snprintf(rkey, sizeof(rkey), "r:%s", c->req->remote);
	if (!rate_allowed(c, akey, rkey, "wrong current passwords"))
		goto out;
	if (api_only_keys(c, body, keys) &&
	    (cur = api_string(c, body, "current_password", ACCOUNT_PASSWORD_MAX)) &&
	    (pw = api_string(c, body, "new_password", ACCOUNT_PASSWORD_MAX))) {
		sc_error_init(&err);
		enum sc_result rc = account_change_password(&c->d, cur, pw, c->auth.login, &err);
		if (rc == SC_FORBIDDEN) {
			api_rate_failed(c->api, akey);
			api_rate_failed(c->api, rkey);
		}
		if (rc == SC_INVALID && strcmp(err.field, "password") == 0)
			snprintf(err.field, sizeof(err.field), "new_password");
		if (rc) {
			api_fail(c, &err);
		} else {
			/* The other sessions of the account have ended. */
			api_auth_forget(c->api, 0, 0, c->auth.account);
			api_rate_reset(c->api, akey);
			api_json(c, 204, NULL);
		}
	}
out:
	json_decref(body);
}

/* Something added to each item of a page: the record and its JSON object. */
typedef void (*page_mark)(struct api_call *c, const struct record *rec, json_t *obj);

/*
 * Whether an export of the whole of lo (no limit) holds at most
 * EXPORT_MAX_ROWS rows; else refused in the caller's language. Counted
 * before anything is read, without content (nothing private is read, nothing
 * logged), so that the log a person has gathered over the years is never
 * read into memory at once.
 */
static bool export_count_ok(struct api_call *c, const struct entity_def *def,
                            const struct list_opts *lo)
{
	struct record_list none = { 0 };
	struct list_opts count = *lo;
	struct sc_error err;
	size_t total = 0;
	int64_t n = 0;
	enum sc_result rc;

	sc_error_init(&err);
	count.limit = 1;
	count.no_content = true;
	if (!(def->eflags & EF_INTERNAL)) {
		rc = domain_list_total(&c->d, def, &count, &none, &total, &err);
	} else {
		rc = store_count(c->st, c->auth.org, def, lo->filters, lo->nfilters, &n, &err);
		total = (size_t)n;
	}
	record_list_release(&none);
	if (rc == SC_OK && total - (lo->offset < total ? lo->offset : total) > EXPORT_MAX_ROWS)
		rc = export_too_many(total, c->d.lang, &err);
	if (rc != SC_OK)
		api_fail(c, &err);
	return rc == SC_OK;
}

/*
 * Records of def that meet f, as a page, newest first: through the domain's
 * rules of who reads what (domain_list), or, for the internal kinds that
 * have no such rule (a person's own security log), read as stored.
 */
static void list_page(struct api_call *c, const struct entity_def *def, struct filter *f, size_t nf,
                      page_mark mark)
{
	struct record_list list = { 0 };
	struct sc_error err;
	size_t limit, offset, total = 0;
	enum sc_result rc;
	enum export_format fmt;

	/* An export (docs/export.md) is the whole log unless limit or offset say otherwise. */
	if (!api_export_format(c, &fmt) ||
	    !(fmt == EXPORT_JSON ? api_paging(c, &limit, &offset)
	                         : api_paging_upto(c, 0, EXPORT_MAX_ROWS, &limit, &offset)))
		return;
	struct list_opts lo = { f, nf, FILTER_ID, true, limit, offset };
	sc_error_init(&err);
	int64_t n = 0;
	if (fmt != EXPORT_JSON && limit == 0 && !export_count_ok(c, def, &lo))
		return;
	if (!(def->eflags & EF_INTERNAL)) {
		rc = domain_list_total(&c->d, def, &lo, &list, &total, &err);
	} else {
		rc = store_list(c->st, c->auth.org, def, &lo, &list, &err);
		if (rc == SC_OK)
			rc = store_count(c->st, c->auth.org, def, f, nf, &n, &err);
		total = (size_t)n;
	}
	if (rc) {
		record_list_release(&list);
		api_fail(c, &err);
		return;
	}
	json_t *items = recjson_array(&list, RJ_OMIT);
	for (size_t i = 0; items && mark && i < list.n; i++)
		mark(c, list.items[i], json_array_get(items, i));
	record_list_release(&list);
	if (fmt != EXPORT_JSON && items) {
		char name[64];
		snprintf(name, sizeof(name), "%s", c->resp->route ? c->resp->route : def->plural);
		for (char *p = name; *p; p++)
			*p = *p == '.' ? '-' : *p;
		api_export_answer(c, fmt, name, NULL, NULL, items, total);
		json_decref(items);
		return;
	}
	api_json(c, 200, api_page(items, limit, offset, total));
}

/* after_reset of an entry of the coachee's access log (account_read_after_reset). */
static void mark_after_reset(struct api_call *c, const struct record *read, json_t *obj)
{
	bool after = false;
	account_read_after_reset(&c->d, read, &after, NULL);
	json_object_set_new(obj, "after_reset", json_boolean(after));
}

void api_me_access_log(struct api_call *c)
{
	const struct entity_def *def = entity_get(E_ACCESS);
	struct filter f = { entity_field(def, "subject"), FO_EQ, c->auth.person, 0, NULL };
	/* The caller's own log: the domain shows everyone the reads of their own content. */
	list_page(c, def, &f, 1, mark_after_reset);
}

void api_me_security_log(struct api_call *c)
{
	const struct entity_def *def = entity_get(E_SECURITY);
	struct filter f = { entity_field(def, "person"), FO_EQ, c->auth.person, 0, NULL };
	list_page(c, def, &f, 1, NULL);
}

void api_setup(struct api_call *c)
{
	static const char *const keys[] = { "token", "password", NULL };
	char rkey[160];
	struct sc_error err;
	json_t *body = api_body(c);
	const char *token, *password;

	if (!body)
		return;
	/* A setup secret is 256 random bits; the limit keeps the server from being a guessing
	 * oracle all the same. */
	snprintf(rkey, sizeof(rkey), "s:%s", c->req->remote);
	const struct rate_limit limit = { rkey, API_RATE_PER_ADDRESS };
	if (!rate_check(c, &limit, 1, "unusable setup links"))
		goto out;
	if (!api_only_keys(c, body, keys) || !(token = api_string(c, body, "token", 128)) ||
	    !(password = api_string(c, body, "password", ACCOUNT_PASSWORD_MAX)))
		goto out;
	sc_error_init(&err);
	enum sc_result rc = account_use_setup(c->st, token, password, &err);
	if (rc == SC_FORBIDDEN) {
		api_rate_failed(c->api, rkey);
		api_error(c, 403, "forbidden", "token", "%s", err.message);
	} else if (rc) {
		api_fail(c, &err);
	} else {
		api_json(c, 204, NULL);
	}
out:
	json_decref(body);
}

void api_logs(struct api_call *c, enum entity_kind kind)
{
	api_entity_list(c, entity_get(kind), true);
}

static json_t *token_json(const struct record *t)
{
	const char *used = record_text(t, "last_used_at");
	return json_pack("{s:I,s:s,s:s,s:o}", "id", (json_int_t)t->id, "name",
	                 record_text(t, "name"), "created_at", t->created_at, "last_used_at",
	                 used ? json_string(used) : json_null());
}

void api_me_tokens(struct api_call *c)
{
	static const char *const keys[] = { "name", NULL };
	struct sc_error err;
	enum sc_result rc;
	sc_error_init(&err);

	if (strcmp(c->req->method, "GET") == 0) {
		struct record_list list = { 0 };
		if ((rc = account_token_list(&c->d, &list, &err))) {
			api_fail(c, &err);
		} else {
			json_t *items = json_array();
			for (size_t i = 0; i < list.n; i++)
				json_array_append_new(items, token_json(list.items[i]));
			api_json(c, 200, json_pack("{s:o}", "items", items));
		}
		record_list_release(&list);
		return;
	}
	if (strcmp(c->req->method, "DELETE") == 0) {
		int64_t id;
		if (!api_id(c, c->segs[2], &id))
			return;
		if ((rc = account_token_revoke(&c->d, id, &err))) {
			api_fail(c, &err);
		} else {
			api_auth_forget(c->api, 0, id, 0);
			api_json(c, 204, NULL);
		}
		return;
	}
	json_t *body = api_body(c);
	const char *name;
	if (!body)
		return;
	if (api_only_keys(c, body, keys) && (name = api_string(c, body, "name", 100))) {
		char secret[ACCOUNT_TOKEN_LEN];
		struct record *tok = NULL;
		if ((rc = account_token_create(&c->d, name, secret, &tok, &err))) {
			api_fail(c, &err);
		} else {
			json_t *o = token_json(tok);
			json_object_del(o, "last_used_at");
			json_object_set_new(o, "token", json_string(secret));
			api_json(c, 201, o);
		}
		sodium_memzero(secret, sizeof(secret));
		record_free(&tok);
	}
	json_decref(body);
}

static json_t *account_json(const struct record *a)
{
	return json_pack("{s:I,s:I,s:s,s:s}", "id", (json_int_t)a->id, "person",
	                 (json_int_t)record_int(a, "person"), "role", record_text(a, "role"),
	                 "created_at", a->created_at);
}

void api_accounts(struct api_call *c)
{
	static const char *const keys[] = { "person", "role", NULL };
	const struct entity_def *def = entity_get(E_ACCOUNT);
	struct sc_error err;
	enum sc_result rc;

	if (!(c->d.actor.roles & ROLE_ADMIN)) {
		api_error(c, 403, "forbidden", NULL, "accounts are kept by administrators");
		return;
	}
	sc_error_init(&err);
	if (strcmp(c->req->method, "GET") == 0) {
		struct record_list list = { 0 };
		struct list_opts lo = { NULL, 0, FILTER_ID, false, 0, 0 };
		if ((rc = store_list(c->st, c->auth.org, def, &lo, &list, &err))) {
			api_fail(c, &err);
		} else {
			json_t *items = json_array();
			for (size_t i = 0; i < list.n; i++)
				json_array_append_new(items, account_json(list.items[i]));
			api_json(c, 200, json_pack("{s:o}", "items", items));
		}
		record_list_release(&list);
		return;
	}
	json_t *body = api_body(c), *person;
	const char *role = "member";
	if (!body)
		return;
	if (json_object_get(body, "password")) {
		api_error(c, 422, "invalid", "password",
		          "nobody sets another person's password: send person and role, and give "
		          "the person the setup token of the answer, with which they choose "
		          "their own");
		goto out;
	}
	if (!api_only_keys(c, body, keys))
		goto out;
	person = json_object_get(body, "person");
	if (!json_is_integer(person)) {
		api_error(
		        c, 422, "invalid", "person",
		        "person must be the id (a whole number) of the person the account is for");
		goto out;
	}
	if (json_object_get(body, "role") && !(role = api_string(c, body, "role", 20)))
		goto out;
	int64_t id = 0;
	char secret[ACCOUNT_SECRET_LEN], expires[TU_INSTANT_LEN];
	bool reset = false;
	if ((rc = account_issue_setup(&c->d, json_integer_value(person), role, secret, expires, &id,
	                              &reset, &err))) {
		api_fail(c, &err);
		goto out;
	}
	/* Sessions and tokens of a reset account have ended; a new role counts at once. */
	api_auth_forget(c->api, 0, 0, id);
	struct record *a = NULL;
	if ((rc = store_get(c->st, c->auth.org, def, id, &a, &err))) {
		api_fail(c, &err);
	} else {
		json_t *obj = account_json(a);
		json_object_set_new(obj, "reset", json_boolean(reset));
		json_object_set_new(obj, "setup",
		                    json_pack("{s:s,s:s,s:s}", "token", secret, "expires_at",
		                              expires, "use",
		                              "POST /api/setup with {\"token\", \"password\"}"));
		json_object_set_new(
		        obj, "warning",
		        json_string(
		                "Give this token to the person only, the same day: with it they "
		                "choose their own password. It works once, for 24 hours. Using it "
		                "yourself is recorded in their security log and marks every read "
		                "of coaching content in the next hour in their coachees' access "
		                "logs."));
		api_json(c, 201, obj);
	}
	sodium_memzero(secret, sizeof(secret));
	record_free(&a);
out:
	json_decref(body);
}
