/*
 * rules_relationship.c - rules about each coaching relationship, in every
 * model: no-recent-session, below-cadence, overdue-actions,
 * coaching-mixed-with-appraisal and session-not-recorded.
 */
#include "rules/rules_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Coach and coachee of assignment row r, and the next planned session. */
static void relationship(struct rules_ctx *c, struct alert *a, size_t r)
{
	const struct qrows *aa = &c->assignments;
	char date[TU_DATE_LEN] = "";

	alert_person(a, "coachee", qrows_int(aa, r, AA_COACHEE),
	             qrows_text(aa, r, AA_COACHEE_NAME));
	alert_person(a, "coach", qrows_int(aa, r, AA_COACH_PERSON),
	             qrows_text(aa, r, AA_COACH_NAME));
	if (!qrows_null(aa, r, AA_NEXT_PLANNED))
		rules_local_date(c, qrows_text(aa, r, AA_NEXT_PLANNED), date);
	alert_fact_date(a, "next_planned_on", *date ? date : NULL, false);
}

static struct alert *begin(struct rules_ctx *c, const char *rule, size_t r, enum alert_severity sev)
{
	const struct qrows *aa = &c->assignments;

	return alert_begin(c, rule, "assignment", qrows_int(aa, r, AA_ID), sev,
	                   qrows_text(aa, r, AA_MODEL), qrows_int(aa, r, AA_TEAM),
	                   qrows_int(aa, r, AA_PROGRAMME));
}

/*
 * With no next planned session, the latest one still planned before now: a
 * session nobody recorded as held or cancelled (fact unrecorded_on).
 */
static void unrecorded(struct rules_ctx *c, struct alert *a, size_t r)
{
	const struct qrows *aa = &c->assignments;
	char date[TU_DATE_LEN] = "";

	if (!qrows_null(aa, r, AA_NEXT_PLANNED) || qrows_null(aa, r, AA_LAST_UNRECORDED))
		return;
	rules_local_date(c, qrows_text(aa, r, AA_LAST_UNRECORDED), date);
	alert_fact_date(a, "unrecorded_on", date, false);
}

static bool has_date(const struct alert *a, const char *name)
{
	for (size_t i = 0; i < a->nfacts; i++)
		if (!strcmp(a->facts[i].name, name) && a->facts[i].kind == FK_DATE)
			return true;
	return false;
}

/* The mitigation id: with a next planned session, with an unrecorded one, or neither. */
static const char *next_planned_id(const struct alert *a, const char *with, const char *unrec,
                                   const char *without)
{
	if (has_date(a, "next_planned_on"))
		return with;
	return has_date(a, "unrecorded_on") ? unrec : without;
}

static void no_recent_session(struct rules_ctx *c)
{
	const struct qrows *aa = &c->assignments;
	long limit = (long)rules_setting(c, "no_recent_session_days");

	for (size_t r = 0; r < aa->nrows && !c->rc; r++) {
		const char *last = qrows_text(aa, r, AA_LAST_HELD);
		const char *start = qrows_text(aa, r, AA_STARTS_ON);
		long days = rules_days_since(c, last ? last : start);
		if (days < limit)
			continue;
		struct alert *a = begin(c, "no-recent-session", r, SEV_WARNING);
		if (!a)
			continue;
		char date[TU_DATE_LEN] = "";
		if (last)
			rules_local_date(c, last, date);
		alert_fact_date(a, "last_held_on", last ? date : NULL, true);
		alert_fact_int(a, "days_without_session", days, false);
		alert_fact_int(a, "threshold_days", limit, true);
		relationship(c, a, r);
		unrecorded(c, a, r);
		long row = rules_find_row(&c->coaches, CO_ID, qrows_int(aa, r, AA_COACH));
		alert_fact_int(a, "coach_active_coachees",
		               row < 0 ? 0
		                       : qrows_int(&c->coaches, (size_t)row, CO_ACTIVE_COACHEES),
		               false);
		alert_fact_int(a, "coach_capacity",
		               row < 0 ? 0 : qrows_int(&c->coaches, (size_t)row, CO_CAPACITY),
		               false);
		alert_finish(c, a,
		             last ? "rule.no-recent-session.summary"
		                  : "rule.no-recent-session.summary.never",
		             next_planned_id(a, "rule.no-recent-session.mitigation.planned",
		                             "rule.no-recent-session.mitigation.unrecorded",
		                             "rule.no-recent-session.mitigation"),
		             NULL, 0);
	}
}

