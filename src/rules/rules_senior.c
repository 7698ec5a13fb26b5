/*
 * rules_senior.c - rules of the senior model: coach-not-assessed,
 * no-incentive and target-not-reduced.
 */
#include "rules/rules_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/calc.h"

static bool senior(const struct qrows *co, size_t r)
{
	return !strcmp(qrows_text(co, r, CO_KIND), "senior");
}

static struct alert *begin(struct rules_ctx *c, const char *rule, size_t r, enum alert_severity sev)
{
	return rules_coach_alert(c, rule, r, sev, "coach");
}

/* Columns of SQ_READINESS. */
enum { RD_CANDIDATE, RD_ON, RD_MOTIVATION, RD_TRAITS, RD_ABILITY, RD_TRACK, RD_DECISION };

static void not_assessed(struct rules_ctx *c)
{
	const struct qrows *co = &c->coaches;
	struct qrows rd = { 0 };
	double min_score = rules_setting(c, "readiness_min_score");
	double min_mean = rules_setting(c, "readiness_min_mean");

	if (!rules_query(c, SQ_READINESS, NULL, 0, &rd))
		return;
	for (size_t r = 0; r < co->nrows && !c->rc; r++) {
		if (!senior(co, r))
			continue;
		long row = rules_find_row(&rd, RD_CANDIDATE, qrows_int(co, r, CO_PERSON));
		int64_t lowest = 0;
		double mean = 0;
		bool ready = false;
		if (row >= 0) {
			size_t i = (size_t)row;
			int64_t s[] = { qrows_int(&rd, i, RD_MOTIVATION),
				        qrows_int(&rd, i, RD_TRAITS), qrows_int(&rd, i, RD_ABILITY),
				        qrows_int(&rd, i, RD_TRACK) };
			ready = calc_ready(s, qrows_text(&rd, i, RD_DECISION), min_score, min_mean,
			                   &lowest, &mean);
		}
		if (ready)
			continue;
		struct alert *a = begin(c, "coach-not-assessed", r, SEV_ERROR);
		if (!a)
			continue;
		alert_fact_bool(a, "assessed", row >= 0, true);
		if (row >= 0) {
			size_t i = (size_t)row;
			alert_fact_date(a, "assessed_on", qrows_text(&rd, i, RD_ON), true);
			alert_fact_int(a, "motivation", qrows_int(&rd, i, RD_MOTIVATION), true);
			alert_fact_int(a, "traits", qrows_int(&rd, i, RD_TRAITS), true);
			alert_fact_int(a, "ability", qrows_int(&rd, i, RD_ABILITY), true);
			alert_fact_int(a, "track_record", qrows_int(&rd, i, RD_TRACK), true);
			alert_fact_real(a, "mean", mean, true);
			alert_fact_int(a, "lowest", lowest, true);
			alert_fact_text(a, "decision", qrows_text(&rd, i, RD_DECISION), true);
		}
		alert_fact_real(a, "min_score", min_score, true);
		alert_fact_real(a, "min_mean", min_mean, true);
		alert_fact_int(a, "active_coachees", qrows_int(co, r, CO_ACTIVE_COACHEES), true);
		/* The decision in words in the texts ("not ready"); the code in the facts. */
		char label[64];
		snprintf(label, sizeof(label), "label.assessment.decision.%s",
		         row >= 0 ? qrows_text(&rd, (size_t)row, RD_DECISION) : "");
		struct msg_arg decision = { "decision", msg_text(c->lang, label) };
		alert_finish(c, a,
		             row >= 0 ? "rule.coach-not-assessed.summary"
		                      : "rule.coach-not-assessed.summary.never",
		             row >= 0 ? "rule.coach-not-assessed.mitigation"
		                      : "rule.coach-not-assessed.mitigation.never",
		             &decision, row >= 0 && msg_exists(label) ? 1 : 0);
	}
	qrows_release(&rd);
}

