/*
 * export_report.c - the reports of a range of months (plan/report.h) as the
 * rows of a spreadsheet (docs/export.md, docs/reports.md): one function from
 * a report's JSON to flat rows, used by the command line and the API alike,
 * so that both doors export the same rows and columns.
 *
 * Every row has every column, in the same order. A figure the report
 * withholds is absent from its JSON; here it is an empty cell (null), never
 * a 0, and the row says "withheld": true. Nothing is computed that the JSON
 * does not hold, except the mean load of a coach (as the table prints it).
 */
#include <string.h>

#include "exchange/export.h"

/* A member of src (NULL: null) copied into row as key. */
static void put(json_t *row, const char *key, json_t *src, const char *member)
{
	json_t *v = src ? json_object_get(src, member) : NULL;
	json_object_set_new(row, key, v ? json_deep_copy(v) : json_null());
}

static bool append(json_t *rows, json_t *row)
{
	return row && json_array_append_new(rows, row) == 0;
}

/* Coverage and hours: a row per programme of a month, then the month's total. */
static bool months_rows(json_t *rep, json_t *rows, bool hours)
{
	static const char *const cov[] = { "coached", "with_session", "share_pct", NULL };
	static const char *const hrs[] = { "target",    "coached",
		                           "hours",     "hours_per_coachee",
		                           "on_target", "on_target_pct",
		                           NULL };
	const char *const *figs = hours ? hrs : cov;
	const char *list = hours ? "programmes" : "groups", *idkey = hours ? "id" : "programme";
	json_t *m, *g;
	size_t i, j;

	json_array_foreach(json_object_get(rep, "months"), i, m)
	{
		size_t n = json_array_size(json_object_get(m, list));
		for (j = 0; j <= n; j++) {
			bool total = j == n;
			g = total ? json_object_get(m, "total")
			          : json_array_get(json_object_get(m, list), j);
			json_t *row = json_object(), *team = json_object_get(g, "team");
			json_t *t = json_object(); /* team.id, team.name: empty for the total */
			put(row, "month", m, "month");
			put(row, "partial", m, "partial");
			json_object_set_new(row, "total", json_boolean(total));
			put(row, "programme", g, idkey);
			put(row, "model", g, "model");
			put(t, "id", team, "id");
			put(t, "name", team, "name");
			json_object_set_new(row, "team", t);
			for (size_t f = 0; figs[f]; f++)
				put(row, figs[f], g, figs[f]);
			json_object_set_new(
			        row, "withheld",
			        json_boolean(json_is_true(json_object_get(g, "suppressed"))));
			if (!append(rows, row))
				return false;
		}
	}
	return true;
}

/* One figure (attainment, win rate) of an impact analysis as the columns of row. */
static void impact_cells(json_t *row, json_t *im, const char *figure, const char *prefix)
{
	static const char *const keys[] = {
		"treated", "control", "no_controls", "treated_change", "control_change",
		"effect",  "low",     "high",        "enough",         NULL
	};
	json_t *f = json_object_get(im, figure);
	char name[64];
	for (size_t k = 0; keys[k]; k++) {
		snprintf(name, sizeof(name), "%s%s", prefix, keys[k]);
		put(row, name, f, keys[k]);
	}
}

/* Impact: per model, then the total, a row per figure. */
static bool impact_rows(json_t *rep, json_t *rows)
{
	static const char *const figures[] = { "attainment", "win_rate" };
	json_t *models = json_object_get(rep, "models");
	size_t n = json_array_size(models);

	for (size_t i = 0; i <= n; i++) {
		json_t *m = i < n ? json_array_get(models, i) : NULL;
		json_t *im = m ? json_object_get(m, "impact") : json_object_get(rep, "total");
		for (int f = 0; f < 2; f++) {
			json_t *row = json_object();
			put(row, "model", m, "model");
			json_object_set_new(row, "total", json_boolean(!m));
			json_object_set_new(row, "figure", json_string(figures[f]));
			put(row, "people", im, "people");
			put(row, "controls", im, "controls");
			put(row, "waiting", im, "waiting");
			impact_cells(row, im, figures[f], "");
			if (!append(rows, row))
				return false;
		}
	}
	return true;
}

