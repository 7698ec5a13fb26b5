/*
 * bench_reports.c - how long each report of a range of months (plan/report.h)
 * takes on a large organisation, beside a floor measured in the same run.
 *
 *   bench_reports [--db PATH] [--runs N] [--reps N --months M --seed S]
 *                 [--only REPORT]
 *
 * Opens the database (var/bench.db by default) as bench_alerts does,
 * generating the organisation of `salescoach gen --reps 10000 --months 36
 * --seed 1` into it first when it is missing, stale or another (bench_util).
 * Every report of the table below is computed as the local administrator
 * (the command line's user, who sees every figure: REPORT_VIEW_ACTIVITY)
 * over two ranges: the default (REPORT_DEFAULT_MONTHS up to this month) and
 * 36 months (the 35 before this month and this one: the whole history the
 * generator writes before this month, less its first month); a report
 * that takes no range (the programmes' overview, of the last
 * REPORT_WINDOW_DAYS days) at the default one only. A run is the
 * report computed and its answer written as compact JSON (what the API
 * sends, before compression), then freed.
 *
 * The floor is one aggregate scan over every session of the organisation
 * (SQ_SESSION_SCAN: the count and summed minutes of its 1.6 million
 * sessions), as in bench_alerts. A report of 36 months looks at nearly all
 * of the organisation's sessions, and no report that reads them can take
 * less than the cheapest read of them all, in the same process, the same
 * database and the same run; a report that reads them through a covering
 * index may come in under it, and its ratio then says so.
 *
 * After one warm-up of each, N runs (default 5) alternate: the floor, then
 * every report at every range. It prints the best and median of each in ms,
 * the ratio of each to the floor's (best to best, median to median),
 * whether the median is under one second (a figure, not a verdict: the exit
 * status is 0 whatever the times), and the size of each answer.
 * docs/benchmarks.md explains the figures.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "bench_util.h"
#include "domain/domain.h"
#include "plan/report.h"
#include "store/store.h"

static const char prog[] = "bench_reports";

/* The programmes' overview has its own window (REPORT_WINDOW_DAYS); it takes no range. */
static enum sc_result programmes(struct domain *d, const struct report_opts *o, json_t **out,
                                 struct sc_error *err)
{
	(void)o;
	return report_programmes(d, out, err);
}

/* Every report measured: one line each. */
static const struct {
	const char *name;
	report_fn compute;
	bool unranged; /* the same at every range: measured at the default one only */
} reports[] = {
	{ "coverage", report_coverage }, { "hours", report_hours },
	{ "impact", report_impact },     { "acceptance", report_acceptance },
	{ "coaches", report_coaches },   { "programmes", programmes, true },
};
#define NREPORTS (sizeof(reports) / sizeof(reports[0]))

/* The ranges: the default one, and 36 months up to this month. */
#define NRANGES 2

/* The report named by --only, or NULL for every one. */
static const char *only;

static bool measured(size_t r, int g)
{
	return (!only || !strcmp(only, reports[r].name)) && (g == 0 || !reports[r].unranged);
}

/* The wall-clock and processor times of each run, in ms. */
struct times {
	double wall[BENCH_MAX_RUNS], cpu[BENCH_MAX_RUNS];
};

struct figures {
	struct times t;
	size_t bytes;  /* of the last run's answer */
	char span[32]; /* its "from" and "to" */
};

/* One run of report r over range o: computed, written, freed. Returns 0 or 1. */
static int run_report(struct domain *d, size_t r, const struct report_opts *o, struct figures *f)
{
	struct sc_error err;
	json_t *out = NULL;

	sc_error_init(&err);
	if (reports[r].compute(d, o, &out, &err) != SC_OK)
		return bench_fail(prog, reports[r].name, &err);
	char *text = json_dumps(out, JSON_COMPACT);
	const char *from = json_string_value(json_object_get(out, "from"));
	const char *to = json_string_value(json_object_get(out, "to"));
	snprintf(f->span, sizeof(f->span), "%s..%s", from ? from : "?", to ? to : "?");
	json_decref(out);
	if (!text) {
		fprintf(stderr, "%s: %s: out of memory\n", prog, reports[r].name);
		return 1;
	}
	f->bytes = strlen(text);
	free(text);
	return 0;
}

/* The floor: the organisation's sessions counted and their minutes summed. */
static int run_floor(struct store *st, int64_t org, int64_t *sessions)
{
	struct qrows rows = { 0 };
	struct sc_error err;

	if (store_query(st, org, SQ_SESSION_SCAN, NULL, 0, &rows, &err))
		return bench_fail(prog, "floor", &err);
	*sessions = qrows_int(&rows, 0, 0);
	qrows_release(&rows);
	return 0;
}

