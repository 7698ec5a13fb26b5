/*
 * report_coverage.c - the coverage report (report.h, report_coverage): per
 * month, per coaching model and team, how many people were coached and how
 * many of them had a session held in the month. It reads dates, statuses
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

/* The longest range of months a report covers. */
#define COVERAGE_MAX_MONTHS 60

/* One model and team: the people coached and those with a held session, per month. */
struct cgroup {
	int model; /* index in rules_models() */
	int64_t team;
	char *team_name;
	struct id_list *coached, *with; /* one per month */
	long ncoached, nwith;           /* of the month being written */
	bool hidden;
};

struct coverage {
	const struct coverage_opts *o;
	char from[8], to[8];
	size_t nmonths;
	char (*starts)[TU_INSTANT_LEN]; /* nmonths + 1 instants: where each month begins */
	char (*first)[TU_DATE_LEN];     /* nmonths + 1 dates: each month's first day */
	struct cgroup *g;
	size_t ng, capg;
	long k;
};

static int month_number(const char *ym)
{
	return atoi(ym) * 12 + atoi(ym + 5) - 1;
}

static void month_text(int n, char out[8])
{
	unsigned u = n < 0 ? 0 : (unsigned)n;
	snprintf(out, 8, "%04u-%02u", u / 12 % 10000, u % 12 % 100 + 1);
}

static int model_of(const char *model)
{
	const char *const *all = rules_models();
	for (int i = 0; model && all[i]; i++)
		if (!strcmp(all[i], model))
			return i;
	return -1;
}

/* Whether a record of kind with this id exists in the organisation. */
static enum sc_result exists(struct domain *d, enum entity_kind kind, int64_t id, bool *yes,
                             struct sc_error *err)
{
	struct filter f = { FILTER_ID, FO_EQ, id, 0, NULL, NULL, 0, 0 };
	int64_t n = 0;
	enum sc_result rc = store_count(d->store, d->org, entity_get(kind), &f, 1, &n, err);
	*yes = n > 0;
	return rc;
}

/* The parameters checked and the range settled; SC_INVALID naming the parameter. */
static enum sc_result coverage_check(struct domain *d, struct coverage *cv, struct sc_error *err)
{
	const struct coverage_opts *o = cv->o;
	static const char *const names[2] = { "from", "to" };
	const char *given[2] = { o->from, o->to };
	enum sc_result rc;
	bool yes;

	for (int i = 0; i < 2; i++)
		if (given[i] && !tu_valid_month(given[i]))
			return sc_fail_msg(err, SC_INVALID, names[i], d->lang,
			                   "err.report.bad_month", "param", names[i], "value",
			                   given[i], NULL);
	snprintf(cv->to, sizeof(cv->to), "%.7s", o->to ? o->to : d->today);
	if (o->from)
		snprintf(cv->from, sizeof(cv->from), "%s", o->from);
	else
		month_text(month_number(cv->to) - 11, cv->from);
	int span = month_number(cv->to) - month_number(cv->from) + 1;
	if (span < 1)
		return sc_fail_msg(err, SC_INVALID, "from", d->lang, "err.report.from_after_to",
		                   "from", cv->from, "to", cv->to, NULL);
	if (span > COVERAGE_MAX_MONTHS)
		return sc_fail_msg(err, SC_INVALID, "from", d->lang, "err.report.range_too_long",
		                   "max", SC_INT(d->lang, COVERAGE_MAX_MONTHS), NULL);
	cv->nmonths = (size_t)span;
	if (o->model && model_of(o->model) < 0)
		return sc_fail_msg(err, SC_INVALID, "model", d->lang, "err.report.unknown_model",
		                   "value", o->model, NULL);
	if (o->team && ((rc = exists(d, E_TEAM, o->team, &yes, err)) || !yes))
		return rc ? rc
		          : sc_fail_msg(err, SC_INVALID, "team", d->lang, "err.report.unknown_team",
		                        "id", SC_I64(o->team), NULL);
	if (o->programme && ((rc = exists(d, E_PROGRAMME, o->programme, &yes, err)) || !yes))
		return rc ? rc
		          : sc_fail_msg(err, SC_INVALID, "programme", d->lang,
		                        "err.report.unknown_programme", "id", SC_I64(o->programme),
		                        NULL);
	return SC_OK;
}

