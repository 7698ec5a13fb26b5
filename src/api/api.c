/*
 * api.c - the API's entry: the pool of store connections, the router from a
 * path to its resource's handler, and api_handle, which every request goes
 * through. Handlers live in one file per resource (api_*.c); what they share
 * to answer is api_reply.c, who is calling is api_guard.c.
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
#include "base/util.h"

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
	pthread_mutex_init(&a->memo_lock, NULL);
	enum sc_result rc = account_global_init(err);
	return rc ? rc : account_login_prepare(err);
}

void api_release(struct api *a)
{
	pthread_mutex_destroy(&a->lock);
	pthread_cond_destroy(&a->freed);
	pthread_mutex_destroy(&a->rate_lock);
	pthread_mutex_destroy(&a->auth_lock);
	api_memo_release(a);
	pthread_mutex_destroy(&a->memo_lock);
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

/* ---- routing ------------------------------------------------------------------------------ */

static bool method_is(struct api_call *c, const char *allow)
{
	/* allow: "GET" or "GET, POST" ... */
	const char *m = c->req->method;
	size_t n = strlen(m);
	/* An empty method would be found everywhere, and the loop would never move on. */
	for (const char *p = allow; n && (p = strstr(p, m)); p += n)
		if ((p == allow || p[-1] == ' ') && (p[n] == '\0' || p[n] == ','))
			return true;
	http_response_header(c->resp, "Allow", allow);
	api_error_msg(c, 405, "method_not_allowed", NULL, "http.method", "method", m, "allow",
	              allow, NULL);
	return false;
}

static void health(struct api_call *c)
{
	api_json(c, 200, json_pack("{s:s}", "status", "ok"));
}

static void openapi(struct api_call *c)
{
	http_response_body(c->resp, "application/json", api_openapi_json, strlen(api_openapi_json));
}

static void audit_log(struct api_call *c)
{
	api_logs(c, E_AUDIT);
}

static void access_log(struct api_call *c)
{
	api_logs(c, E_ACCESS);
}

/* Who may reach a route: anyone; a caller whose credentials, if any, are valid; a signed-in one. */
enum route_gate { GATE_OPEN, GATE_CHECKED, GATE_SIGNED_IN };

/*
 * The paths of the API after /api/, segment by segment; "*" matches any one
 * segment. Records of every kind (/api/{plural}[/{id}]) come after the table,
 * from the entity definitions. The table is read top to bottom; the open
 * routes are matched before the caller's credentials are read, so that a
 * browser with an ended cookie can still log in.
 */
