/*
 * test_api_auth.c - logging in and out of the HTTP API in memory: tokens,
 * rate limits, passwords, sessions, roles that change, alerts acknowledged
 * by role, the planners and the advisor. The fixture is
 * tests/support/api_fixture.h.
 */
#include "api_fixture.h"

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
	f.req.impl = &f;
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

/*
 * A token and a session cookie name their organisation ("sct_1.<64 hex>",
 * "1.<64 hex>"), so that finding their holder asks that organisation only.
 * One issued before, the secret alone, still works; the secret under
 * another organisation's id, or after anything but an id, does not.
 */
static void test_credentials_name_their_organisation(void **state)
{
	struct fixture *fx = *state;
	json_t *j = NULL;
	char token[128], form[160], del[64];

	assert_int_equal(call(fx, REP, "POST", "/api/me/tokens", "{\"name\":\"org\"}", &j), 201);
	snprintf(token, sizeof(token), "%s", json_string_value(json_object_get(j, "token")));
	snprintf(del, sizeof(del), "/api/me/tokens/%lld",
	         (long long)json_integer_value(json_object_get(j, "id")));
	json_decref(j);
	const char *dot = strchr(token, '.');
	assert_non_null(dot);
	assert_int_equal(strncmp(token, "sct_1.", 6), 0);
	assert_int_equal(strlen(dot + 1), 64);
	assert_int_equal(strspn(dot + 1, "0123456789abcdef"), 64);
	assert_int_equal(me_with_token(fx, token, NULL), 200);

	snprintf(form, sizeof(form), "sct_%s", dot + 1); /* as issued before */
	assert_int_equal(me_with_token(fx, form, NULL), 200);
	static const char *const wrong[] = { "sct_2.%s", "sct_99.%s", "sct_x1.%s",
		                             "sct_.%s",  "sct_0.%s",  "sct_1.1.%s" };
	for (size_t i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
		snprintf(form, sizeof(form), wrong[i], dot + 1);
		if (me_with_token(fx, form, NULL) != 401)
			fail_msg("the token as %s was accepted", wrong[i]);
	}
	/* The session cookie of a login: sc_session=<organisation>.<64 hex>. */
	const char *cookie = strchr(fx->cookie[REP], '=');
	assert_non_null(cookie);
	assert_int_equal(strncmp(cookie + 1, "1.", 2), 0);
	assert_int_equal(strlen(cookie + 3), 64);
	assert_int_equal(strspn(cookie + 3, "0123456789abcdef"), 64);
	assert_int_equal(call(fx, REP, "DELETE", del, NULL, NULL), 204);
	snprintf(form, sizeof(form), "sct_%s", dot + 1);
	assert_int_equal(me_with_token(fx, form, NULL), 401);
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
	f.req.impl = &f;
	f.names[f.n] = "Content-Type";
	f.values[f.n++] = "application/json";
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
	/*
	 * The id travels as it is: ':' may stand in a path. Its one spelling; the
	 * percent-encoded one is no alert's (404), and acknowledges nothing.
	 */
	for (const char *p = id; *p && o + 4 < sizeof(enc); p++)
		o += (size_t)(*p == ':' ? snprintf(enc + o, sizeof(enc) - o, "%%3A")
		                        : snprintf(enc + o, sizeof(enc) - o, "%c", *p));
	snprintf(path, sizeof(path), "/api/alerts/%s/ack", enc);
	assert_int_equal(call(fx, ADMIN, "POST", path, "{\"reason\":\"agreed with HR\"}", &j), 404);
	assert_non_null(
	        strstr(json_string_value(json_object_get(json_object_get(j, "error"), "message")),
	               "percent-escapes"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/alerts/%s/ack", id);
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
	assert_int_equal(call(fx, ADMIN, "POST", "/api/alerts/no-such:alert/ack",
	                      "{\"reason\":\"x\"}", NULL),
	                 404);
}

/* "/api/alerts/<id>/ack" into path. */
static void ack_path(const char *id, char *path, size_t size)
{
	snprintf(path, size, "/api/alerts/%s/ack", id);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tokens_work_without_csrf_and_can_be_revoked),
		cmocka_unit_test(test_credentials_name_their_organisation),
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
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
