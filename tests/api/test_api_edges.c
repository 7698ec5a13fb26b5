/*
 * test_api_edges.c - what the API refuses before a handler sees a request,
 * driven in memory on the demo organisation: a body that is not sent as JSON
 * (415), a resource spelt any other way than its one spelling (404), a query
 * with a parameter twice, too many, or not UTF-8 (422), a local time that the
 * clocks skip or pass twice (422), a report's parameters it cannot answer
 * (422), and HEAD answered as GET.
 */
#include "api_fixture.h"

/* The fixture is tests/support/api_fixture.h: MGR_COACH (Jeroen) coaches REP (Lotte). */

static const char *error_code(const struct answer *a)
{
	return json_string_value(json_object_get(json_object_get(a->body, "error"), "code"));
}

static const char *error_message(const struct answer *a)
{
	return json_string_value(json_object_get(json_object_get(a->body, "error"), "message"));
}

/* The field of an error, or "(null)". */
static const char *field_of(const struct answer *a)
{
	json_t *f = json_object_get(json_object_get(a->body, "error"), "field");
	return json_is_string(f) ? json_string_value(f) : "(null)";
}

/* Expect status, code and field (NULL: the field is null) and a message holding says. */
static void expect(struct fixture *fx, enum who who, const char *method, const char *target,
                   const char *type, const char *body, int status, const char *code,
                   const char *field, const char *says)
{
	struct answer a;
	send_as(fx, who, method, target, type, body, &a);
	if (a.status != status)
		fail_msg("%s %s (%s): %d, expected %d: %s", method, target, type ? type : "no type",
		         a.status, status, error_message(&a) ? error_message(&a) : "");
	if (code)
		assert_string_equal(error_code(&a), code);
	if (status >= 400)
		assert_string_equal(field_of(&a), field ? field : "(null)");
	if (says && !strstr(error_message(&a), says))
		fail_msg("%s %s: the message '%s' does not say '%s'", method, target,
		         error_message(&a), says);
	answer_release(&a);
}

#define JSON "application/json"

/* The shared fixture, its requests from an address of their own. */
static int edges_setup(void **state)
{
	int r = setup(state);
	struct fixture *fx = *state;

	fx->remote = "192.0.2.7";
	return r;
}

/* "/api/sessions/<id>" + rest into buf. */
static const char *session_path(struct fixture *fx, const char *rest, char *buf, size_t n)
{
	snprintf(buf, n, "/api/sessions/%lld%s", (long long)fx->lotte_session, rest);
	return buf;
}

/* A new session of Jeroen's with Lotte at at, as JSON, into buf. */
static const char *session_body(struct fixture *fx, const char *at, char *buf, size_t n)
{
	snprintf(buf, n,
	         "{\"assignment\":%lld,\"kind\":\"one_to_one\",\"at\":\"%s\",\"minutes\":60}",
	         (long long)fx->lotte_assignment, at);
	return buf;
}

/* ---- 415: a body is JSON ------------------------------------------------------------------ */

/* In the caller's language (Dutch for the demo's people, English before a login): both name it. */
#define SEND_JSON    "JSON met Content-Type: application/json"
#define SEND_JSON_EN "send the body as JSON with Content-Type: application/json"

