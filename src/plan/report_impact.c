/*
 * report_impact.c - the impact analysis (report_int.h) and the impact
 * report (report.h, report_impact): the change of attainment and win rate
 * of the people coached, from the N months before the month their coaching
 * began to the N months after, against the change of the people not
 * coached around the same month, as a difference in differences over the
 * months (calc_did_cohorts), each coachee once.
 * It reads the dates, statuses and parties of assignments and the figures
 * of sales results only (SQ_IMPACT_ASSIGNMENTS, SQ_IMPACT_RESULTS), never
 * content, and names no one.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/settings.h"
#include "plan/report.h"
#include "plan/report_int.h"
#include "rules/rules.h"

/* A span of coaching of a person, in month numbers (report_month_number). */
struct impact_span {
	int64_t coachee;
	int first, last;
};

/* The people not coached around one month of the range: their changes. */
struct impact_controls {
	double *att, *win;
	size_t natt, nwin;
};

struct impact_data {
	int n;             /* months before and after (impact_months) */
	int from, nmonths; /* the range, as month numbers */
	int now;           /* this month */
	int first, nmon;   /* the months of the results held: first .. first + nmon - 1 */
	long k;
	int64_t *reps; /* the people with results, ascending */
	size_t nreps;
	int32_t (*res)[4];      /* nreps x nmon: quota, revenue, won, lost (0 without a result) */
	struct impact_asg *asg; /* the relationships: not paused, begun in the range */
	double *att, *win;      /* per relationship: its coachee's change, NAN without one */
	size_t nasg;
	struct impact_span *spans; /* every assignment's span, by coachee */
	size_t nspans;
	struct impact_controls *ctl; /* per month of the range (empty while not over) */
	uint64_t *ctl_att, *ctl_win; /* per rep: the months of the range they are a control of */
};

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static int cmp_span(const void *a, const void *b)
{
	return cmp_i64(&((const struct impact_span *)a)->coachee,
	               &((const struct impact_span *)b)->coachee);
}

/* Attainment and win rate of rep r over the months a..b (month numbers); NAN without one. */
static void window(const struct impact_data *dt, size_t r, int a, int b, double *att, double *win)
{
	int64_t quota = 0, revenue = 0, won = 0, lost = 0;
	for (int m = a; m <= b; m++) {
		int i = m - dt->first;
		if (i < 0 || i >= dt->nmon)
			continue;
		const int32_t *v = dt->res[r * (size_t)dt->nmon + (size_t)i];
		if (v[0] > 0)
			quota += v[0], revenue += v[1];
		won += v[2], lost += v[3];
	}
	*att = quota > 0 ? 100.0 * (double)revenue / (double)quota : NAN;
	*win = won + lost > 0 ? 100.0 * (double)won / (double)(won + lost) : NAN;
}

/* The change of rep r around month m (after - before, in points); NAN where a window has none. */
static void change(const struct impact_data *dt, size_t r, int m, double *att, double *win)
{
	double a0, w0, a1, w1;
	window(dt, r, m - dt->n, m - 1, &a0, &w0);
	window(dt, r, m + 1, m + dt->n, &a1, &w1);
	*att = a1 - a0; /* NAN when either is */
	*win = w1 - w0;
}

/* The index of rep in dt->reps, or -1. */
static long rep_index(const struct impact_data *dt, int64_t rep)
{
	const int64_t *at = dt->reps && dt->nreps
	                            ? bsearch(&rep, dt->reps, dt->nreps, sizeof(*at), cmp_i64)
	                            : NULL;
	return at ? (long)(at - dt->reps) : -1;
}

/* Whether rep is the coachee of an assignment whose span meets the months a..b. */
static bool coached(const struct impact_data *dt, int64_t rep, int a, int b)
{
	size_t lo = 0, hi = dt->nspans;
	while (lo < hi) { /* the first span of rep */
		size_t mid = (lo + hi) / 2;
		if (dt->spans[mid].coachee < rep)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < dt->nspans && dt->spans[lo].coachee == rep; lo++)
		if (dt->spans[lo].first <= b && dt->spans[lo].last >= a)
			return true;
	return false;
}

static enum sc_result load_results(struct domain *d, struct impact_data *dt, struct sc_error *err)
{
	char a[8], b[8];
	struct qrows q = { 0 };
	enum sc_result rc;

