/*
 * rules_presence.c - rules of the internal and external coach models:
 * low-acceptance, seen-as-spy, not-on-floor, misses-team-activities,
 * no-ride-alongs, no-sales-background and acceptance-not-built.
 */
#include "rules/rules_int.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool dedicated(const struct qrows *co, size_t r)
{
	const char *kind = qrows_text(co, r, CO_KIND);
	return !strcmp(kind, "internal") || !strcmp(kind, "external");
}

/* The coach, and the manager of the coach's team as the sponsor of the coaching. */
static struct alert *begin_team(struct rules_ctx *c, const char *rule, const char *subject,
                                int64_t subject_id, size_t r, int64_t team, enum alert_severity sev)
{
	const struct qrows *co = &c->coaches;
	struct alert *a =
	        alert_begin(c, rule, subject, subject_id, sev, qrows_text(co, r, CO_KIND), team, 0);
	if (!a)
		return NULL;
	alert_person(a, "coach", qrows_int(co, r, CO_PERSON), qrows_text(co, r, CO_NAME));
	long t = team ? rules_find_row(&c->teams, TM_ID, team) : -1;
	/* Without a team (or its manager) the texts name the roles instead. */
	alert_fact_text(a, "team_name",
	                t >= 0 ? qrows_text(&c->teams, (size_t)t, TM_NAME)
	                       : msg_text(c->lang, "rules.the_team"),
	                true);
	if (t >= 0 && !qrows_null(&c->teams, (size_t)t, TM_MANAGER))
		alert_person(a, "sponsor", qrows_int(&c->teams, (size_t)t, TM_MANAGER),
		             qrows_text(&c->teams, (size_t)t, TM_MANAGER_NAME));
	else
		alert_person(a, "sponsor", 0, msg_text(c->lang, "rules.the_sponsor"));
	return a;
}

static struct alert *begin(struct rules_ctx *c, const char *rule, size_t r, enum alert_severity sev)
{
	int64_t coach = qrows_int(&c->coaches, r, CO_ID);
	return begin_team(c, rule, "coach", coach, r, rules_coach_team(c, coach), sev);
}

/* Columns of SQ_SURVEY_MEANS. */
enum {
	SV_COACH,
	SV_RESPONDENT,
	SV_ANSWERS,
	SV_RESPECT,
	SV_TRUST,
	SV_NOT_REPORTING,
	SV_NR_ANSWERS,
	SV_HELPS,
	SV_PART_OF_TEAM
};

/* The survey items low-acceptance reads: the field (and fact suffix), its column, its words. */
static const struct {
	const char *field;
	int col;
	const char *words;
} acceptance_items[] = {
	{ "respect", SV_RESPECT, "survey.respect" },
	{ "trust", SV_TRUST, "survey.trust" },
	{ "helps", SV_HELPS, "survey.helps" },
	{ "part_of_team", SV_PART_OF_TEAM, "survey.part_of_team" },
};

/*
 * Row i of sv (one respondent group of a coach with at least k_survey answers) against the
 * threshold: when an item is low, begin the alert (*a) if need be, add the group's means of
 * every item as facts and the low items in words to low_text (size n).
 */
