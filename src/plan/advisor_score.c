/*
 * advisor_score.c - the model advisor's scoring: the points each answer
 * gives each model, the pitfalls the answers make likely, the checklist of
 * the best model, and the result as text and JSON. docs/advisor.md states
 * every rule below with its points; tests/plan/test_advisor.c checks them.
 */
#include "plan/advisor.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/calc.h"
#include "domain/settings.h"

static const char *const model_names[ADVISOR_MODELS] = { "manager", "senior", "internal",
	                                                 "external" };

const char *advisor_model_name(enum advisor_model m)
{
	return (unsigned)m < ADVISOR_MODELS ? model_names[m] : "?";
}

/* ---- scoring ----------------------------------------------------------------------------- */

/* The default of an organisation setting: the advisor counts with the monitor's thresholds. */
static double setting_default(const char *key)
{
	const struct setting_def *def = settings_find(key);
	return def ? strtod(def->dflt, NULL) : 0;
}

/* Working days in a month: 5 a week x 52 / 12. */
#define WORKDAYS_PER_MONTH (5.0 * 52.0 / 12.0)

static void fact(struct advisor_text *t, const char *name, double value, int decimals)
{
	if (t->nfacts < ADVISOR_MAX_FACTS)
		t->facts[t->nfacts++] = (struct advisor_fact){ name, value, decimals, false };
}

static void money_fact(struct advisor_text *t, const char *name, double value)
{
	if (t->nfacts < ADVISOR_MAX_FACTS)
		t->facts[t->nfacts++] = (struct advisor_fact){ name, value, 0, true };
}

/* Add a reason: answer moves model m by points. Returns its text for the facts. */
static struct advisor_text *reason(struct advisor_result *r, enum advisor_model m,
                                   const char *answer, int points, const char *msg)
{
	static struct advisor_text spare; /* never reached: the reasons fit by construction */
	if (r->nreasons >= ADVISOR_MAX_REASONS)
		return memset(&spare, 0, sizeof(spare));
	struct advisor_reason *x = &r->reasons[r->nreasons++];
	x->model = m;
	x->answer = answer;
	x->points = points;
	x->text.msg = msg;
	r->raw[m] += points;
	return &x->text;
}

/* Add a pitfall of model m behind up to three answers (NULL ends the list). */
static struct advisor_text *pitfall(struct advisor_result *r, enum advisor_model m,
                                    const char *rule, const char *msg, const char *a1,
                                    const char *a2, const char *a3)
{
	static struct advisor_text spare;
	if (r->npitfalls >= ADVISOR_MAX_PITFALLS)
		return memset(&spare, 0, sizeof(spare));
	struct advisor_pitfall *p = &r->pitfalls[r->npitfalls++];
	const char *ans[] = { a1, a2, a3 };
	p->rule = rule;
	p->model = m;
	for (size_t i = 0; i < ADVISOR_MAX_ANSWERS && ans[i]; i++)
		p->answers[p->nanswers++] = ans[i];
	p->text.msg = msg;
	return &p->text;
}

static struct advisor_text *check(struct advisor_result *r, const char *rule, const char *msg)
{
	static struct advisor_text spare;
	if (r->nchecklist >= ADVISOR_MAX_CHECKLIST)
		return memset(&spare, 0, sizeof(spare));
	struct advisor_check *c = &r->checklist[r->nchecklist++];
	c->rule = rule;
	c->text.msg = msg;
	return &c->text;
}

static void figures(const struct advisor_answers *a, struct advisor_figures *f)
{
	f->span = (a->team_size + a->managers - 1) / a->managers;
	f->needed_per_manager = f->span * a->target_hours;
	f->available_per_month = calc_month_hours(a->manager_hours_per_week);
	f->max_span = calc_max_span(f->available_per_month, a->target_hours);
	f->coachees_of_seniors = a->team_size - a->seniors;
	f->senior_capacity = a->seniors * ADVISOR_SENIOR_COACHEES;
	f->needed_team = a->team_size * a->target_hours;
	f->internal_capacity = a->coach_fte * ADVISOR_HOURS_PER_FTE;
	f->external_hours = a->coach_budget / (double)ADVISOR_EXTERNAL_RATE / 12.0;
}

/* Percent of part in whole, for the texts. */
static double pct_of(double part, double whole)
{
	return whole > 0 ? part / whole * 100.0 : 0;
}

