/*
 * report_hours.c - the hours report (report.h, report_hours): per month and
 * programme, the people coached, the hours of their held sessions, and how
 * many of them reached the programme's target. It reads dates, statuses,
 * durations and the parties of assignments only (SQ_HOURS), never content,
 * and names no one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "plan/report.h"
#include "plan/report_int.h"
#include "rules/rules.h"

/* A person coached in a month: the minutes held with them, and whether they reach the target. */
struct hentry {
	int64_t person;
	long minutes;
	bool on;
};

struct hlist {
	struct hentry *v;
	size_t n, cap;
};

/* One programme: its people per month, and the figures of the month being written. */
struct hprog {
	int64_t id, team;
	int model; /* index in rules_models() */
	char *team_name;
	double target;       /* hours per coachee per month */
	struct hlist *month; /* one per month */
	long ncoached, minutes, on;
	bool kept; /* the filters keep it */
};

struct hours {
	const struct report_opts *o;
	struct report_range rg;
	struct hprog *p; /* ascending by id */
	size_t np, capp;
	long *held;               /* nmonths: the minutes of the assignment being read */
	struct report_group *rgs; /* np: the programmes of the month being written */
};

static bool push(struct hlist *l, int64_t person, long minutes, bool on)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		struct hentry *v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return false;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (struct hentry){ person, minutes, on };
	return true;
}

static int by_person(const void *a, const void *b)
{
	int64_t x = ((const struct hentry *)a)->person, y = ((const struct hentry *)b)->person;
	return (x > y) - (x < y);
}

/* One entry per person: their minutes summed, on target only when every entry of theirs is. */
static void merge(struct hlist *l)
{
	size_t n = 0;
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), by_person);
	for (size_t i = 0; i < l->n; i++) {
		if (n > 0 && l->v[n - 1].person == l->v[i].person) {
			l->v[n - 1].minutes += l->v[i].minutes;
			l->v[n - 1].on = l->v[n - 1].on && l->v[i].on;
		} else {
			l->v[n++] = l->v[i];
		}
	}
	l->n = n;
}

