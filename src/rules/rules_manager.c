/*
 * rules_manager.c - rules of the manager model: no-supervision,
 * manager-no-time and span-too-wide.
 */
#include "rules/rules_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/calc.h"

static bool manager_coach(const struct qrows *co, size_t r)
{
	return !strcmp(qrows_text(co, r, CO_KIND), "manager");
}

static struct alert *begin(struct rules_ctx *c, const char *rule, size_t r, enum alert_severity sev)
{
	const struct qrows *co = &c->coaches;
	struct alert *a = rules_coach_alert(c, rule, r, sev, "manager");

	if (!qrows_null(co, r, CO_SUPERIOR))
		alert_person(a, "superior", qrows_int(co, r, CO_SUPERIOR),
		             qrows_text(co, r, CO_SUPERIOR_NAME));
	return a;
}

static void no_supervision(struct rules_ctx *c)
{
	const struct qrows *co = &c->coaches;
	struct qrows rev = { 0 };
	long limit = (long)rules_setting(c, "supervision_days");
	/* The reviewer the organisation names counts as the superior does (0: nobody). */
	struct qparam p[] = { { (int64_t)rules_setting(c, "supervision_reviewer"), NULL } };

	if (!rules_query(c, SQ_SUPERVISION, p, 1, &rev))
		return;
	for (size_t r = 0; r < co->nrows && !c->rc; r++) {
		/* Only a manager who coaches (or has coached) needs a coach of their own. */
		if (!manager_coach(co, r) || qrows_null(co, r, CO_FIRST_START))
			continue;
		bool superior = !qrows_null(co, r, CO_SUPERIOR);
		const char *last = NULL, *next = NULL;
		long i = rules_find_row(&rev, 0, qrows_int(co, r, CO_PERSON));
		if (i >= 0) {
			last = qrows_text(&rev, (size_t)i, 1);
			next = qrows_text(&rev, (size_t)i, 2);
		}
		long days = rules_days_since(c, last ? last : qrows_text(co, r, CO_FIRST_START));
		if (superior && days < limit)
			continue;
		struct alert *a = begin(c, "no-supervision", r, SEV_WARNING);
		if (!a)
			continue;
		alert_fact_date(a, "last_review_on", last, true);
		alert_fact_int(a, "days_since", days, false);
		alert_fact_int(a, "threshold_days", limit, true);
		alert_fact_date(a, "next_review_on", next, true);
		alert_fact_bool(a, "has_superior", superior, true);
		alert_finish(c, a,
		             !superior ? "rule.no-supervision.summary.nosuperior"
		             : last    ? "rule.no-supervision.summary"
		                       : "rule.no-supervision.summary.never",
		             superior ? "rule.no-supervision.mitigation"
		                      : "rule.no-supervision.mitigation.nosuperior",
		             NULL, 0);
	}
	qrows_release(&rev);
}

/* Columns of SQ_MANAGER_TASKS. */
enum { TK_ID, TK_MANAGER, TK_NAME, TK_HOURS, TK_DELEGABLE, TK_DELEGATED };