	report_month_text(dt->first, a);
	report_month_text(dt->first + dt->nmon - 1, b);
	struct qparam p[2] = { { 0, a }, { 0, b } };
	if ((rc = store_query(d->store, d->org, SQ_IMPACT_RESULTS, p, 2, &q, err)))
		return rc;
	dt->reps = calloc(q.nrows ? q.nrows : 1, sizeof(*dt->reps));
	if (!dt->reps) {
		qrows_release(&q);
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	for (size_t r = 0; r < q.nrows; r++)
		dt->reps[r] = qrows_int(&q, r, 0);
	qsort(dt->reps, q.nrows, sizeof(*dt->reps), cmp_i64);
	for (size_t r = 0; r < q.nrows; r++)
		if (r == 0 || dt->reps[r] != dt->reps[dt->nreps - 1])
			dt->reps[dt->nreps++] = dt->reps[r];
	dt->res = calloc(dt->nreps ? dt->nreps * (size_t)dt->nmon : 1, sizeof(*dt->res));
	if (!dt->res) {
		qrows_release(&q);
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	for (size_t r = 0; r < q.nrows; r++) {
		long ri = rep_index(dt, qrows_int(&q, r, 0));
		int i = report_month_number(qrows_text(&q, r, 1)) - dt->first;
		if (ri < 0 || i < 0 || i >= dt->nmon)
			continue;
		int32_t *v = dt->res[(size_t)ri * (size_t)dt->nmon + (size_t)i];
		for (int c = 0; c < 4; c++)
			v[c] = (int32_t)qrows_int(&q, r, (size_t)c + 2);
	}
	qrows_release(&q);
	return SC_OK;
}

/* Row r of SQ_IMPACT_ASSIGNMENTS: its span kept; a relationship when not paused and begun in
 * the range. */
static void take_assignment(struct impact_data *dt, const struct qrows *q, size_t r)
{
	int start = report_month_number(qrows_text(q, r, 6));
	struct impact_span s = { qrows_int(q, r, 2), start,
		                 qrows_null(q, r, 7) ? INT32_MAX
		                                     : report_month_number(qrows_text(q, r, 7)) };
	dt->spans[dt->nspans++] = s;
	int model = report_model_of(qrows_text(q, r, 5));
	if (!strcmp(qrows_text(q, r, 8), "paused") || model < 0 || start < dt->from ||
	    start >= dt->from + dt->nmonths)
		return;
	struct impact_asg *a = &dt->asg[dt->nasg];
	memset(a, 0, sizeof(*a));
	a->assignment = qrows_int(q, r, 0);
	a->coach = qrows_int(q, r, 1);
	a->coachee = s.coachee;
	a->programme = qrows_int(q, r, 3);
	a->team = qrows_int(q, r, 4);
	a->model = model;
	report_month_text(start, a->month);
	dt->att[dt->nasg] = dt->win[dt->nasg] = NAN;
	long ri = rep_index(dt, a->coachee);
	if (start + dt->n < dt->now && ri >= 0)
		change(dt, (size_t)ri, start, &dt->att[dt->nasg], &dt->win[dt->nasg]);
	dt->nasg++;
}

static enum sc_result load_assignments(struct domain *d, struct impact_data *dt,
                                       struct sc_error *err)
{
	char a[TU_DATE_LEN], b[TU_DATE_LEN], ym[8];
	struct qrows q = { 0 };
	enum sc_result rc;

	report_month_text(dt->first, ym);
	snprintf(a, sizeof(a), "%s-01", ym);
	report_month_text(dt->first + dt->nmon, ym); /* the first day after the last month */
	snprintf(b, sizeof(b), "%s-01", ym);
	struct qparam p[2] = { { 0, a }, { 0, b } };
	if ((rc = store_query(d->store, d->org, SQ_IMPACT_ASSIGNMENTS, p, 2, &q, err)))
		return rc;
	size_t n = q.nrows ? q.nrows : 1;
	dt->spans = calloc(n, sizeof(*dt->spans));
	dt->asg = calloc(n, sizeof(*dt->asg));
	dt->att = calloc(n, sizeof(*dt->att));
	dt->win = calloc(n, sizeof(*dt->win));
	if (!dt->spans || !dt->asg || !dt->att || !dt->win) {
		qrows_release(&q);
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	for (size_t r = 0; r < q.nrows; r++)
		take_assignment(dt, &q, r);
	qrows_release(&q);
	qsort(dt->spans, dt->nspans, sizeof(*dt->spans), cmp_span);
	return SC_OK;
}

/* The controls of every month of the range whose after-months are over. */
static bool load_controls(struct impact_data *dt)
{
	dt->ctl = calloc((size_t)dt->nmonths, sizeof(*dt->ctl));
	dt->ctl_att = calloc(dt->nreps ? dt->nreps : 1, sizeof(*dt->ctl_att));
	dt->ctl_win = calloc(dt->nreps ? dt->nreps : 1, sizeof(*dt->ctl_win));
	if (!dt->ctl || !dt->ctl_att || !dt->ctl_win)
		return false;
	for (int m = 0; m < dt->nmonths; m++) {
		int month = dt->from + m;
		struct impact_controls *c = &dt->ctl[m];
		if (month + dt->n >= dt->now || !dt->nreps)
			continue;
		c->att = malloc(dt->nreps * sizeof(*c->att));
		c->win = malloc(dt->nreps * sizeof(*c->win));
		if (!c->att || !c->win)
			return false;
		for (size_t r = 0; r < dt->nreps; r++) {
			double att, win;
			if (coached(dt, dt->reps[r], month - dt->n, month + dt->n))
				continue;
			change(dt, r, month, &att, &win);
			if (!isnan(att)) {
				c->att[c->natt++] = att;
				dt->ctl_att[r] |= (uint64_t)1 << m;
			}
			if (!isnan(win)) {
				c->win[c->nwin++] = win;
				dt->ctl_win[r] |= (uint64_t)1 << m;
			}
		}
	}
	return true;
}

enum sc_result report_impact_load(struct domain *d, const struct report_range *rg,
                                  struct impact_data **out, struct sc_error *err)
{
	enum sc_result rc;
	struct impact_data *dt = calloc(1, sizeof(*dt));

	*out = NULL;
	if (!dt)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	dt->n = (int)settings_number(d->store, d->org, "impact_months");
	if (dt->n < 1)
		dt->n = 1;
	dt->k = rg->k;
	dt->from = report_month_number(rg->from);
	dt->nmonths = (int)rg->nmonths;
	dt->now = report_month_number(d->today);
	dt->first = dt->from - dt->n;
	dt->nmon = dt->nmonths + 2 * dt->n;
	if ((rc = load_results(d, dt, err)) || (rc = load_assignments(d, dt, err))) {
		report_impact_free(dt);
		return rc;
	}
	if (!load_controls(dt)) {
		report_impact_free(dt);
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	*out = dt;
	return SC_OK;
}

void report_impact_free(struct impact_data *dt)
{
	if (!dt)
		return;
	for (int m = 0; dt->ctl && m < dt->nmonths; m++) {
		free(dt->ctl[m].att);
		free(dt->ctl[m].win);
	}
	free(dt->ctl);
	free(dt->ctl_att);
	free(dt->ctl_win);
	free(dt->reps);
	free(dt->res);
	free(dt->asg);
	free(dt->att);
	free(dt->win);
	free(dt->spans);
	free(dt);
}

int report_impact_months(const struct impact_data *data)
{
	return data->n;
}

void report_impact_withhold(struct impact_figure *f)
{
	size_t t = f->did.treated, c = f->did.control;
	memset(&f->did, 0, sizeof(f->did));
	f->did.treated = t, f->did.control = c;
}

void report_impact_release(struct report_impact *im)
{
	free(im->attainment.who.v);
	free(im->win_rate.who.v);
	im->attainment.who = im->win_rate.who = (struct id_list){ 0 };
}

/* A coachee's relationship weighed: the earliest of the group (of those whose months are over). */
struct impact_pick {
	int64_t coachee;
	int m; /* its month, as an index in the range */
	double att, win;
};

static int cmp_pick(const void *a, const void *b)
{
	const struct impact_pick *x = a, *y = b;
	int c = cmp_i64(&x->coachee, &y->coachee);
	return c ? c : (x->m > y->m) - (x->m < y->m);
}

/*
 * One figure over the coachees picked (one each): the coachees with a change
 * weighed against their month's controls, those whose month has fewer than
 * 2 controls counted in no_controls. *sel: the months weighed.
 */
static bool figure(const struct impact_data *dt, const struct impact_pick *pk, size_t np, bool att,
                   struct impact_figure *f, uint64_t *sel)
{
	double *v = malloc((np ? np : 1) * sizeof(*v));
	size_t *coh = malloc((np ? np : 1) * sizeof(*coh));
	struct calc_cohort *cs = malloc((size_t)dt->nmonths * sizeof(*cs));
	size_t nt = 0, people = 0;
	bool ok = v && coh && cs;

	*sel = 0;
	for (int m = 0; ok && m < dt->nmonths; m++)
		cs[m] = (struct calc_cohort){ att ? dt->ctl[m].att : dt->ctl[m].win,
			                      att ? dt->ctl[m].natt : dt->ctl[m].nwin };
	for (size_t i = 0; ok && i < np; i++) {
		double x = att ? pk[i].att : pk[i].win;
		if (isnan(x))
			continue;
		if (cs[pk[i].m].n < 2) {
			f->no_controls++;
			continue;
		}
		v[nt] = x, coh[nt++] = (size_t)pk[i].m;
		*sel |= (uint64_t)1 << pk[i].m;
		ok = report_id_push(&f->who, pk[i].coachee);
	}
	const uint64_t *mask = att ? dt->ctl_att : dt->ctl_win;
	for (size_t r = 0; r < dt->nreps; r++)
		people += (mask[r] & *sel) != 0;
	if (ok)
		calc_did_cohorts(v, coh, nt, cs, (size_t)dt->nmonths, people, (size_t)dt->k,
		                 &f->did);
	free(v);
	free(coh);
	free(cs);
	return ok;
}

/* The relationships keep accepts whose months after are over, one per coachee: the earliest. */
static struct impact_pick *pick(const struct impact_data *dt,
                                bool (*keep)(const struct impact_asg *a, const void *arg),
                                const void *arg, size_t *np, size_t *waiting)
{
	struct impact_pick *pk = malloc((dt->nasg ? dt->nasg : 1) * sizeof(*pk));
	size_t n = 0, k = 0;

	if (!pk)
		return NULL;
	for (size_t i = 0; i < dt->nasg; i++) {
		const struct impact_asg *a = &dt->asg[i];
		if (keep && !keep(a, arg))
			continue;
		int m = report_month_number(a->month);
		if (m + dt->n >= dt->now)
			(*waiting)++;
		else
			pk[n++] = (struct impact_pick){ a->coachee, m - dt->from, dt->att[i],
				                        dt->win[i] };
	}
	if (n)
		qsort(pk, n, sizeof(*pk), cmp_pick);
	for (size_t i = 0; i < n; i++)
		if (k == 0 || pk[k - 1].coachee != pk[i].coachee)
			pk[k++] = pk[i];
	*np = k;
	return pk;
}

enum sc_result report_impact_of(const struct impact_data *dt,
                                bool (*keep)(const struct impact_asg *a, const void *arg),
                                const void *arg, struct report_impact *out, struct sc_error *err)
{
	size_t np = 0;
	uint64_t sel_att = 0, sel_win = 0;

	memset(out, 0, sizeof(*out));
	struct impact_pick *pk = pick(dt, keep, arg, &np, &out->waiting);
	bool ok = pk && figure(dt, pk, np, true, &out->attainment, &sel_att) &&
	          figure(dt, pk, np, false, &out->win_rate, &sel_win);
	for (size_t i = 0; ok && i < np; i++)
		out->people += !isnan(pk[i].att) || !isnan(pk[i].win);
	for (size_t r = 0; ok && r < dt->nreps; r++)
		out->controls += ((dt->ctl_att[r] & sel_att) | (dt->ctl_win[r] & sel_win)) != 0;
	free(pk);
	if (ok)
		return SC_OK;
	report_impact_release(out);
	return sc_fail(err, SC_NOMEM, NULL, "out of memory");
}

/* A figure to one decimal, halves away from zero. */
static json_t *one_decimal(double v)
{
	return json_real(round(v * 10.0) / 10.0);
}

static json_t *did_json(const struct impact_figure *fig)
{
	const struct calc_did *f = &fig->did;
	json_t *o = json_pack("{s:I,s:I,s:I,s:b}", "treated", (json_int_t)f->treated, "control",
	                      (json_int_t)f->control, "no_controls", (json_int_t)fig->no_controls,
	                      "enough", f->enough);
	if (o && f->enough) {
		json_object_set_new(o, "treated_change", one_decimal(f->treated_change));
		json_object_set_new(o, "control_change", one_decimal(f->control_change));
		json_object_set_new(o, "effect", one_decimal(f->effect));
		json_object_set_new(o, "low", one_decimal(f->low));
		json_object_set_new(o, "high", one_decimal(f->high));
	}
	return o;
}

json_t *report_impact_json(const struct report_impact *im)
{
	return json_pack("{s:I,s:I,s:I,s:o,s:o}", "people", (json_int_t)im->people, "controls",
	                 (json_int_t)im->controls, "waiting", (json_int_t)im->waiting, "attainment",
	                 did_json(&im->attainment), "win_rate", did_json(&im->win_rate));
}

/* The report's filters and, when not negative, one model. */
struct impact_keep {
	const struct report_opts *o;
	int model;
};

static bool keep_filtered(const struct impact_asg *a, const void *arg)
{
	const struct impact_keep *k = arg;
	return (k->model < 0 || a->model == k->model) &&
	       !report_filtered_out(k->o, rules_models()[a->model], a->team, a->programme);
}

/* The number of people in one of the lists and not in the other (both ascending, distinct). */
static size_t apart(const struct id_list *x, const struct id_list *y)
{
	size_t i = 0, j = 0, n = 0;
	while (i < x->n || j < y->n) {
		if (j == y->n || (i < x->n && x->v[i] < y->v[j]))
			i++, n++;
		else if (i == x->n || y->v[j] < x->v[i])
			j++, n++;
		else
			i++, j++;
	}
	return n;
}

static bool holds(const struct id_list *l, int64_t id)
{
	return l->n && bsearch(&id, l->v, l->n, sizeof(id), cmp_i64);
}

/* The people of the total in none of the models shown. */
static size_t outside(const struct impact_figure *total, struct impact_figure **models, size_t n)
{
	size_t rest = 0;
	for (size_t p = 0; p < total->who.n; p++) {
		bool in = false;
		for (size_t i = 0; i < n && !in; i++)
			in = models[i]->did.enough && holds(&models[i]->who, total->who.v[p]);
		rest += !in;
	}
	return rest;
}

/*
 * The total shown less the models shown may give back the figure of the
 * people in no model shown: while these are 1 to k - 1, the shown model of
 * the fewest people is withheld as well (its figures, not its counts).
 * People are counted as sets: a coachee in two models is one person.
 */
static void withhold(struct impact_figure *total, struct impact_figure **models, size_t n, long k)
{
	if (!total->did.enough)
		return;
	for (size_t rest = outside(total, models, n); rest > 0 && (long)rest < k;
	     rest = outside(total, models, n)) {
		struct impact_figure *next = NULL;
		for (size_t i = 0; i < n; i++)
			if (models[i]->did.enough &&
			    (!next || models[i]->did.treated < next->did.treated))
				next = models[i];
		if (!next)
			return;
		report_impact_withhold(next);
	}
}

/*
 * A filtered figure shown beside a figure of the report without filters
 * (its total or a model, as shown there) may give back the people in one
 * and not the other: withheld when these are 1 to k - 1.
 */
static void withhold_filtered(struct impact_figure *f, struct impact_figure **plain, size_t n,
                              long k)
{
	for (size_t i = 0; i < n && f->did.enough; i++) {
		size_t d = apart(&f->who, &plain[i]->who);
		if (plain[i]->did.enough && d > 0 && (long)d < k)
			report_impact_withhold(f);
	}
}

/* The total and the models' impact of the relationships within o (every one when o is NULL). */
struct impact_all {
	struct report_impact total, each[8];
	size_t n;
};

static void all_release(struct impact_all *all)
{
	report_impact_release(&all->total);
	for (size_t i = 0; i < all->n; i++)
		report_impact_release(&all->each[i]);
}

static enum sc_result all_of(const struct impact_data *dt, const struct report_opts *o,
                             struct impact_all *all, struct sc_error *err)
{
	static const struct report_opts none = { 0 };
	struct impact_keep kt = { o ? o : &none, -1 };
	const char *const *models = rules_models();
	enum sc_result rc;

	memset(all, 0, sizeof(*all));
	if ((rc = report_impact_of(dt, keep_filtered, &kt, &all->total, err)))
		return rc;
	for (; models[all->n] && all->n < 8; all->n++) {
		struct impact_keep km = { kt.o, (int)all->n };
		if ((rc = report_impact_of(dt, keep_filtered, &km, &all->each[all->n], err)))
			return rc;
	}
	return SC_OK;
}

/* The models withheld that the total less the others shown would give back (withhold). */
static void all_withhold(struct impact_all *all, long k)
{
	struct impact_figure *att[8], *win[8];
	for (size_t i = 0; i < all->n; i++)
		att[i] = &all->each[i].attainment, win[i] = &all->each[i].win_rate;
	withhold(&all->total.attainment, att, all->n, k);
	withhold(&all->total.win_rate, win, all->n, k);
}

/* The filtered figures of f checked against those of the report without filters, plain. */
static void against_plain(struct impact_all *f, struct impact_all *plain, long k)
{
	struct impact_figure *att[9] = { &plain->total.attainment },
	                     *win[9] = { &plain->total.win_rate };
	for (size_t i = 0; i < plain->n; i++)
		att[i + 1] = &plain->each[i].attainment, win[i + 1] = &plain->each[i].win_rate;
	withhold_filtered(&f->total.attainment, att, plain->n + 1, k);
	withhold_filtered(&f->total.win_rate, win, plain->n + 1, k);
	for (size_t i = 0; i < f->n; i++) {
		withhold_filtered(&f->each[i].attainment, att, plain->n + 1, k);
		withhold_filtered(&f->each[i].win_rate, win, plain->n + 1, k);
	}
}

static enum sc_result impact_json(struct impact_data *dt, const struct report_range *rg,
                                  const struct report_opts *o, json_t **out, struct sc_error *err)
{
	struct impact_all all, plain = { 0 };
	const char *const *models = rules_models();
	enum sc_result rc = all_of(dt, o, &all, err);

	/* With filters, first what the report without them shows, then the filtered figures
	 * against it; the models against their total last, as a model withheld may leave a
	 * small group in no model shown. */
	*out = NULL;
	if (rc == SC_OK && (o->team || o->model || o->programme) &&
	    (rc = all_of(dt, NULL, &plain, err)) == SC_OK) {
		all_withhold(&plain, rg->k);
		against_plain(&all, &plain, rg->k);
	}
	if (rc == SC_OK)
		all_withhold(&all, rg->k);
	json_t *arr = rc == SC_OK ? json_array() : NULL;
	for (size_t i = 0; arr && i < all.n; i++)
		if (json_array_append_new(arr, json_pack("{s:s,s:o}", "model", models[i], "impact",
		                                         report_impact_json(&all.each[i])))) {
			json_decref(arr);
			arr = NULL;
		}
	*out = arr ? json_pack("{s:i,s:i,s:s,s:s,s:o,s:o,s:o}", "k", (int)rg->k,
	                       "months_before_after", report_impact_months(dt), "from", rg->from,
	                       "to", rg->to, "filters", report_filters_json(o), "total",
	                       report_impact_json(&all.total), "models", arr)
	           : NULL;
	all_release(&all);
	all_release(&plain);
	if (rc)
		return rc;
	return *out ? SC_OK : sc_fail(err, SC_NOMEM, NULL, "out of memory");
}

enum sc_result report_impact(struct domain *d, const struct report_opts *o, json_t **out,
                             struct sc_error *err)
{
	struct report_range rg;
	struct impact_data *dt = NULL;
	enum report_view view;
	enum sc_result rc;

	*out = NULL;
	if ((rc = report_view(d, &view, err)))
		return rc;
	if ((rc = report_range_open(d, o, &rg, err)) == SC_OK &&
	    (rc = report_impact_load(d, &rg, &dt, err)) == SC_OK)
		rc = impact_json(dt, &rg, o, out, err);
	report_impact_free(dt);
	report_range_close(&rg);
	return rc;
}