/* Columns of SQ_INCENTIVES. */
enum { IN_ID, IN_COACH, IN_STARTS, IN_ENDS, IN_PCT, IN_SHARE, IN_SELLING };

static void no_incentive(struct rules_ctx *c, const struct qrows *plans)
{
	const struct qrows *co = &c->coaches;
	double selling = rules_setting(c, "selling_hours");

	for (size_t r = 0; r < co->nrows && !c->rc; r++) {
		if (!senior(co, r) || rules_find_row(plans, IN_COACH, qrows_int(co, r, CO_ID)) >= 0)
			continue;
		struct alert *a = begin(c, "no-incentive", r, SEV_WARNING);
		if (!a)
			continue;
		double hours = calc_month_hours(qrows_real(co, r, CO_HOURS_PER_WEEK));
		alert_fact_real(a, "coaching_hours", hours, true);
		alert_fact_real(a, "selling_hours", selling, true);
		alert_fact_real(a, "suggested_reduction_pct",
		                selling > 0 ? hours / selling * 100.0 : 0, true);
		alert_fact_int(a, "active_coachees", qrows_int(co, r, CO_ACTIVE_COACHEES), true);
		alert_finish(c, a, "rule.no-incentive.summary", "rule.no-incentive.mitigation",
		             NULL, 0);
	}
}

/* The month k months after first ("YYYY-MM"). */
static void month_after(const char *first, size_t k, char out[TU_MONTH_LEN])
{
	unsigned long m = strtoul(first, NULL, 10) * 12 + strtoul(first + 5, NULL, 10) - 1 + k;

	snprintf(out, TU_MONTH_LEN, "%04lu-%02lu", (m / 12) % 10000, (m % 12 + 1) % 100);
}

/*
 * Local months from the earliest plan start to next month, with the instant
 * each begins, so that a session's month is a binary search, not a zone
 * conversion per session.
 */
struct months {
	char first[TU_MONTH_LEN];
	size_t n;
	char (*start)[TU_INSTANT_LEN];
	double *hours; /* per month, for the coach at hand */
};

static bool months_init(struct rules_ctx *c, const struct qrows *plans, struct months *ms)
{
	snprintf(ms->first, sizeof(ms->first), "%.7s", c->d->today);
	for (size_t i = 0; i < plans->nrows; i++)
		if (strncmp(qrows_text(plans, i, IN_STARTS), ms->first, 7) < 0)
			snprintf(ms->first, sizeof(ms->first), "%.7s",
			         qrows_text(plans, i, IN_STARTS));
	long span = (strtol(c->d->today, NULL, 10) - strtol(ms->first, NULL, 10)) * 12 +
	            strtol(c->d->today + 5, NULL, 10) - strtol(ms->first + 5, NULL, 10);
	ms->n = (size_t)span + 2; /* through the start of next month */
	ms->start = calloc(ms->n, sizeof(*ms->start));
	ms->hours = calloc(ms->n, sizeof(*ms->hours));
	if (!ms->start || !ms->hours) {
		c->rc = sc_fail(c->err, SC_NOMEM, NULL, "out of memory");
		return false;
	}
	if (!tu_month_starts(ms->first, ms->n, c->d->tz, ms->start))
		for (size_t k = 0; k < ms->n; k++) {
			char m[TU_MONTH_LEN];
			month_after(ms->first, k, m);
			snprintf(ms->start[k], TU_INSTANT_LEN, "%s-01T00:00:00Z", m);
		}
	return true;
}

/* Into ms->hours, the coaching hours of coach per local month from the instant start on. */
static void month_hours(const struct qrows *sessions, int64_t coach, const char *start,
                        struct months *ms)
{
	memset(ms->hours, 0, ms->n * sizeof(*ms->hours));
	for (size_t s = rules_first_row(sessions, 0, coach);
	     s < sessions->nrows && qrows_int(sessions, s, 0) == coach; s++) {
		const char *at = qrows_text(sessions, s, 1);
		long k = strcmp(at, start) < 0 ? -1 : rules_find_start(ms->start, ms->n, at);
		if (k >= 0)
			ms->hours[k] += qrows_real(sessions, s, 2) / 60.0;
	}
}