/* The facts of the manager's time, shared by its three reasons. */
static void time_facts(struct advisor_text *t, const struct advisor_answers *a,
                       const struct advisor_figures *f)
{
	fact(t, "hours", a->manager_hours_per_week, 2);
	fact(t, "available", f->available_per_month, 2);
	fact(t, "span", f->span, 0);
	fact(t, "target", a->target_hours, 2);
	fact(t, "needed", f->needed_per_manager, 2);
	fact(t, "pct", pct_of(f->available_per_month, f->needed_per_manager), 0);
}

static void score_manager(const struct advisor_answers *a, struct advisor_result *r)
{
	const struct advisor_figures *f = &r->fig;
	const enum advisor_model m = ADVISOR_MANAGER;
	int max_span = (int)setting_default("max_span");
	struct advisor_text *t;

	if (f->available_per_month + CALC_EPSILON >= f->needed_per_manager)
		t = reason(r, m, "manager_hours_per_week", 20, "advise.reason.manager.time_enough");
	else if (f->available_per_month + CALC_EPSILON >= f->needed_per_manager / 2)
		t = reason(r, m, "manager_hours_per_week", -10, "advise.reason.manager.time_short");
	else
		t = reason(r, m, "manager_hours_per_week", -25, "advise.reason.manager.time_none");
	time_facts(t, a, f);

	if (f->span <= max_span)
		t = reason(r, m, "managers", 5, "advise.reason.manager.span_ok");
	else
		t = reason(r, m, "managers", -10, "advise.reason.manager.span_wide");
	fact(t, "span", f->span, 0);
	fact(t, "max", max_span, 0);

	if (a->managers_trained_pct >= 75) {
		t = reason(r, m, "managers_trained_pct", 15, "advise.reason.manager.trained_most");
		fact(t, "pct", a->managers_trained_pct, 0);
	} else if (a->managers_trained_pct < 25) {
		t = reason(r, m, "managers_trained_pct", -10, "advise.reason.manager.trained_few");
		fact(t, "pct", a->managers_trained_pct, 0);
	}

	/* The article's argument for the model: managers who sold well have tips to give. */
	if (a->managers_sales_record)
		reason(r, m, "managers_sales_record", 10, "advise.reason.manager.sales_record");

	if (a->superiors_can_supervise)
		reason(r, m, "superiors_can_supervise", 10, "advise.reason.manager.supervise_yes");
	else
		reason(r, m, "superiors_can_supervise", -10, "advise.reason.manager.supervise_no");

	if (a->trust == TRUST_LOW)
		reason(r, m, "trust", -15, "advise.reason.manager.trust_low");
	else if (a->trust == TRUST_HIGH)
		reason(r, m, "trust", 5, "advise.reason.manager.trust_high");

	if (a->objective_view)
		reason(r, m, "objective_view", -10, "advise.reason.manager.objective");
}

/* Seniors needed so that each coaches at most ADVISOR_SENIOR_COACHEES of the others. */
static int seniors_needed(int team_size)
{
	return (team_size + ADVISOR_SENIOR_COACHEES) / (ADVISOR_SENIOR_COACHEES + 1);
}

/* Coachees per senior when the others are spread evenly; the maximum when there are no seniors. */
static int coachees_each(const struct advisor_answers *a, const struct advisor_figures *f)
{
	if (a->seniors == 0)
		return ADVISOR_SENIOR_COACHEES;
	return (f->coachees_of_seniors + a->seniors - 1) / a->seniors;
}

/* A senior's coaching hours a month: at most ADVISOR_SENIOR_COACHEES coachees at the target. */
static double senior_hours(const struct advisor_answers *a, const struct advisor_figures *f)
{
	int each = coachees_each(a, f);
	return (each < ADVISOR_SENIOR_COACHEES ? each : ADVISOR_SENIOR_COACHEES) * a->target_hours;
}

static void score_senior(const struct advisor_answers *a, struct advisor_result *r)
{
	const struct advisor_figures *f = &r->fig;
	const enum advisor_model m = ADVISOR_SENIOR;
	struct advisor_text *t;

	if (a->seniors == 0) {
		reason(r, m, "seniors", -40, "advise.reason.senior.none");
	} else {
		if (f->senior_capacity >= f->coachees_of_seniors)
			t = reason(r, m, "seniors", 15, "advise.reason.senior.enough");
		else
			t = reason(r, m, "seniors", -10, "advise.reason.senior.short");
		fact(t, "seniors", a->seniors, 0);
		fact(t, "capacity", f->senior_capacity, 0);
		fact(t, "per", ADVISOR_SENIOR_COACHEES, 0);
		fact(t, "coachees", f->coachees_of_seniors, 0);
		fact(t, "needed", seniors_needed(a->team_size), 0);
	}
	if (a->develop_managers)
		reason(r, m, "develop_managers", 20, "advise.reason.senior.develop");
	if (a->trust == TRUST_LOW)
		reason(r, m, "trust", 5, "advise.reason.senior.trust_low");
}

