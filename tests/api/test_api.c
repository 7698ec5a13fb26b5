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
#include <math.h>

#include "domain/account.h"
#include "api/api.h"
#include "api/api_int.h"
#include "seed/demo.h"
#include "domain/domain.h"
#include "domain/domain_int.h"
#include "domain/org.h"
#include "store/store.h"
#include "base/timeutil.h"

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

/* The status of a login as Jeroen with password. */
#define jeroen_login(password)                                                                     \
	call(fx, ANON, "POST", "/api/login",                                                       \
	     "{\"email\":\"jeroen.bakker@vandijk.example\",\"password\":\"" password "\"}", NULL)

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
 * line's (tests/cli/test_input.c).
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

/* How many alerts of rule the administrator sees. */
static size_t alerts_of(struct fixture *fx, const char *rule)
{
	char path[120];
	json_t *j = NULL;
	snprintf(path, sizeof(path), "/api/alerts?rule=%s", rule);
	assert_int_equal(call(fx, ADMIN, "GET", path, NULL, &j), 200);
	size_t n = json_array_size(json_object_get(j, "alerts"));
	json_decref(j);
	return n;
}

/*
 * The attack: a coachee posted 30 answers about her external coach, and seen-as-spy
 * went quiet. One answer per coachee per coach per round; the ballot that counts it
 * says nothing about the answer.
 */
static void test_one_survey_answer_per_coachee_per_round(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	struct domain d;
	int64_t kees = person_id(fx, 1, "kees.mulder@kompas-coaching.example");
	int64_t coach = first_of(fx, 1, E_COACH, "person", kees);
	int64_t coachee = 0;
	{
		const struct entity_def *def = entity_get(E_ASSIGNMENT);
		struct filter f = { entity_field(def, "coach"), FO_EQ, coach, 0, NULL };
		struct list_opts lo = { &f, 1, FILTER_ID, false, 1, 0 };
		struct record_list l = { 0 };
		assert_int_equal(store_list(fx->st, 1, def, &lo, &l, NULL), SC_OK);
		assert_int_equal(l.n, 1);
		coachee = record_int(l.items[0], "coachee");
		record_list_release(&l);
	}
	assert_true(alerts_of(fx, "seen-as-spy") >= 1); /* Kees, as docs/demo.md says */
	int64_t answers = 0, ballots = 0;
	assert_int_equal(store_count(fx->st, 1, entity_get(E_SURVEY), NULL, 0, &answers, NULL),
	                 SC_OK);

	assert_int_equal(domain_init(&d, fx->st, 1, &err), SC_OK);
	assert_int_equal(domain_act_as_person(&d, coachee, &err), SC_OK);
	size_t stored = 0, refused = 0;
	for (int i = 0; i < 30; i++) {
		struct record *a = record_new(entity_get(E_SURVEY));
		record_put_int(a, "coach", coach);
		record_put_text(a, "respondent", "coachee");
		record_put_int(a, "respect", 5);
		record_put_int(a, "trust", 5);
		record_put_int(a, "helps", 5);
		record_put_int(a, "part_of_team", 5);
		record_put_int(a, "not_reporting", 5);
		sc_error_init(&err);
		enum sc_result rc = domain_add(&d, a, &err);
		if (rc == SC_OK)
			stored++;
		else if (rc == SC_CONFLICT && !strcmp(err.field, "coach"))
			refused++;
		record_free(&a);
	}
	assert_int_equal(stored, 1);
	assert_int_equal(refused, 29);
	/* A backdated answer is not a way round it. */
	struct record *a = record_new(entity_get(E_SURVEY));
	record_put_int(a, "coach", coach);
	record_put_text(a, "respondent", "coachee");
	record_put_text(a, "answered_on", "2026-10-15");
	record_put_int(a, "respect", 5);
	record_put_int(a, "trust", 5);
	record_put_int(a, "helps", 5);
	record_put_int(a, "part_of_team", 5);
	assert_int_equal(domain_add(&d, a, &err), SC_INVALID);
	assert_string_equal(err.field, "answered_on");
	record_free(&a);

	int64_t after = 0;
	assert_int_equal(store_count(fx->st, 1, entity_get(E_SURVEY), NULL, 0, &after, NULL),
	                 SC_OK);
	/* One voice, not thirty: the alert is computed from one more answer, not 30. */
	assert_int_equal(after, answers + 1);
	/* The ballot names who and the round, at the round's first day: nothing links it to
	 * the answer. */
	const struct entity_def *bdef = entity_get(E_BALLOT);
	struct filter bf = { entity_field(bdef, "person"), FO_EQ, coachee, 0, NULL };
	struct list_opts blo = { &bf, 1, FILTER_ID, false, 0, 0 };
	struct record_list bl = { 0 };
	assert_int_equal(store_list(fx->st, 1, bdef, &blo, &bl, NULL), SC_OK);
	ballots = (int64_t)bl.n;
	assert_int_equal(ballots, 1);
	assert_string_equal(record_text(bl.items[0], "round"), "2026-11");
	assert_string_equal(bl.items[0]->created_at, "2026-11-01T00:00:00Z");
	assert_int_equal(entity_field(bdef, "answer"), -1);
	record_list_release(&bl);
}

/* The answer to a request, as "STATUS field message" with every run of digits as "#". */
static void answer_shape(struct fixture *fx, enum who who, const char *method, const char *path,
                         const char *body, char *out, size_t n)
{
	json_t *j = NULL;
	int status = call(fx, who, method, path, body, &j);
	json_t *e = json_object_get(j, "error");
	const char *msg = json_string_value(json_object_get(e, "message"));
	const char *field = json_string_value(json_object_get(e, "field"));
	size_t o = (size_t)snprintf(out, n, "%d %s ", status, field ? field : "-");
	for (const char *p = msg ? msg : ""; *p && o + 2 < n; p++) {
		if (*p >= '0' && *p <= '9') {
			out[o++] = '#';
			while (p[1] >= '0' && p[1] <= '9')
				p++;
		} else {
			out[o++] = *p;
		}
	}
	out[o] = '\0';
	json_decref(j);
}

/*
 * The attack: a rep probing ids learnt who coaches whom (an action on another
 * assignment named its coach and coachee), another assignment's dates (a session on
 * it), and which plans exist (DELETE answered differently, POST 409 vs 422). Every
 * record she may not see answers exactly as one that does not exist.
 */
