/*
 * api_int.h - what the files of the API layer share: the request context
 * and the helpers that answer JSON and errors.
 */
#ifndef SALESCOACH_API_INT_H
#define SALESCOACH_API_INT_H

#include <jansson.h>
#include <stdbool.h>

#include "domain/account.h"
#include "api/api.h"
#include "base/jsonw.h"
#include "domain/domain.h"
#include "exchange/export.h"

/*
 * Seconds of a rate-limit window, and the failures allowed in one: for an
 * account from one client address (a login) or for an account (a password
 * change, made signed in); from one address, whatever the accounts; and for
 * an account from all addresses together, the ceiling against guessing
 * spread over many addresses.
 */
#define API_RATE_WINDOW          900
#define API_RATE_PER_ACCOUNT     5
#define API_RATE_PER_ADDRESS     20
#define API_RATE_PER_ACCOUNT_ALL 100

/*
 * What a request may be: a path of at most API_PATH_MAX bytes and API_SEG_MAX
 * segments after /api/, and a query of at most API_QUERY_MAX parameters.
 */
#define API_PATH_MAX  1024
#define API_SEG_MAX   8
#define API_QUERY_MAX 64

/* One request on its way through the API. */
struct api_call {
	struct api *api;
	const struct http_request *req;
	struct http_response *resp;
	struct store *st;   /* a connection of the pool, for this request */
	bool authenticated; /* auth and d are set */
	struct account_auth auth;
	struct domain d;                      /* acting as the signed-in person */
	char data_version[STORE_VERSION_LEN]; /* read with the caller; "": none (api_memo.c) */
	const char *segs[API_SEG_MAX];        /* path segments after /api/, borrowed */
	size_t nsegs;
};

/* The answers api_memo.c remembers. */
enum api_memo_route { API_MEMO_COACHEES = 1 };

/*
 * Answer c from memory (200, JSON) when the answer of route for its caller
 * was remembered at the data version read with the caller this request;
 * false, and nothing answered, otherwise.
 */
bool api_memo_give(struct api_call *c, enum api_memo_route route);

/* Remember c's answer (a 200 just written) of route, at the version read with the caller. */
void api_memo_keep(struct api_call *c, enum api_memo_route route);

/* Forget every remembered answer (api_release). */
void api_memo_release(struct api *a);

/*
 * Split the request's path after /api/ into c->segs, copied into buf (size
 * bytes, at least API_PATH_MAX + 1). A resource has one spelling: a path with
 * an empty, '.' or '..' segment, a trailing '/' or a percent-escape, or that
 * is too long, answers 404 (never a redirect) and false.
 */
bool api_split_path(struct api_call *c, char *buf, size_t size);

/*
 * Check the whole query once, before routing: at most API_QUERY_MAX
 * parameters, each name once, every name and value well percent-escaped,
 * without NUL, and UTF-8. Otherwise 422 and false; field names the parameter
 * when its name can be named.
 */
bool api_query_ok(struct api_call *c);

/*
 * Whether the request's Content-Type is JSON: application/json in any case,
 * with parameters, of which a charset must be utf-8. Otherwise 415 and false.
 */
bool api_media_ok(struct api_call *c);

/*
 * Answer status with body (a new reference, stolen). NULL is no body only for 204;
 * otherwise NULL (a body that could not be built) answers 500 with an error body.
 */
void api_json(struct api_call *c, int status, json_t *body);

/* The longest answer written with a struct jsonw (api_jsonw): past it, a 500. */
#define API_ANSWER_MAX (64u << 20)

/*
 * Answer status with the JSON text written into w (jsonw.h), taken without
 * a copy: w is empty after. When a write into w failed, a 500 with an error
 * body instead, as api_json answers a body that could not be written.
 */
void api_jsonw(struct api_call *c, int status, struct jsonw *w);

/* Answer an error: {"error":{"code","message","field"}}. */
void api_error(struct api_call *c, int status, const char *code, const char *field, const char *fmt,
               ...) __attribute__((format(printf, 5, 6)));

/*
 * Answer an error in the caller's language (api_lang): the catalogue text id
 * with its placeholders from the pairs after id (a name, then its value),
 * ended by NULL, as sc_fail_msg takes them.
 */
void api_error_msg(struct api_call *c, int status, const char *code, const char *field,
                   const char *id, ...) __attribute__((sentinel));

/*
 * The caller's language: the signed-in person's (or ?lang), else ?lang of an
 * anonymous call (the login page sends it), else English.
 */
enum msg_lang api_lang(const struct api_call *c);

/* Answer the domain error err with the status that fits it. */
void api_fail(struct api_call *c, const struct sc_error *err);

/*
 * Parse the body as a JSON object: on failure the 415 (not sent as JSON,
 * api_media_ok) or 400 is answered and NULL returned. Returns a new reference.
 */
json_t *api_body(struct api_call *c);

/*
 * Check that obj has only the keys listed (NULL-terminated); otherwise a
 * 422 naming the first unknown key is answered and false returned.
 */
bool api_only_keys(struct api_call *c, json_t *obj, const char *const *keys);

/* A string member of obj, required: 422 and NULL when absent or not a string. */
const char *api_string(struct api_call *c, json_t *obj, const char *key, size_t max);

/* Paging from the query: limit 1..1000 (default 100), offset >= 0; 422 and false when bad. */
bool api_paging(struct api_call *c, size_t *limit, size_t *offset);

