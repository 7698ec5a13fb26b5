/*
 * calc.c - the calculations of the product reference; see calc.h.
 */
#include "domain/calc.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

double calc_month_hours(double hours_per_week)
{
	return hours_per_week * 52.0 / 12.0;
}

static int cmp_load(const void *a, const void *b)
{
	const struct calc_load *x = a, *y = b;
	return (x->coachee > y->coachee) - (x->coachee < y->coachee);
}

double calc_needed(struct calc_load *loads, size_t n, int64_t *coachees)
{
	double needed = 0;
	int64_t distinct = 0;

	if (n > 1)
		qsort(loads, n, sizeof(*loads), cmp_load);
	for (size_t i = 0; i < n;) {
		double top = loads[i].target;
		size_t j = i + 1;
		for (; j < n && loads[j].coachee == loads[i].coachee; j++)
			if (loads[j].target > top)
				top = loads[j].target;
		needed += top;
		distinct++;
		i = j;
	}
	*coachees = distinct;
	return needed;
}

int calc_max_span(double available_month, double target_per_coachee)
{
	if (!(target_per_coachee > 0) || !(available_month > 0))
		return 0;
	double span = floor(available_month / target_per_coachee + CALC_EPSILON);
	if (span > (double)INT_MAX)
		return INT_MAX;
	return (int)span;
}

/* The search state of calc_delegation: the considered tasks, largest first. */
struct deleg_search {
	size_t m;                         /* tasks considered */
	size_t k;                         /* size of the sets searched */
	double need;                      /* shortfall minus the tolerance */
	double hours[CALC_MAX_TASKS];     /* monthly hours, largest first */
	int64_t ids[CALC_MAX_TASKS];      /* their ids */
	size_t pick[CALC_MAX_TASKS];      /* the set being built (positions) */
	size_t best[CALC_MAX_TASKS];      /* the best set so far (positions) */
	int64_t best_ids[CALC_MAX_TASKS]; /* its ids, ascending */
	double best_sum;
	bool found;
};

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Offer the complete set in s->pick with monthly hours sum; keep it when it beats the best. */
static void deleg_offer(struct deleg_search *s, double sum)
{
	int64_t ids[CALC_MAX_TASKS];
	for (size_t i = 0; i < s->k; i++)
		ids[i] = s->ids[s->pick[i]];
	qsort(ids, s->k, sizeof ids[0], cmp_id);
	if (s->found) {
		if (sum > s->best_sum + CALC_EPSILON)
			return;
		if (sum >= s->best_sum - CALC_EPSILON) {
			/* Equal hours: the set with the lowest ids wins. */
			size_t i = 0;
			while (i < s->k && ids[i] == s->best_ids[i])
				i++;
			if (i == s->k || ids[i] > s->best_ids[i])
				return;
		}
	}
	s->found = true;
	s->best_sum = sum;
	for (size_t i = 0; i < s->k; i++) {
		s->best[i] = s->pick[i];
		s->best_ids[i] = ids[i];
	}
}

/*
 * Extend the set s->pick[0..depth) with tasks from position from on. Hours are positive and
 * sorted largest first, so the next (k - depth) tasks are the most the set can still gain:
 * when even they do not cover the shortfall, no later choice does.
 */
static void deleg_search(struct deleg_search *s, size_t depth, size_t from, double sum)
{
	if (depth == s->k) {
		if (sum >= s->need)
			deleg_offer(s, sum);
		return;
	}
	if (s->found && sum > s->best_sum + CALC_EPSILON)
		return;
	size_t left = s->k - depth;
	for (size_t i = from; i + left <= s->m; i++) {
		double reach = sum;
		for (size_t j = 0; j < left; j++)
			reach += s->hours[i + j];
		if (reach < s->need)
			return;
		s->pick[depth] = i;
		deleg_search(s, depth + 1, i + 1, sum + s->hours[i]);
	}
}

/* Order of consideration: more hours first; equal hours, the lower id first. */
static bool task_before(const struct calc_task *x, const struct calc_task *y)
{
	if (x->hours_per_week != y->hours_per_week)
		return x->hours_per_week > y->hours_per_week;
	return x->id < y->id;
}

