/*
 * planner_json.c - the planners' results as JSON: what `salescoach plan
 * capacity|incentive|leadership --json` prints and the HTTP API answers.
 */
#include <jansson.h>
#include <math.h>

#include "plan/planner.h"

/* Reals in JSON: rounded to the cent, as every figure shown. */
static json_t *jreal(double v)
{
	return json_real(round(v * 100.0) / 100.0);
}

json_t *planner_capacity_json(const struct domain *d, const struct capacity_plan *p)
{
	json_t *rows = json_array();
	for (size_t i = 0; i < p->n; i++) {
		const struct capacity_row *r = &p->rows[i];
		json_t *tasks = json_array();
		for (size_t t = 0; t < r->ntasks; t++)
			json_array_append_new(tasks, json_pack("{sI ss so so sb}", "id",
			                                       (json_int_t)r->tasks[t].id, "name",
			                                       r->tasks[t].name, "hours_per_week",
			                                       jreal(r->tasks[t].hours_per_week),
			                                       "hours_per_month",
			                                       jreal(r->tasks[t].hours_month),
			                                       "delegate", r->tasks[t].chosen));
		json_t *row = json_pack(
		        "{sI sI ss sI so so so so so so sb so so sI sI}", "coach",
		        (json_int_t)r->coach, "person", (json_int_t)r->person, "name", r->name,
		        "coachees", (json_int_t)r->coachees, "target_hours", jreal(r->target),
		        "needed_hours", jreal(r->needed), "hours_per_week",
		        jreal(r->hours_per_week), "available_hours", jreal(r->available),
		        "shortfall_hours", jreal(r->shortfall), "shortfall_hours_per_week",
		        jreal(r->shortfall * 12.0 / 52.0), "delegation_closes_gap", r->closes,
		        "freed_hours", jreal(r->freed), "delegable_tasks", tasks, "max_span",
		        (json_int_t)r->max_span, "span", (json_int_t)r->span);
		/* What is left when it fits, as the command line says it. */
		json_object_set_new(
		        row, "spare_hours",
		        jreal(r->shortfall > 0 ? 0 : fmax(0, r->available - r->needed)));
		json_array_append_new(rows, row);
	}
	/* The figures assumed in place of the recorded ones ({} when none). */
	const struct capacity_whatif *w = &p->whatif;
	json_t *assumed = json_object();
	if (w->has_coachees)
		json_object_set_new(assumed, "coachees", json_integer(w->coachees));
	if (w->has_target)
		json_object_set_new(assumed, "target_hours", jreal(w->target_hours));
	if (w->has_hours)
		json_object_set_new(assumed, "hours_per_week", jreal(w->hours_per_week));
	return json_pack("{ss so so}", "today", d->today, "assumed", assumed, "managers", rows);
}

json_t *planner_incentive_json(const struct incentive_result *r)
{
	json_t *plan = json_pack(
	        "{sI ss ss? so so so so so}", "id", (json_int_t)r->plan, "starts_on",
	        r->plan_starts_on, "ends_on", r->plan_ends_on[0] ? r->plan_ends_on : NULL,
	        "target_reduction_pct", r->has_pct ? jreal(r->plan_pct) : json_null(),
	        "bonus_share_pct", jreal(r->bonus_share_pct), "base_bonus", jreal(r->base_bonus),
	        "selling_hours", jreal(r->selling_hours), "bonus_floor_pct", jreal(r->floor_pct));
	json_object_set_new(plan, "bonus_cap_pct", jreal(r->cap_pct));
	json_t *inputs =
	        json_pack("{ss so ss so sI so so sI sI}", "base_month", r->base_month, "base_quota",
	                  jreal(r->base_quota), "month", r->month, "quota", jreal(r->quota),
	                  "sessions", (json_int_t)r->sessions, "coaching_hours",
	                  jreal(r->coaching_hours), "coachees_mean_attainment_pct",
	                  r->has_attainment ? jreal(r->attainment_pct) : json_null(), "coachees",
	                  (json_int_t)r->coachees, "coachees_with_result",
	                  (json_int_t)r->coachees_with_result);
	return json_pack("{sI sI ss ss so so s{so so so so sb so} s{so}}", "coach",
	                 (json_int_t)r->coach, "person", (json_int_t)r->person, "name", r->name,
	                 "month", r->month, "plan", plan, "inputs", inputs, "target_reduction",
	                 "amount", jreal(r->reduction), "pct_of_base", jreal(r->reduction_pct),
	                 "implied_quota", jreal(r->implied_quota), "applied", jreal(r->applied),
	                 "reduced", r->reduced, "lower_by",
	                 jreal(r->reduced ? 0 : r->quota - r->implied_quota), "bonus_component",
	                 "per_year", r->has_attainment ? jreal(r->bonus) : json_null());
}

json_t *planner_leadership_json(const struct domain *d, const struct leadership_list *l)
{
	json_t *rows = json_array();
	for (size_t i = 0; i < l->n; i++) {
		const struct leadership_row *r = &l->rows[i];
		json_array_append_new(
		        rows,
		        json_pack(
		                "{si sI sI ss so sI s{so sI sI} s{so so so sI} s{so sI sI} "
		                "s{so so so}}",
		                "rank", r->rank, "coach", (json_int_t)r->coach, "person",
		                (json_int_t)r->person, "name", r->name, "score", jreal(r->score),
		                "coachees", (json_int_t)r->coachees, "feedback", "mean",
		                r->has_feedback ? jreal(r->feedback) : json_null(), "people",
		                (json_int_t)r->feedback_people, "answers",
		                (json_int_t)r->feedback_answers, "attainment_change", "points",
		                r->has_change ? jreal(r->change_pts) : json_null(), "before_pct",
		                r->has_change ? jreal(r->before_pct) : json_null(), "after_pct",
		                r->has_change ? jreal(r->after_pct) : json_null(), "people",
		                (json_int_t)r->change_people, "regularity", "pct",
		                r->has_regularity ? jreal(r->regularity_pct) : json_null(),
		                "months_met", (json_int_t)r->months_met, "months",
		                (json_int_t)r->months, "readiness", "mean",
		                r->has_readiness ? jreal(r->readiness_mean) : json_null(), "lowest",
		                r->has_readiness ? json_integer(r->readiness_lowest) : json_null(),
		                "assessed_on",
		                r->has_readiness ? json_string(r->readiness_on) : json_null()));
	}
	return json_pack("{ss si s{si si si si si} so}", "today", d->today, "impact_months",
	                 l->impact_months, "weights", "feedback", (int)LEADERSHIP_W_FEEDBACK,
	                 "attainment_change", (int)LEADERSHIP_W_ATTAINMENT, "regularity",
	                 (int)LEADERSHIP_W_REGULARITY, "readiness", (int)LEADERSHIP_W_READINESS,
	                 "change_span_points", (int)LEADERSHIP_CHANGE_SPAN, "coaches", rows);
}