static void low_group(struct rules_ctx *c, const struct qrows *sv, size_t i, size_t r,
                      double accept, struct alert **a, char *low_text, size_t n)
{
	const char *group = qrows_text(sv, i, SV_RESPONDENT);
	bool low = false;
	char name[40];

	for (size_t k = 0; k < ARRAY_SIZE(acceptance_items); k++)
		low = low || qrows_real(sv, i, acceptance_items[k].col) < accept - 1e-9;
	if (!low)
		return;
	if (!*a) {
		*a = begin(c, "low-acceptance", r, SEV_WARNING);
		if (!*a)
			return;
		alert_fact_real(*a, "threshold", accept, true);
	}
	for (size_t k = 0; k < ARRAY_SIZE(acceptance_items); k++) {
		double mean = qrows_real(sv, i, acceptance_items[k].col);
		snprintf(name, sizeof(name), "%s_%s", group, acceptance_items[k].field);
		alert_fact_real(*a, name, mean, true);
		if (mean >= accept - 1e-9)
			continue;
		/* Words for the summary (not a fact: facts do not change with the language). */
		char num[32];
		msg_number(c->lang, mean, 2, num, sizeof(num));
		struct msg_arg la[] = { { "group",
			                  msg_text(c->lang, !strcmp(group, "coachee")
			                                            ? "survey.coachees"
			                                            : "survey.management") },
			                { "item", msg_text(c->lang, acceptance_items[k].words) },
			                { "mean", num } };
		char *text = msg_format(c->lang, "survey.low_item", la, 3);
		size_t len = strlen(low_text);
		snprintf(low_text + len, n - len, "%s%s", len ? "; " : "", text ? text : "");
		free(text);
	}
	snprintf(name, sizeof(name), "%s_answers", group);
	alert_fact_int(*a, name, qrows_int(sv, i, SV_ANSWERS), false);
}

static void surveys(struct rules_ctx *c)
{
	const struct qrows *co = &c->coaches;
	struct qrows sv = { 0 };
	char since[TU_DATE_LEN];
	int64_t k = (int64_t)rules_setting(c, "k_survey");
	double accept = rules_setting(c, "acceptance_min");
	double spy = rules_setting(c, "spy_min");
	bool want_accept = rules_wanted(c, "low-acceptance");
	bool want_spy = rules_wanted(c, "seen-as-spy");

	rules_date(c, -(int)rules_setting(c, "survey_window_days"), since);
	struct qparam p[] = { { 0, since } };
	if (!rules_query(c, SQ_SURVEY_MEANS, p, 1, &sv))
		return;
	for (size_t r = 0; r < co->nrows && !c->rc; r++) {
		if (!dedicated(co, r))
			continue;
		int64_t coach = qrows_int(co, r, CO_ID);
		struct alert *a = NULL;
		char low_text[600] = "";
		for (size_t i = rules_first_row(&sv, SV_COACH, coach);
		     i < sv.nrows && qrows_int(&sv, i, SV_COACH) == coach && want_accept; i++) {
			/* Means of fewer than k_survey answers are not shown, so they cannot fire.
			 */
			if (qrows_int(&sv, i, SV_ANSWERS) >= k)
				low_group(c, &sv, i, r, accept, &a, low_text, sizeof(low_text));
		}
		struct msg_arg extra[] = { { "low", low_text } };
		if (a)
			alert_finish(c, a, "rule.low-acceptance.summary",
			             "rule.low-acceptance.mitigation", extra, 1);
		if (!want_spy)
			continue;
		for (size_t i = rules_first_row(&sv, SV_COACH, coach);
		     i < sv.nrows && qrows_int(&sv, i, SV_COACH) == coach; i++) {
			if (strcmp(qrows_text(&sv, i, SV_RESPONDENT), "coachee") ||
			    qrows_int(&sv, i, SV_NR_ANSWERS) < k ||
			    qrows_real(&sv, i, SV_NOT_REPORTING) >= spy - 1e-9)
				continue;
			bool external = !strcmp(qrows_text(co, r, CO_KIND), "external");
			struct alert *s =
			        begin(c, "seen-as-spy", r, external ? SEV_ERROR : SEV_WARNING);
			if (!s)
				break;
			alert_fact_real(s, "mean", qrows_real(&sv, i, SV_NOT_REPORTING), true);
			alert_fact_int(s, "answers", qrows_int(&sv, i, SV_NR_ANSWERS), false);
			alert_fact_real(s, "threshold", spy, true);
			alert_finish(c, s, "rule.seen-as-spy.summary",
			             "rule.seen-as-spy.mitigation", NULL, 0);
		}
	}
	qrows_release(&sv);
}