/* The first day of the month before today's, and of today's month. */
static void last_month(struct rules_ctx *c, char first[TU_DATE_LEN], char next[TU_DATE_LEN])
{
	snprintf(next, TU_DATE_LEN, "%.7s-01", c->d->today);
	tu_date_add(next, -1, first);
	first[8] = '0';
	first[9] = '1';
}

static void below_cadence(struct rules_ctx *c)
{
	const struct qrows *aa = &c->assignments;
	char first[TU_DATE_LEN], next[TU_DATE_LEN], last[TU_DATE_LEN];
	char from[TU_INSTANT_LEN], to[TU_INSTANT_LEN], month[TU_MONTH_LEN];
	struct qrows held = { 0 };

	last_month(c, first, next);
	tu_date_add(next, -1, last);
	rules_instant_of(c, first, from);
	rules_instant_of(c, next, to);
	snprintf(month, sizeof(month), "%.7s", first);
	long mdays = tu_days_between(first, next);

	struct qparam p[] = { { 0, c->d->today }, { 0, from }, { 0, to } };
	if (!rules_query(c, SQ_HELD_MINUTES, p, 3, &held))
		return;
	for (size_t r = 0; r < aa->nrows && !c->rc; r++) {
		/* The part of last month the relationship ran: a new one owes a share. */
		const char *start = qrows_text(aa, r, AA_STARTS_ON);
		const char *end = qrows_text(aa, r, AA_ENDS_ON);
		const char *lo = strcmp(start, first) > 0 ? start : first;
		const char *hi = end && strcmp(end, last) < 0 ? end : last;
		long days = tu_days_between(lo, hi) + 1;
		if (days <= 0)
			continue;
		double target = qrows_real(aa, r, AA_TARGET) * (double)days / (double)mdays;
		long row = rules_find_row(&held, 0, qrows_int(aa, r, AA_ID));
		int64_t minutes = row < 0 ? 0 : qrows_int(&held, (size_t)row, 1);
		if ((double)minutes >= target * 60.0 - 1e-9)
			continue;
		struct alert *a = begin(c, "below-cadence", r, SEV_WARNING);
		if (!a)
			continue;
		alert_fact_text(a, "month", month, true);
		alert_fact_real(a, "held_hours", (double)minutes / 60.0, true);
		alert_fact_real(a, "target_hours", target, true);
		alert_fact_real(a, "shortfall_hours", target - (double)minutes / 60.0, true);
		alert_fact_int(a, "sessions_held", row < 0 ? 0 : qrows_int(&held, (size_t)row, 2),
		               true);
		alert_fact_real(a, "programme_target_hours", qrows_real(aa, r, AA_TARGET), true);
		relationship(c, a, r);
		long co = rules_find_row(&c->coaches, CO_ID, qrows_int(aa, r, AA_COACH));
		alert_fact_real(a, "coach_hours_per_week",
		                co < 0 ? 0 : qrows_real(&c->coaches, (size_t)co, CO_HOURS_PER_WEEK),
		                false);
		alert_finish(c, a,
		             days < mdays ? "rule.below-cadence.summary.part"
		                          : "rule.below-cadence.summary",
		             "rule.below-cadence.mitigation", NULL, 0);
	}
	qrows_release(&held);
}

static void overdue_actions(struct rules_ctx *c)
{
	const struct qrows *aa = &c->assignments;
	struct qrows due = { 0 };
	int64_t limit = (int64_t)rules_setting(c, "overdue_actions");
	struct qparam p[] = { { 0, c->d->today } };

	if (!rules_query(c, SQ_OVERDUE_ACTIONS, p, 1, &due))
		return;
	for (size_t i = 0; i < due.nrows && !c->rc; i++) {
		int64_t count = qrows_int(&due, i, 1);
		long r = rules_find_row(aa, AA_ID, qrows_int(&due, i, 0));
		if (count < limit || r < 0)
			continue;
		struct alert *a = begin(c, "overdue-actions", (size_t)r, SEV_INFO);
		if (!a)
			continue;
		alert_fact_int(a, "overdue", count, true);
		alert_fact_date(a, "oldest_due_on", qrows_text(&due, i, 2), true);
		alert_fact_int(a, "threshold", limit, true);
		relationship(c, a, (size_t)r);
		unrecorded(c, a, (size_t)r);
		alert_finish(c, a, "rule.overdue-actions.summary",
		             next_planned_id(a, "rule.overdue-actions.mitigation.planned",
		                             "rule.overdue-actions.mitigation.unrecorded",
		                             "rule.overdue-actions.mitigation"),
		             NULL, 0);
	}
	qrows_release(&due);
}

