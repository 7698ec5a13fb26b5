/*
 * bench_alerts.c - how long a full pitfall evaluation takes on a large
 * organisation, beside a floor measured in the same run.
 *
 *   bench_alerts [--db PATH] [--runs N] [--reps N --months M --seed S]
 *
 * Opens the database (var/bench.db by default), generating the organisation
 * of `salescoach gen --reps 10000 --months 36 --seed 1` into it first when
 * it is missing or was generated with other parameters or on another day
 * (the history is relative to today). Then, after one warm-up of each, it
 * runs N times (default 5), alternating: the floor, one aggregate scan over
 * every session of the organisation (SQ_SESSION_SCAN), and a full evaluation
 * of every rule (rules_evaluate, as `salescoach alerts` does, texts in
 * English). It prints the best and median of each, their ratio, and the
 * alerts found per rule. docs/benchmarks.md explains the figures.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bench_util.h"
#include "domain/domain.h"
#include "seed/gen.h"
#include "domain/org.h"
#include "rules/rules.h"
#include "domain/settings.h"
#include "store/store.h"

#define MAX_RUNS 101

static double best(const double *v, int n)
{
	double b = v[0];
	for (int i = 1; i < n; i++)
		if (v[i] < b)
			b = v[i];
	return b;
}

static int fail(const char *what, const struct sc_error *err)
{
	fprintf(stderr, "bench_alerts: %s: %s\n", what, err->message);
	return 1;
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

/* The generated organisation of p in the database at path, (re)generated when it is not there. */
static int open_generated(const char *path, const struct gen_params *p, struct store **st,
                          struct org *org, char *described, size_t n)
{
	char slug[64], today[TU_DATE_LEN], want[200];
	char *have = NULL;
	struct sc_error err;
	bool fresh = false;

	snprintf(slug, sizeof(slug), "gen-%" PRIu64, p->seed);
	/* The generated organisation keeps the default zone (gen.c). */
	tu_today(settings_find("timezone")->dflt, today);
	gen_describe(p, today, want, sizeof(want));
	if (access(path, F_OK) == 0) {
		if (store_open_sqlite(path, st, &err))
			return fail(path, &err);
		if (org_resolve(*st, slug, org, &err) == SC_OK &&
		    store_setting_get(*st, org->id, GEN_SETTING, &have, &err) == SC_OK && have &&
		    !strcmp(have, want))
			fresh = true;
		free(have);
		if (!fresh)
			store_close(st);
	}
	if (!fresh) {
		struct gen_report rep;
		char dir[4096];
		const char *slash = strrchr(path, '/');

		fprintf(stderr, "bench_alerts: generating %s into %s (%s)\n", slug, path, want);
		if (slash && (size_t)(slash - path) < sizeof(dir)) {
			memcpy(dir, path, (size_t)(slash - path));
			dir[slash - path] = '\0';
			mkdir(dir, 0755);
		}
		remove_db(path);
		if (store_open_sqlite(path, st, &err))
			return fail(path, &err);
		if (gen_run(*st, p, &rep, &err))
			return fail("generation", &err);
		fprintf(stderr, "bench_alerts: generated in %.1f s\n", rep.seconds);
		if (org_resolve(*st, slug, org, &err))
			return fail(path, &err);
	}
	snprintf(described, n, "%s", want);
	return 0;
}

