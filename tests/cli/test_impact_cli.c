/*
 * test_impact_cli.c - `salescoach report impact` as a user meets it: the
 * real program (SALESCOACH_BIN) on the demo organisation, loaded once into
 * a temporary database on the reference day (SALESCOACH_NOW): the table in
 * both languages, "not enough data" below k, the figures from k on, the
 * JSON, and the refusals.
 */
#include <math.h>

#include "cli_fixture.h"

#define expect_out(fx, text) harness_expect_out(&(fx)->last, (text))

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

/*
 * With k = 2 the same people give an effect and its interval. They all
 * began in July 2026 (April to June against August to October), one month:
 * Welch's interval. Attainment of the four coachees, in points: +17.17,
 * +18.67, -3.67, +5.33 (mean 9.375, s^2 = 119.41); of the three not
 * coached: -2.67, +9.5, +9.83 (mean 5.556, s^2 = 50.83). effect 3.82;
 * V = 29.85 + 16.94 = 44.70, se 6.686, df 4.99 -> 4, t = 2.776445,
 * half 18.56: 3.8 [-14.7, 22.4]. Win rate: +4.17, +8.11, -5.45, -14.29
 * (mean -1.87) against -8.62, +7.89, +2.59 (mean 0.62): effect -2.49,
 * se 6.997, df 4.86 -> 4, half 19.43: -2.5 [-21.9, 16.9].
 */
static void test_figures_from_k(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "org", "set", "k", "2", NULL);
	harness_expect_ok(&fx->last, "org set k 2");
	sc(fx, "--lang", "en", "report", "impact", "--from", "2025-01", "--to", "2026-11", NULL);
	expect_out(fx, "3.8 pt [-14.7, 22.4]");
	expect_out(fx, "-2.5 pt [-21.9, 16.9]");
	sc(fx, "report", "impact", "--from", "2025-01", "--to", "2026-11", "--json", NULL);
	json_t *rep = harness_json(&fx->last, "impact --json, k 2");
	static const char *const names[] = { "treated_change", "control_change", "effect", "low",
		                             "high" };
	static const long want[2][5] = { { 94, 56, 38, -147, 224 }, { -19, 6, -25, -219, 169 } };
	static const char *const figures[2] = { "attainment", "win_rate" };
	for (int f = 0; f < 2; f++) {
		json_t *fig = json_object_get(json_object_get(rep, "total"), figures[f]);
		assert_true(json_is_true(json_object_get(fig, "enough")));
		assert_int_equal(json_integer_value(json_object_get(fig, "treated")), 4);
		assert_int_equal(json_integer_value(json_object_get(fig, "control")), 3);
		assert_int_equal(json_integer_value(json_object_get(fig, "no_controls")), 0);
		for (int i = 0; i < 5; i++) {
			json_t *v = json_object_get(fig, names[i]);
			if (!json_is_number(v))
				fail_msg("%s %s is not shown", figures[f], names[i]);
			assert_int_equal(lround(json_number_value(v) * 10), want[f][i]);
		}
	}
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
	return cmocka_run_group_tests(tests, setup_demo_db, teardown);
}