/* Every media type but JSON in UTF-8 is refused, on every route; JSON in any spelling is taken. */
static void test_a_body_is_sent_as_json(void **state)
{
	struct fixture *fx = *state;
	static const char *const refused[] = {
		NULL,
		"text/plain",
		"application/x-www-form-urlencoded",
		"multipart/form-data; boundary=x",
		"application/jsonx",
		"application/json-patch+json",
		"text/json",
		"application/json; charset=iso-8859-1",
		"application/json; charset=\"utf-16\"",
		"application/json; charset",
		"application/json, text/plain",
		"",
	};
	static const char *const taken[] = {
		"application/json",
		"Application/JSON",
		"application/json; charset=utf-8",
		"application/json;charset=\"UTF-8\"",
		"application/json ; version=2",
		"application/json;",
	};
	char body[200], path[64], name[64];

	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		expect(fx, MGR_COACH, "POST", "/api/sessions", refused[i],
		       session_body(fx, "2026-12-14T10:00", body, sizeof(body)), 415,
		       "unsupported_media_type", NULL, SEND_JSON);
		expect(fx, ANON, "POST", "/api/login", refused[i],
		       "{\"email\":\"lotte.mulder@vandijk.example\",\"password\":\"demo-"
		       "password\"}",
		       415, "unsupported_media_type", NULL, SEND_JSON_EN);
	}
	for (size_t i = 0; i < sizeof(taken) / sizeof(taken[0]); i++) {
		snprintf(body, sizeof(body), "{\"name\":\"Team %zu\"}", i);
		expect(fx, ADMIN, "POST", "/api/teams", taken[i], body, 201, NULL, NULL, NULL);
	}

	/* A form that another site's page posts logs nobody in. */
	struct answer a;
	send_as(fx, ANON, "POST", "/api/login", "application/x-www-form-urlencoded",
	        "email=lotte.mulder%40vandijk.example&password=demo-password", &a);
	assert_int_equal(a.status, 415);
	assert_false(a.set_cookie);
	answer_release(&a);
	expect(fx, ANON, "POST", "/api/setup", "text/plain",
	       "{\"token\":\"x\",\"password\":\"0123456789\"}", 415, NULL, NULL, SEND_JSON_EN);

	/* Changes, and a body sent where none is read: refused, and nothing happens. */
	expect(fx, MGR_COACH, "PATCH", session_path(fx, "", path, sizeof(path)), "text/plain",
	       "{\"minutes\":45}", 415, NULL, NULL, SEND_JSON);
	expect(fx, MGR_COACH, "DELETE", path, "text/plain", "x", 415, NULL, NULL, SEND_JSON);
	expect(fx, MGR_COACH, "GET", path, NULL, NULL, 200, NULL, NULL, NULL);
	expect(fx, MGR_COACH, "POST", "/api/logout", "text/plain", "x", 415, NULL, NULL, SEND_JSON);
	expect(fx, MGR_COACH, "GET", "/api/me", NULL, NULL, 200, NULL, NULL, NULL);

	/* A route that reads a body and is sent none: it needs JSON, then a JSON object. */
	expect(fx, ADMIN, "POST", "/api/teams", NULL, NULL, 415, NULL, NULL, SEND_JSON);
	expect(fx, ADMIN, "POST", "/api/teams", JSON, NULL, 400, "invalid", NULL, NULL);
	snprintf(name, sizeof(name), "/api/alerts/no-such:alert/ack");
	expect(fx, ADMIN, "POST", name, NULL, NULL, 415, NULL, NULL, SEND_JSON);
	/* Nor a route that reads none, nor a GET, whatever its body. */
	expect(fx, MGR_COACH, "GET", "/api/me", "text/plain", "x", 200, NULL, NULL, NULL);
	expect(fx, REP, "POST", "/api/logout", NULL, NULL, 204, NULL, NULL, NULL);
	/* A method the path does not take is that first. */
	expect(fx, MGR_COACH, "PUT", "/api/sessions", "text/plain", "{}", 405, "method_not_allowed",
	       NULL, NULL);
}

/* ---- 404: one spelling per resource ------------------------------------------------------- */

static void test_a_resource_has_one_spelling(void **state)
{
	struct fixture *fx = *state;
	char n[24], pct[80] = "", targets[24][96];
	size_t k = 0;
	struct answer a;

	snprintf(n, sizeof(n), "%lld", (long long)fx->lotte_session);
	for (const char *p = n; *p; p++)
		snprintf(pct + strlen(pct), sizeof(pct) - strlen(pct), "%%3%c", *p);
#define T(...) snprintf(targets[k++], sizeof(targets[0]), __VA_ARGS__)
	T("/api//sessions");
	T("/api/sessions/");
	T("/api/./sessions");
	T("/api/sessions/../people");
	T("/api/sessions/.");
	T("/api/sessions/+%s", n);
	T("/api/sessions/0%s", n);
	T("/api/sessions/%s", pct);
	T("/api/sessions/%s/", n);
	T("/api/sessions/%s.0", n);
	T("/api/sessions/%se0", n);
	T("/api/sessions/ %s", n);
	T("/api/sessions/-1");
	T("/api/sessions/0");
	T("/api/sessions/99999999999999999999");
	T("/api/%%73essions");
	T("/api/sessions%%2F%s", n);
	T("/api/health/");
	T("/api/me/");
	T("/api/");
	T("//api/sessions");
#undef T
	for (size_t i = 0; i < k; i++) {
		send_as(fx, MGR_COACH, "GET", targets[i], NULL, NULL, &a);
		if (a.status != 404)
			fail_msg("GET %s: %d, expected 404", targets[i], a.status);
		assert_string_equal(error_code(&a), "not_found");
		assert_false(a.location); /* never a redirect to the one spelling */
		answer_release(&a);
	}
	expect(fx, MGR_COACH, "GET", "/api/sessions/", NULL, NULL, 404, NULL, NULL,
	       "without an empty, '.' or '..' segment and without a trailing '/'");
	expect(fx, MGR_COACH, "GET", targets[7], NULL, NULL, 404, NULL, NULL, "no percent-escapes");
	expect(fx, MGR_COACH, "GET", "/api/sessions/012", NULL, NULL, 404, NULL, "id",
	       "without sign or leading zero");
	expect(fx, MGR_COACH, "DELETE", "/api/me/tokens/01", NULL, NULL, 404, NULL, "id", NULL);
	/* The one spelling. */
	char path[64];
	expect(fx, MGR_COACH, "GET", session_path(fx, "", path, sizeof(path)), NULL, NULL, 200,
	       NULL, NULL, NULL);
	expect(fx, MGR_COACH, "GET", "/api/sessions", NULL, NULL, 200, NULL, NULL, NULL);
}

