/*
 * api_alerts.c - the pitfall monitor (/api/alerts), the coach's view of
 * their coachees (/api/me/coachees), the read the web interface makes most,
 * the manager's view of their team (/api/me/team), and the aggregates for
 * executives (/api/reports/programmes).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_int.h"
#include "plan/report.h"
#include "plan/team.h"
#include "rules/rules.h"

static void ack(struct api_call *c)
{
	static const char *const keys[] = { "reason", NULL };
	struct alert_list list = { 0 };
	struct alert_filter f = { 0 };
	struct sc_error err;
	const char *reason;
	json_t *body;
	bool found = false;

	if (!(c->d.actor.roles & (ROLE_ADMIN | ROLE_MANAGER))) {
		api_error(c, 403, "forbidden", NULL,
		          "alerts are acknowledged by administrators and managers");
		return;
	}
	if (!(body = api_body(c)))
		return;
	if (!api_only_keys(c, body, keys) || !(reason = api_string(c, body, "reason", 1000)))
		goto out;
	sc_error_init(&err);
	/* Only an alert the caller can see can be acknowledged by them. */
	if (rules_evaluate(&c->d, c->d.lang, &f, &list, &err) != SC_OK) {
		api_fail(c, &err);
		goto out;
	}
	/* rules_evaluate answers only the alerts the caller may see. */
	for (size_t i = 0; i < list.n && !found; i++)
		found = strcmp(list.items[i].id, c->segs[1]) == 0;
	if (!found) {
		api_error(c, 404, "not_found", "id",
		          "no alert '%s' is firing that you can see; GET /api/alerts lists them",
		          c->segs[1]);
		goto out;
	}
	if (rules_ack(&c->d, c->segs[1], reason, &err) != SC_OK)
		api_fail(c, &err);
	else
		api_json(c, 200, json_pack("{s:s,s:b}", "id", c->segs[1], "acknowledged", 1));
out:
	alert_list_release(&list);
	json_decref(body);
}

void api_alerts(struct api_call *c)
{
	char model[16] = "", rule[64] = "", all[8] = "";
	struct alert_filter f = { 0 };
	struct alert_list list = { 0 };
	struct sc_error err;

	sc_error_init(&err);
	/* Before an acknowledgement's body is read; rules_evaluate asks the same. */
	if (domain_access_alerts(&c->d, &err) != SC_OK) {
		api_fail(c, &err);
		return;
	}
	if (c->nsegs == 3) {
		ack(c);
		return;
	}
	static const char *const keys[] = {
		"team", "model", "rule", "all", "lang", "format", NULL
	};
	enum export_format fmt;
	if (!api_only_query(c, keys) || !api_query_id(c, "team", &f.team) ||
	    !api_export_format(c, &fmt))
		return;
	if (http_query_get(c->req->query, "model", model, sizeof(model))) {
		bool ok = false;
		for (const char *const *m = rules_models(); *m && !ok; m++)
			ok = strcmp(*m, model) == 0;
		if (!ok) {
			api_error(c, 422, "invalid", "model",
			          "model must be manager, senior, internal or external");
			return;
		}
		f.model = model;
	}
	if (http_query_get(c->req->query, "rule", rule, sizeof(rule))) {
		if (!rules_find(rule)) {
			api_error(c, 422, "invalid", "rule",
			          "there is no rule '%s'; docs/alerts.md lists the rules", rule);
			return;
		}
		f.rule = rule;
	}
	if (http_query_get(c->req->query, "all", all, sizeof(all))) {
		if (strcmp(all, "true") != 0 && strcmp(all, "false") != 0) {
			api_error_msg(c, 422, "invalid", "all", "http.boolean", "field", "all",
			              NULL);
			return;
		}
		f.all = strcmp(all, "true") == 0;
	}
	sc_error_init(&err);
	if (rules_evaluate(&c->d, c->d.lang, &f, &list, &err) != SC_OK) {
		api_fail(c, &err);
		goto out;
	}
	json_t *out = rules_json(&list);
	if (!out) {
		api_error(c, 500, "internal", NULL, "out of memory");
		goto out;
	}
	json_object_del(out, "counts");
	if (fmt != EXPORT_JSON) {
		json_t *rows = json_object_get(out, "alerts");
		if (export_json_compact(rows, "facts", &err) != SC_OK)
			api_fail(c, &err);
		else
			api_export_answer(c, fmt, "alerts", NULL, NULL, rows,
			                  json_array_size(rows));
		json_decref(out);
	} else {
		api_json(c, 200, out);
	}
out:
	alert_list_release(&list);
}