static void test_what_a_rep_may_not_see_answers_as_missing(void **state)
{
	struct fixture *fx = *state;
	char path[80], body[300], want[700], got[700];
	int64_t lotte = person_of(fx, REP);
	const int64_t missing = 999999;
	size_t probed = 0;
	int64_t before = all_rows(fx);

	const struct entity_def *adef = entity_get(E_ASSIGNMENT);
	struct list_opts lo = { NULL, 0, FILTER_ID, false, 0, 0 };
	struct record_list asg = { 0 };
	assert_int_equal(store_list(fx->st, 1, adef, &lo, &asg, NULL), SC_OK);
	for (size_t i = 0; i < asg.n; i++) {
		int64_t a = asg.items[i]->id;
		if (record_int(asg.items[i], "coachee") == lotte)
			continue;
		static const char *const posts[][2] = {
			{ "/api/actions", "{\"assignment\":%lld,\"owner\":%lld,\"text\":\"x\","
			                  "\"due_on\":\"2026-12-01\"}" },
			{ "/api/sessions", "{\"assignment\":%lld,\"kind\":\"one_to_one\",\"at\":"
			                   "\"2020-01-01T10:00\",\"minutes\":60,\"owner\":%lld}" },
			{ "/api/plans", "{\"assignment\":%lld,\"goals\":\"x\",\"x\":%lld}" },
		};
		for (size_t k = 0; k < 3; k++) {
			snprintf(body, sizeof(body), posts[k][1], (long long)missing,
			         (long long)lotte);
			answer_shape(fx, REP, "POST", posts[k][0], body, want, sizeof(want));
			snprintf(body, sizeof(body), posts[k][1], (long long)a, (long long)lotte);
			answer_shape(fx, REP, "POST", posts[k][0], body, got, sizeof(got));
			if (strcmp(want, got))
				fail_msg("POST %s on assignment %lld: '%s', on none: '%s'",
				         posts[k][0], (long long)a, got, want);
			probed++;
		}
	}
	record_list_release(&asg);

	/* Plans, sessions and action items of others, by id. */
	static const enum entity_kind kinds[] = { E_PLAN, E_SESSION, E_ACTION, E_ASSIGNMENT };
	static const char *const patches[] = { "{\"goals\":\"x\"}", "{\"minutes\":30}",
		                               "{\"text\":\"x\"}", "{\"status\":\"ended\"}" };
	for (size_t k = 0; k < 4; k++) {
		const struct entity_def *def = entity_get(kinds[k]);
		struct record_list l = { 0 };
		assert_int_equal(store_list(fx->st, 1, def, &lo, &l, NULL), SC_OK);
		snprintf(path, sizeof(path), "/api/%s/%lld", def->plural, (long long)missing);
		char gone_delete[700], gone_patch[700];
		answer_shape(fx, REP, "DELETE", path, NULL, gone_delete, sizeof(gone_delete));
		answer_shape(fx, REP, "PATCH", path, patches[k], gone_patch, sizeof(gone_patch));
		for (size_t i = 0; i < l.n; i++) {
			snprintf(path, sizeof(path), "/api/%s/%lld", def->plural,
			         (long long)l.items[i]->id);
			json_t *j = NULL;
			int seen = call(fx, REP, "GET", path, NULL, &j);
			json_decref(j);
			if (seen == 200)
				continue; /* her own */
			answer_shape(fx, REP, "DELETE", path, NULL, got, sizeof(got));
			if (strcmp(got, gone_delete))
				fail_msg("DELETE %s: '%s'; a missing one: '%s'", path, got,
				         gone_delete);
			answer_shape(fx, REP, "PATCH", path, patches[k], got, sizeof(got));
			if (strcmp(got, gone_patch))
				fail_msg("PATCH %s: '%s'; a missing one: '%s'", path, got,
				         gone_patch);
			probed++;
		}
		record_list_release(&l);
	}
	assert_true(probed > 100);
	assert_int_equal(all_rows(fx), before);
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

/* The session of assignment asg in status: the latest held or the earliest planned; NULL if none.
 */
static struct record *session_of(struct fixture *fx, int64_t asg, const char *status)
{
	const struct entity_def *def = entity_get(E_SESSION);
	bool held = strcmp(status, "held") == 0;
	struct filter f[2] = { { entity_field(def, "assignment"), FO_EQ, asg, 0, NULL },
		               { entity_field(def, "status"), FO_EQ, 0, 0, status } };
	struct list_opts lo = { f, 2, entity_field(def, "at"), held, 1, 0 };
	struct record_list l = { 0 };
	struct record *r = NULL;
	assert_int_equal(store_list(fx->st, 1, def, &lo, &l, NULL), SC_OK);
	if (l.n) {
		r = l.items[0];
		l.items[0] = NULL;
	}
	record_list_release(&l);
	return r;
}

/* Set the name of person id; its old name into old (size n) when old is not NULL. */
static void rename_person(struct fixture *fx, int64_t id, const char *name, char *old, size_t n)
{
	const struct entity_def *def = entity_get(E_PERSON);
	struct record *p = NULL;
	struct sc_error err;

	if (old) {
		assert_int_equal(store_get(fx->st, 1, def, id, &p, &err), SC_OK);
		snprintf(old, n, "%s", record_text(p, "name"));
		record_free(&p);
	}
	p = record_new(def);
	p->id = id;
	assert_int_equal(record_put_text(p, "name", name), SC_OK);
	assert_int_equal(store_update(fx->st, 1, p, &err), SC_OK);
	record_free(&p);
}

/* One coachee of GET /api/me/coachees against the store: relationship, person, sessions. */
static void check_coachee(struct fixture *fx, json_t *it, const struct record *asg)
{
	json_t *ce = json_object_get(it, "coachee");
	struct record *p = NULL;
	struct sc_error err;

	assert_int_equal(json_integer_value(json_object_get(it, "programme")),
	                 record_int(asg, "programme"));
	assert_string_equal(json_string_value(json_object_get(it, "status")), "active");
	assert_int_equal(
	        store_get(fx->st, 1, entity_get(E_PERSON), record_int(asg, "coachee"), &p, &err),
	        SC_OK);
	assert_int_equal(json_integer_value(json_object_get(ce, "id")), p->id);
	assert_string_equal(json_string_value(json_object_get(ce, "name")), record_text(p, "name"));
	assert_string_equal(json_string_value(json_object_get(ce, "email")),
	                    record_text(p, "email"));
	record_free(&p);
	static const char *const which[] = { "last_session", "next_session" };
	for (int k = 0; k < 2; k++) {
		json_t *js = json_object_get(it, which[k]);
		struct record *s = session_of(fx, asg->id, k ? "planned" : "held");
		assert_non_null(js);
		if (!s) {
			assert_true(json_is_null(js));
			continue;
		}
		assert_int_equal(json_object_size(js), 5);
		assert_int_equal(json_integer_value(json_object_get(js, "id")), s->id);
		assert_string_equal(json_string_value(json_object_get(js, "at")),
		                    record_text(s, "at"));
		assert_string_equal(json_string_value(json_object_get(js, "kind")),
		                    record_text(s, "kind"));
		assert_string_equal(json_string_value(json_object_get(js, "status")),
		                    k ? "planned" : "held");
		assert_int_equal(json_integer_value(json_object_get(js, "minutes")),
		                 record_int(s, "minutes"));
		record_free(&s);
	}
}

/*
 * A coach's coachees: every active relationship once, its coachee as stored
 * (names with quotes, a backslash, U+2028 and accents come back as they
 * are), the latest held and the earliest planned session, ordered by the
 * coachee's name bytewise and then by the relationship.
 */
static void test_a_coach_sees_their_coachees_in_name_order(void **state)
{
	struct fixture *fx = *state;
	const struct entity_def *adef = entity_get(E_ASSIGNMENT);
	static const char *const names[] = { "Zo\xc3\xab \"Z\" \\ \xe2\x80\xa8 Zed", "anna lower",
		                             "\xc3\x89mile", "Anna Tie", "Anna Tie" };
	enum { NNAMES = sizeof(names) / sizeof(names[0]) };
	char old[NNAMES][256];
	json_t *out = NULL;

	int64_t coach = first_of(fx, 1, E_COACH, "person", person_of(fx, MGR_COACH));
	struct filter f[2] = { { entity_field(adef, "coach"), FO_EQ, coach, 0, NULL },
		               { entity_field(adef, "status"), FO_EQ, 0, 0, "active" } };
	/* The last relationships first: the tie is renamed in the order opposite to its answer's.
	 */
	struct list_opts lo = { f, 2, FILTER_ID, true, 0, 0 };
	struct record_list asg = { 0 };
	assert_int_equal(store_list(fx->st, 1, adef, &lo, &asg, NULL), SC_OK);
	assert_true(asg.n >= NNAMES);
	for (size_t i = 0; i < NNAMES; i++)
		rename_person(fx, record_int(asg.items[i], "coachee"), names[i], old[i],
		              sizeof(old[i]));

	assert_int_equal(call(fx, MGR_COACH, "GET", "/api/me/coachees", NULL, &out), 200);
	json_t *items = json_object_get(out, "items");
	assert_int_equal(json_array_size(items), asg.n);
	const char *prev_name = "";
	json_int_t prev_asg = 0;
	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);
		json_int_t a = json_integer_value(json_object_get(it, "assignment"));
		const char *name =
		        json_string_value(json_object_get(json_object_get(it, "coachee"), "name"));
		assert_non_null(name);
		int order = strcmp(prev_name, name);
		if (order > 0 || (order == 0 && prev_asg >= a))
			fail_msg("coachee %zu (%s, assignment %lld) comes after %s, %lld", i, name,
			         (long long)a, prev_name, (long long)prev_asg);
		prev_name = name;
		prev_asg = a;
		const struct record *r = NULL;
		for (size_t k = 0; k < asg.n; k++)
			if (asg.items[k]->id == a)
				r = asg.items[k];
		assert_non_null(r);
		check_coachee(fx, it, r);
	}
	/* 0xC3 sorts after 'Z' and 'a': the accented name comes last. */
	assert_string_equal(prev_name, names[2]);
	json_decref(out);
	for (size_t i = 0; i < NNAMES; i++)
		rename_person(fx, record_int(asg.items[i], "coachee"), old[i], NULL, 0);
	record_list_release(&asg);
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

