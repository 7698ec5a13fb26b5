/*
 * test_api_calendar.c - calendar feeds over the API in memory, as every role
 * (exchange/calendar.h, docs/calendar.md): a one-session invitation only for
 * the session's coach and coachee, and without a read of its content; every
 * role's feed, fetched without a login, free of every private value of the
 * demo; a replaced secret, a stopped feed and a feed whose owner left answer
 * 404; the request log masks the secret. The fixture is
 * tests/support/api_fixture.h.
 */
#include "api_fixture.h"

#include "exchange/calendar.h"

/* GET path as who, for a body that is not JSON: the status; *text the body (owned). */
static int get_text(struct fixture *fx, enum who who, const char *path, char **text)
{
	struct fake f = { 0 };
	struct http_response resp;
	char target[256];

	/* "path?query" as the server splits it. */
	snprintf(target, sizeof(target), "%s", path);
	char *q = strchr(target, '?');
	if (q)
		*q++ = '\0';
	f.req.method = "GET";
	f.req.path = target;
	f.req.query = q ? q : "";
	f.req.body = "";
	f.req.remote = "192.0.2.1";
	f.req.header = fake_header;
	f.req.impl = &f;
	if (who != ANON) {
		f.names[f.n] = "Cookie";
		f.values[f.n++] = fx->cookie[who];
	}
	http_response_init(&resp);
	api_handle(&fx->api, &f.req, &resp);
	int status = resp.status;
	*text = strndup(resp.body ? resp.body : "", resp.body_len);
	assert_non_null(*text);
	if (status == 200)
		assert_string_equal(resp.content_type, "text/calendar; charset=utf-8");
	http_response_release(&resp);
	return status;
}

/* The number of entries of Jesse's "who read my coaching record". */
static json_int_t jesse_reads(struct fixture *fx)
{
	json_t *j = NULL;
	assert_int_equal(call(fx, COACHEE, "GET", "/api/me/access-log?limit=1000", NULL, &j), 200);
	json_int_t total = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	return total;
}

/*
 * GET /api/sessions/{id}/ics of Jesse's session as every role: his coach
 * (Erik) and he get it, everyone else 404 as for a session that is not
 * there (the executive, who may list no sessions, 403); no private value in
 * it, and no read in Jesse's access log.
 */
static void test_a_session_invitation_is_for_its_parties_only(void **state)
{
	struct fixture *fx = *state;
	/* ANON ADMIN EXEC MGR_COACH REP SENIOR COACHEE MGR OTHER FOREIGN */
	static const int want[NWHO] = { 401, 404, 403, 404, 404, 200, 200, 404, 404, 404 };
	char path[64], uid[96], *text = NULL;

	snprintf(path, sizeof(path), "/api/sessions/%lld/ics", (long long)fx->jesse_session);
	snprintf(uid, sizeof(uid), "UID:session-%lld@salescoach-", (long long)fx->jesse_session);
	json_int_t before = jesse_reads(fx);
	for (int w = ANON; w < NWHO; w++) {
		int got = get_text(fx, (enum who)w, path, &text);
		expect_status_as((enum who)w, "GET", path, got, want[w]);
		if (got == 200) {
			assert_non_null(strstr(text, "BEGIN:VCALENDAR"));
			assert_non_null(strstr(text, uid));
			const char *leak = private_value_in(fx, text);
			if (leak)
				fail_msg("the invitation holds %s", leak);
		}
		free(text);
	}
	assert_int_equal(jesse_reads(fx), before);
}

/* Jesse's latest session: within every feed's window of days. */
static int64_t jesse_latest(struct fixture *fx)
{
	const struct entity_def *def = entity_get(E_SESSION);
	struct filter f = { entity_field(def, "assignment"), FO_EQ, fx->jesse_assignment, 0, NULL };
	struct list_opts lo = { &f, 1, entity_field(def, "at"), true, 1, 0 };
	struct record_list l = { 0 };
	assert_int_equal(store_list(fx->st, 1, def, &lo, &l, NULL), SC_OK);
	assert_int_equal(l.n, 1);
	int64_t id = l.items[0]->id;
	record_list_release(&l);
	return id;
}

/*
 * Every role makes a feed and it is fetched without a login: no private
 * value of the demo in any of them; Jesse's latest session only in Erik's
 * and Jesse's; no read in Jesse's access log.
 */
static void test_every_feed_is_free_of_private_content(void **state)
{
	struct fixture *fx = *state;
	char uid[96], *text = NULL;
	json_t *j = NULL;

	snprintf(uid, sizeof(uid), "UID:session-%lld@salescoach-", (long long)jesse_latest(fx));
	json_int_t before = jesse_reads(fx);
	for (int w = ADMIN; w < NWHO; w++) {
		assert_int_equal(call(fx, (enum who)w, "POST", "/api/me/calendar", NULL, &j), 201);
		const char *path = json_string_value(json_object_get(j, "path"));
		assert_non_null(path);
		assert_int_equal(get_text(fx, ANON, path, &text), 200);
		const char *leak = private_value_in(fx, text);
		if (leak)
			fail_msg("the feed of %s holds %s", emails[w], leak);
		bool party = w == SENIOR || w == COACHEE;
		if ((strstr(text, uid) != NULL) != party)
			fail_msg("the feed of %s %s Jesse's session", emails[w],
			         party ? "lacks" : "holds");
		free(text);
		json_decref(j);
	}
	assert_int_equal(jesse_reads(fx), before);
}