bool calc_delegation(const struct calc_task *tasks, size_t n, double shortfall_month, bool *chosen,
                     double *freed_month)
{
	struct deleg_search s = { .need = shortfall_month - CALC_EPSILON };
	size_t where[CALC_MAX_TASKS]; /* positions in tasks[] of the considered, in order */
	double all = 0;

	/* Keep the CALC_MAX_TASKS first in order of consideration, by insertion. */
	for (size_t i = 0; i < n; i++) {
		chosen[i] = false;
		if (!(tasks[i].hours_per_week > 0))
			continue;
		all += calc_month_hours(tasks[i].hours_per_week);
		size_t at = s.m;
		while (at > 0 && task_before(&tasks[i], &tasks[where[at - 1]]))
			at--;
		if (at >= CALC_MAX_TASKS)
			continue;
		size_t last = s.m < CALC_MAX_TASKS ? s.m : CALC_MAX_TASKS - 1;
		for (size_t j = last; j > at; j--)
			where[j] = where[j - 1];
		where[at] = i;
		if (s.m < CALC_MAX_TASKS)
			s.m++;
	}
	if (shortfall_month <= CALC_EPSILON) {
		*freed_month = 0;
		return true;
	}
	for (size_t i = 0; i < s.m; i++) {
		s.hours[i] = calc_month_hours(tasks[where[i]].hours_per_week);
		s.ids[i] = tasks[where[i]].id;
	}

	/* The fewest tasks that can cover it: the k largest reach furthest. */
	double prefix = 0;
	s.k = 0;
	while (s.k < s.m && prefix < s.need)
		prefix += s.hours[s.k++];
	if (prefix < s.need) {
		*freed_month = all;
		return false;
	}

	deleg_search(&s, 0, 0, 0);
	/* The k largest cover the shortfall, so the search always finds a set. */
	double freed = 0;
	for (size_t i = 0; i < s.k; i++) {
		chosen[where[s.best[i]]] = true;
		freed += s.hours[s.best[i]];
	}
	*freed_month = freed;
	return true;
}

double calc_target_reduction(double quota, double coaching_hours, double selling_hours,
                             bool has_pct, double pct)
{
	if (has_pct)
		return quota * pct / 100.0;
	if (!(selling_hours > 0))
		return 0;
	return quota * coaching_hours / selling_hours;
}

double calc_bonus_component(double share_pct, double base_bonus, double attainment_pct,
                            double floor_pct, double cap_pct)
{
	if (attainment_pct < floor_pct)
		return 0;
	double counted = attainment_pct < cap_pct ? attainment_pct : cap_pct;
	return share_pct / 100.0 * base_bonus * counted / 100.0;
}

bool calc_attainment(double revenue, double quota, double *pct)
{
	if (!(quota > 0))
		return false;
	*pct = revenue / quota * 100.0;
	return true;
}

bool calc_win_rate(double won, double lost, double *pct)
{
	if (!(won + lost > 0))
		return false;
	*pct = won / (won + lost) * 100.0;
	return true;
}

bool calc_ready(const int64_t scores[4], const char *decision, double min_score, double min_mean,
                int64_t *lowest, double *mean)
{
	*lowest = scores[0];
	*mean = 0;
	for (size_t k = 0; k < 4; k++) {
		*mean += (double)scores[k] / 4.0;
		if (scores[k] < *lowest)
			*lowest = scores[k];
	}
	return (double)*lowest >= min_score && *mean >= min_mean - 1e-9 && decision &&
	       strcmp(decision, "ready") == 0;
}

double calc_t975(double df)
{
	/* Student's t, two-sided 95 %, for 1 to 30 degrees of freedom, then 40, 60 and 120. */
	static const double t[] = { 12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912,
		                    2.364624,  2.306004, 2.262157, 2.228139, 2.200985, 2.178813,
		                    2.160369,  2.144787, 2.131450, 2.119905, 2.109816, 2.100922,
		                    2.093024,  2.085963, 2.079614, 2.073873, 2.068658, 2.063899,
		                    2.059539,  2.055529, 2.051831, 2.048407, 2.045230, 2.042272 };
	double whole = floor(df + CALC_EPSILON); /* 3.9999999999999996 is 4 */

	if (whole < 1)
		whole = 1;
	if (whole <= 30)
		return t[(int)whole - 1];
	return whole < 40 ? t[29] : whole < 60 ? 2.021075 : whole < 120 ? 2.000298 : 1.979930;
}