static const struct api_route {
	const char *path;
	const char *methods; /* the Allow header: "GET" or "GET, POST" */
	enum route_gate gate;
	const char *name; /* for the request log */
	void (*handler)(struct api_call *c);
} routes[] = {
	{ "health", "GET", GATE_OPEN, "health", health },
	{ "openapi.json", "GET", GATE_OPEN, "openapi", openapi },
	{ "login", "POST", GATE_OPEN, "login", api_login },
	{ "setup", "POST", GATE_OPEN, "setup", api_setup },
	{ "logout", "POST", GATE_CHECKED, "logout", api_logout },
	{ "me", "GET", GATE_SIGNED_IN, "me", api_me },
	{ "me/password", "POST", GATE_SIGNED_IN, "me.password", api_me_password },
	{ "me/security-log", "GET", GATE_SIGNED_IN, "me.security-log", api_me_security_log },
	{ "me/access-log", "GET", GATE_SIGNED_IN, "me.access-log", api_me_access_log },
	{ "me/tokens", "GET, POST", GATE_SIGNED_IN, "me.tokens", api_me_tokens },
	{ "me/tokens/*", "DELETE", GATE_SIGNED_IN, "me.tokens", api_me_tokens },
	{ "me/export", "GET", GATE_SIGNED_IN, "me.export", api_me_export },
	{ "me/coachees", "GET", GATE_SIGNED_IN, "me.coachees", api_me_coachees },
	{ "me/team", "GET", GATE_SIGNED_IN, "me.team", api_me_team },
	{ "accounts", "GET, POST", GATE_SIGNED_IN, "accounts", api_accounts },
	{ "audit-log", "GET", GATE_SIGNED_IN, "audit-log", audit_log },
	{ "access-log", "GET", GATE_SIGNED_IN, "access-log", access_log },
	{ "plan/capacity", "GET", GATE_SIGNED_IN, "plan.capacity", api_plan },
	{ "plan/incentive", "GET", GATE_SIGNED_IN, "plan.incentive", api_plan },
	{ "plan/leadership", "GET", GATE_SIGNED_IN, "plan.leadership", api_plan },
	{ "advise", "POST", GATE_SIGNED_IN, "advise", api_advise },
	{ "reports/programmes", "GET", GATE_SIGNED_IN, "reports.programmes", api_reports },
	{ "reports/coverage", "GET", GATE_SIGNED_IN, "reports.coverage", api_reports_coverage },
	{ "reports/hours", "GET", GATE_SIGNED_IN, "reports.hours", api_reports_hours },
	{ "reports/coaches", "GET", GATE_SIGNED_IN, "reports.coaches", api_reports_coaches },
	{ "reports/impact", "GET", GATE_SIGNED_IN, "reports.impact", api_reports_impact },
	{ "reports/acceptance", "GET", GATE_SIGNED_IN, "reports.acceptance",
	  api_reports_acceptance },
	{ "settings", "GET, PATCH", GATE_SIGNED_IN, "settings", api_settings },
	{ "alerts", "GET", GATE_SIGNED_IN, "alerts", api_alerts },
	{ "alerts/*/ack", "POST", GATE_SIGNED_IN, "alerts", api_alerts },
	{ "me/calendar", "GET, POST, DELETE", GATE_SIGNED_IN, "me.calendar", api_me_calendar },
	{ "calendar/*", "GET", GATE_OPEN, "calendar.feed", api_calendar_feed },
	{ "sessions/*/ics", "GET", GATE_SIGNED_IN, "sessions.ics", api_session_ics },
	{ "imports", "POST", GATE_SIGNED_IN, "imports", api_imports },
	{ "unsubscribe/*", "GET, POST", GATE_OPEN, "unsubscribe", api_unsubscribe },
	{ "me/notifications", "GET, PATCH", GATE_SIGNED_IN, "me.notifications",
	  api_me_notifications },
};

bool api_route_info(size_t i, char *path, size_t size, const char **methods, bool *open)
{
	if (i >= ARRAY_SIZE(routes) || size == 0)
		return false;
	size_t o = (size_t)snprintf(path, size, "/api");
	for (const char *p = routes[i].path; *p && o < size;) {
		size_t n = strcspn(p, "/");
		bool any = n == 1 && *p == '*';
		o += (size_t)snprintf(path + o, size - o, "/%.*s", any ? 4 : (int)n,
		                      any ? "{id}" : p);
		p += n + (p[n] == '/');
	}
	*methods = routes[i].methods;
	*open = routes[i].gate == GATE_OPEN;
	return true;
}

/* Whether the request's segments match pattern, whose "*" segments match any one. */
static bool route_matches(const struct api_call *c, const char *pattern)
{
	size_t i = 0;
	for (const char *p = pattern; *p; i++) {
		const char *end = strchr(p, '/');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (i == c->nsegs)
			return false;
		if (!(n == 1 && *p == '*') &&
		    (strlen(c->segs[i]) != n || memcmp(c->segs[i], p, n) != 0))
			return false;
		p += n + (end != NULL);
	}
	return i == c->nsegs;
}

