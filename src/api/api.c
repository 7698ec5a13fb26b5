/*
 * api.c - the API's router, authentication, CSRF check and the helpers that
 * answer JSON. Handlers of the resources live in api_*.c.
 */
#include "api/api.h"

#include <ctype.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api_int.h"
#include "base/msg.h"
#include "base/text.h"
#include "base/timeutil.h"

#define SEG_MAX      8
#define PATH_MAX_LEN 1024

enum sc_result api_init(struct api *a, struct store **stores, size_t n, struct sc_error *err)
{
	memset(a, 0, sizeof(*a));
	if (n == 0 || n > API_MAX_STORES)
		return sc_fail(err, SC_INVALID, NULL, "the API needs 1 to %d store connections",
		               API_MAX_STORES);
	for (size_t i = 0; i < n; i++)
		a->stores[i] = stores[i];
	a->nstores = n;
	pthread_mutex_init(&a->lock, NULL);
	pthread_cond_init(&a->freed, NULL);
	pthread_mutex_init(&a->rate_lock, NULL);
	pthread_mutex_init(&a->auth_lock, NULL);
	enum sc_result rc = account_global_init(err);
	return rc ? rc : account_login_prepare(err);
}

void api_release(struct api *a)
{
	pthread_mutex_destroy(&a->lock);
	pthread_cond_destroy(&a->freed);
	pthread_mutex_destroy(&a->rate_lock);
	pthread_mutex_destroy(&a->auth_lock);
	sodium_memzero(a->auth, sizeof(a->auth));
	memset(a, 0, sizeof(*a));
}

static size_t store_acquire(struct api *a)
{
	pthread_mutex_lock(&a->lock);
	for (;;) {
		for (size_t i = 0; i < a->nstores; i++) {
			if (!a->busy[i]) {
				a->busy[i] = true;
				pthread_mutex_unlock(&a->lock);
				return i;
			}
		}
		pthread_cond_wait(&a->freed, &a->lock);
	}
}

static void store_release(struct api *a, size_t i)
{
	pthread_mutex_lock(&a->lock);
	a->busy[i] = false;
	pthread_cond_signal(&a->freed);
	pthread_mutex_unlock(&a->lock);
}

/* ---- answering ---------------------------------------------------------------------------- */

/* The answer when a body could not be built: never an empty 200. */
static const char api_unwritable[] =
        "{\"error\":{\"code\":\"internal\",\"message\":\"the server could not write its "
        "answer; its log says why\",\"field\":null}}";

void api_json(struct api_call *c, int status, json_t *body)
{
	char *text;

	if (!body && status == 204) {
		c->resp->status = status;
		return;
	}
	text = body ? json_dumps(body, JSON_COMPACT) : NULL;
	json_decref(body);
	if (!text) {
		fprintf(stderr,
		        "salescoach serve: %s %s: the answer could not be written as JSON\n",
		        c->req->method, c->req->path);
		text = strdup(api_unwritable);
		status = 500;
		if (!text) {
			c->resp->status = 500;
			return;
		}
	}
	c->resp->status = status;
	free(c->resp->body);
	c->resp->body = text;
	c->resp->body_len = strlen(text);
	c->resp->content_type = "application/json";
}

void api_error(struct api_call *c, int status, const char *code, const char *field, const char *fmt,
               ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* A message may quote what the client sent: keep it JSON (UTF-8) whatever it was. */
	if (!text_utf8_valid(msg, strlen(msg))) {
		char copy[sizeof(msg)];
		memcpy(copy, msg, sizeof(msg));
		text_quote(copy, msg, sizeof(msg));
	}
	json_t *e = json_pack("{s:{s:s,s:s,s:o}}", "error", "code", code, "message", msg, "field",
	                      field && *field ? json_string(field) : json_null());
	api_json(c, status, e);
}