/* Run 0 is the warm-up: the pages come into the cache, the statements are compiled. */
static int measure(struct store *st, struct domain *d, const struct report_opts *ranges, int runs,
                   struct times *floor, struct figures (*fig)[NRANGES], int64_t *sessions)
{
	for (int run = 0; run <= runs; run++) {
		/* Where this run's times go: nowhere for the warm-up. */
		int i = run > 0 ? run - 1 : BENCH_MAX_RUNS - 1;
		double w = now_ms(), c = cpu_ms();
		if (run_floor(st, d->org, sessions))
			return 1;
		floor->wall[i] = now_ms() - w;
		floor->cpu[i] = cpu_ms() - c;
		for (size_t r = 0; r < NREPORTS; r++)
			for (int g = 0; g < NRANGES; g++) {
				if (!measured(r, g))
					continue;
				w = now_ms();
				c = cpu_ms();
				if (run_report(d, r, &ranges[g], &fig[r][g]))
					return 1;
				fig[r][g].t.wall[i] = now_ms() - w;
				fig[r][g].t.cpu[i] = cpu_ms() - c;
			}
	}
	return 0;
}

/* One line of figures: best and median wall-clock time, median processor time, ratios. */
static void print_line(const char *label, struct times *t, int runs, const double *fl,
                       const char *within, const char *answer)
{
	double b = best_of(t->wall, runs), m = median(t->wall, runs), c = median(t->cpu, runs);
	printf("  %-34s %7.1f ms %7.1f ms %7.1f ms %6.2f %6.2f %6.2f %7s %10s\n", label, b, m, c,
	       b / fl[0], m / fl[1], c / fl[2], within, answer);
}

static void print_figures(const char *path, const char *described, int64_t sessions, int runs,
                          struct times *floor, struct figures (*fig)[NRANGES])
{
	const double fl[3] = { best_of(floor->wall, runs), median(floor->wall, runs),
		               median(floor->cpu, runs) };

	printf("salescoach reports benchmark\n\n"
	       "  database    %s (%s)\n"
	       "  sessions    %" PRId64 "\n"
	       "  runs        %d of each, after one warm-up, as the local administrator\n\n"
	       "  %-34s %10s %10s %10s %20s %7s %10s\n"
	       "  %-34s %10s %10s %10s %6s %6s %6s %7s %10s\n",
	       path, described, sessions, runs, "", "wall-clock", "", "processor", "/ floor",
	       "within", "answer", "", "best", "median", "median", "best", "median", "cpu", "1 s",
	       "");
	print_line("floor (session scan)", floor, runs, fl, "", "");
	for (size_t r = 0; r < NREPORTS; r++)
		for (int g = 0; g < NRANGES; g++) {
			if (!measured(r, g))
				continue;
			char label[80], answer[32];
			snprintf(label, sizeof(label), "%s, %s", reports[r].name, fig[r][g].span);
			snprintf(answer, sizeof(answer), "%.1f KB",
			         (double)fig[r][g].bytes / 1024.0);
			print_line(label, &fig[r][g].t, runs, fl,
			           median(fig[r][g].t.wall, runs) < 1000.0 ? "yes" : "no", answer);
		}
	printf("\n  / floor: best to best, median to median, processor time to processor time.\n"
	       "  within 1 s: whether the median wall-clock time is under 1,000 ms.\n");
}

int main(int argc, char **argv)
{
	const char *path = "var/bench.db";
	struct gen_params p = { 10000, 36, 1, NULL, NULL };
	int runs = 5;

	/* --only NAME: that report alone (to profile it); the other options are bench_util's. */
	for (int i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], "--only")) {
			only = argv[i + 1];
			memmove(&argv[i], &argv[i + 2], (size_t)(argc - i - 1) * sizeof(*argv));
			argc -= 2;
			break;
		}
	bool known = !only;
	for (size_t r = 0; r < NREPORTS; r++)
		known = known || !strcmp(only, reports[r].name);
	if (!known) {
		fprintf(stderr, "%s: --only: no report named %s\n", prog, only);
		return 2;
	}
	if (!bench_gen_args(prog, argc, argv, &path, &runs, &p)) {
		fprintf(stderr, "       [--only REPORT] where REPORT is one of:");
		for (size_t r = 0; r < NREPORTS; r++)
			fprintf(stderr, " %s", reports[r].name);
		fprintf(stderr, "\n");
		return 2;
	}

	struct store *st = NULL;
	struct org org;
	struct domain dom;
	struct sc_error err;
	char described[200], from36[16];
	int rc = bench_open_generated(prog, path, &p, &st, &org, described, sizeof(described));
	if (rc) {
		store_close(&st);
		return rc;
	}
	/* domain_init acts as the local administrator. */
	if (domain_init(&dom, st, org.id, &err)) {
		store_close(&st);
		return bench_fail(prog, "domain", &err);
	}
	/* This month in the organisation's zone, less 35. */
	int month = atoi(dom.today) * 12 + atoi(dom.today + 5) - 1 - 35;
	snprintf(from36, sizeof(from36), "%04d-%02d", month / 12, month % 12 + 1);
	const struct report_opts ranges[NRANGES] = { { 0 }, { .from = from36 } };

	struct times *floor = calloc(1, sizeof(*floor));
	struct figures(*fig)[NRANGES] = calloc(NREPORTS, sizeof(*fig));
	int64_t sessions = 0;
	if (!floor || !fig) {
		fprintf(stderr, "%s: out of memory\n", prog);
		rc = 1;
	}
	if (rc == 0 && (rc = measure(st, &dom, ranges, runs, floor, fig, &sessions)) == 0)
		print_figures(path, described, sessions, runs, floor, fig);
	free(floor);
	free(fig);
	store_close(&st);
	return rc;
}
