/*
 * bench_util.h - what every benchmark program needs: a monotonic clock, the
 * best and median of its runs, and (for the benchmarks on the generated
 * organisation) its options and its database, generated when missing.
 */
#ifndef SALESCOACH_BENCH_UTIL_H
#define SALESCOACH_BENCH_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/result.h"
#include "domain/org.h"
#include "seed/gen.h"
#include "store/store.h"

/* The most runs a benchmark takes (--runs). */
#define BENCH_MAX_RUNS 101

/* Milliseconds of the monotonic clock. */
double now_ms(void);

/* Milliseconds of processor time (user and system) the process has used. */
double cpu_ms(void);

/* The median of the n values of v; sorts v. */
double median(double *v, int n);

/* The smallest of the n values of v. */
double best_of(const double *v, int n);

/* "PROG: WHAT: the error's message" on stderr; returns 1 (the exit status). */
int bench_fail(const char *prog, const char *what, const struct sc_error *err);

/*
 * The options of a benchmark on the generated organisation:
 *   [--db PATH] [--runs N] [--reps N --months M --seed S]
 * into *path, *runs (1..BENCH_MAX_RUNS) and *p (what is not given keeps
 * its value; p->progress is set to stderr when it is a terminal). False,
 * after a usage line on stderr naming prog, for anything else.
 */
bool bench_gen_args(const char *prog, int argc, char **argv, const char **path, int *runs,
                    struct gen_params *p);

/*
 * The generated organisation of p in the database at path, (re)generated
 * when the file is missing or the organisation was generated with other
 * parameters or on another day (its GEN_SETTING says). described (size n):
 * gen_describe's text. Returns 0, or 1 after a message on stderr naming
 * prog (*st may then be open: store_close it).
 */
int bench_open_generated(const char *prog, const char *path, const struct gen_params *p,
                         struct store **st, struct org *org, char *described, size_t n);

#endif
