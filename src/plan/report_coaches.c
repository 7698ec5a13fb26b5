/*
 * report_coaches.c - the coaches report (report.h, report_coaches): per
 * coach, the load against capacity per month, the cadence kept, the
 * coachees' session feedback on average and the impact of the coach's
 * relationships. It reads dates, statuses, durations, feedback scores,
 * parties and capacity only (SQ_COACH_LOAD), never content. It names
 * coaches, so only administrators read every coach, and a coach their own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "plan/report.h"
#include "plan/report_int.h"
#include "rules/rules.h"

/* The columns of SQ_COACH_LOAD. */
enum {
	CL_COACH,
	CL_PERSON,
	CL_NAME,
	CL_KIND,
	CL_CAPACITY,
	CL_ACTIVE,
	CL_ASG,
	CL_COACHEE,
	CL_STATUS,
	CL_PROGRAMME,
	CL_MODEL,
	CL_TEAM,
	CL_TARGET,
	CL_STARTS,
	CL_ENDS,
	CL_HELD
};

/* A coachee in a month of the range: the minutes held and the minutes the cadence asks. */
struct cmonth {
	int64_t coachee;
	size_t month;
	long minutes;
	double target;
};

/* A coachee's feedback on the held sessions of one relationship. */
struct cfeed {
	int64_t coachee;
	long sum, n;
};

/* What one coach's rows add up to. */
struct coach_fig {
	struct id_list *coachees; /* one per month: the people coached */
	struct cmonth *cm;
	size_t ncm, capcm;
	struct cfeed *fb;
	size_t nfb, capfb;
	bool listed; /* a relationship of the coach within the filters meets the range */
	bool began;  /* one of them began in the range: the impact has something to weigh */
};

struct coaches {
	struct domain *d;
	const struct report_opts *o;
	struct report_range rg;
	size_t complete;           /* the months of the range that are over: the cadence's */
	long *minutes;             /* per month: the minutes held in one relationship */
	char (*last)[TU_DATE_LEN]; /* per month: its last day */
	long *day;                 /* nmonths + 1: each month's first day as a day number */
	char (*ym)[8];             /* per month: YYYY-MM */
	struct impact_data *impact;
	json_t *list;
};

/* What the impact of one coach keeps: the coach's relationships within the filters. */
struct impact_keep {
	int64_t coach;
	const struct report_opts *o;
};

static bool keep_coach(const struct impact_asg *a, const void *arg)
{
	const struct impact_keep *k = arg;
	return a->coach == k->coach &&
	       !report_filtered_out(k->o, rules_models()[a->model], a->team, a->programme);
}

/*
 * The impact of the relationships with the coach that began in the range
 * (none when none of the coach's began in it: nothing to weigh); NULL
 * without memory.
 */
static json_t *impact_json(const struct coaches *cs, int64_t coach, bool began)
{
	struct impact_keep k = { coach, cs->o };
	struct report_impact im = { 0 };
	struct sc_error err;
	sc_error_init(&err);
	if (began && report_impact_of(cs->impact, keep_coach, &k, &im, &err) != SC_OK)
		return NULL;
	json_t *o = report_impact_json(&im);
	report_impact_release(&im);
	return o;
}

static bool grow(void **v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return true;
	size_t c = *cap ? 2 * *cap : 16;
	void *p = realloc(*v, c * size);
	if (!p)
		return false;
	*v = p;
	*cap = c;
	return true;
}

/*
 * The held sessions of "instants;codes" (code = minutes * 8 + feedback; all
 * in the range, as the query reads them): their minutes added to minutes[]
 * per month, their feedback to fb.
 */
static void held_in(const struct report_range *rg, const char *held, long *minutes,
                    struct cfeed *fb)
{
	struct report_held it;
	long month, code;
	report_held_open(&it, held);
	while (report_held_next(rg, &it, &month, &code)) {
		long f = code % 8;
		if (month >= 0)
			minutes[month] += code / 8;
		if (f >= 1 && f <= 5) {
			fb->sum += f;
			fb->n++;
		}
	}
}

