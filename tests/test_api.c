/*
 * test_api.c - the HTTP API's handlers in memory, without sockets, on the
 * demo organisation: logging in, CSRF, bad input, and the access-control
 * matrix (every resource x every role, and every private field tried by
 * everyone who must not see it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <jansson.h>

#include "account.h"
#include "api.h"
#include "api_int.h"
#include "demo.h"
#include "domain.h"
#include "domain_int.h"
#include "org.h"
#include "store.h"
#include "timeutil.h"

/* The people of the matrix: demo logins, plus accounts the fixture adds. */
enum who {
	ANON,      /* no credentials */
	ADMIN,     /* admin@salescoach.example */
	EXEC,      /* Annelies, executive account */
	MGR_COACH, /* Jeroen: manager who coaches his own team (Lotte) */
	REP,       /* Lotte: coached by Jeroen */
	SENIOR,    /* Erik: senior coach of Jesse */
	COACHEE,   /* Jesse: coached by Erik */
	MGR,       /* Mark: Jesse's manager, not his coach */
	OTHER,     /* Linda: another coach (internal) */
	FOREIGN,   /* a user of another organisation */
	NWHO
};

static const char *const emails[NWHO] = {
	[ADMIN] = "admin@salescoach.example",
	[EXEC] = "annelies.devries@vandijk.example",
	[MGR_COACH] = "jeroen.bakker@vandijk.example",
	[REP] = "lotte.mulder@vandijk.example",
	[SENIOR] = "erik.vanleeuwen@vandijk.example",
	[COACHEE] = "jesse.vanwijk@vandijk.example",
	[MGR] = "mark.jansen@vandijk.example",
	[OTHER] = "linda.smit@vandijk.example",
	[FOREIGN] = "olga@elders.example",
};

#define PASSWORD "demo-password"

struct fixture {
	struct store *st;
	struct api api;
	char cookie[NWHO][160]; /* "sc_session=..." */
	char csrf[NWHO][80];
	int64_t jesse_session, jesse_plan, jesse_assignment, lotte_session;
	const char *remote; /* the client address of call() */
};

/* ---- requests in memory ------------------------------------------------------------------- */

struct fake {
	struct http_request req;
	const char *names[4], *values[4];
	size_t n;
};

static const char *fake_header(const struct http_request *req, const char *name)
{
	const struct fake *f = (const struct fake *)req;
	for (size_t i = 0; i < f->n; i++)
		if (strcasecmp(f->names[i], name) == 0)
			return f->values[i];
	return NULL;
}

/* Make a request as who; body may be NULL. Returns the status; *out the JSON body (owned). */
static int call(struct fixture *fx, enum who who, const char *method, const char *target,
                const char *body, json_t **out)
{
	struct fake f = { 0 };
	struct http_response resp;
	char path[512], query[512] = "";
	const char *q = strchr(target, '?');

	snprintf(path, sizeof(path), "%.*s", q ? (int)(q - target) : (int)strlen(target), target);
	if (q)
		snprintf(query, sizeof(query), "%s", q + 1);
	f.req.method = method;
	f.req.path = path;
	f.req.query = query;
	f.req.body = body ? body : "";
	f.req.body_len = body ? strlen(body) : 0;
	f.req.remote = fx->remote ? fx->remote : "192.0.2.1";
	f.req.header = fake_header;
	if (who != ANON && fx->cookie[who][0]) {
		f.names[f.n] = "Cookie";
		f.values[f.n++] = fx->cookie[who];
		f.names[f.n] = "X-CSRF-Token";
		f.values[f.n++] = fx->csrf[who];
	}
	http_response_init(&resp);
	api_handle(&fx->api, &f.req, &resp);
	int status = resp.status;
	if (out) {
		*out = resp.body ? json_loadb(resp.body, resp.body_len, 0, NULL) : NULL;
		if (resp.body && !*out)
			fail_msg("%s %s answered a body that is not JSON: %.200s", method, target,
			         resp.body);
	}
	/* Every error is {"error":{"code","message","field"}}. */
	if (status >= 400) {
		json_t *e = json_loadb(resp.body, resp.body_len, 0, NULL);
		json_t *err = json_object_get(e, "error");
		if (!json_is_string(json_object_get(err, "code")) ||
		    !json_is_string(json_object_get(err, "message")) ||
		    !json_object_get(err, "field"))
			fail_msg("%s %s: error body is not {error:{code,message,field}}: %.200s",
			         method, target, resp.body ? resp.body : "");
		json_decref(e);
	}
	http_response_release(&resp);
	return status;
}

/* The first Set-Cookie of a login, and the CSRF token, for who. */
static void login(struct fixture *fx, enum who who)
{
	struct fake f = { 0 };
	struct http_response resp;
	char body[256];

	snprintf(body, sizeof(body), "{\"email\":\"%s\",\"password\":\"%s\"}", emails[who],
	         PASSWORD);
	f.req.method = "POST";
	f.req.path = "/api/login";
	f.req.query = "";
	f.req.body = body;
	f.req.body_len = strlen(body);
	f.req.remote = "192.0.2.1";
	f.req.header = fake_header;
	http_response_init(&resp);
	api_handle(&fx->api, &f.req, &resp);
	if (resp.status != 200)
		fail_msg("login of %s: %d %.300s", emails[who], resp.status, resp.body);
	for (size_t i = 0; i < resp.nheaders; i++) {
		if (strcasecmp(resp.header_names[i], "Set-Cookie") != 0)
			continue;
		const char *v = resp.header_values[i];
		assert_non_null(strstr(v, "HttpOnly"));
		assert_non_null(strstr(v, "SameSite=Strict"));
		assert_null(strstr(v, "Secure")); /* not over TLS here */
		snprintf(fx->cookie[who], sizeof(fx->cookie[who]), "%.*s", (int)strcspn(v, ";"), v);
	}
	json_t *j = json_loadb(resp.body, resp.body_len, 0, NULL);
	snprintf(fx->csrf[who], sizeof(fx->csrf[who]), "%s",
	         json_string_value(json_object_get(j, "csrf_token")));
	json_decref(j);
	http_response_release(&resp);
	assert_true(fx->cookie[who][0] && fx->csrf[who][0]);
}

static int64_t person_id(struct fixture *fx, int64_t org, const char *email)
{
	const struct entity_def *def = entity_get(E_PERSON);
	struct filter f = { entity_field(def, "email"), FO_EQ, 0, 0, email };
	struct list_opts lo = { &f, 1, FILTER_ID, false, 1, 0 };
	struct record_list l = { 0 };
	assert_int_equal(store_list(fx->st, org, def, &lo, &l, NULL), SC_OK);
	assert_int_equal(l.n, 1);
	int64_t id = l.items[0]->id;
	record_list_release(&l);
	return id;
}

/* The person id of who, in the demo organisation (org 1). */
static int64_t person_of(struct fixture *fx, enum who who)
{
	return person_id(fx, 1, emails[who]);
}

