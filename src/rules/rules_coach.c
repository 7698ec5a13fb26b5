/*
 * rules_coach.c - rules about every coach, in every model:
 * coach-untrained and coach-overloaded.
 */
#include "rules/rules_int.h"

#include <string.h>

#include "domain/calc.h"

struct alert *rules_coach_alert(struct rules_ctx *c, const char *rule, size_t r,
                                enum alert_severity sev, const char *role)
{
	const struct qrows *co = &c->coaches;
	int64_t coach = qrows_int(co, r, CO_ID);
	struct alert *a = alert_begin(c, rule, "coach", coach, sev, qrows_text(co, r, CO_KIND),
	                              rules_coach_team(c, coach), 0);

	alert_person(a, role, qrows_int(co, r, CO_PERSON), qrows_text(co, r, CO_NAME));
	return a;
}

static struct alert *begin(struct rules_ctx *c, const char *rule, size_t r, enum alert_severity sev)
{
	return rules_coach_alert(c, rule, r, sev, "coach");
}

static void untrained(struct rules_ctx *c)
{
	const struct qrows *co = &c->coaches;

	for (size_t r = 0; r < co->nrows && !c->rc; r++) {
		if (qrows_int(co, r, CO_TRAININGS) > 0)
			continue;
		bool senior = !strcmp(qrows_text(co, r, CO_KIND), "senior");
		struct alert *a = begin(c, "coach-untrained", r, senior ? SEV_ERROR : SEV_WARNING);
		if (!a)
			continue;
		const char *open = qrows_text(co, r, CO_TRAINING_OPEN);
		alert_fact_int(a, "trainings_completed", 0, true);
		alert_fact_text(a, "training_in_progress", open, true);
		alert_fact_int(a, "active_coachees", qrows_int(co, r, CO_ACTIVE_COACHEES), true);
		alert_finish(c, a, "rule.coach-untrained.summary",
		             open ? "rule.coach-untrained.mitigation.enrolled"
		                  : "rule.coach-untrained.mitigation",
		             NULL, 0);
	}
}

static void overloaded(struct rules_ctx *c)
{
	const struct qrows *co = &c->coaches;

	for (size_t r = 0; r < co->nrows && !c->rc; r++) {
		int64_t active = qrows_int(co, r, CO_ACTIVE_COACHEES);
		int64_t capacity = qrows_int(co, r, CO_CAPACITY);
		if (active <= capacity)
			continue;
		struct alert *a = begin(c, "coach-overloaded", r, SEV_WARNING);
		if (!a)
			continue;
		double hpw = qrows_real(co, r, CO_HOURS_PER_WEEK);
		alert_fact_int(a, "active_coachees", active, true);
		alert_fact_int(a, "capacity", capacity, true);
		alert_fact_int(a, "excess", active - capacity, true);
		alert_fact_real(a, "needed_hours", c->needed[r], true);
		alert_fact_real(a, "available_hours", calc_month_hours(hpw), true);
		alert_fact_real(a, "hours_per_week", hpw, true);
		alert_finish(c, a, "rule.coach-overloaded.summary",
		             "rule.coach-overloaded.mitigation", NULL, 0);
	}
}

enum sc_result rules_coaches(struct rules_ctx *c)
{
	if (rules_wanted(c, "coach-untrained"))
		untrained(c);
	if (rules_wanted(c, "coach-overloaded"))
		overloaded(c);
	return c->rc;
}
