/*
 * test_api_personal.c - GET /api/me/export on the demo in memory: each
 * role's own data, their own private coaching content and nobody else's,
 * no secrets, and a coach's export in the coachee's access log.
 */
#define _GNU_SOURCE /* memmem */
#include "api_fixture.h"
#include "zip_read.h"

#define JESSE_NOTE "Jesse-eigen-notitie-7f3a: oefenen met prijsbezwaren"
#define LINDA_NOTE "Linda-andere-relatie-91c2: vertrouwelijk over thuissituatie"
#define LOTTE_NOTE "Lotte-eigen-notitie-55d0: kwartaaldoel besproken"

/* Set the notes of session id as who (a party of it). */
static void note(struct fixture *fx, enum who who, int64_t session, const char *text)
{
	struct record *rec = record_new(entity_get(E_SESSION));
	struct sc_error err;
	struct domain d;

	assert_int_equal(domain_init(&d, fx->st, 1, &err), SC_OK);
	assert_int_equal(domain_act_as(&d, emails[who], &err), SC_OK);
	rec->id = session;
	assert_int_equal(record_put_text(rec, "notes", text), SC_OK);
	if (domain_update(&d, rec, &err) != SC_OK)
		fail_msg("setting notes of session %lld: %s", (long long)session, err.message);
	record_free(&rec);
}

static int setup_notes(void **state)
{
	int rc = setup(state);
	struct fixture *fx = *state;
	if (rc)
		return rc;
	int64_t coach = first_of(fx, 1, E_COACH, "person", person_of(fx, OTHER));
	int64_t asg = first_of(fx, 1, E_ASSIGNMENT, "coach", coach);
	note(fx, SENIOR, fx->jesse_session, JESSE_NOTE);
	note(fx, OTHER, first_of(fx, 1, E_SESSION, "assignment", asg), LINDA_NOTE);
	note(fx, MGR_COACH, fx->lotte_session, LOTTE_NOTE);
	return 0;
}

/* who's export as text; its status must be 200 and its person who. */
static char *export_of(struct fixture *fx, enum who who)
{
	struct answer a;
	assert_int_equal(send_as(fx, who, "GET", "/api/me/export", NULL, NULL, &a), 200);
	json_t *person = json_object_get(a.body, "person");
	assert_int_equal(json_num(person, "id"), person_of(fx, who));
	assert_string_equal(json_string_value(json_object_get(a.body, "format")),
	                    "salescoach-personal-export/1");
	assert_true(json_is_true(json_object_get(a.body, "private_content_included")));
	/* An attachment named with the person and the day. */
	char want[64];
	snprintf(want, sizeof(want), "attachment; filename=\"personal-data-%lld-",
	         (long long)person_of(fx, who));
	if (strncmp(a.disposition, want, strlen(want)) != 0 || !strstr(a.disposition, ".json\""))
		fail_msg("Content-Disposition: '%s'", a.disposition);
	char *text = json_dumps(a.body, JSON_COMPACT);
	answer_release(&a);
	assert_non_null(text);
	return text;
}

/* The private values of kind, those of person's own relationships (own) or of others'. */
struct values {
	char **v;
	size_t n;
};

static void values_of(struct fixture *fx, int64_t person, bool own, struct values *out)
{
	static const enum entity_kind kinds[] = { E_SESSION, E_PLAN, E_ACTION, E_OBSERVATION,
		                                  E_SELF_ASSESSMENT };
	struct domain d;
	struct sc_error err;

	assert_int_equal(domain_init(&d, fx->st, 1, &err), SC_OK);
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		const struct entity_def *def = entity_get(kinds[k]);
		struct list_opts all = { NULL, 0, FILTER_ID, false, 0, 0 };
		struct record_list l = { 0 };
		assert_int_equal(store_list(fx->st, 1, def, &all, &l, NULL), SC_OK);
		for (size_t r = 0; r < l.n; r++) {
			int64_t coach = 0, coachee = 0;
			assert_int_equal(domain_parties(&d, l.items[r], &coach, &coachee, &err),
			                 SC_OK);
			if ((coach == person || coachee == person) != own)
				continue;
			for (size_t f = 0; f < def->nfields; f++) {
				const char *v = record_text(l.items[r], def->fields[f].name);
				if (!(def->fields[f].flags & FF_PRIVATE) ||
				    def->fields[f].type != FT_TEXT || !v || strlen(v) < 12)
					continue;
				out->v = realloc(out->v, (out->n + 1) * sizeof(*out->v));
				assert_non_null(out->v);
				out->v[out->n++] = strdup(v);
			}
		}
		record_list_release(&l);
	}
}

