/*
 * test_calc.c - the calculations of the product reference (calc.h), checked
 * against figures computed by hand.
 *
 * The manager figures are those of the demo organisation (docs/demo.md):
 * Sandra Visser coaches 10 reps at 3 h/month with 5 h/week; Jeroen Bakker
 * coaches 8 at 3.25 h/month with 6 h/week, which fits exactly. A wrong
 * rounding here tells a manager to delegate work that need not go, or that a
 * team of 8 is too wide.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "domain/calc.h"

#define CENT 0.005

static void test_month_hours(void **state)
{
	(void)state;
	assert_float_equal(calc_month_hours(5), 21.6667, 0.0001); /* Sandra */
	assert_true(calc_month_hours(6) == 26.0);                 /* Jeroen, exactly */
	assert_true(calc_month_hours(3) == 13.0);                 /* Sandra's forecast task */
	assert_true(calc_month_hours(1.5) == 6.5);                /* her CRM clean-up */
	assert_true(calc_month_hours(0) == 0.0);
}

static void test_max_span(void **state)
{
	(void)state;
	/* Sandra: floor(21.67 / 3) = 7. */
	assert_int_equal(calc_max_span(calc_month_hours(5), 3), 7);
	/* Jeroen: 26.0 / 3.25 = 8 exactly, not 7. */
	assert_int_equal(calc_max_span(calc_month_hours(6), 3.25), 8);
	assert_int_equal(calc_max_span(26.0, 3.25), 8);
	/* Just below a whole number stays below it. */
	assert_int_equal(calc_max_span(25.99, 3.25), 7);
	/* A product that lands a hair under the whole number still counts as it. */
	assert_int_equal(calc_max_span(0.7, 0.1), 7); /* 0.7 / 0.1 = 6.9999999999999991 */
	/* No target, no time: no span. */
	assert_int_equal(calc_max_span(26.0, 0), 0);
	assert_int_equal(calc_max_span(26.0, -1), 0);
	assert_int_equal(calc_max_span(0, 3), 0);
	assert_int_equal(calc_max_span(-5, 3), 0);
	assert_int_equal(calc_max_span(2.9, 3), 0);
}

/* Needed = distinct coachees x target: a coachee in two programmes counts once, the higher. */
static void test_needed(void **state)
{
	(void)state;
	int64_t coachees = -1;

	/* Sandra: 10 coachees at 3 h. */
	struct calc_load ten[10];
	for (int i = 0; i < 10; i++)
		ten[i] = (struct calc_load){ 100 + i, 3 };
	assert_float_equal(calc_needed(ten, 10, &coachees), 30, 1e-9);
	assert_int_equal(coachees, 10);

	/* Person 7 in programmes of 3 and 4 h (in any order), person 5 in one of 3 h: 2 x. */
	struct calc_load two[] = { { 7, 3 }, { 5, 3 }, { 7, 4 } };
	assert_float_equal(calc_needed(two, 3, &coachees), 7, 1e-9);
	assert_int_equal(coachees, 2);
	struct calc_load back[] = { { 7, 4 }, { 7, 3 } };
	assert_float_equal(calc_needed(back, 2, &coachees), 4, 1e-9);
	assert_int_equal(coachees, 1);

	/* No assignments: nothing needed. */
	assert_true(calc_needed(NULL, 0, &coachees) == 0.0);
	assert_int_equal(coachees, 0);
}

/* Sandra: short 30 - 21.67 = 8.33 h/month; forecast (13 h/month) alone closes it. */
static void test_delegation_sandra(void **state)
{
	(void)state;
	struct calc_task tasks[] = {
		{ 21, "CRM clean-up", 1.5 },
		{ 20, "Forecast and pipeline report", 3 },
	};
	bool chosen[2] = { true, true };
	double freed = -1;
	double shortfall = 10 * 3 - calc_month_hours(5);
	assert_float_equal(shortfall, 8.3333, 0.0001);
	assert_true(calc_delegation(tasks, 2, shortfall, chosen, &freed));
	assert_false(chosen[0]);
	assert_true(chosen[1]);
	assert_true(freed == 13.0);
	/* Per week the shortfall is 1.92 h. */
	assert_float_equal(shortfall * 12 / 52, 1.92, CENT);
}