/* The group of model and team, added when new (kept ordered by model, then team). NULL: no memory.
 */
static struct cgroup *group_of(struct coverage *cv, int model, int64_t team, const char *name)
{
	size_t i = 0;
	while (i < cv->ng &&
	       (cv->g[i].model < model || (cv->g[i].model == model && cv->g[i].team < team)))
		i++;
	if (i < cv->ng && cv->g[i].model == model && cv->g[i].team == team)
		return &cv->g[i];
	if (cv->ng == cv->capg) {
		size_t cap = cv->capg ? 2 * cv->capg : 8;
		struct cgroup *g = realloc(cv->g, cap * sizeof(*g));
		if (!g)
			return NULL;
		cv->g = g;
		cv->capg = cap;
	}
	struct cgroup n = { model,
		            team,
		            strdup(name ? name : ""),
		            calloc(cv->nmonths, sizeof(struct id_list)),
		            calloc(cv->nmonths, sizeof(struct id_list)),
		            0,
		            0,
		            false };
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
	const struct coverage_opts *o = cv->o;
	int model = model_of(qrows_text(q, r, 2));
	if (model < 0 || (o->model && strcmp(o->model, qrows_text(q, r, 2))) ||
	    (o->team && o->team != qrows_int(q, r, 3)) ||
	    (o->programme && o->programme != qrows_int(q, r, 1)))
		return true;
	struct cgroup *g = group_of(cv, model, qrows_int(q, r, 3), qrows_text(q, r, 4));
	if (!g)
		return false;
	const char *starts = qrows_text(q, r, 6), *ends = qrows_text(q, r, 7);
	const char *held = qrows_null(q, r, 8) ? "" : qrows_text(q, r, 8);
	int64_t who = qrows_int(q, r, 5);
	for (size_t m = 0; m < cv->nmonths; m++) {
		/* The span meets the month: it starts before the next month and ends in or after
		 * it. */
		if (strcmp(starts, cv->first[m + 1]) >= 0 || strcmp(ends, cv->first[m]) < 0)
			continue;
		if (!report_id_push(&g->coached[m], who))
			return false;
		for (const char *at = held; *at; at += strcspn(at, ","), at += *at == ',') {
			if (strncmp(at, cv->starts[m], TU_INSTANT_LEN - 1) >= 0 &&
			    strncmp(at, cv->starts[m + 1], TU_INSTANT_LEN - 1) < 0) {
				if (!report_id_push(&g->with[m], who))
					return false;
				break;
			}
		}
	}
	return true;
}

static enum sc_result coverage_load(struct domain *d, struct coverage *cv, struct sc_error *err)
{
	char kbuf[16], last[TU_DATE_LEN];
	struct qrows q = { 0 };
	enum sc_result rc;

	if ((rc = settings_get(d->store, d->org, "k", kbuf, sizeof(kbuf), err)))
		return rc;
	cv->k = strtol(kbuf, NULL, 10);
	cv->starts = calloc(cv->nmonths + 1, sizeof(*cv->starts));
	cv->first = calloc(cv->nmonths + 1, sizeof(*cv->first));
	if (!cv->starts || !cv->first)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	if (!tu_month_starts(cv->from, cv->nmonths + 1, d->tz, cv->starts))
		return sc_fail(err, SC_INTERNAL, NULL, "the months of %s cannot be computed",
		               d->tz);
	for (size_t m = 0; m <= cv->nmonths; m++) {
		char ym[8];
		month_text(month_number(cv->from) + (int)m, ym);
		snprintf(cv->first[m], TU_DATE_LEN, "%s-01", ym);
	}
	tu_date_add(cv->first[cv->nmonths], -1, last);
	struct qparam p[4] = { { 0, cv->first[0] },
		               { 0, last },
		               { 0, cv->starts[0] },
		               { 0, cv->starts[cv->nmonths] } };
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
	json_object_set_new(o, "suppressed", json_boolean(hidden));
	if (!hidden) {
		json_object_set_new(o, "coached", json_integer(coached));
		json_object_set_new(o, "with_session", json_integer(with));
		json_object_set_new(o, "share_pct", report_tenths(100 * with, coached));
	}
	return o;
}