/* Mean and sample variance of v[0..n) (n >= 2); false when a value is not a number. */
static bool mean_var(const double *v, size_t n, double *mean, double *var)
{
	double sum = 0, sq = 0;

	for (size_t i = 0; i < n; i++) {
		if (!isfinite(v[i]))
			return false;
		sum += v[i];
	}
	*mean = sum / (double)n;
	for (size_t i = 0; i < n; i++)
		sq += (v[i] - *mean) * (v[i] - *mean);
	*var = sq / (double)(n - 1);
	return true;
}

void calc_did(const double *treated, size_t nt, const double *control, size_t nc, size_t k,
              struct calc_did *out)
{
	double m1, v1, m2, v2;

	memset(out, 0, sizeof(*out));
	out->treated = nt, out->control = nc;
	if (nt < 2 || nc < 2 || nt < k || nc < k || !mean_var(treated, nt, &m1, &v1) ||
	    !mean_var(control, nc, &m2, &v2))
		return;
	double a = v1 / (double)nt, b = v2 / (double)nc, se = sqrt(a + b);
	out->treated_change = m1, out->control_change = m2;
	out->effect = m1 - m2;
	/* No spread in either group: the interval is the effect itself, on n1 + n2 - 2. */
	out->df = a + b > 0 ? (a + b) * (a + b) /
	                              (a * a / (double)(nt - 1) + b * b / (double)(nc - 1))
	                    : (double)(nt + nc - 2);
	double half = se * calc_t975(out->df);
	out->low = out->effect - half, out->high = out->effect + half;
	out->enough = true;
}

/* The sums of calc_did_cohorts over the cohorts used: V's and the denominator of df. */
struct cohort_sums {
	double var, den, fallback;
};

/* Cohort M's part: its mean c (through *mean), and its share of V and of df. */
static bool cohort_part(const struct calc_cohort *c, size_t tm, size_t nt, double *mean,
                        struct cohort_sums *s)
{
	double var;
	if (c->n < 2 || !mean_var(c->control, c->n, mean, &var))
		return false;
	double w = (double)tm / (double)nt, part = w * w * var / (double)c->n;
	s->var += part;
	s->den += part * part / (double)(c->n - 1);
	s->fallback += (double)(c->n - 1);
	return true;
}

void calc_did_cohorts(const double *treated, const size_t *cohort, size_t nt,
                      const struct calc_cohort *cohorts, size_t ncohorts, size_t controls, size_t k,
                      struct calc_did *out)
{
	struct cohort_sums s = { 0, 0, 0 };
	double tsum = 0, csum = 0, dsum = 0, dsq = 0;

	memset(out, 0, sizeof(*out));
	out->treated = nt, out->control = controls;
	if (nt < 2 || controls < 2 || nt < k || controls < k)
		return;
	for (size_t i = 0; i < nt; i++)
		if (cohort[i] >= ncohorts || !isfinite(treated[i]))
			return;
	/* Each cohort with coached people once: its mean, then its people's differences. */
	for (size_t m = 0; m < ncohorts; m++) {
		size_t tm = 0;
		double c;
		for (size_t i = 0; i < nt; i++)
			tm += cohort[i] == m;
		if (!tm)
			continue;
		if (!cohort_part(&cohorts[m], tm, nt, &c, &s))
			return;
		for (size_t i = 0; i < nt; i++)
			if (cohort[i] == m)
				tsum += treated[i], csum += c, dsum += treated[i] - c;
	}
	double n = (double)nt, dmean = dsum / n;
	for (size_t m = 0; m < ncohorts; m++) {
		double c = 0, v;
		bool used = false;
		for (size_t i = 0; i < nt; i++)
			if (cohort[i] == m) {
				if (!used)
					mean_var(cohorts[m].control, cohorts[m].n, &c, &v),
					        used = true;
				dsq += (treated[i] - c - dmean) * (treated[i] - c - dmean);
			}
	}
	double a = dsq / (n - 1) / n, var = a + s.var;
	out->treated_change = tsum / n, out->control_change = csum / n;
	out->effect = dmean;
	out->df = var > 0 ? var * var / (a * a / (n - 1) + s.den) : n - 1 + s.fallback;
	double half = sqrt(var) * calc_t975(out->df);
	out->low = out->effect - half, out->high = out->effect + half;
	out->enough = true;
}