/* The quota of person in month, from the rows of SQ_SENIOR_QUOTAS from q0 on; -1 if none. */
static double quota_of(const struct qrows *quotas, size_t q0, int64_t person, const char *month)
{
	double quota = -1;

	for (size_t q = q0; q < quotas->nrows && qrows_int(quotas, q, 0) == person; q++)
		if (!strcmp(qrows_text(quotas, q, 1), month))
			quota = qrows_real(quotas, q, 2);
	return quota;
}

/* The months a target-not-reduced alert lists at the most: the latest ones. */
#define LISTED_MONTHS 8

/* A complete month in which the quota is not below the quota the plan implies. */
struct shortfall {
	char month[TU_MONTH_LEN];
	double hours, quota, implied, reduction;
};

/* What one senior's plan implies, and the complete months that miss it. */
struct not_reduced {
	char base_month[TU_MONTH_LEN];
	double base, selling, pct;
	bool has_pct;
	int affected;                         /* every complete month that misses it */
	struct shortfall last[LISTED_MONTHS]; /* the latest of them, oldest first */
	size_t nlast;
};

/*
 * Into nr, the complete months (the current one is not: its figures change
 * every day) since the plan started whose quota is not below the implied quota.
 */
static void affected_months(const struct months *ms, const struct qrows *quotas, size_t q0,
                            int64_t person, struct not_reduced *nr)
{
	for (size_t k = 0; k + 2 < ms->n; k++) {
		struct shortfall m = { .hours = ms->hours[k] };
		if (m.hours <= 0)
			continue;
		month_after(ms->first, k, m.month);
		if ((m.quota = quota_of(quotas, q0, person, m.month)) < 0)
			continue;
		m.reduction =
		        calc_target_reduction(nr->base, m.hours, nr->selling, nr->has_pct, nr->pct);
		m.implied = nr->base - m.reduction;
		/* Fires when the quota is not below the implied quota (equal included), to the
		 * half cent: a quota a cent below it is reduced enough. */
		if (m.quota <= m.implied - 0.005)
			continue;
		nr->affected++;
		if (nr->nlast == LISTED_MONTHS)
			memmove(nr->last, nr->last + 1, --nr->nlast * sizeof(*nr->last));
		nr->last[nr->nlast++] = m;
	}
}

/* The alert of row r of the coaches: the latest month in full, and every month listed. */
static void report_not_reduced(struct rules_ctx *c, size_t r, const struct not_reduced *nr)
{
	const struct shortfall *w = &nr->last[nr->nlast - 1];
	char list[200] = "", text[600] = "", amount[32], num[32];
	struct alert *a = begin(c, "target-not-reduced", r, SEV_WARNING);

	if (!a)
		return;
	for (size_t k = 0; k < nr->nlast; k++) {
		const struct shortfall *m = &nr->last[k];
		struct msg_arg args[] = { { "month", m->month },
			                  { "lower_by", msg_money(c->lang, m->quota - m->implied,
			                                          amount, sizeof(amount)) } };
		char *one = msg_format(c->lang, "rule.target-not-reduced.month", args, 2);
		if (!one) {
			c->rc = sc_fail(c->err, SC_NOMEM, NULL, "out of memory");
			return;
		}
		snprintf(text + strlen(text), sizeof(text) - strlen(text), "%s%s", k ? ", " : "",
		         one);
		free(one);
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s=%s", k ? ", " : "",
		         m->month, msg_number(MSG_EN, m->quota - m->implied, 2, num, sizeof(num)));
	}
	alert_fact_text(a, "month", w->month, true);
	alert_fact_money(a, "quota", w->quota, true);
	alert_fact_money(a, "implied_quota", w->implied, true);
	alert_fact_money(a, "lower_by", w->quota - w->implied, true);
	alert_fact_money(a, "base_quota", nr->base, true);
	alert_fact_text(a, "base_month", nr->base_month, true);
	alert_fact_money(a, "reduction", w->reduction, true);
	alert_fact_real(a, "coaching_hours", w->hours, true);
	alert_fact_real(a, "selling_hours", nr->selling, true);
	if (nr->has_pct)
		alert_fact_real(a, "reduction_pct", nr->pct, true);
	alert_fact_int(a, "months_affected", nr->affected, true);
	alert_fact_text(a, "shortfalls", list, true);
	struct msg_arg extra[] = { { "shortfall_list", text } };
	alert_finish(c, a, "rule.target-not-reduced.summary",
	             nr->has_pct ? "rule.target-not-reduced.mitigation.pct"
	                         : "rule.target-not-reduced.mitigation",
	             extra, 1);
}