/* Jeroen: needed 8 x 3.25 = 26.0, available 26.0: nothing to delegate. */
static void test_delegation_no_shortfall(void **state)
{
	(void)state;
	struct calc_task tasks[] = { { 1, "Forecast", 3 } };
	bool chosen[1] = { true };
	double freed = -1;
	double shortfall = 8 * 3.25 - calc_month_hours(6);
	assert_true(shortfall == 0.0);
	assert_true(calc_delegation(tasks, 1, shortfall, chosen, &freed));
	assert_false(chosen[0]);
	assert_true(freed == 0.0);
	/* With no tasks at all, no shortfall is still covered. */
	assert_true(calc_delegation(NULL, 0, -4, NULL, &freed));
	assert_true(freed == 0.0);
}

static void test_delegation_none_suffices(void **state)
{
	(void)state;
	struct calc_task tasks[] = {
		{ 1, "Forecast", 3 },
		{ 2, "CRM clean-up", 1.5 },
	};
	bool chosen[2] = { true, true };
	double freed = -1;
	/* 19.5 h/month in all, 30 needed. */
	assert_false(calc_delegation(tasks, 2, 30, chosen, &freed));
	assert_false(chosen[0]);
	assert_false(chosen[1]);
	assert_true(freed == 19.5);
	/* No tasks at all. */
	assert_false(calc_delegation(NULL, 0, 1, NULL, &freed));
	assert_true(freed == 0.0);
	/* A shortfall just above all tasks together is not covered either. */
	assert_false(calc_delegation(tasks, 2, 19.51, chosen, &freed));
	/* Exactly all tasks together is. */
	assert_true(calc_delegation(tasks, 2, 19.5, chosen, &freed));
	assert_true(chosen[0] && chosen[1]);
	assert_true(freed == 19.5);
}

/* Fewest tasks first, even when more tasks would free fewer hours. */
static void test_delegation_fewest_tasks(void **state)
{
	(void)state;
	struct calc_task tasks[] = {
		{ 1, "Small one", 1.2 }, /* 5.2 h/month */
		{ 2, "Small two", 1.2 }, /* 5.2 */
		{ 3, "Big one", 2.5 },   /* 10.83 */
		{ 4, "Tiny", 0 },        /* never chosen */
	};
	bool chosen[4];
	double freed;
	assert_true(calc_delegation(tasks, 4, 10, chosen, &freed));
	assert_false(chosen[0] || chosen[1] || chosen[3]);
	assert_true(chosen[2]);
	assert_float_equal(freed, 10.8333, 0.0001);
}

/* Among equally few tasks, the fewest hours; then the lowest ids. */
static void test_delegation_ties(void **state)
{
	(void)state;
	struct calc_task two[] = {
		{ 1, "Large", 5 },    /* 21.67 h/month */
		{ 2, "Enough", 2.4 }, /* 10.4 */
	};
	bool chosen[6];
	double freed;
	assert_true(calc_delegation(two, 2, 10, chosen, &freed));
	assert_false(chosen[0]);
	assert_true(chosen[1]);
	assert_float_equal(freed, 10.4, 0.0001);

	/* Equal hours: the lower id, wherever it stands in the list. */
	struct calc_task same[] = {
		{ 7, "Report A", 2.5 },
		{ 3, "Report B", 2.5 },
	};
	assert_true(calc_delegation(same, 2, 10, chosen, &freed));
	assert_false(chosen[0]);
	assert_true(chosen[1]);

	/*
	 * 15 h/month needs two tasks; 2 + 2 h/week frees 17.33, 2 + 1.5 frees 15.17 (fewer);
	 * four pairs free 15.17 and {2, 4} has the lowest ids.
	 */
	struct calc_task pairs[] = {
		{ 9, "a", 2 }, { 4, "b", 2 }, { 8, "c", 1.5 }, { 2, "d", 1.5 }, { 5, "e", 0.5 },
	};
	assert_true(calc_delegation(pairs, 5, 15, chosen, &freed));
	assert_false(chosen[0]);
	assert_true(chosen[1]);
	assert_false(chosen[2]);
	assert_true(chosen[3]);
	assert_false(chosen[4]);
	assert_float_equal(freed, 15.1667, 0.0001);
}

