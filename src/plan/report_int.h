/*
 * report_int.h - what the files of the reports share: the programme report
 * (report.c: the programmes and totals; report_models.c: the figures per
 * coaching model), the range of months, options and withholding of the
 * reports of a range (report_range.c), and the impact analysis
 * (report_impact.c) of the impact and coaches reports. Not for other
 * layers: they call report.h.
 */
#ifndef SALESCOACH_REPORT_INT_H
#define SALESCOACH_REPORT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "base/timeutil.h"
#include "domain/calc.h"
#include "domain/domain.h"
#include "plan/report.h"

/* A growing list of person ids, made distinct before it is counted. */
struct id_list {
	int64_t *v;
	size_t n, cap;
};

bool report_id_push(struct id_list *l, int64_t id);
/* Append every id of from to to. */
bool report_id_append(struct id_list *to, const struct id_list *from);
/* Sort the list and drop repeated ids; returns the number of distinct ids. */
size_t report_id_distinct(struct id_list *l);
/* Index of the record with this id in the list (ascending by id), or -1. */
long report_find(const struct record_list *l, int64_t id);
/* n (at least 0) to the nearest multiple of step, halves up. */
long report_round(long n, long step);
/* The mean sum / n in tenths, halves up, as a number with one decimal (n > 0). */
json_t *report_tenths(long sum, long n);

/*
 * The section "models" of the report: one object per coaching model, in the
 * order of rules_models(). progs and asgs are every programme and assignment
 * of the organisation (progs ascending by id), k the organisation's k, from
 * the first day of the window. *out: a new reference.
 */
enum sc_result report_models(struct domain *d, const struct record_list *progs,
                             const struct record_list *asgs, long k, const char *from, json_t **out,
                             struct sc_error *err);

/* The longest range of months a report covers, and the range when from is not given. */
#define REPORT_MAX_MONTHS     60
#define REPORT_DEFAULT_MONTHS 12
/* The first month a report can cover (tu_valid_month). */
#define REPORT_FIRST_MONTH "1900-01"

/* The months of a report (report_range_open) and the organisation's k. */
struct report_range {
	char from[8], to[8];            /* YYYY-MM, the first and last month */
	size_t nmonths;                 /* from to to, at least 1 */
	char (*starts)[TU_INSTANT_LEN]; /* nmonths + 1 instants (UTC): where each month begins */
	char (*first)[TU_DATE_LEN];     /* nmonths + 1 dates: each month's first day */
	char last[TU_DATE_LEN];         /* the last day of the month to */
	char now[8];                    /* YYYY-MM: the organisation's month today */
	long k;
};

/*
 * The options checked and the range settled: from and to months (to by
 * default this month, from by default REPORT_DEFAULT_MONTHS - 1 months
 * before it), at most REPORT_MAX_MONTHS, the model, team and programme
 * known, to not after this month (the organisation's today) and, without
 * from, not before REPORT_FIRST_MONTH + REPORT_DEFAULT_MONTHS - 1. SC_INVALID
 * naming the parameter ("from", "to", "model", "team", "programme")
 * otherwise. report_range_close frees it (also after a failure).
 */
enum sc_result report_range_open(struct domain *d, const struct report_opts *o,
                                 struct report_range *rg, struct sc_error *err);
void report_range_close(struct report_range *rg);

/*
 * The held sessions of a row of SQ_COVERAGE, SQ_HOURS or SQ_COACH_LOAD, read
 * one at a time (report_held_open, then report_held_next until false):
 * "at,at,..." - their instants - then, in SQ_HOURS and SQ_COACH_LOAD,
 * ";n,n,..." - a number of each session, in the same order. The sessions
 * come in no particular order: each is tried against the month of the one
 * before (mostly where it lies), else its month is found by halving.
 */
struct report_held {
	const char *at, *end; /* the next instant; the end of the instants */
	const char *num;      /* the next number, or NULL */
	size_t month;         /* the month of the one before */
};

/* held: the column's text, or NULL when the row has no held session. */
void report_held_open(struct report_held *h, const char *held);
/*
 * The next held session: *month its month in the range (-1 when it lies
 * outside), *n its number (0 without). false: no session left.
 */
bool report_held_next(const struct report_range *rg, struct report_held *h, long *month, long *n);

/* A month YYYY-MM as a number of months since year 0, and back. */
int report_month_number(const char *ym);
void report_month_text(int n, char out[8]);
/* The index of model in rules_models(), or -1. */
int report_model_of(const char *model);
/* Whether the options leave out a programme of this model, team and id. */
bool report_filtered_out(const struct report_opts *o, const char *model, int64_t team,
                         int64_t programme);