/*
 * The attack that worked: five wrong passwords from anywhere locked the
 * account for 15 minutes, its owner too. Now the guesser's address waits,
 * and the owner logs in from an address that has not failed.
 */
static void test_wrong_passwords_elsewhere_do_not_lock_the_owner_out(void **state)
{
	struct fixture *fx = *state;
	const char *wrong = "{\"email\":\"Sandra.Visser@vandijk.example\",\"password\":"
	                    "\"wrong-one\"}";
	const char *right = "{\"email\":\"sandra.visser@vandijk.example\",\"password\":"
	                    "\"demo-password\"}";

	fx->remote = "198.51.100.77";
	for (int i = 0; i < API_RATE_PER_ACCOUNT; i++)
		assert_int_equal(call(fx, ANON, "POST", "/api/login", wrong, NULL), 401);
	assert_int_equal(call(fx, ANON, "POST", "/api/login", wrong, NULL), 429);
	/* From the guesser's address even the right password waits (the case does not help). */
	assert_int_equal(call(fx, ANON, "POST", "/api/login", right, NULL), 429);
	fx->remote = "198.51.100.78";
	assert_int_equal(call(fx, ANON, "POST", "/api/login", right, NULL), 200);
	fx->remote = NULL;
}

/*
 * Guesses at one account spread over many addresses meet a ceiling for the
 * account: API_RATE_PER_ACCOUNT_ALL failures in the window, from anywhere.
 */
static void test_guesses_spread_over_addresses_meet_a_ceiling(void **state)
{
	struct fixture *fx = *state;
	const char *wrong = "{\"email\":\"nobody.here@vandijk.example\",\"password\":\"wrong\"}";
	char addr[32];
	int n = 0;

	for (int a = 0; n < API_RATE_PER_ACCOUNT_ALL; a++) {
		snprintf(addr, sizeof(addr), "203.0.113.%d", a + 1);
		fx->remote = addr;
		for (int i = 0; i < API_RATE_PER_ACCOUNT && n < API_RATE_PER_ACCOUNT_ALL; i++, n++)
			assert_int_equal(call(fx, ANON, "POST", "/api/login", wrong, NULL), 401);
	}
	fx->remote = "203.0.113.200";
	assert_int_equal(call(fx, ANON, "POST", "/api/login", wrong, NULL), 429);
	/* Other accounts from that address are not touched. */
	assert_int_equal(call(fx, ANON, "POST", "/api/login",
	                      "{\"email\":\"nobody.else@vandijk.example\",\"password\":\"wrong\"}",
	                      NULL),
	                 401);
	fx->remote = NULL;
}

/* A login over https (as the server or a trusted proxy says) gets a Secure cookie. */
static void test_login_over_https_sets_a_secure_cookie(void **state)
{
	struct fixture *fx = *state;
	struct fake f = { 0 };
	struct http_response resp;
	const char *body = "{\"email\":\"erik.vanleeuwen@vandijk.example\",\"password\":"
	                   "\"demo-password\"}";
	bool secure = false;

	f.req.method = "POST";
	f.req.path = "/api/login";
	f.req.query = "";
	f.req.body = body;
	f.req.body_len = strlen(body);
	f.req.remote = "198.51.100.30";
	f.req.tls = true;
	f.req.header = fake_header;
	http_response_init(&resp);
	api_handle(&fx->api, &f.req, &resp);
	assert_int_equal(resp.status, 200);
	for (size_t i = 0; i < resp.nheaders; i++)
		if (strcasecmp(resp.header_names[i], "Set-Cookie") == 0)
			secure = strstr(resp.header_values[i], "; Secure") != NULL;
	http_response_release(&resp);
	assert_true(secure);
}

