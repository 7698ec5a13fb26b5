/*
 * gen.h - a large synthetic organisation, for benchmarks and for trying the
 * product at scale.
 *
 * gen_run creates a new organisation of a given number of reps in teams of
 * 8 to 12 under sales managers, regional managers and a director, with
 * programmes over all four coaching models and a history of a given number
 * of months ending today: coach profiles and their training, readiness
 * assessments, incentive plans, manager tasks, supervision reviews,
 * assignments, weekly sessions of every kind (held, cancelled, no-shows and
 * planned ones ahead), ride-along observations, action items, coaching
 * plans, appraisals, team activities, presence logs, pulse surveys and
 * monthly sales results. The data is healthy on the whole, and every pitfall
 * rule of PRODUCT.md fires for a small share of the people it concerns.
 *
 * The same parameters on the same day (tu_today, so SALESCOACH_NOW) give the
 * same data: everything is drawn from a seeded generator, never the clock.
 * Records are written straight through the store in one transaction (a
 * failed run leaves nothing), built so that the domain would accept each:
 * right types and ranges, references within the organisation, sessions
 * inside their assignment, held sessions not in the future, and an
 * override reason exactly where the domain would refuse a pitfall at input.
 * The history is written in the order of time, in blocks of four weeks, so
 * rows lie in the file as a real organisation's would. The audit log is not
 * written per record: the organisation's GEN_SETTING says how it was made.
 */
#ifndef SALESCOACH_GEN_H
#define SALESCOACH_GEN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "model/entity.h"
#include "base/result.h"
#include "store/store.h"
#include "base/timeutil.h"

#define GEN_MAX_REPS   100000
#define GEN_MAX_MONTHS 120

/* The organisation setting that records how an organisation was generated. */
#define GEN_SETTING "generated"

struct gen_params {
	unsigned reps;    /* 1..GEN_MAX_REPS */
	unsigned months;  /* 1..GEN_MAX_MONTHS of history before today's month */
	uint64_t seed;    /* any value */
	const char *slug; /* borrowed; NULL: "gen-SEED" */
	FILE *progress;   /* borrowed; where to show progress, or NULL */
};

struct gen_report {
	int64_t org;
	char slug[64];
	char first_day[TU_DATE_LEN]; /* of the history */
	char today[TU_DATE_LEN];     /* the last day of the history */
	unsigned teams;
	size_t count[E_COUNT]; /* records written per entity kind */
	double seconds;
};

/*
 * Check p: the counts in range and the slug usable. The message names the
 * option and the allowed values.
 */
enum sc_result gen_check(const struct gen_params *p, struct sc_error *err);

/*
 * Generate the organisation of p into st (which must not be inside a
 * transaction) and describe it in *out. Refused with SC_CONFLICT when the
 * slug is taken. One transaction: on failure nothing is left behind. The
 * organisation's GEN_SETTING holds gen_describe's text for p and today.
 */
enum sc_result gen_run(struct store *st, const struct gen_params *p, struct gen_report *out,
                       struct sc_error *err);

/*
 * The text GEN_SETTING holds for p generated on day today, e.g.
 * "reps=10000 months=36 seed=1 day=2026-11-28", into out (size n).
 */
void gen_describe(const struct gen_params *p, const char *today, char *out, size_t n);

/*
 * Read a count or seed as given on a command line: plain digits, 0..max.
 * False for anything else (signs, spaces, overflow).
 */
bool gen_parse_number(const char *s, uint64_t max, uint64_t *out);

#endif