/* Columns of SQ_APPOINTMENTS. */
enum { AP_COACH, AP_AT, AP_ON, AP_COUNT };

/*
 * The customer appointments a coach joined in the window (window local days, today included),
 * from the rows of SQ_APPOINTMENTS. A held ride-along and a customer_appointment presence of the
 * same coach on the same local day are one appointment, whichever coachee the ride-along was
 * with (a presence names none): each day counts the larger of its ride-alongs and its
 * appointment presences, never their sum. rides and logged hold window days.
 */
static int64_t appointments(struct rules_ctx *c, const struct qrows *ap, int64_t coach, int window,
                            int64_t *rides, int64_t *logged)
{
	int64_t total = 0;

	memset(rides, 0, (size_t)window * sizeof(*rides));
	memset(logged, 0, (size_t)window * sizeof(*logged));
	for (size_t i = rules_first_row(ap, AP_COACH, coach);
	     i < ap->nrows && qrows_int(ap, i, AP_COACH) == coach; i++) {
		bool session = !qrows_null(ap, i, AP_AT);
		long back;
		if (session) {
			long day = rules_find_start(c->day_start, RULES_DAYS + 1,
			                            qrows_text(ap, i, AP_AT));
			back = day < 0 ? -1 : RULES_DAYS - 1 - day;
		} else {
			back = tu_days_between(qrows_text(ap, i, AP_ON), c->d->today);
		}
		if (back < 0 || back >= window)
			continue;
		(session ? rides : logged)[back] += qrows_int(ap, i, AP_COUNT);
	}
	for (int k = 0; k < window; k++)
		total += rides[k] > logged[k] ? rides[k] : logged[k];
	return total;
}

static void presence(struct rules_ctx *c)
{
	const struct qrows *co = &c->coaches;
	struct qrows pr = { 0 }, ap = { 0 };
	char from[TU_DATE_LEN];
	int window = (int)rules_setting(c, "window_days");
	int64_t floor_days = (int64_t)rules_setting(c, "floor_days");
	int64_t ride_alongs = (int64_t)rules_setting(c, "ride_alongs");
	int64_t *rides = NULL, *logged = NULL;

	/* The window: the last window_days local days, today included (at most the day index). */
	if (window > RULES_DAYS)
		window = RULES_DAYS;
	if (window < 1)
		window = 1;
	rules_date(c, -(window - 1), from);
	struct qparam p[] = { { 0, from }, { 0, c->d->today } };
	struct qparam pa[] = { { 0, rules_day_start(c, window - 1) },
		               { 0, rules_day_start(c, -1) },
		               { 0, from },
		               { 0, c->d->today } };
	rides = calloc((size_t)window, sizeof(*rides));
	logged = calloc((size_t)window, sizeof(*logged));
	if (!rides || !logged) {
		c->rc = sc_fail(c->err, SC_NOMEM, NULL, "out of memory");
		goto out;
	}
	if (!rules_query(c, SQ_PRESENCE, p, 2, &pr) || !rules_query(c, SQ_APPOINTMENTS, pa, 4, &ap))
		goto out;
	for (size_t r = 0; r < co->nrows && !c->rc; r++) {
		if (!dedicated(co, r) || qrows_int(co, r, CO_ACTIVE_COACHEES) == 0)
			continue;
		int64_t coach = qrows_int(co, r, CO_ID);
		long i = rules_find_row(&pr, 0, coach);
		int64_t days = i < 0 ? 0 : qrows_int(&pr, (size_t)i, 1);
		if (days < floor_days && rules_wanted(c, "not-on-floor")) {
			struct alert *a = begin(c, "not-on-floor", r, SEV_WARNING);
			alert_fact_int(a, "floor_days", days, true);
			alert_fact_int(a, "target_days", floor_days, true);
			alert_fact_int(a, "window_days", window, true);
			alert_fact_date(a, "window_from", from, false);
			alert_finish(c, a, "rule.not-on-floor.summary",
			             "rule.not-on-floor.mitigation", NULL, 0);
		}
		if (!rules_wanted(c, "no-ride-alongs"))
			continue;
		int64_t n = appointments(c, &ap, coach, window, rides, logged);
		if (n < ride_alongs) {
			struct alert *a = begin(c, "no-ride-alongs", r, SEV_INFO);
			alert_fact_int(a, "ride_alongs", n, true);
			alert_fact_int(a, "target", ride_alongs, true);
			alert_fact_int(a, "window_days", window, true);
			alert_fact_int(a, "active_coachees", qrows_int(co, r, CO_ACTIVE_COACHEES),
			               true);
			alert_finish(c, a, "rule.no-ride-alongs.summary",
			             "rule.no-ride-alongs.mitigation", NULL, 0);
		}
	}
out:
	free(rides);
	free(logged);
	qrows_release(&pr);
	qrows_release(&ap);
}