/* As api_paging, with the limit dflt when not given (0: none) and at most max. */
bool api_paging_upto(struct api_call *c, size_t dflt, size_t max, size_t *limit, size_t *offset);

/* A positive id from the query's key into *id (0 when absent); 422 and false when bad. */
bool api_query_id(struct api_call *c, const char *key, int64_t *id);

/* The query has only the keys listed (NULL-terminated); else 422 naming the first other. */
bool api_only_query(struct api_call *c, const char *const *keys);

/* {"items":[...],"limit","offset","total"} (items stolen). */
json_t *api_page(json_t *items, size_t limit, size_t offset, size_t total);

/*
 * Parse a path segment as a record id: decimal digits without sign or leading
 * zero, above 0 (one spelling per record); 404 and false when it is not one.
 */
bool api_id(struct api_call *c, const char *seg, int64_t *id);

/* Requires a signed-in caller: 401 and false when there is none. */
bool api_signed_in(struct api_call *c);

/* Handlers, by resource. Each answers c. */
void api_login(struct api_call *c);
void api_logout(struct api_call *c);
void api_me(struct api_call *c);
void api_me_password(struct api_call *c);
void api_me_access_log(struct api_call *c);
void api_me_security_log(struct api_call *c);
void api_setup(struct api_call *c);
void api_me_tokens(struct api_call *c);
void api_me_coachees(struct api_call *c);
void api_me_team(struct api_call *c);
void api_accounts(struct api_call *c);
void api_logs(struct api_call *c, enum entity_kind kind);
void api_entity(struct api_call *c, const struct entity_def *def);

/*
 * GET of a list of def with the query's filters, order, desc, limit and
 * offset, as the domain lets the caller see it; newest_first sets the
 * default order to descending ids.
 */
void api_entity_list(struct api_call *c, const struct entity_def *def, bool newest_first);

/*
 * The record of def that the body of a POST (patch false) or PATCH describes, each member
 * put into its field through the domain's parsing as the caller's d reads it. Returns owned,
 * or NULL when c has been answered: 400 for a body that is not a JSON object, 422 naming the
 * field at fault. Public for the fuzz target of bodies (tests/fuzz/fuzz_record_json.c).
 */
struct record *api_record_from_body(struct api_call *c, const struct entity_def *def, bool patch);

/*
 * Exports (api_export.c, docs/export.md): the format a list is asked in,
 * ?format=json|csv|xlsx, else the Accept header (text/csv, the XLSX type),
 * else JSON. An unknown ?format is answered 422 in the caller's language,
 * and false returned.
 */
bool api_export_format(struct api_call *c, enum export_format *fmt);

/*
 * Answer 200 with the records of list (def) or, def NULL, the report rows
 * (a JSON array) as fmt (CSV or XLSX) in the organisation's style, as an
 * attachment named name.csv or name.xlsx; total, the rows the filters
 * select, in X-Total-Count.
 */
void api_export_answer(struct api_call *c, enum export_format fmt, const char *name,
                       const struct entity_def *def, const struct record_list *list, json_t *rows,
                       size_t total);

void api_alerts(struct api_call *c);
void api_reports(struct api_call *c);
/* GET /api/reports/coverage (plan/report.h, report_coverage). */
void api_reports_coverage(struct api_call *c);
/* GET /api/reports/hours (plan/report.h, report_hours). */
void api_reports_hours(struct api_call *c);
/* GET /api/reports/coaches (plan/report.h, report_coaches). */
void api_reports_coaches(struct api_call *c);
/* GET /api/reports/impact (plan/report.h, report_impact). */
void api_reports_impact(struct api_call *c);
/* GET /api/reports/acceptance (plan/report.h, report_acceptance). */
void api_reports_acceptance(struct api_call *c);
void api_plan(struct api_call *c);
void api_advise(struct api_call *c);
void api_settings(struct api_call *c);
/* api_calendar.c: /api/me/calendar, /api/calendar/{secret}.ics, /api/sessions/{id}/ics. */
void api_me_calendar(struct api_call *c);
void api_calendar_feed(struct api_call *c);
void api_session_ics(struct api_call *c);
void api_imports(struct api_call *c);          /* POST /api/imports: a CSV body (api_import.c) */
void api_unsubscribe(struct api_call *c);      /* api_notify.c */
void api_me_notifications(struct api_call *c); /* api_notify.c */
void api_me_export(struct api_call *c);        /* api_personal.c */

/*
 * Find who is calling, from an API token or the session cookie (c->auth,
 * c->d). Answers 401 and returns false when credentials are given but not
 * valid; no credentials at all is fine here (routes decide).
 */
bool api_authenticate(struct api_call *c);

/* A change made with a session cookie carries its CSRF token; else 403 and false. */
bool api_csrf_ok(struct api_call *c);

/*
 * Forget the remembered callers (see API_AUTH_TTL) of a login session, an
 * API token or a whole account: 0 matches nothing, so pass one of them.
 */
void api_auth_forget(struct api *a, int64_t login, int64_t token, int64_t account);

/*
 * Rate limiting of failed attempts, by key, compared whole: true when key
 * has fewer than max failures in its window, else false and *retry the
 * seconds until the window ends. api_rate_failed counts one failure of key,
 * api_rate_reset forgets its count.
 */
bool api_rate_allowed(struct api *a, const char *key, unsigned max, long *retry);
void api_rate_failed(struct api *a, const char *key);
void api_rate_reset(struct api *a, const char *key);

#endif
