/*
 * test_api.c - the HTTP API's handlers in memory, without sockets, on the
 * demo organisation: the fixed points, bad bodies and values, CSRF, and the
 * executive report's k and rounding. The access-control matrix is
 * test_api_access.c, logins, tokens and roles test_api_auth.c, refusals
 * before a handler test_api_edges.c; the fixture is
 * tests/support/api_fixture.h.
 */
#include "api_fixture.h"
#include "range_check.h"

/* The time of the test suite (tests/meson.build), restored after a test moves it. */
#define TEST_NOW "2026-11-28T12:00:00Z"

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

	/*
	 * Refusals of the request itself are in the caller's language: the Dutch
	 * organisation's, ?lang=en, and on the login page (no one signed in yet) ?lang.
	 */
	assert_int_equal(
	        call(fx, ADMIN, "POST", "/api/teams", "{\"name\":\"Zuid\",\"colour\":1}", &j), 422);
	assert_string_equal(
	        error_text(j),
	        "onbekend veld 'colour' voor een team; GET /api/openapi.json noemt de velden");
	json_decref(j);
	assert_int_equal(call(fx, ADMIN, "POST", "/api/teams?lang=en",
	                      "{\"name\":\"Zuid\",\"colour\":1}", &j),
	                 422);
	assert_string_equal(
	        error_text(j),
	        "unknown field 'colour' for a team; GET /api/openapi.json lists its fields");
	json_decref(j);
	assert_int_equal(call(fx, ADMIN, "GET", "/api/teams?limit=0", NULL, &j), 422);
	assert_string_equal(error_text(j),
	                    "limit moet een geheel getal van 1 tot en met 1000 zijn");
	json_decref(j);
	assert_int_equal(call(fx, ANON, "DELETE", "/api/login?lang=nl", NULL, &j), 405);
	assert_string_equal(error_text(j), "DELETE is hier niet toegestaan; gebruik POST");
	json_decref(j);
	assert_int_equal(call(fx, ANON, "POST", "/api/login", "[1]", &j), 400);
	assert_string_equal(error_text(j), "send a JSON object ({...}) as the request body");
	json_decref(j);
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

/*
 * Every field of every kind of record, sent with text that is not UTF-8, a
 * NUL, a control character, or (for one-line fields) a line break: 422
 * (in Dutch, the demo organisation's language)
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
		{ "\"caf\xe9\"", "geen UTF-8", false },
		{ "\"\xed\xa0\x80\"", "geen UTF-8", false },
		{ "\"a\\u0000b\"", "NUL", false },
		{ "\"a\\u0001b\"", "stuurteken", false },
		{ "\"a\\u001b[31m\"", "stuurteken", false },
		{ "\"a\\u0085b\"", "stuurteken", false },
		{ "\"one\\ntwo\"", "moet op één regel", true },
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
	assert_string_equal(error_text(j), "minutes moet een geheel getal zijn");
	json_decref(j);
	/* In the caller's language, as every other refusal. */
	char en[100], nl[100];
	snprintf(en, sizeof(en), "%s?lang=en", path);
	snprintf(nl, sizeof(nl), "%s?lang=nl", path);
	assert_int_equal(call(fx, MGR_COACH, "PATCH", en, "{\"minutes\": \"60\"}", &j), 422);
	assert_string_equal(error_text(j), "minutes must be a whole number");
	json_decref(j);
	assert_int_equal(call(fx, MGR_COACH, "PATCH", nl, "{\"at\": 20261201}", &j), 422);
	assert_string_equal(error_text(j),
	                    "at moet een tekst (string) zijn (een tijdstip YYYY-MM-DDTHH:MM)");
	json_decref(j);
	assert_int_equal(call(fx, MGR_COACH, "PATCH", nl, "{\"agenda\": \"\"}", &j), 422);
	assert_string_equal(error_text(j),
	                    "agenda mag niet leeg zijn; stuur null om het te wissen");
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
 * A coach-the-coach review of Jeroen by Mark, who is not his superior: 422 naming the
 * reviewer field, who may review (Annelies, his superior) and how to override; nothing is
 * stored. With an override_reason it is stored, and the reason is on the record.
 */