static void target_not_reduced(struct rules_ctx *c, const struct qrows *plans)
{
	const struct qrows *co = &c->coaches;
	struct qrows quotas = { 0 }, sessions = { 0 };
	struct months ms = { 0 };

	if (!plans->nrows || !months_init(c, plans, &ms))
		goto out;
	struct qparam p[] = { { 0, ms.start[0] } };
	if (!rules_query(c, SQ_SENIOR_QUOTAS, NULL, 0, &quotas) ||
	    !rules_query(c, SQ_SENIOR_SESSIONS, p, 1, &sessions))
		goto out;
	for (size_t i = 0; i < plans->nrows && !c->rc; i++) {
		int64_t coach = qrows_int(plans, i, IN_COACH);
		long r = rules_find_row(co, CO_ID, coach);
		if (r < 0 || !senior(co, (size_t)r))
			continue;
		/* One plan per coach: the first covering today. */
		if (i > 0 && qrows_int(plans, i - 1, IN_COACH) == coach)
			continue;
		int64_t person = qrows_int(co, (size_t)r, CO_PERSON);
		const char *starts = qrows_text(plans, i, IN_STARTS);
		struct not_reduced nr = { .has_pct = !qrows_null(plans, i, IN_PCT),
			                  .pct = qrows_real(plans, i, IN_PCT),
			                  .selling = qrows_real(plans, i, IN_SELLING) };
		char before[TU_DATE_LEN], start[TU_INSTANT_LEN];
		snprintf(before, sizeof(before), "%.7s-01", starts);
		tu_date_add(before, -1, before);
		snprintf(nr.base_month, sizeof(nr.base_month), "%.7s", before);
		rules_instant_of(c, starts, start);

		month_hours(&sessions, coach, start, &ms);
		size_t q0 = rules_first_row(&quotas, 0, person);
		nr.base = quota_of(&quotas, q0, person, nr.base_month);
		if (nr.base < 0)
			continue; /* no quota before the plan: nothing to reduce from */
		affected_months(&ms, &quotas, q0, person, &nr);
		if (nr.affected)
			report_not_reduced(c, (size_t)r, &nr);
	}
out:
	free(ms.start);
	free(ms.hours);
	qrows_release(&quotas);
	qrows_release(&sessions);
}

enum sc_result rules_senior(struct rules_ctx *c)
{
	struct qrows plans = { 0 };
	struct qparam p[] = { { 0, c->d->today } };

	if (rules_wanted(c, "coach-not-assessed"))
		not_assessed(c);
	if (!rules_wanted(c, "no-incentive") && !rules_wanted(c, "target-not-reduced"))
		return c->rc;
	if (!rules_query(c, SQ_INCENTIVES, p, 1, &plans))
		return c->rc;
	if (rules_wanted(c, "no-incentive"))
		no_incentive(c, &plans);
	if (rules_wanted(c, "target-not-reduced"))
		target_not_reduced(c, &plans);
	qrows_release(&plans);
	return c->rc;
}