/* Coaches: one row per coach with the range's figures (docs/export.md says why). */
static bool coaches_rows(json_t *rep, json_t *rows)
{
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(rep, "coaches"), i, e)
	{
		json_t *c = json_object_get(e, "coach"), *months = json_object_get(e, "months");
		json_t *row = json_object(), *last, *m, *cad = json_object_get(e, "cadence");
		json_t *fb = json_object_get(e, "feedback"), *im = json_object_get(e, "impact");
		size_t n = json_array_size(months), k;
		long long sum = 0, cap = 0;

		last = n ? json_array_get(months, n - 1) : NULL;
		json_array_foreach(months, k, m)
		{
			sum += json_integer_value(json_object_get(m, "coachees"));
			cap = json_integer_value(json_object_get(m, "capacity"));
		}
		put(row, "coach", c, "id");
		put(row, "person", json_object_get(c, "person"), "id");
		put(row, "name", json_object_get(c, "person"), "name");
		put(row, "kind", c, "kind");
		put(row, "active", c, "active");
		put(row, "last_month", last, "month");
		put(row, "coachees", last, "coachees");
		put(row, "capacity", last, "capacity");
		put(row, "load_pct", last, "load_pct");
		json_object_set_new(
		        row, "mean_load_pct",
		        n && cap > 0 ? json_real((double)(long long)(1000.0 * (double)sum /
		                                                             (double)(n * cap) +
		                                                     0.5) /
		                                 10.0)
		                     : json_null());
		put(row, "coachee_months", cad, "coachee_months");
		put(row, "kept", cad, "kept");
		put(row, "kept_pct", cad, "pct");
		put(row, "feedback_people", fb, "people");
		put(row, "feedback_mean", fb, "mean");
		json_object_set_new(
		        row, "feedback_withheld",
		        json_boolean(json_is_null(json_object_get(fb, "mean")) &&
		                     json_integer_value(json_object_get(fb, "people")) > 0));
		put(row, "impact_people", im, "people");
		impact_cells(row, im, "attainment", "attainment_");
		impact_cells(row, im, "win_rate", "win_rate_");
		if (!append(rows, row))
			return false;
	}
	return true;
}

/* Acceptance: per model, then per coach, a row per month and respondent group. */
static bool acceptance_rows(json_t *rep, json_t *rows)
{
	static const char *const groups[] = { "coachee", "management" };
	static const char *const figs[] = { "answers",
		                            "withheld",
		                            "mean",
		                            "respect",
		                            "trust",
		                            "helps",
		                            "part_of_team",
		                            "not_reporting",
		                            "feels_like_assessment",
		                            NULL };
	static const char *const lists[] = { "models", "coaches" };

	for (int l = 0; l < 2; l++) {
		json_t *e, *m;
		size_t i, j;
		json_array_foreach(json_object_get(rep, lists[l]), i, e)
		{
			json_array_foreach(json_object_get(e, "months"), j, m)
			{
				for (int g = 0; g < 2; g++) {
					json_t *row = json_object(),
					       *cell = json_object_get(m, groups[g]);
					put(row, "model", e, l ? "kind" : "model");
					put(row, "coach", l ? e : NULL, "coach");
					put(row, "name", l ? e : NULL, "name");
					put(row, "month", m, "month");
					put(row, "open", m, "open");
					json_object_set_new(row, "group", json_string(groups[g]));
					for (size_t f = 0; figs[f]; f++)
						put(row, figs[f], cell, figs[f]);
					if (!append(rows, row))
						return false;
				}
			}
		}
	}
	return true;
}

enum sc_result export_report_rows(const char *name, json_t *report, json_t **rows,
                                  struct sc_error *err)
{
	bool ok;

	if (!(*rows = json_array()))
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	if (!strcmp(name, "coverage") || !strcmp(name, "hours"))
		ok = months_rows(report, *rows, !strcmp(name, "hours"));
	else if (!strcmp(name, "impact"))
		ok = impact_rows(report, *rows);
	else if (!strcmp(name, "coaches"))
		ok = coaches_rows(report, *rows);
	else if (!strcmp(name, "acceptance"))
		ok = acceptance_rows(report, *rows);
	else
		return sc_fail(err, SC_INTERNAL, NULL, "no export for report '%s'", name);
	if (!ok) {
		json_decref(*rows);
		*rows = NULL;
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	return SC_OK;
}