/* The first record of kind whose field equals id. */
static int64_t first_of(struct fixture *fx, int64_t org, enum entity_kind kind, const char *field,
                        int64_t id)
{
	const struct entity_def *def = entity_get(kind);
	struct filter f = { entity_field(def, field), FO_EQ, id, 0, NULL };
	struct list_opts lo = { &f, 1, FILTER_ID, false, 1, 0 };
	struct record_list l = { 0 };
	assert_int_equal(store_list(fx->st, org, def, &lo, &l, NULL), SC_OK);
	assert_int_equal(l.n, 1);
	int64_t r = l.items[0]->id;
	record_list_release(&l);
	return r;
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct sc_error err;
	struct domain d;
	int64_t org, other, id;

	assert_int_equal(store_open_sqlite(":memory:", &fx->st, &err), SC_OK);
	assert_int_equal(demo_load(fx->st, NULL, &org, &err), SC_OK);
	assert_int_equal(api_init(&fx->api, &fx->st, 1, &err), SC_OK);
	/* Jesse and Mark get accounts; so does Olga of another organisation. */
	assert_int_equal(domain_init(&d, fx->st, org, &err), SC_OK);
	assert_int_equal(
	        account_set(&d, person_id(fx, org, emails[COACHEE]), "member", PASSWORD, &id, &err),
	        SC_OK);
	assert_int_equal(
	        account_set(&d, person_id(fx, org, emails[MGR]), "member", PASSWORD, &id, &err),
	        SC_OK);
	assert_int_equal(
	        org_create(fx->st, "Elders BV", "elders", "en", "Europe/Amsterdam", &other, &err),
	        SC_OK);
	assert_int_equal(domain_init(&d, fx->st, other, &err), SC_OK);
	struct record *p = record_new(entity_get(E_PERSON));
	record_put_text(p, "name", "Olga Elders");
	record_put_text(p, "email", emails[FOREIGN]);
	assert_int_equal(domain_add(&d, p, &err), SC_OK);
	assert_int_equal(account_set(&d, p->id, "admin", PASSWORD, &id, &err), SC_OK);
	record_free(&p);

	for (int w = ADMIN; w < NWHO; w++)
		login(fx, (enum who)w);
	int64_t jesse = person_id(fx, org, emails[COACHEE]);
	fx->jesse_assignment = first_of(fx, org, E_ASSIGNMENT, "coachee", jesse);
	fx->jesse_session = first_of(fx, org, E_SESSION, "assignment", fx->jesse_assignment);
	fx->jesse_plan = first_of(fx, org, E_PLAN, "assignment", fx->jesse_assignment);
	fx->lotte_session = first_of(
	        fx, org, E_SESSION, "assignment",
	        first_of(fx, org, E_ASSIGNMENT, "coachee", person_id(fx, org, emails[REP])));
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	api_release(&fx->api);
	store_close(&fx->st);
	free(fx);
	return 0;
}

/* ---- the fixed points ---------------------------------------------------------------------- */

static void test_health_needs_no_login(void **state)
{
	json_t *j = NULL;
	assert_int_equal(call(*state, ANON, "GET", "/api/health", NULL, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "ok");
	json_decref(j);
}

static void test_openapi_document_is_served(void **state)
{
	json_t *j = NULL;
	assert_int_equal(call(*state, ANON, "GET", "/api/openapi.json", NULL, &j), 200);
	assert_non_null(strstr(json_string_value(json_object_get(j, "openapi")), "3.1"));
	assert_non_null(json_object_get(json_object_get(j, "paths"), "/api/health"));
	json_decref(j);
}

static void test_wrong_password_is_401_and_changes_nothing(void **state)
{
	struct fixture *fx = *state;
	json_t *j = NULL;
	int s = call(fx, ANON, "POST", "/api/login",
	             "{\"email\":\"lotte.mulder@vandijk.example\",\"password\":\"guess-guess\"}",
	             &j);
	assert_int_equal(s, 401);
	char m[600];
	snprintf(m, sizeof(m), "%s",
	         json_string_value(json_object_get(json_object_get(j, "error"), "message")));
	json_decref(j);
	/* The same words for an address nobody has: nothing tells which exist. */
	s = call(fx, ANON, "POST", "/api/login",
	         "{\"email\":\"nobody@vandijk.example\",\"password\":\"guess-guess\"}", &j);
	assert_int_equal(s, 401);
	assert_string_equal(
	        json_string_value(json_object_get(json_object_get(j, "error"), "message")), m);
	json_decref(j);
}

static void test_bad_bodies(void **state)
{
	struct fixture *fx = *state;
	json_t *j = NULL;

	assert_int_equal(call(fx, ADMIN, "POST", "/api/teams", "{\"name\":", NULL), 400);
	assert_int_equal(call(fx, ADMIN, "POST", "/api/teams", "[1,2]", NULL), 400);
	assert_int_equal(call(fx, ADMIN, "POST", "/api/teams", "", NULL), 400);
	assert_int_equal(
	        call(fx, ADMIN, "POST", "/api/teams", "{\"name\":\"Zuid\",\"colour\":1}", &j), 422);
	assert_string_equal(
	        json_string_value(json_object_get(json_object_get(j, "error"), "field")), "colour");
	json_decref(j);
	assert_int_equal(call(fx, ADMIN, "POST", "/api/teams", "{\"name\":42}", NULL), 422);
	assert_int_equal(call(fx, ADMIN, "POST", "/api/programmes",
	                      "{\"team\":1,\"model\":\"manager\",\"starts_on\":\"2026-01-01\","
	                      "\"ends_on\":\"2026-12-31\",\"target_hours\":99}",
	                      &j),
	                 422);
	assert_string_equal(
	        json_string_value(json_object_get(json_object_get(j, "error"), "field")),
	        "target_hours");
	json_decref(j);
	/* None of it was stored. */
	assert_int_equal(call(fx, ADMIN, "GET", "/api/teams?name=Zuid", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
	assert_int_equal(call(fx, ADMIN, "GET", "/api/nothing", NULL, NULL), 404);
	assert_int_equal(call(fx, ADMIN, "DELETE", "/api/health", NULL, NULL), 405);
	assert_int_equal(call(fx, ADMIN, "GET", "/api/teams?limit=0", NULL, NULL), 422);
	assert_int_equal(call(fx, ADMIN, "GET", "/api/teams?colour=red", NULL, NULL), 422);
	assert_int_equal(call(fx, ADMIN, "GET", "/api/teams/abc", NULL, NULL), 404);
}

/* Rows of every kind of record of every organisation, logs included. */
static int64_t all_rows(struct fixture *fx)
{
	int64_t total = 0;
	for (int64_t org = 1; org <= 2; org++)
		for (int k = 0; k < E_COUNT; k++) {
			int64_t n = 0;
			assert_int_equal(store_count(fx->st, org, entity_get((enum entity_kind)k),
			                             NULL, 0, &n, NULL),
			                 SC_OK);
			total += n;
		}
	return total;
}

/* The "field" of the error answered last into j; "" when there is none. */
static const char *error_field(json_t *j)
{
	const char *f = json_string_value(json_object_get(json_object_get(j, "error"), "field"));
	return f ? f : "";
}

/*
 * Every field of every kind of record, sent with text that is not UTF-8, a
 * NUL, a control character, or (for one-line fields) a line break: 422
 * naming the field, and nothing stored. The same refusals as the command
 * line's (tests/test_input.c).
 */
static void test_every_field_refuses_bad_text(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		const char *json, *mentions;
		bool one_line_only;
	} bad[] = {
		{ "\"caf\xe9\"", "not UTF-8", false },
		{ "\"\xed\xa0\x80\"", "not UTF-8", false },
		{ "\"a\\u0000b\"", "NUL", false },
		{ "\"a\\u0001b\"", "control character", false },
		{ "\"a\\u001b[31m\"", "control character", false },
		{ "\"a\\u0085b\"", "control character", false },
		{ "\"one\\ntwo\"", "one line", true },
	};
	char path[80], body[200];
	size_t runs = 0;
	int64_t before = all_rows(fx);

	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		if (def->eflags & (EF_READONLY | EF_INTERNAL))
			continue;
		snprintf(path, sizeof(path), "/api/%s", def->plural);
		for (size_t i = 0; i < def->nfields; i++) {
			const struct field_def *f = &def->fields[i];
			if (f->type == FT_INT || f->type == FT_REAL || f->type == FT_REF ||
			    f->type == FT_BOOL)
				continue; /* sent as JSON numbers and booleans */
			for (size_t b = 0; b < sizeof(bad) / sizeof(bad[0]); b++) {
				json_t *j = NULL;
				if (bad[b].one_line_only && entity_text_multiline(f))
					continue;
				snprintf(body, sizeof(body), "{\"%s\":%s}", f->name, bad[b].json);
				int status = call(fx, ADMIN, "POST", path, body, &j);
				if (status != 422 || strcmp(error_field(j), f->name) ||
				    !strstr(json_string_value(json_object_get(
				                    json_object_get(j, "error"), "message")),
				            bad[b].mentions))
					fail_msg("POST %s %s: %d, field '%s', %s; want 422 naming "
					         "%s "
					         "and saying '%s'",
					         path, body, status, error_field(j),
					         json_dumps(j, JSON_COMPACT), f->name,
					         bad[b].mentions);
				json_decref(j);
				runs++;
			}
		}
	}
	assert_true(runs > 300);
	assert_int_equal(all_rows(fx), before);
}

/* Numbers: out of range or not numbers at all, named by their field, not "not valid JSON". */
static void test_numbers_name_their_field(void **state)
{
	struct fixture *fx = *state;
	char path[80];
	json_t *j = NULL;
	int64_t before = all_rows(fx);

	snprintf(path, sizeof(path), "/api/sessions/%lld", (long long)fx->lotte_session);
	assert_int_equal(
	        call(fx, MGR_COACH, "PATCH", path, "{\"minutes\": 99999999999999999999999}", &j),
	        422);
	assert_string_equal(error_field(j), "minutes");
	json_decref(j);
	assert_int_equal(call(fx, MGR_COACH, "PATCH", path, "{\"minutes\": 1e300}", &j), 422);
	assert_string_equal(error_field(j), "minutes");
	json_decref(j);
	assert_int_equal(call(fx, MGR_COACH, "PATCH", path, "{\"minutes\": 60.5}", &j), 422);
	assert_string_equal(error_field(j), "minutes");
	json_decref(j);
	assert_int_equal(call(fx, MGR_COACH, "PATCH", path, "{\"minutes\": \"60\"}", &j), 422);
	assert_string_equal(error_field(j), "minutes");
	json_decref(j);
	/* A key holding NUL or bytes that are not UTF-8 is no field's: not valid JSON. */
	assert_int_equal(call(fx, MGR_COACH, "PATCH", path, "{\"minutes\\u0000x\": 60}", &j), 400);
	json_decref(j);
	assert_int_equal(call(fx, MGR_COACH, "PATCH", path, "{\"min\xffutes\": 60}", &j), 400);
	json_decref(j);
	assert_int_equal(
	        call(fx, MGR_COACH, "PATCH", path, "{\"minutes\": 60, \"no\xe9s\": \"x\"}", &j),
	        400);
	json_decref(j);
	assert_int_equal(call(fx, MGR_COACH, "PATCH", path,
	                      "{\"minutes\": 60, \"notes\": [\"x\", \"caf\xe9\"]}", &j),
	                 422);
	assert_string_equal(error_field(j), "notes");
	json_decref(j);
	assert_int_equal(all_rows(fx), before);
	/* The API and the command line agree on what a whole number in range is. */
	assert_int_equal(call(fx, MGR_COACH, "PATCH", path, "{\"minutes\": 45}", &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "minutes")), 45);
	json_decref(j);
}