static void values_free(struct values *vs)
{
	for (size_t i = 0; i < vs->n; i++)
		free(vs->v[i]);
	free(vs->v);
}

/*
 * A private value of a relationship person is not a party to that text holds
 * (values also found in one of their own relationships do not count: the
 * demo repeats some texts); NULL when none.
 */
static const char *foreign_private_in(struct fixture *fx, const char *text, int64_t person)
{
	static char found[300];
	struct values own = { 0 }, others = { 0 };
	const char *hit = NULL;

	values_of(fx, person, true, &own);
	values_of(fx, person, false, &others);
	for (size_t i = 0; i < others.n && !hit; i++) {
		bool shared = false;
		for (size_t k = 0; k < own.n && !shared; k++)
			shared = strcmp(own.v[k], others.v[i]) == 0;
		if (!shared && strstr(text, others.v[i])) {
			snprintf(found, sizeof(found), "%s", others.v[i]);
			hit = found;
		}
	}
	values_free(&own);
	values_free(&others);
	return hit;
}

/* No private value of others' relationships, except texts the demo repeats in one's own. */
static void expect_nothing_foreign(struct fixture *fx, enum who who, const char *text)
{
	const char *hit = foreign_private_in(fx, text, person_of(fx, who));
	if (hit)
		fail_msg("%s's export holds another relationship's private content: %s",
		         emails[who], hit);
	assert_null(strstr(text, LINDA_NOTE));
}

static void test_coachee_gets_own_notes(void **state)
{
	struct fixture *fx = *state;
	char *text = export_of(fx, COACHEE);
	assert_non_null(strstr(text, JESSE_NOTE));
	assert_null(strstr(text, LOTTE_NOTE));
	expect_nothing_foreign(fx, COACHEE, text);
	free(text);
}

static void test_coach_gets_coachees_notes_not_another_coachs(void **state)
{
	struct fixture *fx = *state;
	char *text = export_of(fx, SENIOR);
	assert_non_null(strstr(text, JESSE_NOTE));
	assert_null(strstr(text, LOTTE_NOTE));
	expect_nothing_foreign(fx, SENIOR, text);
	free(text);
	text = export_of(fx, MGR_COACH);
	assert_non_null(strstr(text, LOTTE_NOTE));
	assert_null(strstr(text, JESSE_NOTE));
	expect_nothing_foreign(fx, MGR_COACH, text);
	free(text);
}

/* The number of shares in the relationships of who's export. */
static size_t shares_in(struct fixture *fx, enum who who)
{
	json_t *j = NULL;
	size_t n = 0;
	assert_int_equal(call(fx, who, "GET", "/api/me/export", NULL, &j), 200);
	json_t *rels = json_object_get(j, "relationships");
	for (size_t i = 0; i < json_array_size(rels); i++)
		n += json_array_size(json_object_get(json_array_get(rels, i), "shares"));
	json_decref(j);
	return n;
}

/* Whom a coachee shared a session with is the coachee's: not in the coach's export. */
static void test_coach_export_has_no_coachee_shares(void **state)
{
	struct fixture *fx = *state;
	struct record *rec = record_new(entity_get(E_SHARE));
	struct sc_error err;
	struct domain d;

	assert_int_equal(domain_init(&d, fx->st, 1, &err), SC_OK);
	assert_int_equal(domain_act_as(&d, emails[COACHEE], &err), SC_OK);
	record_put_int(rec, "session", fx->jesse_session);
	record_put_int(rec, "person", person_of(fx, OTHER));
	if (domain_add(&d, rec, &err) != SC_OK)
		fail_msg("sharing a session: %s", err.message);
	record_free(&rec);
	assert_int_equal(shares_in(fx, COACHEE), 1);
	assert_int_equal(shares_in(fx, SENIOR), 0);
}