static void score_internal(const struct advisor_answers *a, struct advisor_result *r)
{
	const struct advisor_figures *f = &r->fig;
	const enum advisor_model m = ADVISOR_INTERNAL;
	struct advisor_text *t;

	if (a->coach_fte <= 0) {
		reason(r, m, "coach_fte", -40, "advise.reason.internal.none");
	} else {
		if (f->internal_capacity + CALC_EPSILON >= f->needed_team)
			t = reason(r, m, "coach_fte", 15, "advise.reason.internal.enough");
		else
			t = reason(r, m, "coach_fte", -10, "advise.reason.internal.short");
		fact(t, "fte", a->coach_fte, 2);
		fact(t, "capacity", f->internal_capacity, 2);
		fact(t, "per_fte", ADVISOR_HOURS_PER_FTE, 0);
		fact(t, "needed", f->needed_team, 2);
		fact(t, "team", a->team_size, 0);
		fact(t, "target", a->target_hours, 2);
		fact(t, "fte_needed", f->needed_team / ADVISOR_HOURS_PER_FTE, 2);
	}

	if (a->internal_candidate == CANDIDATE_SALES)
		reason(r, m, "internal_candidate", 20, "advise.reason.internal.candidate_sales");
	else if (a->internal_candidate == CANDIDATE_NO_SALES)
		reason(r, m, "internal_candidate", 5, "advise.reason.internal.candidate_nosales");
	else
		reason(r, m, "internal_candidate", -15, "advise.reason.internal.candidate_none");

	if (a->trust == TRUST_LOW)
		reason(r, m, "trust", -10, "advise.reason.internal.trust_low");
	else if (a->trust == TRUST_HIGH)
		reason(r, m, "trust", 5, "advise.reason.internal.trust_high");
}

/* The facts of the external coach's budget, shared by its reasons and lines. */
static void budget_facts(struct advisor_text *t, const struct advisor_answers *a,
                         const struct advisor_figures *f)
{
	money_fact(t, "budget", a->coach_budget);
	fact(t, "hours", f->external_hours, 2);
	money_fact(t, "rate", ADVISOR_EXTERNAL_RATE);
	fact(t, "needed", f->needed_team, 2);
	fact(t, "target", a->target_hours, 2);
	money_fact(t, "budget_needed", f->needed_team * 12.0 * ADVISOR_EXTERNAL_RATE);
	fact(t, "hours_year", f->needed_team * 12.0, 2);
}

static void score_external(const struct advisor_answers *a, struct advisor_result *r)
{
	const struct advisor_figures *f = &r->fig;
	const enum advisor_model m = ADVISOR_EXTERNAL;

	if (a->coach_budget <= 0) {
		reason(r, m, "coach_budget", -40, "advise.reason.external.none");
	} else if (f->external_hours + CALC_EPSILON >= f->needed_team) {
		budget_facts(reason(r, m, "coach_budget", 15, "advise.reason.external.enough"), a,
		             f);
	} else {
		budget_facts(reason(r, m, "coach_budget", -10, "advise.reason.external.short"), a,
		             f);
	}
	if (a->objective_view)
		reason(r, m, "objective_view", 20, "advise.reason.external.objective");
	if (a->trust == TRUST_LOW)
		reason(r, m, "trust", 10, "advise.reason.external.trust_low");
}

/* ---- pitfalls ---------------------------------------------------------------------------- */

