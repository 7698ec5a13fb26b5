/*
 * report_models.c - the executive report's figures per coaching model
 * (report.h): programmes and coachees, acceptance (the pulse survey's means)
 * and the open alerts counted, never of fewer than k people and never
 * naming anyone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/settings.h"
#include "plan/report.h"
#include "plan/report_int.h"
#include "rules/rules.h"

#define NMODELS 4
#define NGROUPS 2
#define NSEV    3

/* The survey items of PRODUCT.md; the first four make the acceptance mean. */
enum { IT_RESPECT, IT_TRUST, IT_HELPS, IT_PART, IT_NOT_REPORTING, NITEMS };
static const char *const items[NITEMS] = { "respect", "trust", "helps", "part_of_team",
	                                   "not_reporting" };
static const char *const groups[NGROUPS] = { "coachee", "management" };
static const enum alert_severity severities[NSEV] = { SEV_ERROR, SEV_WARNING, SEV_INFO };

/* A count of alerts and the people they name; hidden when it would describe fewer than k. */
struct cell {
	long alerts;
	struct id_list people;
	long npeople;
	bool hidden;
};

struct model_fig {
	long programmes;
	struct id_list coachees;
	long answers[NGROUPS];
	struct id_list respondents[NGROUPS]; /* the people of the ballots behind the answers */
	long sum[NGROUPS][NITEMS], n[NGROUPS][NITEMS];
	long open;
	struct id_list people; /* everyone the model's open alerts name */
	struct cell sev[NSEV];
	struct cell *rules; /* one per rule of rules_all() */
};

struct models {
	struct model_fig m[NMODELS];
	const struct rule_def *rules;
	size_t nrules;
	long k, min_answers;
};

static int model_index(const char *model)
{
	const char *const *all = rules_models();
	for (int i = 0; model && i < NMODELS && all[i]; i++)
		if (!strcmp(all[i], model))
			return i;
	return -1;
}

/* Each model's programmes and the distinct people of their active assignments. */
static bool tally_programmes(struct models *ms, const struct record_list *progs,
                             const struct record_list *asgs)
{
	for (size_t i = 0; i < progs->n; i++) {
		int m = model_index(record_text(progs->items[i], "model"));
		if (m >= 0)
			ms->m[m].programmes++;
	}
	for (size_t i = 0; i < asgs->n; i++) {
		const struct record *a = asgs->items[i];
		long p = report_find(progs, record_int(a, "programme"));
		int m = p < 0 ? -1 : model_index(record_text(progs->items[p], "model"));
		if (m >= 0 && strcmp(record_text(a, "status"), "active") == 0 &&
		    !report_id_push(&ms->m[m].coachees, record_int(a, "coachee")))
			return false;
	}
	return true;
}

/* A coach and a coachee of theirs, to tell a coachee's ballot from management's. */
struct pair {
	int64_t coach, coachee;
};

static int pair_cmp(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	if (x->coach != y->coach)
		return x->coach < y->coach ? -1 : 1;
	return x->coachee < y->coachee ? -1 : x->coachee > y->coachee;
}

/* Every (coach, coachee) of the assignments, any status, sorted for bsearch. */
static struct pair *pairs_of(const struct record_list *asgs)
{
	struct pair *v = malloc((asgs->n ? asgs->n : 1) * sizeof(*v));
	for (size_t i = 0; v && i < asgs->n; i++)
		v[i] = (struct pair){ record_int(asgs->items[i], "coach"),
			              record_int(asgs->items[i], "coachee") };
	if (v)
		qsort(v, asgs->n, sizeof(*v), pair_cmp);
	return v;
}

/* The model of the coach with this id (the coach profile's kind), or -1. */
static int coach_model(const struct record_list *coaches, int64_t coach)
{
	long c = report_find(coaches, coach);
	return c < 0 ? -1 : model_index(record_text(coaches->items[c], "kind"));
}

/*
 * The model a coach's answers of the window are counted under (the rows of
 * SQ_SURVEY_BY_KIND, ordered by coach): the kind they were given under, -1
 * when under two kinds (the coach changed kind within the window: their
 * people are counted under neither, so the count errs low), the coach's
 * kind of today when they have no answer in it.
 */