static void test_review_by_another_reviewer_is_422_until_overridden(void **state)
{
	struct fixture *fx = *state;
	char body[400];
	json_t *j = NULL;
	int64_t before = all_rows(fx);

	snprintf(body, sizeof(body),
	         "{\"manager\":%lld,\"reviewer\":%lld,\"reviewed_on\":\"2026-11-20\"}",
	         (long long)person_of(fx, MGR_COACH), (long long)person_of(fx, MGR));
	assert_int_equal(call(fx, ADMIN, "POST", "/api/supervisions", body, &j), 422);
	assert_string_equal(error_field(j), "reviewer");
	const char *m = json_string_value(json_object_get(json_object_get(j, "error"), "message"));
	assert_non_null(m);
	assert_non_null(strstr(m, "Mark Jansen"));
	assert_non_null(strstr(m, "Annelies de Vries"));
	/* The API says how to override in its own terms, not the command line's. */
	assert_null(strstr(m, "--override"));
	json_t *ov = json_object_get(json_object_get(j, "error"), "override");
	assert_string_equal(json_string_value(json_object_get(ov, "field")), "override_reason");
	assert_non_null(strstr(json_string_value(json_object_get(ov, "hint")), "override_reason"));
	json_decref(j);
	/* A refusal that no reason can lift does not offer one. */
	snprintf(body, sizeof(body),
	         "{\"manager\":%lld,\"reviewer\":%lld,\"reviewed_on\":\"2026-13-40\"}",
	         (long long)person_of(fx, MGR_COACH), (long long)person_of(fx, MGR));
	assert_int_equal(call(fx, ADMIN, "POST", "/api/supervisions", body, &j), 422);
	assert_string_equal(error_field(j), "reviewed_on");
	assert_null(json_object_get(json_object_get(j, "error"), "override"));
	json_decref(j);
	assert_int_equal(all_rows(fx), before);

	snprintf(body, sizeof(body),
	         "{\"manager\":%lld,\"reviewer\":%lld,\"reviewed_on\":\"2026-11-20\","
	         "\"override_reason\":\"Annelies is on leave until February\"}",
	         (long long)person_of(fx, MGR_COACH), (long long)person_of(fx, MGR));
	assert_int_equal(call(fx, ADMIN, "POST", "/api/supervisions", body, &j), 201);
	assert_string_equal(json_string_value(json_object_get(j, "override_reason")),
	                    "Annelies is on leave until February");
	json_decref(j);
}

/*
 * The pulse item "my coaching sessions feel like an assessment" is anonymous: Lotte answers
 * it about her coach Jeroen and gets only the id back; Jeroen cannot read the answers; his
 * alert holds the mean and the number of answers only. She answered the demo's pulse on
 * 23 November, so this is December's round (2 December; the pulse window still holds both).
 */
static void test_the_appraisal_pulse_is_anonymous(void **state)
{
	struct fixture *fx = *state;
	char body[300];
	json_t *j = NULL;
	int64_t jeroen = first_of(fx, 1, E_COACH, "person", person_of(fx, MGR_COACH));

	/* Four days on, the sessions have ended: both log in again. */
	assert_int_equal(setenv("SALESCOACH_NOW", "2026-12-02T12:00:00Z", 1), 0);
	login(fx, REP);
	login(fx, MGR_COACH);

	snprintf(body, sizeof(body),
	         "{\"coach\":%lld,\"respondent\":\"coachee\",\"respect\":4,\"trust\":4,"
	         "\"helps\":4,\"part_of_team\":4,\"feels_like_assessment\":5}",
	         (long long)jeroen);
	assert_int_equal(call(fx, REP, "POST", "/api/surveys", body, &j), 201);
	assert_non_null(json_object_get(j, "id"));
	assert_null(json_object_get(j, "feels_like_assessment"));
	/* Stored with its month, not its moment: no login time ties it to her. */
	struct record *stored = NULL;
	assert_int_equal(store_get(fx->st, 1, entity_get(E_SURVEY),
	                           json_integer_value(json_object_get(j, "id")), &stored, NULL),
	                 SC_OK);
	assert_string_equal(stored->created_at, "2026-12-01T00:00:00Z");
	record_free(&stored);
	json_decref(j);
	assert_int_equal(call(fx, MGR_COACH, "GET", "/api/surveys", NULL, &j), 403);
	json_decref(j);
	/* The audit log, which an administrator reads, has no entry of her answer. */
	login(fx, ADMIN);
	assert_int_equal(call(fx, ADMIN, "GET", "/api/audit-log?limit=100", NULL, &j), 200);
	json_t *entries = json_object_get(j, "items"), *e;
	size_t k;
	assert_true(json_array_size(entries) > 0);
	json_array_foreach(entries, k, e)
	{
		assert_string_not_equal(json_string_value(json_object_get(e, "entity")), "survey");
		char *text = json_dumps(e, JSON_COMPACT);
		assert_null(strstr(text, "\"respect\""));
		free(text);
	}
	json_decref(j);
	assert_int_equal(call(fx, MGR_COACH, "GET",
	                      "/api/alerts?rule=coaching-mixed-with-appraisal", NULL, &j),
	                 200);
	json_t *alerts = json_object_get(j, "alerts"), *a, *pulse = NULL;
	size_t i;
	json_array_foreach(alerts, i, a)
	{
		if (json_object_get(json_object_get(a, "facts"), "pulse_mean"))
			pulse = a;
	}
	assert_non_null(pulse);
	json_t *facts = json_object_get(pulse, "facts");
	/* The demo's 8 answers and Lotte's: (24 + 5) / 9. */
	assert_int_equal(json_integer_value(json_object_get(facts, "pulse_answers")), 9);
	assert_true(fabs(json_number_value(json_object_get(facts, "pulse_mean")) - 3.22) < 1e-9);
	assert_int_equal(json_object_size(facts), 4);
	json_decref(j);
	assert_int_equal(setenv("SALESCOACH_NOW", TEST_NOW, 1), 0);
	login(fx, REP);
	login(fx, MGR_COACH);
}

