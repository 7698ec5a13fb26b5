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

#include "bench_util.h"
#include "domain/domain.h"
#include "rules/rules.h"
#include "store/store.h"

static const char prog[] = "bench_alerts";

int main(int argc, char **argv)
{
	const char *path = "var/bench.db";
	struct gen_params p = { 10000, 36, 1, NULL, NULL };
	int runs = 5;

	if (!bench_gen_args(prog, argc, argv, &path, &runs, &p))
		return 2;

	struct store *st = NULL;
	struct org org;
	struct domain dom;
	struct sc_error err;
	char described[200];
	int rc = bench_open_generated(prog, path, &p, &st, &org, described, sizeof(described));
	if (rc) {
		store_close(&st);
		return rc;
	}
	if (domain_init(&dom, st, org.id, &err)) {
		store_close(&st);
		return bench_fail(prog, "domain", &err);
	}

	double floor_ms[BENCH_MAX_RUNS], eval_ms[BENCH_MAX_RUNS];
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
			rc = bench_fail(prog, "floor", &err);
			break;
		}
		double t1 = now_ms();
		sessions = qrows_int(&rows, 0, 0);
		minutes = qrows_int(&rows, 0, 1);
		qrows_release(&rows);
		double t2 = now_ms();
		if (rules_evaluate(&dom, MSG_EN, &(struct alert_filter){ 0 }, &list, &err)) {
			rc = bench_fail(prog, "evaluation", &err);
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
		double fb = best_of(floor_ms, runs), eb = best_of(eval_ms, runs);
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
