#include "bench_util.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/timeutil.h"
#include "domain/settings.h"

double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

double cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double best_of(const double *v, int n)
{
	double b = v[0];
	for (int i = 1; i < n; i++)
		if (v[i] < b)
			b = v[i];
	return b;
}

int bench_fail(const char *prog, const char *what, const struct sc_error *err)
{
	fprintf(stderr, "%s: %s: %s\n", prog, what, err->message);
	return 1;
}

bool bench_gen_args(const char *prog, int argc, char **argv, const char **path, int *runs,
                    struct gen_params *p)
{
	uint64_t v;

	for (int i = 1; i < argc; i++) {
		const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(opt, "--db") && val) {
			*path = val;
		} else if (!strcmp(opt, "--runs") && gen_parse_number(val, BENCH_MAX_RUNS, &v) &&
		           v >= 1) {
			*runs = (int)v;
		} else if (!strcmp(opt, "--reps") && gen_parse_number(val, GEN_MAX_REPS, &v) &&
		           v >= 1) {
			p->reps = (unsigned)v;
		} else if (!strcmp(opt, "--months") && gen_parse_number(val, GEN_MAX_MONTHS, &v) &&
		           v >= 1) {
			p->months = (unsigned)v;
		} else if (!strcmp(opt, "--seed") && gen_parse_number(val, UINT64_MAX, &v)) {
			p->seed = v;
		} else {
			fprintf(stderr,
			        "usage: %s [--db PATH] [--runs 1-%d] [--reps 1-%d] "
			        "[--months 1-%d] [--seed S]\n",
			        prog, BENCH_MAX_RUNS, GEN_MAX_REPS, GEN_MAX_MONTHS);
			return false;
		}
		i++;
	}
	p->progress = isatty(STDERR_FILENO) ? stderr : NULL;
	return true;
}

static void remove_db(const char *path)
{
	char side[4200];

	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

/*
 * Whether the database at path holds the organisation slug generated as want:
 * 1 (left open in *st, the organisation in *org), 0 (missing or stale; closed)
 * or -1 (it cannot be opened; after a message).
 */
static int is_fresh(const char *prog, const char *path, const char *slug, const char *want,
                    struct store **st, struct org *org)
{
	char *have = NULL;
	struct sc_error err;
	int fresh = 0;

	if (!store_target_is_postgres(path) && access(path, F_OK) != 0)
		return 0;
	if (store_open(path, st, &err))
		return -bench_fail(prog, path, &err);
	if (org_resolve(*st, slug, org, &err) == SC_OK &&
	    store_setting_get(*st, org->id, GEN_SETTING, &have, &err) == SC_OK && have &&
	    !strcmp(have, want))
		fresh = 1;
	free(have);
	if (!fresh)
		store_close(st);
	return fresh;
}

int bench_open_generated(const char *prog, const char *path, const struct gen_params *p,
                         struct store **st, struct org *org, char *described, size_t n)
{
	char slug[64], today[TU_DATE_LEN], want[200];
	struct sc_error err;

	snprintf(slug, sizeof(slug), "gen-%" PRIu64, p->seed);
	/* The generated organisation keeps the default zone (gen.c). */
	tu_today(settings_find("timezone")->dflt, today);
	gen_describe(p, today, want, sizeof(want));
	int fresh = is_fresh(prog, path, slug, want, st, org);
	if (fresh < 0)
		return 1;
	if (!fresh && store_target_is_postgres(path)) {
		/* Generating row by row over the network is not what is measured: copy it in. */
		fprintf(stderr,
		        "%s: %s holds no %s generated as %s; copy it in with `salescoach copy "
		        "--from var/bench.db --to ...` (make bench does)\n",
		        prog, path, slug, want);
		return 1;
	}
	if (!fresh) {
		struct gen_report rep;
		char dir[4096];
		const char *slash = strrchr(path, '/');

		fprintf(stderr, "%s: generating %s into %s (%s)\n", prog, slug, path, want);
		if (slash && (size_t)(slash - path) < sizeof(dir)) {
			memcpy(dir, path, (size_t)(slash - path));
			dir[slash - path] = '\0';
			mkdir(dir, 0755);
		}
		remove_db(path);
		if (store_open_sqlite(path, st, &err))
			return bench_fail(prog, path, &err);
		if (gen_run(*st, p, &rep, &err))
			return bench_fail(prog, "generation", &err);
		fprintf(stderr, "%s: generated in %.1f s\n", prog, rep.seconds);
		if (org_resolve(*st, slug, org, &err))
			return bench_fail(prog, path, &err);
	}
	snprintf(described, n, "%s", want);
	return 0;
}