/* The "survey" of caller's GET /api/me: its round, and the coach ids in answered. */
static void my_survey(struct fixture *fx, enum who who, const char *round, int64_t *coaches,
                      size_t n)
{
	json_t *j = NULL, *survey, *answered;

	assert_int_equal(call(fx, who, "GET", "/api/me", NULL, &j), 200);
	survey = json_object_get(j, "survey");
	/* Whom and the round, nothing else: no date, no answer. */
	assert_int_equal(json_object_size(survey), 2);
	assert_string_equal(json_string_value(json_object_get(survey, "round")), round);
	answered = json_object_get(survey, "answered");
	assert_int_equal(json_array_size(answered), n);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(json_integer_value(json_array_get(answered, i)), coaches[i]);
	json_decref(j);
}

/*
 * Before the form, the survey page asks GET /api/me whom the caller answered about this
 * round: Lotte, her own ballot about Jeroen (the demo's of 23 November); Jeroen, whom she
 * answered about, nothing of hers. A new round is open again until she answers.
 */
static void test_me_says_whom_the_caller_answered_about_this_round(void **state)
{
	struct fixture *fx = *state;
	int64_t jeroen = first_of(fx, 1, E_COACH, "person", person_of(fx, MGR_COACH));
	char body[300];
	json_t *j = NULL;

	my_survey(fx, REP, "2026-11", &jeroen, 1);
	my_survey(fx, MGR_COACH, "2026-11", NULL, 0);
	my_survey(fx, ADMIN, "2026-11", NULL, 0);

	assert_int_equal(setenv("SALESCOACH_NOW", "2027-01-05T12:00:00Z", 1), 0);
	login(fx, REP);
	login(fx, MGR_COACH);
	my_survey(fx, REP, "2027-01", NULL, 0);
	snprintf(body, sizeof(body),
	         "{\"coach\":%lld,\"respondent\":\"coachee\",\"respect\":4,\"trust\":4,"
	         "\"helps\":4,\"part_of_team\":4}",
	         (long long)jeroen);
	assert_int_equal(call(fx, REP, "POST", "/api/surveys", body, &j), 201);
	json_decref(j);
	my_survey(fx, REP, "2027-01", &jeroen, 1);
	my_survey(fx, MGR_COACH, "2027-01", NULL, 0);
	assert_int_equal(call(fx, REP, "POST", "/api/surveys", body, &j), 409);
	json_decref(j);

	assert_int_equal(setenv("SALESCOACH_NOW", TEST_NOW, 1), 0);
	login(fx, REP);
	login(fx, MGR_COACH);
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
	/* The coachee answered the demo's round of 23 November: December's round is open. */
	assert_int_equal(setenv("SALESCOACH_NOW", "2026-12-02T12:00:00Z", 1), 0);
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
	struct filter bf[2] = { { entity_field(bdef, "person"), FO_EQ, coachee, 0, NULL },
		                { entity_field(bdef, "coach"), FO_EQ, coach, 0, NULL } };
	struct list_opts blo = { bf, 2, FILTER_ID, false, 0, 0 };
	struct record_list bl = { 0 };
	assert_int_equal(store_list(fx->st, 1, bdef, &blo, &bl, NULL), SC_OK);
	ballots = (int64_t)bl.n;
	/* The demo's six monthly rounds, June to November, and December's: one each. */
	assert_int_equal(ballots, 7);
	assert_string_equal(record_text(bl.items[5], "round"), "2026-11");
	assert_string_equal(record_text(bl.items[6], "round"), "2026-12");
	assert_string_equal(bl.items[6]->created_at, "2026-12-01T00:00:00Z");
	assert_int_equal(entity_field(bdef, "answer"), -1);
	record_list_release(&bl);
	assert_int_equal(setenv("SALESCOACH_NOW", TEST_NOW, 1), 0);
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

/* ---- order and date range of a list ---------------------------------------------------------- */

/*
 * A coach asks for their sessions of a week, newest first: exactly the
 * sessions of their whole list whose local day is in it (the days of the
 * demo's zone, not of UTC; both ends included), in that order, with total
 * counting them all. The week ends on the day of a session of the list, and
 * a range of that one day holds it.
 */
static void test_a_list_by_date_range_newest_first(void **state)
{
	struct fixture *fx = *state;
	json_t *all, *week, *item;
	char from[TU_DATE_LEN], to[TU_DATE_LEN], path[160];
	size_t i;

	assert_int_equal(call(fx, MGR_COACH, "GET", "/api/sessions?limit=1000", NULL, &all), 200);
	json_t *items = json_object_get(all, "items");
	const json_t *mid = range_week_of_middle(items, from, to);
	snprintf(path, sizeof(path), "/api/sessions?from=%s&to=%s&order=at&desc=true&limit=1000",
	         from, to);
	assert_int_equal(call(fx, MGR_COACH, "GET", path, NULL, &week), 200);
	size_t want =
	        range_assert_exactly_the_week(items, json_object_get(week, "items"), from, to);
	assert_int_equal(json_integer_value(json_object_get(week, "total")), want);
	json_decref(week);
	/* One day, from and to the same: the session of that day is in it. */
	snprintf(path, sizeof(path), "/api/sessions?from=%s&to=%s&limit=1000", to, to);
	assert_int_equal(call(fx, MGR_COACH, "GET", path, NULL, &week), 200);
	bool found = false;
	json_array_foreach(json_object_get(week, "items"), i, item) found |=
	        json_integer_value(json_object_get(item, "id")) ==
	        json_integer_value(json_object_get(mid, "id"));
	assert_true(found);
	json_decref(week);
	json_decref(all);
}

/* What a range or an order cannot be is refused, naming the parameter. */
static void test_a_wrong_range_or_order_is_422_naming_it(void **state)
{
	static const struct {
		const char *path, *field;
	} wrong[] = {
		{ "/api/sessions?from=2026-11-31", "from" },
		{ "/api/sessions?to=2026-11", "to" },
		{ "/api/sessions?from=", "from" },
		{ "/api/sessions?from=2026-11-08&to=2026-11-01", "to" },
		{ "/api/people?from=2026-11-01", "from" },
		{ "/api/results?from=2026-11-01", "from" },
		{ "/api/sessions?order=notes", "order" },
		{ "/api/sessions?order=nothing", "order" },
	};
	struct fixture *fx = *state;
	json_t *out;

	for (size_t i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
		assert_int_equal(call(fx, MGR_COACH, "GET", wrong[i].path, NULL, &out), 422);
		json_t *e = json_object_get(out, "error");
		if (strcmp(json_string_value(json_object_get(e, "field")), wrong[i].field) != 0)
			fail_msg("%s: field %s, not %s (%s)", wrong[i].path,
			         json_string_value(json_object_get(e, "field")), wrong[i].field,
			         json_string_value(json_object_get(e, "message")));
		json_decref(out);
	}
	/* A list dated by month takes months. */
	assert_int_equal(call(fx, ADMIN, "GET", "/api/results?from=2026-09&to=2026-10", NULL, &out),
	                 200);
	json_t *item;
	size_t i;
	assert_true(json_array_size(json_object_get(out, "items")) > 0);
	json_array_foreach(json_object_get(out, "items"), i, item)
	{
		const char *m = json_string_value(json_object_get(item, "month"));
		assert_true(strcmp(m, "2026-09") == 0 || strcmp(m, "2026-10") == 0);
	}
	json_decref(out);
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
		cmocka_unit_test(test_review_by_another_reviewer_is_422_until_overridden),
		cmocka_unit_test(test_the_appraisal_pulse_is_anonymous),
		cmocka_unit_test(test_me_says_whom_the_caller_answered_about_this_round),
		cmocka_unit_test(test_one_survey_answer_per_coachee_per_round),
		cmocka_unit_test(test_what_a_rep_may_not_see_answers_as_missing),
		cmocka_unit_test(test_csrf_is_required_with_a_cookie),
		cmocka_unit_test(test_unknown_session_cookie_is_401),
		cmocka_unit_test(test_two_reports_do_not_give_one_persons_values),
		cmocka_unit_test(test_report_figures_respect_k),
		cmocka_unit_test(test_a_list_by_date_range_newest_first),
		cmocka_unit_test(test_a_wrong_range_or_order_is_422_naming_it),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