/* ---- 422: the query ----------------------------------------------------------------------- */

/* path and a query of count parameters: p0=1&p1=1... when distinct, else a=1&a=1...; owned. */
static char *many_parameters(const char *path, size_t count, bool distinct)
{
	size_t size = strlen(path) + 2 + count * 32;
	char *t = malloc(size);
	size_t o;

	assert_non_null(t);
	o = (size_t)snprintf(t, size, "%s?", path);
	for (size_t i = 0; i < count; i++) {
		if (distinct)
			o += (size_t)snprintf(t + o, size - o, "%sp%zu=1", i ? "&" : "", i);
		else
			o += (size_t)snprintf(t + o, size - o, "%sa=1", i ? "&" : "");
	}
	return t;
}

static void test_a_query_names_each_parameter_once_in_utf8(void **state)
{
	struct fixture *fx = *state;
	char *t;

	expect(fx, ADMIN, "GET", "/api/people?limit=1&limit=2", NULL, NULL, 422, "invalid", "limit",
	       "the query parameter limit is given twice");
	expect(fx, ADMIN, "GET", "/api/people?name=A&limit=1&name=A", NULL, NULL, 422, "invalid",
	       "name", "twice");
	/* The same name escaped otherwise is the same name. */
	expect(fx, ADMIN, "GET", "/api/people?limit=1&%6Cimit=1", NULL, NULL, 422, "invalid",
	       "limit", "twice");

	/* More than 64: refused, whatever they are; 64 are read (the first unknown one named). */
	t = many_parameters("/api/people", 65, true);
	expect(fx, ADMIN, "GET", t, NULL, NULL, 422, "invalid", NULL,
	       "at most 64 query parameters");
	free(t);
	t = many_parameters("/api/people", 64, true);
	expect(fx, ADMIN, "GET", t, NULL, NULL, 422, "invalid", "p0", "'p0'");
	free(t);
	/* 1,000 of the same, some 4 KB: an answer like any other. */
	t = many_parameters("/api/sessions", 1000, false);
	assert_true(strlen(t) > 3900);
	expect(fx, MGR_COACH, "GET", t, NULL, NULL, 422, "invalid", NULL, "at most 64");
	free(t);

	/* Not UTF-8 once decoded: the value names its parameter, a name is shown escaped. */
	expect(fx, ADMIN, "GET", "/api/people?name=%ff%fe", NULL, NULL, 422, "invalid", "name",
	       "the value of the query parameter name is not valid UTF-8");
	expect(fx, ADMIN, "GET", "/api/people?name=%c0%af", NULL, NULL, 422, "invalid", "name",
	       "not valid UTF-8");
	expect(fx, ADMIN, "GET", "/api/people?name=%ed%a0%80", NULL, NULL, 422, "invalid", "name",
	       "not valid UTF-8");
	expect(fx, MGR_COACH, "GET", "/api/sessions?%ff=1", NULL, NULL, 422, "invalid", NULL,
	       "the name of the query parameter \"%ff\" is not valid UTF-8");
	expect(fx, MGR_COACH, "GET", "/api/sessions?x%ff%01\xc3\x28=1", NULL, NULL, 422, "invalid",
	       NULL, "\"x%ff%01%C3(\" is not valid UTF-8");
	/* Bad escapes and NUL. */
	expect(fx, ADMIN, "GET", "/api/people?name=%zz", NULL, NULL, 422, "invalid", "name",
	       "malformed percent escape");
	expect(fx, ADMIN, "GET", "/api/people?name=%4", NULL, NULL, 422, "invalid", "name",
	       "malformed percent escape");
	expect(fx, ADMIN, "GET", "/api/people?%zz=1", NULL, NULL, 422, "invalid", NULL,
	       "malformed percent escape");
	expect(fx, ADMIN, "GET", "/api/people?name=a%00b", NULL, NULL, 422, "invalid", "name",
	       "NUL");

	/* Before routing: on every route, logged in or not. */
	expect(fx, ANON, "GET", "/api/health?x=1&x=2", NULL, NULL, 422, "invalid", "x", "twice");
	expect(fx, ANON, "POST", "/api/login?lang=en&lang=nl", JSON, "{}", 422, "invalid", "lang",
	       "twice");
	expect(fx, MGR_COACH, "GET", "/api/me?%ff", NULL, NULL, 422, "invalid", NULL, "UTF-8");

	/* What stays fine: UTF-8, empty pairs, a name without a value. */
	expect(fx, ADMIN, "GET", "/api/people?name=Ren%C3%A9+Dijk", NULL, NULL, 200, NULL, NULL,
	       NULL);
	expect(fx, ADMIN, "GET", "/api/people?&limit=1&&offset=0&", NULL, NULL, 200, NULL, NULL,
	       NULL);
	expect(fx, ADMIN, "GET", "/api/health?probe", NULL, NULL, 200, NULL, NULL, NULL);
}