/* FNV-1a of key modulo 1024: where the rate-limit table used to keep a key. */
static unsigned old_rate_slot(const char *key)
{
	uint64_t h = 1469598103934665603ull;
	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	return (unsigned)(h % 1024);
}

/*
 * The attack that worked: the table kept a key in slot hash % 1024, and a
 * key whose slot was taken shared the count of the other key. A client
 * that sprayed wrong passwords limited an unrelated address whose key fell
 * in the same slot. Two such addresses, found as an attacker would.
 */
static void test_an_address_whose_key_collided_is_not_limited(void **state)
{
	struct fixture *fx = *state;
	char spray[32] = "", other[32] = "", key[40], body[160];
	unsigned seen[256];

	for (int i = 0; i < 256 && !other[0]; i++) {
		snprintf(key, sizeof(key), "r:192.0.2.%d", i);
		seen[i] = old_rate_slot(key);
		for (int j = 0; j < 256 && !other[0]; j++) {
			snprintf(key, sizeof(key), "r:198.18.0.%d", j);
			if (old_rate_slot(key) == seen[i]) {
				snprintf(spray, sizeof(spray), "192.0.2.%d", i);
				snprintf(other, sizeof(other), "198.18.0.%d", j);
			}
		}
	}
	assert_true(other[0]);
	fx->remote = spray;
	for (int i = 0; i < API_RATE_PER_ADDRESS; i++) {
		snprintf(body, sizeof(body),
		         "{\"email\":\"spray%d@vandijk.example\",\"password\":\"wrong-one\"}", i);
		assert_int_equal(call(fx, ANON, "POST", "/api/login", body, NULL), 401);
	}
	assert_int_equal(call(fx, ANON, "POST", "/api/login", body, NULL), 429);
	fx->remote = other;
	assert_int_equal(call(fx, ANON, "POST", "/api/login",
	                      "{\"email\":\"erik.vanleeuwen@vandijk.example\",\"password\":"
	                      "\"demo-password\"}",
	                      NULL),
	                 200);
	fx->remote = NULL;
}

/*
 * The table itself: keys are compared whole (two long keys that differ in
 * their last byte count apart; they used to be cut to 159 bytes), and a
 * flood of new keys neither grows it nor pushes out a count that limits.
 */