/*
 * Month m: every group with someone coached, suppressed below k; then, while
 * the suppressed groups together hold fewer than k people (the total less
 * the groups shown would give them back), the shown group of the fewest
 * people is suppressed too. The total counts every group, shown or not.
 */
static json_t *month_json(struct coverage *cv, size_t m)
{
	struct id_list hidden = { 0 }, all = { 0 }, all_with = { 0 };
	bool any = false, ok = true;
	json_t *groups = json_array(), *out = NULL;

	for (size_t i = 0; i < cv->ng && ok; i++) {
		struct cgroup *g = &cv->g[i];
		g->ncoached = (long)report_id_distinct(&g->coached[m]);
		g->nwith = (long)report_id_distinct(&g->with[m]);
		g->hidden = g->ncoached > 0 && g->ncoached < cv->k;
		ok = report_id_append(&all, &g->coached[m]) &&
		     report_id_append(&all_with, &g->with[m]);
		if (ok && g->hidden) {
			any = true;
			ok = report_id_append(&hidden, &g->coached[m]);
		}
	}
	while (ok && any && (long)report_id_distinct(&hidden) < cv->k) {
		struct cgroup *next = NULL;
		for (size_t i = 0; i < cv->ng; i++)
			if (!cv->g[i].hidden && cv->g[i].ncoached > 0 &&
			    (!next || cv->g[i].ncoached < next->ncoached))
				next = &cv->g[i];
		if (!next)
			break;
		next->hidden = true;
		ok = report_id_append(&hidden, &next->coached[m]);
	}
	for (size_t i = 0; i < cv->ng && ok && groups; i++) {
		const struct cgroup *g = &cv->g[i];
		if (g->ncoached == 0)
			continue;
		json_t *o = json_pack("{s:s,s:{s:I,s:s}}", "model", rules_models()[g->model],
		                      "team", "id", (json_int_t)g->team, "name", g->team_name);
		ok = json_array_append_new(groups,
		                           figures_json(o, g->ncoached, g->nwith, g->hidden)) == 0;
	}
	long ntotal = (long)report_id_distinct(&all), nwith = (long)report_id_distinct(&all_with);
	char ym[8];
	month_text(month_number(cv->from) + (int)m, ym);
	if (ok && groups)
		out = json_pack("{s:s,s:O,s:o}", "month", ym, "groups", groups, "total",
		                figures_json(json_object(), ntotal, nwith, ntotal < cv->k));
	json_decref(groups);
	free(hidden.v);
	free(all.v);
	free(all_with.v);
	return out;
}

static json_t *coverage_json(struct coverage *cv)
{
	const struct coverage_opts *o = cv->o;
	json_t *months = json_array();
	for (size_t m = 0; months && m < cv->nmonths; m++) {
		json_t *mo = month_json(cv, m);
		if (!mo || json_array_append_new(months, mo)) {
			json_decref(months);
			return NULL;
		}
	}
	if (!months)
		return NULL;
	return json_pack("{s:i,s:s,s:s,s:{s:o,s:o,s:o},s:o}", "k", (int)cv->k, "from", cv->from,
	                 "to", cv->to, "filters", "team",
	                 o->team ? json_integer(o->team) : json_null(), "model",
	                 o->model ? json_string(o->model) : json_null(), "programme",
	                 o->programme ? json_integer(o->programme) : json_null(), "months", months);
}

enum sc_result report_coverage(struct domain *d, const struct coverage_opts *o, json_t **out,
                               struct sc_error *err)
{
	struct coverage cv = { .o = o };
	enum report_view view;
	enum sc_result rc;

	*out = NULL;
	if ((rc = report_view(d, &view, err)) || (rc = coverage_check(d, &cv, err)))
		return rc;
	if ((rc = coverage_load(d, &cv, err)) == SC_OK && !(*out = coverage_json(&cv)))
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	for (size_t i = 0; i < cv.ng; i++) {
		for (size_t m = 0; m < cv.nmonths; m++) {
			free(cv.g[i].coached[m].v);
			free(cv.g[i].with[m].v);
		}
		free(cv.g[i].coached);
		free(cv.g[i].with);
		free(cv.g[i].team_name);
	}
	free(cv.g);
	free(cv.starts);
	free(cv.first);
	return rc;
}
