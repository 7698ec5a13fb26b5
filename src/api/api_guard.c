/*
 * api_guard.c - who is calling and whether they may: the failed-attempt rate limits,
 * the remembered callers, authentication by token or session cookie, and the CSRF
 * check of a change made with a cookie.
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

/*
 * The remembered caller of key, into c; false when there is none, it is too
 * old, or access has ended somewhere in its organisation since (the access
 * epoch read now is not the one remembered: another process may have ended
 * it).
 */
static bool auth_recall(struct api_call *c, const char *key)
{
	long now = (long)tu_now();
	bool hit = false;
	char epoch[ACCOUNT_EPOCH_LEN], current[ACCOUNT_EPOCH_LEN];
	pthread_mutex_lock(&c->api->auth_lock);
	struct api_auth_slot *s = auth_slot(c->api, key);
	if (strcmp(s->key, key) == 0 && now - s->cached_at < API_AUTH_TTL && now >= s->cached_at &&
	    (!s->auth.expires || (long)s->auth.expires > now)) {
		c->auth = s->auth;
		c->d = s->d;
		snprintf(epoch, sizeof(epoch), "%s", s->epoch);
		hit = true;
	}
	pthread_mutex_unlock(&c->api->auth_lock);
	/*
	 * Read outside the lock: one indexed read, as the other threads read
	 * theirs, which brings the data version of api_memo.c along.
	 */
	if (hit && (account_access_epoch(c->st, c->auth.org, current, c->data_version, NULL) ||
	            strcmp(current, epoch) != 0)) {
		c->data_version[0] = '\0';
		memset(&c->auth, 0, sizeof(c->auth));
		hit = false;
	}
	if (hit) {
		c->d.store = c->st;
		c->d.override_reason = NULL;
		c->d.warning[0] = '\0';
		tu_today(c->d.tz, c->d.today);
	}
	return hit;
}

/* Remember the caller of key, found while the organisation's access epoch was epoch. */
static void auth_remember(struct api_call *c, const char *key, const char *epoch)
{
	pthread_mutex_lock(&c->api->auth_lock);
	struct api_auth_slot *s = auth_slot(c->api, key);
	snprintf(s->key, sizeof(s->key), "%s", key);
	snprintf(s->epoch, sizeof(s->epoch), "%s", epoch);
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
bool api_authenticate(struct api_call *c)
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
	/*
	 * The epoch of the same snapshot as the reads above: a change that ended
	 * this access commits with a new epoch, so it is either seen by those
	 * reads or makes the next recall miss.
	 */
	char epoch[ACCOUNT_EPOCH_LEN];
	if (rc == SC_OK)
		rc = account_access_epoch(c->st, c->auth.org, epoch, c->data_version, &err);
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
	auth_remember(c, key, epoch);
	c->authenticated = true;
	return true;
}

/* A change made with a session cookie must carry its CSRF token. */
bool api_csrf_ok(struct api_call *c)
{
	const char *m = c->req->method;
	if (!c->authenticated || !c->auth.login || strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0)
		return true;
	const char *tok = c->req->header(c->req, "X-CSRF-Token");
	if (tok && strlen(tok) == strlen(c->auth.csrf) &&
	    sodium_memcmp(tok, c->auth.csrf, strlen(tok)) == 0)
		return true;
	api_error_msg(c, 403, "forbidden", NULL, tok ? "http.csrf_wrong" : "http.csrf_missing",
	              NULL);
	return false;
}