/* The programme of this id, added when new. NULL: no memory. */
static struct hprog *prog_of(struct hours *h, const struct qrows *q, size_t r, int model)
{
	int64_t id = qrows_int(q, r, 1);
	size_t lo = 0, hi = h->np;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (h->p[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < h->np && h->p[lo].id == id)
		return &h->p[lo];
	if (h->np == h->capp) {
		size_t cap = h->capp ? 2 * h->capp : 16;
		struct hprog *p = realloc(h->p, cap * sizeof(*p));
		if (!p)
			return NULL;
		h->p = p;
		h->capp = cap;
	}
	const char *name = qrows_text(q, r, 4);
	struct hprog n = { .id = id,
		           .team = qrows_int(q, r, 3),
		           .model = model,
		           .team_name = strdup(name ? name : ""),
		           .target = qrows_real(q, r, 8),
		           .month = calloc(h->rg.nmonths, sizeof(struct hlist)),
		           .kept = !report_filtered_out(h->o, rules_models()[model],
		                                        qrows_int(q, r, 3), id) };
	if (!n.team_name || !n.month) {
		free(n.team_name);
		free(n.month);
		return NULL;
	}
	memmove(&h->p[lo + 1], &h->p[lo], (h->np - lo) * sizeof(*h->p));
	h->p[lo] = n;
	h->np++;
	return &h->p[lo];
}

/* The minutes of the held sessions ("instants;minutes", SQ_HOURS) into h->held, per month. */
static void held_minutes(struct hours *h, const char *held)
{
	struct report_held it;
	long month, minutes;
	memset(h->held, 0, h->rg.nmonths * sizeof(*h->held));
	report_held_open(&it, held);
	while (report_held_next(&h->rg, &it, &month, &minutes))
		if (month >= 0)
			h->held[month] += minutes;
}

/* One assignment: its coachee coached in each month its span meets, with the minutes held then. */
static bool tally_row(struct hours *h, const struct qrows *q, size_t r)
{
	const struct report_range *rg = &h->rg;
	int model = report_model_of(qrows_text(q, r, 2));
	if (model < 0)
		return true;
	/* Every programme, also those the filters leave out: they decide what is hidden. */
	struct hprog *p = prog_of(h, q, r, model);
	if (!p)
		return false;
	const char *starts = qrows_text(q, r, 6), *ends = qrows_text(q, r, 7);
	held_minutes(h, qrows_null(q, r, 9) ? NULL : qrows_text(q, r, 9));
	for (size_t m = 0; m < rg->nmonths; m++) {
		/* The span meets the month: it starts before the next month and ends in or after
		 * it. */
		if (strcmp(starts, rg->first[m + 1]) >= 0 || strcmp(ends, rg->first[m]) < 0)
			continue;
		if (!push(&p->month[m], qrows_int(q, r, 5), h->held[m], false))
			return false;
	}
	return true;
}

static enum sc_result hours_load(struct domain *d, struct hours *h, struct sc_error *err)
{
	const struct report_range *rg = &h->rg;
	struct qrows q = { 0 };
	enum sc_result rc;
	struct qparam p[4] = { { 0, rg->first[0] },
		               { 0, rg->last },
		               { 0, rg->starts[0] },
		               { 0, rg->starts[rg->nmonths] } };
	if (!(h->held = calloc(rg->nmonths, sizeof(*h->held))))
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	if ((rc = store_query(d->store, d->org, SQ_HOURS, p, 4, &q, err)))
		return rc;
	for (size_t r = 0; r < q.nrows && rc == SC_OK; r++)
		if (!tally_row(h, &q, r))
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	qrows_release(&q);
	return rc;
}

/* The figures of people: coached, hours, per coachee, on target; or suppressed. */
static json_t *figures_json(json_t *o, long coached, long minutes, long on, bool hidden)
{
	if (!o)
		return NULL;
	json_object_set_new_nocheck(o, "suppressed", json_boolean(hidden));
	if (!hidden) {
		json_object_set_new_nocheck(o, "coached", json_integer(coached));
		json_object_set_new_nocheck(o, "hours", report_tenths(minutes, 60));
		json_object_set_new_nocheck(o, "hours_per_coachee",
		                            report_tenths(minutes, 60 * coached));
		json_object_set_new_nocheck(o, "on_target", json_integer(on));
		json_object_set_new_nocheck(o, "on_target_pct", report_tenths(100 * on, coached));
	}
	return o;
}

/*
 * Month m's people of p merged and counted against its target, added to all
 * (the kept programmes' people, for the total) when p is kept. false: no memory.
 */
static bool count_month(struct hprog *p, size_t m, struct hlist *all)
{
	struct hlist *l = &p->month[m];
	merge(l);
	p->ncoached = (long)l->n;
	p->minutes = p->on = 0;
	for (size_t i = 0; i < l->n; i++) {
		l->v[i].on = (double)l->v[i].minutes >= p->target * 60.0 - 1e-9;
		p->minutes += l->v[i].minutes;
		p->on += l->v[i].on;
		if (p->kept && !push(all, l->v[i].person, l->v[i].minutes, l->v[i].on))
			return false;
	}
	return true;
}

/*
 * Month m: the programmes the filters keep that have someone coached,
 * hidden or shown as report_suppress decides on every programme (as
 * coverage's month_json), and their total.
 */
static json_t *month_json(void *ctx, size_t m)
{
	struct hours *h = ctx;
	struct hlist all = { 0 };
	bool ok = true, total_shown = false;
	json_t *progs = json_array(), *out = NULL;

	for (size_t i = 0; i < h->np && ok; i++) {
		struct hprog *p = &h->p[i];
		ok = count_month(p, m, &all);
		h->rgs[i] = (struct report_group){ p->month[m].n ? &p->month[m].v[0].person : NULL,
			                           p->month[m].n, sizeof(struct hentry), p->kept,
			                           false };
	}
	ok = ok && report_suppress(h->rgs, h->np, h->rg.k, &total_shown);
	for (size_t i = 0; i < h->np && ok && progs; i++) {
		const struct hprog *p = &h->p[i];
		if (!p->kept || p->ncoached == 0)
			continue;
		json_t *o = report_programme_json("id", p->id, rules_models()[p->model], p->team,
		                                  p->team_name);
		if (o && json_object_set_new_nocheck(o, "target", json_real(p->target))) {
			json_decref(o);
			o = NULL;
		}
		ok = json_array_append_new(progs, figures_json(o, p->ncoached, p->minutes, p->on,
		                                               h->rgs[i].hidden)) == 0;
	}
	merge(&all);
	long ntotal = (long)all.n, minutes = 0, on = 0;
	for (size_t i = 0; i < all.n; i++) {
		minutes += all.v[i].minutes;
		on += all.v[i].on;
	}
	char ym[8];
	report_month_text(report_month_number(h->rg.from) + (int)m, ym);
	if (ok && progs)
		out = json_pack("{s:s,s:b,s:O,s:o}", "month", ym, "partial", !strcmp(ym, h->rg.now),
		                "programmes", progs, "total",
		                figures_json(json_object(), ntotal, minutes, on, !total_shown));
	json_decref(progs);
	free(all.v);
	return out;
}

static json_t *hours_json(struct hours *h)
{
	return report_months_json(&h->rg, h->o, month_json, h);
}

enum sc_result report_hours(struct domain *d, const struct report_opts *o, json_t **out,
                            struct sc_error *err)
{
	struct hours h = { .o = o };
	enum report_view view;
	enum sc_result rc;

	*out = NULL;
	if ((rc = report_view(d, &view, err)) || (rc = report_range_open(d, o, &h.rg, err))) {
		report_range_close(&h.rg);
		return rc;
	}
	if ((rc = hours_load(d, &h, err)) == SC_OK &&
	    (!(h.rgs = calloc(h.np ? h.np : 1, sizeof(*h.rgs))) || !(*out = hours_json(&h))))
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	for (size_t i = 0; i < h.np; i++) {
		for (size_t m = 0; m < h.rg.nmonths; m++)
			free(h.p[i].month[m].v);
		free(h.p[i].month);
		free(h.p[i].team_name);
	}
	free(h.p);
	free(h.held);
	free(h.rgs);
	report_range_close(&h.rg);
	return rc;
}
