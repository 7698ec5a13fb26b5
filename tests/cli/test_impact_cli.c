/*
 * test_impact_cli.c - `salescoach report impact` as a user meets it: the
 * real program (SALESCOACH_BIN) on the demo organisation, loaded once into
 * a temporary database on the reference day (SALESCOACH_NOW): the table in
 * both languages, "not enough data" below k, the figures from k on, the
 * JSON, and the refusals.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "cli_harness.h"

struct fixture {
	char dir[512];
	char db[600];
	struct harness_run last;
};

#define sc(fx, ...) harness_run(&(fx)->last, (fx)->db, NULL, __VA_ARGS__)

static void expect_out(struct fixture *fx, const char *text)
{
	harness_expect_ok(&fx->last, text);
	if (!strstr(fx->last.out, text))
		fail_msg("stdout does not hold '%s':\n%s", text, fx->last.out);
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx || harness_run_init(&fx->last, fx->dir, sizeof(fx->dir), "salescoach-impact")) {
		free(fx);
		return -1;
	}
	snprintf(fx->db, sizeof(fx->db), "%s/demo.db", fx->dir);
	*state = fx;
	if (sc(fx, "demo", NULL) != 0) {
		fprintf(stderr, "demo: %s\n", fx->last.err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	harness_run_release(&fx->last);
	free(fx);
	return 0;
}

/*
 * The demo's coaching begun since 2025 whose three months after are over:
 * 4 coachees, all senior, beside 3 reps not coached; k is 5, so no figure,
 * but the counts.
 */
static void test_not_enough_data_below_k(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "--lang", "en", "report", "impact", "--from", "2025-01", "--to", "2026-11", NULL);
	expect_out(fx, "Effect [95 %]");
	expect_out(fx, "the 3 months before");
	expect_out(fx, "Below 5 people on either side: not enough data");
	expect_out(fx, "not enough data");
	if (!strstr(fx->last.out, "total     attainment  4        3"))
		fail_msg("the total's counts are not 4 and 3:\n%s", fx->last.out);
	sc(fx, "report", "impact", "--from", "2025-01", "--to", "2026-11", NULL);
	expect_out(fx, "niet genoeg gegevens");
	expect_out(fx, "Verandering gecoacht");

	sc(fx, "report", "impact", "--from", "2025-01", "--to", "2026-11", "--json", NULL);
	json_t *rep = harness_json(&fx->last, "impact --json");
	json_t *att = json_object_get(json_object_get(rep, "total"), "attainment");
	assert_int_equal(json_integer_value(json_object_get(rep, "k")), 5);
	assert_int_equal(json_integer_value(json_object_get(rep, "months_before_after")), 3);
	assert_int_equal(json_integer_value(json_object_get(att, "treated")), 4);
	assert_int_equal(json_integer_value(json_object_get(att, "control")), 3);
	assert_true(json_is_false(json_object_get(att, "enough")));
	assert_null(json_object_get(att, "effect"));
	assert_int_equal(json_array_size(json_object_get(rep, "models")), 4);
	json_decref(rep);
}

/* With k = 2 the same people give an effect and its interval. */
static void test_figures_from_k(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "org", "set", "k", "2", NULL);
	harness_expect_ok(&fx->last, "org set k 2");
	sc(fx, "--lang", "en", "report", "impact", "--from", "2025-01", "--to", "2026-11", NULL);
	expect_out(fx, " pt [");
	sc(fx, "report", "impact", "--from", "2025-01", "--to", "2026-11", "--json", NULL);
	json_t *rep = harness_json(&fx->last, "impact --json, k 2");
	json_t *att = json_object_get(json_object_get(rep, "total"), "attainment");
	assert_true(json_is_true(json_object_get(att, "enough")));
	double effect = json_number_value(json_object_get(att, "effect"));
	assert_true(json_number_value(json_object_get(att, "low")) <= effect);
	assert_true(json_number_value(json_object_get(att, "high")) >= effect);
	json_decref(rep);
	sc(fx, "org", "set", "k", "5", NULL);
	harness_expect_ok(&fx->last, "org set k 5");
}

static void test_refusals(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "--lang", "en", "report", "impact", "--to", "2026-1", NULL);
	harness_expect_refused(&fx->last, "a bad month", "'2026-1'");
	sc(fx, "--lang", "en", "report", "impact", "--model", "boss", NULL);
	harness_expect_refused(&fx->last, "an unknown model", "boss");
	/* A rep reads no one else's coaching. */
	sc(fx, "--lang", "en", "--as", "joost.vandam@vandijk.example", "report", "impact", NULL);
	if (fx->last.status == 0 || *fx->last.out)
		fail_msg("a rep read the impact report:\n%s", fx->last.out);
	sc(fx, "--lang", "en", "report", "impact", "--help", NULL);
	expect_out(fx, "usage: salescoach report impact");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_enough_data_below_k),
		cmocka_unit_test(test_figures_from_k),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
