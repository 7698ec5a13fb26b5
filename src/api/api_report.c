/*
 * api_report.c - GET /api/reports/NAME for the reports of a range of months
 * (plan/report.h): coverage, ... Each takes
 * ?team=&model=&programme=&from=&to=&format= and answers the report's JSON
 * (or its rows as CSV or XLSX, exchange/export_report.c), or its
 * refusal (403 for a reader it is not for, 422 naming a bad parameter).
 */
#include "api/api_int.h"

#include <stdio.h>

#include "plan/report.h"

/*
 * The report compute (named name) with the options of the query, as JSON,
 * CSV or XLSX (?format=, else Accept; exchange/export.h), or its refusal.
 */
static void report_answer(struct api_call *c, const char *name, report_fn compute)
{
	static const char *const keys[] = { "team", "model", "programme", "from",
		                            "to",   "lang",  "format",    NULL };
	enum export_format fmt;
	json_t *rows = NULL;
	const char *names[3] = { "model", "from", "to" };
	char vals[3][64], big[1024];
	struct report_opts o = { 0 };
	struct sc_error err;
	json_t *out = NULL;

	if (!api_only_query(c, keys) || !api_query_id(c, "team", &o.team) ||
	    !api_query_id(c, "programme", &o.programme))
		return;
	/* A value too long for a month or a model is cut, and then refused as neither. */
	const char **dest[3] = { &o.model, &o.from, &o.to };
	for (int i = 0; i < 3; i++) {
		if (http_query_get(c->req->query, names[i], big, sizeof(big))) {
			snprintf(vals[i], sizeof(vals[i]), "%.63s", big);
			*dest[i] = vals[i];
		}
	}
	sc_error_init(&err);
	/* The report's own refusals first (403 before a bad format), as its JSON has them. */
	if (compute(&c->d, &o, &out, &err) != SC_OK) {
		api_fail(c, &err);
	} else if (!api_export_format(c, &fmt)) {
		json_decref(out);
	} else if (fmt == EXPORT_JSON) {
		api_json(c, 200, out);
	} else if (export_report_rows(name, out, &rows, &err) != SC_OK) {
		json_decref(out);
		api_fail(c, &err);
	} else {
		json_decref(out);
		api_export_answer(c, fmt, name, NULL, NULL, rows, json_array_size(rows));
		json_decref(rows);
	}
}

void api_reports_coverage(struct api_call *c)
{
	report_answer(c, "coverage", report_coverage);
}

void api_reports_hours(struct api_call *c)
{
	report_answer(c, "hours", report_hours);
}

void api_reports_coaches(struct api_call *c)
{
	report_answer(c, "coaches", report_coaches);
}

void api_reports_impact(struct api_call *c)
{
	report_answer(c, "impact", report_impact);
}

void api_reports_acceptance(struct api_call *c)
{
	report_answer(c, "acceptance", report_acceptance);
}
