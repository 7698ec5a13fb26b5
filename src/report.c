/*
 * report.c - aggregates for executives (see report.h).
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "settings.h"

struct prog_fig {
	int64_t id;
	int64_t *coachees; /* distinct persons of active assignments */
	size_t ncoachees, cap;
	long sessions, minutes, feedback_sum, feedback_n;
};

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Index of id in the ascending list, or -1. */
static long find_id(const struct record_list *l, int64_t id)
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

static size_t distinct(int64_t *v, size_t n)
{
	size_t k = 0;
	qsort(v, n, sizeof(*v), cmp_i64);
	for (size_t i = 0; i < n; i++)
		if (k == 0 || v[k - 1] != v[i])
			v[k++] = v[i];
	return k;
}

static json_t *figures(long coachees, long sessions, long minutes, long fsum, long fn)
{
	return json_pack("{s:i,s:i,s:f,s:o}", "coachees", (int)coachees, "sessions_held",
	                 (int)sessions, "hours_held", minutes / 60.0, "mean_feedback",
	                 fn ? json_real((double)fsum / (double)fn) : json_null());
}

enum sc_result report_programmes(struct domain *d, json_t **out, struct sc_error *err)
{
	const struct entity_def *pdef = entity_get(E_PROGRAMME), *tdef = entity_get(E_TEAM),
	                        *adef = entity_get(E_ASSIGNMENT), *sdef = entity_get(E_SESSION);
	struct record_list progs = { 0 }, teams = { 0 }, asgs = { 0 }, sessions = { 0 };
	struct list_opts all = { NULL, 0, FILTER_ID, false, 0, 0 };
	struct prog_fig *fig = NULL;
	char kbuf[16], from[TU_DATE_LEN], from_at[TU_INSTANT_LEN];
	enum sc_result rc;
	int64_t *everyone = NULL;
	size_t neveryone = 0;

	*out = NULL;
	if (d->actor.person_id && !(d->actor.roles & (ROLE_ADMIN | ROLE_EXECUTIVE | ROLE_MANAGER)))
		return sc_fail(err, SC_FORBIDDEN, NULL,
		               "the programme report is for administrators, executives and "
		               "managers");
	if ((rc = settings_get(d->store, d->org, "k", kbuf, sizeof(kbuf), err)))
		return rc;
	long k = strtol(kbuf, NULL, 10);
	tu_date_add(d->today, -REPORT_WINDOW_DAYS, from);
	snprintf(from_at, sizeof(from_at), "%sT00:00:00Z", from);
	struct filter sf[2] = { { entity_field(sdef, "status"), FO_EQ, 0, 0, "held" },
		                { entity_field(sdef, "at"), FO_GE, 0, 0, from_at } };
	struct list_opts slo = { sf, 2, FILTER_ID, false, 0, 0 };
	if ((rc = store_list(d->store, d->org, pdef, &all, &progs, err)) ||
	    (rc = store_list(d->store, d->org, tdef, &all, &teams, err)) ||
	    (rc = store_list(d->store, d->org, adef, &all, &asgs, err)) ||
	    (rc = store_list(d->store, d->org, sdef, &slo, &sessions, err)))
		goto out;
	fig = calloc(progs.n ? progs.n : 1, sizeof(*fig));
	everyone = calloc(asgs.n ? asgs.n : 1, sizeof(*everyone));
	if (!fig || !everyone) {
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < asgs.n; i++) {
		const struct record *a = asgs.items[i];
		long p = find_id(&progs, record_int(a, "programme"));
		if (p < 0 || strcmp(record_text(a, "status"), "active") != 0)
			continue;
		struct prog_fig *f = &fig[p];
		if (f->ncoachees == f->cap) {
			size_t cap = f->cap ? 2 * f->cap : 16;
			int64_t *v = realloc(f->coachees, cap * sizeof(*v));
			if (!v) {
				rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
				goto out;
			}
			f->coachees = v;
			f->cap = cap;
		}
		f->coachees[f->ncoachees++] = record_int(a, "coachee");
	}
	for (size_t i = 0; i < sessions.n; i++) {
		const struct record *s = sessions.items[i];
		long a = find_id(&asgs, record_int(s, "assignment"));
		long p = a < 0 ? -1 : find_id(&progs, record_int(asgs.items[a], "programme"));
		if (p < 0)
			continue;
		fig[p].sessions++;
		fig[p].minutes += (long)record_int(s, "minutes");
		if (record_is_set(s, "feedback")) {
			fig[p].feedback_sum += (long)record_int(s, "feedback");
			fig[p].feedback_n++;
		}
	}
	json_t *list = json_array();
	long ts = 0, tm = 0, tfs = 0, tfn = 0;
	for (size_t p = 0; p < progs.n; p++) {
		const struct record *r = progs.items[p];
		struct prog_fig *f = &fig[p];
		long t = find_id(&teams, record_int(r, "team"));
		f->ncoachees = distinct(f->coachees, f->ncoachees);
		json_t *o = json_pack(
		        "{s:I,s:s,s:{s:I,s:s},s:s,s:s}", "id", (json_int_t)r->id, "model",
		        record_text(r, "model"), "team", "id", (json_int_t)record_int(r, "team"),
		        "name", t >= 0 ? record_text(teams.items[t], "name") : "", "starts_on",
		        record_text(r, "starts_on"), "ends_on", record_text(r, "ends_on"));
		if ((long)f->ncoachees < k) {
			json_object_set_new(o, "suppressed", json_true());
		} else {
			json_object_set_new(o, "suppressed", json_false());
			json_t *fg = figures((long)f->ncoachees, f->sessions, f->minutes,
			                     f->feedback_sum, f->feedback_n);
			json_object_update(o, fg);
			json_decref(fg);
			memcpy(everyone + neveryone, f->coachees, f->ncoachees * sizeof(*everyone));
			neveryone += f->ncoachees;
			ts += f->sessions;
			tm += f->minutes;
			tfs += f->feedback_sum;
			tfn += f->feedback_n;
		}
		json_array_append_new(list, o);
	}
	neveryone = distinct(everyone, neveryone);
	*out = json_pack("{s:i,s:i,s:s,s:s,s:o,s:o}", "k", (int)k, "window_days",
	                 REPORT_WINDOW_DAYS, "from", from, "to", d->today, "programmes", list,
	                 "total", figures((long)neveryone, ts, tm, tfs, tfn));
	if (!*out)
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
out:
	for (size_t p = 0; fig && p < progs.n; p++)
		free(fig[p].coachees);
	free(fig);
	free(everyone);
	record_list_release(&progs);
	record_list_release(&teams);
	record_list_release(&asgs);
	record_list_release(&sessions);
	return rc;
}