/* A task that frees exactly the shortfall covers it. */
static void test_delegation_exact(void **state)
{
	(void)state;
	struct calc_task tasks[] = { { 1, "CRM", 1.5 }, { 2, "Forecast", 3 } };
	bool chosen[2];
	double freed;
	assert_true(calc_delegation(tasks, 2, calc_month_hours(1.5), chosen, &freed));
	assert_true(chosen[0]);
	assert_false(chosen[1]);
	assert_true(freed == 6.5);
	/* 3 x 52 / 12 computed another way. */
	assert_true(calc_delegation(tasks, 2, 0.25 * 52, chosen, &freed));
	assert_false(chosen[0]);
	assert_true(chosen[1]);
}

/* More than 24 tasks: the 24 largest are considered, and the search stays fast. */
static void test_delegation_many_tasks(void **state)
{
	(void)state;
	struct calc_task tasks[40];
	bool chosen[40];
	double freed;
	for (size_t i = 0; i < 40; i++)
		tasks[i] = (struct calc_task){ (int64_t)(i + 1), "small", 0.5 };
	tasks[39].hours_per_week = 10; /* the last in the list is the largest */
	assert_true(calc_delegation(tasks, 40, 40, chosen, &freed));
	for (size_t i = 0; i < 39; i++)
		assert_false(chosen[i]);
	assert_true(chosen[39]);
	assert_float_equal(freed, 43.3333, 0.0001);

	/* 30 equal tasks of 1 h/week (4.33 h/month); 21 h/month takes five: ids 1-5. */
	for (size_t i = 0; i < 30; i++)
		tasks[i] = (struct calc_task){ (int64_t)(30 - i), "equal", 1 };
	assert_true(calc_delegation(tasks, 30, 21, chosen, &freed));
	size_t count = 0;
	for (size_t i = 0; i < 30; i++) {
		if (chosen[i]) {
			count++;
			assert_true(tasks[i].id <= 5);
		}
	}
	assert_int_equal(count, 5);

	/*
	 * Only the 24 largest count: 30 tasks of 1 h/week together free 130 h/month, but the
	 * 24 considered free 104; a shortfall of 110 is reported as not covered.
	 */
	assert_false(calc_delegation(tasks, 30, 110, chosen, &freed));
	for (size_t i = 0; i < 30; i++)
		assert_false(chosen[i]);
	assert_float_equal(freed, 130, 0.0001);

	/* Worst case: 24 equal tasks, half of them needed; every half ties. */
	clock_t t0 = clock();
	assert_true(calc_delegation(tasks, 24, 12 * calc_month_hours(1) - 0.01, chosen, &freed));
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	count = 0;
	for (size_t i = 0; i < 24; i++)
		if (chosen[i]) {
			count++;
			assert_true(tasks[i].id >= 7 &&
			            tasks[i].id <= 18); /* ids 30..7 given; lowest 12 */
		}
	assert_int_equal(count, 12);
	assert_true(secs < 5.0);
}

