/*
 * report_coverage.c - the coverage report (report.h, report_coverage): per
 * month and programme (its coaching model and team), how many people were
 * coached and how many of them had a session held in the month. It reads dates, statuses
 * and the parties of assignments only (SQ_COVERAGE), never content, and
 * names no one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "domain/settings.h"
#include "plan/report.h"
#include "plan/report_int.h"
#include "rules/rules.h"

_Static_assert(REPORT_MAX_MONTHS <= 64, "a month of the range is a bit of a uint64_t");

/* One programme: the people coached and those with a held session, per month. */
struct cgroup {
	int model; /* index in rules_models() */
	int64_t team, programme;
	char *team_name;
	struct id_list *coached, *with; /* one per month */
	bool kept;                      /* the filters keep it */
};

struct coverage {
	const struct report_opts *o;
	struct report_range rg;
	struct cgroup *g;
	size_t ng, capg;
	struct report_group *rgs; /* ng: the groups of the month being written */
};

/* Whether group g comes before model, team and programme. */
static bool before(const struct cgroup *g, int model, int64_t team, int64_t programme)
{
	if (g->model != model)
		return g->model < model;
	return g->team != team ? g->team < team : g->programme < programme;
}

/*
 * The group of the programme, added when new (kept ordered by model, team,
 * programme). NULL: no memory.
 */
static struct cgroup *group_of(struct coverage *cv, int model, int64_t team, int64_t programme,
                               const char *name)
{
	size_t i = 0;
	while (i < cv->ng && before(&cv->g[i], model, team, programme))
		i++;
	if (i < cv->ng && cv->g[i].programme == programme)
		return &cv->g[i];
	if (cv->ng == cv->capg) {
		size_t cap = cv->capg ? 2 * cv->capg : 8;
		struct cgroup *g = realloc(cv->g, cap * sizeof(*g));
		if (!g)
			return NULL;
		cv->g = g;
		cv->capg = cap;
	}
	struct cgroup n = {
		model,
		team,
		programme,
		strdup(name ? name : ""),
		calloc(cv->rg.nmonths, sizeof(struct id_list)),
		calloc(cv->rg.nmonths, sizeof(struct id_list)),
		!report_filtered_out(cv->o, rules_models()[model], team, programme),
	};
	if (!n.team_name || !n.coached || !n.with) {
		free(n.team_name);
		free(n.coached);
		free(n.with);
		return NULL;
	}
	memmove(&cv->g[i + 1], &cv->g[i], (cv->ng - i) * sizeof(*cv->g));
	cv->g[i] = n;
	cv->ng++;
	return &cv->g[i];
}

/* One assignment: its coachee coached in each month its span meets, with a session in those held.
 */
static bool tally_row(struct coverage *cv, const struct qrows *q, size_t r)
{
	const struct report_range *rg = &cv->rg;
	int model = report_model_of(qrows_text(q, r, 2));
	if (model < 0)
		return true;
	/* Every programme, also those the filters leave out: they decide what is hidden. */
	struct cgroup *g =
	        group_of(cv, model, qrows_int(q, r, 3), qrows_int(q, r, 1), qrows_text(q, r, 4));
	if (!g)
		return false;
	const char *starts = qrows_text(q, r, 6), *ends = qrows_text(q, r, 7);
	int64_t who = qrows_int(q, r, 5);
	/* The months with a held session: a bit each (REPORT_MAX_MONTHS fit), found in one pass. */
	struct report_held h;
	uint64_t held = 0;
	long month, n;
	report_held_open(&h, qrows_null(q, r, 8) ? NULL : qrows_text(q, r, 8));
	while (report_held_next(rg, &h, &month, &n))
		if (month >= 0)
			held |= (uint64_t)1 << month;
	for (size_t m = 0; m < rg->nmonths; m++) {
		/* The span meets the month: it starts before the next month and ends in or after
		 * it. */
		if (strcmp(starts, rg->first[m + 1]) >= 0 || strcmp(ends, rg->first[m]) < 0)
			continue;
		if (!report_id_push(&g->coached[m], who))
			return false;
		if ((held >> m & 1) && !report_id_push(&g->with[m], who))
			return false;
	}
	return true;
}