static void no_time(struct rules_ctx *c)
{
	const struct qrows *co = &c->coaches;
	struct qrows tasks = { 0 };

	if (!rules_query(c, SQ_MANAGER_TASKS, NULL, 0, &tasks))
		return;
	for (size_t r = 0; r < co->nrows && !c->rc; r++) {
		/* Each coachee once, at the highest target (calc_needed, as `plan capacity`). */
		int64_t coachees = c->needed_coachees[r];
		if (!manager_coach(co, r) || coachees == 0)
			continue;
		double needed = c->needed[r];
		double hpw = qrows_real(co, r, CO_HOURS_PER_WEEK);
		double available = calc_month_hours(hpw);
		if (needed <= available + CALC_EPSILON)
			continue;
		struct alert *a = begin(c, "manager-no-time", r, SEV_ERROR);
		if (!a)
			continue;
		double target = needed / (double)coachees;

		/* The manager's delegable tasks not yet delegated (tasks are ordered by manager).
		 */
		struct calc_task list[64];
		bool chosen[64] = { false };
		size_t n = 0;
		int64_t person = qrows_int(co, r, CO_PERSON);
		for (size_t i = rules_first_row(&tasks, TK_MANAGER, person);
		     i < tasks.nrows && qrows_int(&tasks, i, TK_MANAGER) == person && n < 64; i++) {
			if (!qrows_int(&tasks, i, TK_DELEGABLE) ||
			    qrows_int(&tasks, i, TK_DELEGATED))
				continue;
			list[n++] = (struct calc_task){ qrows_int(&tasks, i, TK_ID),
				                        qrows_text(&tasks, i, TK_NAME),
				                        qrows_real(&tasks, i, TK_HOURS) };
		}
		double freed = 0;
		bool enough = calc_delegation(list, n, needed - available, chosen, &freed);
		char names[200] = "";
		size_t len = 0;
		for (size_t i = 0; i < n && enough; i++) {
			char hours[32];
			if (!chosen[i])
				continue;
			msg_number(c->lang, list[i].hours_per_week, 2, hours, sizeof(hours));
			len += (size_t)snprintf(names + len,
			                        len < sizeof(names) ? sizeof(names) - len : 0,
			                        "%s%s (%s %s)", len ? ", " : "", list[i].name,
			                        hours, msg_text(c->lang, "unit.hours_per_week"));
			if (len >= sizeof(names))
				break;
		}
		alert_fact_int(a, "coachees", coachees, true);
		alert_fact_real(a, "target_hours", target, true);
		alert_fact_real(a, "needed_hours", needed, true);
		alert_fact_real(a, "available_hours", available, true);
		alert_fact_real(a, "shortfall_hours", needed - available, true);
		alert_fact_real(a, "hours_per_week", hpw, true);
		alert_fact_int(a, "delegable_tasks", (int64_t)n, true);
		alert_fact_text(a, "delegate", enough ? names : NULL, true);
		alert_fact_real(a, "freed_hours", freed, true);
		alert_fact_int(a, "max_span", calc_max_span(available, target), true);
		alert_fact_real(a, "needed_hours_per_week", needed * 12.0 / 52.0, true);
		alert_finish(c, a, "rule.manager-no-time.summary",
		             enough ? "rule.manager-no-time.mitigation"
		                    : "rule.manager-no-time.mitigation.nodelegation",
		             NULL, 0);
	}
	qrows_release(&tasks);
}

/* Columns of SQ_TEAM_SPANS. */
enum { SP_TEAM, SP_TEAM_NAME, SP_PROGRAMME, SP_MANAGER, SP_MANAGER_NAME, SP_SPAN };

static void span_too_wide(struct rules_ctx *c)
{
	struct qrows spans = { 0 };
	int64_t max = (int64_t)rules_setting(c, "max_span");
	struct qparam p[] = { { 0, c->d->today }, { 0, "manager" } };

	if (!rules_query(c, SQ_TEAM_SPANS, p, 2, &spans))
		return;
	for (size_t r = 0; r < spans.nrows && !c->rc; r++) {
		int64_t span = qrows_int(&spans, r, SP_SPAN);
		if (span <= max)
			continue;
		struct alert *a =
		        alert_begin(c, "span-too-wide", "team", qrows_int(&spans, r, SP_TEAM),
		                    SEV_WARNING, "manager", qrows_int(&spans, r, SP_TEAM),
		                    qrows_int(&spans, r, SP_PROGRAMME));
		if (!a)
			continue;
		alert_person(a, "manager", qrows_int(&spans, r, SP_MANAGER),
		             qrows_text(&spans, r, SP_MANAGER_NAME));
		alert_fact_text(a, "team_name", qrows_text(&spans, r, SP_TEAM_NAME), true);
		alert_fact_int(a, "span", span, true);
		alert_fact_int(a, "max_span", max, true);
		alert_fact_int(a, "excess", span - max, true);
		alert_finish(c, a, "rule.span-too-wide.summary", "rule.span-too-wide.mitigation",
		             NULL, 0);
	}
	qrows_release(&spans);
}

enum sc_result rules_manager(struct rules_ctx *c)
{
	if (rules_wanted(c, "no-supervision"))
		no_supervision(c);
	if (rules_wanted(c, "manager-no-time"))
		no_time(c);
	if (rules_wanted(c, "span-too-wide"))
		span_too_wide(c);
	return c->rc;
}
