/*
 * bench_login.c - whether the time a login takes tells anything about the
 * address tried.
 *
 *   bench_login [--runs N]
 *
 * Builds a small organisation in an in-memory database: a person with an
 * account, a person without one, and an inactive person with one. Then,
 * after one warm-up of each, it times N logins (default 20) of each kind,
 * taking turns so that a busy machine slows them alike: the right password,
 * a wrong password for the real account, an address nobody has, the person
 * without an account, and the inactive person (the right password of the
 * account). It prints the best and the median of each kind and the ratio of
 * each median to the right password's: when every ratio is near 1, the
 * time of a failed login does not say why it failed. docs/benchmarks.md
 * explains the figures.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/account.h"
#include "bench_util.h"
#include "domain/domain.h"
#include "domain/org.h"
#include "store/store.h"

#define MAX_RUNS 201
#define PASSWORD "a password for the benchmark"

enum kind { RIGHT, WRONG, UNKNOWN, NO_ACCOUNT, INACTIVE, NKINDS };

static const struct {
	const char *name, *email, *password;
	enum sc_result want;
} kinds[NKINDS] = {
	[RIGHT] = { "right password", "ada@bench.example", PASSWORD, SC_OK },
	[WRONG] = { "wrong password", "ada@bench.example", "not the password", SC_FORBIDDEN },
	[UNKNOWN] = { "unknown address", "nobody@bench.example", PASSWORD, SC_FORBIDDEN },
	[NO_ACCOUNT] = { "no account", "bob@bench.example", PASSWORD, SC_FORBIDDEN },
	[INACTIVE] = { "inactive person", "cleo@bench.example", PASSWORD, SC_FORBIDDEN },
};

static int fail(const char *what, const struct sc_error *err)
{
	fprintf(stderr, "bench_login: %s: %s\n", what, err->message);
	return 1;
}

/* Add the person name <email>, active or not, with an account when account is true. */
static enum sc_result add_person(struct domain *d, const char *name, const char *email, bool active,
                                 bool account, struct sc_error *err)
{
	struct record *p = record_new(entity_get(E_PERSON));
	enum sc_result rc;
	int64_t id = 0;

	if (!p)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	if ((rc = record_put_text(p, "name", name)) || (rc = record_put_text(p, "email", email)) ||
	    (rc = domain_add(d, p, err)))
		goto out;
	if (account && (rc = account_set(d, p->id, "member", PASSWORD, &id, err)))
		goto out;
	if (!active) {
		struct record *upd = record_new(p->def);
		if (!upd) {
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
			goto out;
		}
		upd->id = p->id;
		record_put_int(upd, "active", 0);
		rc = domain_update(d, upd, err);
		record_free(&upd);
	}
out:
	record_free(&p);
	return rc;
}

int main(int argc, char **argv)
{
	int runs = 20;

	for (int i = 1; i < argc; i++) {
		char *end = NULL;
		long v = i + 1 < argc ? strtol(argv[i + 1], &end, 10) : 0;
		if (!strcmp(argv[i], "--runs") && end && !*end && v >= 1 && v <= MAX_RUNS) {
			runs = (int)v;
			i++;
		} else {
			fprintf(stderr, "usage: bench_login [--runs 1-%d]\n", MAX_RUNS);
			return 2;
		}
	}

	struct store *st = NULL;
	struct domain d;
	struct sc_error err;
	int64_t org;
	int rc = 0;

	sc_error_init(&err);
	if (account_global_init(&err) || store_open_sqlite(":memory:", &st, &err) ||
	    org_create(st, "Bench BV", "bench", "en", NULL, &org, &err) ||
	    domain_init(&d, st, org, &err) ||
	    add_person(&d, "Ada Account", kinds[RIGHT].email, true, true, &err) ||
	    add_person(&d, "Bob Noaccount", kinds[NO_ACCOUNT].email, true, false, &err) ||
	    add_person(&d, "Cleo Inactive", kinds[INACTIVE].email, false, true, &err)) {
		rc = fail("setting up", &err);
		goto out;
	}

	static double ms[NKINDS][MAX_RUNS];
	double best[NKINDS], med[NKINDS];
	/* Run 0 is the warm-up: the statements are compiled, the memory is mapped. */
	for (int r = 0; r <= runs && rc == 0; r++) {
		for (int k = 0; k < NKINDS; k++) {
			struct account_auth auth;
			sc_error_init(&err);
			double t0 = now_ms();
			enum sc_result got = account_login(st, kinds[k].email, kinds[k].password,
			                                   NULL, "192.0.2.1", &auth, &err);
			double t1 = now_ms();
			if (got != kinds[k].want) {
				fprintf(stderr, "bench_login: %s: answered %s, not %s: %s\n",
				        kinds[k].name, sc_result_name(got),
				        sc_result_name(kinds[k].want), err.message);
				rc = 1;
				break;
			}
			if (got == SC_OK)
				account_logout(st, auth.org, auth.login, NULL);
			if (r > 0)
				ms[k][r - 1] = t1 - t0;
		}
	}
	if (rc)
		goto out;
	for (int k = 0; k < NKINDS; k++) {
		best[k] = ms[k][0];
		for (int r = 1; r < runs; r++)
			if (ms[k][r] < best[k])
				best[k] = ms[k][r];
		med[k] = median(ms[k], runs);
	}
	printf("salescoach login benchmark\n\n"
	       "  runs  %d of each kind, taking turns, after one warm-up\n\n"
	       "                        best      median   median/right\n",
	       runs);
	for (int k = 0; k < NKINDS; k++)
		printf("  %-16s %8.1f ms %8.1f ms %8.2f\n", kinds[k].name, best[k], med[k],
		       med[k] / med[RIGHT]);
	double worst = 0;
	for (int k = 0; k < NKINDS; k++) {
		double off = med[k] / med[RIGHT] - 1;
		if (off < 0)
			off = -off;
		if (off > worst)
			worst = off;
	}
	printf("\n  every median within %.1f %% of the right password's: %s (aim: 10 %%)\n",
	       worst * 100, worst <= 0.10 ? "yes" : "no");
out:
	store_close(&st);
	return rc;
}