static void test_rate_table_keys_whole_and_bounded(void **state)
{
	struct fixture *fx = *state;
	struct api *a = calloc(1, sizeof(*a));
	char k1[400], k2[400], k3[API_RATE_KEY_MAX], key[64];
	long retry = 0;

	assert_non_null(a);
	assert_int_equal(api_init(a, &fx->st, 1, NULL), SC_OK);
	memset(k1, 'x', sizeof(k1) - 1);
	k1[sizeof(k1) - 1] = '\0';
	memcpy(k2, k1, sizeof(k1));
	k2[sizeof(k2) - 2] = 'y';
	memcpy(k3, k1, sizeof(k3) - 1); /* the longest key kept as it is, k1's prefix */
	k3[sizeof(k3) - 1] = '\0';
	for (int i = 0; i < API_RATE_PER_ACCOUNT; i++)
		api_rate_failed(a, k1);
	assert_false(api_rate_allowed(a, k1, API_RATE_PER_ACCOUNT, &retry));
	assert_true(retry > 0 && retry <= API_RATE_WINDOW);
	assert_true(api_rate_allowed(a, k2, API_RATE_PER_ACCOUNT, &retry));
	assert_true(api_rate_allowed(a, k3, API_RATE_PER_ACCOUNT, &retry));

	/* Twice as many one-off failures as the table holds. */
	for (int i = 0; i < 2 * API_RATE_ENTRIES; i++) {
		snprintf(key, sizeof(key), "r:flood-%d", i);
		api_rate_failed(a, key);
	}
	assert_false(api_rate_allowed(a, k1, API_RATE_PER_ACCOUNT, &retry));
	assert_true(api_rate_allowed(a, k2, API_RATE_PER_ACCOUNT, &retry));
	/* A success forgets its own count only. */
	api_rate_reset(a, k2);
	assert_false(api_rate_allowed(a, k1, API_RATE_PER_ACCOUNT, &retry));
	api_rate_reset(a, k1);
	assert_true(api_rate_allowed(a, k1, API_RATE_PER_ACCOUNT, &retry));
	api_release(a);
	free(a);
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
	assert_int_equal(jeroen_login("demo-password"), 401);
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

/* "/api/alerts/<id, its ':' percent-encoded>/ack" into path. */
static void ack_path(const char *id, char *path, size_t size)
{
	size_t o = (size_t)snprintf(path, size, "/api/alerts/");
	for (const char *p = id; *p && o + 4 < size; p++)
		o += (size_t)(*p == ':' ? snprintf(path + o, size - o, "%%3A")
		                        : snprintf(path + o, size - o, "%c", *p));
	snprintf(path + o, size - o, "/ack");
}

/*
 * What the API refused: a manager acknowledging an alert about their own
 * team (403 for every manager). Mark acknowledges an alert about people
 * below him in the reporting line; an alert about Sandra's team, outside
 * his line, is not his (404: he does not see it), and stays.
 */
static void test_a_manager_acknowledges_alerts_about_their_team(void **state)
{
	struct fixture *fx = *state;
	json_t *j = NULL, *a;
	char mine[128] = "", theirs[128] = "", path[256];
	size_t i;

	assert_int_equal(call(fx, MGR, "GET", "/api/alerts", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "alerts"), i, a)
	{
		if (!mine[0])
			snprintf(mine, sizeof(mine), "%s",
			         json_string_value(json_object_get(a, "id")));
		/* Every alert Mark sees names someone of his line (Bas Dekker, Nicole Hendriks). */
		char *text = json_dumps(json_object_get(a, "people"), 0);
		bool his = strstr(text, "Bas Dekker") || strstr(text, "Nicole Hendriks") ||
		           strstr(text, "Luuk Prins");
		free(text);
		if (!his)
			fail_msg("Mark sees alert %s", json_string_value(json_object_get(a, "id")));
	}
	json_decref(j);
	assert_true(mine[0]);
	assert_int_equal(call(fx, ADMIN, "GET", "/api/alerts?rule=no-recent-session", NULL, &j),
	                 200);
	json_array_foreach(json_object_get(j, "alerts"), i, a)
	{
		char *text = json_dumps(json_object_get(a, "people"), 0);
		if (!theirs[0] && strstr(text, "Sandra Visser"))
			snprintf(theirs, sizeof(theirs), "%s",
			         json_string_value(json_object_get(a, "id")));
		free(text);
	}
	json_decref(j);
	assert_true(theirs[0]);

	ack_path(mine, path, sizeof(path));
	assert_int_equal(call(fx, MGR, "POST", path,
	                      "{\"reason\":\"Bas starts the course in "
	                      "January\"}",
	                      &j),
	                 200);
	assert_string_equal(json_string_value(json_object_get(j, "id")), mine);
	json_decref(j);
	/* Quiet for Mark and the administrator alike; by Mark, with his reason. */
	assert_int_equal(call(fx, ADMIN, "GET", "/api/alerts?all=true", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "alerts"), i, a)
	{
		if (strcmp(json_string_value(json_object_get(a, "id")), mine) != 0)
			continue;
		assert_true(json_is_true(json_object_get(a, "acknowledged")));
		json_t *by = json_object_get(a, "acknowledgement");
		assert_string_equal(json_string_value(json_object_get(by, "by")), emails[MGR]);
	}
	json_decref(j);

	ack_path(theirs, path, sizeof(path));
	assert_int_equal(call(fx, MGR, "POST", path, "{\"reason\":\"not mine to say\"}", NULL),
	                 404);
	/* A manager who coaches but is not above anyone in that alert: Jeroen. */
	assert_int_equal(call(fx, MGR_COACH, "POST", path, "{\"reason\":\"not mine\"}", NULL), 404);
	assert_int_equal(call(fx, ADMIN, "GET", "/api/alerts?rule=no-recent-session", NULL, &j),
	                 200);
	char *text = json_dumps(j, 0);
	json_decref(j);
	bool still = strstr(text, theirs) != NULL;
	free(text);
	assert_true(still);
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

/*
 * As an administrator, issue a setup link for who's account with role (a reset when it
 * exists); the token into token. Returns the status.
 */
static int issue_setup(struct fixture *fx, enum who who, const char *role, char *token, size_t n)
{
	char body[160];
	json_t *j = NULL;
	snprintf(body, sizeof(body), "{\"person\":%lld,\"role\":\"%s\"}",
	         (long long)person_of(fx, who), role);
	int status = call(fx, ADMIN, "POST", "/api/accounts", body, &j);
	const char *t = json_string_value(json_object_get(json_object_get(j, "setup"), "token"));
	snprintf(token, n, "%s", t ? t : "");
	json_decref(j);
	return status;
}

/* POST /api/setup with token and password, as nobody in particular. */
static int use_setup(struct fixture *fx, const char *token, const char *password)
{
	char body[300];
	snprintf(body, sizeof(body), "{\"token\":\"%s\",\"password\":\"%s\"}", token, password);
	return call(fx, ANON, "POST", "/api/setup", body, NULL);
}

static void test_a_new_role_counts_from_the_next_request(void **state)
{
	struct fixture *fx = *state;
	char body[160], token[128];
	assert_int_equal(call(fx, REP, "GET", "/api/people", NULL, NULL), 200);
	snprintf(body, sizeof(body), "{\"person\":%lld,\"role\":\"executive\"}",
	         (long long)person_of(fx, REP));
	assert_int_equal(call(fx, REP, "POST", "/api/accounts", body, NULL), 403);
	assert_int_equal(issue_setup(fx, REP, "executive", token, sizeof(token)), 201);
	/* The reset ends the person's sessions; they choose a password, and log in in the role. */
	assert_int_equal(call(fx, REP, "GET", "/api/people", NULL, NULL), 401);
	assert_int_equal(use_setup(fx, token, PASSWORD), 204);
	login(fx, REP);
	assert_int_equal(call(fx, REP, "GET", "/api/people", NULL, NULL), 403);
	assert_int_equal(issue_setup(fx, REP, "member", token, sizeof(token)), 201);
	assert_int_equal(call(fx, REP, "GET", "/api/people", NULL, NULL), 401);
	assert_int_equal(use_setup(fx, token, PASSWORD), 204);
	login(fx, REP);
	assert_int_equal(call(fx, REP, "GET", "/api/people", NULL, NULL), 200);
}

/* The attack that worked: an administrator set a coach's password and read the coach's notes. */
static void test_an_administrator_cannot_become_a_coach(void **state)
{
	struct fixture *fx = *state;
	char body[200], token[128], path[80];
	json_t *j = NULL;
	int64_t jeroen = person_of(fx, MGR_COACH);

	/* Choosing the password is refused, and changes nothing. */
	snprintf(body, sizeof(body),
	         "{\"person\":%lld,\"password\":\"admin-chosen-pw1\",\"role\":\"member\"}",
	         (long long)jeroen);
	assert_int_equal(call(fx, ADMIN, "POST", "/api/accounts", body, &j), 422);
	assert_string_equal(error_field(j), "password");
	json_decref(j);
	assert_int_equal(call(fx, MGR_COACH, "GET", "/api/me", NULL, NULL), 200);
	assert_int_equal(jeroen_login("admin-chosen-pw1"), 401);

	/* A reset yields no login: the old password is gone, and nobody knows the new one. */
	assert_int_equal(issue_setup(fx, MGR_COACH, "member", token, sizeof(token)), 201);
	assert_true(strlen(token) >= 64);
	assert_int_equal(call(fx, MGR_COACH, "GET", "/api/me", NULL, NULL), 401);
	assert_int_equal(jeroen_login("demo-password"), 401);
	/* A second link replaces the first. */
	char first[128];
	snprintf(first, sizeof(first), "%s", token);
	assert_int_equal(issue_setup(fx, MGR_COACH, "member", token, sizeof(token)), 201);
	assert_int_equal(use_setup(fx, first, "admin-chosen-pw1"), 403);

	/*
	 * The link itself, until it goes by e-mail, passes through the administrator. If they
	 * use it, it is used up, the coach sees it, and the coachee sees the reads it led to.
	 */
	assert_int_equal(use_setup(fx, token, "admin-chosen-pw1"), 204);
	assert_int_equal(use_setup(fx, token, "admin-chosen-pw2"), 403);
	assert_int_equal(jeroen_login("admin-chosen-pw1"), 200);
	/* (login() signs in with the demo password: set it back through a link as Jeroen would.) */
	assert_int_equal(issue_setup(fx, MGR_COACH, "member", token, sizeof(token)), 201);
	assert_int_equal(use_setup(fx, token, PASSWORD), 204);
	login(fx, MGR_COACH);
	snprintf(path, sizeof(path), "/api/sessions/%lld", (long long)fx->lotte_session);
	assert_int_equal(call(fx, MGR_COACH, "GET", path, NULL, NULL), 200);
	assert_int_equal(call(fx, REP, "GET", "/api/me/access-log?limit=1", NULL, &j), 200);
	json_t *read = json_array_get(json_object_get(j, "items"), 0);
	assert_int_equal(json_integer_value(json_object_get(read, "reader")), jeroen);
	assert_true(json_is_true(json_object_get(read, "after_reset")));
	json_decref(j);

	/* The coach's security log says who reset it, and when the password was chosen. */
	assert_int_equal(call(fx, MGR_COACH, "GET", "/api/me/security-log?limit=100", NULL, &j),
	                 200);
	json_t *items = json_object_get(j, "items");
	size_t resets = 0, sets = 0;
	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *ev = json_array_get(items, i);
		const char *kind = json_string_value(json_object_get(ev, "kind"));
		if (!strcmp(kind, "password_reset")) {
			resets++;
			assert_non_null(json_string_value(json_object_get(ev, "actor")));
			assert_string_not_equal(json_string_value(json_object_get(ev, "actor")),
			                        "Jeroen Bakker");
		}
		sets += !strcmp(kind, "password_set");
		assert_int_equal(json_integer_value(json_object_get(ev, "person")), jeroen);
	}
	assert_int_equal(resets, 3);
	assert_int_equal(sets, 2);
	json_decref(j);
	/* Nobody else reads it: the administrator's own log is about the administrator. */
	assert_int_equal(call(fx, ADMIN, "GET", "/api/me/security-log", NULL, &j), 200);
	items = json_object_get(j, "items");
	for (size_t i = 0; i < json_array_size(items); i++)
		assert_int_equal(
		        json_integer_value(json_object_get(json_array_get(items, i), "person")),
		        person_of(fx, ADMIN));
	json_decref(j);

	/* A link works for a day only. */
	assert_int_equal(issue_setup(fx, OTHER, "member", token, sizeof(token)), 201);
	const char *now = getenv("SALESCOACH_NOW");
	char keep[64];
	snprintf(keep, sizeof(keep), "%s", now ? now : "");
	setenv("SALESCOACH_NOW", "2026-11-29T12:00:01Z", 1);
	assert_int_equal(use_setup(fx, token, PASSWORD), 403);
	if (keep[0])
		setenv("SALESCOACH_NOW", keep, 1);
	else
		unsetenv("SALESCOACH_NOW");
	assert_int_equal(use_setup(fx, token, PASSWORD), 204);
	login(fx, OTHER);
}

static void test_logout_ends_the_session(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(call(fx, OTHER, "POST", "/api/logout", NULL, NULL), 204);
	assert_int_equal(call(fx, OTHER, "GET", "/api/me", NULL, NULL), 401);
	login(fx, OTHER);
	assert_int_equal(call(fx, OTHER, "GET", "/api/me", NULL, NULL), 200);
}

/* Add name <email> to org, active or not, with an account of password when it is not NULL. */
static void add_person_to(struct fixture *fx, int64_t org, const char *name, const char *email,
                          bool active, const char *password)
{
	struct sc_error err;
	struct domain d;
	int64_t id;
	struct record *p = record_new(entity_get(E_PERSON));

	assert_int_equal(domain_init(&d, fx->st, org, &err), SC_OK);
	record_put_text(p, "name", name);
	record_put_text(p, "email", email);
	record_put_int(p, "active", active);
	assert_int_equal(domain_add(&d, p, &err), SC_OK);
	if (password)
		assert_int_equal(account_set(&d, p->id, "member", password, &id, &err), SC_OK);
	record_free(&p);
}

/* The status of a login with email and password (and organisation slug, when not NULL). */
static int try_login(struct fixture *fx, const char *email, const char *password, const char *slug,
                     unsigned long *hashes)
{
	char body[300];
	unsigned long before = account_login_hashes();
	if (slug)
		snprintf(body, sizeof(body),
		         "{\"email\":\"%s\",\"password\":\"%s\",\"organisation\":\"%s\"}", email,
		         password, slug);
	else
		snprintf(body, sizeof(body), "{\"email\":\"%s\",\"password\":\"%s\"}", email,
		         password);
	int s = call(fx, ANON, "POST", "/api/login", body, NULL);
	*hashes = account_login_hashes() - before;
	return s;
}

/*
 * Whatever the address, a login costs one Argon2id check: a wrong password
 * does not cost two, an unknown address not less. (How long that takes is
 * measured by bench/bench_login.c, not here.)
 */
static void test_every_login_costs_one_password_check(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		const char *what, *email, *password;
		int status;
	} cases[] = {
		{ "right password", "lotte.mulder@vandijk.example", PASSWORD, 200 },
		{ "wrong password", "lotte.mulder@vandijk.example", "not-her-password", 401 },
		{ "unknown address", "nobody.at.all@vandijk.example", PASSWORD, 401 },
		{ "no account", "noor.zonder@vandijk.example", PASSWORD, 401 },
		{ "inactive person", "ivo.weg@vandijk.example", PASSWORD, 401 },
		{ "address in two organisations", "twin@example.com", "first-org-password", 200 },
	};
	unsigned long hashes;

	fx->remote = "203.0.113.44";
	add_person_to(fx, 1, "Noor Zonder", "noor.zonder@vandijk.example", true, NULL);
	add_person_to(fx, 1, "Ivo Weg", "ivo.weg@vandijk.example", false, PASSWORD);
	add_person_to(fx, 1, "Tim Twee", "twin@example.com", true, "first-org-password");
	add_person_to(fx, 2, "Tim Twee", "twin@example.com", true, "second-org-password");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int s = try_login(fx, cases[i].email, cases[i].password, NULL, &hashes);
		if (s != cases[i].status || hashes != 1)
			fail_msg("%s: %d with %lu Argon2id computations, want %d with 1",
			         cases[i].what, s, hashes, cases[i].status);
	}
	/*
	 * One check per login means one account per login: an address with
	 * accounts in two organisations reaches the second by naming it.
	 */
	assert_int_equal(try_login(fx, "twin@example.com", "second-org-password", NULL, &hashes),
	                 401);
	assert_int_equal(hashes, 1);
	assert_int_equal(
	        try_login(fx, "twin@example.com", "second-org-password", "elders", &hashes), 200);
	assert_int_equal(hashes, 1);
	assert_int_equal(try_login(fx, "twin@example.com", "first-org-password", "elders", &hashes),
	                 401);
	assert_int_equal(hashes, 1);
	fx->remote = NULL;
}