/*
 * The writes the pitfall rules depend on, tried as the attacks that once got
 * through: a rep assessing a senior coach "ready", a rep reviewing her own
 * manager's coaching, a coach rating his own coaching, a coachee moving the
 * minutes that the cadence rules count.
 */
static void test_only_the_right_people_write_what_the_rules_read(void **state)
{
	struct fixture *fx = *state;
	char body[400], path[80];
	json_t *j = NULL;
	int64_t before = all_rows(fx);

	snprintf(body, sizeof(body),
	         "{\"candidate\":%lld,\"assessor\":%lld,\"motivation\":5,\"traits\":5,"
	         "\"ability\":5,\"track_record\":5,\"decision\":\"ready\"}",
	         (long long)person_of(fx, SENIOR), (long long)person_of(fx, REP));
	assert_int_equal(call(fx, REP, "POST", "/api/assessments", body, &j), 403);
	json_decref(j);
	snprintf(body, sizeof(body), "{\"manager\":%lld,\"reviewer\":%lld}",
	         (long long)person_of(fx, MGR_COACH), (long long)person_of(fx, REP));
	assert_int_equal(call(fx, REP, "POST", "/api/supervisions", body, &j), 403);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/sessions/%lld", (long long)fx->lotte_session);
	assert_int_equal(call(fx, MGR_COACH, "PATCH", path, "{\"feedback\":5}", &j), 403);
	assert_string_equal(error_field(j), "feedback");
	json_decref(j);
	assert_int_equal(call(fx, REP, "PATCH", path, "{\"minutes\":240}", &j), 403);
	assert_string_equal(error_field(j), "minutes");
	json_decref(j);
	assert_int_equal(all_rows(fx), before);
	/* Each writes their own: the coachee rates, the coach records the facts. */
	assert_int_equal(call(fx, MGR_COACH, "GET", path, NULL, &j), 200);
	int64_t minutes = json_integer_value(json_object_get(j, "minutes"));
	json_decref(j);
	assert_int_equal(call(fx, REP, "PATCH", path, "{\"feedback\":4}", &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "feedback")), 4);
	assert_int_equal(json_integer_value(json_object_get(j, "minutes")), minutes);
	json_decref(j);
	snprintf(body, sizeof(body), "{\"minutes\":%lld}", (long long)minutes);
	assert_int_equal(call(fx, MGR_COACH, "PATCH", path, body, &j), 200);
	json_decref(j);
}