static void test_target_reduction(void **state)
{
	(void)state;
	/* Erik: Q0 80,000, fixed 20 % -> 16,000, implied quota 64,000. */
	assert_float_equal(calc_target_reduction(80000, 3.5, 140, true, 20), 16000, CENT);
	/* Nicole: Q0 70,000, no fixed share, October 3.0 h -> 1,500, implied 68,500. */
	assert_float_equal(calc_target_reduction(70000, 3.0, 140, false, 0), 1500, CENT);
	/* November so far 5.25 h -> 2,625, implied 67,375. */
	assert_float_equal(calc_target_reduction(70000, 5.25, 140, false, 0), 2625, CENT);
	/* No coaching, no reduction; no selling hours configured, no reduction. */
	assert_true(calc_target_reduction(70000, 0, 140, false, 0) == 0.0);
	assert_true(calc_target_reduction(70000, 3, 0, false, 0) == 0.0);
}

static void test_bonus_component(void **state)
{
	(void)state;
	/* 10 % of a 12,000 bonus at 95 % attainment: 1,140. */
	assert_float_equal(calc_bonus_component(10, 12000, 95, 80, 120), 1140, CENT);
	/* Paid from 80 % on: exactly 80 % pays, just below does not. */
	assert_float_equal(calc_bonus_component(10, 12000, 80, 80, 120), 960, CENT);
	assert_true(calc_bonus_component(10, 12000, 79.99, 80, 120) == 0.0);
	/* Capped at 120 %. */
	assert_float_equal(calc_bonus_component(10, 12000, 135, 80, 120), 1440, CENT);
	assert_float_equal(calc_bonus_component(10, 12000, 120, 80, 120), 1440, CENT);
	/* No share, no component. */
	assert_true(calc_bonus_component(0, 12000, 100, 80, 120) == 0.0);
}

static void test_attainment_and_win_rate(void **state)
{
	(void)state;
	double pct = -1;
	assert_true(calc_attainment(56000, 70000, &pct));
	assert_float_equal(pct, 80, 1e-9);
	assert_true(calc_attainment(0, 70000, &pct));
	assert_true(pct == 0.0);
	pct = -1;
	assert_false(calc_attainment(1000, 0, &pct));
	assert_true(pct == -1);
	assert_false(calc_attainment(1000, -5, &pct));

	assert_true(calc_win_rate(3, 1, &pct));
	assert_float_equal(pct, 75, 1e-9);
	assert_true(calc_win_rate(0, 4, &pct));
	assert_true(pct == 0.0);
	pct = -1;
	assert_false(calc_win_rate(0, 0, &pct));
	assert_true(pct == -1);
}

/* Ready: lowest score and mean at their minimums, and the decision "ready"; else not. */
static void test_readiness(void **state)
{
	(void)state;
	int64_t lowest = 0;
	double mean = 0;
	const int64_t at_minimum[4] = { 3, 4, 4, 4 }; /* mean 3.75 */
	const int64_t one_low[4] = { 2, 5, 5, 5 };    /* mean 4.25, lowest 2 */

	assert_true(calc_ready(at_minimum, "ready", 3, 3.75, &lowest, &mean));
	assert_int_equal(lowest, 3);
	assert_true(fabs(mean - 3.75) < 1e-9);
	assert_false(calc_ready(at_minimum, "not_yet", 3, 3.75, &lowest, &mean));
	assert_false(calc_ready(at_minimum, "ready", 3, 3.76, &lowest, &mean));
	assert_false(calc_ready(one_low, "ready", 3, 3.5, &lowest, &mean));
	assert_int_equal(lowest, 2);
	assert_true(fabs(mean - 4.25) < 1e-9);
	assert_false(calc_ready(at_minimum, NULL, 3, 3.75, &lowest, &mean));
}

/*
 * The impact as a difference in differences, against figures computed by
 * hand (Welch's interval; the t values of a printed table).
 */