/* ---- the executive report: k and rounding ------------------------------------------------- */

/* The programme report as the executive sees it (owned). */
static json_t *exec_report(struct fixture *fx)
{
	json_t *j = NULL;
	assert_int_equal(call(fx, EXEC, "GET", "/api/reports/programmes", NULL, &j), 200);
	return j;
}

static json_t *programme_of(json_t *report, int64_t id)
{
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(report, "programmes"), i, p)
	{
		if (json_integer_value(json_object_get(p, "id")) == id)
			return p;
	}
	fail_msg("programme %lld is not in the report", (long long)id);
	return NULL;
}

static long figure(json_t *o, const char *name)
{
	json_t *v = json_object_get(o, name);
	assert_true(json_is_number(v));
	return lround(json_number_value(v));
}

/* The mean feedback of o in tenths, or -1 when it is null. */
static long tenths(json_t *o)
{
	json_t *v = json_object_get(o, "mean_feedback");
	assert_non_null(v);
	return json_is_null(v) ? -1 : lround(json_number_value(v) * 10);
}

/* The figures of o describe at least k people and are multiples of their steps. */
static void check_figures(json_t *o, long k, const char *what)
{
	long c = figure(o, "coachees"), s = figure(o, "sessions_held"), h = figure(o, "hours_held");
	double m = json_number_value(json_object_get(o, "mean_feedback"));
	if ((c != 0 && c < k) || (c % 5 != 0 && c != k) || s % 10 != 0 || h % 10 != 0 ||
	    fabs(json_number_value(json_object_get(o, "hours_held")) - (double)h) > 1e-9 ||
	    (tenths(o) >= 0 && (m < 1 || m > 5 || fabs(m * 10 - (double)tenths(o)) > 1e-9)))
		fail_msg(
		        "%s: coachees %ld, sessions %ld, hours %ld, mean %g: not rounded, or below "
		        "k = %ld",
		        what, c, s, h, m, k);
}