/* An assignment's span: its first and last day, as text and as day numbers. */
struct span {
	const char *starts, *ends;
	long first, last;
};

/*
 * Month m of an assignment running over span sp: the target of the cadence
 * in minutes, the programme's hours a month pro-rated for the days of the
 * month it ran (as the rule below-cadence judges a month); 0 when it did
 * not run in the month.
 */
static double month_target(const struct coaches *cs, size_t m, const struct span *sp, double hours)
{
	long lo = strcmp(sp->starts, cs->rg.first[m]) > 0 ? sp->first : cs->day[m];
	long hi = strcmp(sp->ends, cs->last[m]) < 0 ? sp->last : cs->day[m + 1] - 1;
	long days = hi - lo + 1, mdays = cs->day[m + 1] - cs->day[m];
	return days <= 0 ? 0 : hours * 60.0 * (double)days / (double)mdays;
}

/*
 * The months' names, last days and day numbers (month_target), once per
 * report rather than once per coach or relationship. false: no memory.
 */
static bool month_days(struct coaches *cs)
{
	const struct report_range *rg = &cs->rg;
	cs->last = calloc(rg->nmonths, sizeof(*cs->last));
	cs->day = calloc(rg->nmonths + 1, sizeof(*cs->day));
	cs->ym = calloc(rg->nmonths, sizeof(*cs->ym));
	if (!cs->last || !cs->day || !cs->ym)
		return false;
	for (size_t m = 0; m <= rg->nmonths; m++) {
		cs->day[m] = tu_date_to_days(rg->first[m]);
		if (m == rg->nmonths)
			break;
		tu_date_add(rg->first[m + 1], -1, cs->last[m]);
		report_month_text(report_month_number(rg->from) + (int)m, cs->ym[m]);
	}
	return true;
}

/* One assignment row of the coach: its coachee per month, the cadence's minutes, the feedback. */
static bool tally(struct coaches *cs, struct coach_fig *f, const struct qrows *q, size_t r)
{
	const struct report_range *rg = &cs->rg;
	const char *model = qrows_text(q, r, CL_MODEL);
	if (report_model_of(model) < 0 ||
	    report_filtered_out(cs->o, model, qrows_int(q, r, CL_TEAM),
	                        qrows_int(q, r, CL_PROGRAMME)))
		return true;
	f->listed = true;
	f->began = f->began || strcmp(qrows_text(q, r, CL_STARTS), rg->first[0]) >= 0;
	int64_t who = qrows_int(q, r, CL_COACHEE);
	const char *held = qrows_null(q, r, CL_HELD) ? NULL : qrows_text(q, r, CL_HELD);
	/* Feedback: every held session of the range, of a paused relationship too. */
	if (!grow((void **)&f->fb, &f->capfb, f->nfb, sizeof(*f->fb)))
		return false;
	struct cfeed *fb = &f->fb[f->nfb];
	*fb = (struct cfeed){ who, 0, 0 };
	memset(cs->minutes, 0, rg->nmonths * sizeof(*cs->minutes));
	held_in(rg, held, cs->minutes, fb);
	f->nfb += fb->n > 0;
	if (!strcmp(qrows_text(q, r, CL_STATUS), "paused"))
		return true;
	const char *starts = qrows_text(q, r, CL_STARTS), *ends = qrows_text(q, r, CL_ENDS);
	struct span sp = { starts, ends, tu_date_to_days(starts), tu_date_to_days(ends) };
	for (size_t m = 0; m < rg->nmonths; m++) {
		if (strcmp(starts, rg->first[m + 1]) >= 0 || strcmp(ends, rg->first[m]) < 0)
			continue;
		if (!report_id_push(&f->coachees[m], who))
			return false;
		if (m >= cs->complete)
			continue;
		if (!grow((void **)&f->cm, &f->capcm, f->ncm, sizeof(*f->cm)))
			return false;
		f->cm[f->ncm++] =
		        (struct cmonth){ who, m, cs->minutes[m],
			                 month_target(cs, m, &sp, qrows_real(q, r, CL_TARGET)) };
	}
	return true;
}

