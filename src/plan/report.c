/*
 * report.c - aggregates for executives (see report.h).
 */
#include "plan/report.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/settings.h"
#include "plan/report_int.h"

struct prog_fig {
	struct id_list coachees; /* persons of active assignments */
	struct id_list givers;   /* persons who gave feedback on a session of the window */
	long sessions, minutes, feedback_sum, feedback_n;
};

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

long report_find(const struct record_list *l, int64_t id)
{
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (l->items[mid]->id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->n && l->items[lo]->id == id ? (long)lo : -1;
}

bool report_id_push(struct id_list *l, int64_t id)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		int64_t *v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return false;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = id;
	return true;
}

bool report_id_append(struct id_list *to, const struct id_list *from)
{
	for (size_t i = 0; i < from->n; i++)
		if (!report_id_push(to, from->v[i]))
			return false;
	return true;
}

size_t report_id_distinct(struct id_list *l)
{
	size_t k = 0;
	if (l->n)
		qsort(l->v, l->n, sizeof(*l->v), cmp_i64);
	for (size_t i = 0; i < l->n; i++)
		if (k == 0 || l->v[k - 1] != l->v[i])
			l->v[k++] = l->v[i];
	return l->n = k;
}

long report_round(long n, long step)
{
	return (n + step / 2) / step * step;
}

json_t *report_tenths(long sum, long n)
{
	/* Tenths, halves up: floor(10 * sum / n + 1/2), in integers. */
	long tenths = (20 * sum + n) / (2 * n);
	return json_real((double)tenths / 10.0);
}

/*
 * The figures of a group of coachees (at least k of them, or none), rounded
 * as report.h says. givers is the number of distinct people behind the
 * feedback: below k, the mean is not shown.
 */
static json_t *figures(long coachees, long sessions, long minutes, long fsum, long fn, long givers,
                       long k)
{
	long shown = report_round(coachees, REPORT_COACHEES_STEP);
	json_t *mean = json_null();

	if (coachees >= k && shown < k)
		shown = k;
	if (fn > 0 && givers >= k) {
		mean = report_tenths(fsum, fn);
	}
	return json_pack("{s:i,s:i,s:f,s:o}", "coachees", (int)shown, "sessions_held",
	                 (int)report_round(sessions, REPORT_SESSIONS_STEP), "hours_held",
	                 (double)(report_round(minutes, REPORT_HOURS_STEP * 60) / 60),
	                 "mean_feedback", mean);
}

/*
 * What the report reads: every programme, team and assignment, and the
 * sessions held in the window summed per programme and coachee (SQ_PROGRAMME_HELD).
 */
struct report_data {
	struct record_list progs, teams, asgs;
	struct qrows held;
	struct prog_fig *fig; /* one per programme */
	char from[TU_DATE_LEN];
	long k;
};

static enum sc_result report_load(struct domain *d, struct report_data *r, struct sc_error *err)
{
	struct list_opts all = { NULL, 0, FILTER_ID, false, 0, 0 };
	char kbuf[16], from_at[TU_INSTANT_LEN];
	enum sc_result rc;

	if ((rc = settings_get(d->store, d->org, "k", kbuf, sizeof(kbuf), err)))
		return rc;
	r->k = strtol(kbuf, NULL, 10);
	tu_date_add(d->today, -REPORT_WINDOW_DAYS, r->from);
	snprintf(from_at, sizeof(from_at), "%sT00:00:00Z", r->from);
	struct qparam p[1] = { { 0, from_at } };
	if ((rc = store_list(d->store, d->org, entity_get(E_PROGRAMME), &all, &r->progs, err)) ||
	    (rc = store_list(d->store, d->org, entity_get(E_TEAM), &all, &r->teams, err)) ||
	    (rc = store_list(d->store, d->org, entity_get(E_ASSIGNMENT), &all, &r->asgs, err)) ||
	    (rc = store_query(d->store, d->org, SQ_PROGRAMME_HELD, p, 1, &r->held, err)))
		return rc;
	r->fig = calloc(r->progs.n ? r->progs.n : 1, sizeof(*r->fig));
	return r->fig ? SC_OK : sc_fail(err, SC_NOMEM, NULL, "out of memory");
}

/* Count each programme's active coachees and its held sessions, minutes and feedback. */
static bool report_tally(struct report_data *r)
{
	for (size_t i = 0; i < r->asgs.n; i++) {
		const struct record *a = r->asgs.items[i];
		long p = report_find(&r->progs, record_int(a, "programme"));
		if (p >= 0 && strcmp(record_text(a, "status"), "active") == 0 &&
		    !report_id_push(&r->fig[p].coachees, record_int(a, "coachee")))
			return false;
	}
	/* A row: one coachee's held sessions in one programme; the coachee gave feedback when
	 * any of them has a score. */
	for (size_t i = 0; i < r->held.nrows; i++) {
		const struct qrows *h = &r->held;
		long p = report_find(&r->progs, qrows_int(h, i, 0));
		if (p < 0)
			continue;
		r->fig[p].sessions += (long)qrows_int(h, i, 2);
		r->fig[p].minutes += qrows_null(h, i, 3) ? 0 : (long)qrows_int(h, i, 3);
		if (qrows_int(h, i, 5) == 0)
			continue;
		r->fig[p].feedback_sum += (long)qrows_int(h, i, 4);
		r->fig[p].feedback_n += (long)qrows_int(h, i, 5);
		if (!report_id_push(&r->fig[p].givers, qrows_int(h, i, 1)))
			return false;
	}
	return true;
}