static void pitfalls_manager(const struct advisor_answers *a, struct advisor_result *r)
{
	const struct advisor_figures *f = &r->fig;
	int max_span = (int)setting_default("max_span");
	struct advisor_text *t;

	if (f->available_per_month + CALC_EPSILON < f->needed_per_manager) {
		t = pitfall(r, ADVISOR_MANAGER, "manager-no-time", "advise.pitfall.manager-no-time",
		            "manager_hours_per_week", "managers", "team_size");
		fact(t, "needed", f->needed_per_manager, 2);
		fact(t, "span", f->span, 0);
		fact(t, "available", f->available_per_month, 2);
		fact(t, "short_week", (f->needed_per_manager - f->available_per_month) * 12 / 52,
		     2);
		fact(t, "max_span", f->max_span, 0);
	}
	if (f->span > max_span) {
		t = pitfall(r, ADVISOR_MANAGER, "span-too-wide", "advise.pitfall.span-too-wide",
		            "managers", "team_size", NULL);
		fact(t, "span", f->span, 0);
		fact(t, "max", max_span, 0);
		fact(t, "managers_needed", (a->team_size + max_span - 1) / max_span, 0);
		fact(t, "team", a->team_size, 0);
	}
	if (a->managers_trained_pct < 100) {
		t = pitfall(r, ADVISOR_MANAGER, "coach-untrained",
		            "advise.pitfall.manager.coach-untrained", "managers_trained_pct", NULL,
		            NULL);
		fact(t, "untrained", 100 - a->managers_trained_pct, 0);
	}
	if (a->managers_trained_pct < 50 || !a->superiors_can_supervise)
		pitfall(r, ADVISOR_MANAGER, "coaching-mixed-with-appraisal",
		        "advise.pitfall.coaching-mixed-with-appraisal", "managers_trained_pct",
		        "superiors_can_supervise", NULL);
	if (!a->superiors_can_supervise)
		pitfall(r, ADVISOR_MANAGER, "no-supervision", "advise.pitfall.no-supervision",
		        "superiors_can_supervise", NULL, NULL);
}

/* Only when there is someone to coach by it. */
static void pitfalls_senior(const struct advisor_answers *a, struct advisor_result *r)
{
	const struct advisor_figures *f = &r->fig;
	struct advisor_text *t;

	if (a->seniors > 0) {
		int per = coachees_each(a, f);
		double hours = senior_hours(a, f);
		double selling = setting_default("selling_hours");

		pitfall(r, ADVISOR_SENIOR, "coach-untrained",
		        "advise.pitfall.senior.coach-untrained", "seniors", NULL, NULL);
		pitfall(r, ADVISOR_SENIOR, "coach-not-assessed",
		        "advise.pitfall.coach-not-assessed", "seniors", NULL, NULL);
		t = pitfall(r, ADVISOR_SENIOR, "no-incentive", "advise.pitfall.no-incentive",
		            "seniors", NULL, NULL);
		fact(t, "hours", hours, 2);
		fact(t, "pct", calc_target_reduction(100, hours, selling, false, 0), 1);
		if (f->senior_capacity < f->coachees_of_seniors) {
			t = pitfall(r, ADVISOR_SENIOR, "coach-overloaded",
			            "advise.pitfall.coach-overloaded", "seniors", "team_size",
			            NULL);
			fact(t, "seniors", a->seniors, 0);
			fact(t, "coachees", f->coachees_of_seniors, 0);
			fact(t, "each", per, 0);
			fact(t, "max", ADVISOR_SENIOR_COACHEES, 0);
		}
	}
}

static void pitfalls_internal(const struct advisor_answers *a, struct advisor_result *r)
{
	const struct advisor_figures *f = &r->fig;
	struct advisor_text *t;

	if (a->coach_fte > 0 && f->internal_capacity + CALC_EPSILON < f->needed_team) {
		t = pitfall(r, ADVISOR_INTERNAL, "below-cadence",
		            "advise.pitfall.internal.below-cadence", "coach_fte", "team_size",
		            NULL);
		fact(t, "fte", a->coach_fte, 2);
		fact(t, "capacity", f->internal_capacity, 2);
		fact(t, "needed", f->needed_team, 2);
		fact(t, "target", a->target_hours, 2);
	}
	if (a->coach_fte > 0 && a->coach_fte * WORKDAYS_PER_MONTH < setting_default("floor_days")) {
		t = pitfall(r, ADVISOR_INTERNAL, "not-on-floor", "advise.pitfall.not-on-floor",
		            "coach_fte", NULL, NULL);
		fact(t, "fte", a->coach_fte, 2);
		fact(t, "days", a->coach_fte * WORKDAYS_PER_MONTH, 1);
		fact(t, "floor", setting_default("floor_days"), 0);
	}
	if (a->internal_candidate == CANDIDATE_NO_SALES)
		pitfall(r, ADVISOR_INTERNAL, "no-sales-background",
		        "advise.pitfall.no-sales-background", "internal_candidate", NULL, NULL);
	if (a->internal_candidate != CANDIDATE_SALES)
		pitfall(r, ADVISOR_INTERNAL, "low-acceptance", "advise.pitfall.low-acceptance",
		        "internal_candidate", NULL, NULL);
	if (a->trust == TRUST_LOW)
		pitfall(r, ADVISOR_INTERNAL, "seen-as-spy", "advise.pitfall.internal.seen-as-spy",
		        "trust", NULL, NULL);
}