/* ---- 422 in the caller's language: the organisation's, or ?lang -------------------------- */

static void test_a_field_error_speaks_the_callers_language(void **state)
{
	struct fixture *fx = *state;
	char body[200];

	snprintf(body, sizeof(body),
	         "{\"assignment\":%lld,\"kind\":\"one_to_one\",\"at\":\"2026-11-20T10:00\","
	         "\"minutes\":0}",
	         (long long)fx->lotte_assignment);
	/* The demo organisation speaks Dutch. */
	expect(fx, MGR_COACH, "POST", "/api/sessions", JSON, body, 422, "invalid", "minutes",
	       "minutes: 0 valt buiten het bereik; gebruik 1 tot en met");
	expect(fx, MGR_COACH, "POST", "/api/sessions?lang=nl", JSON, body, 422, "invalid",
	       "minutes", "minutes: 0 valt buiten het bereik; gebruik 1 tot en met");
	expect(fx, MGR_COACH, "POST", "/api/sessions?lang=en", JSON, body, 422, "invalid",
	       "minutes", "minutes: 0 is out of range; use 1 to");
	/* A refusal across fields and records: the same, by ?lang. */
	expect(fx, MGR_COACH, "POST", "/api/sessions?lang=nl", JSON,
	       session_body(fx, "2030-01-01T10:00", body, sizeof(body)), 422, "invalid", "at",
	       "ligt buiten toewijzing");
	expect(fx, MGR_COACH, "POST", "/api/sessions?lang=en", JSON,
	       session_body(fx, "2030-01-01T10:00", body, sizeof(body)), 422, "invalid", "at",
	       "is outside assignment");
}

/* ---- 422: local times that the clocks skip or pass twice ---------------------------------- */

static void test_a_local_time_the_clocks_skip_or_repeat_is_refused(void **state)
{
	struct fixture *fx = *state;
	char body[200], path[64];
	struct answer a;

	/* The demo organisation speaks Dutch; these are the English texts (?lang=en). */

	expect(fx, MGR_COACH, "POST", "/api/sessions?lang=en", JSON,
	       session_body(fx, "2027-03-28T02:30", body, sizeof(body)), 422, "invalid", "at",
	       "2027-03-28T02:30 does not exist in Europe/Amsterdam (the clocks go forward)");
	expect(fx, MGR_COACH, "POST", "/api/sessions?lang=en", JSON,
	       session_body(fx, "2027-03-28T02:00", body, sizeof(body)), 422, "invalid", "at",
	       "give a time before 02:00 or from 03:00");
	expect(fx, MGR_COACH, "POST", "/api/sessions?lang=en", JSON,
	       session_body(fx, "2027-03-28T02:59:59", body, sizeof(body)), 422, "invalid", "at",
	       "does not exist");
	expect(fx, MGR_COACH, "POST", "/api/sessions?lang=en", JSON,
	       session_body(fx, "2026-10-25T02:30", body, sizeof(body)), 422, "invalid", "at",
	       "give the offset: 2026-10-25T02:30+02:00 for the first, 2026-10-25T02:30+01:00 for "
	       "the second");
	expect(fx, MGR_COACH, "PATCH", session_path(fx, "?lang=en", path, sizeof(path)), JSON,
	       "{\"at\":\"2027-03-28T02:30\"}", 422, "invalid", "at", "does not exist");
	expect(fx, MGR_COACH, "PATCH", path, JSON, "{\"at\":\"2026-10-25T02:00\"}", 422, "invalid",
	       "at", "happens twice");
	expect(fx, MGR_COACH, "GET", "/api/sessions?at=2026-10-25T02:30&lang=en", NULL, NULL, 422,
	       "invalid", "at", "happens twice");

	/* With the offset, or in UTC, the instant is the one meant. */
	send_as(fx, MGR_COACH, "POST", "/api/sessions", JSON,
	        session_body(fx, "2026-10-25T02:30+01:00", body, sizeof(body)), &a);
	assert_int_equal(a.status, 201);
	assert_string_equal(json_string_value(json_object_get(a.body, "at")),
	                    "2026-10-25T01:30:00Z");
	answer_release(&a);
	expect(fx, MGR_COACH, "POST", "/api/sessions", JSON,
	       session_body(fx, "2027-03-28T01:30Z", body, sizeof(body)), 201, NULL, NULL, NULL);
}