/* One programme: its figures, or suppressed below k coachees. NULL on no memory. */
static json_t *programme_json(const struct report_data *r, size_t p)
{
	const struct record *prog = r->progs.items[p];
	struct prog_fig *f = &r->fig[p];
	long t = report_find(&r->teams, record_int(prog, "team"));
	long ncoachees = (long)report_id_distinct(&f->coachees);
	json_t *o = json_pack(
	        "{s:I,s:s,s:{s:I,s:s},s:s,s:s}", "id", (json_int_t)prog->id, "model",
	        record_text(prog, "model"), "team", "id", (json_int_t)record_int(prog, "team"),
	        "name", t >= 0 ? record_text(r->teams.items[t], "name") : "", "starts_on",
	        record_text(prog, "starts_on"), "ends_on", record_text(prog, "ends_on"));
	if (!o)
		return NULL;
	json_object_set_new(o, "suppressed", json_boolean(ncoachees < r->k));
	if (ncoachees >= r->k) {
		json_t *fg = figures(ncoachees, f->sessions, f->minutes, f->feedback_sum,
		                     f->feedback_n, (long)report_id_distinct(&f->givers), r->k);
		json_object_update(o, fg);
		json_decref(fg);
	}
	return o;
}

/* The whole report: every programme, and the total over those shown. NULL on no memory. */
static json_t *report_json(struct domain *d, struct report_data *r)
{
	struct id_list everyone = { 0 }, all_givers = { 0 };
	long ts = 0, tm = 0, tfs = 0, tfn = 0;
	json_t *list = json_array(), *out = NULL;
	bool ok = list != NULL;

	for (size_t p = 0; ok && p < r->progs.n; p++) {
		json_t *o = programme_json(r, p);
		struct prog_fig *f = &r->fig[p];
		ok = o && json_array_append_new(list, o) == 0;
		if (!ok || (long)report_id_distinct(&f->coachees) < r->k)
			continue;
		ok = report_id_append(&everyone, &f->coachees) &&
		     report_id_append(&all_givers, &f->givers);
		ts += f->sessions;
		tm += f->minutes;
		tfs += f->feedback_sum;
		tfn += f->feedback_n;
	}
	if (ok) {
		long neveryone = (long)report_id_distinct(&everyone);
		long ngivers = (long)report_id_distinct(&all_givers);
		out = json_pack("{s:i,s:i,s:s,s:s,s:{s:i,s:i,s:i,s:f},s:O,s:o}", "k", (int)r->k,
		                "window_days", REPORT_WINDOW_DAYS, "from", r->from, "to", d->today,
		                "rounding", "coachees", REPORT_COACHEES_STEP, "sessions_held",
		                REPORT_SESSIONS_STEP, "hours_held", REPORT_HOURS_STEP,
		                "mean_feedback", 0.1, "programmes", list, "total",
		                figures(neveryone, ts, tm, tfs, tfn, ngivers, r->k));
	}
	json_decref(list);
	free(everyone.v);
	free(all_givers.v);
	return out;
}

enum sc_result report_view(const struct domain *d, enum report_view *view, struct sc_error *err)
{
	*view = REPORT_VIEW_ACTIVITY;
	if (d->actor.person_id == 0 || (d->actor.roles & ROLE_ADMIN))
		return SC_OK;
	*view = REPORT_VIEW_AGGREGATE;
	if (d->actor.roles & (ROLE_EXECUTIVE | ROLE_MANAGER))
		return SC_OK;
	return sc_fail_msg(err, SC_FORBIDDEN, NULL, d->lang, "err.report.hidden", NULL);
}

enum sc_result report_programmes(struct domain *d, json_t **out, struct sc_error *err)
{
	struct report_data r = { 0 };
	enum report_view view;
	enum sc_result rc;

	*out = NULL;
	if ((rc = report_view(d, &view, err)))
		return rc;
	rc = report_load(d, &r, err);
	if (rc == SC_OK && (!report_tally(&r) || !(*out = report_json(d, &r))))
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	json_t *models = NULL;
	if (rc == SC_OK &&
	    (rc = report_models(d, &r.progs, &r.asgs, r.k, r.from, &models, err)) == SC_OK &&
	    json_object_update(*out, models))
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	json_decref(models);
	if (rc != SC_OK) {
		json_decref(*out);
		*out = NULL;
	}
	for (size_t p = 0; r.fig && p < r.progs.n; p++) {
		free(r.fig[p].coachees.v);
		free(r.fig[p].givers.v);
	}
	free(r.fig);
	record_list_release(&r.progs);
	record_list_release(&r.teams);
	record_list_release(&r.asgs);
	qrows_release(&r.held);
	return rc;
}