static void test_csrf_is_required_with_a_cookie(void **state)
{
	struct fixture *fx = *state;
	char keep[80];
	snprintf(keep, sizeof(keep), "%s", fx->csrf[ADMIN]);
	snprintf(fx->csrf[ADMIN], sizeof(fx->csrf[ADMIN]), "stale");
	assert_int_equal(call(fx, ADMIN, "POST", "/api/teams", "{\"name\":\"Zuid\"}", NULL), 403);
	snprintf(fx->csrf[ADMIN], sizeof(fx->csrf[ADMIN]), "%s", keep);
	json_t *j = NULL;
	assert_int_equal(call(fx, ADMIN, "GET", "/api/teams?name=Zuid", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
	assert_int_equal(call(fx, ADMIN, "POST", "/api/teams", "{\"name\":\"Zuid\"}", NULL), 201);
}

static void test_unknown_session_cookie_is_401(void **state)
{
	struct fixture *fx = *state;
	char keep[160];
	snprintf(keep, sizeof(keep), "%s", fx->cookie[REP]);
	snprintf(fx->cookie[REP], sizeof(fx->cookie[REP]), "sc_session=%064d", 7);
	assert_int_equal(call(fx, REP, "GET", "/api/me", NULL, NULL), 401);
	snprintf(fx->cookie[REP], sizeof(fx->cookie[REP]), "%s", keep);
	assert_int_equal(call(fx, REP, "GET", "/api/me", NULL, NULL), 200);
}

/* ---- the access-control matrix -------------------------------------------------------------- */

/* GET /api/{plural} for every kind of record, as every role. */
static void test_every_list_as_every_role(void **state)
{
	struct fixture *fx = *state;
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		char path[64];
		if (def->eflags & (EF_INTERNAL | EF_READONLY))
			continue;
		snprintf(path, sizeof(path), "/api/%s", def->plural);
		for (int w = ANON; w < NWHO; w++) {
			int want = 200;
			bool config = k == E_TEAM || k == E_PROGRAMME || k == E_SKILL;
			if (w == ANON)
				want = 401;
			else if (w == EXEC && !config)
				want = 403;
			else if (k == E_SURVEY && w != ADMIN && w != FOREIGN)
				want = 403; /* anonymous answers: aggregates only */
			int got = call(fx, (enum who)w, "GET", path, NULL, NULL);
			if (got != want)
				fail_msg("GET %s as %s: %d, expected %d", path,
				         w == ANON ? "anonymous" : emails[w], got, want);
		}
	}
}

/* The other endpoints, as every role. */
static void test_every_other_endpoint_as_every_role(void **state)
{
	struct fixture *fx = *state;
	/* Expected status per role: ANON ADMIN EXEC MGR_COACH REP SENIOR COACHEE MGR OTHER FOREIGN
	 */
	static const struct {
		const char *path;
		int want[NWHO];
	} table[] = {
		{ "/api/me", { 401, 200, 200, 200, 200, 200, 200, 200, 200, 200 } },
		{ "/api/me/access-log", { 401, 200, 200, 200, 200, 200, 200, 200, 200, 200 } },
		{ "/api/me/tokens", { 401, 200, 200, 200, 200, 200, 200, 200, 200, 200 } },
		{ "/api/me/coachees", { 401, 200, 200, 200, 200, 200, 200, 200, 200, 200 } },
		{ "/api/alerts", { 401, 200, 403, 200, 200, 200, 200, 200, 200, 200 } },
		{ "/api/reports/programmes", { 401, 200, 200, 200, 403, 403, 403, 200, 403, 200 } },
		{ "/api/audit-log", { 401, 200, 403, 403, 403, 403, 403, 403, 403, 200 } },
		{ "/api/access-log", { 401, 200, 403, 403, 403, 403, 403, 403, 403, 200 } },
		{ "/api/accounts", { 401, 200, 403, 403, 403, 403, 403, 403, 403, 200 } },
	};
	for (size_t t = 0; t < sizeof(table) / sizeof(table[0]); t++)
		for (int w = ANON; w < NWHO; w++) {
			int got = call(fx, (enum who)w, "GET", table[t].path, NULL, NULL);
			if (got != table[t].want[w])
				fail_msg("GET %s as %s: %d, expected %d", table[t].path,
				         w == ANON ? "anonymous" : emails[w], got,
				         table[t].want[w]);
		}
}

/* Read one record as who; the status, and whether private field is present. */
static int read_private(struct fixture *fx, enum who w, const char *path, const char *field,
                        bool *present)
{
	json_t *j = NULL;
	int s = call(fx, w, "GET", path, NULL, &j);
	*present = s == 200 && json_object_get(j, field) != NULL;
	json_decref(j);
	return s;
}

/*
 * Lists push the caller's scope down to the store; whatever they answer must be exactly the
 * records the per-record rule lets the caller read, for every kind and role, and the total
 * must count them all whatever the page.
 */
/* Jesse shares the summary of a session of his (not jesse_session) with Mark: the share's id. */
static int64_t share_a_session(struct fixture *fx)
{
	const struct entity_def *sdef = entity_get(E_SESSION);
	struct filter f = { entity_field(sdef, "assignment"), FO_EQ, fx->jesse_assignment, 0,
		            NULL };
	struct list_opts lo = { &f, 1, FILTER_ID, false, 1, 1 };
	struct record_list l = { 0 };
	struct sc_error err;
	struct domain d;

	assert_int_equal(store_list(fx->st, 1, sdef, &lo, &l, &err), SC_OK);
	assert_int_equal(l.n, 1);
	assert_int_not_equal(l.items[0]->id, fx->jesse_session);
	struct record *share = record_new(entity_get(E_SHARE));
	record_put_int(share, "session", l.items[0]->id);
	record_put_int(share, "person", person_of(fx, MGR));
	record_list_release(&l);
	assert_int_equal(domain_init(&d, fx->st, 1, &err), SC_OK);
	assert_int_equal(domain_act_as(&d, emails[COACHEE], &err), SC_OK);
	if (domain_add(&d, share, &err) != SC_OK)
		fail_msg("sharing a session: %s", err.message);
	int64_t id = share->id;
	record_free(&share);
	return id;
}

static void unshare(struct fixture *fx, int64_t share)
{
	struct sc_error err;
	struct domain d;
	assert_int_equal(domain_init(&d, fx->st, 1, &err), SC_OK);
	assert_int_equal(domain_act_as(&d, emails[COACHEE], &err), SC_OK);
	assert_int_equal(domain_remove(&d, entity_get(E_SHARE), share, &err), SC_OK);
}

static void test_lists_hold_exactly_the_readable_records(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	/* With a shared session, so that shares and what they open are listed too. */
	int64_t share = share_a_session(fx);
	for (int w = ADMIN; w < FOREIGN; w++) {
		struct domain d;
		assert_int_equal(domain_init(&d, fx->st, 1, &err), SC_OK);
		assert_int_equal(domain_act_as(&d, emails[w], &err), SC_OK);
		for (int k = 0; k < E_COUNT; k++) {
			const struct entity_def *def = entity_get((enum entity_kind)k);
			struct record_list listed = { 0 }, all = { 0 }, page = { 0 };
			struct list_opts lo = { NULL, 0, FILTER_ID, false, 0, 0 };
			size_t total = 0, want = 0, listed_i = 0;
			if ((def->eflags & EF_INTERNAL) ||
			    domain_access_kind(&d, def, NULL) != SC_OK)
				continue;
			assert_int_equal(domain_list_total(&d, def, &lo, &listed, &total, &err),
			                 SC_OK);
			assert_int_equal(store_list(fx->st, 1, def, &lo, &all, &err), SC_OK);
			for (size_t i = 0; i < all.n; i++) {
				if (domain_access_read(&d, all.items[i], NULL) != SC_OK)
					continue;
				want++;
				if (listed_i >= listed.n ||
				    listed.items[listed_i]->id != all.items[i]->id)
					fail_msg("%s: %s %lld is readable but not listed",
					         emails[w], def->name, (long long)all.items[i]->id);
				listed_i++;
			}
			if (listed.n != want || total != want)
				fail_msg("%s: %zu %s listed, total %zu, %zu readable", emails[w],
				         listed.n, def->plural, total, want);
			/* A page in the middle: the same records, the same total. */
			struct list_opts po = { NULL, 0, FILTER_ID, false, 3, 2 };
			assert_int_equal(domain_list_total(&d, def, &po, &page, &total, &err),
			                 SC_OK);
			assert_int_equal(total, want);
			for (size_t i = 0; i < page.n; i++)
				assert_int_equal(page.items[i]->id, listed.items[i + 2]->id);
			record_list_release(&listed);
			record_list_release(&all);
			record_list_release(&page);
		}
	}
	unshare(fx, share);
}

/*
 * Every list, as every role, is narrowed to what the caller may read in the query itself,
 * so that it costs what the caller may read: none reads the whole organisation to check
 * each record (a rep's observations took seconds on 10,000 reps). The one exception is
 * the sessions shared with the caller, checked among the sessions of their relationships.
 */
static void test_no_list_checks_the_organisation_record_by_record(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	int64_t share = share_a_session(fx);
	for (int w = ADMIN; w < FOREIGN; w++) {
		struct domain d;
		assert_int_equal(domain_init(&d, fx->st, 1, &err), SC_OK);
		assert_int_equal(domain_act_as(&d, emails[w], &err), SC_OK);
		for (int k = 0; k < E_COUNT; k++) {
			const struct entity_def *def = entity_get((enum entity_kind)k);
			struct domain_scope scope;
			if ((def->eflags & EF_INTERNAL) ||
			    domain_access_kind(&d, def, NULL) != SC_OK)
				continue;
			assert_int_equal(domain_access_scope(&d, def, &scope, &err), SC_OK);
			bool shared = k == E_SESSION && w == MGR;
			if (!scope.exact && !shared)
				fail_msg("%s: %s are listed by checking every one", emails[w],
				         def->plural);
			if (shared && scope.exact)
				fail_msg("%s: the sessions shared with them are not checked",
				         emails[w]);
			domain_scope_release(&scope);
		}
	}
	unshare(fx, share);
}

static void test_session_content_only_for_coach_and_coachee(void **state)
{
	struct fixture *fx = *state;
	char path[64];
	static const struct {
		enum who w;
		int status;
		bool content;
	} want[] = {
		{ ANON, 401, false },      { ADMIN, 200, false }, { EXEC, 403, false },
		{ MGR_COACH, 404, false }, { REP, 404, false },   { SENIOR, 200, true },
		{ COACHEE, 200, true },    { MGR, 200, false },   { OTHER, 404, false },
		{ FOREIGN, 404, false },
	};
	snprintf(path, sizeof(path), "/api/sessions/%lld", (long long)fx->jesse_session);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		static const char *const fields[] = { "agenda", "notes" };
		for (size_t f = 0; f < 2; f++) {
			bool present;
			int s = read_private(fx, want[i].w, path, fields[f], &present);
			if (s != want[i].status || present != want[i].content)
				fail_msg("GET %s as %s: %d with%s %s; expected %d with%s", path,
				         want[i].w == ANON ? "anonymous" : emails[want[i].w], s,
				         present ? "" : "out", fields[f], want[i].status,
				         want[i].content ? "" : "out");
		}
	}
}