/*
 * A new object {key: id, "model": model, "team": {"id": team, "name":
 * name}}, as json_pack would make it at a fraction of its cost (the reports
 * make one per programme and month). NULL: no memory, or name is not UTF-8.
 */
json_t *report_programme_json(const char *key, int64_t id, const char *model, int64_t team,
                              const char *name);
/* The options as {"team", "model", "programme"} (null when not given); a new reference. */
json_t *report_filters_json(const struct report_opts *o);
/*
 * A report of months: {"k", "from", "to", "filters", "months": [month(ctx, m) for each month m
 * of the range]}; a new reference, or NULL when a month is NULL or memory runs out.
 */
json_t *report_months_json(const struct report_range *rg, const struct report_opts *o,
                           json_t *(*month)(void *ctx, size_t m), void *ctx);

/*
 * One group of a month's people (a programme, or a model and team) for
 * report_suppress: its people (n ids, stride bytes apart from first; the
 * same id at most once), whether the filters keep it (output), and - set
 * by report_suppress - whether its figures are hidden.
 */
struct report_group {
	const int64_t *first;
	size_t n, stride;
	bool kept, hidden;
};

/*
 * The month's suppression, decided on every group of the organisation
 * (whatever the filters), so a group is hidden or shown alike in every
 * call: a group below k is hidden; then, while R - the people of the groups
 * in no shown group, which the month's total less the shown groups gives -
 * is between 1 and k - 1, the shown group of the fewest people is hidden
 * too. *total_shown: whether the total of the kept groups may be shown:
 * at least k people, R_in (the kept groups' people in no kept shown group)
 * 0 or at least k, and R_out (the people of the groups left out, in no
 * kept group and no left-out shown group) 0 or at least k - else the
 * unfiltered total less this one, less the shown groups, gives a small
 * group back. false: no memory.
 */
bool report_suppress(struct report_group *g, size_t ng, long k, bool *total_shown);

/*
 * The impact analysis (report_impact.c), shared by the impact report and
 * the coaches report (the impact of each coach's coachees). Its
 * relationships are the assignments that began in the months of the range;
 * keep chooses among them, and each coachee counts once per figure (their
 * earliest relationship kept), against the people not coached around their
 * own start month (calc.h, calc_did_cohorts).
 */
struct impact_asg {
	int64_t assignment, coach, coachee, programme, team;
	int model;     /* index in rules_models() */
	char month[8]; /* YYYY-MM: the month it began */
};

/*
 * One figure of a group's impact (attainment or win rate): each coachee
 * once, with the change around their earliest relationship of the group
 * (its month M), against the controls of M (calc_did_cohorts; treated: the
 * distinct coachees weighed, control: the distinct people among the
 * controls of their months). no_controls: the coachees with a change left
 * out because fewer than 2 people not coached have one around M. who: the
 * coachees weighed, ascending (for the checks against subtraction).
 */
struct impact_figure {
	struct calc_did did;
	size_t no_controls;
	struct id_list who;
};

/*
 * The impact of a group of relationships. people: the distinct coachees
 * with a change of either figure; controls: the distinct people not coached
 * with one in the months weighed; waiting: the relationships whose months
 * after are not over yet (no figure yet).
 */
struct report_impact {
	struct impact_figure attainment, win_rate;
	size_t people, controls, waiting;
};

struct impact_data; /* loaded once per report */

enum sc_result report_impact_load(struct domain *d, const struct report_range *rg,
                                  struct impact_data **out, struct sc_error *err);
/* The impact of the relationships keep accepts (every one when keep is NULL), against k. */
enum sc_result report_impact_of(const struct impact_data *data,
                                bool (*keep)(const struct impact_asg *a, const void *arg),
                                const void *arg, struct report_impact *out, struct sc_error *err);
void report_impact_free(struct impact_data *data);
/* Frees the lists of a report_impact (also one never filled in, all zero). */
void report_impact_release(struct report_impact *im);
/* The figure's numbers withheld: its counts stay, enough becomes false. */
void report_impact_withhold(struct impact_figure *f);
/* N: the months compared before and after (the setting impact_months). */
int report_impact_months(const struct impact_data *data);
/* The figures as JSON: counts always, the effect and its interval only when enough; a new
 * reference. */
json_t *report_impact_json(const struct report_impact *im);

#endif