static int cmp_cmonth(const void *a, const void *b)
{
	const struct cmonth *x = a, *y = b;
	if (x->coachee != y->coachee)
		return x->coachee < y->coachee ? -1 : 1;
	return (x->month > y->month) - (x->month < y->month);
}

static int cmp_cfeed(const void *a, const void *b)
{
	const struct cfeed *x = a, *y = b;
	return (x->coachee > y->coachee) - (x->coachee < y->coachee);
}

/*
 * Cadence: of the coachee-months (a coachee's relationships with the coach
 * in a month taken together: their minutes and targets summed), those whose
 * held minutes reached the target.
 */
static json_t *cadence_json(struct coach_fig *f)
{
	long kept = 0, months = 0;
	if (f->ncm)
		qsort(f->cm, f->ncm, sizeof(*f->cm), cmp_cmonth);
	for (size_t i = 0; i < f->ncm;) {
		long minutes = 0;
		double target = 0;
		size_t j = i;
		for (; j < f->ncm && f->cm[j].coachee == f->cm[i].coachee &&
		       f->cm[j].month == f->cm[i].month;
		     j++) {
			minutes += f->cm[j].minutes;
			target += f->cm[j].target;
		}
		months++;
		kept += (double)minutes >= target - CALC_EPSILON;
		i = j;
	}
	return json_pack("{s:I,s:I,s:o}", "kept", (json_int_t)kept, "coachee_months",
	                 (json_int_t)months, "pct",
	                 months ? report_tenths(100 * kept, months) : json_null());
}

/*
 * Feedback: each coachee's mean over their rated sessions, then the mean
 * over the coachees (each weighs the same), to one decimal; null when fewer
 * than k coachees gave feedback.
 */
static json_t *feedback_json(struct coach_fig *f, long k)
{
	long people = 0;
	double sum = 0;
	if (f->nfb)
		qsort(f->fb, f->nfb, sizeof(*f->fb), cmp_cfeed);
	for (size_t i = 0; i < f->nfb;) {
		long s = 0, n = 0;
		size_t j = i;
		for (; j < f->nfb && f->fb[j].coachee == f->fb[i].coachee; j++) {
			s += f->fb[j].sum;
			n += f->fb[j].n;
		}
		people++;
		sum += (double)s / (double)n;
		i = j;
	}
	json_t *mean = json_null();
	if (people > 0 && people >= k)
		mean = json_real((double)(long)(sum / (double)people * 10.0 + 0.5) / 10.0);
	return json_pack("{s:I,s:o}", "people", (json_int_t)people, "mean", mean);
}

static json_t *months_json(struct coaches *cs, struct coach_fig *f, long capacity)
{
	json_t *months = json_array();
	for (size_t m = 0; months && m < cs->rg.nmonths; m++) {
		long n = (long)report_id_distinct(&f->coachees[m]);
		json_t *mo =
		        json_pack("{s:s,s:I,s:I,s:o}", "month", cs->ym[m], "coachees",
		                  (json_int_t)n, "capacity", (json_int_t)capacity, "load_pct",
		                  capacity > 0 ? report_tenths(100 * n, capacity) : json_null());
		if (!mo || json_array_append_new(months, mo)) {
			json_decref(months);
			return NULL;
		}
	}
	return months;
}

/* Whether the coach is listed without a relationship in the range: active, of the model. */
static bool listed_idle(const struct coaches *cs, const struct qrows *q, size_t r)
{
	return !cs->o->team && !cs->o->programme && qrows_int(q, r, CL_ACTIVE) &&
	       (!cs->o->model || !strcmp(cs->o->model, qrows_text(q, r, CL_KIND)));
}