static void test_plan_is_404_to_everyone_but_the_parties(void **state)
{
	struct fixture *fx = *state;
	char path[64];
	snprintf(path, sizeof(path), "/api/plans/%lld", (long long)fx->jesse_plan);
	for (int w = ANON; w < NWHO; w++) {
		bool present;
		int want = w == ANON                       ? 401
		           : w == EXEC                     ? 403
		           : (w == SENIOR || w == COACHEE) ? 200
		                                           : 404;
		int s = read_private(fx, (enum who)w, path, "goals", &present);
		if (s != want || present != (want == 200))
			fail_msg("GET %s as %s: %d (goals %s), expected %d", path,
			         w == ANON ? "anonymous" : emails[w], s,
			         present ? "shown" : "absent", want);
	}
	/* And lists of plans hold none of Jesse's for those who may not see them. */
	for (int w = ADMIN; w < NWHO; w++) {
		json_t *j = NULL;
		char q[80];
		snprintf(q, sizeof(q), "/api/plans?assignment=%lld",
		         (long long)fx->jesse_assignment);
		int s = call(fx, (enum who)w, "GET", q, NULL, &j);
		size_t n = json_array_size(json_object_get(j, "items"));
		json_decref(j);
		bool party = w == SENIOR || w == COACHEE;
		if (w == EXEC ? s != 403 : s != 200 || (n > 0) != party)
			fail_msg("GET %s as %s: %d with %zu plans", q, emails[w], s, n);
	}
}

/*
 * Every list of every kind with private fields, as every role: a private value may appear
 * only where the caller is the coach or the coachee of its relationship (found here from the
 * data as the local administrator), or the person a session was shared with.
 */
static void test_private_fields_are_never_listed_to_others(void **state)
{
	struct fixture *fx = *state;
	struct domain d;
	struct sc_error err;
	size_t seen = 0;

	assert_int_equal(domain_init(&d, fx->st, 1, &err), SC_OK);
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		char path[64];
		if (!entity_has_private(def) || (def->eflags & EF_INTERNAL))
			continue;
		snprintf(path, sizeof(path), "/api/%s?limit=1000", def->plural);
		for (int w = ADMIN; w < NWHO; w++) {
			json_t *j = NULL, *item;
			size_t i;
			int64_t me = w == FOREIGN ? -1 : person_of(fx, (enum who)w);
			if (call(fx, (enum who)w, "GET", path, NULL, &j) != 200) {
				json_decref(j);
				continue;
			}
			json_array_foreach(json_object_get(j, "items"), i, item)
			{
				bool shown = false;
				for (size_t f = 0; f < def->nfields; f++)
					shown |= (def->fields[f].flags & FF_PRIVATE) &&
					         json_object_get(item, def->fields[f].name);
				if (!shown)
					continue;
				seen++;
				int64_t id = json_integer_value(json_object_get(item, "id"));
				struct record *rec = NULL;
				int64_t coach = 0, coachee = 0;
				assert_int_equal(store_get(fx->st, 1, def, id, &rec, NULL), SC_OK);
				assert_int_equal(domain_parties(&d, rec, &coach, &coachee, &err),
				                 SC_OK);
				record_free(&rec);
				if (me != coach && me != coachee)
					fail_msg("%s lists private content of %s %lld (coach %lld, "
					         "coachee "
					         "%lld)",
					         emails[w], def->name, (long long)id,
					         (long long)coach, (long long)coachee);
			}
			json_decref(j);
		}
	}
	/* The parties did see their own content: the check above had something to check. */
	assert_true(seen > 50);
}

/*
 * Jesse's access log: its total, and in *entry (a new reference, or NULL) the entry of the
 * reads of session by reader.
 */
static json_int_t jesse_log(struct fixture *fx, int64_t reader, int64_t session, json_t **entry)
{
	json_t *j = NULL, *e;
	size_t i;
	assert_int_equal(call(fx, COACHEE, "GET", "/api/me/access-log?limit=1000", NULL, &j), 200);
	json_int_t total = json_integer_value(json_object_get(j, "total"));
	assert_true(total < 1000);
	*entry = NULL;
	json_array_foreach(json_object_get(j, "items"), i, e)
	{
		if (json_integer_value(json_object_get(e, "reader")) == reader &&
		    json_integer_value(json_object_get(e, "record_id")) == session &&
		    strcmp(json_string_value(json_object_get(e, "entity")), "session") == 0 &&
		    !*entry)
			*entry = json_incref(e);
	}
	json_decref(j);
	return total;
}

static void test_reads_of_content_go_to_the_coachees_access_log(void **state)
{
	struct fixture *fx = *state;
	json_t *entry = NULL;
	char path[64];
	int64_t erik = person_of(fx, SENIOR), mark = person_of(fx, MGR);
	snprintf(path, sizeof(path), "/api/sessions/%lld", (long long)fx->jesse_session);

	/* Erik (his coach) read this session in the tests before, within the hour (the clock
	 * stands still): his entry counts every read, the list adds none. */
	json_int_t before = jesse_log(fx, erik, fx->jesse_session, &entry);
	json_int_t reads = entry ? json_integer_value(json_object_get(entry, "reads")) : 0;
	json_decref(entry);
	for (int i = 0; i < 3; i++)
		assert_int_equal(call(fx, SENIOR, "GET", path, NULL, NULL), 200);
	assert_int_equal(call(fx, MGR, "GET", path, NULL, NULL), 200); /* no content: no entry */
	assert_int_equal(jesse_log(fx, erik, fx->jesse_session, &entry), before + (reads == 0));
	assert_non_null(entry);
	assert_string_equal(json_string_value(json_object_get(entry, "reader_name")),
	                    emails[SENIOR]);
	assert_int_equal(json_integer_value(json_object_get(entry, "reads")), reads + 3);
	const char *at = json_string_value(json_object_get(entry, "at"));
	const char *last = json_string_value(json_object_get(entry, "last_at"));
	assert_true(at && last && strcmp(at, last) <= 0);
	assert_non_null(strstr(json_string_value(json_object_get(entry, "fields")), "notes"));
	json_decref(entry);
	assert_int_equal(jesse_log(fx, mark, fx->jesse_session, &entry), before + (reads == 0));
	assert_null(entry);
	/* Someone else's log is not theirs to read. */
	assert_int_equal(call(fx, MGR, "GET", "/api/access-log", NULL, NULL), 403);
}