/* Read the caller's credentials, ?lang and the CSRF token; false when answered. */
static bool check_caller(struct api_call *c)
{
	if (!api_authenticate(c))
		return false;
	/* Texts (alerts, advisor, errors of the domain) in the organisation's language or ?lang. */
	char lang[8];
	if (c->authenticated && http_query_get(c->req->query, "lang", lang, sizeof(lang)) &&
	    !msg_lang_parse(lang, &c->d.lang)) {
		api_error_msg(c, 422, "invalid", "lang", "http.lang", NULL);
		return false;
	}
	return api_csrf_ok(c);
}

/* /api/{plural} and /api/{plural}/{id} of the kinds that can be written. */
static const struct entity_def *entity_route(const struct api_call *c)
{
	const struct entity_def *def = entity_find(c->segs[0]);
	if (def && strcmp(def->plural, c->segs[0]) == 0 && !(def->eflags & EF_READONLY) &&
	    c->nsegs <= 2)
		return def;
	return NULL;
}

/*
 * A body sent to any route, read or not, is JSON: so a form that a browser
 * posts from another site is refused whatever it is sent to (415). A route
 * that reads a body and is sent none says so in api_body.
 */
static bool body_typed(struct api_call *c)
{
	/*
	 * The one exception: an import's body is the CSV file itself (text/csv)
	 * or a form holding it (multipart/form-data), checked by api_imports.
	 * text/csv is not a CORS-safelisted type, so a browser sends no such
	 * cross-site request without a preflight this server never grants. A
	 * multipart form can be posted by another site's page, but what makes it
	 * count is a credential that page cannot send: a cookie session still
	 * needs its CSRF token in a header (check_caller), which no form sets,
	 * and an API token is never sent by a browser on its own.
	 */
	if (c->resp->route && strcmp(c->resp->route, "imports") == 0)
		return true;
	/*
	 * And a mail client's one-click unsubscribe (RFC 8058): a form's
	 * "List-Unsubscribe=One-Click", to an open route that reads no body and
	 * no cookie; the link's secret is its credential.
	 */
	if (c->resp->route && strcmp(c->resp->route, "unsubscribe") == 0)
		return true;
	return c->req->body_len == 0 || strcmp(c->req->method, "GET") == 0 || api_media_ok(c);
}

static void route(struct api_call *c)
{
	const struct api_route *r = NULL;
	for (size_t i = 0; i < ARRAY_SIZE(routes) && !r; i++)
		if (route_matches(c, routes[i].path))
			r = &routes[i];
	if (!r || r->gate != GATE_OPEN) {
		if (!check_caller(c))
			return;
		if ((!r || r->gate == GATE_SIGNED_IN) && !api_signed_in(c))
			return;
	}
	if (r) {
		c->resp->route = r->name;
		if (method_is(c, r->methods) && body_typed(c))
			r->handler(c);
		return;
	}
	const struct entity_def *def = entity_route(c);
	if (def) {
		c->resp->route = def->plural;
		if (method_is(c, c->nsegs == 1 ? "GET, POST" : "GET, PATCH, DELETE") &&
		    body_typed(c))
			api_entity(c, def);
		return;
	}
	api_error(c, 404, "not_found", NULL,
	          "there is no %s; GET /api/openapi.json lists every path", c->req->path);
}

void api_handle(void *ctx, const struct http_request *req, struct http_response *resp)
{
	struct api *a = ctx;
	struct http_request get;
	char segbuf[API_PATH_MAX + 1];

	/*
	 * HEAD is GET without the body, which the server leaves out: the handlers
	 * never see HEAD, so none can answer it differently (405, or a GET's 404
	 * taken for a change's 422).
	 */
	if (strcmp(req->method, "HEAD") == 0) {
		get = *req;
		get.method = "GET";
		req = &get;
	}
	struct api_call c = { .api = a, .req = req, .resp = resp };
	if (!api_split_path(&c, segbuf, sizeof(segbuf)) || !api_query_ok(&c))
		return;
	size_t slot = store_acquire(a);
	c.st = a->stores[slot];
	route(&c);
	store_release(a, slot);
}