int main(int argc, char **argv)
{
	const char *path = "var/bench.db";
	struct gen_params p = { 10000, 36, 1, NULL, NULL };
	int runs = 5;
	uint64_t v;

	for (int i = 1; i < argc; i++) {
		const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(opt, "--db") && val) {
			path = val;
		} else if (!strcmp(opt, "--runs") && gen_parse_number(val, MAX_RUNS, &v) &&
		           v >= 1) {
			runs = (int)v;
		} else if (!strcmp(opt, "--reps") && gen_parse_number(val, GEN_MAX_REPS, &v) &&
		           v >= 1) {
			p.reps = (unsigned)v;
		} else if (!strcmp(opt, "--months") && gen_parse_number(val, GEN_MAX_MONTHS, &v) &&
		           v >= 1) {
			p.months = (unsigned)v;
		} else if (!strcmp(opt, "--seed") && gen_parse_number(val, UINT64_MAX, &v)) {
			p.seed = v;
		} else {
			fprintf(stderr,
			        "usage: bench_alerts [--db PATH] [--runs 1-%d] [--reps 1-%d] "
			        "[--months 1-%d] [--seed S]\n",
			        MAX_RUNS, GEN_MAX_REPS, GEN_MAX_MONTHS);
			return 2;
		}
		i++;
	}
	p.progress = isatty(STDERR_FILENO) ? stderr : NULL;

	struct store *st = NULL;
	struct org org;
	struct domain dom;
	struct sc_error err;
	char described[200];
	int rc = open_generated(path, &p, &st, &org, described, sizeof(described));
	if (rc) {
		store_close(&st);
		return rc;
	}
	if (domain_init(&dom, st, org.id, &err)) {
		store_close(&st);
		return fail("domain", &err);
	}

	double floor_ms[MAX_RUNS], eval_ms[MAX_RUNS];
	int64_t sessions = 0, minutes = 0;
	size_t nrules;
	const struct rule_def *rules = rules_all(&nrules);
	size_t *per_rule = calloc(nrules + 1, sizeof(*per_rule)), total = 0;

	if (!per_rule) {
		store_close(&st);
		return 1;
	}
	/* Run 0 is the warm-up: the pages come into the cache, the statements are compiled. */
	for (int r = 0; r <= runs && rc == 0; r++) {
		struct qrows rows = { 0 };
		struct alert_list list = { 0 };
		double t0 = now_ms();
		if (store_query(st, org.id, SQ_SESSION_SCAN, NULL, 0, &rows, &err)) {
			rc = fail("floor", &err);
			break;
		}
		double t1 = now_ms();
		sessions = qrows_int(&rows, 0, 0);
		minutes = qrows_int(&rows, 0, 1);
		qrows_release(&rows);
		double t2 = now_ms();
		if (rules_evaluate(&dom, MSG_EN, &(struct alert_filter){ 0 }, &list, &err)) {
			rc = fail("evaluation", &err);
			alert_list_release(&list);
			break;
		}
		if (r == runs) {
			for (size_t a = 0; a < list.n; a++)
				for (size_t k = 0; k < nrules; k++)
					if (!strcmp(list.items[a].rule, rules[k].id))
						per_rule[k]++;
			total = list.n;
		}
		alert_list_release(&list);
		double t3 = now_ms();
		if (r > 0) {
			floor_ms[r - 1] = t1 - t0;
			eval_ms[r - 1] = t3 - t2;
		}
	}
	if (rc == 0) {
		double fb = best(floor_ms, runs), eb = best(eval_ms, runs);
		double fm = median(floor_ms, runs), em = median(eval_ms, runs);
		printf("salescoach alerts benchmark\n\n"
		       "  database    %s (%s)\n"
		       "  reps        %u\n"
		       "  sessions    %" PRId64 " (%.1f million minutes)\n"
		       "  runs        %d of each, after one warm-up\n\n"
		       "                         best       median\n"
		       "  floor (scan)      %9.1f ms %9.1f ms\n"
		       "  evaluation        %9.1f ms %9.1f ms\n"
		       "  evaluation/floor  %9.2f    %9.2f\n\n"
		       "alerts found per rule (last run):\n",
		       path, described, p.reps, sessions, (double)minutes / 1e6, runs, fb, fm, eb,
		       em, eb / fb, em / fm);
		for (size_t k = 0; k < nrules; k++)
			printf("  %-32s %6zu\n", rules[k].id, per_rule[k]);
		printf("  %-32s %6zu\n", "total", total);
	}
	free(per_rule);
	store_close(&st);
	return rc;
}