/* Columns c..c+4 of row r (id, at, kind, status, minutes) as a session, or null. */
static void session_write(struct jsonw *w, const struct qrows *q, size_t r, size_t c)
{
	if (qrows_null(q, r, c)) {
		jsonw_null(w);
		return;
	}
	jsonw_object_open(w);
	jsonw_key(w, "id");
	jsonw_int(w, qrows_int(q, r, c));
	jsonw_key(w, "at");
	jsonw_string(w, qrows_text(q, r, c + 1));
	jsonw_key(w, "kind");
	jsonw_string(w, qrows_text(q, r, c + 2));
	jsonw_key(w, "status");
	jsonw_string(w, qrows_text(q, r, c + 3));
	jsonw_key(w, "minutes");
	jsonw_int(w, qrows_int(q, r, c + 4));
	jsonw_object_close(w);
}

/*
 * The read the web interface makes most: written straight as JSON text
 * (jsonw.h) rather than built as a jansson tree first, which cost most of
 * its time and its allocations, and given from memory while the
 * organisation's data version stands (api_memo.c; docs/benchmarks.md).
 * It depends on the caller's person and the organisation's records only.
 */
void api_me_coachees(struct api_call *c)
{
	struct qparam param = { c->auth.person, NULL };
	struct qrows q = { 0 };
	struct sc_error err;
	struct jsonw w;

	if (api_memo_give(c, API_MEMO_COACHEES))
		return;
	sc_error_init(&err);
	/* The caller's own relationships: they are a party to each, no content is read. */
	if (store_query(c->st, c->auth.org, SQ_COACHEES, &param, 1, &q, &err) != SC_OK) {
		qrows_release(&q);
		api_fail(c, &err);
		return;
	}
	jsonw_init(&w, API_ANSWER_MAX);
	jsonw_object_open(&w);
	jsonw_key(&w, "items");
	jsonw_array_open(&w);
	for (size_t r = 0; r < q.nrows; r++) {
		jsonw_object_open(&w);
		jsonw_key(&w, "assignment");
		jsonw_int(&w, qrows_int(&q, r, 0));
		jsonw_key(&w, "programme");
		jsonw_int(&w, qrows_int(&q, r, 1));
		jsonw_key(&w, "status");
		jsonw_string(&w, qrows_text(&q, r, 2));
		jsonw_key(&w, "coachee");
		jsonw_object_open(&w);
		jsonw_key(&w, "id");
		jsonw_int(&w, qrows_int(&q, r, 3));
		jsonw_key(&w, "name");
		jsonw_string(&w, qrows_text(&q, r, 4));
		jsonw_key(&w, "email");
		jsonw_string(&w, qrows_text(&q, r, 5));
		jsonw_object_close(&w);
		jsonw_key(&w, "last_session");
		session_write(&w, &q, r, 6);
		jsonw_key(&w, "next_session");
		session_write(&w, &q, r, 11);
		jsonw_object_close(&w);
	}
	jsonw_array_close(&w);
	jsonw_object_close(&w);
	qrows_release(&q);
	api_jsonw(c, 200, &w);
	api_memo_keep(c, API_MEMO_COACHEES);
}

/* A report out (stolen) as JSON, or its table member's rows as fmt, a file named name. */
static void answer_report(struct api_call *c, enum export_format fmt, const char *name, json_t *out,
                          const char *member)
{
	json_t *rows = json_object_get(out, member);

	if (fmt == EXPORT_JSON) {
		api_json(c, 200, out);
		return;
	}
	if (!json_is_array(rows))
		api_error(c, 500, "internal", NULL, "the report has no table to export");
	else
		api_export_answer(c, fmt, name, NULL, NULL, rows, json_array_size(rows));
	json_decref(out);
}

/* The caller's team: dates, kinds and counts of their reports' coaching (plan/team.h). */
void api_me_team(struct api_call *c)
{
	static const char *const keys[] = { "lang", "format", NULL };
	enum export_format fmt;
	struct sc_error err;
	json_t *out = NULL;

	if (!api_only_query(c, keys) || !api_export_format(c, &fmt))
		return;
	sc_error_init(&err);
	if (team_activity(&c->d, c->d.actor.person_id, &out, &err) != SC_OK)
		api_fail(c, &err);
	else
		answer_report(c, fmt, "team", out, "people");
}

void api_reports(struct api_call *c)
{
	struct sc_error err;
	enum export_format fmt;
	json_t *out = NULL;
	if (!api_export_format(c, &fmt))
		return;
	sc_error_init(&err);
	if (report_programmes(&c->d, &out, &err) != SC_OK)
		api_fail(c, &err);
	else
		answer_report(c, fmt, "programmes", out, "programmes");
}
