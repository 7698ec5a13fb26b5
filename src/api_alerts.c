/*
 * api_alerts.c - the pitfall monitor (/api/alerts), the coach's view of
 * their coachees (/api/me/coachees), the read the web interface makes most,
 * and the aggregates for executives (/api/reports/programmes).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"
#include "report.h"
#include "rules.h"

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
	char team[24] = "", model[16] = "", rule[64] = "", all[8] = "";
	struct alert_filter f = { 0 };
	struct alert_list list = { 0 };
	struct sc_error err;

	if (c->d.actor.roles == ROLE_EXECUTIVE) {
		api_error(c, 403, "forbidden", NULL,
		          "alerts name people; executives see aggregates of at least k people");
		return;
	}
	if (c->nsegs == 3) {
		ack(c);
		return;
	}
	if (http_query_get(c->req->query, "team", team, sizeof(team))) {
		char *end;
		long long t = strtoll(team, &end, 10);
		if (!*team || *end || t <= 0) {
			api_error(c, 422, "invalid", "team",
			          "team must be a team id (a whole number)");
			return;
		}
		f.team = t;
	}
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
			api_error(c, 422, "invalid", "all", "all must be true or false");
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
	api_json(c, 200, out);
out:
	alert_list_release(&list);
}

/* The coachee's last held and next planned session, as JSON or null. */
static json_t *session_json(const struct record *s)
{
	if (!s)
		return json_null();
	return json_pack("{s:I,s:s,s:s,s:s,s:I}", "id", (json_int_t)s->id, "at",
	                 record_text(s, "at"), "kind", record_text(s, "kind"), "status",
	                 record_text(s, "status"), "minutes", (json_int_t)record_int(s, "minutes"));
}

/* The latest (desc) or earliest session of assignment with status, or *out NULL. */
static enum sc_result one_session(struct api_call *c, int64_t assignment, const char *status,
                                  bool desc, struct record **out, struct sc_error *err)
{
	const struct entity_def *def = entity_get(E_SESSION);
	struct filter f[2] = {
		{ entity_field(def, "assignment"), FO_EQ, assignment, 0, NULL },
		{ entity_field(def, "status"), FO_EQ, 0, 0, status },
	};
	struct list_opts lo = { f, 2, entity_field(def, "at"), desc, 1, 0 };
	struct record_list list = { 0 };
	enum sc_result rc = store_list(c->st, c->auth.org, def, &lo, &list, err);
	*out = NULL;
	if (rc == SC_OK && list.n == 1) {
		*out = list.items[0];
		list.items[0] = NULL;
		list.n = 0;
	}
	record_list_release(&list);
	return rc;
}

void api_me_coachees(struct api_call *c)
{
	const struct entity_def *cdef = entity_get(E_COACH), *adef = entity_get(E_ASSIGNMENT),
	                        *pdef = entity_get(E_PERSON);
	struct filter cf = { entity_field(cdef, "person"), FO_EQ, c->auth.person, 0, NULL };
	struct list_opts clo = { &cf, 1, FILTER_ID, false, 1, 0 };
	struct record_list coaches = { 0 }, assignments = { 0 };
	struct sc_error err;
	enum sc_result rc;
	json_t *items = json_array();

	sc_error_init(&err);
	/* The caller's own relationships: read as stored, they are a party to each. */
	if ((rc = store_list(c->st, c->auth.org, cdef, &clo, &coaches, &err)))
		goto out;
	if (coaches.n == 1) {
		struct filter af[2] = {
			{ entity_field(adef, "coach"), FO_EQ, coaches.items[0]->id, 0, NULL },
			{ entity_field(adef, "status"), FO_EQ, 0, 0, "active" },
		};
		struct list_opts alo = { af, 2, FILTER_ID, false, 0, 0 };
		rc = store_list(c->st, c->auth.org, adef, &alo, &assignments, &err);
	}
	for (size_t i = 0; rc == SC_OK && i < assignments.n; i++) {
		const struct record *a = assignments.items[i];
		struct record *p = NULL, *last = NULL, *next = NULL;
		if ((rc = store_get(c->st, c->auth.org, pdef, record_int(a, "coachee"), &p,
		                    &err)) ||
		    (rc = one_session(c, a->id, "held", true, &last, &err)) ||
		    (rc = one_session(c, a->id, "planned", false, &next, &err))) {
			record_free(&p);
			record_free(&last);
			break;
		}
		json_array_append_new(
		        items, json_pack("{s:I,s:I,s:s,s:{s:I,s:s,s:s},s:o,s:o}", "assignment",
		                         (json_int_t)a->id, "programme",
		                         (json_int_t)record_int(a, "programme"), "status",
		                         record_text(a, "status"), "coachee", "id",
		                         (json_int_t)p->id, "name", record_text(p, "name"), "email",
		                         record_text(p, "email"), "last_session",
		                         session_json(last), "next_session", session_json(next)));
		record_free(&p);
		record_free(&last);
		record_free(&next);
	}
out:
	record_list_release(&coaches);
	record_list_release(&assignments);
	if (rc) {
		json_decref(items);
		api_fail(c, &err);
		return;
	}
	api_json(c, 200, json_pack("{s:o}", "items", items));
}

void api_reports(struct api_call *c)
{
	struct sc_error err;
	json_t *out = NULL;
	sc_error_init(&err);
	if (report_programmes(&c->d, &out, &err) != SC_OK)
		api_fail(c, &err);
	else
		api_json(c, 200, out);
}