/* Columns of SQ_MIXED_APPRAISALS. */
enum {
	MX_APPRAISAL,
	MX_RECORDED_ON,
	MX_APPRAISER,
	MX_APPRAISER_NAME,
	MX_REP,
	MX_REP_NAME,
	MX_OVERRIDDEN,
	MX_SESSION,
	MX_SESSION_AT,
	MX_MODEL,
	MX_PROGRAMME,
	MX_TEAM,
	MX_SUPERIOR,
	MX_SUPERIOR_NAME
};

static void mixed_with_appraisal(struct rules_ctx *c)
{
	struct qrows mx = { 0 };
	char since[TU_DATE_LEN];
	int64_t window = (int64_t)rules_setting(c, "mixing_window_days");

	/* A year of appraisals: older ones are history, not a pitfall to act on. */
	rules_date(c, -365, since);
	struct qparam p[] = { { 0, since }, { window, NULL } };
	if (!rules_query(c, SQ_MIXED_APPRAISALS, p, 2, &mx))
		return;
	for (size_t i = 0; i < mx.nrows && !c->rc;) {
		int64_t appraisal = qrows_int(&mx, i, MX_APPRAISAL);
		long best = -1, best_days = 0;
		char best_date[TU_DATE_LEN] = "";
		size_t j = i;
		for (; j < mx.nrows && qrows_int(&mx, j, MX_APPRAISAL) == appraisal; j++) {
			char date[TU_DATE_LEN];
			rules_local_date(c, qrows_text(&mx, j, MX_SESSION_AT), date);
			long days = labs(tu_days_between(date, qrows_text(&mx, j, MX_RECORDED_ON)));
			if (days <= window && (best < 0 || days < best_days)) {
				best = (long)j;
				best_days = days;
				memcpy(best_date, date, sizeof(date));
			}
		}
		if (best >= 0) {
			size_t r = (size_t)best;
			const char *model = qrows_text(&mx, r, MX_MODEL);
			struct alert *a = alert_begin(
			        c, "coaching-mixed-with-appraisal", "appraisal", appraisal,
			        !strcmp(model, "manager") ? SEV_ERROR : SEV_WARNING, model,
			        qrows_int(&mx, r, MX_TEAM), qrows_int(&mx, r, MX_PROGRAMME));
			if (a) {
				bool superior = !qrows_null(&mx, r, MX_SUPERIOR);
				alert_person(a, "manager", qrows_int(&mx, r, MX_APPRAISER),
				             qrows_text(&mx, r, MX_APPRAISER_NAME));
				alert_person(a, "coachee", qrows_int(&mx, r, MX_REP),
				             qrows_text(&mx, r, MX_REP_NAME));
				if (superior)
					alert_person(a, "superior", qrows_int(&mx, r, MX_SUPERIOR),
					             qrows_text(&mx, r, MX_SUPERIOR_NAME));
				alert_fact_date(a, "appraisal_on",
				                qrows_text(&mx, r, MX_RECORDED_ON), true);
				alert_fact_date(a, "session_on", best_date, true);
				alert_fact_int(a, "days_apart", best_days, true);
				alert_fact_int(a, "window_days", window, true);
				alert_fact_int(a, "days_needed", window + 1, true);
				alert_fact_bool(a, "overridden", qrows_int(&mx, r, MX_OVERRIDDEN),
				                true);
				alert_finish(
				        c, a, "rule.coaching-mixed-with-appraisal.summary",
				        superior ? "rule.coaching-mixed-with-appraisal.mitigation"
				                 : "rule.coaching-mixed-with-appraisal.mitigation."
				                   "nosuperior",
				        NULL, 0);
			}
		}
		i = j;
	}
	qrows_release(&mx);
}

/* Columns of SQ_SURVEY_MEANS read here. */
enum { PU_COACH = 0, PU_RESPONDENT = 1, PU_MEAN = 9, PU_ANSWERS = 10 };

/*
 * Mixing is a matter of the conversation too: the coachees' mean of "my coaching sessions
 * feel like an assessment" over the survey window, from k_survey answers of that item on
 * (fewer are never shown), at or above the threshold. An error for a manager-coach.
 */