void api_fail(struct api_call *c, const struct sc_error *err)
{
	const char *m = c->req->method;
	bool change = strcmp(m, "GET") != 0;
	switch (err->code) {
	case SC_INVALID:
		api_error(c, 422, "invalid", err->field, "%s", err->message);
		return;
	case SC_NOT_FOUND:
		/* A missing record referred to by a change is the change's fault. */
		if (change && err->field[0] && strcmp(err->field, "id") != 0)
			api_error(c, 422, "invalid", err->field, "%s", err->message);
		else
			api_error(c, 404, "not_found", err->field, "%s", err->message);
		return;
	case SC_CONFLICT:
		api_error(c, 409, "conflict", err->field, "%s", err->message);
		return;
	case SC_FORBIDDEN:
		api_error(c, 403, "forbidden", err->field, "%s", err->message);
		return;
	default:
		/* The details go to the server's log, not to the client. */
		fprintf(stderr, "salescoach serve: %s: %s\n", sc_result_name(err->code),
		        err->message);
		api_error(c, 500, "internal", NULL,
		          "the server could not complete the request; its log says why");
		return;
	}
}

/*
 * The name of the member whose value holds byte pos of the JSON text body
 * (n bytes), read as far as pos: the last member name before it. Empty when
 * there is none, or when pos is in a name. For errors that the JSON parser
 * reports by position only.
 */
static void body_key_at(const char *body, size_t n, size_t pos, char *key, size_t keyn)
{
	size_t i = 0, depth = 0;
	bool in_key = false; /* the next string is a member's name */
	char open[32];       /* the containers around i: '{' or '[' */

	key[0] = '\0';
	if (pos > n)
		pos = n;
	while (i < pos) {
		char ch = body[i];
		if (ch == '{' || ch == '[') {
			if (depth == sizeof(open))
				return; /* deeper than any body of ours: name nothing */
			open[depth++] = ch;
			in_key = ch == '{';
		} else if (ch == '}' || ch == ']') {
			depth -= depth > 0;
		} else if (ch == ',') {
			in_key = depth > 0 && open[depth - 1] == '{';
		} else if (ch == ':') {
			in_key = false;
		}
		if (ch != '"') {
			i++;
			continue;
		}
		size_t start = ++i;
		while (i < n && body[i] != '"')
			i += body[i] == '\\' ? 2 : 1;
		if (i >= pos) {
			if (in_key)
				key[0] = '\0'; /* the name itself is bad: no field to name */
			return;
		}
		if (in_key && i - start < keyn) {
			memcpy(key, body + start, i - start);
			key[i - start] = '\0';
		} else if (in_key) {
			key[0] = '\0';
		}
		i++;
	}
}

json_t *api_body(struct api_call *c)
{
	json_error_t je;
	json_t *obj;
	char key[64], shown[64];

	if (!c->req->body_len) {
		api_error(c, 400, "invalid", NULL, "send a JSON object as the request body");
		return NULL;
	}
	/* NUL inside a string is let through to be refused by the field it is in (jansson
	 * refuses it in a key). */
	obj = json_loadb(c->req->body, c->req->body_len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL,
	                 &je);
	if (!obj) {
		body_key_at(c->req->body, c->req->body_len, (size_t)je.position, key, sizeof(key));
		text_quote(key, shown, sizeof(shown));
		if (shown[0] && json_error_code(&je) == json_error_invalid_utf8) {
			api_error(c, 422, "invalid", shown,
			          "%s: the text is not UTF-8; send UTF-8 text (save the file as "
			          "UTF-8, or retype the text)",
			          shown);
			return NULL;
		}
		if (shown[0] && json_error_code(&je) == json_error_numeric_overflow) {
			api_error(c, 422, "invalid", shown,
			          "%s: the number is out of range; GET /api/openapi.json gives the "
			          "range of each field",
			          shown);
			return NULL;
		}
		api_error(c, 400, "invalid", NULL,
		          "the body is not valid JSON (line %d, column %d: %s); send a JSON object",
		          je.line, je.column, je.text);
		return NULL;
	}
	if (!json_is_object(obj)) {
		json_decref(obj);
		api_error(c, 400, "invalid", NULL,
		          "send a JSON object ({...}) as the request body");
		return NULL;
	}
	return obj;
}

bool api_only_keys(struct api_call *c, json_t *obj, const char *const *keys)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		bool known = false;
		for (size_t i = 0; keys[i] && !known; i++)
			known = strcmp(keys[i], key) == 0;
		if (!known) {
			char list[400];
			size_t len = 0;
			list[0] = '\0';
			for (size_t i = 0; keys[i] && len < sizeof(list); i++)
				len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
				                        i ? ", " : "", keys[i]);
			api_error(c, 422, "invalid", key, "unknown field '%s'; the fields are: %s",
			          key, list);
			return false;
		}
	}
	return true;
}