static void pitfalls_external(const struct advisor_answers *a, struct advisor_result *r)
{
	const struct advisor_figures *f = &r->fig;
	struct advisor_text *t;

	if (a->trust != TRUST_HIGH) {
		t = pitfall(r, ADVISOR_EXTERNAL, "acceptance-not-built",
		            "advise.pitfall.acceptance-not-built", "trust", NULL, NULL);
		fact(t, "days", setting_default("onboarding_days"), 0);
	}
	if (a->trust == TRUST_LOW)
		pitfall(r, ADVISOR_EXTERNAL, "seen-as-spy", "advise.pitfall.external.seen-as-spy",
		        "trust", NULL, NULL);
	if (a->coach_budget > 0 && f->external_hours + CALC_EPSILON < f->needed_team)
		budget_facts(pitfall(r, ADVISOR_EXTERNAL, "below-cadence",
		                     "advise.pitfall.external.below-cadence", "coach_budget",
		                     "team_size", NULL),
		             a, f);
}

/* The pitfalls the answers make likely, model by model in the order of the models. */
static void pitfalls(const struct advisor_answers *a, struct advisor_result *r)
{
	pitfalls_manager(a, r);
	pitfalls_senior(a, r);
	pitfalls_internal(a, r);
	pitfalls_external(a, r);
}

/* ---- the checklist of the best model ----------------------------------------------------- */

/* Floor presence, team activities, ride-alongs, survey, charter: internal and external alike. */
static void coach_checks(struct advisor_result *r)
{
	fact(check(r, "not-on-floor", "advise.check.coach.floor"), "days",
	     setting_default("floor_days"), 0);
	fact(check(r, "misses-team-activities", "advise.check.coach.activities"), "pct",
	     setting_default("activity_share_pct"), 0);
	fact(check(r, "no-ride-alongs", "advise.check.coach.ride_alongs"), "count",
	     setting_default("ride_alongs"), 0);
	fact(check(r, "low-acceptance", "advise.check.coach.survey"), "min",
	     setting_default("acceptance_min"), 2);
}