static void test_a_coachee_shares_a_session_summary_and_revokes_it(void **state)
{
	struct fixture *fx = *state;
	char path[64], body[128], share[64];
	json_t *j = NULL;
	bool present;

	snprintf(path, sizeof(path), "/api/sessions/%lld", (long long)fx->jesse_session);
	assert_int_equal(read_private(fx, MGR, path, "notes", &present), 200);
	assert_false(present);
	/* Only the coachee shares, and not with the coach, who sees it already. */
	snprintf(body, sizeof(body), "{\"session\":%lld,\"person\":%lld}",
	         (long long)fx->jesse_session, (long long)person_of(fx, MGR));
	assert_int_equal(call(fx, SENIOR, "POST", "/api/shares", body, NULL), 403);
	assert_int_equal(call(fx, MGR, "POST", "/api/shares", body, NULL), 403);
	assert_int_equal(call(fx, ADMIN, "POST", "/api/shares", body, NULL), 403);
	assert_int_equal(call(fx, COACHEE, "POST", "/api/shares", body, &j), 201);
	snprintf(share, sizeof(share), "/api/shares/%lld",
	         (long long)json_integer_value(json_object_get(j, "id")));
	json_decref(j);

	assert_int_equal(call(fx, COACHEE, "GET", "/api/me/access-log", NULL, &j), 200);
	json_int_t before = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	assert_int_equal(read_private(fx, MGR, path, "notes", &present), 200);
	assert_true(present);
	assert_int_equal(call(fx, COACHEE, "GET", "/api/me/access-log", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), before + 1);
	json_decref(j);
	/* Shared with Mark, not with anyone else. */
	assert_int_equal(read_private(fx, OTHER, path, "notes", &present), 404);
	assert_int_equal(read_private(fx, ADMIN, path, "notes", &present), 200);
	assert_false(present);

	/* The coachee revokes it; Mark cannot revoke it for her. */
	assert_int_equal(call(fx, MGR, "DELETE", share, NULL, NULL), 403);
	assert_int_equal(call(fx, COACHEE, "DELETE", share, NULL, NULL), 204);
	assert_int_equal(read_private(fx, MGR, path, "notes", &present), 200);
	assert_false(present);
}

static void test_writes_follow_the_roles(void **state)
{
	struct fixture *fx = *state;
	char path[64];
	snprintf(path, sizeof(path), "/api/sessions/%lld", (long long)fx->jesse_session);
	/* The coachee rates the session; the admin and the manager may not touch it. */
	assert_int_equal(call(fx, COACHEE, "PATCH", path, "{\"feedback\":4}", NULL), 200);
	assert_int_equal(call(fx, ADMIN, "PATCH", path, "{\"feedback\":1}", NULL), 403);
	assert_int_equal(call(fx, MGR, "PATCH", path, "{\"feedback\":1}", NULL), 403);
	assert_int_equal(call(fx, OTHER, "PATCH", path, "{\"feedback\":1}", NULL), 404);
	assert_int_equal(call(fx, EXEC, "PATCH", path, "{\"feedback\":1}", NULL), 403);
	json_t *j = NULL;
	assert_int_equal(call(fx, SENIOR, "GET", path, NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "feedback")), 4);
	json_decref(j);
	/* Teams are configured by administrators only. */
	assert_int_equal(call(fx, MGR, "POST", "/api/teams", "{\"name\":\"Eigen\"}", NULL), 403);
	assert_int_equal(call(fx, FOREIGN, "DELETE", path, NULL, NULL), 404);
}

/* The status of GET /api/me with the API token token ("sct_..."); *out (may be NULL) its body. */
static int me_with_token(struct fixture *fx, const char *token, json_t **out)
{
	char auth[160];
	struct fake f = { 0 };
	struct http_response resp;
	snprintf(auth, sizeof(auth), "Bearer %s", token);
	f.req.method = "GET";
	f.req.path = "/api/me";
	f.req.query = "";
	f.req.body = "";
	f.req.remote = "192.0.2.1";
	f.req.header = fake_header;
	f.names[0] = "Authorization";
	f.values[0] = auth;
	f.n = 1;
	http_response_init(&resp);
	api_handle(&fx->api, &f.req, &resp);
	int status = resp.status;
	if (out)
		*out = resp.body ? json_loadb(resp.body, resp.body_len, 0, NULL) : NULL;
	http_response_release(&resp);
	return status;
}

static void test_tokens_work_without_csrf_and_can_be_revoked(void **state)
{
	struct fixture *fx = *state;
	json_t *j = NULL;
	assert_int_equal(call(fx, REP, "POST", "/api/me/tokens", "{\"name\":\"script\"}", &j), 201);
	char token[128], del[64];
	snprintf(token, sizeof(token), "%s", json_string_value(json_object_get(j, "token")));
	snprintf(del, sizeof(del), "/api/me/tokens/%lld",
	         (long long)json_integer_value(json_object_get(j, "id")));
	json_decref(j);

	assert_int_equal(me_with_token(fx, token, &j), 200);
	char *me = json_dumps(j, JSON_COMPACT);
	assert_non_null(strstr(me, emails[REP]));
	free(me);
	json_decref(j);
	assert_int_equal(call(fx, MGR, "DELETE", del, NULL, NULL), 404); /* not Mark's */
	assert_int_equal(call(fx, REP, "DELETE", del, NULL, NULL), 204);
	assert_int_equal(me_with_token(fx, token, NULL), 401);
}

static void test_logins_are_rate_limited(void **state)
{
	struct fixture *fx = *state;
	const char *bad =
	        "{\"email\":\"kees.mulder@kompas-coaching.example\",\"password\":\"wrong-one\"}";
	for (int i = 0; i < 5; i++)
		assert_int_equal(call(fx, ANON, "POST", "/api/login", bad, NULL), 401);
	assert_int_equal(call(fx, ANON, "POST", "/api/login", bad, NULL), 429);
	/* Even the right password waits: the account is locked for the window. */
	assert_int_equal(call(fx, ANON, "POST", "/api/login",
	                      "{\"email\":\"kees.mulder@kompas-coaching.example\",\"password\":"
	                      "\"demo-password\"}",
	                      NULL),
	                 429);
}