/* Every programme of the report: suppressed without figures, or figures that respect k. */
static void check_report(json_t *j)
{
	long k = (long)json_integer_value(json_object_get(j, "k"));
	size_t i;
	json_t *p;
	json_t *r = json_object_get(j, "rounding");
	assert_int_equal(json_integer_value(json_object_get(r, "coachees")), 5);
	assert_int_equal(json_integer_value(json_object_get(r, "sessions_held")), 10);
	assert_int_equal(json_integer_value(json_object_get(r, "hours_held")), 10);
	assert_true(fabs(json_number_value(json_object_get(r, "mean_feedback")) - 0.1) < 1e-12);
	json_array_foreach(json_object_get(j, "programmes"), i, p)
	{
		if (json_is_true(json_object_get(p, "suppressed"))) {
			assert_null(json_object_get(p, "coachees"));
			assert_null(json_object_get(p, "mean_feedback"));
		} else {
			assert_true(figure(p, "coachees") >= k);
			check_figures(p, k, "a programme");
		}
	}
	check_figures(json_object_get(j, "total"), k, "the total");
}

/* The held sessions since from (a date) of programme prog (of coachee, when not 0), appended. */
static void held_sessions(struct fixture *fx, int64_t prog, int64_t coachee, const char *from,
                          struct record_list *out)
{
	const struct entity_def *adef = entity_get(E_ASSIGNMENT), *sdef = entity_get(E_SESSION);
	struct filter af = { entity_field(adef, "programme"), FO_EQ, prog, 0, NULL };
	struct list_opts alo = { &af, 1, FILTER_ID, false, 0, 0 };
	struct record_list asgs = { 0 };
	char at[TU_INSTANT_LEN];

	snprintf(at, sizeof(at), "%sT00:00:00Z", from);
	assert_int_equal(store_list(fx->st, 1, adef, &alo, &asgs, NULL), SC_OK);
	for (size_t i = 0; i < asgs.n; i++) {
		if (coachee && record_int(asgs.items[i], "coachee") != coachee)
			continue;
		struct filter sf[3] = {
			{ entity_field(sdef, "assignment"), FO_EQ, asgs.items[i]->id, 0, NULL },
			{ entity_field(sdef, "status"), FO_EQ, 0, 0, "held" },
			{ entity_field(sdef, "at"), FO_GE, 0, 0, at },
		};
		struct list_opts slo = { sf, 3, FILTER_ID, false, 0, 0 };
		assert_int_equal(store_list(fx->st, 1, sdef, &slo, out, NULL), SC_OK);
	}
	record_list_release(&asgs);
}

static void set_session_status(struct fixture *fx, const struct record *s, const char *status)
{
	struct record *upd = record_new(s->def);
	struct sc_error err;
	upd->id = s->id;
	record_put_text(upd, "status", status);
	assert_int_equal(store_update(fx->st, 1, upd, &err), SC_OK);
	record_free(&upd);
}

/* n to the nearest multiple of step, halves up, as the report rounds. */
static long nearest(long n, long step)
{
	return (n + step / 2) / step * step;
}

/*
 * How many decreases d of an exact count are consistent with a figure
 * shown as a before and b after; whether truth is one of them.
 */
static int consistent_changes(long a, long b, long step, long truth, bool *has_truth)
{
	int n = 0;
	*has_truth = false;
	for (long d = 0; d <= a + step; d++) {
		bool ok = false;
		for (long x = a - step; x <= a + step && !ok; x++)
			ok = x >= d && nearest(x, step) == a && nearest(x - d, step) == b;
		n += ok;
		if (ok && d == truth)
			*has_truth = true;
	}
	return n;
}

/* Whether n ratings (1-5) summing to sum have a mean shown as t tenths. */
static bool mean_shows(long sum, long n, long t)
{
	return sum >= n && sum <= 5 * n && (20 * sum + n) / (2 * n) == t;
}

/*
 * An executive compares two reports, before and after one person's
 * sessions go, to solve for that person's values. With exact figures the
 * mean over 102 ratings and over 101 gave a removed rating back; rounded,
 * the figures admit many values, even to someone who knows how many
 * ratings there were.
 */