static void test_impact_difference_in_differences(void **state)
{
	(void)state;
	struct calc_did r;

	/* Equal spread: df = 4 exactly (computed as 3.9999999999999996), t = 2.776445. */
	const double a1[] = { 0.1, 0.2, 0.3 }, a2[] = { 0.0, 0.1, -0.1 };
	calc_did(a1, 3, a2, 3, 3, &r);
	assert_true(r.enough);
	assert_int_equal(r.treated, 3);
	assert_int_equal(r.control, 3);
	assert_true(fabs(r.treated_change - 0.2) < 1e-9 && fabs(r.control_change) < 1e-9);
	assert_true(fabs(r.effect - 0.2) < 1e-9);
	assert_true(fabs(r.df - 4) < 1e-9);
	assert_true(fabs(r.low - -0.0266957) < 1e-6 && fabs(r.high - 0.4266957) < 1e-6);

	/* Unequal groups: effect 4 - 2.4 = 1.6, se = sqrt(20/3/4 + 0.8/5) = 1.3515423,
	 * df = 3.5789 -> 3, t = 3.182446: 1.6 +- 4.3012103. */
	const double b1[] = { 1, 3, 5, 7 }, b2[] = { 2, 2, 2, 2, 4 };
	calc_did(b1, 4, b2, 5, 3, &r);
	assert_true(r.enough);
	assert_true(fabs(r.effect - 1.6) < 1e-9);
	assert_true(fabs(r.df - 3.5789106) < 1e-6);
	assert_true(fabs(r.low - -2.7012103) < 1e-6 && fabs(r.high - 5.9012103) < 1e-6);

	/* No spread: the interval is the effect itself. */
	const double c1[] = { 0.5, 0.5 }, c2[] = { 0.25, 0.25 };
	calc_did(c1, 2, c2, 2, 2, &r);
	assert_true(r.enough && fabs(r.effect - 0.25) < 1e-9);
	assert_true(r.low == r.effect && r.high == r.effect);

	/* Not enough data: fewer than k in a group, fewer than 2, or a value that is none. */
	calc_did(b1, 4, b2, 5, 5, &r);
	assert_false(r.enough);
	assert_int_equal(r.treated, 4); /* the counts are told even so */
	assert_int_equal(r.control, 5);
	calc_did(a1, 1, a2, 3, 1, &r);
	assert_false(r.enough);
	const double bad[] = { 0.1, NAN };
	calc_did(bad, 2, a2, 3, 2, &r);
	assert_false(r.enough);

	/* The table's ends: fractional df round down, large df come to 1.98. */
	assert_true(fabs(calc_t975(1.9) - 12.706205) < 1e-9);
	assert_true(fabs(calc_t975(30.5) - 2.042272) < 1e-9);
	assert_true(fabs(calc_t975(45) - 2.021075) < 1e-9);
	assert_true(fabs(calc_t975(1e6) - 1.979930) < 1e-9);
}

/*
 * The difference in differences over cohorts, worked by hand. Cohort 0:
 * controls 0 and 10 (mean 5, s^2 = 50); cohort 1: 20, 30, 40 (mean 30,
 * s^2 = 100). Coached: 5 and 15 in cohort 0, 26 and 34 in cohort 1.
 * d = 0, 10, -4, 4: effect 2.5 (the unweighted pool of all five controls,
 * mean 20, would give 20 - 20 = 0); treated_change 80/4 = 20,
 * control_change (5 + 5 + 30 + 30)/4 = 17.5. s_d^2 = (6.25 + 56.25 +
 * 42.25 + 2.25)/3 = 35.6667, /4 = 8.9167; cohorts (2/4)^2 50/2 = 6.25 and
 * (2/4)^2 100/3 = 8.3333: V = 23.5, sqrt 4.8476799. df = 552.25 /
 * (8.9167^2/3 + 6.25^2/1 + 8.3333^2/2) = 552.25 / 100.28704 = 5.507 -> 5,
 * t = 2.570582: 2.5 +- 12.4613586.
 */
