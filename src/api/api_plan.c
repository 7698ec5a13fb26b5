/*
 * api_plan.c - the planners (/api/plan/capacity, /api/plan/incentive,
 * /api/plan/leadership) and the model advisor (/api/advise). The planners
 * show only the rows the caller may see (planner.h); the capacity planner
 * also answers a what-if (coachees, target_hours, hours_per_week in the
 * query), computed and stored nowhere. The advisor reads no data at all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/advisor.h"
#include "api/api_int.h"
#include "plan/planner.h"

struct whatif_query {
	struct api_call *c;
	struct capacity_whatif *w;
	struct sc_error err;
};

static enum sc_result whatif_pair(void *arg, const char *key, const char *value)
{
	struct whatif_query *q = arg;
	if (strcmp(key, "coachees") && strcmp(key, "target_hours") && strcmp(key, "hours_per_week"))
		return SC_OK;
	return planner_whatif_set(q->c->d.lang, q->w, key, NULL, value, &q->err);
}

/* The what-if figures of the query (planner.h); false when one is refused (answered). */
static bool capacity_whatif(struct api_call *c, struct capacity_whatif *w)
{
	struct whatif_query q = { c, w, { 0 } };
	sc_error_init(&q.err);
	if (http_query_each(c->req->query, whatif_pair, &q, &q.err) == SC_OK)
		return true;
	api_fail(c, &q.err);
	return false;
}

static void capacity(struct api_call *c)
{
	static const char *const keys[] = { "manager",        "coachees", "target_hours",
		                            "hours_per_week", "lang",     NULL };
	struct capacity_plan plan = { 0 };
	struct capacity_whatif whatif = { 0 };
	struct sc_error err;
	int64_t manager;

	if (!api_only_query(c, keys) || !api_query_id(c, "manager", &manager) ||
	    !capacity_whatif(c, &whatif))
		return;
	sc_error_init(&err);
	if (planner_capacity_whatif(&c->d, manager, &whatif, &plan, &err) != SC_OK)
		api_fail(c, &err);
	else
		api_json(c, 200, planner_capacity_json(&c->d, &plan));
	capacity_plan_release(&plan);
}

static void incentive(struct api_call *c)
{
	static const char *const keys[] = { "coach", "month", "lang", NULL };
	struct incentive_result r;
	struct sc_error err;
	char month[16];
	int64_t coach;

	if (!api_only_query(c, keys) || !api_query_id(c, "coach", &coach))
		return;
	if (!coach || !http_query_get(c->req->query, "month", month, sizeof(month))) {
		api_error(c, 422, "invalid", coach ? "month" : "coach",
		          "give coach (the senior's coach profile id) and month (YYYY-MM)");
		return;
	}
	sc_error_init(&err);
	if (planner_incentive(&c->d, coach, month, &r, &err) != SC_OK)
		api_fail(c, &err);
	else
		api_json(c, 200, planner_incentive_json(&r));
}

static void leadership(struct api_call *c)
{
	static const char *const keys[] = { "lang", NULL };
	struct leadership_list list = { 0 };
	struct sc_error err;

	if (!api_only_query(c, keys))
		return;
	sc_error_init(&err);
	if (planner_leadership(&c->d, &list, &err) != SC_OK)
		api_fail(c, &err);
	else
		api_json(c, 200, planner_leadership_json(&c->d, &list));
	leadership_list_release(&list);
}

void api_plan(struct api_call *c)
{
	const char *what = c->segs[1];
	if (strcmp(what, "capacity") == 0)
		capacity(c);
	else if (strcmp(what, "incentive") == 0)
		incentive(c);
	else
		leadership(c);
}

void api_advise(struct api_call *c)
{
	struct advisor_answers a;
	struct advisor_result *r = NULL;
	struct sc_error err;
	json_t *body = api_body(c);

	if (!body)
		return;
	sc_error_init(&err);
	advisor_answers_init(&a);
	if (advisor_answers_from_json(&a, body, c->d.lang, &err) != SC_OK) {
		api_error(c, 422, "invalid", err.field, "%s", err.message);
		goto out;
	}
	if (!(r = calloc(1, sizeof(*r)))) {
		api_error(c, 500, "internal", NULL, "out of memory");
		goto out;
	}
	advisor_score(&a, r);
	json_t *j = advisor_result_json(&a, r, c->d.lang);
	if (!j)
		api_error(c, 500, "internal", NULL, "out of memory");
	else
		api_json(c, 200, j);
out:
	free(r);
	json_decref(body);
}
