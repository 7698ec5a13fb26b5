/*
 * api_report.c - GET /api/reports/NAME for the reports of a range of months
 * (plan/report.h): coverage, ... Each takes
 * ?team=&model=&programme=&from=&to= and answers the report's JSON, or its
 * refusal (403 for a reader it is not for, 422 naming a bad parameter).
 */
#include "api/api_int.h"

#include <stdio.h>

#include "plan/report.h"

/* The report compute with the options of the query, as JSON or its refusal. */
static void report_answer(struct api_call *c, report_fn compute)
{
	static const char *const keys[] = {
		"team", "model", "programme", "from", "to", "lang", NULL
	};
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
	if (compute(&c->d, &o, &out, &err) != SC_OK)
		api_fail(c, &err);
	else
		api_json(c, 200, out);
}

void api_reports_coverage(struct api_call *c)
{
	report_answer(c, report_coverage);
}

void api_reports_hours(struct api_call *c)
{
	report_answer(c, report_hours);
}

void api_reports_coaches(struct api_call *c)
{
	report_answer(c, report_coaches);
}

void api_reports_impact(struct api_call *c)
{
	report_answer(c, report_impact);
}

void api_reports_acceptance(struct api_call *c)
{
	report_answer(c, report_acceptance);
}