/* A manager, an administrator, an executive: their own data, no one else's private content. */
static void test_others_get_no_private_content(void **state)
{
	struct fixture *fx = *state;
	const enum who who[] = { ADMIN, EXEC, MGR, REP, OTHER };
	for (size_t i = 0; i < sizeof(who) / sizeof(who[0]); i++) {
		char *text = export_of(fx, who[i]);
		if (who[i] != REP)
			assert_null(strstr(text, LOTTE_NOTE));
		assert_null(strstr(text, JESSE_NOTE));
		if (who[i] != OTHER)
			assert_null(strstr(text, LINDA_NOTE));
		else
			assert_non_null(strstr(text, LINDA_NOTE));
		if (who[i] != OTHER)
			expect_nothing_foreign(fx, who[i], text);
		free(text);
	}
}

/* Never a password hash, a token digest, a CSRF token or a feed's secret. */
static void test_no_secrets(void **state)
{
	struct fixture *fx = *state;
	/* Every role of the demo organisation (the foreign user's is another organisation). */
	for (int w = ADMIN; w < FOREIGN; w++) {
		char *text = export_of(fx, (enum who)w);
		assert_null(strstr(text, "hash"));
		assert_null(strstr(text, "csrf"));
		assert_null(strstr(text, "$argon2"));
		/* The session cookie the caller holds is not in it either. */
		const char *cookie = strchr(fx->cookie[w], '=');
		assert_non_null(cookie);
		assert_null(strstr(text, cookie + 1));
		free(text);
	}
}

/* The account is there without its secrets, and the anonymous survey answers are not. */
static void test_account_and_surveys(void **state)
{
	struct fixture *fx = *state;
	json_t *j = NULL;
	assert_int_equal(call(fx, REP, "GET", "/api/me/export", NULL, &j), 200);
	json_t *acc = json_array_get(json_object_get(j, "accounts"), 0);
	assert_non_null(acc);
	assert_int_equal(json_num(acc, "person"), person_of(fx, REP));
	assert_null(json_object_get(acc, "password_hash"));
	assert_non_null(json_object_get(j, "survey_ballots"));
	assert_null(json_object_get(j, "surveys"));
	json_t *rel = json_array_get(json_object_get(j, "relationships"), 0);
	assert_string_equal(json_string_value(json_object_get(rel, "role")), "coachee");
	assert_int_equal(json_num(json_object_get(rel, "coach"), "id"), person_of(fx, MGR_COACH));
	json_decref(j);
}

/* The coach's export read the coachee's content: it is in the coachee's access log; the
 * coachee's export of their own is not. */
static void test_access_log(void **state)
{
	struct fixture *fx = *state;
	const struct entity_def *def = entity_get(E_ACCESS);
	int64_t before_coach = 0, before_self = 0, after_coach = 0, after_self = 0;
	struct filter f[2] = {
		{ entity_field(def, "reader"), FO_EQ, person_of(fx, SENIOR), 0, NULL },
		{ entity_field(def, "subject"), FO_EQ, person_of(fx, COACHEE), 0, NULL }
	};
	struct filter self[2] = { f[1], f[1] };
	self[0].field = entity_field(def, "reader");

	assert_int_equal(store_count(fx->st, 1, def, f, 2, &before_coach, NULL), SC_OK);
	assert_int_equal(store_count(fx->st, 1, def, self, 2, &before_self, NULL), SC_OK);
	free(export_of(fx, COACHEE));
	assert_int_equal(store_count(fx->st, 1, def, self, 2, &after_self, NULL), SC_OK);
	assert_int_equal(after_self, before_self);
	/* Another hour's reads are one row per record: compare the reads counted. */
	json_t *j = NULL;
	assert_int_equal(store_count(fx->st, 1, def, f, 2, &before_coach, NULL), SC_OK);
	free(export_of(fx, SENIOR));
	assert_int_equal(store_count(fx->st, 1, def, f, 2, &after_coach, NULL), SC_OK);
	assert_true(after_coach > 0);
	/* Jesse's export lists the reads of his content, the coach's among them. */
	assert_int_equal(call(fx, COACHEE, "GET", "/api/me/export", NULL, &j), 200);
	json_t *log = json_object_get(j, "access_log_of_my_content");
	bool coach_read = false;
	for (size_t i = 0; i < json_array_size(log); i++)
		coach_read |= json_num(json_array_get(log, i), "reader") == person_of(fx, SENIOR);
	assert_true(coach_read);
	json_decref(j);
	/* The coach's export lists his own reads: when, whose, which record and field names. */
	static const char *const allowed[] = { "id",        "at",          "last_at", "reads",
		                               "reader",    "reader_name", "subject", "entity",
		                               "record_id", "fields" };
	assert_int_equal(call(fx, SENIOR, "GET", "/api/me/export", NULL, &j), 200);
	log = json_object_get(j, "access_log_of_my_reads");
	assert_true(json_array_size(log) > 0);
	for (size_t i = 0; i < json_array_size(log); i++) {
		json_t *row = json_array_get(log, i);
		const char *key;
		json_t *v;
		assert_int_equal(json_num(row, "reader"), person_of(fx, SENIOR));
		json_object_foreach(row, key, v)
		{
			bool known = false;
			for (size_t k = 0; k < sizeof(allowed) / sizeof(allowed[0]); k++)
				known |= strcmp(key, allowed[k]) == 0;
			if (!known)
				fail_msg("access_log_of_my_reads has a field '%s'", key);
		}
	}
	char *text = json_dumps(log, 0);
	assert_null(strstr(text, JESSE_NOTE));
	free(text);
	json_decref(j);
}