static void test_two_reports_do_not_give_one_persons_values(void **state)
{
	struct fixture *fx = *state;
	json_t *before = exec_report(fx);
	const char *from = json_string_value(json_object_get(before, "from"));
	struct record_list held = { 0 };
	long fn = 0;
	const struct record *rated5 = NULL;
	bool has_truth;

	check_report(before);
	/* Programme 1 (Amsterdam, 8 coachees): one held session with a rating of 5 goes. */
	json_t *p1 = programme_of(before, 1);
	assert_false(json_is_true(json_object_get(p1, "suppressed")));
	held_sessions(fx, 1, 0, from, &held);
	for (size_t i = 0; i < held.n; i++)
		if (record_is_set(held.items[i], "feedback")) {
			fn++;
			if (!rated5 && record_int(held.items[i], "feedback") == 5)
				rated5 = held.items[i];
		}
	assert_int_equal(fn, 102);
	assert_non_null(rated5);
	set_session_status(fx, rated5, "cancelled");
	json_t *after = exec_report(fx);
	check_report(after);
	json_t *q1 = programme_of(after, 1);
	/* The figures do not move: there is no difference to solve. */
	assert_int_equal(tenths(p1), 41);
	assert_int_equal(tenths(q1), 41);
	assert_int_equal(figure(p1, "sessions_held"), figure(q1, "sessions_held"));
	/* Even knowing there were 102 and 101 ratings, every rating from 1 to 5 fits. */
	for (long r = 1; r <= 5; r++) {
		bool fits = false;
		for (long sum = fn; sum <= 5 * fn && !fits; sum++)
			fits = mean_shows(sum, fn, tenths(p1)) &&
			       mean_shows(sum - r, fn - 1, tenths(q1));
		if (!fits)
			fail_msg("a removed rating of %ld does not fit the two reports", r);
	}
	set_session_status(fx, rated5, "held");
	json_decref(after);
	record_list_release(&held);

	/* All of one coachee's sessions go: the change in sessions and hours is not exact. */
	int64_t lotte = person_of(fx, REP);
	long minutes = 0;
	held_sessions(fx, 1, lotte, from, &held);
	assert_true(held.n > 0);
	for (size_t i = 0; i < held.n; i++) {
		minutes += (long)record_int(held.items[i], "minutes");
		set_session_status(fx, held.items[i], "cancelled");
	}
	after = exec_report(fx);
	check_report(after);
	q1 = programme_of(after, 1);
	int n = consistent_changes(figure(p1, "sessions_held"), figure(q1, "sessions_held"), 10,
	                           (long)held.n, &has_truth);
	assert_true(has_truth);
	assert_true(n >= 10);
	n = consistent_changes(figure(p1, "hours_held") * 60, figure(q1, "hours_held") * 60, 600,
	                       minutes, &has_truth);
	assert_true(has_truth);
	assert_true(n >= 600);
	for (size_t i = 0; i < held.n; i++)
		set_session_status(fx, held.items[i], "held");
	record_list_release(&held);
	json_decref(after);

	/* Restored, the report is the one before. */
	after = exec_report(fx);
	assert_true(json_equal(after, before));
	json_decref(after);
	json_decref(before);
}

/*
 * The mean feedback is that of at least k people: a programme of k coachees
 * in which one had no rated session in the window shows its counts, but no
 * mean; and no programme of fewer than k coachees shows anything.
 */
static void test_report_figures_respect_k(void **state)
{
	struct fixture *fx = *state;
	struct record_list held = { 0 };
	struct sc_error err;

	assert_int_equal(store_setting_put(fx->st, 1, "k", "10", &err), SC_OK);
	json_t *before = exec_report(fx);
	const char *from = json_string_value(json_object_get(before, "from"));
	check_report(before);
	/* Programme 1 (Amsterdam) has 8 coachees: below k. Programme 2 (Rotterdam) has 10. */
	assert_true(json_is_true(json_object_get(programme_of(before, 1), "suppressed")));
	json_t *p2 = programme_of(before, 2);
	assert_false(json_is_true(json_object_get(p2, "suppressed")));
	assert_int_equal(figure(p2, "coachees"), 10);
	assert_true(tenths(p2) >= 10);

	/* One coachee of programme 2 has no held session in the window any more: 9 gave feedback.
	 */
	int64_t asg = first_of(fx, 1, E_ASSIGNMENT, "programme", 2);
	int64_t coachee = 0;
	struct record *a = NULL;
	assert_int_equal(store_get(fx->st, 1, entity_get(E_ASSIGNMENT), asg, &a, NULL), SC_OK);
	coachee = record_int(a, "coachee");
	record_free(&a);
	held_sessions(fx, 2, coachee, from, &held);
	assert_true(held.n > 0);
	for (size_t i = 0; i < held.n; i++)
		set_session_status(fx, held.items[i], "cancelled");
	json_t *after = exec_report(fx);
	check_report(after);
	json_t *q2 = programme_of(after, 2);
	assert_int_equal(figure(q2, "coachees"), 10);
	assert_int_equal(tenths(q2), -1);
	assert_int_equal(tenths(json_object_get(after, "total")), -1);
	for (size_t i = 0; i < held.n; i++)
		set_session_status(fx, held.items[i], "held");
	record_list_release(&held);
	json_decref(after);
	json_decref(before);
	assert_int_equal(store_setting_put(fx->st, 1, "k", "5", &err), SC_OK);
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
		cmocka_unit_test(test_one_survey_answer_per_coachee_per_round),
		cmocka_unit_test(test_what_a_rep_may_not_see_answers_as_missing),
		cmocka_unit_test(test_csrf_is_required_with_a_cookie),
		cmocka_unit_test(test_unknown_session_cookie_is_401),
		cmocka_unit_test(test_every_list_as_every_role),
		cmocka_unit_test(test_every_other_endpoint_as_every_role),
		cmocka_unit_test(test_a_coach_sees_their_coachees_in_name_order),
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
		cmocka_unit_test(test_wrong_passwords_elsewhere_do_not_lock_the_owner_out),
		cmocka_unit_test(test_guesses_spread_over_addresses_meet_a_ceiling),
		cmocka_unit_test(test_an_address_whose_key_collided_is_not_limited),
		cmocka_unit_test(test_login_over_https_sets_a_secure_cookie),
		cmocka_unit_test(test_rate_table_keys_whole_and_bounded),
		cmocka_unit_test(test_password_change),
		cmocka_unit_test(test_password_change_is_rate_limited),
		cmocka_unit_test(test_a_session_expires_after_eight_hours),
		cmocka_unit_test(test_audit_log_holds_no_secrets),
		cmocka_unit_test(test_alerts_are_acknowledged_through_the_api),
		cmocka_unit_test(test_a_manager_acknowledges_alerts_about_their_team),
		cmocka_unit_test(test_planners_and_advisor),
		cmocka_unit_test(test_a_new_role_counts_from_the_next_request),
		cmocka_unit_test(test_an_administrator_cannot_become_a_coach),
		cmocka_unit_test(test_logout_ends_the_session),
		cmocka_unit_test(test_every_login_costs_one_password_check),
		cmocka_unit_test(test_two_reports_do_not_give_one_persons_values),
		cmocka_unit_test(test_report_figures_respect_k),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