/* ---- HEAD --------------------------------------------------------------------------------- */

/* The handlers answer HEAD as GET (the server leaves the body out). */
static void test_head_is_answered_as_get(void **state)
{
	struct fixture *fx = *state;
	char path[64];
	struct answer a;

	expect(fx, ANON, "HEAD", "/api/health", NULL, NULL, 200, NULL, NULL, NULL);
	expect(fx, MGR_COACH, "HEAD", "/api/nothing-here", NULL, NULL, 404, "not_found", NULL,
	       NULL);
	expect(fx, ANON, "HEAD", "/api/me", NULL, NULL, 401, "unauthorized", NULL, NULL);
	expect(fx, MGR_COACH, "HEAD", session_path(fx, "", path, sizeof(path)), NULL, NULL, 200,
	       NULL, NULL, NULL);
	/* A missing record is 404 as for GET, not a change's 422. */
	expect(fx, MGR_COACH, "HEAD", "/api/sessions/999999999", NULL, NULL, 404, "not_found", "id",
	       NULL);
	send_as(fx, ANON, "HEAD", "/api/login", NULL, NULL, &a);
	assert_int_equal(a.status, 405);
	assert_string_equal(a.allow, "POST");
	answer_release(&a);
}

/* ---- 422: what a report cannot answer ------------------------------------------------------ */

/*
 * An id too long to be one is refused naming its parameter (not read as absent, which
 * answered for the whole organisation); a month after this month (2026-11) is refused
 * for every report of months, saying the last month allowed; and a to month whose
 * default from would lie before 1900 is refused naming to (it was an internal error).
 */
static void test_a_report_refuses_what_it_cannot_answer(void **state)
{
	struct fixture *fx = *state;
	static const char *const reports[] = { "coverage", "hours", "impact", "acceptance" };
	char path[160];

	expect(fx, ADMIN, "GET", "/api/reports/coverage?team=00000000000000000000000012&lang=en",
	       NULL, NULL, 422, "invalid", "team", "team must be an id");
	expect(fx, ADMIN, "GET",
	       "/api/reports/hours?programme=000000000000000000000000000000000000001&lang=en", NULL,
	       NULL, 422, "invalid", "programme", "programme must be an id");
	expect(fx, ADMIN, "GET", "/api/reports/coverage?team=00000000000000000002&lang=en", NULL,
	       NULL, 200, NULL, NULL, NULL);
	for (size_t i = 0; i < sizeof(reports) / sizeof(reports[0]); i++) {
		snprintf(path, sizeof(path), "/api/reports/%s?to=2026-12&lang=en", reports[i]);
		expect(fx, ADMIN, "GET", path, NULL, NULL, 422, "invalid", "to",
		       "give this month (2026-11) or an earlier one");
		snprintf(path, sizeof(path), "/api/reports/%s?to=1900-05&lang=en", reports[i]);
		expect(fx, ADMIN, "GET", path, NULL, NULL, 422, "invalid", "to",
		       "give a from month of 1900-01 or later");
		snprintf(path, sizeof(path), "/api/reports/%s?to=2026-11", reports[i]);
		expect(fx, ADMIN, "GET", path, NULL, NULL, 200, NULL, NULL, NULL);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_body_is_sent_as_json),
		cmocka_unit_test(test_a_resource_has_one_spelling),
		cmocka_unit_test(test_a_query_names_each_parameter_once_in_utf8),
		cmocka_unit_test(test_a_field_error_speaks_the_callers_language),
		cmocka_unit_test(test_a_local_time_the_clocks_skip_or_repeat_is_refused),
		cmocka_unit_test(test_head_is_answered_as_get),
		cmocka_unit_test(test_a_report_refuses_what_it_cannot_answer),
	};
	return cmocka_run_group_tests_name("api edges", tests, edges_setup, teardown);
}