static int answers_model(const struct qrows *kinds, const struct record_list *coaches,
                         int64_t coach)
{
	size_t lo = 0, hi = kinds->nrows;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (qrows_int(kinds, mid, 0) < coach)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == kinds->nrows || qrows_int(kinds, lo, 0) != coach)
		return coach_model(coaches, coach);
	int m = model_index(qrows_text(kinds, lo, 1));
	for (size_t r = lo + 1; r < kinds->nrows && qrows_int(kinds, r, 0) == coach; r++)
		if (model_index(qrows_text(kinds, r, 1)) != m)
			return -1;
	return m;
}

/*
 * The people behind the answers: each ballot (who answered about which coach
 * in which round, never what) of a round that lies wholly in the window, in
 * the coachee group when they are a coachee of that coach, else management's.
 * A round that began before the window is left out, so that nobody is
 * counted whose answer may lie outside it: the count errs low, never high.
 */
static enum sc_result tally_ballots(struct domain *d, struct models *ms,
                                    const struct record_list *coaches, const struct qrows *kinds,
                                    const struct record_list *asgs, const char *from,
                                    struct sc_error *err)
{
	const struct entity_def *bdef = entity_get(E_BALLOT);
	char first[32], last[16];
	struct record_list ballots = { 0 };
	struct pair *pairs = pairs_of(asgs);
	enum sc_result rc;

	if (!pairs)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	/* The first whole round: from's month when from is its first day, else the next. */
	snprintf(first, sizeof(first), "%.7s", from);
	if (strcmp(from + 8, "01") != 0) {
		int y = atoi(from), m = atoi(from + 5) + 1;
		snprintf(first, sizeof(first), "%04d-%02d", m > 12 ? y + 1 : y, m > 12 ? 1 : m);
	}
	snprintf(last, sizeof(last), "%.7s", d->today);
	struct filter bf[2] = { { entity_field(bdef, "round"), FO_GE, 0, 0, first },
		                { entity_field(bdef, "round"), FO_LE, 0, 0, last } };
	struct list_opts blo = { bf, 2, FILTER_ID, false, 0, 0 };
	rc = store_list(d->store, d->org, bdef, &blo, &ballots, err);
	for (size_t i = 0; rc == SC_OK && i < ballots.n; i++) {
		const struct record *b = ballots.items[i];
		/* Is the person who answered a coachee of the coach they answered about? */
		struct pair key = { record_int(b, "coach"), record_int(b, "person") };
		int m = answers_model(kinds, coaches, key.coach);
		int g = bsearch(&key, pairs, asgs->n, sizeof(key), pair_cmp) ? 0 : 1;
		if (m >= 0 && !report_id_push(&ms->m[m].respondents[g], record_int(b, "person")))
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	free(pairs);
	record_list_release(&ballots);
	return rc;
}

/*
 * The survey answers of the window (from..today), counted and summed under
 * the model of the coach they are about as it was when each was given (so
 * that a coach's change of kind moves no answer from one model to another),
 * and the people who gave them.
 */
static enum sc_result tally_surveys(struct domain *d, struct models *ms,
                                    const struct record_list *asgs, const char *from,
                                    struct sc_error *err)
{
	struct list_opts all = { NULL, 0, FILTER_ID, false, 0, 0 };
	struct qparam p[2] = { { 0, from }, { 0, d->today } };
	struct record_list coaches = { 0 };
	struct qrows q = { 0 };
	enum sc_result rc;

	if ((rc = store_list(d->store, d->org, entity_get(E_COACH), &all, &coaches, err)) ||
	    (rc = store_query(d->store, d->org, SQ_SURVEY_BY_KIND, p, 2, &q, err)) ||
	    (rc = tally_ballots(d, ms, &coaches, &q, asgs, from, err)))
		goto out;
	for (size_t r = 0; r < q.nrows; r++) {
		int m = model_index(qrows_text(&q, r, 1));
		int g = strcmp(qrows_text(&q, r, 2), "coachee") == 0 ? 0 : 1;
		if (m < 0)
			continue;
		ms->m[m].answers[g] += (long)qrows_int(&q, r, 3);
		for (int it = 0; it < NITEMS; it++) {
			if (qrows_null(&q, r, 4 + 2 * (size_t)it))
				continue;
			ms->m[m].sum[g][it] += (long)qrows_int(&q, r, 4 + 2 * (size_t)it);
			ms->m[m].n[g][it] += (long)qrows_int(&q, r, 5 + 2 * (size_t)it);
		}
	}
out:
	record_list_release(&coaches);
	qrows_release(&q);
	return rc;
}

/* Count an alert in c, with the people it names (the placeholder roles without id aside). */
static bool cell_add(struct cell *c, const struct alert *a)
{
	c->alerts++;
	for (size_t i = 0; i < a->npeople; i++)
		if (a->people[i].id > 0 && !report_id_push(&c->people, a->people[i].id))
			return false;
	return true;
}

/*
 * The open alerts of the organisation, every one of them: the report counts
 * them without naming anyone, so it reads them as the system does, not as
 * the caller (who, as an executive, may read none).
 */
static enum sc_result tally_alerts(struct domain *d, struct models *ms, struct sc_error *err)
{
	struct domain sys = *d;
	struct alert_list list = { 0 };
	enum sc_result rc;