static void test_a_session_expires_after_eight_hours(void **state)
{
	struct fixture *fx = *state;
	const char *now = getenv("SALESCOACH_NOW");
	char keep[64];
	snprintf(keep, sizeof(keep), "%s", now ? now : "");
	login(fx, REP);
	assert_int_equal(call(fx, REP, "GET", "/api/me", NULL, NULL), 200);
	/* Eight hours and a minute later by the clock of the program. */
	time_t later = tu_now() + ACCOUNT_SESSION_SECONDS + 60;
	char inst[TU_INSTANT_LEN];
	tu_instant_from_time(later, inst);
	setenv("SALESCOACH_NOW", inst, 1);
	json_t *j = NULL;
	assert_int_equal(call(fx, REP, "GET", "/api/me", NULL, &j), 401);
	assert_non_null(
	        strstr(json_string_value(json_object_get(json_object_get(j, "error"), "message")),
	               "log in again"));
	json_decref(j);
	/* A change with the ended session stores nothing either. */
	assert_int_equal(call(fx, REP, "POST", "/api/me/tokens", "{\"name\":\"late\"}", NULL), 401);
	if (keep[0])
		setenv("SALESCOACH_NOW", keep, 1);
	else
		unsetenv("SALESCOACH_NOW");
	login(fx, REP);
	assert_int_equal(call(fx, REP, "GET", "/api/me/tokens", NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
	json_decref(j);
}

static void test_audit_log_holds_no_secrets(void **state)
{
	struct fixture *fx = *state;
	json_t *j = NULL;
	assert_int_equal(
	        call(fx, ADMIN, "GET", "/api/audit-log?entity=account&limit=1000", NULL, &j), 200);
	assert_true(json_array_size(json_object_get(j, "items")) >= 8);
	char *text = json_dumps(j, 0);
	assert_null(strstr(text, "argon2"));
	assert_null(strstr(text, "password_hash"));
	free(text);
	json_decref(j);
	for (int w = EXEC; w < FOREIGN; w++)
		assert_int_equal(call(fx, (enum who)w, "GET", "/api/audit-log", NULL, NULL), 403);
}

static void test_logins_from_one_address_are_rate_limited(void **state)
{
	struct fixture *fx = *state;
	char body[160];
	/* Many addresses guessed from one client: 20 failures, then 429 for every account. */
	int first429 = -1;
	fx->remote = "198.51.100.7";
	for (int i = 0; i < 25 && first429 < 0; i++) {
		snprintf(body, sizeof(body),
		         "{\"email\":\"guess%d@vandijk.example\",\"password\":\"wrong-one\"}", i);
		if (call(fx, ANON, "POST", "/api/login", body, NULL) == 429)
			first429 = i;
	}
	assert_int_equal(first429, API_RATE_PER_ADDRESS);
	/* The right password of a real account waits too, from that address only. */
	const char *right = "{\"email\":\"linda.smit@vandijk.example\",\"password\":"
	                    "\"demo-password\"}";
	assert_int_equal(call(fx, ANON, "POST", "/api/login", right, NULL), 429);
	fx->remote = NULL;
	assert_int_equal(call(fx, ANON, "POST", "/api/login", right, NULL), 200);
}

static void test_password_change(void **state)
{
	struct fixture *fx = *state;
	json_t *j = NULL;
	assert_int_equal(call(fx, MGR_COACH, "POST", "/api/me/password",
	                      "{\"current_password\":\"not-it-at-all\",\"new_password\":"
	                      "\"a new long password\"}",
	                      NULL),
	                 403);
	assert_int_equal(call(fx, MGR_COACH, "POST", "/api/me/password",
	                      "{\"current_password\":\"demo-password\",\"new_password\":\"short\"}",
	                      &j),
	                 422);
	assert_string_equal(
	        json_string_value(json_object_get(json_object_get(j, "error"), "field")),
	        "new_password");
	json_decref(j);
	/* An API token made before the change, used a moment ago. */
	char token[128];
	assert_int_equal(call(fx, MGR_COACH, "POST", "/api/me/tokens", "{\"name\":\"sync\"}", &j),
	                 201);
	snprintf(token, sizeof(token), "%s", json_string_value(json_object_get(j, "token")));
	json_decref(j);
	assert_int_equal(me_with_token(fx, token, NULL), 200);
	/* A second session of the same account, remembered by the server a moment ago. */
	char first_cookie[160], first_csrf[80];
	snprintf(first_cookie, sizeof(first_cookie), "%s", fx->cookie[MGR_COACH]);
	snprintf(first_csrf, sizeof(first_csrf), "%s", fx->csrf[MGR_COACH]);
	login(fx, MGR_COACH);
	char second_cookie[160];
	snprintf(second_cookie, sizeof(second_cookie), "%s", fx->cookie[MGR_COACH]);
	assert_int_equal(call(fx, MGR_COACH, "GET", "/api/me", NULL, NULL), 200);
	snprintf(fx->cookie[MGR_COACH], sizeof(fx->cookie[MGR_COACH]), "%s", first_cookie);
	snprintf(fx->csrf[MGR_COACH], sizeof(fx->csrf[MGR_COACH]), "%s", first_csrf);
	assert_int_equal(call(fx, MGR_COACH, "POST", "/api/me/password",
	                      "{\"current_password\":\"demo-password\",\"new_password\":"
	                      "\"a new long password\"}",
	                      NULL),
	                 204);
	/* The other session and the token have ended at once. */
	snprintf(fx->cookie[MGR_COACH], sizeof(fx->cookie[MGR_COACH]), "%s", second_cookie);
	assert_int_equal(call(fx, MGR_COACH, "GET", "/api/me", NULL, NULL), 401);
	assert_int_equal(me_with_token(fx, token, NULL), 401);
	snprintf(fx->cookie[MGR_COACH], sizeof(fx->cookie[MGR_COACH]), "%s", first_cookie);
	/* The session that changed it goes on; the old password no longer logs in. */
	assert_int_equal(call(fx, MGR_COACH, "GET", "/api/me", NULL, NULL), 200);
	assert_int_equal(call(fx, ANON, "POST", "/api/login",
	                      "{\"email\":\"jeroen.bakker@vandijk.example\",\"password\":"
	                      "\"demo-password\"}",
	                      NULL),
	                 401);
	assert_int_equal(call(fx, MGR_COACH, "POST", "/api/me/password",
	                      "{\"current_password\":\"a new long password\",\"new_password\":"
	                      "\"demo-password\"}",
	                      NULL),
	                 204);
}

/* Guessing the current password with a stolen cookie is limited like guessing at the login. */
static void test_password_change_is_rate_limited(void **state)
{
	struct fixture *fx = *state;
	json_t *j = NULL;
	const char *guess = "{\"current_password\":\"guess-number-x\",\"new_password\":"
	                    "\"a new long password\"}";

	fx->remote = "192.0.2.77";
	for (int i = 0; i < API_RATE_PER_ACCOUNT; i++)
		assert_int_equal(call(fx, OTHER, "POST", "/api/me/password", guess, NULL), 403);
	assert_int_equal(call(fx, OTHER, "POST", "/api/me/password", guess, &j), 429);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "code")),
	                    "rate_limited");
	json_decref(j);
	/* Even the right password waits: the limit does not tell a guess that hit. */
	assert_int_equal(call(fx, OTHER, "POST", "/api/me/password",
	                      "{\"current_password\":\"demo-password\",\"new_password\":"
	                      "\"a new long password\"}",
	                      NULL),
	                 429);
	fx->remote = NULL;
	assert_int_equal(call(fx, OTHER, "GET", "/api/me", NULL, NULL), 200);
}