const char *api_string(struct api_call *c, json_t *obj, const char *key, size_t max)
{
	json_t *v = json_object_get(obj, key);
	if (!v) {
		api_error(c, 422, "invalid", key, "%s is missing: send it as a string", key);
		return NULL;
	}
	if (!json_is_string(v)) {
		api_error(c, 422, "invalid", key, "%s must be a string", key);
		return NULL;
	}
	if (json_string_length(v) != strlen(json_string_value(v))) {
		api_error(c, 422, "invalid", key,
		          "%s: contains a NUL character (\\u0000); use plain text", key);
		return NULL;
	}
	if (strlen(json_string_value(v)) > max) {
		api_error(c, 422, "invalid", key, "%s is too long: at most %zu characters", key,
		          max);
		return NULL;
	}
	return json_string_value(v);
}

static bool query_number(struct api_call *c, const char *key, size_t lo, size_t hi, size_t *out)
{
	char buf[32];
	int64_t v;
	if (!http_query_get(c->req->query, key, buf, sizeof(buf)))
		return true;
	if (buf[0] == '-' || !text_whole(buf, (int64_t)lo, (int64_t)hi, &v)) {
		api_error(c, 422, "invalid", key, "%s must be a whole number from %zu to %zu", key,
		          lo, hi);
		return false;
	}
	*out = (size_t)v;
	return true;
}

bool api_query_id(struct api_call *c, const char *key, int64_t *id)
{
	char buf[24];
	int64_t v;
	*id = 0;
	if (!http_query_get(c->req->query, key, buf, sizeof(buf)))
		return true;
	if (!text_whole(buf, 1, INT64_MAX, &v)) {
		api_error(c, 422, "invalid", key, "%s must be an id: a whole number above 0", key);
		return false;
	}
	*id = v;
	return true;
}

struct known_keys {
	struct api_call *c;
	const char *const *keys;
};

static enum sc_result known_key(void *arg, const char *key, const char *value)
{
	struct known_keys *k = arg;
	(void)value;
	for (size_t i = 0; k->keys[i]; i++)
		if (strcmp(k->keys[i], key) == 0)
			return SC_OK;
	api_error(k->c, 422, "invalid", key, "unknown query parameter '%s'", key);
	return SC_INVALID;
}

bool api_only_query(struct api_call *c, const char *const *keys)
{
	struct known_keys k = { c, keys };
	struct sc_error err;
	sc_error_init(&err);
	if (http_query_each(c->req->query, known_key, &k, &err) == SC_OK)
		return true;
	if (!c->resp->body) /* a malformed query: http_query_each says how */
		api_error(c, 422, "invalid", err.field, "%s", err.message);
	return false;
}

bool api_paging(struct api_call *c, size_t *limit, size_t *offset)
{
	*limit = 100;
	*offset = 0;
	return query_number(c, "limit", 1, 1000, limit) &&
	       query_number(c, "offset", 0, 100000000, offset);
}

json_t *api_page(json_t *items, size_t limit, size_t offset, size_t total)
{
	return json_pack("{s:o,s:I,s:I,s:I}", "items", items, "limit", (json_int_t)limit, "offset",
	                 (json_int_t)offset, "total", (json_int_t)total);
}

bool api_id(struct api_call *c, const char *seg, int64_t *id)
{
	int64_t v;
	if (!text_whole(seg, 1, INT64_MAX, &v)) {
		api_error(c, 404, "not_found", "id",
		          "'%s' is not a record id: ids are whole numbers", seg);
		return false;
	}
	*id = v;
	return true;
}

bool api_signed_in(struct api_call *c)
{
	if (c->authenticated)
		return true;
	api_error(c, 401, "unauthorized", NULL,
	          "log in first (POST /api/login) or send an API token as Authorization: Bearer");
	return false;
}

/* ---- rate limiting ------------------------------------------------------------------------ */

/* FNV-1a of key: a quick first comparison, never the identity of an entry. */
static uint64_t rate_hash(const char *key)
{
	uint64_t h = 1469598103934665603ull;
	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	return h;
}

/*
 * The key as kept in the table, into out: the key itself, or "#" and the hex
 * BLAKE2b of a key too long to keep whole (so a long key is never cut to a
 * prefix that another key shares).
 */