	memset(&sys.actor, 0, sizeof(sys.actor));
	if ((rc = rules_evaluate(&sys, d->lang, NULL, &list, err)))
		return rc;
	for (size_t i = 0; i < list.n && rc == SC_OK; i++) {
		const struct alert *a = &list.items[i];
		int m = model_index(a->model);
		if (m < 0)
			continue;
		struct model_fig *f = &ms->m[m];
		struct cell all = { 0 };
		const struct rule_def *rd = rules_find(a->rule);
		size_t r = rd ? (size_t)(rd - ms->rules) : ms->nrules;
		bool ok = cell_add(&all, a) && report_id_append(&f->people, &all.people);
		for (int s = 0; ok && s < NSEV; s++)
			if (severities[s] == a->severity)
				ok = cell_add(&f->sev[s], a);
		if (ok && r < ms->nrules)
			ok = cell_add(&f->rules[r], a);
		free(all.people.v);
		f->open++;
		if (!ok)
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	alert_list_release(&list);
	return rc;
}

/*
 * Hide every cell whose alerts name fewer than k people; then, while the
 * hidden cells together name fewer than k (their sum could be worked out
 * from the total), hide the shown cell of the fewest people as well.
 */
static bool suppress(struct cell *c, size_t n, long k)
{
	struct id_list hidden = { 0 };
	bool any = false, ok = true;

	for (size_t i = 0; i < n && ok; i++) {
		c[i].npeople = (long)report_id_distinct(&c[i].people);
		c[i].hidden = c[i].alerts > 0 && c[i].npeople < k;
		if (c[i].hidden) {
			any = true;
			ok = report_id_append(&hidden, &c[i].people);
		}
	}
	while (ok && any && (long)report_id_distinct(&hidden) < k) {
		long next = -1;
		for (size_t i = 0; i < n; i++)
			if (!c[i].hidden && c[i].alerts > 0 &&
			    (next < 0 || c[i].npeople < c[next].npeople))
				next = (long)i;
		if (next < 0)
			break;
		c[next].hidden = true;
		ok = report_id_append(&hidden, &c[next].people);
	}
	free(hidden.v);
	return ok;
}

/* A count of people (at least min), rounded like the coachees and never shown below min. */
static json_t *people_json(long n, long min)
{
	long shown = report_round(n, REPORT_COACHEES_STEP);
	if (n < min)
		return json_null();
	return json_integer(shown < min ? min : shown);
}

/*
 * One respondent group's means: shown from min_answers answers given by at
 * least k people (the ballots), null below; the people rounded like the
 * coachees. An answer written without a ballot (by the system) counts no one.
 */
static json_t *group_json(const struct models *ms, struct model_fig *f, int g)
{
	long n = f->answers[g], min = ms->min_answers, sum4 = 0;
	long people = (long)report_id_distinct(&f->respondents[g]);
	bool shown = n >= min && people >= ms->k;
	json_t *o = json_pack("{s:o,s:o}", "answers", people_json(n, min), "respondents",
	                      people_json(people, ms->k));

	for (int it = 0; o && it < IT_NOT_REPORTING; it++)
		sum4 += f->sum[g][it];
	if (o)
		json_object_set_new(o, "mean", shown ? report_tenths(sum4, 4 * n) : json_null());
	for (int it = 0; o && it < NITEMS; it++) {
		long in = f->n[g][it];
		json_object_set_new(o, items[it],
		                    shown && in >= min ? report_tenths(f->sum[g][it], in)
		                                       : json_null());
	}
	return o;
}

/* The model's open alerts: by severity and by rule, each count of at least k people. */
static json_t *alerts_json(const struct models *ms, struct model_fig *f)
{
	long npeople = (long)report_id_distinct(&f->people), other = 0;
	bool shown = f->open == 0 || npeople >= ms->k;
	json_t *sev = json_object(), *rules = json_array();

	for (int s = 0; sev && s < NSEV; s++)
		json_object_set_new(sev, alert_severity_name(severities[s]),
		                    f->sev[s].hidden ? json_null()
		                                     : json_integer(f->sev[s].alerts));
	for (size_t r = 0; rules && r < ms->nrules; r++) {
		const struct cell *c = &f->rules[r];
		if (c->hidden)
			other += c->alerts;
		else if (c->alerts > 0)
			json_array_append_new(rules, json_pack("{s:s,s:i}", "rule", ms->rules[r].id,
			                                       "alerts", (int)c->alerts));
	}
	if (!sev || !rules) {
		json_decref(sev);
		json_decref(rules);
		return NULL;
	}
	return json_pack("{s:o,s:o,s:o,s:o,s:o}", "open",
	                 shown ? json_integer(f->open) : json_null(), "people",
	                 f->open == 0 ? json_integer(0) : people_json(npeople, ms->k),
	                 "by_severity", sev, "by_rule", rules, "other_rules",
	                 shown ? json_integer(other) : json_null());
}

static json_t *model_json(struct models *ms, int m)
{
	struct model_fig *f = &ms->m[m];
	long ncoachees = (long)report_id_distinct(&f->coachees);
	json_t *o = json_pack("{s:s,s:i,s:b}", "model", rules_models()[m], "programmes",
	                      (int)f->programmes, "suppressed", ncoachees < ms->k);

	if (!o || ncoachees < ms->k)
		return o;
	if (!suppress(f->sev, NSEV, ms->k) || !suppress(f->rules, ms->nrules, ms->k)) {
		json_decref(o);
		return NULL;
	}
	json_t *acc = json_pack("{s:o,s:o}", groups[0], group_json(ms, f, 0), groups[1],
	                        group_json(ms, f, 1));
	json_t *alerts = alerts_json(ms, f);
	if (!acc || !alerts || json_object_set_new(o, "coachees", people_json(ncoachees, ms->k)) ||
	    json_object_set_new(o, "acceptance", acc) || json_object_set_new(o, "alerts", alerts)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static void models_release(struct models *ms)
{
	for (int m = 0; m < NMODELS; m++) {
		struct model_fig *f = &ms->m[m];
		free(f->coachees.v);
		free(f->people.v);
		for (int g = 0; g < NGROUPS; g++)
			free(f->respondents[g].v);
		for (int s = 0; s < NSEV; s++)
			free(f->sev[s].people.v);
		for (size_t r = 0; f->rules && r < ms->nrules; r++)
			free(f->rules[r].people.v);
		free(f->rules);
	}
}

enum sc_result report_models(struct domain *d, const struct record_list *progs,
                             const struct record_list *asgs, long k, const char *from, json_t **out,
                             struct sc_error *err)
{
	struct models ms = { 0 };
	char kbuf[16];
	enum sc_result rc;

	*out = NULL;
	if ((rc = settings_get(d->store, d->org, "k_survey", kbuf, sizeof(kbuf), err)))
		return rc;
	ms.k = k;
	/* The stricter of the two rules: a survey mean of fewer than k answers would be a group
	 * smaller than an executive may see, one of fewer than k_survey one no one may see; and
	 * the answers must come from k people (group_json). */
	ms.min_answers = strtol(kbuf, NULL, 10);
	if (ms.min_answers < k)
		ms.min_answers = k;
	ms.rules = rules_all(&ms.nrules);
	for (int m = 0; m < NMODELS; m++)
		if (!(ms.m[m].rules = calloc(ms.nrules, sizeof(struct cell))))
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	if (rc == SC_OK && !tally_programmes(&ms, progs, asgs))
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	if (rc == SC_OK && (rc = tally_surveys(d, &ms, asgs, from, err)) == SC_OK)
		rc = tally_alerts(d, &ms, err);
	json_t *list = rc == SC_OK ? json_array() : NULL;
	for (int m = 0; list && m < NMODELS; m++) {
		json_t *o = model_json(&ms, m);
		if (!o || json_array_append_new(list, o)) {
			json_decref(list);
			list = NULL;
		}
	}
	if (rc == SC_OK && list)
		*out = json_pack("{s:i,s:i,s:o}", "k_survey", (int)strtol(kbuf, NULL, 10),
		                 "min_answers", (int)ms.min_answers, "models", list);
	if (rc == SC_OK && !*out)
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	models_release(&ms);
	return rc;
}