/* GET /api/me/export?format=zip as who, answered into *resp (release it). */
static void get_zip(struct fixture *fx, enum who who, struct http_response *resp)
{
	struct fake f = { 0 };
	f.req.method = "GET";
	f.req.path = "/api/me/export";
	f.req.query = "format=zip";
	f.req.body = "";
	f.req.remote = "192.0.2.1";
	f.req.header = fake_header;
	f.req.impl = &f;
	f.names[f.n] = "Cookie";
	f.values[f.n++] = fx->cookie[who];
	http_response_init(resp);
	api_handle(&fx->api, &f.req, resp);
}

/* Whether the ZIP in resp has an entry called name (NULL: any) holding text (NULL: anything). */
static bool zip_holds(const struct http_response *resp, const char *name, const char *text)
{
	return zip_read_holds(resp->body, resp->body_len, name, text);
}

/* The ZIP: the document whole and a CSV per kind, with her own notes; nobody else's. */
static void test_zip(void **state)
{
	struct fixture *fx = *state;
	struct http_response resp;
	get_zip(fx, COACHEE, &resp);
	assert_int_equal(resp.status, 200);
	assert_string_equal(resp.content_type, "application/zip");
	bool named = false;
	for (size_t i = 0; i < resp.nheaders; i++)
		named |= strcasecmp(resp.header_names[i], "Content-Disposition") == 0 &&
		         strstr(resp.header_values[i], ".zip\"") != NULL;
	assert_true(named);
	assert_true(zip_holds(&resp, "personal-data.json", JESSE_NOTE));
	assert_true(zip_holds(&resp, "sessions.csv", JESSE_NOTE));
	assert_true(zip_holds(&resp, "person.csv", emails[COACHEE]));
	assert_false(zip_holds(&resp, "surveys.csv", NULL));
	assert_false(zip_holds(&resp, NULL, LINDA_NOTE));
	assert_false(zip_holds(&resp, NULL, "hash"));
	http_response_release(&resp);
	/* Another format is refused, saying which there are. */
	json_t *j = NULL;
	assert_int_equal(call(fx, COACHEE, "GET", "/api/me/export?format=xml", NULL, &j), 422);
	assert_string_equal(error_field(j), "format");
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_coachee_gets_own_notes, setup_notes, teardown),
		cmocka_unit_test_setup_teardown(test_coach_gets_coachees_notes_not_another_coachs,
		                                setup_notes, teardown),
		cmocka_unit_test_setup_teardown(test_others_get_no_private_content, setup_notes,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_coach_export_has_no_coachee_shares,
		                                setup_notes, teardown),
		cmocka_unit_test_setup_teardown(test_no_secrets, setup_notes, teardown),
		cmocka_unit_test_setup_teardown(test_account_and_surveys, setup_notes, teardown),
		cmocka_unit_test_setup_teardown(test_access_log, setup_notes, teardown),
		cmocka_unit_test_setup_teardown(test_zip, setup_notes, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