static void rate_key(const char *key, char out[API_RATE_KEY_MAX])
{
	size_t n = strlen(key);
	if (n < API_RATE_KEY_MAX) {
		memcpy(out, key, n + 1);
		return;
	}
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)key, n, NULL, 0);
	out[0] = '#';
	sodium_bin2hex(out + 1, API_RATE_KEY_MAX - 1, h, sizeof(h));
}

/* Whether e holds no count that still limits: unused, or its window is over. */
static bool rate_over(const struct api_rate_entry *e, long now)
{
	return !e->used || now - e->window_start >= API_RATE_WINDOW || now < e->window_start;
}

/* Whether e is a better entry to give up than r: over before counting, few failures, old. */
static bool rate_cheaper(const struct api_rate_entry *e, const struct api_rate_entry *r, long now)
{
	bool eo = rate_over(e, now), ro = rate_over(r, now);
	if (eo || ro)
		return eo && !ro;
	if (e->failures != r->failures)
		return e->failures < r->failures;
	return e->window_start < r->window_start;
}

/*
 * The entry of key (as rate_key keeps it), its window begun anew when the
 * last one is over; NULL when there is none and !create. With create, a new
 * entry takes the place of the cheapest (rate_cheaper). Call with rate_lock
 * held.
 */
static struct api_rate_entry *rate_entry(struct api *a, const char *key, long now, bool create)
{
	uint64_t h = rate_hash(key);
	struct api_rate_entry *room = NULL;

	for (size_t i = 0; i < API_RATE_ENTRIES; i++) {
		struct api_rate_entry *e = &a->rate[i];
		if (e->used && e->hash == h && strcmp(a->rate_keys[i], key) == 0) {
			if (rate_over(e, now)) {
				e->failures = 0;
				e->window_start = now;
			}
			return e;
		}
		if (create && (!room || rate_cheaper(e, room, now)))
			room = e;
	}
	if (!create)
		return NULL;
	snprintf(a->rate_keys[room - a->rate], API_RATE_KEY_MAX, "%s", key);
	room->used = true;
	room->hash = h;
	room->failures = 0;
	room->window_start = now;
	return room;
}

bool api_rate_allowed(struct api *a, const char *key, unsigned max, long *retry)
{
	char k[API_RATE_KEY_MAX];
	long now = (long)time(NULL);
	rate_key(key, k);
	pthread_mutex_lock(&a->rate_lock);
	/* Asking makes no entry: only failures fill the table. */
	const struct api_rate_entry *e = rate_entry(a, k, now, false);
	bool ok = !e || e->failures < max;
	*retry = ok ? 0 : API_RATE_WINDOW - (now - e->window_start);
	pthread_mutex_unlock(&a->rate_lock);
	return ok;
}

void api_rate_failed(struct api *a, const char *key)
{
	char k[API_RATE_KEY_MAX];
	rate_key(key, k);
	pthread_mutex_lock(&a->rate_lock);
	rate_entry(a, k, (long)time(NULL), true)->failures++;
	pthread_mutex_unlock(&a->rate_lock);
}

void api_rate_reset(struct api *a, const char *key)
{
	char k[API_RATE_KEY_MAX];
	rate_key(key, k);
	pthread_mutex_lock(&a->rate_lock);
	struct api_rate_entry *e = rate_entry(a, k, (long)time(NULL), false);
	if (e)
		e->used = false;
	pthread_mutex_unlock(&a->rate_lock);
}

/* ---- authentication ----------------------------------------------------------------------- */

/* The cache key of a secret: its kind and BLAKE2b, never the secret itself. */
static void auth_key(char kind, const char *secret, char key[66])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)secret, strlen(secret), NULL, 0);
	key[0] = kind;
	sodium_bin2hex(key + 1, 65, h, sizeof(h));
}

static struct api_auth_slot *auth_slot(struct api *a, const char *key)
{
	uint64_t h = 0;
	for (int i = 1; i < 17; i++)
		h = h * 16 + (uint64_t)(key[i] <= '9' ? key[i] - '0' : key[i] - 'a' + 10);
	return &a->auth[h % API_AUTH_SLOTS];
}

