/*
 * report_range.c - what every report of a range of months shares
 * (report_int.h): its parameters checked, the months settled in the
 * organisation's time zone, and the organisation's k.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/settings.h"
#include "plan/report.h"
#include "plan/report_int.h"
#include "rules/rules.h"

int report_month_number(const char *ym)
{
	return atoi(ym) * 12 + atoi(ym + 5) - 1;
}

void report_month_text(int n, char out[8])
{
	unsigned u = n < 0 ? 0 : (unsigned)n;
	snprintf(out, 8, "%04u-%02u", u / 12 % 10000, u % 12 % 100 + 1);
}

int report_model_of(const char *model)
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

/* The parameters checked and the months settled; SC_INVALID naming the parameter. */
static enum sc_result range_check(struct domain *d, const struct report_opts *o,
                                  struct report_range *rg, struct sc_error *err)
{
	static const char *const names[2] = { "from", "to" };
	const char *given[2] = { o->from, o->to };
	enum sc_result rc;
	bool yes;

	for (int i = 0; i < 2; i++)
		if (given[i] && !tu_valid_month(given[i]))
			return sc_fail_msg(err, SC_INVALID, names[i], d->lang,
			                   "err.report.bad_month", "param", names[i], "value",
			                   given[i], NULL);
	snprintf(rg->to, sizeof(rg->to), "%.7s", o->to ? o->to : d->today);
	if (o->from)
		snprintf(rg->from, sizeof(rg->from), "%s", o->from);
	else
		report_month_text(report_month_number(rg->to) - (REPORT_DEFAULT_MONTHS - 1),
		                  rg->from);
	int span = report_month_number(rg->to) - report_month_number(rg->from) + 1;
	if (span < 1)
		return sc_fail_msg(err, SC_INVALID, "from", d->lang, "err.report.from_after_to",
		                   "from", rg->from, "to", rg->to, NULL);
	if (span > REPORT_MAX_MONTHS)
		return sc_fail_msg(err, SC_INVALID, "from", d->lang, "err.report.range_too_long",
		                   "max", SC_INT(d->lang, REPORT_MAX_MONTHS), NULL);
	rg->nmonths = (size_t)span;
	if (o->model && report_model_of(o->model) < 0)
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

enum sc_result report_range_open(struct domain *d, const struct report_opts *o,
                                 struct report_range *rg, struct sc_error *err)
{
	char kbuf[16];
	enum sc_result rc;

	memset(rg, 0, sizeof(*rg));
	if ((rc = range_check(d, o, rg, err)))
		return rc;
	if ((rc = settings_get(d->store, d->org, "k", kbuf, sizeof(kbuf), err)))
		return rc;
	rg->k = strtol(kbuf, NULL, 10);
	rg->starts = calloc(rg->nmonths + 1, sizeof(*rg->starts));
	rg->first = calloc(rg->nmonths + 1, sizeof(*rg->first));
	if (!rg->starts || !rg->first) {
		report_range_close(rg);
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	if (!tu_month_starts(rg->from, rg->nmonths + 1, d->tz, rg->starts)) {
		report_range_close(rg);
		return sc_fail(err, SC_INTERNAL, NULL, "the months of %s cannot be computed",
		               d->tz);
	}
	for (size_t m = 0; m <= rg->nmonths; m++) {
		char ym[8];
		report_month_text(report_month_number(rg->from) + (int)m, ym);
		snprintf(rg->first[m], TU_DATE_LEN, "%s-01", ym);
	}
	tu_date_add(rg->first[rg->nmonths], -1, rg->last);
	return SC_OK;
}

void report_range_close(struct report_range *rg)
{
	free(rg->starts);
	free(rg->first);
	rg->starts = NULL;
	rg->first = NULL;
}

bool report_filtered_out(const struct report_opts *o, const char *model, int64_t team,
                         int64_t programme)
{
	return (o->model && strcmp(o->model, model)) || (o->team && o->team != team) ||
	       (o->programme && o->programme != programme);
}

json_t *report_filters_json(const struct report_opts *o)
{
	return json_pack("{s:o,s:o,s:o}", "team", o->team ? json_integer(o->team) : json_null(),
	                 "model", o->model ? json_string(o->model) : json_null(), "programme",
	                 o->programme ? json_integer(o->programme) : json_null());
}