static void test_alerts_are_acknowledged_through_the_api(void **state)
{
	struct fixture *fx = *state;
	json_t *j = NULL;
	char id[128], path[256], enc[200];
	size_t o = 0;

	assert_int_equal(call(fx, ADMIN, "GET", "/api/alerts", NULL, &j), 200);
	size_t before = json_array_size(json_object_get(j, "alerts"));
	assert_true(before > 0);
	snprintf(id, sizeof(id), "%s",
	         json_string_value(
	                 json_object_get(json_array_get(json_object_get(j, "alerts"), 0), "id")));
	json_decref(j);
	/* The id's ':' travels percent-encoded, as the OpenAPI document says. */
	for (const char *p = id; *p && o + 4 < sizeof(enc); p++)
		o += (size_t)(*p == ':' ? snprintf(enc + o, sizeof(enc) - o, "%%3A")
		                        : snprintf(enc + o, sizeof(enc) - o, "%c", *p));
	snprintf(path, sizeof(path), "/api/alerts/%s/ack", enc);
	assert_int_equal(call(fx, REP, "POST", path, "{\"reason\":\"mine\"}", NULL), 403);
	assert_int_equal(call(fx, ADMIN, "POST", path, "{}", NULL), 422);
	assert_int_equal(call(fx, ADMIN, "POST", path, "{\"reason\":\"agreed with HR\"}", &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "id")), id);
	json_decref(j);
	assert_int_equal(call(fx, ADMIN, "GET", "/api/alerts", NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "alerts")), before - 1);
	json_decref(j);
	assert_int_equal(call(fx, ADMIN, "GET", "/api/alerts?all=true", NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "alerts")), before);
	json_decref(j);
	assert_int_equal(call(fx, ADMIN, "GET", "/api/alerts?colour=red", NULL, NULL), 422);
	assert_int_equal(call(fx, ADMIN, "GET", "/api/alerts?team=x", NULL, NULL), 422);
	assert_int_equal(call(fx, ADMIN, "POST", "/api/alerts/no-such%3Aalert/ack",
	                      "{\"reason\":\"x\"}", NULL),
	                 404);
}

/* The planners show the rows the caller answers for; the advisor needs no data. */
static void test_planners_and_advisor(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		enum who w;
		size_t managers, seniors;
	} want[] = {
		{ ADMIN, 2, 3 },  { EXEC, 0, 0 }, { MGR_COACH, 1, 0 }, { REP, 0, 0 },
		{ SENIOR, 0, 1 }, { MGR, 0, 3 },  { OTHER, 0, 0 },     { FOREIGN, 0, 0 },
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		json_t *j = NULL;
		assert_int_equal(call(fx, want[i].w, "GET", "/api/plan/capacity", NULL, &j), 200);
		if (json_array_size(json_object_get(j, "managers")) != want[i].managers)
			fail_msg("capacity as %s: %zu managers", emails[want[i].w],
			         json_array_size(json_object_get(j, "managers")));
		json_decref(j);
		assert_int_equal(call(fx, want[i].w, "GET", "/api/plan/leadership", NULL, &j), 200);
		if (json_array_size(json_object_get(j, "coaches")) != want[i].seniors)
			fail_msg("leadership as %s: %zu seniors", emails[want[i].w],
			         json_array_size(json_object_get(j, "coaches")));
		json_decref(j);
	}
	assert_int_equal(call(fx, ANON, "GET", "/api/plan/capacity", NULL, NULL), 401);
	assert_int_equal(call(fx, ADMIN, "GET", "/api/plan/capacity?manager=x", NULL, NULL), 422);
	assert_int_equal(call(fx, ADMIN, "GET", "/api/plan/capacity?colour=red", NULL, NULL), 422);
	assert_int_equal(call(fx, ADMIN, "GET", "/api/plan/incentive?coach=4", NULL, NULL), 422);

	/* The advisor: the first worked example of docs/advisor.md, in English on request. */
	json_t *j = NULL;
	assert_int_equal(call(fx, REP, "POST", "/api/advise?lang=en",
	                      "{\"team_size\":6,\"managers\":1,\"manager_hours_per_week\":6,"
	                      "\"target_hours\":3}",
	                      &j),
	                 200);
	assert_string_equal(json_string_value(json_object_get(j, "lang")), "en");
	assert_non_null(json_object_get(json_object_get(j, "scores"), "manager"));
	json_decref(j);
	assert_int_equal(call(fx, REP, "POST", "/api/advise", "{\"team_size\":\"x\"}", &j), 422);
	assert_string_equal(
	        json_string_value(json_object_get(json_object_get(j, "error"), "field")),
	        "team_size");
	json_decref(j);
	assert_int_equal(call(fx, REP, "POST", "/api/advise?lang=fr", "{}", NULL), 422);
}

static void test_a_new_role_counts_from_the_next_request(void **state)
{
	struct fixture *fx = *state;
	char body[160];
	assert_int_equal(call(fx, REP, "GET", "/api/people", NULL, NULL), 200);
	snprintf(body, sizeof(body),
	         "{\"person\":%lld,\"password\":\"demo-password\",\"role\":\"executive\"}",
	         (long long)person_of(fx, REP));
	assert_int_equal(call(fx, REP, "POST", "/api/accounts", body, NULL), 403);
	assert_int_equal(call(fx, ADMIN, "POST", "/api/accounts", body, NULL), 201);
	/* Setting the password again ends the person's sessions; the next login has the role. */
	assert_int_equal(call(fx, REP, "GET", "/api/people", NULL, NULL), 401);
	login(fx, REP);
	assert_int_equal(call(fx, REP, "GET", "/api/people", NULL, NULL), 403);
	snprintf(body, sizeof(body),
	         "{\"person\":%lld,\"password\":\"demo-password\",\"role\":\"member\"}",
	         (long long)person_of(fx, REP));
	assert_int_equal(call(fx, ADMIN, "POST", "/api/accounts", body, NULL), 201);
	assert_int_equal(call(fx, REP, "GET", "/api/people", NULL, NULL), 401);
	login(fx, REP);
	assert_int_equal(call(fx, REP, "GET", "/api/people", NULL, NULL), 200);
}

static void test_logout_ends_the_session(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(call(fx, OTHER, "POST", "/api/logout", NULL, NULL), 204);
	assert_int_equal(call(fx, OTHER, "GET", "/api/me", NULL, NULL), 401);
	login(fx, OTHER);
	assert_int_equal(call(fx, OTHER, "GET", "/api/me", NULL, NULL), 200);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_health_needs_no_login),
		cmocka_unit_test(test_openapi_document_is_served),
		cmocka_unit_test(test_wrong_password_is_401_and_changes_nothing),
		cmocka_unit_test(test_bad_bodies),
		cmocka_unit_test(test_every_field_refuses_bad_text),
		cmocka_unit_test(test_numbers_name_their_field),
		cmocka_unit_test(test_only_the_right_people_write_what_the_rules_read),
		cmocka_unit_test(test_csrf_is_required_with_a_cookie),
		cmocka_unit_test(test_unknown_session_cookie_is_401),
		cmocka_unit_test(test_every_list_as_every_role),
		cmocka_unit_test(test_every_other_endpoint_as_every_role),
		cmocka_unit_test(test_lists_hold_exactly_the_readable_records),
		cmocka_unit_test(test_no_list_checks_the_organisation_record_by_record),
		cmocka_unit_test(test_session_content_only_for_coach_and_coachee),
		cmocka_unit_test(test_plan_is_404_to_everyone_but_the_parties),
		cmocka_unit_test(test_private_fields_are_never_listed_to_others),
		cmocka_unit_test(test_reads_of_content_go_to_the_coachees_access_log),
		cmocka_unit_test(test_a_coachee_shares_a_session_summary_and_revokes_it),
		cmocka_unit_test(test_writes_follow_the_roles),
		cmocka_unit_test(test_tokens_work_without_csrf_and_can_be_revoked),
		cmocka_unit_test(test_logins_are_rate_limited),
		cmocka_unit_test(test_logins_from_one_address_are_rate_limited),
		cmocka_unit_test(test_password_change),
		cmocka_unit_test(test_password_change_is_rate_limited),
		cmocka_unit_test(test_a_session_expires_after_eight_hours),
		cmocka_unit_test(test_audit_log_holds_no_secrets),
		cmocka_unit_test(test_alerts_are_acknowledged_through_the_api),
		cmocka_unit_test(test_planners_and_advisor),
		cmocka_unit_test(test_a_new_role_counts_from_the_next_request),
		cmocka_unit_test(test_logout_ends_the_session),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