/* The remembered caller of key, into c; false when there is none or it is too old. */
static bool auth_recall(struct api_call *c, const char *key)
{
	long now = (long)tu_now();
	bool hit = false;
	pthread_mutex_lock(&c->api->auth_lock);
	struct api_auth_slot *s = auth_slot(c->api, key);
	if (strcmp(s->key, key) == 0 && now - s->cached_at < API_AUTH_TTL && now >= s->cached_at &&
	    (!s->auth.expires || (long)s->auth.expires > now)) {
		c->auth = s->auth;
		c->d = s->d;
		hit = true;
	}
	pthread_mutex_unlock(&c->api->auth_lock);
	if (hit) {
		c->d.store = c->st;
		c->d.override_reason = NULL;
		c->d.warning[0] = '\0';
		tu_today(c->d.tz, c->d.today);
	}
	return hit;
}

static void auth_remember(struct api_call *c, const char *key)
{
	pthread_mutex_lock(&c->api->auth_lock);
	struct api_auth_slot *s = auth_slot(c->api, key);
	snprintf(s->key, sizeof(s->key), "%s", key);
	s->cached_at = (long)tu_now();
	s->auth = c->auth;
	sodium_memzero(s->auth.secret, sizeof(s->auth.secret));
	s->d = c->d;
	s->d.store = NULL;
	pthread_mutex_unlock(&c->api->auth_lock);
}

void api_auth_forget(struct api *a, int64_t login, int64_t token, int64_t account)
{
	pthread_mutex_lock(&a->auth_lock);
	for (size_t i = 0; i < API_AUTH_SLOTS; i++) {
		const struct account_auth *x = &a->auth[i].auth;
		if ((login && x->login == login) || (token && x->token == token) ||
		    (account && x->account == account))
			a->auth[i].key[0] = '\0';
	}
	pthread_mutex_unlock(&a->auth_lock);
}

/*
 * Find who is calling, from an API token or the session cookie. Answers
 * 401 and returns false when credentials are given but not valid; no
 * credentials at all is fine here (routes decide).
 */
static bool authenticate(struct api_call *c)
{
	const char *authz = c->req->header(c->req, "Authorization");
	const char *cookies = c->req->header(c->req, "Cookie");
	char secret[160];
	struct sc_error err;
	enum sc_result rc;
	char kind = 0;

	sc_error_init(&err);
	if (authz) {
		if (strncasecmp(authz, "Bearer ", 7) != 0 || strlen(authz + 7) >= sizeof(secret)) {
			api_error(c, 401, "unauthorized", NULL,
			          "the Authorization header must be 'Bearer <token>'");
			return false;
		}
		snprintf(secret, sizeof(secret), "%s", authz + 7);
		kind = 't';
	} else if (cookies && http_cookie_get(cookies, "sc_session", secret, sizeof(secret))) {
		kind = 'c';
	} else {
		return true;
	}
	char key[66];
	auth_key(kind, secret, key);
	if (auth_recall(c, key)) {
		sodium_memzero(secret, sizeof(secret));
		c->authenticated = true;
		return true;
	}
	/* The reads of finding the caller, under one lock of the database. */
	if ((rc = store_read_begin(c->st, &err))) {
		sodium_memzero(secret, sizeof(secret));
		api_fail(c, &err);
		return false;
	}
	rc = account_authenticate(c->st, kind, secret, &c->auth, &err);
	sodium_memzero(secret, sizeof(secret));
	if (rc == SC_OK && (rc = domain_init(&c->d, c->st, c->auth.org, &err)) == SC_OK)
		rc = domain_act_as_person(&c->d, c->auth.person, &err);
	/* Its only writes are best effort (an ended session, a token's last use). */
	store_commit(c->st, NULL);
	if (rc == SC_FORBIDDEN) {
		api_error(c, 401, "unauthorized", NULL, "%s", err.message);
		return false;
	}
	if (rc) {
		api_fail(c, &err);
		return false;
	}
	auth_remember(c, key);
	c->authenticated = true;
	return true;
}

/* A change made with a session cookie must carry its CSRF token. */
static bool csrf_ok(struct api_call *c)
{
	const char *m = c->req->method;
	if (!c->authenticated || !c->auth.login || strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0)
		return true;
	const char *tok = c->req->header(c->req, "X-CSRF-Token");
	if (tok && strlen(tok) == strlen(c->auth.csrf) &&
	    sodium_memcmp(tok, c->auth.csrf, strlen(tok)) == 0)
		return true;
	api_error(c, 403, "forbidden", NULL,
	          "%s CSRF token: send the csrf_token that POST /api/login returned in the "
	          "X-CSRF-Token header",
	          tok ? "stale or wrong" : "missing");
	return false;
}