/* A replaced secret answers 404; so does a stopped feed; the owner learns no secret again. */
static void test_a_replaced_or_stopped_feed_answers_404(void **state)
{
	struct fixture *fx = *state;
	json_t *a = NULL, *b = NULL, *info = NULL;
	char *text = NULL;

	assert_int_equal(call(fx, REP, "POST", "/api/me/calendar", NULL, &a), 201);
	assert_int_equal(call(fx, REP, "POST", "/api/me/calendar", NULL, &b), 201);
	const char *old = json_string_value(json_object_get(a, "path"));
	const char *now = json_string_value(json_object_get(b, "path"));
	assert_int_equal(get_text(fx, ANON, old, &text), 404);
	free(text);
	assert_int_equal(get_text(fx, ANON, now, &text), 200);
	assert_non_null(strstr(text, "X-WR-CALNAME:Coachingsessies van Lotte Mulder"));
	free(text);
	assert_int_equal(call(fx, REP, "GET", "/api/me/calendar", NULL, &info), 200);
	assert_true(json_is_true(json_object_get(info, "active")));
	assert_null(json_object_get(info, "secret"));
	json_decref(info);
	assert_int_equal(call(fx, REP, "DELETE", "/api/me/calendar", NULL, NULL), 204);
	assert_int_equal(get_text(fx, ANON, now, &text), 404);
	free(text);
	assert_int_equal(call(fx, REP, "DELETE", "/api/me/calendar", NULL, &info), 404);
	assert_string_equal(error_text(info), "u hebt geen agenda-abonnement; maak er een met "
	                                      "`salescoach calendar rotate` of POST "
	                                      "/api/me/calendar");
	json_decref(info);
	json_decref(a);
	json_decref(b);
}

/* A person who is no longer active has no feed: their address answers 404. */
static void test_the_feed_of_someone_who_left_answers_404(void **state)
{
	struct fixture *fx = *state;
	json_t *j = NULL;
	char *text = NULL, path[160];
	struct sc_error err;
	struct domain d;

	assert_int_equal(call(fx, OTHER, "POST", "/api/me/calendar", NULL, &j), 201);
	snprintf(path, sizeof(path), "%s", json_string_value(json_object_get(j, "path")));
	json_decref(j);
	assert_int_equal(get_text(fx, ANON, path, &text), 200);
	free(text);
	struct record *p = record_new(entity_get(E_PERSON));
	p->id = person_of(fx, OTHER);
	record_put_int(p, "active", 0);
	assert_int_equal(domain_init(&d, fx->st, 1, &err), SC_OK);
	assert_int_equal(domain_update(&d, p, &err), SC_OK);
	record_free(&p);
	assert_int_equal(get_text(fx, ANON, path, &text), 404);
	free(text);
}

/*
 * A feed is in its owner's language: the one they chose for their e-mails
 * (My account), else the organisation's (the demo's Dutch); ?lang above both.
 * Their one-session invitation too.
 */
static void test_a_feed_is_in_its_owners_language(void **state)
{
	struct fixture *fx = *state;
	json_t *j = NULL;
	char *text = NULL, path[160], with[200], ics[64];

	assert_int_equal(call(fx, COACHEE, "POST", "/api/me/calendar", NULL, &j), 201);
	snprintf(path, sizeof(path), "%s", json_string_value(json_object_get(j, "path")));
	json_decref(j);
	snprintf(ics, sizeof(ics), "/api/sessions/%lld/ics", (long long)fx->jesse_session);
	assert_int_equal(get_text(fx, ANON, path, &text), 200);
	assert_non_null(strstr(text, "X-WR-CALNAME:Coachingsessies van"));
	free(text);
	assert_int_equal(get_text(fx, COACHEE, ics, &text), 200);
	assert_non_null(strstr(text, " met "));
	free(text);

	assert_int_equal(
	        call(fx, COACHEE, "PATCH", "/api/me/notifications", "{\"lang\": \"en\"}", &j), 200);
	json_decref(j);
	assert_int_equal(get_text(fx, ANON, path, &text), 200);
	assert_non_null(strstr(text, "X-WR-CALNAME:Coaching sessions of"));
	assert_null(strstr(text, "Coachingsessies"));
	free(text);
	assert_int_equal(get_text(fx, COACHEE, ics, &text), 200);
	assert_non_null(strstr(text, " with "));
	assert_null(strstr(text, " met "));
	free(text);
	snprintf(with, sizeof(with), "%s?lang=nl", path);
	assert_int_equal(get_text(fx, ANON, with, &text), 200);
	assert_non_null(strstr(text, "X-WR-CALNAME:Coachingsessies van"));
	free(text);

	/* Back to the organisation's language: Dutch again; nobody else's feed changed. */
	assert_int_equal(
	        call(fx, COACHEE, "PATCH", "/api/me/notifications", "{\"lang\": null}", &j), 200);
	json_decref(j);
	assert_int_equal(get_text(fx, ANON, path, &text), 200);
	assert_non_null(strstr(text, "X-WR-CALNAME:Coachingsessies van"));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_session_invitation_is_for_its_parties_only),
		cmocka_unit_test(test_every_feed_is_free_of_private_content),
		cmocka_unit_test(test_a_replaced_or_stopped_feed_answers_404),
		cmocka_unit_test(test_the_feed_of_someone_who_left_answers_404),
		cmocka_unit_test(test_a_feed_is_in_its_owners_language),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