static void checklist(const struct advisor_answers *a, struct advisor_result *r)
{
	const struct advisor_figures *f = &r->fig;
	struct advisor_text *t;

	switch (r->best) {
	case ADVISOR_MANAGER: {
		double needed_week = f->needed_per_manager * 12 / 52;
		if (f->available_per_month + CALC_EPSILON >= f->needed_per_manager)
			t = check(r, "manager-no-time", "advise.check.manager.time_ok");
		else if (f->max_span > 0)
			t = check(r, "manager-no-time", "advise.check.manager.time_short");
		else
			t = check(r, "manager-no-time", "advise.check.manager.time_none");
		fact(t, "needed_week", needed_week, 2);
		fact(t, "span", f->span, 0);
		fact(t, "target", a->target_hours, 2);
		fact(t, "hours", a->manager_hours_per_week, 2);
		fact(t, "short_week", needed_week - a->manager_hours_per_week, 2);
		fact(t, "max_span", f->max_span, 0);
		t = check(r, "span-too-wide", "advise.check.manager.span");
		fact(t, "max", setting_default("max_span"), 0);
		fact(t, "span", f->span, 0);
		if (a->managers_trained_pct < 100)
			fact(check(r, "coach-untrained", "advise.check.manager.train"), "untrained",
			     100 - a->managers_trained_pct, 0);
		else
			check(r, "coach-untrained", "advise.check.manager.train_keep");
		t = check(r, "coaching-mixed-with-appraisal", "advise.check.manager.separate");
		fact(t, "days", setting_default("mixing_window_days"), 0);
		fact(t, "pulse", setting_default("mixing_pulse_threshold"), 1);
		fact(check(r, "no-supervision",
		           a->superiors_can_supervise ? "advise.check.manager.supervise"
		                                      : "advise.check.manager.supervise_arrange"),
		     "days", setting_default("supervision_days"), 0);
		break;
	}
	case ADVISOR_SENIOR: {
		double hours = senior_hours(a, f);
		double selling = setting_default("selling_hours");

		t = check(r, "coach-not-assessed", "advise.check.senior.assess");
		fact(t, "min_score", setting_default("readiness_min_score"), 0);
		fact(t, "min_mean", setting_default("readiness_min_mean"), 2);
		check(r, "coach-untrained", "advise.check.senior.train");
		t = check(r, "no-incentive", "advise.check.senior.target");
		fact(t, "hours", hours, 2);
		fact(t, "selling", selling, 0);
		fact(t, "pct", calc_target_reduction(100, hours, selling, false, 0), 1);
		check(r, "no-incentive", "advise.check.senior.bonus");
		t = check(r, "coach-overloaded", "advise.check.senior.capacity");
		fact(t, "max", ADVISOR_SENIOR_COACHEES, 0);
		fact(t, "needed", seniors_needed(a->team_size), 0);
		fact(t, "team", a->team_size, 0);
		fact(t, "seniors", a->seniors, 0);
		if (a->develop_managers)
			check(r, NULL, "advise.check.senior.leadership");
		break;
	}
	case ADVISOR_INTERNAL:
		check(r, "no-sales-background", "advise.check.internal.choose");
		t = check(r, "below-cadence", "advise.check.internal.capacity");
		fact(t, "fte_needed", f->needed_team / ADVISOR_HOURS_PER_FTE, 2);
		fact(t, "needed", f->needed_team, 2);
		fact(t, "team", a->team_size, 0);
		fact(t, "target", a->target_hours, 2);
		fact(t, "fte", a->coach_fte, 2);
		coach_checks(r);
		check(r, "seen-as-spy", "advise.check.coach.charter");
		break;
	case ADVISOR_EXTERNAL:
	default:
		fact(check(r, "acceptance-not-built", "advise.check.external.onboarding"), "days",
		     setting_default("onboarding_days"), 0);
		check(r, "seen-as-spy", "advise.check.coach.charter");
		budget_facts(check(r, "below-cadence", "advise.check.external.budget"), a, f);
		coach_checks(r);
		check(r, "no-sales-background", "advise.check.external.choose");
		break;
	}
}

void advisor_score(const struct advisor_answers *a, struct advisor_result *r)
{
	memset(r, 0, sizeof(*r));
	figures(a, &r->fig);
	for (int m = 0; m < ADVISOR_MODELS; m++)
		r->raw[m] = ADVISOR_BASE;
	score_manager(a, r);
	score_senior(a, r);
	score_internal(a, r);
	score_external(a, r);
	for (int m = 0; m < ADVISOR_MODELS; m++)
		r->score[m] = r->raw[m] < 0 ? 0 : r->raw[m] > 100 ? 100 : r->raw[m];

	/* Insertion sort, stable: equal scores keep the model order, which breaks ties. */
	for (int i = 0; i < ADVISOR_MODELS; i++) {
		int j = i;
		while (j > 0 && r->score[r->ranking[j - 1]] < r->score[i]) {
			r->ranking[j] = r->ranking[j - 1];
			j--;
		}
		r->ranking[j] = (enum advisor_model)i;
	}
	r->best = r->ranking[0];
	pitfalls(a, r);
	checklist(a, r);
}

/* ---- rendering --------------------------------------------------------------------------- */

/* Euros as people read them in lang: "€54,000" (en), "€ 54.000" (nl). */
static const char *money_text(enum msg_lang lang, double v, char *buf, size_t n)
{
	return msg_money(lang, round(v), buf, n);
}

char *advisor_text_render(enum msg_lang lang, const struct advisor_text *t)
{
	struct msg_arg args[ADVISOR_MAX_FACTS];
	char vals[ADVISOR_MAX_FACTS][48];

	for (size_t i = 0; i < t->nfacts; i++) {
		const struct advisor_fact *x = &t->facts[i];
		args[i].name = x->name;
		args[i].value = x->money ? money_text(lang, x->value, vals[i], sizeof(vals[i]))
		                         : msg_number(lang, x->value, x->decimals, vals[i],
		                                      sizeof(vals[i]));
	}
	return msg_format(lang, t->msg, args, t->nfacts);
}