/* ---- routing ------------------------------------------------------------------------------ */

static bool method_is(struct api_call *c, const char *allow)
{
	/* allow: "GET" or "GET, POST" ... */
	const char *m = c->req->method;
	size_t n = strlen(m);
	for (const char *p = allow; (p = strstr(p, m)); p += n)
		if ((p == allow || p[-1] == ' ') && (p[n] == '\0' || p[n] == ','))
			return true;
	http_response_header(c->resp, "Allow", allow);
	api_error(c, 405, "method_not_allowed", NULL, "%s is not allowed here; use %s", m, allow);
	return false;
}

static void route(struct api_call *c)
{
	const char *s0 = c->nsegs > 0 ? c->segs[0] : "";
	const char *s1 = c->nsegs > 1 ? c->segs[1] : NULL;

	if (strcmp(s0, "health") == 0 && c->nsegs == 1) {
		c->resp->route = "health";
		if (method_is(c, "GET"))
			api_json(c, 200, json_pack("{s:s}", "status", "ok"));
		return;
	}
	if (strcmp(s0, "openapi.json") == 0 && c->nsegs == 1) {
		c->resp->route = "openapi";
		if (method_is(c, "GET"))
			http_response_body(c->resp, "application/json", api_openapi_json,
			                   strlen(api_openapi_json));
		return;
	}
	/* Login before credentials: a browser may still send a cookie that has ended. */
	if (strcmp(s0, "login") == 0 && c->nsegs == 1) {
		c->resp->route = "login";
		if (method_is(c, "POST"))
			api_login(c);
		return;
	}
	/* A person choosing their password with a setup link has no login yet. */
	if (strcmp(s0, "setup") == 0 && c->nsegs == 1) {
		c->resp->route = "setup";
		if (method_is(c, "POST"))
			api_setup(c);
		return;
	}
	if (!authenticate(c))
		return;
	/* Texts (alerts, advisor, errors of the domain) in the organisation's language or ?lang. */
	char lang[8];
	if (c->authenticated && http_query_get(c->req->query, "lang", lang, sizeof(lang)) &&
	    !msg_lang_parse(lang, &c->d.lang)) {
		api_error(c, 422, "invalid", "lang", "lang must be en or nl");
		return;
	}
	if (!csrf_ok(c))
		return;
	if (strcmp(s0, "logout") == 0 && c->nsegs == 1) {
		c->resp->route = "logout";
		if (method_is(c, "POST"))
			api_logout(c);
		return;
	}
	if (!api_signed_in(c))
		return;
	if (strcmp(s0, "me") == 0) {
		if (!s1) {
			c->resp->route = "me";
			if (method_is(c, "GET"))
				api_me(c);
		} else if (strcmp(s1, "password") == 0 && c->nsegs == 2) {
			c->resp->route = "me.password";
			if (method_is(c, "POST"))
				api_me_password(c);
		} else if (strcmp(s1, "security-log") == 0 && c->nsegs == 2) {
			c->resp->route = "me.security-log";
			if (method_is(c, "GET"))
				api_me_security_log(c);
		} else if (strcmp(s1, "access-log") == 0 && c->nsegs == 2) {
			c->resp->route = "me.access-log";
			if (method_is(c, "GET"))
				api_me_access_log(c);
		} else if (strcmp(s1, "tokens") == 0 && c->nsegs <= 3) {
			c->resp->route = "me.tokens";
			if (method_is(c, c->nsegs == 2 ? "GET, POST" : "DELETE"))
				api_me_tokens(c);
		} else if (strcmp(s1, "coachees") == 0 && c->nsegs == 2) {
			c->resp->route = "me.coachees";
			if (method_is(c, "GET"))
				api_me_coachees(c);
		} else {
			api_error(c, 404, "not_found", NULL, "there is no /api/me/%s", s1);
		}
		return;
	}
	if (strcmp(s0, "accounts") == 0 && c->nsegs == 1) {
		c->resp->route = "accounts";
		if (method_is(c, "GET, POST"))
			api_accounts(c);
		return;
	}
	if ((strcmp(s0, "audit-log") == 0 || strcmp(s0, "access-log") == 0) && c->nsegs == 1) {
		c->resp->route = s0[1] == 'u' ? "audit-log" : "access-log";
		if (method_is(c, "GET"))
			api_logs(c, s0[1] == 'u' ? E_AUDIT : E_ACCESS);
		return;
	}
	if (strcmp(s0, "plan") == 0 && c->nsegs == 2 &&
	    (strcmp(s1, "capacity") == 0 || strcmp(s1, "incentive") == 0 ||
	     strcmp(s1, "leadership") == 0)) {
		c->resp->route = s1[0] == 'c'   ? "plan.capacity"
		                 : s1[0] == 'i' ? "plan.incentive"
		                                : "plan.leadership";
		if (method_is(c, "GET"))
			api_plan(c);
		return;
	}
	if (strcmp(s0, "advise") == 0 && c->nsegs == 1) {
		c->resp->route = "advise";
		if (method_is(c, "POST"))
			api_advise(c);
		return;
	}
	if (strcmp(s0, "reports") == 0 && c->nsegs == 2 && strcmp(s1, "programmes") == 0) {
		c->resp->route = "reports.programmes";
		if (method_is(c, "GET"))
			api_reports(c);
		return;
	}
	if (strcmp(s0, "alerts") == 0) {
		c->resp->route = "alerts";
		if (c->nsegs == 1 ? method_is(c, "GET")
		    : c->nsegs == 3 && strcmp(c->segs[2], "ack") == 0
		            ? method_is(c, "POST")
		            : (api_error(c, 404, "not_found", NULL, "there is no such alerts path"),
		               false))
			api_alerts(c);
		return;
	}
	const struct entity_def *def = entity_find(s0);
	if (def && strcmp(def->plural, s0) == 0 && !(def->eflags & EF_READONLY) && c->nsegs <= 2) {
		c->resp->route = def->plural;
		if (method_is(c, c->nsegs == 1 ? "GET, POST" : "GET, PATCH, DELETE"))
			api_entity(c, def);
		return;
	}
	api_error(c, 404, "not_found", NULL,
	          "there is no /api/%s; GET /api/openapi.json lists every path", s0);
}