static void mixed_in_pulse(struct rules_ctx *c)
{
	const struct qrows *co = &c->coaches;
	struct qrows sv = { 0 };
	char since[TU_DATE_LEN];
	int64_t k = (int64_t)rules_setting(c, "k_survey");
	int days = (int)rules_setting(c, "survey_window_days");
	double threshold = rules_setting(c, "mixing_pulse_threshold");

	rules_date(c, -days, since);
	struct qparam p[] = { { 0, since } };
	if (!rules_query(c, SQ_SURVEY_MEANS, p, 1, &sv))
		return;
	for (size_t r = 0; r < co->nrows && !c->rc; r++) {
		int64_t coach = qrows_int(co, r, CO_ID);
		for (size_t i = rules_first_row(&sv, PU_COACH, coach);
		     i < sv.nrows && qrows_int(&sv, i, PU_COACH) == coach; i++) {
			if (strcmp(qrows_text(&sv, i, PU_RESPONDENT), "coachee") ||
			    qrows_int(&sv, i, PU_ANSWERS) < k ||
			    qrows_real(&sv, i, PU_MEAN) < threshold - 1e-9)
				continue;
			bool manager = !strcmp(qrows_text(co, r, CO_KIND), "manager");
			struct alert *a =
			        rules_coach_alert(c, "coaching-mixed-with-appraisal", r,
			                          manager ? SEV_ERROR : SEV_WARNING, "coach");
			if (!a)
				break;
			bool superior = !qrows_null(co, r, CO_SUPERIOR);
			if (superior)
				alert_person(a, "superior", qrows_int(co, r, CO_SUPERIOR),
				             qrows_text(co, r, CO_SUPERIOR_NAME));
			alert_fact_real(a, "pulse_mean", qrows_real(&sv, i, PU_MEAN), true);
			alert_fact_int(a, "pulse_answers", qrows_int(&sv, i, PU_ANSWERS), false);
			alert_fact_real(a, "pulse_threshold", threshold, true);
			alert_fact_int(a, "survey_window_days", days, true);
			alert_finish(
			        c, a, "rule.coaching-mixed-with-appraisal.summary.pulse",
			        superior ? "rule.coaching-mixed-with-appraisal.mitigation.pulse"
			                 : "rule.coaching-mixed-with-appraisal.mitigation.pulse."
			                   "nosuperior",
			        NULL, 0);
		}
	}
	qrows_release(&sv);
}

/* Columns of SQ_UNRECORDED_SESSIONS. */
enum { UN_ASSIGNMENT, UN_SESSIONS, UN_OLDEST, UN_LATEST, UN_SESSION };

/*
 * Record keeping: sessions still planned unrecorded_session_days or more
 * local days after their day, that nobody recorded as held, cancelled or
 * no-show. One alert per relationship, to its coach.
 */
static void session_not_recorded(struct rules_ctx *c)
{
	const struct qrows *aa = &c->assignments;
	struct qrows un = { 0 };
	int days = (int)rules_setting(c, "unrecorded_session_days");
	char until[TU_INSTANT_LEN];

	/* Sessions on local days up to today - days: before the start of the day after. */
	snprintf(until, sizeof(until), "%s", rules_day_start(c, days - 1));
	struct qparam p[] = { { 0, c->d->today }, { 0, until } };
	if (!rules_query(c, SQ_UNRECORDED_SESSIONS, p, 2, &un))
		return;
	for (size_t i = 0; i < un.nrows && !c->rc; i++) {
		long r = rules_find_row(aa, AA_ID, qrows_int(&un, i, UN_ASSIGNMENT));
		if (r < 0)
			continue;
		struct alert *a = begin(c, "session-not-recorded", (size_t)r, SEV_INFO);
		if (!a)
			continue;
		char oldest[TU_DATE_LEN], latest[TU_DATE_LEN];
		int64_t n = qrows_int(&un, i, UN_SESSIONS);
		rules_local_date(c, qrows_text(&un, i, UN_OLDEST), oldest);
		rules_local_date(c, qrows_text(&un, i, UN_LATEST), latest);
		alert_fact_int(a, "unrecorded_sessions", n, true);
		alert_fact_date(a, "oldest_unrecorded_on", oldest, true);
		alert_fact_date(a, "latest_unrecorded_on", latest, false);
		alert_fact_int(a, "latest_session", qrows_int(&un, i, UN_SESSION), false);
		alert_fact_int(a, "threshold_days", days, true);
		relationship(c, a, (size_t)r);
		alert_finish(c, a,
		             n == 1 ? "rule.session-not-recorded.summary"
		                    : "rule.session-not-recorded.summary.more",
		             "rule.session-not-recorded.mitigation", NULL, 0);
	}
	qrows_release(&un);
}

enum sc_result rules_relationships(struct rules_ctx *c)
{
	if (rules_wanted(c, "no-recent-session"))
		no_recent_session(c);
	if (rules_wanted(c, "below-cadence"))
		below_cadence(c);
	if (rules_wanted(c, "overdue-actions"))
		overdue_actions(c);
	if (rules_wanted(c, "coaching-mixed-with-appraisal")) {
		mixed_with_appraisal(c);
		mixed_in_pulse(c);
	}
	if (rules_wanted(c, "session-not-recorded"))
		session_not_recorded(c);
	return c->rc;
}