static enum sc_result coverage_load(struct domain *d, struct coverage *cv, struct sc_error *err)
{
	const struct report_range *rg = &cv->rg;
	struct qrows q = { 0 };
	enum sc_result rc;
	struct qparam p[4] = { { 0, rg->first[0] },
		               { 0, rg->last },
		               { 0, rg->starts[0] },
		               { 0, rg->starts[rg->nmonths] } };
	if ((rc = store_query(d->store, d->org, SQ_COVERAGE, p, 4, &q, err)))
		return rc;
	for (size_t r = 0; r < q.nrows && rc == SC_OK; r++)
		if (!tally_row(cv, &q, r))
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	qrows_release(&q);
	return rc;
}

/* Figures of people: coached, with a session and the share, or suppressed below k. */
static json_t *figures_json(json_t *o, long coached, long with, bool hidden)
{
	if (!o)
		return NULL;
	json_object_set_new_nocheck(o, "suppressed", json_boolean(hidden));
	if (!hidden) {
		json_object_set_new_nocheck(o, "coached", json_integer(coached));
		json_object_set_new_nocheck(o, "with_session", json_integer(with));
		json_object_set_new_nocheck(o, "share_pct", report_tenths(100 * with, coached));
	}
	return o;
}

/*
 * Month m: the groups the filters keep that have someone coached, hidden or
 * shown as report_suppress decides on every group, and their total.
 */
static json_t *month_json(void *ctx, size_t m)
{
	struct coverage *cv = ctx;
	struct id_list all = { 0 }, all_with = { 0 };
	bool ok = true, total_shown = false;
	json_t *groups = json_array(), *out = NULL;

	for (size_t i = 0; i < cv->ng; i++) {
		struct cgroup *g = &cv->g[i];
		report_id_distinct(&g->with[m]);
		cv->rgs[i] =
		        (struct report_group){ g->coached[m].v, report_id_distinct(&g->coached[m]),
			                       0, g->kept, false };
	}
	ok = report_suppress(cv->rgs, cv->ng, cv->rg.k, &total_shown);
	for (size_t i = 0; i < cv->ng && ok && groups; i++) {
		const struct cgroup *g = &cv->g[i];
		if (!g->kept || g->coached[m].n == 0)
			continue;
		ok = report_id_append(&all, &g->coached[m]) &&
		     report_id_append(&all_with, &g->with[m]);
		json_t *o = report_programme_json("programme", g->programme,
		                                  rules_models()[g->model], g->team, g->team_name);
		ok = ok && json_array_append_new(groups, figures_json(o, (long)g->coached[m].n,
		                                                      (long)g->with[m].n,
		                                                      cv->rgs[i].hidden)) == 0;
	}
	long ntotal = (long)report_id_distinct(&all), nwith = (long)report_id_distinct(&all_with);
	char ym[8];
	report_month_text(report_month_number(cv->rg.from) + (int)m, ym);
	if (ok && groups)
		out = json_pack("{s:s,s:b,s:O,s:o}", "month", ym, "partial",
		                !strcmp(ym, cv->rg.now), "groups", groups, "total",
		                figures_json(json_object(), ntotal, nwith, !total_shown));
	json_decref(groups);
	free(all.v);
	free(all_with.v);
	return out;
}

static json_t *coverage_json(struct coverage *cv)
{
	return report_months_json(&cv->rg, cv->o, month_json, cv);
}

enum sc_result report_coverage(struct domain *d, const struct report_opts *o, json_t **out,
                               struct sc_error *err)
{
	struct coverage cv = { .o = o };
	enum report_view view;
	enum sc_result rc;

	*out = NULL;
	if ((rc = report_view(d, &view, err)) || (rc = report_range_open(d, o, &cv.rg, err))) {
		report_range_close(&cv.rg);
		return rc;
	}
	if ((rc = coverage_load(d, &cv, err)) == SC_OK &&
	    (!(cv.rgs = calloc(cv.ng ? cv.ng : 1, sizeof(*cv.rgs))) ||
	     !(*out = coverage_json(&cv))))
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	for (size_t i = 0; i < cv.ng; i++) {
		for (size_t m = 0; m < cv.rg.nmonths; m++) {
			free(cv.g[i].coached[m].v);
			free(cv.g[i].with[m].v);
		}
		free(cv.g[i].coached);
		free(cv.g[i].with);
		free(cv.g[i].team_name);
	}
	free(cv.g);
	free(cv.rgs);
	report_range_close(&cv.rg);
	return rc;
}
