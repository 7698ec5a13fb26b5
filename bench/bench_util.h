/*
 * bench_util.h - what every benchmark program needs: a monotonic clock and
 * the median of its runs.
 */
#ifndef SALESCOACH_BENCH_UTIL_H
#define SALESCOACH_BENCH_UTIL_H

/* Milliseconds of the monotonic clock. */
double now_ms(void);

/* The median of the n values of v; sorts v. */
double median(double *v, int n);

#endif