static void team_activities(struct rules_ctx *c)
{
	const struct qrows *co = &c->coaches;
	struct qrows at = { 0 };
	int window = (int)rules_setting(c, "window_days");
	double share_min = rules_setting(c, "activity_share_pct");
	struct qparam p[] = { { 0, c->d->today },
		              { 0, rules_day_start(c, window - 1) },
		              { 0, rules_day_start(c, -1) } };

	if (!rules_query(c, SQ_TEAM_ATTENDANCE, p, 3, &at))
		return;
	for (size_t i = 0; i < at.nrows && !c->rc; i++) {
		int64_t coach = qrows_int(&at, i, 0), team = qrows_int(&at, i, 1);
		int64_t total = qrows_int(&at, i, 2), attended = qrows_int(&at, i, 3);
		long r = rules_find_row(co, CO_ID, coach);
		if (r < 0 || total == 0)
			continue;
		double share = (double)attended * 100.0 / (double)total;
		if (share >= share_min - 1e-9)
			continue;
		char subject[40];
		snprintf(subject, sizeof(subject), "team-%lld-coach", (long long)team);
		struct alert *a = begin_team(c, "misses-team-activities", subject, coach, (size_t)r,
		                             team, SEV_INFO);
		alert_fact_int(a, "attended", attended, true);
		alert_fact_int(a, "activities", total, true);
		alert_fact_real(a, "share_pct", share, true);
		alert_fact_real(a, "target_pct", share_min, true);
		alert_fact_int(a, "window_days", window, true);
		alert_finish(c, a, "rule.misses-team-activities.summary",
		             "rule.misses-team-activities.mitigation", NULL, 0);
	}
	qrows_release(&at);
}

static void sales_background(struct rules_ctx *c)
{
	const struct qrows *co = &c->coaches;

	for (size_t r = 0; r < co->nrows && !c->rc; r++) {
		/* The article: the internal coach's points apply to the external coach too. */
		if (!dedicated(co, r))
			continue;
		const char *track = qrows_text(co, r, CO_TRACK_RECORD);
		bool blank = true;
		for (const char *p = track; p && *p && blank; p++)
			blank = *p == ' ' || *p == '\t' || *p == '\n';
		if (!blank)
			continue;
		struct alert *a = begin(c, "no-sales-background", r, SEV_INFO);
		alert_fact_int(a, "years_experience", qrows_int(co, r, CO_YEARS), true);
		alert_fact_bool(a, "track_record", false, true);
		bool external = !strcmp(qrows_text(co, r, CO_KIND), "external");
		alert_finish(c, a,
		             external ? "rule.no-sales-background.summary.external"
		                      : "rule.no-sales-background.summary",
		             "rule.no-sales-background.mitigation", NULL, 0);
	}
}

/* Columns of SQ_ONBOARDING. */
enum { OB_COACH, OB_TEAM, OB_INTRODUCED, OB_COACHEES, OB_INTRO_DONE, OB_SURVEYS };

/* Days around a milestone within which a survey counts for it. */
#define SURVEY_SLACK 7

