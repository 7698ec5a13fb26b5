/*
 * api.h - the JSON HTTP API: turns requests into calls of the domain and
 * domain results into HTTP status codes. One file per resource
 * (api_auth.c, api_entity.c, api_alerts.c); this header is what the server
 * command and the tests use.
 */
#ifndef SALESCOACH_API_H
#define SALESCOACH_API_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/account.h"
#include "domain/domain.h"
#include "http/http.h"
#include "base/result.h"
#include "store/store.h"

#define API_MAX_STORES 64

/*
 * Failure counts remembered for rate limiting, one entry per key (an
 * account from an address, an address, an account). Each entry keeps its
 * whole key, so two keys never share a count. When every entry is in use,
 * one whose window is over makes room, else the one with the fewest
 * failures (the earliest window among them): a flood of single failures
 * cannot push out a count that is about to limit.
 */
#define API_RATE_ENTRIES 4096

/* The longest key kept as it is; a longer key is kept as its BLAKE2b digest. */
#define API_RATE_KEY_MAX 320

/* One entry; its key is kept apart (rate_keys), so that a lookup scans little memory. */
struct api_rate_entry {
	uint64_t hash; /* of the key: most entries are passed over without strcmp */
	long window_start;
	unsigned failures;
	bool used;
};

/*
 * Who holds a session cookie or token, remembered for API_AUTH_TTL seconds
 * so that a burst of requests finds its caller with one read of the
 * organisation's access epoch (account.h) instead of the whole check.
 * Ended at once by logout, token revocation, password and account changes
 * in this process, and at the next request by any change that ends access
 * (those and a person made inactive or removed, an erasure) made by another
 * process on the same database: the epoch read then differs from the one
 * remembered. Other changes (a new team, a coach's role) are seen after the
 * TTL at the latest.
 */
#define API_AUTH_SLOTS 256
#define API_AUTH_TTL   5

/*
 * Answers remembered at their organisation's data version (api_memo.c): on
 * a store that keeps one (PostgreSQL), an answer that depends only on the
 * organisation's records and the caller's person is given again without its
 * query while the version read with the caller stands. At most
 * API_MEMO_SLOTS answers of up to API_MEMO_MAX bytes each.
 */
#define API_MEMO_SLOTS 256
#define API_MEMO_MAX   16384

struct api_memo_slot {
	int route; /* enum api_memo_route; 0 when unused */
	int64_t org, person;
	char version[STORE_VERSION_LEN];
	char *body;
	size_t len;
};

struct api_auth_slot {
	char key[66]; /* kind and the BLAKE2b of the secret; "" when unused */
	long cached_at;
	char epoch[ACCOUNT_EPOCH_LEN]; /* the organisation's access epoch, read with the caller */
	struct account_auth auth;      /* secret cleared */
	struct domain d; /* as set up for the caller; store and today refreshed on use */
};

struct api {
	/* Store connections, one per concurrent request at most; borrowed. */
	struct store *stores[API_MAX_STORES];
	bool busy[API_MAX_STORES];
	size_t nstores;
	pthread_mutex_t lock;
	pthread_cond_t freed;

	/* Failed attempts per key, in windows of API_RATE_WINDOW seconds. */
	struct api_rate_entry rate[API_RATE_ENTRIES];
	char rate_keys[API_RATE_ENTRIES][API_RATE_KEY_MAX]; /* the whole key of each entry */
	pthread_mutex_t rate_lock;

	struct api_auth_slot auth[API_AUTH_SLOTS];
	pthread_mutex_t auth_lock;

	struct api_memo_slot memo[API_MEMO_SLOTS];
	pthread_mutex_t memo_lock;
};

/*
 * Set up a over n store connections to the same database (borrowed: they
 * must outlive a). Tests pass one in-memory store.
 */
enum sc_result api_init(struct api *a, struct store **stores, size_t n, struct sc_error *err);

/* Release what api_init set up (not the stores). */
void api_release(struct api *a);

/* The http_handler of the API: ctx is a struct api. */
void api_handle(void *ctx, const struct http_request *req, struct http_response *resp);

/* The OpenAPI document served at /api/openapi.json (embedded at build time). */
extern const char api_openapi_json[];

/*
 * The fixed routes of the API, one at a time (the records of every kind,
 * /api/{plural} and /api/{plural}/{id}, come from the entity definitions):
 * for i below their number, the path as the OpenAPI document writes it
 * ("/api/me/tokens/{id}") into path, its methods ("GET, POST"), and whether
 * it needs no login. False when i is past the last. The router reads the
 * same table, so a test can hold the document to it.
 */
bool api_route_info(size_t i, char *path, size_t size, const char **methods, bool *open);

#endif