/* Split path after "/api/" into decoded segments in buf. False when it cannot be. */
static bool split_path(struct api_call *c, const char *path, char *buf, size_t size)
{
	const char *p = path + 5; /* after "/api/" */
	size_t used = 0;

	c->nsegs = 0;
	while (*p) {
		const char *end = strchr(p, '/');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n == 0) {
			p += 1;
			continue;
		}
		if (c->nsegs == SEG_MAX || used + n + 1 > size)
			return false;
		/* Decode %XX; a bad escape keeps the text as it is. */
		char *out = buf + used;
		size_t o = 0;
		for (size_t i = 0; i < n; i++) {
			if (p[i] == '%' && i + 2 < n && isxdigit((unsigned char)p[i + 1]) &&
			    isxdigit((unsigned char)p[i + 2])) {
				char hex[3] = { p[i + 1], p[i + 2], '\0' };
				out[o++] = (char)strtol(hex, NULL, 16);
				i += 2;
			} else {
				out[o++] = p[i];
			}
		}
		out[o] = '\0';
		if (memchr(out, '\0', o))
			return false;
		c->segs[c->nsegs++] = out;
		used += o + 1;
		p += n;
	}
	return true;
}

void api_handle(void *ctx, const struct http_request *req, struct http_response *resp)
{
	struct api *a = ctx;
	struct api_call c = { .api = a, .req = req, .resp = resp };
	char segbuf[PATH_MAX_LEN + SEG_MAX];

	if (strncmp(req->path, "/api/", 5) != 0 || strlen(req->path) > PATH_MAX_LEN ||
	    !split_path(&c, req->path, segbuf, sizeof(segbuf)) || c.nsegs == 0) {
		api_error(&c, 404, "not_found", NULL,
		          "there is nothing at this address; the API is under /api/ (GET "
		          "/api/openapi.json describes it)");
		return;
	}
	size_t slot = store_acquire(a);
	c.st = a->stores[slot];
	route(&c);
	store_release(a, slot);
}