static void onboarding(struct rules_ctx *c)
{
	const struct qrows *co = &c->coaches;
	struct qrows ob = { 0 };
	long days_max = (long)rules_setting(c, "onboarding_days");
	struct qparam p[] = { { 0, c->d->today }, { 0, rules_day_start(c, -1) } };

	if (!rules_query(c, SQ_ONBOARDING, p, 2, &ob))
		return;
	for (size_t i = 0; i < ob.nrows && !c->rc; i++) {
		long r = rules_find_row(co, CO_ID, qrows_int(&ob, i, OB_COACH));
		if (r < 0 || qrows_null(co, (size_t)r, CO_FIRST_START))
			continue;
		/* Onboarding starts with the coach's first relationship. */
		const char *start = qrows_text(co, (size_t)r, CO_FIRST_START);
		long day = rules_days_since(c, start);
		if (day < 0 || day >= days_max)
			continue;
		bool introduced = qrows_int(&ob, i, OB_INTRODUCED) > 0;
		int64_t without = qrows_int(&ob, i, OB_COACHEES) - qrows_int(&ob, i, OB_INTRO_DONE);
		const char *dates = qrows_text(&ob, i, OB_SURVEYS);
		char missing[40] = "";
		size_t len = 0;
		for (long m = 30; m <= 90; m += 30) {
			if (day < m + SURVEY_SLACK)
				continue; /* not due yet */
			bool found = false;
			char lo[TU_DATE_LEN], hi[TU_DATE_LEN];
			tu_date_add(start, (int)(m - SURVEY_SLACK), lo);
			tu_date_add(start, (int)(m + SURVEY_SLACK), hi);
			for (const char *d = dates; d && *d && !found;
			     d = strchr(d, ',') ? strchr(d, ',') + 1 : "")
				found = strncmp(d, lo, 10) >= 0 && strncmp(d, hi, 10) <= 0;
			if (!found)
				len += (size_t)snprintf(missing + len, sizeof(missing) - len,
				                        "%s%ld", len ? ", " : "", m);
		}
		if (introduced && without <= 0 && !*missing)
			continue;
		struct alert *a =
		        begin_team(c, "acceptance-not-built", "coach", qrows_int(&ob, i, OB_COACH),
		                   (size_t)r, qrows_int(&ob, i, OB_TEAM), SEV_WARNING);
		if (!a)
			continue;
		alert_fact_date(a, "onboarding_from", start, true);
		alert_fact_int(a, "onboarding_day", day, false);
		alert_fact_bool(a, "introduced_at_team_meeting", introduced, true);
		alert_fact_int(a, "coachees_without_intro", without > 0 ? without : 0, true);
		alert_fact_text(a, "surveys_missing_at_days", missing, true);
		alert_finish(c, a, "rule.acceptance-not-built.summary",
		             "rule.acceptance-not-built.mitigation", NULL, 0);
		if (!introduced)
			alert_mitigation_append(c, a, "rule.acceptance-not-built.step.meeting",
			                        NULL, 0);
		if (without > 0)
			alert_mitigation_append(c, a, "rule.acceptance-not-built.step.intro", NULL,
			                        0);
		if (*missing)
			alert_mitigation_append(c, a, "rule.acceptance-not-built.step.survey", NULL,
			                        0);
	}
	qrows_release(&ob);
}

enum sc_result rules_presence(struct rules_ctx *c)
{
	if (rules_wanted(c, "low-acceptance") || rules_wanted(c, "seen-as-spy"))
		surveys(c);
	if (rules_wanted(c, "not-on-floor") || rules_wanted(c, "no-ride-alongs"))
		presence(c);
	if (rules_wanted(c, "misses-team-activities"))
		team_activities(c);
	if (rules_wanted(c, "no-sales-background"))
		sales_background(c);
	if (rules_wanted(c, "acceptance-not-built"))
		onboarding(c);
	return c->rc;
}