static void test_impact_cohorts(void **state)
{
	(void)state;
	struct calc_did r, w;
	const double t[] = { 5, 15, 26, 34 }, c0[] = { 0, 10 }, c1[] = { 20, 30, 40 };
	const size_t coh[] = { 0, 0, 1, 1 };
	const struct calc_cohort cs[] = { { c0, 2 }, { c1, 3 }, { NULL, 0 } };

	calc_did_cohorts(t, coh, 4, cs, 3, 5, 3, &r); /* cohort 2, empty, has no one coached */
	assert_true(r.enough);
	assert_int_equal(r.treated, 4);
	assert_int_equal(r.control, 5);
	assert_true(fabs(r.treated_change - 20) < 1e-9 && fabs(r.control_change - 17.5) < 1e-9);
	assert_true(fabs(r.effect - 2.5) < 1e-9);
	assert_true(fabs(r.df - 5.5066937) < 1e-6);
	assert_true(fabs(r.low - -9.9613586) < 1e-6 && fabs(r.high - 14.9613586) < 1e-6);

	/* One cohort: Welch's interval, as calc_did. */
	const double b1[] = { 1, 3, 5, 7 }, b2[] = { 2, 2, 2, 2, 4 };
	const size_t one[] = { 0, 0, 0, 0 };
	const struct calc_cohort cb[] = { { b2, 5 } };
	calc_did_cohorts(b1, one, 4, cb, 1, 5, 3, &r);
	calc_did(b1, 4, b2, 5, 3, &w);
	assert_true(r.enough && w.enough);
	assert_true(fabs(r.effect - w.effect) < 1e-9 && fabs(r.df - w.df) < 1e-9);
	assert_true(fabs(r.low - w.low) < 1e-9 && fabs(r.high - w.high) < 1e-9);
	assert_true(fabs(r.treated_change - 4) < 1e-9 && fabs(r.control_change - 2.4) < 1e-9);

	/* No spread anywhere: the interval is the effect, on n_t - 1 + sum (n_M - 1) = 2 + 1. */
	const double f[] = { 1, 1, 1 }, g[] = { 0, 0 };
	const size_t z[] = { 0, 0, 0 };
	const struct calc_cohort cg[] = { { g, 2 } };
	calc_did_cohorts(f, z, 3, cg, 1, 2, 2, &r);
	assert_true(r.enough && fabs(r.effect - 1) < 1e-9 && r.low == r.effect &&
	            r.high == r.effect);
	assert_true(fabs(r.df - 3) < 1e-9);

	/* Not enough: k above the coached or the controls, a cohort used with one control, a
	 * value that is none; the counts are told even so. */
	calc_did_cohorts(t, coh, 4, cs, 2, 5, 5, &r);
	assert_false(r.enough);
	assert_int_equal(r.treated, 4);
	assert_int_equal(r.control, 5);
	calc_did_cohorts(t, coh, 4, cs, 2, 2, 3, &r);
	assert_false(r.enough);
	const struct calc_cohort thin[] = { { c0, 1 }, { c1, 3 } };
	calc_did_cohorts(t, coh, 4, thin, 2, 4, 3, &r);
	assert_false(r.enough);
	const double bad[] = { 5, NAN, 26, 34 };
	calc_did_cohorts(bad, coh, 4, cs, 2, 5, 3, &r);
	assert_false(r.enough);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_month_hours),
		cmocka_unit_test(test_max_span),
		cmocka_unit_test(test_needed),
		cmocka_unit_test(test_delegation_sandra),
		cmocka_unit_test(test_delegation_no_shortfall),
		cmocka_unit_test(test_delegation_none_suffices),
		cmocka_unit_test(test_delegation_fewest_tasks),
		cmocka_unit_test(test_delegation_ties),
		cmocka_unit_test(test_delegation_exact),
		cmocka_unit_test(test_delegation_many_tasks),
		cmocka_unit_test(test_target_reduction),
		cmocka_unit_test(test_bonus_component),
		cmocka_unit_test(test_attainment_and_win_rate),
		cmocka_unit_test(test_readiness),
		cmocka_unit_test(test_impact_difference_in_differences),
		cmocka_unit_test(test_impact_cohorts),
	};
	return cmocka_run_group_tests_name("calc", tests, NULL, NULL);
}