/* The coach of rows [r0, r1) as one entry of the list (or none, when not listed). */
static bool coach_entry(struct coaches *cs, const struct qrows *q, size_t r0, size_t r1)
{
	struct coach_fig f = { .coachees = calloc(cs->rg.nmonths, sizeof(struct id_list)) };
	bool ok = f.coachees != NULL;
	for (size_t r = r0; r < r1 && ok; r++)
		if (!qrows_null(q, r, CL_ASG))
			ok = tally(cs, &f, q, r);
	if (ok && (f.listed || listed_idle(cs, q, r0))) {
		long capacity = (long)qrows_int(q, r0, CL_CAPACITY);
		json_t *e = json_pack(
		        "{s:{s:I,s:{s:I,s:s},s:s,s:b},s:o,s:o,s:o,s:o}", "coach", "id",
		        (json_int_t)qrows_int(q, r0, CL_COACH), "person", "id",
		        (json_int_t)qrows_int(q, r0, CL_PERSON), "name", qrows_text(q, r0, CL_NAME),
		        "kind", qrows_text(q, r0, CL_KIND), "active",
		        (int)qrows_int(q, r0, CL_ACTIVE), "months", months_json(cs, &f, capacity),
		        "cadence", cadence_json(&f), "feedback", feedback_json(&f, cs->rg.k),
		        "impact", impact_json(cs, qrows_int(q, r0, CL_COACH), f.began));
		ok = e && json_array_append_new(cs->list, e) == 0;
	}
	for (size_t m = 0; f.coachees && m < cs->rg.nmonths; m++)
		free(f.coachees[m].v);
	free(f.coachees);
	free(f.cm);
	free(f.fb);
	return ok;
}

static enum sc_result coaches_load(struct coaches *cs, int64_t person, struct sc_error *err)
{
	const struct report_range *rg = &cs->rg;
	struct qrows q = { 0 };
	enum sc_result rc;
	struct qparam p[5] = { { 0, rg->first[0] },
		               { 0, rg->last },
		               { 0, rg->starts[0] },
		               { 0, rg->starts[rg->nmonths] },
		               { person, NULL } };
	if ((rc = store_query(cs->d->store, cs->d->org, SQ_COACH_LOAD, p, 5, &q, err)))
		return rc;
	for (size_t r0 = 0, r1; r0 < q.nrows && rc == SC_OK; r0 = r1) {
		for (r1 = r0 + 1;
		     r1 < q.nrows && qrows_int(&q, r1, CL_COACH) == qrows_int(&q, r0, CL_COACH);
		     r1++)
			;
		if (!coach_entry(cs, &q, r0, r1))
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	qrows_release(&q);
	return rc;
}

enum sc_result report_coaches(struct domain *d, const struct report_opts *o, json_t **out,
                              struct sc_error *err)
{
	struct coaches cs = { .d = d, .o = o };
	int64_t person = 0;
	enum sc_result rc;

	*out = NULL;
	if (d->actor.person_id != 0 && !(d->actor.roles & ROLE_ADMIN)) {
		if (!(d->actor.roles & ROLE_COACH))
			return sc_fail_msg(err, SC_FORBIDDEN, NULL, d->lang,
			                   "err.report.coaches.hidden", NULL);
		person = d->actor.person_id;
	}
	if ((rc = report_range_open(d, o, &cs.rg, err))) {
		report_range_close(&cs.rg);
		return rc;
	}
	while (cs.complete < cs.rg.nmonths && strcmp(cs.rg.first[cs.complete + 1], d->today) <= 0)
		cs.complete++;
	if (!(cs.list = json_array()) || !(cs.minutes = calloc(cs.rg.nmonths, sizeof(long))) ||
	    !month_days(&cs))
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	if (rc == SC_OK && (rc = report_impact_load(d, &cs.rg, &cs.impact, err)) == SC_OK &&
	    (rc = coaches_load(&cs, person, err)) == SC_OK &&
	    !(*out = json_pack("{s:i,s:s,s:s,s:o,s:O}", "k", (int)cs.rg.k, "from", cs.rg.from, "to",
	                       cs.rg.to, "filters", report_filters_json(o), "coaches", cs.list)))
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	json_decref(cs.list);
	free(cs.minutes);
	free(cs.last);
	free(cs.day);
	free(cs.ym);
	report_impact_free(cs.impact);
	report_range_close(&cs.rg);
	return rc;
}