/* A fact as JSON: whole numbers as integers, others rounded to the decimals shown. */
static json_t *fact_json(const struct advisor_fact *x)
{
	int dec = x->money ? 2 : x->decimals;
	double scale = pow(10, dec), v = round(x->value * scale) / scale;
	if (v == floor(v) && fabs(v) < 1e15)
		return json_integer((json_int_t)v);
	return json_real(v);
}

/* Adds "message", "text" and "facts" of t to obj; false on OOM. */
static bool text_json(json_t *obj, const struct advisor_text *t, enum msg_lang lang)
{
	char *text = advisor_text_render(lang, t);
	json_t *facts = json_object();
	bool ok = !json_object_set_new(obj, "message", json_string(t->msg)) &&
	          !json_object_set_new(obj, "text", text ? json_string(text) : NULL) &&
	          !json_object_set_new(obj, "facts", facts); /* steals facts, also on failure */

	for (size_t i = 0; ok && i < t->nfacts; i++)
		ok = !json_object_set_new(facts, t->facts[i].name, fact_json(&t->facts[i]));
	free(text);
	return ok;
}

json_t *advisor_result_json(const struct advisor_answers *a, const struct advisor_result *r,
                            enum msg_lang lang)
{
	const struct advisor_figures *f = &r->fig;
	json_t *root = NULL, *scores = json_object(), *raw = json_object(), *ranking = json_array(),
	       *reasons = json_array(), *pits = json_array(), *checks = json_array();
	bool ok = scores && raw && ranking && reasons && pits && checks;

	for (int m = 0; ok && m < ADVISOR_MODELS; m++)
		ok = !json_object_set_new(scores, model_names[m], json_integer(r->score[m])) &&
		     !json_object_set_new(raw, model_names[m], json_integer(r->raw[m])) &&
		     !json_array_append_new(ranking, json_string(model_names[r->ranking[m]]));
	for (size_t i = 0; ok && i < r->nreasons; i++) {
		const struct advisor_reason *x = &r->reasons[i];
		json_t *o = json_pack("{ss ss si}", "model", model_names[x->model], "answer",
		                      x->answer, "points", x->points);
		ok = o && text_json(o, &x->text, lang) && !json_array_append_new(reasons, o);
		if (!ok)
			json_decref(o);
	}
	for (size_t i = 0; ok && i < r->npitfalls; i++) {
		const struct advisor_pitfall *x = &r->pitfalls[i];
		json_t *ans = json_array();
		for (size_t k = 0; ans && k < x->nanswers; k++)
			json_array_append_new(ans, json_string(x->answers[k]));
		json_t *o = ans ? json_pack("{ss ss so}", "rule", x->rule, "model",
		                            model_names[x->model], "answers", ans)
		                : NULL;
		ok = o && text_json(o, &x->text, lang) && !json_array_append_new(pits, o);
		if (!ok)
			json_decref(o);
	}
	for (size_t i = 0; ok && i < r->nchecklist; i++) {
		const struct advisor_check *x = &r->checklist[i];
		json_t *o = json_pack("{so}", "rule", x->rule ? json_string(x->rule) : json_null());
		ok = o && text_json(o, &x->text, lang) && !json_array_append_new(checks, o);
		if (!ok)
			json_decref(o);
	}
	if (ok)
		root = json_pack(
		        "{ss so s{si sf sf si si si sf sf sf} so so so ss so so so}", "lang",
		        msg_lang_code(lang), "answers", advisor_answers_json(a), "figures", "span",
		        f->span, "needed_per_manager", round(f->needed_per_manager * 100) / 100,
		        "available_per_manager", round(f->available_per_month * 100) / 100,
		        "max_span", f->max_span, "coachees_of_seniors", f->coachees_of_seniors,
		        "senior_capacity", f->senior_capacity, "needed_team",
		        round(f->needed_team * 100) / 100, "internal_capacity",
		        round(f->internal_capacity * 100) / 100, "external_hours",
		        round(f->external_hours * 100) / 100, "scores", scores, "raw_scores", raw,
		        "ranking", ranking, "best", model_names[r->best], "reasons", reasons,
		        "pitfalls", pits, "checklist", checks);
	if (!ok) {
		/* Without the pack nothing took them; json_pack steals them even when it fails. */
		json_decref(scores);
		json_decref(raw);
		json_decref(ranking);
		json_decref(reasons);
		json_decref(pits);
		json_decref(checks);
	}
	return root;
}
